"""Read a finished PDF back, independently of the layout's data: every glyph drawn (pdfminer.six
interpreting the content streams), and per page the boxes and the font resources (pypdf).

Place in the pipeline: the first step of `layout.preflight`; its output is all the other checks see
of the PDF. Glyphs are kept in content-stream order (the order they were drawn), which is the
reading order the layout promises: story by story, column by column, line by line.

Per glyph: its text (through the font's ToUnicode), char code, font, size, the x of its origin
and of its advance end, its baseline, and whether it is invisible (render mode 3 or 7, e.g. the
text under a —— drawn as a bar). Coordinates: pt, origin at the top-left corner of the trimmed
page (the TrimBox, or the MediaBox when there is none), y growing downwards.
The ink box (`ink_x0`/`ink_x1`) drops the blank half of a full-width mark: mainland glyphs put
the ink of ，。、：；？！ and closing marks in the left half, of opening marks in the right
half (GB/T 15834—2011 §5.1; clreq #punctuation_width_adjustment); vertically a glyph is its
ideographic em box, 0.88 em above the baseline and 0.12 em below (the Noto CJK / Source Han
design, and the ascent/descent the embedded fonts declare).
"""
from __future__ import annotations

from dataclasses import dataclass

from layout.preflight.tables import blank_halves
from layout.preflight.findings import CheckInputError

EM_TOP, EM_BOTTOM = 0.88, 0.12


@dataclass(slots=True)
class Glyph:
    i: int                 # index in the page's glyph list (stream order)
    text: str
    code: int
    font: str              # BaseFont, e.g. AAAAAA+NotoSerifSC-Regular
    fid: int               # key of the font in PdfPage.programs
    size: float
    x0: float              # origin
    x1: float              # origin + advance
    base: float            # baseline, from the top of the page
    invisible: bool
    ink: float = 1.0       # share of black in the fill: 1 solid, 0 paper white (reversed)
    turned: bool = False   # drawn turned 90° clockwise (a 竖题's Latin): baseline downwards
    ink_x0: float = 0.0    # the box without a mark's blank half (set in __post_init__)
    ink_x1: float = 0.0
    top: float = 0.0       # the ideographic em box
    bottom: float = 0.0

    def __post_init__(self) -> None:
        if self.turned:       # the em box turned: ascent to the right, advance downwards
            adv = self.x1 - self.x0
            self.ink_x0, self.ink_x1 = self.x0 - EM_BOTTOM * self.size, self.x0 + EM_TOP * self.size
            self.top, self.bottom, self.x1 = self.base, self.base + adv, self.x0
            return
        left, right = blank_halves(self.text) if len(self.text) == 1 else (0.0, 0.0)
        self.ink_x0 = self.x0 + left * self.size
        self.ink_x1 = self.x1 - right * self.size
        self.top = self.base - EM_TOP * self.size
        self.bottom = self.base + EM_BOTTOM * self.size

    def box(self) -> tuple[float, float, float, float]:
        return (self.ink_x0, self.top, self.ink_x1, self.bottom)


@dataclass
class PdfPage:
    index: int                                   # 1-based page of the PDF
    boxes: dict[str, tuple[float, float, float, float]]   # /MediaBox … as x0, y0, x1, y1
    rotate: int
    glyphs: list[Glyph]
    fonts: list[dict]        # per font resource: name, subtype, embedded, basefont
    programs: dict[int, tuple[str, bytes | None]]   # fid -> (kind, TrueType program)


def _program(font) -> tuple[str, bytes | None]:
    """(kind, the embedded TrueType program) of a pdfminer font, read while the file is open:
    kind "cid" for a CID-keyed font, "simple" otherwise."""
    from pdfminer.pdftypes import resolve1
    kind = "cid" if type(font).__name__ == "PDFCIDFont" else "simple"
    desc = getattr(font, "descriptor", None) or {}
    stream = resolve1(desc.get("FontFile2")) if hasattr(desc, "get") else None
    try:
        return kind, stream.get_data() if stream is not None else None
    except Exception:      # a damaged stream: the program cannot be checked
        return kind, None


def _ink(gs) -> float:
    """The share of black of the fill colour: K (with C, M, Y) in CMYK, 1 − g in gray; 1
    when the colour is of another kind (the inks check reports no tint it cannot read)."""
    col = getattr(gs, "ncolor", None)
    if isinstance(col, (int, float)):
        return 1.0 - float(col)
    if isinstance(col, (tuple, list)) and len(col) == 4:
        return min(1.0, max(float(v) for v in col))
    return 1.0


