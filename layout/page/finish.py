"""The last decisions before drawing: what the fonts' outlines decide about the page.

A —— (two or more adjacent U+2014 of one face and size, one em apart) is drawn as one solid
bar spanning their em boxes exactly (docs/fonts.md#glyph-traps: Noto's — is proportional with
side bearings, so two of them print with a gap); its glyphs stay in the line as invisible
text, so the text still reads ——. The composer centres each — in its 1-em box (GB/T 15834
§5.1.4), so a box starts (1 - advance)/2 em before the glyph's origin; the bar's height and
thickness are the drawing font's — outline (its bounds).

Replacement text (items.ActualText): where text extractors would not give the copy back from
the glyphs alone, a run of glyphs carries the copy it sets (ISO 32000-1 14.9.4; PDF/UA,
ISO 14289-1 7.2: text that cannot be mapped to Unicode correctly is given ActualText). An
extractor reads a glyph as occupying its advance (the font's width) and compares that with
where the next glyph starts: poppler starts a new word when the next glyph is more than
0.1 em past the advance's end and writes a space there, and breaks the line when it starts
more than 0.2 em back (its TextOutputDev: minWordBreakSpace, minDupBreakOverlap); pdfium
writes a space for a gap of about half its font's space width (≈ 0.11 em here) and more.
So a join between two glyphs of a line is clean when the next glyph starts within
JOIN_SLACK_EM of the previous one's advance end, at the same size, and the copy has nothing
between them; every other join — the ¼-em Han–Latin gap, justification space beyond the slack,
the 1-em space after a 电头, a mark pulled back by punctuation compression, the gap between
the two — of a —— bar, a Latin word space (the composer draws no space glyph) — joins its
two glyphs into one run read as their copy. Runs of joined glyphs merge. An added hyphen
(compose.PlacedGlyph.added) joins the letter before it and reads as nothing; a no-break space
(drawn with the space glyph, which reads as U+0020) reads as U+00A0. A run always holds a glyph
that reads as itself: pdfium uses a replacement text only when the font maps one of its
characters (its CPDF_TextPage::PreMarkedContent). A run whose glyphs change face, size or
render mode (synthetic bold, the hidden glyphs under a —— bar) is drawn as more than one text
operator, and pdfium then measures the gap to the text after the run from the run's first
operator, reading a space that is not there: such a run goes on to the end of its line.

In: a laid-out PageLayout and the FontSet. Out: the same page with each line's bars and
replacement text decided (items.TextLine.bars, .actual), so the text dump shows them and the
writer only draws them.
"""
from __future__ import annotations

from typing import Sequence

from layout.compose import Line, PlacedGlyph
from layout.page.items import ActualText, Bar, PageLayout, TextLine

# em: a gap or overlap between two glyphs that no extractor reads as a space or a line break:
# half of the smallest threshold above (poppler's 0.1 em), for a margin against other readers
JOIN_SLACK_EM = 0.05
NBSP = "\xa0"


LINES_KEPT = 200_000    # lines whose decisions a warm process remembers (~40 MB at most)


class Memo:
    """What a warm process keeps of the finishing: each line's decisions by value (`lines`:
    they depend on the line and the fonts only; emptied past LINES_KEPT, and by the caller
    when the fonts change), and the last build's finished items by identity (`last`: an item
    the block cache brought back as the same object gives the same finished item, so the
    memos after this stage — page.reading, page.coverage, the writer — know it by identity
    too; 143 of the sample's 393 items get bars or replacement text)."""

    def __init__(self) -> None:
        self.lines: dict = {}
        self.last: dict = {}
        self.now: dict = {}

    def start(self) -> "Memo":
        """Begin a build: what the last one finished is what this one may reuse."""
        self.last, self.now = self.now, {}
        if len(self.lines) > LINES_KEPT:
            self.lines = {}
        return self


