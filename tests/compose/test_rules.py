"""More rule tests for layout.compose, one per rule of issue 4 not already pinned in
test_compose.py, each named after its clreq section or GB/T 15834 / 15835 clause, asserting
exact positions on the FontBuilder test font (Han and full-width marks 1 em, Latin ½ em; 9-pt
type, measure 10 em = 90 pt unless said)."""
import subprocess
import sys

import pytest

from layout.compose import ONE_LINE, Run, Settings, compose_paragraph, set_line
from layout.compose.lonely import is_lonely
from layout.compose.prepare import prepare
from tests.kit.fontkit import EM, M, comp, metrics, texts, xs  # noqa: F401  (shared helpers)


def test_composer_is_independent_of_reportlab_and_pages():
    """Issue 4: the composer decides, the PDF writer only replays: composing loads no PDF code."""
    code = ("import sys, layout.compose; "
            "assert not [m for m in sys.modules if m.startswith(('reportlab', 'layout.render'))]")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- #prohibition_rules_for_line_start_end: the strict level for —— and …… ----------------------
def test_gb_15834_5_1_4_dash_may_open_a_paragraph_first_line_exempt(metrics):
    # GB's own examples start a paragraph with ——: on the first line it stands after the indent.
    lines = comp(metrics, "——" + "中" * 12, indent=2.0)
    assert texts(lines) == ["——" + "中" * 6, "中" * 6]
    assert xs(lines[0]) == [18, 27, 36, 45, 54, 63, 72, 81]


def test_gb_15834_5_1_5_ellipsis_never_starts_a_later_line(metrics):
    # 9 Han + …… = 11 em: …… may not start line 2 (strict level), nothing to compress, so the
    # 9th Han goes down with it (push-out) and 8 Han are justified over 7 gaps (+18/7 pt).
    lines = comp(metrics, "中" * 9 + "……中文")
    assert texts(lines) == ["中" * 8, "中……中文"]
    assert xs(lines[0]) == [round(i * (9 + 18 / 7), 4) for i in range(8)]
    assert xs(lines[1]) == [0, 9, 18, 27, 36]           # …… one 2-em unit


# --- unbreakable sequences, GB/T 15835 -------------------------------------------------------------
def test_gb_15835_number_with_percent_and_suffix_stays_whole(metrics):
    lines = comp(metrics, "增长50%，气温25℃，降3‰以上")
    assert texts(lines) == ["增长50%，气温25℃，", "降3‰以上"]
    # 9.5 em of text (line-end ，½ em): ¼ em Han–Latin gaps stretch to ⅓ em first, then the
    # rest spreads over the break points.
    assert lines[0].width == pytest.approx(90)
    assert xs(lines[1]) == [0, 11.25, 15.75, 22.5, 31.5]


def test_gb_15835_currency_sign_bound_to_its_number(metrics):
    lines = comp(metrics, "中" * 9 + "¥30元整")
    assert texts(lines) == ["中" * 9, "¥30元整"]        # the break falls before ¥, not after
    assert xs(lines[1]) == [0, 4.5, 9, 15.75, 24.75]


# --- the documented exception: a unit wider than the line ---------------------------------------
def test_clreq_prohibition_unit_wider_than_measure_split_at_last_fit(metrics):
    # 25 digits = 12.5 em: no line can hold them, so they are split where line 1 ends, at the
    # last digit that fits (2 Han + ¼ em + 15 digits = 9.75 em, justified to 10).
    lines = comp(metrics, "中中" + "1234567890123456789012345" + "元整")
    assert texts(lines) == ["中中123456789012345", "6789012345元整"]
    assert xs(lines[0])[:3] == [0, 9.75, 22.5] and lines[0].width == pytest.approx(90)
    assert xs(lines[1])[-2:] == [47.25, 56.25]


def test_clreq_prohibition_unit_wider_than_measure_never_split_before_a_mark(metrics):
    # The split point is between two digits: never before the separator ",", which may not
    # start a line.
    lines = comp(metrics, "中中中" + "1,000,000,000,000,000,000" + "元整")
    assert texts(lines) == ["中中中1,000,000,00", "0,000,000,000元整"]


