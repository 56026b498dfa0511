"""Read a finished PDF back, independently of the layout's data: every glyph drawn, and per
page the boxes and the font resources.

Place in the pipeline: the first step of `layout.preflight`; its output is all the other checks
see of the PDF. Glyphs are kept in content-stream order (the order they were drawn), which is
the reading order the layout promises: story by story, column by column, line by line.

How: qpdf (pikepdf) parses the file's objects — pages, boxes, resources, fonts, streams — and
this module reads the content streams' operators itself (ISO 32000-1 §9.4 text objects and
operators, §8.4 graphics state, §8.10 form XObjects). The streams are split into tokens by one
regular expression and only the operators that place text are interpreted (BT ET Tf Tm Td TD
T* Tc Tw Tz TL Ts Tr Tj TJ ' " q Q cm Do); everything else (paths, colours, marked content,
images) is skipped. A stream the expression cannot split (an inline image) is tokenised by
qpdf instead. This replaced pdfminer.six, whose pure-Python tokenizer took 75–80 % of
240–330 ms a page, and pypdf (which imports `cryptography`).

Fonts (§9.6–§9.10): Type0 fonts with 2-byte codes (Identity-H: code = CID), widths from W and
DW; simple fonts with 1-byte codes, widths from FirstChar/Widths (the 14 standard fonts from
their AFM metrics); text through the font's ToUnicode CMap (bfchar and bfrange, UTF-16BE with
surrogate pairs), else through the simple font's encoding; a code without either reads as
U+FFFD.

Per glyph: its text, char code, font, size, the x of its origin and of its advance end, its
baseline, and whether it is invisible (render mode 3 or 7, e.g. the text under a —— drawn as a
bar). Coordinates: pt, origin at the top-left corner of the trimmed page (the TrimBox, or the
MediaBox when there is none), y growing downwards; glyphs beyond the BleedBox (the slug:
printer's marks, ISO 32000-1 §14.11.2) are not the page's text and are left out.
The ink box (`ink_x0`/`ink_x1`) drops the blank half of a full-width mark: mainland glyphs put
the ink of ，。、：；？！ and closing marks in the left half, of opening marks in the right
half (GB/T 15834—2011 §5.1; clreq #punctuation_width_adjustment); vertically a glyph is its
ideographic em box, 0.88 em above the baseline and 0.12 em below (the Noto CJK / Source Han
design, and the ascent/descent the embedded fonts declare).
"""
from __future__ import annotations

import gc
import math
from binascii import unhexlify as _unhex
import os
import re
import struct
from typing import NamedTuple

from layout import qpdf
from layout.preflight.findings import CheckInputError
from layout.preflight.tables import MARKS, blank_halves

EM_TOP, EM_BOTTOM = 0.88, 0.12
_BLANK = {ch: blank_halves(ch) for ch in MARKS}
_NONE = (0.0, 0.0)
MAX_DEPTH = 8           # nested form XObjects followed


class _Glyph(NamedTuple):
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
    ink: float             # share of black in the fill: 1 solid, 0 paper white (reversed)
    turned: bool           # drawn turned 90° clockwise (a 竖题's Latin): baseline downwards
    ink_x0: float          # the box without a mark's blank half
    ink_x1: float
    top: float             # the ideographic em box
    bottom: float


class Glyph(_Glyph):
    """One glyph as drawn. A named tuple: a page makes thousands, and the reader makes them
    with tuple.__new__ and its ink box computed inline (`_glyph`), where a dataclass with
    __post_init__ took three Python calls each."""
    __slots__ = ()

    def __new__(cls, i: int, text: str, code: int, font: str, fid: int, size: float,
                x0: float, x1: float, base: float, invisible: bool, ink: float = 1.0,
                turned: bool = False):
        return _glyph(i, text, code, font, fid, size, x0, x1, base, invisible, ink, turned)

    def box(self) -> tuple[float, float, float, float]:
        return (self.ink_x0, self.top, self.ink_x1, self.bottom)


