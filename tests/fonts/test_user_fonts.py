"""User fonts (issue 3): CFF .otf and .ttc files as the body font, converted to TrueType,
embedded (FontFile2) and extractable; a collection face chosen by name; a character no font
has stops the build with the fonts tried; characters above U+FFFF extract; a second build
finds the converted font in the cache; fallback glyphs are reported; synthetic bold strokes
the outline; —— is one bar with the dashes kept as invisible text; `layout fonts` lists it all.
The CFF fonts are small ones built by tests/cfffonts.py."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from layout.build import build_issue
from layout.pdf.embed import PdfFonts
from layout.page.coverage import FontFallback
from layout.cli import main
from layout.errors import EXIT_INPUT
from layout.fonts import convert
from layout.fonts.fontset import FontSet
from layout.fonts.listing import gb2312_hanzi
from tests.kit.cfffonts import CFF_CHARS, build_cff_font, build_cff_ttc

BODY = "科协工作——服务科技工作者是根本任务。他说：“我们要做好每一件事。”咬𬌗关系"
ISSUE = """paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
fonts:
{fonts}
pages:
  - number: 1
    name: 测试
    stories:
      - id: a
        headline: 测试标题
        place: {{col: 1, span: 3, row: 1, rows: 12}}
        body: |
          {body}
        byline: 本报记者 张三
