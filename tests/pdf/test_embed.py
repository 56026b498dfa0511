"""embed: one Type0 font per face; codes are glyph ids, the same whatever else a document
draws; a character sharing its glyph with another gets a code of its own and extracts as
itself; the descriptor's metrics are those ReportLab's full parse of the file reads; the
ToUnicode CMap writes characters above U+FFFF as surrogate pairs."""
from __future__ import annotations

import re

import pytest

from layout.fonts.fontset import FontSet
from layout.pdf.embed import PdfFonts, to_unicode_cmap, widths_array


def _prepared(text: str, role: str = "song") -> PdfFonts:
    f = PdfFonts(FontSet())
    f.prepare({(role, ch) for ch in text})
    return f


def test_codes_are_glyph_ids_whatever_else_is_drawn():
    a, b = _prepared("科技报"), _prepared("科学技术协会报社")
    fs = FontSet()
    for ch in "科技报":
        (fa, ca), (fb, cb) = a.glyph("song", ch), b.glyph("song", ch)
        assert ca == cb == fs.file(fs.resolve("song", ch)).cmap[ord(ch)]
        assert fa.resource == fb.resource == "L1"


def test_shared_glyph_gets_its_own_code():
    """～ U+FF5E and 〜 U+301C share one glyph in the bundled 宋体: the higher code point gets
    a code after the font's last glyph, a copy of the glyph, and ToUnicode says which is which."""
    f = _prepared("〜～")
    face, wave = f.glyph("song", "〜")
    _, full = f.glyph("song", "～")
    n = face.ff.num_glyphs
    assert wave < n and full == n and face.extra == [wave]
    assert face.width(full) == face.width(wave)
    cmap = to_unicode_cmap({c: cp for cp, c in face.codes.items()}).decode()
    assert f"<{wave:04X}> <301C>" in cmap and f"<{n:04X}> <FF5E>" in cmap


def test_to_unicode_above_the_bmp_as_surrogates():
    cmap = to_unicode_cmap({0x0102: 0x2C317, 0x0041: 0x4E2D}).decode()
    assert "<0102> <D870DF17>" in cmap and "<0041> <4E2D>" in cmap
    assert "<0000> <FFFF>" in cmap      # 2-byte codes
    many = to_unicode_cmap({k: 0x4E00 + k for k in range(250)}).decode()
    assert re.findall(r"(\d+) beginbfchar", many) == ["100", "100", "50"]   # ≤ 100 a block


def test_widths_array_leaves_out_the_default_width():
    assert widths_array({1: 1000, 2: 500, 3: 250.5, 5: 1000, 7: 600}, 1000) == \
        "[2 [500 250.5]\n7 [600]]"


@pytest.mark.parametrize("role", ["song", "hei", "kai"])
def test_descriptor_and_widths_as_reportlabs_parse(role):
    from reportlab.pdfbase.ttfonts import TTFontFile
    f = _prepared("科技报，ABC 1", role)
    face, _ = f.glyph(role, "科")
    e = face.embed()
    ref = TTFontFile(str(face.ff.path), charInfo=1)
    d = e.descriptor
    assert d["FontBBox"] == pytest.approx(ref.bbox, abs=0.001)
    assert (d["Ascent"], d["Descent"], d["CapHeight"], d["StemV"]) == pytest.approx(
        (ref.ascent, ref.descent, ref.capHeight, ref.stemV), abs=0.001)
    assert d["Flags"] == (ref.flags & ~32) | 4          # symbolic, not nonsymbolic
    assert e.basefont.endswith("+" + ref.name.decode())
    assert re.fullmatch(r"[A-Z]{6}\+.+", e.basefont)
    for ch in "科技报，ABC 1":
        fc, code = f.glyph(role, ch)
        if fc is face:
            assert face.width(code) == pytest.approx(ref.charWidths.get(ord(ch), 0), abs=5e-4)


def test_same_glyphs_same_subset_name_and_bytes():
    a, b = _prepared("科技报"), _prepared("报科技")
    ea, eb = a.glyph("song", "科")[0].embed(), b.glyph("song", "科")[0].embed()
    assert ea == eb
    c = _prepared("科技报社")
    assert c.glyph("song", "科")[0].embed().basefont != ea.basefont


def test_a_build_without_pictures_loads_neither_pillow_nor_harfbuzz(tmp_path):
    """The cold path (issue 16): ReportLab's canvas imports neither uharfbuzz nor Pillow's
    Image module for a page without pictures, a page with its places written never imports
    the page composer (numpy), neither jieba (page.words reads its data in place) nor
    setuptools' pkg_resources, nor ReportLab's sandboxed eval until it is called, and the
    PDF is still written."""
    import subprocess
    import sys

    from tests.kit.paths import ROOT, SAMPLE
    code = ("import sys; from layout.cli import main; r = main(['build', sys.argv[1], '-o', "
            "sys.argv[2], '--no-check']); import PIL.Image as I; "
            "print(r, 'uharfbuzz' in sys.modules, 'numpy' in sys.modules, "
            "'layout.arrange' in sys.modules, 'pkg_resources' in sys.modules, "
            "type(sys.modules['PIL.Image']).__name__, 'jieba' in sys.modules, "
            "hasattr(sys.modules['reportlab.lib.rl_safe_eval'], '__file__'))")
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(tmp_path / "s.pdf")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.stdout.split()[-8:] == ["0", "False", "False", "False", "False", "_LazyImage",
                                       "False", "False"], out.stderr


def test_faces_embedded_ahead_in_a_thread_are_the_same_objects():
    """PdfFonts.embed_ahead subsets the faces and deflates them in threads while the pages
    are drawn; the writer's faces (embedded(), after the threads) carry the font objects made
    without them."""
    text = "科学技术协会报社，Latin 2026"
    ahead, plain = PdfFonts(FontSet()), PdfFonts(FontSet())
    for f in (ahead, plain):
        f.prepare({(role, ch) for role in ("song", "hei", "latin") for ch in text})
    ahead.embed_ahead()
    faces = ahead.embedded()
    assert ahead._ahead == [] and faces and faces == ahead.used
    assert [f.embed() for f in faces] == [f.embed() for f in plain.used]
    assert all(f.ready for f in faces)
    ahead.embed_ahead()                    # a warm build's unchanged faces: no thread
    assert ahead._ahead == []


def test_a_face_that_cannot_be_made_ahead_raises_where_the_writer_embeds_it():
    """A font file changed on disk after it was read (a running `layout watch`): the face is
    not made in embed_ahead (no thread is started for it, nothing is printed), and the
    writer's embed raises the FontError naming the file — as without the threads."""
    from layout.errors import FontError
    f = PdfFonts(FontSet())
    f.prepare({("song", ch) for ch in "科技报"} | {("hei", ch) for ch in "科协"})
    changed = f.used[0]
    changed.prog.stamp = (changed.prog.stamp[0] + 1, changed.prog.stamp[1])
    f.embed_ahead()
    faces = f.embedded()
    assert not changed.ready and all(face.ready for face in faces if face is not changed)
    with pytest.raises(FontError, match=re.escape(changed.prog.path)):
        changed.embed()