_new = tuple.__new__


def _glyph(i, text, code, font, fid, size, x0, x1, base, invisible, ink=1.0,
           turned=False) -> Glyph:
    if turned:      # the em box turned: ascent to the right, the advance downwards
        return _new(Glyph, (i, text, code, font, fid, size, x0, x0, base, invisible, ink, True,
                            x0 - EM_BOTTOM * size, x0 + EM_TOP * size, base,
                            base + (x1 - x0)))
    left, right = _BLANK.get(text, _NONE)
    return _new(Glyph, (i, text, code, font, fid, size, x0, x1, base, invisible, ink, False,
                        x0 + left * size, x1 - right * size, base - EM_TOP * size,
                        base + EM_BOTTOM * size))


class PdfPage(NamedTuple):
    index: int                                   # 1-based page of the PDF
    boxes: dict[str, tuple[float, float, float, float]]   # /MediaBox … as x0, y0, x1, y1
    rotate: int
    glyphs: list[Glyph]
    fonts: list[dict]        # per font resource: name, subtype, embedded, basefont
    programs: dict[int, tuple[str, bytes | None]]   # fid -> (kind, TrueType program)


# -- tokens ---------------------------------------------------------------------------------
# One token per match: a hex string, a literal string (one level of nested parentheses), an
# array bracket, a name, << or >>, a comment, a number or operator; \S alone = not PDF syntax.
_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|[\[\]]"
                    rb"|/[^\s()<>\[\]{}/%]*|<<|>>|%[^\r\n]*|[^\s()<>\[\]{}/%]+|\S", re.S)
_INLINE_IMAGE = re.compile(rb"(?<![^\s\]>)])BI(?![^\s(/<\[])")
_OPERAND_WORDS = frozenset((b"true", b"false", b"null"))
_STRAY = frozenset((b"(", b")", b"<", b">", b"{", b"}"))
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f",
            b"(": b"(", b")": b")", b"\\": b"\\", b"\n": b"", b"\r": b""}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)


def _unescape(m: re.Match) -> bytes:
    e = m.group(1)
    if e[:1].isdigit():
        return bytes((int(e, 8) & 0xFF,))
    return _ESCAPES.get(e, b"" if e == b"\r\n" else e)


def string_bytes(tok: bytes) -> bytes:
    """The bytes of a string token: <hex> or (literal) (ISO 32000-1 §7.3.4)."""
    if tok[:1] == b"<":
        try:
            return _unhex(tok[1:-1])         # pairs of digits, as the writers write them
        except ValueError:                   # (binascii.Error is a ValueError)
            pass
        try:
            return bytes.fromhex(tok[1:-1].decode("ascii"))     # white space between pairs
        except ValueError:       # an odd number of digits: the last one is followed by 0
            h = re.sub(rb"\s", b"", tok[1:-1]) + b"0"
            return bytes.fromhex(h.decode("ascii"))
    return _ESCAPE.sub(_unescape, tok[1:-1])


_CODES: dict = {}         # number of 2-byte codes -> their big-endian unpacker


def _codes(pairs: int):
    """The unpacker of a string of `pairs` 2-byte codes (a trailing odd byte left out)."""
    f = _CODES[pairs] = struct.Struct(">%dH" % pairs).unpack_from
    return f


# Pages split by the structure check (preflight.syntax), kept for this reader when both run
# in one process (~5 ms a page); taken when read, cleared after each check (runner).
KEPT: dict[bytes, list[bytes] | None] = {}
KEEP_PAGES = 8


def tokens(data: bytes, keep: bool = False) -> list[bytes] | None:
    """The content stream's tokens, or None when it holds what the expression does not
    split: an inline image's data, a deeply nested literal string. `keep`: kept for the next
    call on the same bytes (KEPT)."""
    if KEPT and data in KEPT:
        return KEPT.pop(data)
    if b"BI" in data and _INLINE_IMAGE.search(data):
        toks = None
    else:
        toks = _TOKEN.findall(data)
        if not _STRAY.isdisjoint(toks):       # a lone delimiter that starts no token
            toks = None
    if keep and len(KEPT) < KEEP_PAGES:
        KEPT[data] = toks
    return toks


