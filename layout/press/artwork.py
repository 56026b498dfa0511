"""Print production, vector artwork: PDF ads and logos, SVG logos — kept vector, as form
XObjects (ISO 32000-1 8.10), never rasterised.

- `forms_of(pages, profile, gray)`: the artwork the pages draw (items.Vector), each as the
  bytes of a one-page PDF under a name derived from its content: a PDF file as it is (the
  loader checked it: no RGB, fonts embedded, upright); an SVG logo drawn by svglib into a
  ReportLab drawing whose colours are converted here (sRGB → the output profile's CMYK by
  littleCMS, relative colorimetric; a neutral colour → gray, i.e. the K plate; on a gray
  page every colour → its CIELAB lightness as gray), then written as a one-page PDF through
  press.inks' CMYK-only canvas. On a gray page a PDF with colour is refused, at its line.
- `draw_form(canvas, item, page_h)`: what the writer draws for a Vector item — an empty named
  form (ReportLab's beginForm/endForm) painted through a matrix that maps the artwork's box
  onto the item's rectangle; `place_forms(pdf, forms)` then swaps each placeholder for the
  artwork's page as a form XObject (qpdf's page-to-form helper: its BBox is the page's
  TrimBox, so the artwork is clipped to its trim), copying its resources — fonts, images,
  colour spaces — as they are.

The placeholder keeps the drawing order and position in the writer's own content stream;
the swap is a separate step on the finished file (it runs where the file is finished,
press.pdfx), so the writer decides nothing about the artwork.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os

from layout.errors import Diagnostic, InputError

NEUTRAL = 1 / 512          # an sRGB colour this close to neutral is a gray (half an 8-bit step)


def form_name(item) -> str:
    """The artwork's name in the file: from its content, so the same logo or ad drawn twice
    is embedded once and the bytes do not depend on where the file lives."""
    return "Art" + _digest(item.path)[:16]


@functools.lru_cache(maxsize=64)
def _digest_of(path: str, size: int, mtime: int) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _digest(path: str) -> str:
    st = os.stat(path)
    return _digest_of(path, st.st_size, st.st_mtime_ns)


def forms_of(pages, profile: bytes, gray: bool) -> tuple[tuple[str, bytes], ...]:
    """(name, one-page PDF bytes) of every artwork the pages draw, in first-drawn order."""
    from layout.page.items import Vector
    out: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        for it in page.items:
            if not isinstance(it, Vector) or form_name(it) in out:
                continue
            src = it.source
            try:
                if src.kind == "SVG":
                    data = svg_pdf(it.path, profile, gray)
                else:
                    data = _read(it.path)
                    if gray and _has_colour(data):
                        raise ValueError("it prints in colour, and the page is gray (print: "
                                         "color: gray)")
            except ValueError as e:
                w = src.where
                problems.append(Diagnostic(w.path, w.line, w.column, f"'{it.owner}': "
                                           f"{os.path.basename(it.path)}: {e}",
                                           "give the artwork in gray (K only) for a gray page"))
                continue
            out[form_name(it)] = data
    if problems:
        raise InputError(problems)
    return tuple(out.items())


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _has_colour(data: bytes) -> bool:
    """Whether a PDF draws anything but gray: CMYK colour operators with ink in C, M or Y,
    colour operands of more than one component, or images in another space than gray (a
    gray page is the K plate only)."""
    import pikepdf
    with pikepdf.open(io.BytesIO(data)) as pdf:
        holders = [pdf.pages[0].obj]
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            sub = obj.stream_dict.get("/Subtype")
            if sub == "/Image" and str(obj.stream_dict.get("/ColorSpace")) != "/DeviceGray":
                return True
            if sub == "/Form":
                holders.append(obj)
        for holder in holders:
            try:
                ops = pikepdf.parse_content_stream(holder)
            except (pikepdf.PdfError, TypeError, ValueError):
                return True                  # unreadable: not provably gray
            for operands, op in ops:
                o = str(op)
                if o in ("k", "K") and any(float(v) > 0 for v in operands[:3]):
                    return True
                if o in ("sc", "scn", "SC", "SCN") and len(operands) > 1:
                    return True
    return False


# -- SVG -> CMYK PDF -------------------------------------------------------------------------
def svg_pdf(path: str, profile: bytes, gray: bool) -> bytes:
    """The SVG drawn by svglib, its colours for the press (module docstring), as a one-page
    PDF the size of the drawing."""
    from reportlab.graphics import renderPDF

    from layout.issue.sources import load_svg
    from layout.press.inks import PressCanvas
    drawing, why = load_svg(path)
    if drawing is None:
        raise ValueError(f"cannot be read ({why})")
    _press_colours(drawing, profile, gray)
    drawing.initialFontName = _no_font()      # renderPDF sets its initial font from this
    buf = io.BytesIO()
    c = PressCanvas(buf, gray=gray, pagesize=(drawing.width, drawing.height), invariant=1,
                    pageCompression=1, initialFontName=_no_font())
    renderPDF.draw(drawing, c, 0, 0)
    c.showPage()
    c.save()
    return buf.getvalue()


def _no_font() -> str:
    """A stand-in initial font for the SVG's canvas: "dynamic", so ReportLab names no font in
    the page (its default, Helvetica, would be an unembedded font in the logo's resources)."""
    from reportlab.pdfbase import pdfmetrics

    class NoFont:
        fontName = "layout-no-font-art"
        _dynamicFont = 1
        _multiByte = 1
        shapable = False

    pdfmetrics._fonts.setdefault(NoFont.fontName, NoFont())
    return NoFont.fontName


def _press_colours(drawing, profile: bytes, gray: bool) -> None:
    """Every fill and stroke colour of the drawing, in place: CMYK or gray (module
    docstring)."""
    stack = [drawing]
    while stack:
        node = stack.pop()
        for attr in ("fillColor", "strokeColor"):
            c = getattr(node, attr, None)
            if c is not None and hasattr(c, "red") and not hasattr(c, "cyan"):
                setattr(node, attr, press_colour((c.red, c.green, c.blue), profile, gray))
        stack.extend(getattr(node, "contents", ()))


@functools.lru_cache(maxsize=1024)
def press_colour(rgb: tuple[float, float, float], profile: bytes, gray: bool):
    """One sRGB colour for the press: a neutral (or any colour on a gray page) as a gray
    level (ReportLab writes it with `g`, DeviceGray: the K plate), by its CIELAB lightness;
    another colour as CMYK through the output profile, relative colorimetric."""
    from PIL import Image, ImageCms
    from reportlab.lib.colors import CMYKColor, Color
    px = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
    neutral = max(rgb) - min(rgb) <= NEUTRAL
    intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
    if neutral or gray:
        lab = ImageCms.applyTransform(px, _srgb_to(b"", "LAB", intent))
        v = lab.getpixel((0, 0))[0] / 255
        return Color(v, v, v)
    c, m, y, k = ImageCms.applyTransform(px, _srgb_to(profile, "CMYK", intent)).getpixel((0, 0))
    return CMYKColor(c / 255, m / 255, y / 255, k / 255)


@functools.lru_cache(maxsize=4)
def _srgb_to(profile: bytes, mode: str, intent: int):
    from PIL import ImageCms
    dst = (ImageCms.createProfile("LAB") if mode == "LAB"
           else ImageCms.ImageCmsProfile(io.BytesIO(profile)))
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), dst, "RGB", mode,
                                   renderingIntent=intent)


