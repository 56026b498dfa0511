"""A deterministic test font and a ``Metrics`` that reads it back, so widths are plain arithmetic.

``build_test_font`` writes a TrueType font with fontTools' FontBuilder: unitsPerEm 1000; Han
glyphs 1000 wide, ink over the whole box; full-width marks 1000 wide with the ink in the half that
mainland glyphs use (clreq #punctuation_width_adjustment: opening marks right, every other mark
left); · ／ – 1000 wide, ink centred ½ em; —, …, ～ 1000 wide, ink over the box; Latin letters,
digits and ASCII punctuation ``latin_advance`` wide (500); space 250. Characters outside the cmap
fall back to .notdef (1000), as a real renderer would.

``TestMetrics`` implements ``layout.compose.Metrics`` from the font file (cmap + hmtx) and also
gives each glyph's ink extent (glyf bounding box) so tests can check that no ink overlaps.
``metrics`` is the composer tests' shared pytest fixture (faces song and hei: the test font;
lat: Latin ⅗ em wide); ``EM`` their type size, 9 pt.
"""
from __future__ import annotations

import string

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

UPEM = 1000
OPENING = "“‘（〔【［｛《〈「『〖"
INK_LEFT = "”’）〕】］｝》〉」』〗，、；：。？！．"
CENTRED_HALF = "·‧・／–"
FULL_BOX = "—…～‼⁇⁈⁉℃％￥"
HAN = "".join(chr(c) for c in range(0x4E00, 0x5000)) + "〇"
LATIN = string.ascii_letters + string.digits + string.punctuation + "¥€£°‰"


def _rect(x0: int, x1: int):
    pen = TTGlyphPen(None)
    pen.moveTo((x0, 0)); pen.lineTo((x0, 800)); pen.lineTo((x1, 800)); pen.lineTo((x1, 0))
    pen.closePath()
    return pen.glyph()


def build_test_font(path: str, *, latin_advance: int = 500, family: str = "LayoutTest") -> str:
    """Write the test font to ``path`` and return ``path``."""
    spec: dict[str, tuple[int, int, int]] = {}          # char -> (advance, ink x0, ink x1)
    for c in HAN + FULL_BOX:
        spec[c] = (1000, 0, 1000)
    for c in OPENING:
        spec[c] = (1000, 500, 1000)
    for c in INK_LEFT:
        spec[c] = (1000, 0, 500)
    for c in CENTRED_HALF:
        spec[c] = (1000, 250, 750)
    for c in LATIN:
        spec[c] = (latin_advance, 0, latin_advance)
    names = [".notdef", "space"] + [f"u{ord(c):04X}" for c in spec]
    fb = FontBuilder(UPEM, isTTF=True)
    fb.setupGlyphOrder(names)
    cmap = {0x20: "space"}
    cmap.update({ord(c): f"u{ord(c):04X}" for c in spec})
    fb.setupCharacterMap(cmap)
    glyphs = {".notdef": _rect(0, 1000), "space": TTGlyphPen(None).glyph()}
    metrics = {".notdef": (1000, 0), "space": (250, 0)}
    for c, (adv, x0, x1) in spec.items():
        glyphs[f"u{ord(c):04X}"] = _rect(x0, x1)
        metrics[f"u{ord(c):04X}"] = (adv, x0)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(path)
    return path


class TestMetrics:
    """``Metrics`` from font files: advance(face, ch) = hmtx advance / unitsPerEm."""
    __test__ = False            # not a pytest test class

    def __init__(self, path_by_face: dict[str, str]):
        self._fonts: dict[str, tuple[dict[int, str], dict[str, tuple[int, int]], float, object]] = {}
        for face, path in path_by_face.items():
            f = TTFont(path)
            self._fonts[face] = (f.getBestCmap(), f["hmtx"].metrics, float(f["head"].unitsPerEm),
                                 f["glyf"])
        self._cache: dict[tuple[str, str], float] = {}

    def _glyph(self, face: str, ch: str) -> str:
        cmap = self._fonts[face][0]
        return cmap.get(ord(ch), ".notdef")

    def advance(self, face: str, ch: str) -> float:
        key = (face, ch)
        a = self._cache.get(key)
        if a is None:
            cmap, hmtx, upem, _ = self._fonts[face]
            a = self._cache[key] = hmtx[self._glyph(face, ch)][0] / upem
        return a

    def ink(self, face: str, ch: str) -> tuple[float, float]:
        """(xMin, xMax) of the glyph's outline in em; (0, 0) for an empty glyph."""
        _, _, upem, glyf = self._fonts[face]
        g = glyf[self._glyph(face, ch)]
        if not getattr(g, "numberOfContours", 0):
            return (0.0, 0.0)
        return (g.xMin / upem, g.xMax / upem)


EM = 9.0       # pt: the composer tests' type size (1 em = 9 pt, ½ em = 4.5, ¼ em = 2.25)


def _metrics(tmp_path_factory) -> TestMetrics:
    d = tmp_path_factory.mktemp("fonts")
    body = build_test_font(str(d / "body.ttf"))
    latin = build_test_font(str(d / "latin.ttf"), latin_advance=600, family="LayoutTestLatin")
    return TestMetrics({"song": body, "hei": body, "lat": latin})


try:                                   # the shared fixture of the composer tests
    import pytest

    metrics = pytest.fixture(scope="module", name="metrics")(_metrics)
except ImportError:                    # fontkit used outside pytest
    pass


PAGE_FACES = ("song", "song-heavy", "hei", "hei-regular", "kai", "latin")


def page_ctx(tmp_path_factory, fmt):
    """A page's Ctx with the test font in every role (every Han character 1 em): the block,
    picture and composer-measure tests' positions are arithmetic on the grid's figures."""
    from layout.page.blocks import Ctx
    font = build_test_font(str(tmp_path_factory.mktemp("page") / "t.ttf"))
    return Ctx(fmt, TestMetrics({f: font for f in PAGE_FACES}))


M = 90.0    # the rule tests' default measure: 10 em of 9-pt type


def comp(metrics, text, measure=M, **kw):
    """A paragraph of the song face at 9 pt, no indent unless given."""
    from layout.compose import Run, Settings, compose_paragraph
    kw.setdefault("indent", 0.0)
    return compose_paragraph([Run(text, "song", EM)], measure, metrics, Settings(**kw))


def xs(line):
    return [round(g.x, 4) for g in line.glyphs]


def texts(lines):
    return [l.text for l in lines]
