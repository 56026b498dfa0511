"""Print production, the printer's marks outside the bleed: crop marks, registration targets
and a colour bar, drawn in the slug of each sheet (press.sheet).

The marks are drawn as page content outside the BleedBox, where ISO 32000-1 14.11.3 (printer's
marks) puts them: on the medium, off the finished page (not as PrinterMark annotations: PDF/X-1a
wants no annotation that could print inside the BleedBox, and plain content is what every RIP
prints). Figures (docs/newspaper-conventions.md, print production): crop marks outside the
bleed.
"""
from __future__ import annotations

from layout.page.formats import MM
from layout.press.sheet import MARK_LEN_MM, MARK_OFFSET_MM, Sheet

MARK_WIDTH = 0.25        # pt: hairline crop marks, as layout programs draw them
PATCH_MM = 5.0           # colour-bar patch
REGISTRATION = (1.0, 1.0, 1.0, 1.0)   # "registration" colour: on every plate


# -- drawing ----------------------------------------------------------------------------------
def draw(c, s: Sheet, gray: bool) -> None:
    """The marks of one sheet, in PDF coordinates of the MediaBox (y up). Crop marks and
    registration targets are in registration colour (every plate; K only in gray mode)."""
    if not (s.marks or s.colorbar):
        return
    x0, y0, x1, y1 = (float(v) for v in s.trim_box)
    off = max(float(s.bleed), MARK_OFFSET_MM * MM)
    ln = MARK_LEN_MM * MM
    c.saveState()
    c.setLineWidth(MARK_WIDTH)
    c.setStrokeColorCMYK(*REGISTRATION)
    c.setFillColorCMYK(*REGISTRATION)
    if s.marks:
        for cx, sx in ((x0, -1), (x1, 1)):          # crop marks: each corner, two strokes
            for cy, sy in ((y0, -1), (y1, 1)):
                c.line(cx + sx * off, cy, cx + sx * (off + ln), cy)
                c.line(cx, cy + sy * off, cx, cy + sy * (off + ln))
        mid = off + ln / 2                          # registration targets, one per side
        xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
        for tx, ty in ((xm, y0 - mid), (xm, y1 + mid), (x0 - mid, ym), (x1 + mid, ym)):
            _target(c, tx, ty, ln * 0.4)
    if s.colorbar:
        _colorbar(c, x0 + 2 * ln, y0 - off - ln + (ln - PATCH_MM * MM) / 2,
                  (x1 - x0) / 2 - 3 * ln, gray)
    c.restoreState()


def _target(c, x: float, y: float, r: float) -> None:
    c.circle(x, y, r * 0.75, stroke=1, fill=0)
    c.circle(x, y, r * 0.3, stroke=0, fill=1)
    c.line(x - r, y, x + r, y)
    c.line(x, y - r, x, y + r)


def colorbar_patches(gray: bool) -> list[tuple[float, float, float, float]]:
    """CMYK of each patch, left to right: solids, overprints and K tints (K tints only for a
    grayscale page)."""
    if gray:
        return [(0, 0, 0, k / 10) for k in range(0, 11)]
    return [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
            (1, 1, 0, 0), (1, 0, 1, 0), (0, 1, 1, 0), (1, 1, 1, 0),
            (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0),
            (0, 0, 0, 0.2), (0, 0, 0, 0.4), (0, 0, 0, 0.6), (0, 0, 0, 0.8)]


def _colorbar(c, x: float, y: float, room: float, gray: bool) -> None:
    patches = colorbar_patches(gray)
    side = min(PATCH_MM * MM, room / len(patches))
    for i, ink in enumerate(patches):
        c.setFillColorCMYK(*ink)
        c.rect(x + i * side, y, side, side, stroke=0, fill=1)
    c.setStrokeColorCMYK(0, 0, 0, 1)               # a K frame, so the empty patch shows
    c.rect(x, y, side * len(patches), side, stroke=1, fill=0)
