"""Rule tests for layout.compose, each named after its clreq section or GB/T 15834 clause and
asserting exact positions. Test font (tests/fontkit.py): Han and full-width marks 1 em, Latin ½
em, space ¼ em; 9 pt type (1 em = 9 pt, ½ em = 4.5, ¼ em = 2.25); measure 10 em = 90 pt unless
said. More rule tests: test_compose_rules.py; properties: test_compose_props.py."""
import re

import pytest

from layout.compose import (
    ONE_LINE,
    Line,
    PlacedGlyph,
    Run,
    Settings,
    compose_paragraph,
    set_line,
)
from tests.kit.fontkit import EM, M, comp, metrics, texts, xs  # noqa: F401  (shared helpers)


# --- data types ---------------------------------------------------------------------------------
def test_values_are_frozen(metrics):
    (line,) = comp(metrics, "中文")
    assert isinstance(line, Line) and isinstance(line.glyphs, tuple)
    assert isinstance(line.glyphs[0], PlacedGlyph)
    with pytest.raises(AttributeError):
        line.width = 3
    with pytest.raises(AttributeError):
        line.glyphs[0].x = 3


def test_empty_paragraph(metrics):
    assert comp(metrics, "") == ()
    assert comp(metrics, " \u3000 ") == ()


# --- #first_line_indents ------------------------------------------------------------------------
def test_clreq_first_line_indents_two_em(metrics):
    lines = compose_paragraph([Run("\u3000\u3000" + "中" * 20, "song", EM)], M, metrics)
    assert xs(lines[0]) == [18 + 9 * i for i in range(8)]
    assert xs(lines[1]) == [9 * i for i in range(10)]
    assert xs(lines[2]) == [0, 9]
    assert [l.width for l in lines] == [90, 90, 18]
    assert [l.is_last for l in lines] == [False, False, True]
    assert "".join(texts(lines)) == "中" * 20            # the typed U+3000 indent is stripped


# --- #prohibition_rules_for_line_start_end, push-in before push-out -----------------------------
def test_clreq_prohibition_no_line_start_comma(metrics):
    lines = comp(metrics, "中" * 10 + "，" + "中" * 5)
    # Nothing to compress on a pure-Han line, so push-out: 9 Han justified over 8 gaps (+9/8 pt).
    assert texts(lines) == ["中" * 9, "中，" + "中" * 5]
    assert xs(lines[0]) == [round(i * 10.125, 4) for i in range(9)]
    assert lines[0].width == pytest.approx(90, abs=0.01)


def test_clreq_prohibition_push_in_before_push_out(metrics):
    lines = comp(metrics, "中中，" + "中" * 7 + "。" + "中中")
    # 10 em of text, then 。: compress the mid-line ， to ½ em and keep 。 (line end, ½ em).
    assert texts(lines)[0] == "中中，" + "中" * 7 + "。"
    assert xs(lines[0]) == [0, 9, 18] + [22.5 + 9 * i for i in range(7)] + [85.5]
    assert lines[0].width == pytest.approx(90)


def test_clreq_prohibition_no_line_end_opening_mark(metrics):
    lines = comp(metrics, "中" * 9 + "“中文”")
    assert texts(lines) == ["中" * 9, "“中文”"]
    assert xs(lines[0]) == [round(i * 10.125, 4) for i in range(9)]


def test_clreq_prohibition_strict_dash_not_split_not_at_line_start(metrics):
    lines = comp(metrics, "中" * 9 + "——中")
    assert texts(lines) == ["中" * 8, "中——中"]
    assert xs(lines[1]) == [0, 9, 18, 27]


def test_clreq_prohibition_strict_ellipsis_first_line_exempt(metrics):
    lines = compose_paragraph([Run("……中文", "song", EM)], M, metrics)
    assert xs(lines[0]) == [18, 27, 36, 45]
    assert lines[0].text == "……中文"


def test_clreq_prohibition_solidus_binds_both_sides(metrics):
    lines = comp(metrics, "中" * 9 + "甲／乙")
    assert lines[1].text.startswith("中甲／乙") or lines[1].text.startswith("甲／乙")
    assert "／" not in (lines[0].text[-1:] + lines[1].text[:1])


def test_gb_15835_number_not_split(metrics):
    lines = comp(metrics, "中" * 9 + "2022年度")
    assert texts(lines) == ["中" * 9, "2022年度"]
    lines = comp(metrics, "中" * 8 + "增长3.14%以上")
    assert all("3.14%" in t or not re.search(r"[\d.%]", t) for t in texts(lines))


