"""Small CFF-outline test fonts, the kind ReportLab refuses (fonts.md): an OTF and a two-face
TTC, built with fontTools FontBuilder (`setupCFF`) and ttLib.ttCollection.

Each covers CFF_CHARS: the 300 code points U+4E00–U+4F2B, the Han characters of the test
copy, 𬌗 U+2C317 (above U+FFFF), the Chinese marks the copy uses, and ASCII. Glyphs are boxes
(Han and marks 1000 wide, Latin 500) with a notch whose depth differs per glyph, so no two
outlines are identical. 鼎 is deliberately absent (a fallback test), and so is 𠀀 U+20000,
which no bundled font has either.
"""
from __future__ import annotations

import string

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.ttCollection import TTCollection

COPY_HAN = ("测试报本版科协工作服务技者是根任他说我们要做好每件事第段文字含有在句中咬关系规范汉"
            "表通用标题楷体新闻记张三四五六七八九十年月日星期")
MARKS = "，。、；：？！“”‘’（）《》—…·"
CFF_CHARS = sorted({chr(c) for c in range(0x4E00, 0x4F2C)} | set(COPY_HAN) | {"\U0002C317"}
                   | set(MARKS) | set(string.printable.strip()))


def _box(width: int, notch: int):
    pen = T2CharStringPen(width, None)
    pen.moveTo((50, -80)); pen.lineTo((50, 800)); pen.lineTo((width - 50, 800))
    pen.lineTo((width - 50, -80 + notch)); pen.curveTo((width - 100, -80 + notch),
                                                       (width - 150, -80), (width - 200, -80))
    pen.closePath()
    return pen.getCharString()


def build_cff_font(path: str, family: str = "Layout Test Serif", *, han_advance: int = 1000,
                   ttc_member: bool = False) -> str | TTFont:
    ps = family.replace(" ", "") + "-Regular"
    fb = FontBuilder(1000, isTTF=False)
    names = [".notdef", "space"] + [f"u{ord(c):04X}" for c in CFF_CHARS]
    fb.setupGlyphOrder(names)
    cmap = {0x20: "space"}
    cmap.update({ord(c): f"u{ord(c):04X}" for c in CFF_CHARS})
    fb.setupCharacterMap(cmap)
    charstrings = {".notdef": _box(1000, 0), "space": T2CharStringPen(250, None).getCharString()}
    metrics = {".notdef": (1000, 50), "space": (250, 0)}
    for i, c in enumerate(CFF_CHARS):
        wide = ord(c) > 0x2000
        adv = han_advance if wide else 500
        if c == "—":       # a real dash: a thin bar, with side bearings like Noto's
            pen = T2CharStringPen(adv, None)
            pen.moveTo((60, 320)); pen.lineTo((60, 370)); pen.lineTo((adv - 60, 370))
            pen.lineTo((adv - 60, 320)); pen.closePath()
            charstrings[f"u{ord(c):04X}"] = pen.getCharString()
            metrics[f"u{ord(c):04X}"] = (adv, 60)
            continue
        charstrings[f"u{ord(c):04X}"] = _box(adv, 20 + i % 300)
        metrics[f"u{ord(c):04X}"] = (adv, 50)
    fb.setupCFF(ps, {"FullName": family}, charstrings, {})
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": ps,
                       "fullName": family,
                       "licenseDescription": "Test font for layout; public domain",
                       "copyright": "No copyright"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                fsType=0)
    fb.setupPost()
    if ttc_member:
        return fb.font
    fb.save(path)
    return path


def build_cff_ttc(path: str) -> str:
    """Two faces: 'Layout Test Serif' (Han 1000 wide) and 'Layout Test Sans' (Han 960 wide,
    so a test can tell from the layout which face was used)."""
    c = TTCollection()
    c.fonts = [build_cff_font("", "Layout Test Serif", ttc_member=True),
               build_cff_font("", "Layout Test Sans", han_advance=960, ttc_member=True)]
    c.save(path)
    return path