def _qpdf_tokens(stream) -> list[bytes]:
    """The tokens of a stream as qpdf parses it (inline images skipped)."""
    out: list[bytes] = []
    for operands, op in qpdf.parse_content_stream(stream):
        if isinstance(op, qpdf.Operator) and str(op) != "INLINE IMAGE":
            for v in operands:
                _flat(v, out)
            out.append(bytes(op.unparse()))
    return out


def _flat(v, out: list[bytes]) -> None:
    """An operand as the tokens carry it: an array spread out between its brackets."""
    if isinstance(v, qpdf.Array):
        out.append(b"[")
        for x in v:
            _flat(x, out)
        out.append(b"]")
    elif isinstance(v, qpdf.String):
        out.append(b"<" + bytes(v).hex().encode() + b">")
    elif isinstance(v, qpdf.Object):
        out.append(bytes(v.unparse()))
    elif isinstance(v, bool) or v is None:
        out.append(b"null" if v is None else b"true" if v else b"false")
    else:                                  # a number, as qpdf hands it to Python
        out.append(str(v).encode("ascii"))


# -- fonts ----------------------------------------------------------------------------------
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])")
_HEXES = re.compile(rb"<([0-9A-Fa-f]*)>")
_NUMBERS = re.compile(rb"\[|\]|[-+]?(?:\d+\.?\d*|\.\d+)")
STANDARD_14 = frozenset(
    "Courier Courier-Bold Courier-Oblique Courier-BoldOblique Helvetica Helvetica-Bold "
    "Helvetica-Oblique Helvetica-BoldOblique Times-Roman Times-Bold Times-Italic "
    "Times-BoldItalic Symbol ZapfDingbats".split())


def _utf16(h: bytes) -> str:
    return bytes.fromhex(h.decode("ascii")).decode("utf-16-be", "replace")