def test_clreq_prohibition_latin_word_unbreakable_break_at_space(metrics):
    lines = comp(metrics, "中" * 6 + "hello world")
    assert texts(lines) == ["中" * 6 + "hello", "world"]


# --- #punctuation_width_adjustment --------------------------------------------------------------
def test_clreq_punctuation_width_adjustment_adjacent_marks_1_5_em(metrics):
    (l,) = comp(metrics, "中。”中")
    assert xs(l) == [0, 9, 13.5, 22.5]
    (l,) = comp(metrics, "中》《中")
    assert xs(l) == [0, 9, 13.5, 22.5]
    (l,) = comp(metrics, "中”，中")
    assert xs(l) == [0, 9, 13.5, 22.5]


def test_clreq_punctuation_width_adjustment_rule_applied_twice(metrics):
    (l,) = comp(metrics, "中）、（中")
    assert xs(l) == [0, 9, 13.5, 18, 27]          # ）、（ = 2 em


def test_gb_15834_5_1_2_question_exclamation_pairs(metrics):
    (l,) = comp(metrics, "中？？中")
    assert xs(l) == [0, 9, 13.5, 18]              # ?? = 1 em
    (l,) = comp(metrics, "中！？中")
    assert xs(l) == [0, 9, 13.5, 18]
    (l,) = comp(metrics, "中？！？中")
    assert xs(l) == [0, 9, 13.5, 18, 27]          # ??? = 2 em


def test_clreq_punctuation_width_adjustment_opening_mark_at_line_start(metrics):
    lines = comp(metrics, "中" * 10 + "“中文”")
    assert lines[1].text == "“中文”"
    assert xs(lines[1]) == [-4.5, 4.5, 13.5, 22.5]  # origin −½ em: the ink starts at 0
    assert lines[1].width == 27                      # line-end ” counts ½ em


def test_gb_15834_5_1_10_line_end_mark_half_em(metrics):
    lines = comp(metrics, "中" * 9 + "，" + "中" * 3)
    # 9.5 em: ½ em spread over the 8 Han gaps (none before the comma).
    assert lines[0].text == "中" * 9 + "，"
    assert xs(lines[0]) == [round(i * 9.5625, 4) for i in range(9)] + [85.5]
    assert lines[0].width == pytest.approx(90)


def test_clreq_punctuation_width_adjustment_kaiming_style(metrics):
    (l,) = comp(metrics, "中，中。中“中”", punct="kaiming")
    assert xs(l) == [0, 9, 13.5, 22.5, 31.5, 36, 45, 54]   # ， “ ” ½ em; 。 full
    assert l.width == 58.5


def test_clreq_punctuation_width_adjustment_banjiao_style(metrics):
    (l,) = comp(metrics, "中，中。中", punct="banjiao")
    assert xs(l) == [0, 9, 13.5, 22.5, 27]


def test_gb_15834_5_1_7_interpunct_half_em(metrics):
    (l,) = comp(metrics, "甲·乙")
    assert xs(l) == [0, 9 - 2.25, 13.5]              # 1-em glyph centred in a ½-em box


# --- #necessity_for_line_adjustment, #mixed_text_composition -------------------------------------
def test_clreq_mixed_text_han_latin_quarter_em(metrics):
    (l,) = comp(metrics, "中文abc中文")
    assert xs(l) == [0, 9, 20.25, 24.75, 29.25, 36, 45]
    (l2,) = comp(metrics, "中文 abc 中文")
    assert xs(l2) == xs(l) and l2.text == "中文 abc 中文"


def test_clreq_mixed_text_no_gap_next_to_chinese_punct(metrics):
    (l,) = comp(metrics, "中，abc。")
    assert xs(l) == [0, 9, 18, 22.5, 27, 31.5]


def test_clreq_mixed_text_no_gap_at_line_edge(metrics):
    lines = comp(metrics, "中" * 10 + "abc")
    assert xs(lines[1]) == [0, 4.5, 9]


def test_clreq_mixed_text_latin_face_for_letters_and_digits(metrics):
    (l,) = compose_paragraph([Run("中a1中", "song", 10, latin_face="lat")], 100, metrics, Settings(indent=0))
    assert [g.face for g in l.glyphs] == ["song", "lat", "lat", "song"]
    assert xs(l) == [0, 12.5, 18.5, 27]