"""


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("LAYOUT_CACHE", str(d))
    return d


@pytest.fixture(scope="module")
def fontdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("userfonts")
    build_cff_font(str(d / "test.otf"))
    build_cff_ttc(str(d / "test.ttc"))
    return d


def write_issue(tmp_path: Path, fontdir: Path, fonts: str, body: str = BODY) -> Path:
    for f in ("test.otf", "test.ttc"):
        if not (tmp_path / f).exists():
            (tmp_path / f).symlink_to(fontdir / f)
    src = tmp_path / "x.yaml"
    src.write_text(ISSUE.format(fonts=fonts, body=body), encoding="utf-8")
    return src


def pdf_fonts(pdf: Path) -> dict[str, dict]:
    """BaseFont -> font dictionary of every font on the first page."""
    page = PdfReader(str(pdf)).pages[0]
    return {str(f["/BaseFont"]): f for f in
            (v.get_object() for v in page["/Resources"]["/Font"].values())}


def page_text(pdf: Path) -> str:
    with pdfplumber.open(str(pdf)) as p:
        return "".join(c["text"] for c in p.pages[0].chars)


def content(pdf: Path) -> bytes:
    return PdfReader(str(pdf)).pages[0].get_contents().get_data()


def test_cff_otf_body_font_embedded_and_extractable(tmp_path, fontdir):
    src = write_issue(tmp_path, fontdir, "  song: test.otf")
    out = tmp_path / "x.pdf"
    build_issue(str(src), out)
    fonts = pdf_fonts(out)
    mine = [f for name, f in fonts.items() if "LayoutTestSerif" in name]
    assert mine, list(fonts)
    for f in mine:      # converted to TrueType outlines: FontFile2, never FontFile3 (CFF)
        assert f["/Subtype"] == "/Type0" and f["/Encoding"] == "/Identity-H"
        desc = f["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in desc and "/FontFile3" not in desc
    text = page_text(out)
    assert "服务科技工作者是根本任务" in text
    assert "咬𬌗关系" in text            # U+2C317, above U+FFFF, extracts as itself


def test_non_bmp_character_drawn_in_the_user_font(tmp_path, fontdir):
    src = write_issue(tmp_path, fontdir, "  song: test.otf")
    out = tmp_path / "x.pdf"
    r = build_issue(str(src), out)
    with pdfplumber.open(str(out)) as p:
        ch = [c for c in p.pages[0].chars if c["text"] == "𬌗"]
    assert ch and all("LayoutTestSerif" in c["fontname"] for c in ch)
    assert not [f for f in r.fallbacks if f.ch == "𬌗"]


def test_ttc_face_chosen_by_name(tmp_path, fontdir):
    src = write_issue(tmp_path, fontdir, "  song: test.ttc#Layout Test Sans")
    out = tmp_path / "x.pdf"
    r = build_issue(str(src), out)
    names = list(pdf_fonts(out))
    assert any("LayoutTestSans" in n for n in names), names
    assert not any("LayoutTestSerif" in n for n in names), names
    body = [g for page in r.pages for it in page.items if getattr(it, "kind", "") == "body"
            for g in it.line.glyphs]
    # the Sans face's Han advance is 960 units: the layout measured that face, not the first
    assert FontSet.configure(r.issue.fonts).advance("song", "科") == 0.96
    assert body
    assert "服务科技工作者" in page_text(out)


def test_ttc_without_or_with_a_wrong_face_name(tmp_path, fontdir, capsys):
    src = write_issue(tmp_path, fontdir, "  song: test.ttc")
    assert main(["build", str(src), "-o", str(tmp_path / "x.pdf")]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "x.yaml:4:9: error: 'song': test.ttc is a collection of 2 faces" in err
    assert "Layout Test Serif, Layout Test Sans" in err
    src = write_issue(tmp_path, fontdir, "  song: test.ttc#Layout Test Mono")
    assert main(["build", str(src), "-o", str(tmp_path / "x.pdf")]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "x.yaml:4:9: error: 'song': test.ttc has no face named 'Layout Test Mono'" in err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_fonts_section_reported_with_positions(tmp_path, fontdir, capsys):
    (tmp_path / "notafont.ttf").write_text("this is not a font\n" * 3, encoding="utf-8")
    fonts = ("  song: [test.otf, missing.otf]\n"
             "  kai: notafont.ttf\n"
             "  hei: {file: test.otf, bol: true}\n"
             "  fangsong: []")
    src = write_issue(tmp_path, fontdir, fonts)
    assert main(["build", str(src), "-o", str(tmp_path / "x.pdf")]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "x.yaml:4:20: error: 'song': no such font file 'missing.otf'" in err
    assert "x.yaml:5:8: error: 'kai': not a TrueType/OpenType font file" in err
    assert "x.yaml:6:25: error: unknown key 'bol' in the fonts of 'hei'" in err
    assert "did you mean 'bold'?" in err
    assert "x.yaml:7:13: error: 'fangsong' lists no font file" in err


def test_character_no_font_has_lists_fonts_tried(tmp_path, fontdir, capsys):
    src = write_issue(tmp_path, fontdir, "  song: test.otf", body="他说𠀀字。")
    out = tmp_path / "x.pdf"
    assert main(["build", str(src), "-o", str(out)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert ("'a': the character 𠀀 (U+20000) in “他说𠀀字。” is not in the font for the role "
            "'song' (test.otf); fonts tried: test.otf, song-regular.ttf, kai-regular.ttf") in err
    assert "x.yaml:" in err and not out.exists()


def test_second_build_uses_the_cache(tmp_path, fontdir, cache):
    src = write_issue(tmp_path, fontdir, "  song: test.otf")
    before = dict(convert.STATS)
    build_issue(str(src), tmp_path / "1.pdf")
    assert convert.STATS["conversions"] == before["conversions"] + 1
    files = list((cache / "ttf").glob("*.ttf"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    build_issue(str(src), tmp_path / "2.pdf")
    assert convert.STATS["conversions"] == before["conversions"] + 1    # nothing converted
    assert convert.STATS["hits"] == before["hits"] + 1
    assert list((cache / "ttf").glob("*.ttf")) == files
    assert files[0].stat().st_mtime_ns == mtime
    assert page_text(tmp_path / "1.pdf") == page_text(tmp_path / "2.pdf")


def test_a_damaged_cache_entry_is_converted_again(tmp_path, fontdir, cache):
    """A cached conversion cut short on disk (a full disk, a crash) once blamed the editor's
    font on every build: its digest no longer matches, so it is converted again."""
    src = write_issue(tmp_path, fontdir, "  song: test.otf")
    build_issue(str(src), tmp_path / "1.pdf")
    (entry,) = (cache / "ttf").glob("*.ttf")
    good = entry.read_bytes()
    entry.write_bytes(good[:len(good) // 3])
    before = dict(convert.STATS)
    build_issue(str(src), tmp_path / "2.pdf")
    assert convert.STATS["conversions"] == before["conversions"] + 1
    assert entry.read_bytes() == good
    assert page_text(tmp_path / "1.pdf") == page_text(tmp_path / "2.pdf")


def test_an_unwritable_cache_is_done_without(tmp_path, fontdir, monkeypatch, capsys):
    """A cache folder that cannot be made or written (read-only, full): the build converts
    without it and says so once."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("LAYOUT_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(convert, "_PRIVATE", [])
    src = write_issue(tmp_path, fontdir, "  song: test.otf")
    assert main(["build", str(src), "-o", str(tmp_path / "x.pdf")]) == 0
    err = capsys.readouterr().err
    assert err.count("cannot be written") == 1 and "converting fonts without it" in err