def to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code -> text (ISO 32000-1 §9.10.3: bfchar and bfrange; a range's
    single destination counts up from its first value)."""
    out: dict[int, str] = {}
    for body in _BFCHAR.findall(data):
        for src, dst in _PAIR.findall(body):
            out[int(src, 16)] = _utf16(dst)
    for body in _BFRANGE.findall(data):
        for lo, hi, dst, dsts in _RANGE.findall(body):
            lo, hi = int(lo, 16), int(hi, 16)
            if dsts:
                for k, d in enumerate(_HEXES.findall(dsts)):
                    out[lo + k] = _utf16(d)
            elif dst:
                start, n = int(dst, 16), len(dst) // 2
                for k in range(min(hi - lo + 1, 0x10000)):
                    out[lo + k] = (start + k).to_bytes(n, "big").decode("utf-16-be", "replace")
    return out


def cid_widths(w: bytes) -> dict[int, float]:
    """The W array of a CIDFont (§9.7.4.3), from its PDF syntax: `c [w …]` and `c1 c2 w`."""
    toks = _NUMBERS.findall(w)
    if toks[:1] == [b"["]:
        toks = toks[1:-1]
    out: dict[int, float] = {}
    i = 0
    while i < len(toks):
        c = int(float(toks[i]))
        if toks[i + 1] == b"[":
            i += 2
            while toks[i] != b"]":
                out[c] = float(toks[i])
                c, i = c + 1, i + 1
            i += 1
        else:
            c2, v = int(float(toks[i + 1])), float(toks[i + 2])
            for k in range(c, min(c2, c + 0xFFFF) + 1):
                out[k] = v
            i += 3
    return out


class Font:
    """What the reader needs of one font: code length, widths in 1/1000 of text space, and
    the text of each code."""
    __slots__ = ("fid", "info", "two", "widths", "dw", "text", "decode", "program")

    def __init__(self, fid: int, obj):
        self.fid = fid
        sub = str(obj.get("/Subtype", ""))
        base = str(obj.get("/BaseFont", "")).lstrip("/")
        self.two = sub == "/Type0"
        desc = obj.get("/FontDescriptor")
        cid = None
        if self.two and "/DescendantFonts" in obj:
            cid = obj.DescendantFonts[0]
            desc = cid.get("/FontDescriptor")
        embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2",
                                                               "/FontFile3"))
        self.info = {"subtype": sub, "basefont": base, "embedded": embedded}
        self.text: dict[int, str] = {}
        if "/ToUnicode" in obj:
            try:
                self.text = to_unicode(obj.ToUnicode.read_bytes())
            except Exception:      # a damaged CMap: its codes read as U+FFFD
                self.text = {}
        self.decode = None if self.two else _encoding(obj)
        self.program: tuple[str, bytes | None] = ("cid" if self.two else "simple", None)
        if self.two:
            self.dw = float(cid.get("/DW", 1000)) if cid is not None else 1000.0
            self.widths = (cid_widths(bytes(cid.W.unparse()))
                           if cid is not None and "/W" in cid else {})
        else:
            self._simple_widths(obj, desc, sub, base)
            if embedded and desc is not None and "/FontFile2" in desc:
                try:
                    self.program = ("simple", desc.FontFile2.read_bytes())
                except Exception:    # a damaged stream: the program cannot be checked
                    pass

    def _simple_widths(self, obj, desc, sub: str, base: str) -> None:
        self.dw = float(desc.get("/MissingWidth", 0)) if desc is not None else 0.0
        self.widths = {}
        scale = 1.0
        if sub == "/Type3" and "/FontMatrix" in obj:     # glyph space -> 1/1000 text space
            scale = float(obj.FontMatrix[0]) * 1000
        if "/Widths" in obj:
            first = int(obj.get("/FirstChar", 0))
            vals = _NUMBERS.findall(bytes(obj.Widths.unparse()))
            self.widths = {first + k: float(v) * scale
                           for k, v in enumerate(v for v in vals if v not in (b"[", b"]"))}
        elif base in STANDARD_14:       # the standard fonts' AFM widths (ReportLab has them)
            from reportlab.pdfbase.pdfmetrics import getFont
            self.widths = dict(enumerate(getFont(base).widths))

    def text_of(self, code: int) -> str:
        t = self.text.get(code)
        if t is None:
            t = self.text[code] = self.decode(code) if self.decode else "\ufffd"
        return t


def _encoding(obj):
    """A simple font's code -> text without a ToUnicode CMap: its Differences (glyph names,
    Adobe Glyph List) over its base encoding (§9.6.6)."""
    enc = obj.get("/Encoding")
    names: dict[int, str] = {}
    base = enc
    if isinstance(enc, qpdf.Dictionary):
        base = enc.get("/BaseEncoding")
        code = 0
        for v in enc.get("/Differences", ()):
            if isinstance(v, qpdf.Name):
                names[code] = str(v).lstrip("/")
                code += 1
            else:
                code = int(v)
    codec = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman"}.get(
        str(base), "latin-1")

    def decode(code: int) -> str:
        if code in names:
            from fontTools.agl import toUnicode
            return toUnicode(names[code]) or "\ufffd"
        return bytes((code,)).decode(codec, "replace")
    return decode


# -- content streams ------------------------------------------------------------------------
_OPSTART = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'\"")
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mult(m, n) -> tuple:
    """m × n for PDF matrices [a b c d e f] (ISO 32000-1 §8.3.4)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


class Fonts:
    """The fonts of one document, read once each (by object) and numbered."""

    def __init__(self):
        self.by_obj: dict = {}
        self.all: list[Font] = []

    def get(self, obj) -> Font:
        key = obj.objgen if obj.is_indirect else id(obj)
        f = self.by_obj.get(key)
        if f is None:
            f = self.by_obj[key] = Font(len(self.all), obj)
            self.all.append(f)
        return f


