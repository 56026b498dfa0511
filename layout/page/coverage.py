"""Coverage before drawing: every glyph about to be drawn is in a font of its role's chain.

A character outside every font of its chain would print as an empty box with no warning
(docs/fonts.md#glyph-traps); it is reported with the story, the text around it, the
character, its code point and the fonts tried, before anything is written. Characters drawn
from a later font of the chain (a fallback) are listed for the build report.

In: the laid-out pages, the issue (for positions), the FontSet. Out: the fallbacks, or
InputError.
"""
from __future__ import annotations

from typing import NamedTuple

from layout.compose.chars import is_han
from layout.errors import Diagnostic, InputError
from layout.fonts.fontset import FontSet
from layout.issue.model import Issue
from layout.page.items import PageLayout, TextLine, VText, owner_runs


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
            memo.fonts, memo.plain = fonts, set()
        plain = memo.plain
        used = used - plain
    odd = {}
    for face, ch in used:
        src = fonts.resolve(face, ch)
        if src is None or src != fonts.chain(face)[0]:
            odd[(face, ch)] = src
        elif plain is not None:
            plain.add((face, ch))
    if not odd:
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


def used_glyphs(pages: list[PageLayout], memo: Memo | None = None) -> set[tuple[str, str]]:
    """(role, character) of every glyph to be drawn: what the PDF's fonts must hold.
    `memo`: a warm process's (Memo): a run of items the last build had is not scanned again."""
    if memo is None:
        return {(g.face, g.ch) for page in pages for it in page.items for g in _glyphs(it)}
    out: set[tuple[str, str]] = set()
    now: dict = {}
    runs: dict[str, int] = {}
    for page in pages:
        for owner, items in owner_runs(page.items):
            n = runs[owner] = runs.get(owner, -1) + 1
            hit = memo.runs.get((owner, n))
            if hit is None or hit[0] != items:
                hit = (items, frozenset((g.face, g.ch) for it in items for g in _glyphs(it)))
            now[(owner, n)] = hit
            out |= hit[1]
    memo.runs = now
    return out