def finish_page(page: PageLayout, fonts, memo: Memo | None = None) -> PageLayout:
    """`memo`: a warm process's (Memo), started for this build."""
    items = []
    if memo is None:
        for it in page.items:
            items.append(_finished(it, fonts, None) if isinstance(it, TextLine) else it)
        return page._replace(items=tuple(items))
    last, now = memo.last, memo.now     # bound once: the loop runs for every item
    for it in page.items:
        if type(it) is TextLine:
            hit = last.get(id(it))
            if hit is None or hit[0] is not it:      # the entry holds `it`: ids unique
                hit = (it, _finished(it, fonts, memo.lines))
            now[id(it)] = hit
            it = hit[1]
        items.append(it)
    return page._replace(items=tuple(items))


def _finished(it: TextLine, fonts, lines: dict | None) -> TextLine:
    """The line with its bars and replacement text (`lines`: decisions by line)."""
    done = lines.get(it.line) if lines is not None else None
    if done is None:
        bars = dash_bars(it.line.glyphs, fonts) if "—" in it.line.text else ()
        done = (bars, actual_text(it.line, fonts, bars))
        if lines is not None:
            lines[it.line] = done
    bars, actual = done
    if not (bars or actual):
        return it
    # it._replace(bars=bars, actual=actual) without its Python frames (~1,800 lines of 16
    # pages)
    return tuple.__new__(TextLine, it[:6] + (bars, it[7], actual, it[9]))


def copy_between(line: Line) -> list[str]:
    """For each glyph of the line, the copy before it that no glyph draws (a Latin word
    space, which the composer sets as a gap); the last entry is the copy after the last glyph.
    The glyphs draw the copy's characters in order, plus added hyphens."""
    text, glyphs = line.text, line.glyphs
    if len(text) == len(glyphs) and not glyphs[-1].added:      # every character drawn
        return [""] * (len(glyphs) + 1)
    out, t = [], 0
    for g in glyphs:
        if g.added:
            out.append("")
            continue
        k = text.find(g.ch, t)
        if k < 0:                  # never: the composer draws only the copy's characters
            k = t
        out.append(text[t:k])
        t = k + len(g.ch)
    out.append(text[t:])
    return out


def _reads_as_itself(g: PlacedGlyph) -> bool:
    return not g.added and g.ch != NBSP


def _joins(glyphs, between: list[str], fonts) -> list[bool]:
    """For each glyph, whether an extractor would misread its join with the glyph before it
    (module docstring); one pass, it runs for every line of every page."""
    advance, n = fonts.advance, len(glyphs)
    if n > 1 and not any(between):
        # the common line (~9 in 10 of the sample's): one size, every character drawn, no
        # added hyphen or no-break space — the loop below on the glyphs' columns, the same
        # sums (~1/3 of the finishing of 16 distinct sample pages)
        ch, x, face, size, added = zip(*glyphs)
        s0 = size[0]
        if size.count(s0) == n and not any(added) and NBSP not in ch:
            slack = JOIN_SLACK_EM * s0 + 1e-6      # exactly the slack is clean (rounding)
            advances = getattr(fonts, "advances", None)     # a FontSet's, at once
            w = (advances(face[:-1], ch[:-1]) if advances is not None
                 else map(advance, face[:-1], ch[:-1]))
            return [False] + [not -slack <= b - a - v * s0 <= slack
                              for a, b, v in zip(x, x[1:], w)]
    out = [False]
    for i in range(1, n):
        p, g = glyphs[i - 1], glyphs[i]
        if (between[i] or g.added or p.added or g.size != p.size or p.ch == NBSP
                or g.ch == NBSP):
            out.append(True)
            continue
        gap = g.x - p.x - advance(p.face, p.ch) * p.size
        slack = JOIN_SLACK_EM * p.size + 1e-6      # exactly the slack is clean (rounding)
        out.append(gap > slack or gap < -slack)
    return out


def _drawn_as(g: PlacedGlyph, hidden: bool, bold: frozenset, fonts) -> tuple:
    """What starts a new text operator when it changes from glyph to glyph (pdf.text): the
    font file that draws the glyph (roles may share one: the Latin role is the 宋 face's own
    by default), its size, its render mode."""
    src = fonts.resolve(g.face, g.ch) if hasattr(fonts, "resolve") else g.face
    return (src, g.size, 3 if hidden else 2 if g.face in bold else 0)


