"""题花: a small ornament set with a title — one or two glyphs (◆, ★, ❶ …) or a small image —
before the first line of a headline or a 专栏 banner, the two centred together as one line.

The ornament is one em of the title's size (an image: a square of that side, its picture
fitted inside), then half an em of space, then the title (house style).
"""
from __future__ import annotations

import re

from layout.compose import set_line
from layout.page.items import TextLine
from layout.page.pictures import ornament_image

GAP_EM = 0.5        # between the ornament and its title (house style)
MAIN = ("headline", "banner")


def is_image(ornament: str) -> bool:
    """An image file rather than glyphs: raster (JPEG, PNG, TIFF) or vector (SVG, PDF)."""
    return bool(re.search(r"\.(png|jpe?g|tiff?|svg|pdf)$", ornament, re.I))


def before(lines: list, ornament: str, ctx, owner: str) -> list:
    """The heading lines with the ornament set before the first headline (banner) line,
    both moved so the pair is centred where the line was."""
    if not ornament:
        return lines
    k = next((i for i, ln in enumerate(lines)
              if isinstance(ln, TextLine) and ln.kind in MAIN), None)
    if k is None:
        return lines
    line = lines[k]
    g0 = line.line.glyphs[0] if line.line.glyphs else None
    if g0 is None:
        return lines
    size, face = g0.size, g0.face
    if is_image(ornament):
        w = size
        orn = None
    else:
        orn = set_line((_run(ornament, face, size),), size * 4, ctx.metrics,
                       ctx.settings("start", indent=0))
        w = orn.width
    shift = (w + GAP_EM * size) / 2
    start = line.x + g0.x - shift
    moved = line._replace(x=line.x + shift)
    if orn is None:
        em_top = line.baseline - 0.88 * size
        extra = ornament_image(ornament, start, em_top, size, owner)
    else:
        extra = TextLine(start, line.baseline, orn, "ornament", owner, line.gray)
    return lines[:k] + [extra, moved] + lines[k + 1:]


def _run(text: str, face: str, size: float):
    from layout.compose import Run
    return Run(text, face, size)