class _Text:
    """What q/Q save with the graphics state that a glyph needs: the text state (§9.3: Tc Tw
    Tz TL Tf Tr Ts) and the share of black of the fill colour (`ink`: K, the largest of C, M,
    Y and K, in CMYK; 1 − g in gray; 1 for a colour of another kind)."""
    __slots__ = ("tc", "tw", "th", "tl", "font", "fs", "tr", "ts", "ink")

    def __init__(self):
        self.tc = self.tw = self.tl = self.ts = 0.0
        self.th, self.font, self.fs, self.tr, self.ink = 1.0, None, 0.0, 0, 1.0


class PageReader:
    """The glyphs one page draws: its content streams interpreted, forms followed."""

    def __init__(self, fonts: Fonts, trim, bleed):
        self.fonts = fonts
        self.x0, self.top = trim[0], trim[3]
        # beyond the BleedBox lies the slug: printer's marks, not the page
        self.keep = (bleed[0] - trim[0], trim[3] - bleed[3], bleed[2] - trim[0],
                     trim[3] - bleed[1])
        self.out: list[Glyph] = []
        self.ctm = IDENTITY
        self.t = _Text()
        self.tm = self.tlm = IDENTITY
        self.stack: list = []

    def run(self, toks: list[bytes], resources, depth: int = 0) -> None:
        res_fonts = resources.get("/Font") if resources is not None else None
        self.named: dict[bytes, Font | None] = {}      # this stream's font resources, read
        args: list[bytes] = []
        for tok in toks:
            if tok[0] not in _OPSTART or tok in _OPERAND_WORDS:
                args.append(tok)
                continue
            op = _OPS.get(tok)
            try:
                if op is not None:
                    op(self, args)
                elif tok == b"Tf":
                    self._font(res_fonts, args)
                elif tok == b"Do":
                    self._do(resources, args, depth)
            except (IndexError, ValueError, KeyError, TypeError, AttributeError,
                    struct.error):
                pass             # a malformed operator: skipped, as a viewer would
            args = []

    def _font(self, res_fonts, args) -> None:
        name = args[0]
        if name not in self.named:
            obj = res_fonts.get(name.decode("latin-1")) if res_fonts is not None else None
            self.named[name] = self.fonts.get(obj) if obj is not None else None
        self.t.font = self.named[name]
        self.t.fs = float(args[1])

    def _do(self, resources, args, depth: int) -> None:
        xo = resources.get("/XObject") if resources is not None else None
        form = xo.get(args[0].decode("latin-1")) if xo is not None else None
        if form is None or form.get("/Subtype") != "/Form" or depth >= MAX_DEPTH:
            return
        saved = (self.ctm, self.t, self.tm, self.tlm, self.named)
        t = _Text()
        for k in _Text.__slots__:
            setattr(t, k, getattr(self.t, k))
        self.t = t
        if "/Matrix" in form:
            self.ctm = mult(tuple(float(v) for v in form.Matrix), self.ctm)
        self.run(stream_tokens(form), form.get("/Resources", resources), depth + 1)
        self.ctm, self.t, self.tm, self.tlm, self.named = saved

    def show(self, data: bytes) -> None:
        """Glyphs of one string (Tj, or a string of TJ), the pen moved past them (§9.4.4)."""
        t = self.t
        font = t.font
        if font is None:
            return
        if font.two:
            codes = struct.unpack(">%dH" % (len(data) >> 1), data[:len(data) & ~1])
        else:
            codes = data
        tm = self.tm
        a, b, c, d, e, f = mult(tm, self.ctm)
        k = t.fs * t.th / 1000           # text space per 1/1000 unit of width
        tc = t.tc * t.th
        tw = 0.0 if font.two else t.tw * t.th       # word spacing: the 1-byte code 32 only
        if b == 0.0 and c == 0.0:
            tx = self._upright(font, codes, a, d, e, f, k, tc, tw)
        else:
            tx = self._turned(font, codes, (a, b, c, d, e, f), k, tc, tw)
        self.tm = (tm[0], tm[1], tm[2], tm[3], tx * tm[0] + tm[4], tx * tm[1] + tm[5])

    def tj(self, args: list[bytes]) -> None:
        """A TJ array. Set upright in a 2-byte font (every line the writer draws), its strings
        and adjustments in one loop with one matrix (§9.4.3: a number moves the pen by
        −n/1000 of the size); otherwise string by string (`show`)."""
        t = self.t
        font = t.font
        tm = self.tm
        m = mult(tm, self.ctm) if font is not None and font.two else None
        if m is None or m[1] != 0.0 or m[2] != 0.0:
            return _tj_strings(self, args)
        a, _, _, d, e, f = m
        k = t.fs * t.th / 1000
        tc, along = t.tc * t.th, t.fs * t.th / 1000
        base = self.top - (d * t.ts + f)
        size = t.fs * abs(d)
        k0, k1, k2, k3 = self.keep
        on_page = k1 <= base <= k3
        widths, dw, texts, out = font.widths, font.dw, font.text, self.out
        ex, fid, name, invisible = e - self.x0, font.fid, font.info["basefont"], t.tr in (3, 7)
        ink, ak, n = t.ink, a * k, len(out)
        top, bottom = base - EM_TOP * size, base + EM_BOTTOM * size
        blank, none, new, codes_of = _BLANK, _NONE, _new, _CODES
        tx = 0.0
        for tok in args:
            c0 = tok[0]
            if c0 != 60 and c0 != 40:                 # not < or (: a number or a bracket
                if c0 != 91 and c0 != 93:
                    tx -= float(tok) * along
                continue
            data = string_bytes(tok)
            pairs = len(data) >> 1
            unpack = codes_of.get(pairs) or _codes(pairs)
            for code in unpack(data):
                w = widths.get(code, dw)
                x = a * tx + ex
                adv = ak * w
                if on_page and k0 <= x + adv / 2 <= k2:
                    text = texts.get(code) or font.text_of(code)
                    left, right = blank.get(text, none)
                    out.append(new(Glyph, (n, text, code, name, fid, size, x, x + adv, base,
                                           invisible, ink, False, x + left * size,
                                           x + adv - right * size, top, bottom)))
                    n += 1
                tx += w * k + tc
        self.tm = (tm[0], tm[1], tm[2], tm[3], tx * tm[0] + tm[4], tx * tm[1] + tm[5])

    def _upright(self, font, codes, a, d, e, f, k, tc, tw) -> float:
        """The glyphs of a string set upright (no rotation or skew): one baseline."""
        t = self.t
        base = self.top - (d * t.ts + f)
        size = t.fs * abs(d)
        k0, k1, k2, k3 = self.keep
        on_page = k1 <= base <= k3
        widths, dw, texts, out = font.widths, font.dw, font.text, self.out
        ex, fid, name, invisible = e - self.x0, font.fid, font.info["basefont"], t.tr in (3, 7)
        ink = t.ink
        ak = a * k
        n = len(out)
        top, bottom = base - EM_TOP * size, base + EM_BOTTOM * size
        blank, none, new = _BLANK, _NONE, _new
        tx = 0.0
        for code in codes:
            w = widths.get(code, dw)
            x = a * tx + ex
            adv = ak * w
            if on_page and k0 <= x + adv / 2 <= k2:
                text = texts.get(code) or font.text_of(code)
                left, right = blank.get(text, none)
                out.append(new(Glyph, (n, text, code, name, fid, size, x, x + adv, base,
                                       invisible, ink, False, x + left * size,
                                       x + adv - right * size, top, bottom)))
                n += 1
            tx += w * k + (tc + tw if code == 32 else tc)
        return tx

    def _turned(self, font, codes, m, k, tc, tw) -> float:
        """The glyphs of a string on a rotated or skewed text matrix; one turned 90°
        clockwise (Tm 0 -1 1 0, a 竖题's Latin) advances down the page."""
        t = self.t
        a, b, c, d, e, f = m
        rise, size = t.ts, t.fs * math.hypot(c, d)
        k0, k1, k2, k3 = self.keep
        name, invisible = font.info["basefont"], t.tr in (3, 7)
        turned = abs(b) > abs(a)
        along = abs(b) if turned else a
        tx = 0.0
        for code in codes:
            w = font.widths.get(code, font.dw)
            x = a * tx + c * rise + e - self.x0
            base = self.top - (b * tx + d * rise + f)
            if k0 <= x + a * w * k / 2 <= k2 and k1 <= base <= k3:
                self.out.append(_glyph(len(self.out), font.text_of(code), code, name, font.fid,
                                       size, x, x + along * w * k, base, invisible, t.ink,
                                       turned))
            tx += w * k + (tc + tw if code == 32 else tc)
        return tx

    def move(self, tx: float, ty: float) -> None:
        a, b, c, d, e, f = self.tlm
        self.tm = self.tlm = (a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f)