def actual_text(line: Line, fonts, bars: tuple[Bar, ...] = ()) -> tuple[ActualText, ...]:
    """The runs of the line's glyphs that carry their copy as replacement text; `bars` the
    line's —— bars (their glyphs are drawn hidden)."""
    glyphs = line.glyphs
    if not glyphs:
        return ()
    between = copy_between(line)
    joined = _joins(glyphs, between, fonts)
    n = len(glyphs)
    # a glyph is a run alone when it reads as nothing or other copy: an added hyphen (only
    # ever the last glyph), a no-break space, copy before the first or after the last glyph
    if glyphs[-1].added or NBSP in line.text or between[0] or between[-1]:
        lone = [g.added or g.ch == NBSP for g in glyphs]
        lone[0] = lone[0] or bool(between[0])
        lone[-1] = lone[-1] or bool(between[-1])
    elif True not in joined:
        return ()                         # no glyph joined and none alone: no run (~2/3)
    else:
        lone = [False] * n
    # the glyphs joined to the one before them grouped behind it: a group of more than one,
    # or a lone glyph, is a run
    starts = [i for i, j in enumerate(joined) if not j]
    starts.append(n)
    runs = [[i, j] for i, j in zip(starts, starts[1:]) if j - i > 1 or lone[i]]
    if not runs:
        return ()
    for run in runs:                      # a run must hold a glyph that reads as itself
        if not any(_reads_as_itself(glyphs[k]) for k in range(*run)):
            if run[0] > 0:
                run[0] -= 1
            elif run[1] < n:
                run[1] += 1
    hidden = {k for b in bars for k in range(b.first, b.end)}
    bold = getattr(fonts, "bold_roles", frozenset())
    for run in runs:                      # drawn by more than one operator: to the line's end
        if run[1] == n:
            break                         # the rest merge into it (_merged)
        if len({_drawn_as(glyphs[k], k in hidden, bold, fonts) for k in range(*run)}) > 1:
            run[1] = n
            break
    return tuple(ActualText(a, b, _run_text(glyphs, between, a, b)) for a, b in _merged(runs))


def _merged(runs: list[list[int]]) -> list[tuple[int, int]]:
    """Overlapping and touching runs as one: each run is a marked-content sequence of its own
    and splits its line's TJ array, which costs every reader of the file (the preflight's
    too: 558 sequences on the sample page where 634 were written without this)."""
    out: list[list[int]] = []
    for a, b in runs:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _run_text(glyphs, between: list[str], a: int, b: int) -> str:
    parts = [between[0]] if a == 0 else []
    for k in range(a, b):
        if k > a:
            parts.append(between[k])
        if not glyphs[k].added:
            parts.append(glyphs[k].ch)
    if b == len(glyphs):
        parts.append(between[-1])
    return "".join(parts)


def dash_bars(glyphs: Sequence[PlacedGlyph], fonts) -> tuple[Bar, ...]:
    """Runs of two or more adjacent — as bars (module docstring)."""
    out, i, n = [], 0, len(glyphs)
    while i < n:
        g = glyphs[i]
        j = i + 1
        if g.ch == "—":
            while (j < n and glyphs[j].ch == "—" and glyphs[j].face == g.face
                   and glyphs[j].size == g.size
                   and abs(glyphs[j].x - glyphs[j - 1].x - g.size) < 0.02 * g.size):
                j += 1
        ink = fonts.dash_ink(g.face) if j - i >= 2 else None
        if ink is not None:
            adv, y0, y1 = ink
            x0 = g.x - (1.0 - adv) / 2 * g.size
            out.append(Bar(i, j, x0, y0 * g.size, glyphs[j - 1].x - g.x + g.size,
                           (y1 - y0) * g.size))
        i = j
    return tuple(out)