def test_clreq_prohibition_unit_that_fits_a_line_is_pushed_down_whole(metrics):
    # 14 letters = 7 em fit a line, and the 8 Han left behind are 2 em short — within the
    # looseness limit: the word is moved down whole, the short line before it justified.
    lines = comp(metrics, "中" * 8 + "abcdefghijklmn" + "中文")
    assert texts(lines) == ["中" * 8, "abcdefghijklmn中文"]
    assert xs(lines[0]) == [round(i * (9 + 18 / 7), 4) for i in range(8)]
    assert not lines[0].hyphenated and lines[0].width == pytest.approx(90)


def test_clreq_prohibition_soft_point_split_instead_of_a_loose_line(metrics):
    # Exception 2: "www.example.org" (7.5 em) fits a line, but pushing it down would leave
    # "中中中请访问" 4 em short over 5 points: it is split after its first dot instead.
    lines = comp(metrics, "中中中请访问www.example.org中文")
    assert texts(lines) == ["中中中请访问www.", "example.org中文"]
    # 8.25 em + ¾ pt from the Han–Latin gap, then 15 pt over the 6 break points: 2.5 pt each
    # would be over ¼ em (2.25 pt), so the Latin boundary takes the 1.5 pt over it first
    # (docs/typesetting-rules.md §3.3): the Han gaps open by exactly ¼ em
    assert xs(lines[0]) == [0, 11.25, 22.5, 33.75, 45, 56.25, 72, 76.5, 81, 85.5]
    assert lines[0].width == pytest.approx(90)


def test_clreq_necessity_for_line_adjustment_word_hyphenated_rather_than_a_loose_line(metrics):
    # Pushing "typesetting" down would leave "中中中中请访问" 3 em short over 6 points (½ em a
    # gap, over the ¼-em limit): it is hyphenated at its dictionary point type-set-ting
    # (docs/typesetting-rules.md §1.6). 7 Han + ¼ em + 4 letters + the added hyphen (½ em) =
    # 9¾ em: the Han–Latin gap stretches to ⅓ em (+¾ pt), the other 1½ pt go to the 7 break
    # points. The hyphen is drawn, not in the text.
    lines = comp(metrics, "中中中中请访问typesetting中文")
    assert texts(lines) == ["中中中中请访问type", "setting中文"]
    step = 9 + 1.5 / 7
    assert xs(lines[0]) == [round(i * step, 4) for i in range(7)] + [67.5, 72, 76.5, 81, 85.5]
    last = lines[0].glyphs[-1]
    assert (last.ch, last.face, last.size, last.added) == ("-", "song", EM, True)
    assert lines[0].hyphenated and not lines[1].hyphenated
    assert lines[0].width == pytest.approx(90) and not lines[0].loose
    assert not any(g.added for g in lines[0].glyphs[:-1])


def test_clreq_necessity_for_line_adjustment_no_dictionary_point_no_hyphen(metrics):
    # "abcdefghijklmno" has no point the en_US dictionary allows, and a run of letters is never
    # split without one: it goes down whole and the line before it, which no other sequence
    # of breaks avoids, is reported loose (Line.loose).
    lines = comp(metrics, "中中中中请访问abcdefghijklmno中文")
    assert texts(lines) == ["中中中中请访问", "abcdefghijklmno中文"]
    assert not lines[0].hyphenated and lines[0].loose and lines[0].width == pytest.approx(90)


def test_clreq_prohibition_word_wider_than_line_hyphenated_at_the_measure(metrics):
    # "Supercalifragilistic" is 10 em: alone on a line it would leave "ab cd" 7¾ em short. It is
    # hyphenated at its last dictionary point that fits (Su-per-cal-ifrag-ilis-tic):
    # "ab cd " 2½ em + 13 letters 6½ em + hyphen ½ em = 9½ em; the two word spaces open from
    # ¼ to ½ em to make the line flush.
    lines = comp(metrics, "ab cd Supercalifragilistic")
    assert texts(lines) == ["ab cd Supercalifrag", "ilistic"]
    assert xs(lines[0]) == [0, 4.5, 13.5, 18] + [27 + 4.5 * i for i in range(14)]
    assert lines[0].hyphenated and lines[0].width == pytest.approx(90)
    assert "".join(g.ch for g in lines[0].glyphs) == "abcdSupercalifrag-"