def _q(r, args):
    t = _Text()
    for k in _Text.__slots__:
        setattr(t, k, getattr(r.t, k))
    r.stack.append((r.ctm, r.t))
    r.t = t


def _Q(r, args):
    if r.stack:
        r.ctm, r.t = r.stack.pop()


def _tj_strings(r, args):
    t = r.t
    for tok in args:
        c = tok[0]
        if c == 60 or c == 40:             # < or (: a string
            r.show(string_bytes(tok))
        elif tok != b"[" and tok != b"]":
            tx = -float(tok) / 1000 * t.fs * t.th
            m = r.tm
            r.tm = (m[0], m[1], m[2], m[3], tx * m[0] + m[4], tx * m[1] + m[5])


def _gray(r, args):
    r.t.ink = 1.0 - float(args[-1])


def _cmyk(r, args):
    r.t.ink = min(1.0, max(float(v) for v in args[-4:]))


def _colour(r, args):
    """sc/scn: four components are CMYK; any other count is a colour of another kind."""
    nums = [v for v in args if v[:1] != b"/"]
    r.t.ink = min(1.0, max(float(v) for v in nums)) if len(nums) == 4 else 1.0


def _other(r, args):
    r.t.ink = 1.0


def _set(name, conv=float):
    def op(r, args):
        setattr(r.t, name, conv(args[-1]))
    return op


