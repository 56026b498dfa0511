"""ReportLab's side of the fonts: registration of the fonts a document draws, and the fixes
its TrueType support needs (docs/fonts.md). Used only by fonts.FontSet and the PDF writer; nothing
else touches ReportLab's font classes.

- Its ToUnicode CMap writes code points above U+FFFF as 5-digit hex instead of UTF-16
  surrogates, so 196 of the 8105 common characters (e.g. 𬌗 U+2C317) would not extract:
  `_to_unicode_cmap` replaces it.
- Its TTF parser reads the whole file (18 MB for the five bundled faces, ~10 ms) and fills
  per-glyph tables in Python loops (~19 ms per 9.6k-glyph face). `_Face` lets it read only the
  header tables (64 KB pages on demand, `_Data`), keeps ReportLab's own code for the header
  fields (names, bbox, flags, the fsType check), and answers widths and glyphs from
  fonts.fontfile's parse: registering the five faces takes ~2 ms instead of ~45 ms.
- Its subsetter needs those tables and the whole file: `_Face` subsets with pdf.subset (the
  same bytes, read from the file) and keeps each subset's compressed program, so a warm
  rebuild (`layout watch`) subsets and compresses only subsets that changed (~15 ms a page).
- Its `registerFont` maps a second font with the same PostScript name onto the first, and two
  fonts with one PostScript name in a document make it fail ("redefining named object"):
  `register` puts fonts into its registry directly, renaming a repeat.

Glyph data is read from the file when a subset is made, not when the font is registered, so
a font file changed on disk under a running `layout watch` is detected (size and mtime) and
refused, rather than read at the old offsets.
"""
from __future__ import annotations

import hashlib
import os
import sys
import zlib
from array import array
from collections import ChainMap, OrderedDict
from weakref import WeakKeyDictionary

from layout.errors import FontError
from layout.fonts.fontfile import FontFile
from layout.pdf.subset import make_subset


def _import_ttfonts():
    """ReportLab's ttfonts imports uharfbuzz for shaping (~9 ms), which we never use (glyphs
    are placed one by one: shapable is False). It is hidden for that one import only:
    fonts.convert still imports it for CFF subsetting."""
    hide = "uharfbuzz" not in sys.modules
    if hide:
        sys.modules["uharfbuzz"] = None       # `import uharfbuzz` raises ImportError
    try:
        from reportlab.pdfbase import ttfonts
    finally:
        if hide and sys.modules.get("uharfbuzz", 0) is None:
            del sys.modules["uharfbuzz"]
    return ttfonts


ttfonts = _import_ttfonts()
from reportlab import rl_config  # noqa: E402
from reportlab.pdfbase import pdfdoc, pdfmetrics  # noqa: E402

SUBSET_CACHE = 64       # compressed subset programs kept per face (a broadsheet page: ~8)


class RegisterError(Exception):
    pass