def test_clreq_prohibition_hyphen_keeps_two_letters_before_three_after():
    # The dictionary's points, two letters kept before a hyphen and three after it
    # (docs/typesetting-rules.md §1.6): hy-phen-ated, never hyphenat-ed; com-puter, never
    # comput-er; no point at all in an acronym or a word holding a digit.
    from layout.compose.hyphenate import unit_points
    for word, points in (("hyphenated", [2, 6]), ("computer", [3]), ("(Kubernetes),", [3, 6]),
                         ("BLACK", []), ("IPv6", []), ("center-aligned", [3])):
        assert unit_points(list(word), 0, len(word), "en_US") == points, word
    assert unit_points(list("hyphenated"), 0, 10, "") == []        # hyphenate: false


def test_clreq_prohibition_own_hyphen_preferred(metrics):
    # "center-aligned": the break after the word's own hyphen (no hyphen added) is preferred
    # to the dictionary point cen-ter (which would also leave the line looser).
    lines = comp(metrics, "中中中中中center-aligned中文", measure=9 * EM)
    assert texts(lines)[0] == "中中中中中center-" and not lines[0].hyphenated


def test_clreq_prohibition_word_hyphenated_at_dictionary_points_only(metrics):
    # After "ab cd efgh ijklmnop " (9 em) only "S-" would fit, and no dictionary point keeps
    # two letters before it: the 17-em word goes down to be split on the next line at its last
    # dictionary point that fits (…ifrag-ilis-|tic…). That line has no break point to justify
    # at and is letter-spaced, 1/16 em a gap — more than the 1/20 em that reads as even, and no
    # other sequence of breaks avoids it: it is reported loose.
    lines = comp(metrics, "ab cd efgh ijklmnop Supercalifragilisticexpialidocious")
    assert texts(lines) == ["ab cd efgh ijklmnop", "Supercalifragilis", "ticexpialidocious"]
    assert xs(lines[0])[:4] == [0, 4.5, 15, 19.5]
    assert [l.hyphenated for l in lines] == [False, True, False]
    assert [l.loose for l in lines] == [False, True, False]
    assert lines[0].width == pytest.approx(90) and lines[1].width == pytest.approx(90)


def test_clreq_necessity_for_line_adjustment_url_split_only_after_its_marks(metrics):
    # The URL is wider than a line and breaks only after / . - _ ? & = (docs/typesetting-rules.md
    # §1.6), never between two of its letters ("htt|p" would need a hyphen, which would change
    # the address). Line 1 cannot take "http://www." (5½ em): the 8 Han are justified 2 em
    # short, 2/7 em a gap — no sequence of breaks avoids it, and the line says so (loose).
    # Line 2 ends after "example." and is letter-spaced (½ em over 18 gaps).
    lines = comp(metrics, "中" * 8 + "http://www.example.com/a/b/c/d/e/f/g/h")
    assert texts(lines) == ["中" * 8, "http://www.example.", "com/a/b/c/d/e/f/g/h"]
    assert [l.hyphenated for l in lines] == [False, False, False]
    assert [l.loose for l in lines] == [True, False, False]
    assert lines[1].width == pytest.approx(90)
    assert xs(lines[1]) == [round(i * (4.5 + 4.5 / 18), 4) for i in range(19)]


def test_clreq_prohibition_soft_point_split_within_the_limits_kept(metrics):
    # A soft point that leaves the line within the limits is still the first choice.
    lines = comp(metrics, "请访问www.example.com/abc/defghi/jk")
    assert texts(lines) == ["请访问www.example.", "com/abc/defghi/jk"]
    assert xs(lines[0]) == [0, 11, 22] + [36 + 4.5 * i for i in range(12)]


