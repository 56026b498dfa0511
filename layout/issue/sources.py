"""Picture, ad and logo files as the loader reads them: the header only (no pixels decoded),
so a damaged, unsupported or huge file is refused at its `file:` line before any work.

- Raster files (JPEG, PNG, TIFF): format, size, Pillow mode, EXIF orientation, declared
  resolution; a PNG's chunks are verified (CRCs, truncation) without inflating its data. The
  pixel count is compared with the house limit by the loader (`style: picture_megapixels`)
  before anything decodes it: Pillow's own decompression-bomb check is lifted here because
  ours is stricter and comes first.
- PDF files (ads, logos): the first page's TrimBox (else CropBox, MediaBox), upright, with
  every font embedded and no RGB anywhere in what it draws (the press prints CMYK and gray;
  docs/newspaper-conventions.md, print production).
- SVG files (logos): parsed by svglib, its size in pt; no text (fonts cannot be embedded
  from an SVG: text must be outlines), no embedded raster images, no transparency.

Out: issue.model.Source, or a problem (message, hint) for the loader to report.
"""
from __future__ import annotations

import contextlib
import os
import threading
import warnings

from layout.issue.model import Source, Where

RASTER = ("JPEG", "MPO", "PNG", "TIFF")    # MPO: a camera's JPEG with a preview appended
# Pillow modes the press can convert (press.pictures); anything else is refused at load
MODES = frozenset({"1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK",
                   "YCbCr", "LAB", "HSV", "I", "I;16", "I;16L", "I;16B", "I;16N", "F"})
_PILLOW_LIMIT = threading.Lock()


