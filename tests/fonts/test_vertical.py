"""fonts.vertical: a font's own vert/vrt2 substitutions, read with fontTools, decide the
vertical forms; a font without GSUB (the bundled subsets) falls back on Unicode's vertical
presentation forms it has."""
from __future__ import annotations

from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from layout.fonts.vertical import vertical_forms
from tests.kit.paths import ROOT


def _font(path, fea: str) -> str:
    names = [".notdef", "comma", "comma.vert", "uniFE10", "paren", "paren.rot"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    # ，(U+FF0C) and its form ︐ share nothing; ( has a rotated glyph with no code point
    fb.setupCharacterMap({0xFF0C: "comma", 0xFE10: "uniFE10", 0xFF08: "paren"})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 100)), pen.lineTo((200, 100)), pen.lineTo((200, 200)), pen.closePath()
    box = pen.glyph()
    fb.setupGlyf({n: box for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "VertTest", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    addOpenTypeFeaturesFromString(fb.font, fea)
    fb.save(str(path))
    return str(path)


def test_vert_substitution_read_from_gsub(tmp_path):
    # vert maps ，to the glyph cmap'd from U+FE10; （ to a glyph without a code point
    path = _font(tmp_path / "v.ttf", "feature vert { sub comma by uniFE10; sub paren by "
                                     "paren.rot; } vert;")
    forms = vertical_forms(path)
    assert forms == {"，": "︐"}           # the rotated （ cannot be drawn by code point


def test_vrt2_used_where_vert_is_missing(tmp_path):
    path = _font(tmp_path / "v2.ttf", "feature vrt2 { sub comma by uniFE10; } vrt2;")
    assert vertical_forms(path) == {"，": "︐"}


def test_bundled_fonts_without_gsub_use_the_unicode_forms():
    forms = vertical_forms(str(ROOT / "fonts" / "song-heavy.ttf"))
    assert forms["，"] == "︐" and forms["。"] == "︒" and forms["《"] == "︽"
    assert forms["『"] == "﹃" and forms["（"] == "︵" and forms["—"] == "︱"
    kai = vertical_forms(str(ROOT / "fonts" / "kai-regular.ttf"))
    assert "〖" not in kai                   # the 楷 face lacks ︗: left to the chain


def test_the_font_sets_faces_give_the_forms_fonttools_reads(tmp_path):
    # forms_of reads a face without GSUB from the cmap the font set read (fonts.fontfile),
    # a face with GSUB as vertical_forms does: the same forms either way
    from layout.fonts.fontfile import open_face
    from layout.fonts.vertical import forms_of
    gsub = _font(tmp_path / "v.ttf", "feature vert { sub comma by uniFE10; } vert;")
    paths = sorted(str(p) for p in (ROOT / "fonts").glob("*.[ot]tf")) + [gsub]
    assert len(paths) > 3
    for path in paths:
        ff = open_face(path)
        assert forms_of(ff) == vertical_forms(path), path


def test_a_font_replaced_in_a_running_process_gives_its_own_forms(tmp_path):
    # forms_of keeps the forms of each version of a font file the font set reads
    # (fonts.fontfile.open_face: by path, size and mtime), not of its path: a 竖题 set by a
    # resident process (watch, the desk) after the font was replaced uses the new one's
    import os

    from layout.fonts.fontfile import open_face
    from layout.fonts.vertical import forms_of
    path = _font(tmp_path / "f.ttf", "")                     # no GSUB: the cmap's forms
    assert forms_of(open_face(path))["，"] == "︐"
    _font(tmp_path / "f.ttf", "feature vert { sub comma by paren; } vert;")   # a GSUB now
    os.utime(path, ns=(1, 1))                                # another version for certain
    assert forms_of(open_face(path))["，"] == "（"