def test_gb_15835_number_that_fits_a_line_never_split_and_set_flush(metrics):
    # A number (18 digits and %, 9½ em) fits a line: never split, even though "增长率为" is left
    # 6 em short (justified loose, 2 em per gap). Alone on its line it has no break point: the
    # ½ em left is letter-spaced over its 18 gaps (¼ pt each) so the line is flush.
    lines = comp(metrics, "增长率为" + "123456789012345678%" + "的增长")
    assert texts(lines) == ["增长率为", "123456789012345678%", "的增长"]
    assert xs(lines[0]) == [0, 27, 54, 81]
    assert xs(lines[1]) == [round(4.75 * i, 4) for i in range(19)]
    assert lines[1].width == pytest.approx(90) and not lines[1].hyphenated


def test_clreq_prohibition_no_break_space_binds_latin_words(metrics):
    # U+00A0 between Latin words is a word space where no line may break: "ab\u00a0cd" goes
    # down whole (the 8 Han left are 2 em short, within the limit); a plain space breaks.
    lines = comp(metrics, "中" * 8 + "ab\u00a0cd")
    assert texts(lines) == ["中" * 8, "ab\u00a0cd"]
    assert xs(lines[1]) == [0, 4.5, 11.25, 15.75]
    assert texts(comp(metrics, "中" * 8 + "ab cd")) == ["中" * 8 + "ab", "cd"]


# --- #punctuation_width_adjustment in 开明式 and 半角式 --------------------------------------------
def test_clreq_punctuation_width_adjustment_kaiming_adjacent_marks(metrics):
    (l,) = comp(metrics, "中。”中", punct="kaiming")
    assert xs(l) == [0, 9, 13.5, 18]                 # 。 full, ” ½: the pair 1 em, not 1.5


def test_clreq_punctuation_width_adjustment_kaiming_line_end(metrics):
    lines = comp(metrics, "中" * 9 + "，" + "中" * 3, punct="kaiming")
    assert xs(lines[0])[-2:] == [76.5, 85.5] and lines[0].width == pytest.approx(90)


def test_clreq_punctuation_width_adjustment_banjiao_opening_and_closing(metrics):
    (l,) = comp(metrics, "中“中”，中", punct="banjiao")
    # every mark ½ em; the opening mark's origin sits ½ em left of its box (ink flush right)
    assert xs(l) == [0, 4.5, 13.5, 22.5, 27, 31.5]


# --- #necessity_for_line_adjustment -----------------------------------------------------------------
def test_clreq_necessity_for_line_adjustment_last_line_start_aligned(metrics):
    lines = comp(metrics, "中" * 9 + "，中中。")
    assert [l.is_last for l in lines] == [False, True]
    assert xs(lines[1]) == [0, 9, 18] and lines[1].width == pytest.approx(22.5)


def test_clreq_inter_character_space_expansion_han_latin_gaps_second(metrics):
    # "中abc中中abc中" = 4 Han + 6 letters + 4 Han–Latin gaps of ¼ em = 8 em; the next word does
    # not fit. The 2 em (18 pt) to add: first the 4 Han–Latin gaps go from ¼ to ⅓ em (+¾ pt
    # each), then the remaining 15 pt over the 5 break points — 3 pt each would be over ¼ em,
    # so each break point takes ¼ em (2.25 pt) and the 4 Latin boundaries among them the
    # 3.75 pt left (15/16 pt each): the one Han gap (中中) opens by ¼ em, no more.
    # (First fit: the whole-paragraph search would not set a line this loose.)
    lines = comp(metrics, "中abc中中abc中 abcdefgh", total_fit=False)
    l = lines[0]
    assert l.text == "中abc中中abc中"
    assert xs(l) == [0, 15.1875, 19.6875, 24.1875, 34.875, 46.125, 61.3125, 65.8125, 70.3125, 81]
    assert l.width == pytest.approx(90)