class SourceProblem(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


@contextlib.contextmanager
def no_pillow_bomb_check():
    """Pillow's own pixel limit (a warning at 89 MP, an error at 179 MP) lifted while we read:
    the loader refuses a file over the house limit from its header before it is decoded, and
    the press decodes only files that passed. Pillow reads the limit at open time."""
    from PIL import Image
    with _PILLOW_LIMIT:
        old, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                yield
        finally:
            Image.MAX_IMAGE_PIXELS = old


def read_source(path: str, where: Where, vector: bool) -> Source:
    """The Source of the file at `path`; `vector`: PDF and SVG files are accepted too.
    Raises SourceProblem."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf" or ext == ".svg":
        if not vector:
            raise SourceProblem(f"{os.path.basename(path)} is a {ext[1:].upper()} file, not a "
                                "photo", "a picture is a JPEG, PNG or TIFF file; a PDF or SVG "
                                "goes in an ad (ads:) or the logo (paper: logo:)")
        return read_pdf(path, where) if ext == ".pdf" else read_svg(path, where)
    return read_raster(path, where)


def read_raster(path: str, where: Where) -> Source:
    from PIL import Image
    name = os.path.basename(path)
    try:
        with no_pillow_bomb_check(), Image.open(path) as im:
            kind, mode, (w, h) = im.format, im.mode, im.size
            if kind == "PNG":
                im.verify()         # chunk CRCs and truncation, without inflating the data
        with no_pillow_bomb_check(), Image.open(path) as im:
            turned = orientation(im)
            dpi = _dpi(im)
            icc = im.info.get("icc_profile")
            bits = im.tag_v2.get(258) if kind == "TIFF" and hasattr(im, "tag_v2") else None
    except Exception as e:       # noqa: BLE001 — Pillow's parsers raise what a damaged header
        # makes them raise (struct.error, IndexError, KeyError … besides UnidentifiedImageError):
        # any of them is this file's fault, reported at its line, never an internal error
        raise SourceProblem(f"{name} is not a readable image ({type(e).__name__}: {e})",
                            "give a JPEG, PNG or TIFF file (8 or 16 bits per channel, or "
                            "32-bit float gray); re-export it if it is damaged") from None
    if kind not in RASTER:
        raise SourceProblem(f"{name} is a {kind} image", "give a JPEG, PNG or TIFF file")
    if mode not in MODES:
        raise SourceProblem(f"{name}: its pixels are of a kind the press cannot convert "
                            f"(Pillow mode {mode})",
                            "save it as 8- or 16-bit RGB, CMYK, gray or LAB")
    if mode == "I" and kind == "TIFF" and _bits(bits) == 32:
        raise SourceProblem(f"{name}: 32-bit integer gray pixels have no defined tone scale",
                            "save it as 8- or 16-bit gray, or as 32-bit float in 0–1")
    if w < 1 or h < 1:
        raise SourceProblem(f"{name} has no pixels ({w} × {h})", "re-export the image")
    if icc:
        why = profile_problem(icc, mode)
        if why:
            raise SourceProblem(f"{name}: its embedded colour profile {why}",
                                "export it again with a working profile (sRGB, Adobe RGB, the "
                                "printer's CMYK) or with none")
    if turned in (5, 6, 7, 8):           # turned a quarter: displayed width is the height
        w, h = h, w
    return Source(path, "JPEG" if kind == "MPO" else kind, w, h, where, mode, turned, dpi)


# the colour space an embedded profile must describe for the pixels it comes with (ICC.1
# header bytes 16–19), by Pillow mode; gray and bilevel pixels are printed as they are
_PROFILE_SPACE = {"RGB": b"RGB ", "RGBA": b"RGB ", "RGBa": b"RGB ", "RGBX": b"RGB ",
                  "P": b"RGB ", "PA": b"RGB ", "YCbCr": b"RGB ", "CMYK": b"CMYK",
                  "LAB": b"Lab "}


def profile_problem(icc: bytes, mode: str) -> str:
    """'' when littleCMS reads the embedded profile and it describes the pixels' colour space,
    else what is wrong (a damaged profile would silently fall back to a guess)."""
    import io

    from PIL import ImageCms
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as e:
        return f"cannot be read by littleCMS ({e})"
    want = _PROFILE_SPACE.get(mode)
    got = icc[16:20]
    if want and got != want:
        return (f"is for {got.decode('latin-1').strip() or '?'} colour, the pixels are "
                f"{want.decode('latin-1').strip()}")
    return ""


def _bits(bits) -> int:
    if isinstance(bits, (tuple, list)):
        return int(bits[0]) if bits else 0
    return int(bits or 0)


def orientation(im) -> int:
    """The EXIF orientation (tag 274), 1 when there is none. Never decodes the pixels: a
    PNG's getexif() would (Pillow looks for an eXIf chunk after the image data), so a PNG's
    orientation is read only from an eXIf chunk before the data (what Pillow put in info)."""
    from PIL import Image
    try:
        if im.format == "PNG":
            raw = im.info.get("exif")
            if not raw:
                return 1
            exif = Image.Exif()
            exif.load(raw)
        else:
            exif = im.getexif()
        o = int(exif.get(274, 1) or 1)
    except (ValueError, TypeError, OSError, SyntaxError, KeyError):
        return 1
    return o if 1 <= o <= 8 else 1


def _dpi(im) -> float:
    d = im.info.get("dpi")
    try:
        v = float(d[0]) if isinstance(d, (tuple, list)) else float(d or 0)
    except (TypeError, ValueError):
        return 0.0
    return v if 1 <= v <= 100_000 else 0.0


# -- PDF artwork -----------------------------------------------------------------------------
RGB_SPACES = frozenset({"/DeviceRGB", "/CalRGB", "/RGB"})


def read_pdf(path: str, where: Where) -> Source:
    import pikepdf
    name = os.path.basename(path)
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) < 1:
                raise SourceProblem(f"{name} has no pages", "export the artwork again")
            page = pdf.pages[0]
            box = _page_box(page)
            rotate = int(page.obj.get("/Rotate", 0)) % 360
            problems = artwork_problems(page)
            transparent = uses_transparency(pdf)
    except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError, IndexError) as e:
        # a damaged file, or objects of the wrong type where the artwork is walked
        raise SourceProblem(f"{name} is not a readable PDF ({type(e).__name__}: {e})",
                            "export the artwork again as PDF/X-1a or PDF/X-4") from None
    if rotate:
        raise SourceProblem(f"{name}: its page is turned {rotate}°",
                            "export the artwork upright, at its printed size")
    if problems:
        raise SourceProblem(f"{name}: {problems[0]}" + (
            f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""),
            "the press prints CMYK and gray with embedded fonts: export the artwork as "
            "PDF/X-1a (fonts embedded, colours converted to CMYK)")
    w, h = box[2] - box[0], box[3] - box[1]
    if w <= 0 or h <= 0:
        raise SourceProblem(f"{name}: its page has no area", "export the artwork again")
    return Source(path, "PDF", w, h, where, box=box, transparent=transparent)


def uses_transparency(pdf) -> bool:
    """Whether a PDF draws with transparency (ISO 32000-1 11): a soft mask, a constant alpha
    below 1 or a blend mode other than Normal in a graphics state, an image with a soft
    mask, or a transparency group. PDF/X-1a forbids all of them (ISO 15930-1:2001); PDF/X-4
    allows them."""
    import pikepdf
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            top = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
            if any(_transparent(d) for d in _dictionaries(top, pikepdf)):
                return True
    return False


def _dictionaries(d, pikepdf, depth: int = 0):
    """A dictionary and the direct dictionaries inside it (a page's resources hold their
    graphics states inline); indirect ones are pdf.objects' own turn."""
    yield d
    if depth > 6:
        return
    for v in d.values():
        for x in (v if isinstance(v, pikepdf.Array) else [v]):
            if isinstance(x, pikepdf.Dictionary) and not x.is_indirect:
                yield from _dictionaries(x, pikepdf, depth + 1)


def _transparent(d) -> bool:
    """One dictionary's transparency (uses_transparency)."""
    import pikepdf
    smask = d.get("/SMask")
    if smask is not None and str(smask) != "/None":
        return True
    group = d.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and str(group.get("/S")) == "/Transparency":
        return True
    for key in ("/CA", "/ca"):
        v = d.get(key)
        if v is not None and float(v) < 1:
            return True
    bm = d.get("/BM")
    return bm is not None and any(str(n) not in ("/Normal", "/Compatible") for n in (
        bm if isinstance(bm, pikepdf.Array) else [bm]))


def _page_box(page) -> tuple[float, float, float, float]:
    """The artwork's printed area: TrimBox (what an ad is delivered at), else CropBox, else
    MediaBox (ISO 32000-1 14.11.2)."""
    obj = page.obj
    for key in ("/TrimBox", "/CropBox"):
        if key in obj:
            b = [float(v) for v in obj[key]]
            return (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3]))
    b = [float(v) for v in page.mediabox]
    return (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3]))