def test_fallback_glyphs_drawn_and_listed(tmp_path, fontdir):
    src = write_issue(tmp_path, fontdir, "  song: test.otf", body="问鼎科技工作。")
    out = tmp_path / "x.pdf"
    r = build_issue(str(src), out)
    assert FontFallback("a", "song", "鼎", "song-regular.ttf") in r.fallbacks
    with pdfplumber.open(str(out)) as p:
        chars = p.pages[0].chars
    ding = [c for c in chars if c["text"] == "鼎"]
    assert ding and all("NotoSerifSC" in c["fontname"] for c in ding)
    ke = [c for c in chars if c["text"] == "科" and c["size"] < 10]
    assert ke and all("LayoutTestSerif" in c["fontname"] for c in ke)
    fs = FontSet.configure(r.issue.fonts)
    assert fs.advance("song", "鼎") == FontSet().advance("song", "鼎")
    pdf_fonts = PdfFonts(fs)
    pdf_fonts.prepare({("song", "鼎"), ("song", "科")})
    assert pdf_fonts.glyph("song", "鼎")[0] is not pdf_fonts.glyph("song", "科")[0]


def test_synthetic_bold_strokes_the_outline(tmp_path, fontdir):
    src = write_issue(tmp_path, fontdir, "  kai: {file: test.otf, bold: true}")
    out = tmp_path / "x.pdf"
    build_issue(str(src), out)
    stream = content(out)
    assert re.search(rb"\b2 Tr\b", stream)                  # fill, then stroke
    assert re.search(rb"0 0 0 1 K \.225 w 2 Tr", stream)    # stroked in 100 % K
    assert re.search(rb" \.225 w\b", stream)             # 0.025 em of the 9-pt byline
    assert "（本报记者张三）" in page_text(out)      # spaces are not drawn
    (tmp_path / "plain").mkdir()
    plain = write_issue(tmp_path / "plain", fontdir, "  kai: test.otf")
    build_issue(str(plain), tmp_path / "plain.pdf")
    assert not re.search(rb"\b2 Tr\b", content(tmp_path / "plain.pdf"))