def test_clreq_inter_character_space_expansion_word_spaces_first(metrics):
    # 'ab cd ef gh ij' = 10 letters (5 em) + 4 spaces (1 em) = 6 em on a 6.5-em line, then a long
    # word: the spaces take the ½ em (each ¼ → 3/8 em) before any other gap.
    lines = comp(metrics, "ab cd ef gh ij abcdefgh", measure=6.5 * EM)
    assert lines[0].text == "ab cd ef gh ij"
    assert xs(lines[0]) == [0, 4.5, 12.375, 16.875, 24.75, 29.25, 37.125, 41.625, 49.5, 54]
    assert lines[0].width == pytest.approx(58.5)


def test_clreq_inter_character_space_expansion_never_inside_units(metrics):
    lines = comp(metrics, "中" * 5 + "——" + "中" * 3 + "中")
    l = lines[0]
    assert l.width == pytest.approx(90)
    dash = [g.x for g in l.glyphs if g.ch == "—"]
    assert dash[1] - dash[0] == pytest.approx(9)    # —— stays one 2-em bar


def test_clreq_spacing_reduction_order_brackets_before_commas(metrics):
    lines = comp(metrics, "中（中）中，中中中中" + "。")
    l = lines[0]
    assert l.text == "中（中）中，中中中中。"
    # 10 em + line-end 。 ½ em = 10.5: take ½ em from the brackets (¼ em each), none from ，
    assert xs(l) == [0, 6.75, 15.75, 24.75, 31.5, 40.5, 49.5, 58.5, 67.5, 76.5, 85.5]
    assert l.width == pytest.approx(90)


def test_clreq_first_line_indents_run_in_head_one_em_space(metrics):
    runs = [Run("本报讯", "hei", EM, space_after=1.0), Run("中文", "song", EM)]
    (l,) = compose_paragraph(runs, M, metrics, Settings(indent=0))
    assert xs(l) == [0, 9, 18, 36, 45]
    assert [g.face for g in l.glyphs] == ["hei"] * 3 + ["song"] * 2
    lines = compose_paragraph(runs, 3 * EM, metrics, Settings(indent=0))
    assert texts(lines) == ["本报讯", "中文"] and xs(lines[1]) == [0, 9]


def test_clreq_inter_character_space_expansion_run_in_space_fixed(metrics):
    runs = [Run("本报讯", "hei", EM, space_after=1.0), Run("中" * 5 + "，" + "中" * 3, "song", EM)]
    lines = compose_paragraph(runs, M, metrics, Settings(indent=0))
    l = lines[0]
    assert l.text == "本报讯" + "中" * 5 + "，"
    # 9 em + ½ em line-end mark: ½ em over the 6 gaps between characters, none on the 1-em space.
    g = [x.x for x in l.glyphs]
    assert g[3] - g[2] == pytest.approx(18)
    assert l.width == pytest.approx(90)


# --- alignment, set_line ------------------------------------------------------------------------
def test_set_line_ideographic_space_keeps_its_em(metrics):
    runs = [Run("科技报", "song", EM), Run("\u3000\u3000", "song", EM), Run("第1版", "song", EM)]
    l = set_line(runs, M, metrics, ONE_LINE._replace(align="end"))
    # 科技报 27 + U+3000 ×2 18 + 第 9 + ¼ + 1 ½ + ¼ + 版 9 = 72 pt, set flush right in 90.
    assert xs(l) == [18, 27, 36, 63, 74.25, 81]
    assert l.text == "科技报\u3000\u3000第1版"
    assert l.width == pytest.approx(90)


def test_set_line_distribute(metrics):
    l = set_line([Run("四川省", "song", EM)], 45, metrics, ONE_LINE._replace(align="distribute"))
    assert xs(l) == [0, 18, 36] and l.width == pytest.approx(45)


def test_set_line_center_and_end(metrics):
    assert xs(set_line([Run("中文", "song", EM)], M, metrics, ONE_LINE._replace(align="center"))) == [36, 45]
    assert xs(set_line([Run("中文", "song", EM)], M, metrics, ONE_LINE._replace(align="end"))) == [72, 81]
    l = set_line([Run("中文", "song", EM)], M, metrics)
    assert xs(l) == [0, 9] and l.width == 18 and l.text == "中文"


def test_compose_center_breaks_like_justify(metrics):
    j = comp(metrics, "中" * 15)
    c = comp(metrics, "中" * 15, align="center")
    assert texts(j) == texts(c)
    assert xs(c[1]) == [22.5 + 9 * i for i in range(5)]