# -- drawing: the artwork's page as a form XObject of the document -------------------------
def draw_form(c, item, page_h: float, forms: dict) -> None:
    """The Vector item on the ReportLab canvas `c`: the artwork's page (from `forms`, name ->
    PDF bytes) embedded once as a form XObject, painted through the matrix that maps its
    TrimBox onto the item's rectangle (y up from the page foot)."""
    name = form_name(item)
    if not c.hasForm(name):
        embed_form(c._doc, name, forms[name])
    bx0, by0, bx1, by1 = item.box
    s = item.w / (bx1 - bx0)
    c.saveState()
    c.transform(s, 0, 0, s, item.x - bx0 * s, page_h - item.y - item.h - by0 * s)
    c.doForm(name)
    c.restoreState()


from reportlab.pdfbase.pdfdoc import PDFObject as _PDFObject   # noqa: E402  (the writer's)


def embed_form(d, name: str, data: bytes) -> None:
    """The first page of the PDF `data` into ReportLab's document `d` as the form XObject
    `name` (what canvas.doForm paints): qpdf's page-to-form helper makes the form (BBox the
    TrimBox, the page's resources, its content streams joined), and every object it reaches —
    fonts, images, colour spaces, nested forms — is copied as it is, streams still encoded,
    references renumbered into the document (ISO 32000-1 7.3.10, 8.10)."""
    import pikepdf
    with pikepdf.open(io.BytesIO(data)) as pdf:
        form = pdf.make_indirect(pdf.pages[0].as_form_xobject())
        tag = "Art" + hashlib.sha256(data).hexdigest()[:12] + ":"
        todo, seen = [form], {form.objgen}
        while todo:
            obj = todo.pop()
            key = "FormXob." + name if obj.objgen == form.objgen else tag + "%d:%d" % obj.objgen
            d.Reference(_Copied(_serialise(obj, tag, todo, seen)), key)


