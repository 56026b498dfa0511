"""Coverage before drawing: every glyph about to be drawn is in a font of its role's chain.

A character outside every font of its chain would print as an empty box with no warning
(docs/fonts.md#glyph-traps); it is reported with the story, the text around it, the
character, its code point and the fonts tried, before anything is written. Characters drawn
from a later font of the chain (a fallback) are listed for the build report.

In: the laid-out pages, the issue (for positions), the FontSet. Out: the fallbacks, or
InputError.
"""
from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from layout.compose.chars import is_han
from layout.compose.types import PlacedGlyph
from layout.errors import Diagnostic, InputError
from layout.fonts.fontset import FontSet
from layout.issue.model import Issue
from layout.page.items import PageLayout, TextLine, VText, owner_runs


_FACE_CH = itemgetter(PlacedGlyph._fields.index("face"), PlacedGlyph._fields.index("ch"))


def _glyphs(it) -> tuple:
    """The glyphs an item draws (a horizontal line's or a vertical column's), else ()."""
    if isinstance(it, TextLine):
        return it.line.glyphs
    return it.glyphs if isinstance(it, VText) else ()


class FontFallback(NamedTuple):
    """A character its role's first font lacks, drawn from a later font of the chain: for the
    build report (first place it occurs)."""
    owner: str
    role: str
    ch: str
    font: str         # the fallback font's file name (#face)


def _owners(issue: Issue) -> dict[str, object]:
    out = {}
    for page in issue.pages:
        for thing in page.stories + page.groups:
            out[thing.id] = thing.where
        if page.footer is not None:
            out["footer"] = page.footer.where
    return out


class Memo:
    """What a warm process keeps between builds: each run of items' glyphs (`runs`: (owner,
    its run number) -> (the run's items, their glyphs), the last build's), reused while the
    run's items are the same (the block cache brings them back as the same objects); and the
    glyphs found in their role's first font (`plain`) with the FontSet they were found in."""

    def __init__(self) -> None:
        self.runs: dict = {}
        self.plain: set = set()
        self.fonts = None
        self.union: frozenset = frozenset()     # the glyphs of the runs in `runs`
        self.counts: dict = {}          # (role, character) -> how many of those runs have it
        self.clear = None        # the last `used` check_coverage found all in first fonts
        self.roles: tuple = (None, frozenset())   # the last `used` and its roles


def used_roles(used, memo: Memo | None = None) -> frozenset[str]:
    """The roles of the glyphs `used` (used_glyphs'), once per set in a warm process."""
    if memo is not None and memo.roles[0] is used:
        return memo.roles[1]
    roles = frozenset(role for role, _ in used)
    if memo is not None:
        memo.roles = (used, roles)
    return roles