COLOUR_OPS = "rg RG cs CS ID"       # the operators _walk_content reads


def artwork_problems(page, ops=None) -> list[str]:
    """What keeps a PDF page from going to the press as it is: RGB colour (spaces, operators,
    images, shadings) and fonts without an embedded program, in the page and every form,
    pattern, shading and Type3 glyph it draws (ISO 15930-1:2001: PDF/X-1a colour is CMYK,
    gray or spot, and every font is embedded). `ops`: the page's own content as qpdf parsed
    it with COLOUR_OPS among the operators kept (preflight.artwork parses it once for its
    graphics and for this), or None to parse it here."""
    out: list[str] = []
    seen: set = set()
    _walk_content(page.obj, page.obj.get("/Resources"), out, seen, 0, ops)
    return list(dict.fromkeys(out))


def _walk_content(holder, resources, out: list[str], seen: set, depth: int,
                  ops=None) -> None:
    from layout import qpdf     # pikepdf's core: the preflight reads artwork with it
    if depth > 12:
        return
    key = holder.objgen if holder.is_indirect else id(holder)
    if key in seen:
        return
    seen.add(key)
    res = resources if resources is not None else qpdf.Dictionary()
    _check_resources(res, out, seen, depth)
    try:       # only the colour operators and inline images, filtered in qpdf (fast)
        if ops is None:
            ops = qpdf.parse_content_stream(holder, COLOUR_OPS)
    except (qpdf.PdfError, TypeError, ValueError):
        out.append("a content stream cannot be read")
        return
    spaces = res.get("/ColorSpace") or {}
    for operands, op in ops:
        o = str(op)
        if o in ("rg", "RG"):
            out.append(f"RGB colour (the {o} operator)")
        elif o in ("cs", "CS") and operands:
            cs = str(operands[0])
            if cs in RGB_SPACES or (cs in spaces and _is_rgb(spaces[cs])):
                out.append(f"an RGB colour space ({cs})")
        elif o == "ID":          # an inline image's dictionary, as key, value, key, value …
            for key, cs in zip(operands[::2], operands[1::2]):
                if str(key) in ("/CS", "/ColorSpace") and (
                        str(cs) in RGB_SPACES or _is_rgb(cs)
                        or (str(cs) in spaces and _is_rgb(spaces[str(cs)]))):
                    out.append("an RGB inline image")


def _is_rgb(cs) -> bool:
    from layout import qpdf
    if isinstance(cs, qpdf.Name):
        return str(cs) in RGB_SPACES
    if isinstance(cs, qpdf.Array) and len(cs):
        family = str(cs[0])
        if family in RGB_SPACES:
            return True
        if family == "/ICCBased":
            return int(cs[1].get("/N", 0)) == 3
        if family == "/Indexed" and len(cs) > 1:
            return _is_rgb(cs[1])
        if family in ("/Separation", "/DeviceN") and len(cs) > 2:
            return _is_rgb(cs[2])       # the alternate space a press without the ink uses
    return False


