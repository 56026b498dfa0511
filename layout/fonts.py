"""Fonts: typographic roles mapped to font files, metrics for the composer, registration with
ReportLab for the PDF writer. The only module that touches ReportLab's font classes.

Roles (newspaper-conventions.md, article anatomy): song = 宋 body, song-heavy = heavy 宋 for
headlines (小标宋 role), hei = 黑 bold (电头, 小标题, bold leads), hei-regular = 黑 regular,
kai = 楷 (引题, 署名 of groups). The defaults are the subsets bundled in fonts/ (fonts/PROVENANCE.md).

ReportLab traps handled here (fonts.md): it embeds only TrueType outlines, as subsets of at most
256 glyphs each; its canvas would reference an unembedded Helvetica unless created with
`initialFontName`; and its ToUnicode CMap writes code points above U+FFFF as 5-digit hex instead
of UTF-16 surrogates, so 196 of the 8105 common characters (e.g. 𬌗 U+2C317) would not extract —
`_to_unicode_cmap` below replaces it.
"""
from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts

FONT_DIR = Path(os.environ.get("LAYOUT_FONTS_DIR",
                               Path(__file__).resolve().parent.parent / "fonts"))

DEFAULT_ROLES = {
    "song": "song-regular.ttf",
    "song-heavy": "song-heavy.ttf",
    "hei": "hei-bold.ttf",
    "hei-regular": "hei-regular.ttf",
    "kai": "kai-regular.ttf",
}


class FontError(Exception):
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


class FontSet:
    """The faces of one document. Implements compose.Metrics (advance in em) and knows which
    characters each face covers, so nothing is drawn that would print as an empty box."""

    def __init__(self, roles: dict[str, str] | None = None, font_dir: Path = FONT_DIR):
        self._files = {role: font_dir / name for role, name in (roles or DEFAULT_ROLES).items()}
        self._fonts: dict[str, ttfonts.TTFont] = {}
        self._widths: dict[str, dict[int, int]] = {}

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self._files)

    def path(self, role: str) -> Path:
        return self._files[role]

    def pdf_name(self, role: str) -> str:
        return "L-" + role

    def font(self, role: str) -> ttfonts.TTFont:
        f = self._fonts.get(role)
        if f is None:
            path = self._files.get(role)
            if path is None:
                raise FontError(f"no font is configured for the role '{role}'")
            if not path.exists():
                raise FontError(f"font file missing: {path} (role '{role}'); "
                                "rebuild the bundled fonts with `python scripts/build_fonts.py`")
            f = ttfonts.TTFont(self.pdf_name(role), str(path))
            pdfmetrics.registerFont(f)
            self._fonts[role] = f
            self._widths[role] = f.face.charWidths
        return f

    def advance(self, face: str, ch: str) -> float:
        widths = self._widths.get(face)
        if widths is None:
            self.font(face)
            widths = self._widths[face]
        return widths.get(ord(ch), 1000) / 1000.0

    def covers(self, face: str, ch: str) -> bool:
        if face not in self._widths:
            self.font(face)
        return ord(ch) in self._widths[face]

    def ascent(self, face: str) -> float:
        """Ascent in em, for placing the first baseline of a block."""
        return self.font(face).face.ascent / 1000.0