def _to_unicode_cmap(fontname: str, subset) -> str:
    """ReportLab's makeToUnicodeCMap, with destinations above U+FFFF written as UTF-16
    surrogate pairs as the PDF reference (ToUnicode, bfchar) requires."""
    def dst(v: int) -> str:
        if v > 0xFFFF:
            v -= 0x10000
            return "%04X%04X" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
        return "%04X" % v
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname,
        "/Supplement 0", ">> def", "/CMapName /%s def" % fontname, "/CMapType 2 def",
        "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        "%d beginbfchar" % len(subset),
    ] + ["<%02X> <%s>" % (i, dst(v)) for i, v in enumerate(subset)] + [
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class _Data:
    """The font file as ReportLab's parser slices it, read on demand in 64 KB pages: the header
    tables it parses are a few pages of a 4 MB file."""
    PAGE = 1 << 16

    def __init__(self, path, size: int, mtime: int):
        self.path, self.size, self.mtime = str(path), size, mtime
        self._pages: dict[int, bytes] = {}

    def __len__(self) -> int:
        return self.size

    def open(self):
        """The file, after checking it is the version that was parsed."""
        f = open(self.path, "rb")
        st = os.fstat(f.fileno())
        if (st.st_size, st.st_mtime_ns) != (self.size, self.mtime):
            f.close()
            raise RegisterError(f"the font {self.path} changed on disk after it was loaded: "
                                "restart the build (or `layout watch`)")
        return f

    def _page(self, i: int) -> bytes:
        p = self._pages.get(i)
        if p is None:
            with self.open() as f:
                p = self._pages[i] = os.pread(f.fileno(), self.PAGE, i * self.PAGE)
        return p

    def __getitem__(self, k):
        if isinstance(k, int):
            return self[k:k + 1][0]
        start, stop, _ = k.indices(self.size)
        if stop <= start:
            return b""
        first, last = start // self.PAGE, (stop - 1) // self.PAGE
        base = first * self.PAGE
        if first == last:
            return self._page(first)[start - base:stop - base]
        if last - first > 3:             # a whole large table: straight from the file
            with self.open() as f:
                return os.pread(f.fileno(), stop - start, start)
        return b"".join(map(self._page, range(first, last + 1)))[start - base:stop - base]


class _Widths(dict):
    """charWidths (1/1000 em) computed per character when first asked, not for all 30k."""

    def __init__(self, face: "_Face"):
        super().__init__()
        self._face = face

    def __missing__(self, cp: int) -> float:
        g = self._face.charToGlyph.get(cp)
        if g is None:
            raise KeyError(cp)
        w = self[cp] = self._face._pdfScale(self._face._ff.advance_units(g))
        return w

    def get(self, cp, default=None):
        try:
            return self[cp]
        except KeyError:
            return default

    def __contains__(self, cp) -> bool:
        return cp in self._face.charToGlyph


class _Face(ttfonts.TTFontFace):
    """ReportLab's face with the per-glyph tables taken from our own parse: its header fields
    (names, bbox, flags, fsType check) still come from ReportLab's own code."""

    def __init__(self, ff: FontFile):
        self._ff = ff
        st = ff.path.stat()
        self._ttf_data = self._data = _Data(ff.path, st.st_size, st.st_mtime_ns)
        self.filename = str(ff.path)         # ReportLab's readFile keeps _ttf_data if set
        self._streams: OrderedDict = OrderedDict()
        self._loca = self._hmtx = None
        super().__init__(str(ff.path), subfontIndex=max(ff.index, 0))

    def extractInfo(self, charInfo=1):
        super().extractInfo(0)
        ff = self._ff
        cmap = ff.cmap
        for a, b in ((0x20, 0xA0), (0xA0, 0x20)):    # as ReportLab: NBSP draws as a space
            if a in cmap:
                if cmap.get(b) != cmap[a]:
                    cmap = ChainMap({b: cmap[a]}, cmap)
                break
        self.charToGlyph = cmap
        self.glyphToChar = {}
        self.defaultWidth = self._pdfScale(ff.advance_units(0))
        self.charWidths = _Widths(self)

    def getCharWidth(self, code):
        return self.charWidths.get(code, self.defaultWidth)

    # -- subsets ---------------------------------------------------------------------------
    def _tables(self):
        if self._loca is None:
            ff, n = self._ff, self.numGlyphs
            lo, _ = self.get_table_pos("loca")
            loca = array("I" if ff.loca_long else "H",
                         self._data[lo:lo + (4 if ff.loca_long else 2) * (n + 1)])
            ho, _ = self.get_table_pos("hmtx")
            nhm = len(ff._adv)
            hm = array("H", self._data[ho:ho + 4 * nhm + 2 * (n - nhm)])
            for a in (loca, hm):
                if sys.byteorder == "little":
                    a.byteswap()
            self._loca = loca if ff.loca_long else array("I", (v << 1 for v in loca))
            self._hmtx = hm
        return self._loca, self._hmtx

    def _hmetric(self, g: int) -> tuple[int, int]:
        hm, nhm = self._hmtx, len(self._ff._adv)
        if g < nhm:
            return hm[2 * g], hm[2 * g + 1]
        return hm[2 * nhm - 2], hm[2 * nhm + g - nhm]

    def makeSubset(self, subset):
        loca, _ = self._tables()
        glyf, _ = self.get_table_pos("glyf")

        def glyphs(ranges):
            with self._data.open() as f:
                fd = f.fileno()
                return [os.pread(fd, b - a, glyf + a) if b > a else b"" for a, b in ranges]

        def table(tag):
            return self.get_table(tag) if tag in self.table else None

        return make_subset(subset, cmap=self.charToGlyph, table=table, glyphs=glyphs,
                           loca=loca, hmetrics=self._hmetric)

    def addSubsetObjects(self, doc, fontname, subset):
        """ReportLab's, with the compressed program of each subset kept (by its codes)."""
        key = tuple(subset)
        hit = self._streams.get(key)
        if hit is None:
            program = self.makeSubset(subset)
            hit = self._streams[key] = (zlib.compress(program), len(program))
            while len(self._streams) > SUBSET_CACHE:
                self._streams.popitem(last=False)
        else:
            self._streams.move_to_end(key)
        font_file = pdfdoc.PDFStream(content=hit[0])
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        font_file.dictionary["Length1"] = hit[1]
        ref = doc.Reference(font_file, "fontFile:%s(%s)" % (self.filename, fontname))
        flags = (self.flags & ~ttfonts.FF_NONSYMBOLIC) | ttfonts.FF_SYMBOLIC
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "Ascent": self.ascent, "CapHeight": self.capHeight,
            "Descent": self.descent, "Flags": flags, "FontBBox": pdfdoc.PDFArray(self.bbox),
            "FontName": pdfdoc.PDFName(fontname), "ItalicAngle": self.italicAngle,
            "StemV": self.stemV, "FontFile2": ref, "MissingWidth": self.defaultWidth})
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


class _RLFont(ttfonts.TTFont):
    def __init__(self, name: str, ff: FontFile):   # ttfonts.TTFont.__init__ with _Face
        self.fontName = name
        self.face = _Face(ff)
        self.encoding = ttfonts.TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False      # glyphs are placed one by one; no HarfBuzz shaping


_RL: dict[tuple, _RLFont] = {}


