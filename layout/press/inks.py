"""Print production, the inks: every colour that reaches the PDF is CMYK or gray, and a page
can be written in grayscale only (black-and-white pages).

- `PressCanvas` is the ReportLab canvas the writer draws on. Its colour setters, and those of
  the text objects it makes, accept CMYK (and gray) only: an RGB colour raises instead of
  writing an `rg`/`RG` operator. In gray mode every colour is written as DeviceGray
  (`g`/`G`), so a page of black text and gray tints is a K-plate-only page by construction.
  Black is 100 % K (`0 0 0 1 k`), never rich black (docs/newspaper-conventions.md: body text in
  100 % K only).
- `limit_ink` caps the total ink of a CMYK picture (newsprint: 200–240 %); the pictures
  themselves are converted in press.pictures (every mode, the output profile, transparency
  flattened onto white paper: PDF/X-1a forbids transparency, ISO 15930-1:2001).

PDF/X-1a allows DeviceCMYK, DeviceGray and Separation colour only (ISO 15930-1:2001, the
colour-space requirements of PDF/X-1a); PDF/X-4 allows more (ISO 15930-7:2010), but a
newspaper press wants CMYK/gray either way, so both are written the same.
"""
from __future__ import annotations

from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

INK_LIMIT = 240.0   # % total ink for pictures on newsprint (docs/newspaper-conventions.md: 200–240 %)


class ColourError(ValueError):
    """An RGB (or otherwise non-print) colour reached the PDF writer: a bug in layout."""


def as_cmyk(color) -> tuple[float, float, float, float] | float:
    """CMYK 4-tuple, or a gray level (float) for a neutral 3-tuple (what ReportLab stores for
    setFillGray); anything else is refused."""
    if isinstance(color, CMYKColorSep):
        raise ColourError(f"spot colour {color} is not supported")
    if isinstance(color, CMYKColor):
        d = color.density
        return (d * color.cyan, d * color.magenta, d * color.yellow, d * color.black)
    if isinstance(color, (tuple, list)):
        if len(color) == 4:
            return tuple(float(v) for v in color)
        if len(color) == 3 and color[0] == color[1] == color[2]:
            return float(color[0])
    if isinstance(color, Color) and color.red == color.green == color.blue:
        return float(color.red)
    raise ColourError(f"colour {color!r} is not CMYK or gray: print output has no RGB")


def gray_of(cmyk: tuple[float, float, float, float]) -> float:
    """Gray level (1 = paper) that stands in for a CMYK colour on a grayscale page."""
    c, m, y, k = cmyk
    return max(0.0, 1.0 - min(1.0, k + 0.30 * c + 0.59 * m + 0.11 * y))


class _Policy:
    """Colour setters shared by the canvas and its text objects."""

    def _press_gray(self) -> bool:
        raise NotImplementedError

    def setFillColor(self, aColor, alpha=None):
        if alpha is not None:
            raise ColourError("transparency is not used in print output")
        ink = as_cmyk(aColor)
        if isinstance(ink, float):
            self.setFillGray(ink)
        elif self._press_gray():
            self.setFillGray(gray_of(ink))
        else:
            super().setFillColor(ink)

    def setStrokeColor(self, aColor, alpha=None):
        if alpha is not None:
            raise ColourError("transparency is not used in print output")
        ink = as_cmyk(aColor)
        if isinstance(ink, float):
            self.setStrokeGray(ink)
        elif self._press_gray():
            self.setStrokeGray(gray_of(ink))
        else:
            super().setStrokeColor(ink)


class PressTextObject(_Policy, PDFTextObject):
    def _press_gray(self) -> bool:
        return self._canvas.press_gray


# The two graphics states of black overprint (press.overprint): overprint on for stroking and
# filling with overprint mode 1 (ISO 32000-1 8.6.7, Table 58: OP, op, OPM), and off again.
# One dictionary each, named once, instead of ReportLab's one per key.
_GS = {"GSop": {"Type": "/ExtGState", "OP": "true", "op": "true", "OPM": 1},
       "GSko": {"Type": "/ExtGState", "OP": "false", "op": "false"}}


class PressCanvas(_Policy, Canvas):
    """A ReportLab canvas that writes CMYK or gray only; `gray=True` writes gray only."""

    def __init__(self, *args, gray: bool = False, **kw):
        self.press_gray = gray
        self._press_gs: list[str] = []
        super().__init__(*args, **kw)

    def _press_gray(self) -> bool:
        return getattr(self, "press_gray", False)

    def set_overprint(self, on: bool) -> str:
        """Overprint what follows (solid black over other inks) or knock it out again;
        returns the graphics state's name."""
        name = "GSop" if on else "GSko"
        self._code.append(f"/{name} gs")
        self.use_state(name)
        return name

    def use_state(self, name: str) -> None:
        """Name graphics state `name` in the page's resources (the operators that set it
        were drawn before: pdf.writer reuses a run's operators)."""
        if name not in self._press_gs:
            self._press_gs.append(name)

    def _setExtGState(self, obj):
        """ReportLab's graphics states of the page, and those set_overprint used on it."""
        super()._setExtGState(obj)
        if self._press_gs:
            from reportlab.pdfbase.pdfdoc import PDFDictionary
            states = obj.ExtGState.dict if obj.ExtGState is not None else {}
            for name in self._press_gs:
                states[name] = PDFDictionary(dict(_GS[name]))
            obj.ExtGState = PDFDictionary(states)
            self._press_gs = []

    def beginText(self, x=0, y=0, direction=None):
        return PressTextObject(self, x, y, direction=direction)


# -- pictures ----------------------------------------------------------------------------
def limit_ink(im, limit: float = INK_LIMIT):
    """Cap the total ink C+M+Y+K of a CMYK image at `limit` % by reducing C, M and Y in
    proportion (K, which carries the detail, is kept). One float pass computes each pixel's
    share of C, M and Y that fits, as an 8-bit image (255 = all of it); the bands are then
    multiplied by it in C (ImageChops.multiply: a·s/255), where a float pass per band took
    four times as long. The share is rounded down, so the cap is never exceeded."""
    from PIL import Image, ImageChops, ImageMath
    c, m, y, k = im.split()
    cap = limit * 255 / 100
    # s = min(1, max(cap - K, 0) / (C + M + Y)): the share of C, M and Y that fits; in 255ths,
    # truncated (convert to L truncates) so that a·s/255 never lands above the cap
    share = ImageMath.lambda_eval(
        lambda a: a["convert"](a["min"](a["max"](cap - a["float"](a["k"]), 0.0) * 255.0
                                        / a["max"](a["float"](a["c"]) + a["m"] + a["y"], 1.0),
                                        255.0), "L"),
        c=c, m=m, y=y, k=k)
    return Image.merge("CMYK", (ImageChops.multiply(c, share), ImageChops.multiply(m, share),
                                ImageChops.multiply(y, share), k))


def press_image(path: str, profile: bytes, gray: bool):
    """The picture as a Pillow image in CMYK (ink-limited) or L mode, ready to embed without
    RGB: press.pictures' pipeline on the whole file."""
    from layout.press.pictures import press_image as whole
    return whole(path, profile, gray)
