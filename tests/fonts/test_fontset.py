"""Fonts: bundled roles load, cover the 通用规范汉字表, and characters above U+FFFF extract
from the PDF as themselves (ReportLab's ToUnicode bug, fixed in layout.fonts)."""
from __future__ import annotations

import pdfplumber

from layout.fonts.fontset import DEFAULT_ROLES, FontSet
from tests.kit.paths import ROOT

TYGF = ROOT / "layout" / "fonts" / "data" / "tygf-8105.txt"   # shipped with the package


def test_every_role_covers_gb2312_hanzi():
    fonts = FontSet()
    gb = [bytes([a, b]).decode("gb2312") for a in range(0xB0, 0xF8) for b in range(0xA1, 0xFF)
          if not (a == 0xD7 and b > 0xF9)]
    assert len(gb) == 6763
    for role in DEFAULT_ROLES:
        missing = [c for c in gb if not fonts.covers(role, c)]
        assert not missing, (role, missing[:10])


def test_non_bmp_character_extracts(tmp_path):
    from layout.cli import main
    src = tmp_path / "x.yaml"
    src.write_text("""paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 1
    name: 测试
    stories:
      - id: a
        headline: 咬𬌗测试
        place: {col: 1, span: 2, row: 1, rows: 10}
        body: 牙齿咬𬌗关系，𬌗字在通用规范汉字表中。
""", encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert main(["build", str(src), "-o", str(out)]) == 0
    with pdfplumber.open(str(out)) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "咬𬌗关系，𬌗字" in text


def test_glyphs_added_from_noto_cjk_print(tmp_path):
    """𡻕 and the four characters scripts/build_fonts.py adds to the Noto faces from
    fonts-noto-cjk (docs/fonts.md #coverage) are built, checked and read back as themselves
    in a headline (宋 heavy) and a body (宋)."""
    from layout.cli import main
    added = "\U00021ed5\U000289c0\U00028a0f\U00028b46\U00028b4e"
    src = tmp_path / "x.yaml"
    src.write_text(f"""paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
pages:
  - number: 1
    name: 测试
    stories:
      - id: a
        headline: 年{added[0]}测试
        place: {{col: 1, span: 2, row: 1, rows: 10}}
        body: 年{added[0]}，{added[1:]}。
""", encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert main(["build", str(src), "-o", str(out)]) == 0
    with pdfplumber.open(str(out)) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert f"年{added[0]}测试" in text and f"年{added[0]}，{added[1:]}" in text


def test_every_role_covers_the_8105_list():
    import pytest
    chars = [l.strip() for l in TYGF.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(chars) == 8105
    fonts = FontSet()
    for role in DEFAULT_ROLES:
        missing = [c for c in chars if not fonts.covers(role, c)]
        assert not missing, (role, missing[:10])


def test_every_role_covers_the_traditional_counterparts():
    """The traditional counterparts of the 8105 list (layout/fonts/data/trad-8105.txt, from
    OpenCC's tables) print in every role: the 27 that stopped a build (體 開 點 …) among them."""
    from layout.fonts.listing import trad_8105
    trad = sorted(trad_8105())
    assert len(trad) > 2500 and all(ord(c) in trad for c in "體開點簽髮")
    fonts = FontSet()
    for role in DEFAULT_ROLES:
        missing = [chr(u) for u in trad if not fonts.covers(role, chr(u))]
        assert not missing, (role, "".join(missing[:20]))
    # 𡻕 U+21ED5 and four more were in no Noto SC build: scripts/build_fonts.py adds them from
    # fonts-noto-cjk, so 宋 and 黑 draw them in their own face (docs/fonts.md #coverage)
    for role in ("song", "song-heavy", "hei", "hei-regular"):
        for c in "\U00021ed5\U000289c0\U00028a0f\U00028b46\U00028b4e":
            assert fonts.resolve(role, c) == fonts.chain(role)[0], (role, c)


def test_symbols_in_copy_print_in_every_role():
    """What copy holds beyond the Han faces — ≒ ⁇ ‼ ⟷, arrows, math operators, ①②③, ℃, ㎡ —
    is drawn: the symbol face (Noto Sans Math) is the last link of every bundled chain."""
    fonts = FontSet()
    for role in DEFAULT_ROLES:
        assert fonts.chain(role)[-1].path.name == "symbols.ttf"
        missing = [c for c in "≒⁇‼⁈⁉⟷⟶→⇒↔∑∫√≈≠≤≥±∞⊂∈⌀①②③℃㎡‰" if not fonts.covers(role, c)]
        assert not missing, (role, missing)