def register(key: tuple, name: str, ff: FontFile, taken: set[bytes]) -> _RLFont:
    """ReportLab's font for `ff` under `name`. Its PDF font names derive from the PostScript
    name, and two fonts with one name in a document make ReportLab fail ("redefining named
    object"), e.g. a full Noto Serif SC and the bundled subset: a repeat gets a suffix."""
    n = 1
    while True:
        f = _RL.get(key + (n,))
        if f is None:
            try:
                f = _RL[key + (n,)] = _RLFont(name if n == 1 else f"{name}~{n}", ff)
            except ttfonts.TTFError as e:
                raise RegisterError(f"{ff.label}: ReportLab cannot embed it: {e}")
            if n > 1:
                f.face.name += b"-%d" % n
        if f.face.name not in taken:
            break
        n += 1
    taken.add(f.face.name)
    pdfmetrics._fonts[f.fontName] = f     # not registerFont: see the module docstring
    return f


def get_font(name: str) -> ttfonts.TTFont:
    return pdfmetrics.getFont(name)


class PdfFonts:
    """The fonts of one PDF document: every font that draws a glyph, registered with
    ReportLab with the characters it draws, and the ReportLab font name of each (role,
    character). The metrics half is fonts.FontSet; this is the half that embeds.

    `prepare(used)` after layout registers, per font, the characters the document draws — a
    CFF font is converted to a cached TrueType subset of exactly those (fonts.convert) — and
    the writer asks `pdf_name_for(role, ch)` for every glyph. A character is drawn only from a
    font prepared for it: nothing ever prints .notdef."""

    def __init__(self, fonts):
        self.fonts = fonts
        self._drawn: dict = {}     # Source -> (ReportLab name, FontFile, code points | None)
        self._names: dict[tuple[str, str], str] = {}
        self._ps: set[bytes] = set()      # PostScript names of this document's fonts

    @property
    def bold_roles(self) -> frozenset[str]:
        return self.fonts.bold_roles

    def prepare(self, used) -> None:
        """Register every font that draws a glyph of `used` ((role, character) pairs)."""
        per: dict = {}
        for role, ch in used:
            src = self.fonts.resolve(role, ch)
            if src is not None:
                per.setdefault(src, set()).add(ord(ch))
        for src, cps in per.items():
            self._load(src, frozenset(cps))

    def _load(self, src, cps: frozenset[int] | None):
        have = self._drawn.get(src)
        if have is not None and (have[2] is None or cps is None or cps <= have[2]):
            return have
        if have is not None:     # a CFF subset grows: its old PostScript name is free again
            self._ps.discard(get_font(have[0]).face.name)
        try:
            have = self._register(src, cps, have)
        except RegisterError as e:
            raise FontError(str(e))
        except FontError:
            raise
        except Exception as e:    # a font fontTools or HarfBuzz cannot read is bad input
            raise FontError(f"{src.label}: cannot convert its CFF outlines to TrueType: "
                            f"{type(e).__name__}: {e}")
        self._drawn[src] = have
        self._names = {k: v for k, v in self._names.items() if self.fonts.resolve(*k) != src}
        return have

    def _register(self, src, cps, have):
        ff = self.fonts.file(src)
        key = stamp(src.path, src.face)
        if not ff.cff:
            name = "L-%s-%s" % (src.path.stem, hashlib.sha1(repr(key).encode()).hexdigest()[:8])
            return register(key, name, ff, self._ps).fontName, ff, None
        from layout.fonts import convert
        from layout.fonts.fontfile import open_face
        cps = frozenset(cps or ()) | (have[2] if have else frozenset())
        ttf = convert.truetype_subset(ff, cps)
        tff = open_face(ttf)
        return register(stamp(ttf, ""), "L-" + ttf.stem, tff, self._ps).fontName, tff, cps

    def font(self, role: str):
        """ReportLab's TTFont of the role's first font."""
        return get_font(self.pdf_name(role))

    def pdf_name(self, role: str) -> str:
        """ReportLab's name of the role's first font (the canvas's initial font)."""
        src = self.fonts.chain(role)[0]
        return (self._drawn.get(src) or self._load(src, frozenset()))[0]

    def pdf_name_for(self, role: str, ch: str) -> str:
        """ReportLab's name of the font that draws `ch` in `role`."""
        key = (role, ch)
        name = self._names.get(key)
        if name is None:
            src = self.fonts.resolve(role, ch)
            if src is None:
                raise FontError(f"no font of the role '{role}' has {ch} (U+{ord(ch):04X})")
            cff = self.fonts.file(src).cff
            name, _, cps = self._drawn.get(src) or self._load(src, frozenset() if cff else None)
            if cps is not None and ord(ch) not in cps:
                # a converted subset lacks it: drawing it would print .notdef
                raise RuntimeError(f"{ch} (U+{ord(ch):04X}) was not prepared for {src.label}")
            self._names[key] = name
        return name


def stamp(path, face: str) -> tuple:
    """A font file's identity for the registry: path, face, size and mtime."""
    st = os.stat(path)
    return (str(path), face, st.st_size, st.st_mtime_ns)