# --- 孤字, #adjustments_of_orphans_and_widows ----------------------------------------------------
def test_gb_15834_5_1_11_orphans_pull_one_more_char_down(metrics):
    lines = comp(metrics, "中" * 10 + "中" * 9 + "，" + "中。")
    # Pulling two characters down from the second line alone would open its 7 gaps by 2/7 em,
    # over the ¼-em limit (docs/typesetting-rules.md §3): the whole paragraph is re-broken
    # (compose.totalfit) and the two lines above share the space, ⅛ em a gap.
    assert texts(lines) == ["中" * 9, "中" * 9, "中，中。"]
    assert lines[0].width == pytest.approx(90) and lines[1].width == pytest.approx(90)
    assert xs(lines[1])[1] == pytest.approx(9 + 9 / 8)
    assert not lines[0].loose and not lines[1].loose


def test_gb_15834_5_1_11_orphans_push_in_by_compressing_punctuation(metrics):
    lines = comp(metrics, "中" * 10 + "中，中，中中中中中，" + "中。")
    assert texts(lines) == ["中" * 10, "中，中，中中中中中，中。"]
    assert xs(lines[1]) == [0, 9, 13.5, 22.5, 27, 36, 45, 54, 63, 72, 76.5, 85.5]
    assert lines[1].is_last and lines[1].width == pytest.approx(90)


# --- more rules ---------------------------------------------------------------------------------
def test_clreq_punctuation_width_adjustment_marks_across_a_break(metrics):
    lines = comp(metrics, "中" * 9 + "。“中文”")
    assert texts(lines) == ["中" * 9 + "。", "“中文”"]
    assert xs(lines[0])[-1] == 85.5 and lines[0].width == pytest.approx(90)
    assert xs(lines[1]) == [-4.5, 4.5, 13.5, 22.5]


def test_clreq_punctuation_width_adjustment_kaiming_opening_mark_at_line_start(metrics):
    lines = comp(metrics, "中" * 10 + "“中文”", punct="kaiming")
    assert xs(lines[1]) == [-4.5, 4.5, 13.5, 22.5]  # ½-em “: origin −½ em, ink at 0


def test_gb_15835_number_with_latin_unit_style_switch(metrics):
    lines = comp(metrics, "中" * 8 + "50km", bind_units=False)
    assert texts(lines) == ["中" * 8 + "50", "km"]
    lines = comp(metrics, "中" * 8 + "50km")
    assert texts(lines) == ["中" * 8, "50km"]


def test_gb_15834_5_1_11_orphans_no_pull_down_that_would_gut_a_line(metrics):
    lines = comp(metrics, "中" * 10 + "中abcdefghijklmno" + "中。")
    assert texts(lines)[-1] == "中。"                 # pulling the 7.5-em word down is worse


def test_runs_keep_faces_and_sizes(metrics):
    runs = [Run("中文", "song", 9), Run("标题", "hei", 12), Run("abc", "song", 9, latin_face="lat")]
    (l,) = compose_paragraph(runs, 200, metrics, Settings(indent=0))
    assert [(g.face, g.size) for g in l.glyphs] == [("song", 9)] * 2 + [("hei", 12)] * 2 + \
        [("lat", 9)] * 3
    # 中文 18, 标题 24, ¼ em Han–Latin gap of the larger size (3 pt), 3 × 5.4 pt.
    assert xs(l) == [0, 9, 18, 30, 45, 50.4, 55.8]
    assert l.text == "中文标题abc"


def test_bad_options_raise(metrics):
    with pytest.raises(ValueError, match="align"):
        comp(metrics, "中", align="left")
    with pytest.raises(ValueError, match="punct"):
        comp(metrics, "中", punct="full")
    with pytest.raises(ValueError, match="measure"):
        comp(metrics, "中", measure=0)


def test_clreq_double_marks_take_one_em_whatever_the_font_draws():
    """‼ ⁇ ⁈ ⁉ take a 1-em box (clreq; docs/typesetting-rules.md §2), the glyph centred in it,
    even where the bundled face draws them narrower than 1 em."""
    from layout.compose import Run, Settings, compose_paragraph
    from layout.fonts.fontset import FontSet
    fonts = FontSet()
    for mark in "‼⁇⁈⁉":
        (line,) = compose_paragraph([Run(f"中{mark}中", "song", 10.0)], 100.0, fonts,
                                    Settings(indent=0.0))
        adv = fonts.advance("song", mark) * 10.0
        assert [round(g.x, 3) for g in line.glyphs] == [0, round(10 + (10 - adv) / 2, 3), 20]