def _quote(r, args):
    r.move(0.0, -r.t.tl)
    r.show(string_bytes(args[-1]))


def _dquote(r, args):
    r.t.tw, r.t.tc = float(args[0]), float(args[1])
    _quote(r, args)


def _td_leading(r, args):
    r.t.tl = -float(args[1])
    r.move(float(args[0]), float(args[1]))


def _bt(r, args):
    r.tm = r.tlm = IDENTITY


def _tm(r, args):
    r.tm = r.tlm = tuple(float(v) for v in args[-6:])


def _cm(r, args):
    r.ctm = mult(tuple(float(v) for v in args[-6:]), r.ctm)


_OPS = {
    b"q": _q, b"Q": _Q, b"cm": _cm, b"BT": _bt, b"ET": lambda r, a: None, b"Tm": _tm,
    b"Td": lambda r, a: r.move(float(a[0]), float(a[1])), b"TD": _td_leading,
    b"T*": lambda r, a: r.move(0.0, -r.t.tl), b"Tc": _set("tc"), b"Tw": _set("tw"),
    b"Tz": lambda r, a: setattr(r.t, "th", float(a[-1]) / 100), b"TL": _set("tl"),
    b"Ts": _set("ts"), b"Tr": _set("tr", lambda v: int(float(v))),
    b"Tj": lambda r, a: r.show(string_bytes(a[-1])), b"TJ": lambda r, a: r.tj(a), b"'": _quote,
    b'"': _dquote, b"g": _gray, b"k": _cmyk, b"sc": _colour, b"scn": _colour,
    b"rg": _other,
}       # Tf and Do look up resources: PageReader.run handles them