def check_coverage(issue: Issue, pages: list[PageLayout], fonts: FontSet,
                   used: set[tuple[str, str]] | None = None,
                   memo: Memo | None = None) -> tuple[FontFallback, ...]:
    """Every glyph about to be drawn must be in a font of its role's chain: a missing one
    would print as an empty box with no warning (docs/fonts.md, glyph traps). Reported with the
    story, the text around it, the character, its code point and the fonts tried, before
    anything is written. Returns the characters drawn from a fallback font. `used`: the
    pages' used_glyphs when the caller has them (each distinct glyph is resolved once; the
    pages are scanned for where one occurs only when one is missing or a fallback). `memo`:
    a warm process's (Memo): a glyph found in its role's first font is not resolved again."""
    used = used_glyphs(pages) if used is None else used
    plain = None
    if memo is not None:
        if memo.fonts is not fonts:
            memo.fonts, memo.plain, memo.clear = fonts, set(), None
        if used is memo.clear:      # the same glyphs (used_glyphs' same set), all plain
            return ()
        plain, whole = memo.plain, used
        used = used - plain
    odd = {}
    for face, ch in used:
        src = fonts.resolve(face, ch)
        if src is None or src != fonts.chain(face)[0]:
            odd[(face, ch)] = src
        elif plain is not None:
            plain.add((face, ch))
    if not odd:
        if memo is not None:
            memo.clear = whole
        return ()
    where = _owners(issue)
    problems, fallbacks = [], []
    for page in pages:
        for it in page.items:
            for g in _glyphs(it):
                if (g.face, g.ch) not in odd:
                    continue
                src = odd.pop((g.face, g.ch))
                chain = fonts.chain(g.face)
                if src is not None:
                    fallbacks.append(FontFallback(it.owner, g.face, g.ch, src.label))
                    continue
                w = (where.get(it.owner) or where.get("footer")
                     or next((p.where for p in issue.pages if p.number == page.number), None))
                path, line, col = (w.path, w.line, w.column) if w is not None else (
                    issue.path, 1, 1)
                problems.append(Diagnostic(
                    path, line, col,
                    f"'{it.owner}': the character {g.ch} (U+{ord(g.ch):04X}) in "
                    f"“{it.text if isinstance(it, VText) else it.line.text}” is not in the font for the role '{g.face}' "
                    f"({fonts.path(g.face).name}); fonts tried: "
                    + ", ".join(s.label for s in chain),
                    "replace the character, or configure a font that has it in `fonts:`"
                    + (" (it is a Han character outside the bundled 通用规范汉字表 set)"
                       if is_han(g.ch) else "")))
    if problems:
        raise InputError(problems)
    return tuple(fallbacks)


def used_glyphs(pages: list[PageLayout], memo: Memo | None = None
                ) -> set[tuple[str, str]] | frozenset[tuple[str, str]]:
    """(role, character) of every glyph to be drawn: what the PDF's fonts must hold.
    `memo`: a warm process's (Memo): a run of items the last build had is not scanned again,
    and the same glyphs as the last build's are the same frozenset."""
    if memo is None:
        used: set[tuple[str, str]] = set()
        for page in pages:
            for it in page.items:
                if type(it) is TextLine:    # (face, ch) pairs made in C: ~2x the set
                    used.update(map(_FACE_CH, it.line.glyphs))    # comprehension's speed
                else:
                    used.update((g.face, g.ch) for g in _glyphs(it))
        return used
    now: dict = {}
    runs: dict[str, int] = {}
    for page in pages:
        for owner, items in owner_runs(page.items):
            n = runs[owner] = runs.get(owner, -1) + 1
            hit = memo.runs.get((owner, n))
            if hit is None or hit[0] != items:
                glyphs = frozenset((g.face, g.ch) for it in items for g in _glyphs(it))
                # an edit that draws the same characters keeps the set object
                hit = (items, hit[1] if hit is not None and hit[1] == glyphs else glyphs)
            now[(owner, n)] = hit
    if _count_runs(memo, now):
        # the union made again only when a glyph came or went (~3,600 pairs on the sample
        # page: 0.2 ms); the same set object otherwise, which check_coverage, the roles and
        # the font embedding then know unchanged without comparing it
        memo.union = frozenset(memo.counts)
    memo.runs = now
    return memo.union


def _count_runs(memo: Memo, now: dict) -> bool:
    """memo.counts brought from the runs of memo.runs to those of `now` (a run's glyphs
    counted out when its set is no longer there, in when it is new); whether a glyph's count
    went from or to nothing (the union changed, or may have)."""
    counts, gone, came = memo.counts, set(), False
    for key, hit in memo.runs.items():
        new = now.get(key)
        if new is None or new[1] is not hit[1]:
            for pair in hit[1]:
                c = counts[pair] - 1
                if c:
                    counts[pair] = c
                else:
                    del counts[pair]
                    gone.add(pair)
    for key, hit in now.items():
        old = memo.runs.get(key)
        if old is None or old[1] is not hit[1]:
            for pair in hit[1]:
                c = counts.get(pair, 0)
                counts[pair] = c + 1
                if not c:
                    if pair in gone:        # counted out with the run's old set, back in
                        gone.discard(pair)
                    else:
                        came = True
    return came or bool(gone) or not memo.runs
