"""The last decisions before drawing: what the fonts' outlines decide about the page.

A —— (two or more adjacent U+2014 of one face and size, one em apart) is drawn as one solid
bar spanning their em boxes exactly (docs/fonts.md#glyph-traps: Noto's — is proportional with
side bearings, so two of them print with a gap); its glyphs stay in the line as invisible
text, so the text still reads ——. The composer centres each — in its 1-em box (GB/T 15834
§5.1.4), so a box starts (1 - advance)/2 em before the glyph's origin; the bar's height and
thickness are the drawing font's — outline (its bounds).

In: a laid-out PageLayout and the FontSet. Out: the same page with each line's bars decided
(items.TextLine.bars), so the text dump shows them and the writer only draws them.
"""
from __future__ import annotations

from typing import Sequence

from layout.compose import PlacedGlyph
from layout.page.items import Bar, PageLayout, TextLine


def finish_page(page: PageLayout, fonts) -> PageLayout:
    items = tuple(it._replace(bars=bars) if (isinstance(it, TextLine) and "—" in it.line.text
                                             and (bars := dash_bars(it.line.glyphs, fonts)))
                  else it for it in page.items)
    return page._replace(items=items)


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