def stream_tokens(stream) -> list[bytes]:
    """The tokens of a content stream or form (the fast split, else qpdf's parser)."""
    data = stream.read_bytes()
    toks = tokens(data)
    return toks if toks is not None else _qpdf_tokens(stream)


def page_tokens(page) -> list[bytes]:
    """The page's content: one stream, or an array of streams read as one (§7.8.2)."""
    toks = _fast_tokens(page)
    if toks is not None:
        return toks
    contents = page.obj.get("/Contents")
    if isinstance(contents, qpdf.Array):
        toks = []
        for s in contents:
            toks += _qpdf_tokens(s)
        return toks
    return _qpdf_tokens(contents)


def _fast_tokens(page) -> list[bytes] | None:
    """The page's content split by the expression (`tokens`), None where it cannot be."""
    contents = page.obj.get("/Contents")
    if contents is None:
        return []
    if isinstance(contents, qpdf.Array):
        return tokens(b"\n".join(s.read_bytes() for s in contents))
    return tokens(contents.read_bytes())


# -- pages ----------------------------------------------------------------------------------
def _inherited(obj, key: str):
    """A page attribute, inherited from the page tree when the page does not set it."""
    depth = 0
    while obj is not None and depth < 32:
        if key in obj:
            return obj[key]
        obj = obj.get("/Parent")
        depth += 1
    return None


def _norm(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _font_list(page, fonts: Fonts) -> list[dict]:
    """Every font resource of the page and of the forms it draws, once each."""
    out, seen = [], set()

    def walk(res, depth=0):
        if res is None or depth > MAX_DEPTH:
            return
        for name, obj in (res.get("/Font") or {}).items():
            f = fonts.get(obj)
            if f.fid in seen:
                continue
            seen.add(f.fid)
            out.append({"resource": str(name), **f.info})
        for xo in (res.get("/XObject") or {}).values():
            if xo.get("/Subtype") == "/Form":
                walk(xo.get("/Resources"), depth + 1)

    walk(_inherited(page.obj, "/Resources"))
    return out


def _read_page(k: int, page, fonts: Fonts, toks: list | None = None) -> PdfPage:
    obj = page.obj
    boxes = {n: _norm(b) for n in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox")
             if (b := (_inherited(obj, n) if n == "/CropBox" else obj.get(n))) is not None}
    boxes["/MediaBox"] = _norm(_inherited(obj, "/MediaBox"))
    trim = boxes.get("/TrimBox", boxes["/MediaBox"])
    reader = PageReader(fonts, trim, boxes.get("/BleedBox", boxes["/MediaBox"]))
    if toks is None:
        toks = page_tokens(page)
    reader.run(toks, _inherited(obj, "/Resources"))
    listed = _font_list(page, fonts)
    programs = {f.fid: f.program for f in fonts.all}
    rotate = _inherited(obj, "/Rotate")
    return PdfPage(k, boxes, int(rotate or 0), reader.out, listed, programs)


def read_pdf(path: str, also=None):
    """All pages of the PDF at `path`; CheckInputError if it is missing or cannot be read.
    The garbage collector is paused while the glyphs are made (tens of thousands of small
    objects, none of them cyclic: a collection pass would only cost time).

    `also(pdf, tokens)`: a second reader of the same open file (preflight.artwork), given each
    page's content tokens (None where the fast split fails) so that the file is opened and
    every content stream inflated and split once; then (pages, what it returned)."""
    if not os.path.isfile(path):
        raise CheckInputError(f"{path}: no such PDF file")
    enabled = gc.isenabled()
    gc.disable()
    try:
        with qpdf.opened(path) as pdf:
            fonts = Fonts()
            toks = [_fast_tokens(page) for page in pdf.pages]
            pages = [_read_page(k, page, fonts, t)
                     for k, (page, t) in enumerate(zip(pdf.pages, toks), start=1)]
            return pages if also is None else (pages, also(pdf, toks))
    except (qpdf.PdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            struct.error) as e:
        raise CheckInputError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    finally:
        if enabled:
            gc.enable()
