"""ReportLab's side of the fonts: registration of the fonts a document draws, and the fixes
its TrueType support needs (fonts.md). Used only by fonts.FontSet; nothing else touches
ReportLab's font classes.

- Its ToUnicode CMap writes code points above U+FFFF as 5-digit hex instead of UTF-16
  surrogates, so 196 of the 8105 common characters (e.g. 𬌗 U+2C317) would not extract:
  `_to_unicode_cmap` replaces it.
- Its TTF parser spends ~19 ms per bundled 9.6k-glyph face in per-character Python loops:
  `_Face` fills the per-glyph tables from fontfile.py's parse instead (~4 ms), and keeps
  ReportLab's own code for the header fields (names, bbox, flags, the fsType check).
- Its `registerFont` maps a second font with the same PostScript name onto the first, and two
  fonts with one PostScript name in a document make it fail ("redefining named object"):
  `register` puts fonts into its registry directly, renaming a repeat.
"""
from __future__ import annotations

import sys
from array import array
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts

from .fontfile import FontFile


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


class _Face(ttfonts.TTFontFace):
    """ReportLab's face with the per-glyph tables filled from our own parse: its header fields
    (names, bbox, flags, fsType check) still come from ReportLab's own code."""

    def __init__(self, ff: FontFile):
        self._ff = ff
        super().__init__(str(ff.path), subfontIndex=max(ff.index, 0))

    def extractInfo(self, charInfo=1):
        super().extractInfo(0)
        ff, scale = self._ff, self._pdfScale
        nhm = ttfonts.unpack(">H", self.get_chunk(self.table["hhea"]["offset"] + 34, 2))[0]
        hm = array("H", self.get_chunk(self.table["hmtx"]["offset"], 4 * nhm))
        extra = array("H", self.get_chunk(self.table["hmtx"]["offset"] + 4 * nhm,
                                          2 * (self.numGlyphs - nhm)))
        loca = array("I" if ff.loca_long else "H",
                     self.get_chunk(self.table["loca"]["offset"],
                                    (4 if ff.loca_long else 2) * (self.numGlyphs + 1)))
        for a in (hm, extra, loca):
            if sys.byteorder == "little":
                a.byteswap()
        adv = hm[0::2]
        self.hmetrics = list(zip(adv, hm[1::2])) + [(adv[-1], v) for v in extra]
        self.glyphPos = list(loca) if ff.loca_long else [v << 1 for v in loca]
        self.charToGlyph = dict(ff.cmap)
        self.glyphToChar = {}
        self.defaultWidth = scale(adv[0])
        last = adv[-1]
        self.charWidths = {c: scale(adv[g] if g < nhm else last) for c, g in ff.cmap.items()}
        for a, b in ((0x20, 0xA0), (0xA0, 0x20)):    # as ReportLab: NBSP draws as a space
            if a in self.charToGlyph:
                self.charToGlyph[b] = self.charToGlyph[a]
                self.charWidths[b] = self.charWidths[a]
                break


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