def _check_resources(res, out: list[str], seen: set, depth: int) -> None:
    from layout import qpdf
    for name, cs in (res.get("/ColorSpace") or {}).items():
        if _is_rgb(cs):
            out.append(f"an RGB colour space ({name})")
    for name, sh in (res.get("/Shading") or {}).items():
        if _is_rgb(sh.get("/ColorSpace")):
            out.append(f"an RGB shading ({name})")
    for name, pat in (res.get("/Pattern") or {}).items():
        if "/Shading" in pat and _is_rgb(pat.Shading.get("/ColorSpace")):
            out.append(f"an RGB shading pattern ({name})")
        elif pat.get("/PatternType") == 1:
            _walk_content(pat, pat.get("/Resources"), out, seen, depth + 1)
    for name, font in (res.get("/Font") or {}).items():
        why = _font_problem(font)
        if why:
            out.append(f"font {name} ({str(font.get('/BaseFont', '?')).lstrip('/')}) {why}")
        if font.get("/Subtype") == "/Type3":
            for proc in (font.get("/CharProcs") or {}).values():
                _walk_content(proc, font.get("/Resources"), out, seen, depth + 1)
    for name, xo in (res.get("/XObject") or {}).items():
        sub = xo.get("/Subtype")
        if sub == "/Image":
            if _is_rgb(xo.get("/ColorSpace")):
                out.append(f"an RGB image ({name})")
        elif sub == "/Form":
            _walk_content(xo, xo.get("/Resources"), out, seen, depth + 1)
    for gs in (res.get("/ExtGState") or {}).values():
        smask = gs.get("/SMask")
        if isinstance(smask, qpdf.Dictionary) and "/G" in smask:
            _walk_content(smask.G, smask.G.get("/Resources"), out, seen, depth + 1)


def _font_problem(font) -> str:
    sub = font.get("/Subtype")
    if sub == "/Type3":
        return ""                        # glyphs are content streams, walked for colour
    desc = font.get("/FontDescriptor")
    if sub == "/Type0":
        kids = font.get("/DescendantFonts")
        desc = kids[0].get("/FontDescriptor") if kids is not None and len(kids) else None
    if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        return "is not embedded"
    return ""


# -- SVG logos -------------------------------------------------------------------------------
SVG_MAX_BYTES = 20_000_000   # a logo is kilobytes; svglib builds every element in Python


def read_svg(path: str, where: Where) -> Source:
    name = os.path.basename(path)
    size = os.path.getsize(path)
    if size > SVG_MAX_BYTES:
        raise SourceProblem(f"{name} is {size / 1e6:.0f} MB, too large for an SVG logo "
                            f"(at most {SVG_MAX_BYTES // 1_000_000} MB)",
                            "simplify the drawing, or export the logo as PDF")
    drawing, why = load_svg(path)
    if drawing is None:
        raise SourceProblem(f"{name} is not a readable SVG ({why})", "export the logo again "
                            "as plain SVG (paths, no scripts), or as PDF")
    problem = svg_problem(drawing)
    if problem:
        raise SourceProblem(f"{name}: {problem}", "in the drawing program: text to "
                            "outlines (曲线化), transparency flattened, raster images removed; "
                            "or export the logo as PDF/X-1a")
    w, h = float(drawing.width), float(drawing.height)
    if not (w > 0 and h > 0):
        raise SourceProblem(f"{name} has no size", "give the SVG a width and height or a viewBox")
    return Source(path, "SVG", w, h, where, box=(0.0, 0.0, w, h))


def load_svg(path: str):
    """(a ReportLab Drawing, "") or (None, why): svglib parses the SVG (external entities and
    network access off: lxml's defaults in svglib)."""
    import logging
    logging.getLogger("svglib.svglib").setLevel(logging.ERROR)
    try:
        from svglib.svglib import svg2rlg
        d = svg2rlg(path)
    except Exception as e:            # svglib raises whatever its parsers raise
        return None, f"{type(e).__name__}: {e}"
    if d is None:
        return None, "svglib could not parse it"
    return d, ""


def svg_problem(drawing) -> str:
    """What keeps an SVG logo from printing as embedded vector artwork: text (svglib would
    draw it in an unembedded standard font), raster images (RGB pixels), transparency
    (forbidden in PDF/X-1a)."""
    from reportlab.graphics.shapes import Group, Image, String
    stack = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, String):
            return f"it has text (“{node.text[:20]}”): a logo's text must be outlines"
        if isinstance(node, Image):
            return "it embeds a raster image"
        for attr in ("fillOpacity", "strokeOpacity"):
            v = getattr(node, attr, None)
            if v is not None and float(v) < 1:
                return "it has transparent parts"
        if isinstance(node, Group) or hasattr(node, "contents"):
            stack.extend(getattr(node, "contents", ()))
    return ""