def test_clreq_inter_character_space_expansion_mark_boundaries_before_han_gaps(metrics):
    # "中中中中中，中中中" (9 em) in 11 em: "中，——" may not be split nor start with —— or ，,
    # and does not fit even compressed, so the line is 2 em (18 pt) short over 7 break points
    # (6 between Han characters, 1 after the comma). 18/7 pt each would be over ¼ em; so each
    # takes ¼ em (2.25 pt) and the 2.25 pt over that go to the comma's boundary
    # (docs/typesetting-rules.md §3.3): ½ em blank + ½ em added beside its ink, the Han gaps
    # at ¼ em. The line is within the limits (not loose).
    lines = comp(metrics, "中中中中中，中中中中，——中中中中中中中", measure=99.0)
    l = lines[0]
    assert l.text == "中中中中中，中中中"
    assert xs(l) == [0, 11.25, 22.5, 33.75, 45, 54, 67.5, 78.75, 90]
    assert not l.loose


def test_clreq_inter_character_space_expansion_mark_boundary_capped_at_a_quarter(metrics):
    # As above with one Han character less before the comma, in 10½ em: 2½ em (22.5 pt) short
    # over 6 points. The comma's boundary takes at most ¼ em beyond the ¼ (1 em of white beside
    # its ink); the 6.75 pt left open every point alike: the Han gaps at 2.25 + 1.125 pt, over
    # ¼ em, and the line is reported loose.
    lines = comp(metrics, "中中中中，中中中中，——中中中中中中中", measure=94.5)
    l = lines[0]
    assert l.text == "中中中中，中中中"
    assert xs(l) == [0, 12.375, 24.75, 37.125, 46.125, 60.75, 73.125, 85.5]
    assert l.loose


# --- #first_line_indents: run-in heads and bold leads -------------------------------------------
def test_clreq_first_line_indents_bold_lead_run_in_without_space(metrics):
    runs = [Run("一是", "hei", EM), Run("中文中文。", "song", EM)]
    (l,) = compose_paragraph(runs, M, metrics)                 # 2-em indent, no extra space
    assert xs(l) == [18, 27, 36, 45, 54, 63, 72]
    assert [g.face for g in l.glyphs] == ["hei"] * 2 + ["song"] * 5


# --- 孤字, GB/T 15834 §5.1.11, #adjustments_of_orphans_and_widows ---------------------------------
def test_gb_15834_5_1_11_orphan_counted_as_the_audit_counts(metrics):
    G = prepare([Run("2022年。中文", "song", EM)], metrics, "quanjiao", True)
    assert is_lonely(G, 0, 5)            # "2022年。": one Han character on the line
    assert not is_lonely(G, 0, 7)


def test_gb_15834_5_1_11_orphans_with_digits_pulled_down(metrics):
    lines = comp(metrics, "中" * 10 + "中" * 9 + "2022年。", measure=12 * EM)
    assert texts(lines)[-1] != "2022年。"
    assert all(sum("一" <= c <= "鿿" for c in t) != 1 for t in texts(lines)[-1:])


def test_set_line_distribute_for_names(metrics):
    # 均排: the co-organiser names spread to a given width, first and last flush.
    l = set_line([Run("科协", "song", EM)], 4 * EM, metrics, ONE_LINE._replace(align="distribute"))
    assert xs(l) == [0, 27] and l.width == pytest.approx(36)


def test_clreq_prohibition_hyphenate_false_never_hyphenates(metrics):
    # style: {hyphenate: false}: no dictionary point, so "typesetting" goes down whole and the
    # line it leaves, which no other sequence of breaks avoids, is reported loose.
    lines = comp(metrics, "中中中中请访问typesetting中文", hyphenate="")
    assert texts(lines) == ["中中中中请访问", "typesetting中文"]
    assert not lines[0].hyphenated and lines[0].loose


def test_gb_15835_minus_sign_bound_to_its_number(metrics):
    # "−12℃" is one unit: no break after the minus (NO_LINE_END), and the Han–Latin gap
    # stands before the minus as before a digit.
    for k in range(5, 10):
        lines = comp(metrics, "中" * k + "气温\u221212℃")
        assert all(not l.text.endswith("\u2212") for l in lines), [l.text for l in lines]
        assert lines[-1].text.endswith("\u221212℃")
    (l,) = comp(metrics, "气温\u221212℃")
    assert xs(l)[2] == pytest.approx(18 + 2.25)