class _Copied(_PDFObject):
    """An object copied from an artwork file: its PDF syntax in parts, bytes and the names of
    the objects it refers to (numbered when the document is written)."""

    def __init__(self, parts: list):
        self.parts = parts

    def format(self, document) -> bytes:
        num = document.idToObjectNumberAndVersion
        return b"".join(p if isinstance(p, bytes) else b"%d %d R" % num[p] for p in self.parts)


def _serialise(obj, tag: str, todo: list, seen: set) -> list:
    """An indirect object's syntax (module docstring of embed_form): dictionaries and arrays
    written out, indirect children as references (queued for copying), streams with their
    encoded data and its length."""
    import pikepdf
    parts: list = []

    def walk(o, top=False):
        if not isinstance(o, pikepdf.Object):       # a number or a boolean, as Python has it
            parts.append(_scalar(o))
        elif not top and o.is_indirect:
            if o.objgen not in seen:
                seen.add(o.objgen)
                todo.append(o)
            parts.append(tag + "%d:%d" % o.objgen)
        elif isinstance(o, pikepdf.Dictionary) or (top and isinstance(o, pikepdf.Stream)):
            parts.append(b"<<")
            for k, v in (o.stream_dict if isinstance(o, pikepdf.Stream) else o).items():
                if isinstance(o, pikepdf.Stream) and k == "/Length":
                    continue
                parts.append(b" " + pikepdf.Name(k).unparse() + b" ")
                walk(v)
            if isinstance(o, pikepdf.Stream):
                parts.append(b" /Length %d" % len(o.read_raw_bytes()))
            parts.append(b" >>")
        elif isinstance(o, pikepdf.Array):
            parts.append(b"[")
            for v in o:
                parts.append(b" ")
                walk(v)
            parts.append(b" ]")
        elif isinstance(o, pikepdf.Stream):       # a stream is always indirect
            raise ValueError("a direct stream")
        else:
            parts.append(o.unparse())

    walk(obj, top=True)
    if isinstance(obj, pikepdf.Stream):
        parts.append(b"\nstream\n" + obj.read_raw_bytes() + b"\nendstream")
    return parts


def _scalar(v) -> bytes:
    if v is None:
        return b"null"
    if isinstance(v, bool):
        return b"true" if v else b"false"
    if isinstance(v, int):
        return b"%d" % v
    return format(v, "f").encode("ascii")        # a Decimal, never in exponent form