def _norm(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _glyph_pages(path: str) -> list[tuple[list[Glyph], dict[int, object]]]:
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    class Device(PDFTextDevice):
        """Records each glyph; no layout analysis (pdfplumber's LTChar objects would double
        the time of a broadsheet page)."""

        def begin_page(self, page, ctm):
            self.glyphs: list[Glyph] = []
            self.programs: dict[int, tuple[str, bytes | None]] = {}
            # pdfminer's device space has its origin at the MediaBox's lower-left corner; ours
            # is the trimmed page's top-left corner (the TrimBox when there is one: with bleed
            # and marks the MediaBox is larger than the page the layout was made for)
            mb = _norm(page.mediabox)
            tb = _norm(resolve1(page.attrs.get("TrimBox")) or mb)
            self.dx, self.height = tb[0] - mb[0], tb[3] - mb[1]
            # beyond the BleedBox lies the slug: printer's marks, not the page (ISO 32000-1
            # §14.11.2); glyphs there are not the page's text
            bb = _norm(resolve1(page.attrs.get("BleedBox")) or mb)
            self.keep = (bb[0] - tb[0], tb[3] - bb[3], bb[2] - tb[0], tb[3] - bb[1])
            self.ctm = ctm

        def render_string(self, textstate, seq, ncs, graphicstate):
            self.mode = textstate.render
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            a, b, c, d, e, f = matrix
            adv = font.char_width(cid) * fontsize * scaling
            try:
                text = font.to_unichr(cid)
            except (PDFUnicodeNotDefined, KeyError, IndexError, ValueError):
                text = "\ufffd"       # no ToUnicode entry: extracted as nothing readable
            fid = id(font)
            if fid not in self.programs:
                self.programs[fid] = _program(font)
            x = c * rise + e - self.dx
            size = fontsize * (c * c + d * d) ** 0.5
            base = self.height - (d * rise + f)
            k = self.keep
            turned = abs(b) > abs(a)           # Tm 0 -1 1 0: turned 90° clockwise
            if k[0] <= x + a * adv / 2 <= k[2] and k[1] <= base <= k[3]:
                self.glyphs.append(Glyph(
                    len(self.glyphs), text, cid, getattr(font, "basefont", None) or font.fontname,
                    fid, size, x, x + (abs(b) if turned else a) * adv, base,
                    self.mode in (3, 7), _ink(graphicstate), turned))
            return adv

    out = []
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        rm = PDFResourceManager(caching=True)
        dev = Device(rm)
        interp = PDFPageInterpreter(rm, dev)
        for page in PDFPage.create_pages(doc):
            interp.process_page(page)
            out.append((dev.glyphs, dev.programs))
    return out


def _box(page, name: str):
    v = page.get(name)
    if v is None:
        return None
    return tuple(float(x) for x in v.get_object())


def _fonts(page) -> list[dict]:
    """Every font resource of the page and of the forms it draws, once each."""
    out, seen = [], set()

    def walk(res, depth=0):
        if res is None or depth > 8:
            return
        res = res.get_object()
        for name, ref in (res.get("/Font") or {}).items():
            key = getattr(ref, "idnum", None) or id(ref)
            if key in seen:
                continue
            seen.add(key)
            f = ref.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out.append({"resource": str(name), "subtype": str(f.get("/Subtype", "")),
                        "basefont": str(f.get("/BaseFont", "")).lstrip("/"),
                        "embedded": any(k in desc for k in ("/FontFile", "/FontFile2",
                                                            "/FontFile3"))})
        for xo in (res.get("/XObject") or {}).values():
            xo = xo.get_object()
            if xo.get("/Subtype") == "/Form":
                walk(xo.get("/Resources"), depth + 1)

    walk(page.get("/Resources"))
    return out


def read_pdf(path: str) -> list[PdfPage]:
    """All pages of the PDF at `path`; CheckInputError if it is missing or cannot be read."""
    import os

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    if not os.path.isfile(path):
        raise CheckInputError(f"{path}: no such PDF file")
    try:
        reader = PdfReader(path, strict=False)
        pages = list(reader.pages)
        glyphs = _glyph_pages(path)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise CheckInputError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    except Exception as e:   # pdfminer's parser errors have no common public base class
        if type(e).__module__.startswith(("pdfminer", "pypdf")):
            raise CheckInputError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
        raise
    if len(glyphs) != len(pages):
        raise CheckInputError(f"{path}: the page tree is damaged ({len(pages)} pages listed, "
                              f"{len(glyphs)} readable)")
    out = []
    for k, (page, (gl, programs)) in enumerate(zip(pages, glyphs), start=1):
        boxes = {n: _norm(b) for n in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox")
                 if (b := _box(page, n)) is not None}
        boxes["/MediaBox"] = _norm(page.mediabox)      # inherited from the page tree if need be
        out.append(PdfPage(k, boxes, int(page.get("/Rotate", 0) or 0), gl, _fonts(page),
                           programs))
    return out
