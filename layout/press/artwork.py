"""Print production, vector artwork: PDF ads and logos, SVG logos — kept vector, as form
XObjects (ISO 32000-1 8.10), never rasterised.

- `forms_of(pages, profile, gray)`: the artwork the pages draw (items.Vector), each made a
  one-page PDF — a PDF file as it is (the loader checked it: no RGB, fonts embedded,
  upright); an SVG logo drawn by svglib into a ReportLab drawing whose colours are converted
  here (sRGB → the output profile's CMYK by littleCMS, relative colorimetric; a neutral
  colour → gray, i.e. the K plate; on a gray page every colour → its CIELAB lightness as
  gray), written through press.inks' CMYK-only canvas — and that page copied (`copy_form`)
  as a form XObject and every object it reaches, in PDF syntax, under a name derived from
  the content. On a gray page a PDF with colour is refused; an artwork that cannot be
  copied too, each at its line.
- `draw_form(canvas, item, page_h, forms)`: what the writer does for a Vector item — the
  copied objects registered once as the form the canvas names, painted through a matrix
  that maps the artwork's TrimBox onto the item's rectangle (the form's BBox is the TrimBox,
  so the artwork is clipped to its trim).

The writer decides nothing about the artwork: what is copied is decided here, before it;
the form keeps its drawing order and position in the writer's own content stream.
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


def forms_of(pages, profile: bytes, gray: bool,
             x1a: bool = False) -> tuple[tuple[str, tuple], ...]:
    """(name, copy_form's objects) of every artwork the pages draw, in first-drawn order.
    `x1a`: the file is PDF/X-1a, which has no transparency: an artwork with some is refused."""
    from layout.page.items import Vector
    out: dict[str, tuple] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        for it in page.items:
            if not isinstance(it, Vector) or form_name(it) in out:
                continue
            src = it.source
            why, hint = "", "export the artwork again (PDF/X-1a), or as SVG for a logo"
            try:
                data = svg_pdf(it.path, profile, gray) if src.kind == "SVG" else _read(it.path)
                if gray and src.kind == "PDF" and _has_colour(data):
                    why = "it prints in colour, and the page is gray (print: color: gray)"
                    hint = "give the artwork in gray (K only) for a gray page"
                elif x1a and src.transparent:
                    why = "it uses transparency, which PDF/X-1a does not have"
                    hint = "ask for the artwork flattened (PDF/X-1a), or build PDF/X-4"
                else:
                    out[form_name(it)] = copy_form(data)
            except Exception as e:      # noqa: BLE001 — whatever a damaged artwork raises
                why = f"cannot be copied into the page ({type(e).__name__}: {e})"
            if why:
                w = src.where
                problems.append(Diagnostic(w.path, w.line, w.column, f"'{it.owner}': "
                                           f"{os.path.basename(it.path)}: {why}", hint))
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
        raise ValueError(why)
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


# -- the artwork's page as a form XObject of the document ------------------------------------
def copy_form(data: bytes) -> tuple[tuple[str, tuple], ...]:
    """The first page of the PDF `data` as a form XObject and every object it reaches, copied
    into PDF syntax ready for the writer: (key, parts) per object, the form's key "form",
    the others "num:gen"; parts are bytes and the keys of the objects referred to. qpdf's
    page-to-form helper makes the form (BBox the TrimBox, the page's resources, its content
    streams joined); fonts, images, colour spaces, nested forms are copied as they are,
    streams still encoded (ISO 32000-1 7.3.10, 8.10). Raises on an object that cannot be
    written (forms_of reports it at the artwork's line)."""
    import pikepdf
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        form = pdf.make_indirect(pdf.pages[0].as_form_xobject())
        todo, seen = [form], {form.objgen}
        while todo:
            obj = todo.pop()
            key = "form" if obj.objgen == form.objgen else "%d:%d" % obj.objgen
            out.append((key, tuple(_serialise(obj, todo, seen))))
    return tuple(out)


def draw_form(c, item, page_h: float, forms: dict) -> None:
    """The Vector item on the ReportLab canvas `c`: the artwork (from `forms`, name ->
    copy_form's objects) registered once as the form XObject the canvas names `name`, then
    painted through the matrix that maps its TrimBox onto the item's rectangle (y up from
    the page foot)."""
    name = form_name(item)
    if not c.hasForm(name):
        d = c._doc
        for key, parts in forms[name]:
            d.Reference(_Copied(parts, name), "FormXob." + name if key == "form"
                        else f"{name}:{key}")
    bx0, by0, bx1, by1 = item.box
    s = item.w / (bx1 - bx0)
    c.saveState()
    c.transform(s, 0, 0, s, item.x - bx0 * s, page_h - item.y - item.h - by0 * s)
    c.doForm(name)
    c.restoreState()


from reportlab.pdfbase.pdfdoc import PDFObject as _PDFObject   # noqa: E402  (the writer's)


class _Copied(_PDFObject):
    """An object copied from an artwork file: its PDF syntax in parts, bytes and the keys of
    the objects it refers to (numbered when the document is written)."""

    def __init__(self, parts: tuple, name: str):
        self.parts, self.name = parts, name

    def format(self, document) -> bytes:
        num = document.idToObjectNumberAndVersion
        return b"".join(p if isinstance(p, bytes) else b"%d %d R" % num[f"{self.name}:{p}"]
                        for p in self.parts)


def _serialise(obj, todo: list, seen: set) -> list:
    """An indirect object's syntax (copy_form): dictionaries and arrays
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
            parts.append("%d:%d" % o.objgen)
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