def test_dash_pair_is_one_bar_and_still_reads_as_dashes(tmp_path, fontdir):
    src = write_issue(tmp_path, fontdir, "  song: test.otf")
    out = tmp_path / "x.pdf"
    r = build_issue(str(src), out)
    stream = content(out)
    assert re.search(rb"\b3 Tr\b", stream)                  # the dashes, invisible
    bars = re.findall(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re f", stream)
    assert any(abs(float(w) - 18.0) < 0.01 for _, _, w, _ in bars), bars   # 2 em at 9 pt
    item = next(it for p in r.pages for it in p.items
                if getattr(it, "kind", "") == "body" and "——" in it.line.text)
    (bar,) = item.bars                                      # decided before drawing
    first = item.line.glyphs[bar.first]
    # the test dash's bar is 50 units thick at 320..370, its box starts 0.06 em before the ink
    assert bar.h == pytest.approx(0.05 * 9) and bar.y == pytest.approx(0.32 * 9)
    assert bar.x == pytest.approx(first.x) and bar.w == pytest.approx(18.0)
    assert "科协工作——服务" in page_text(out)


def test_fangsong_falls_back_to_kai_with_a_warning(fontdir):
    fs = FontSet()
    assert fs.chain("fangsong") == fs.chain("kai")
    assert "楷" in fs.warnings(["fangsong"])[0]
    assert fs.warnings(["song"]) == ()
    from layout.issue.model import FontChoice, Where
    choice = FontChoice("fangsong", ((str(fontdir / "test.otf"), ""),), True, Where("x", 1, 1))
    fs = FontSet.configure([choice])
    assert fs.warnings(["fangsong"]) == ()
    assert fs.chain("fangsong")[0].path.name == "test.otf" and fs.synthetic_bold("fangsong")
    assert fs.chain("latin") == fs.chain("song")
    # {bold: true} alone: the default chain (楷 for fangsong, still with its warning), bold
    fs = FontSet.configure([FontChoice("fangsong", (), True, Where("x", 1, 1))])
    assert fs.chain("fangsong") == fs.chain("kai") and fs.synthetic_bold("fangsong")
    assert fs.warnings(["fangsong"])


def test_fonts_command(tmp_path, fontdir, capsys):
    assert main(["fonts"]) == 0
    out = capsys.readouterr().out
    for role in ("song", "song-heavy", "hei", "hei-regular", "kai", "fangsong", "latin"):
        assert re.search(rf"^{role} \(", out, re.M), role
    assert "GB 2312 6763/6763" in out and "SIL Open Font License 1.1" in out
    assert "warning: no 仿宋 font is configured" in out
    src = write_issue(tmp_path, fontdir, "  song: test.otf\n  fangsong: test.ttc#Layout Test Sans")
    assert main(["fonts", str(src)]) == 0
    out = capsys.readouterr().out
    assert "test.otf" in out and "CFF (converted when used)" in out
    assert "Test font for layout; public domain" in out
    gb = len(gb2312_hanzi() & {ord(c) for c in CFF_CHARS})
    assert f"test.otf\n     CFF (converted when used); GB 2312 {gb}/6763" in out
    assert "warning: no 仿宋" not in out


def test_build_prints_fallbacks(tmp_path, fontdir, capsys):
    from layout.cli import main
    src = write_issue(tmp_path, fontdir, "  song: test.otf", body="问鼎科技工作。")
    assert main(["build", str(src), "-o", str(tmp_path / "x.pdf"), "--no-check"]) == 0
    out = capsys.readouterr().out
    assert "note: 'a': 鼎 (U+9F0E) is not in the first font of the role 'song'; drawn in " \
           "song-regular.ttf" in out


def test_latin_role_sets_body_digits_and_letters(tmp_path):
    """clreq #mixed_text_composition: Latin and digits of the body in the `latin` role's face."""
    from layout.fonts.fontset import FONT_DIR
    src = tmp_path / "l.yaml"
    src.write_text(f"""paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
fonts:
  latin: {FONT_DIR / "hei-regular.ttf"}
pages:
  - number: 2
    name: 版
    stories:
      - id: a
        headline: 标题
        place: {{col: 1, span: 2, row: 1, rows: 10}}
        body: 共有2023名Wiki作者。
""", encoding="utf-8")
    out = tmp_path / "l.pdf"
    build_issue(str(src), out)
    with pdfplumber.open(str(out)) as p:
        chars = [c for c in p.pages[0].chars if c["size"] < 10]
    fonts = {c["text"]: c["fontname"].split("+")[-1] for c in chars}
    assert fonts["2"] == fonts["W"] == "NotoSansSC-Regular"
    assert fonts["共"] == "NotoSerifSC-Regular"
