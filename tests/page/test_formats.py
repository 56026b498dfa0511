"""formats: the page grid's figures (type area, columns, rows) as arithmetic on the presets."""
from __future__ import annotations

import pytest

from layout.page.formats import (
    BROADSHEET,
    HAO_PT,
    MASTHEAD_ROWS,
    MM,
    PRESETS,
    TABLOID,
    Format,
    derive,
    with_masthead,
)


def test_mm_is_a_72nd_of_an_inch():
    assert 25.4 * MM == pytest.approx(72.0)


@pytest.mark.parametrize("fmt, em_wide, pt_wide, pt_high", [
    # 8 × 13 characters + 7 one-character gutters = 111 em of 9 pt; 4 + 88 rows of 15 pt
    (BROADSHEET, 8 * 13 + 7, 999.0, 92 * 15.0),
    # 6 × 12 characters + 5 gutters = 77 em; 4 + 61 rows of 15 pt
    (TABLOID, 6 * 12 + 5, 693.0, 65 * 15.0),
])
def test_type_area_is_columns_and_gutters_in_em(fmt, em_wide, pt_wide, pt_high):
    assert fmt.em == fmt.body_size == 9.0
    assert fmt.type_w == em_wide * fmt.em == pt_wide
    assert fmt.type_h == pt_high
    assert fmt.column_w == fmt.column_chars * 9.0 and fmt.gutter == 9.0
    # the type area is centred on the trimmed page and fits inside it
    assert 2 * fmt.margin_left + fmt.type_w == pytest.approx(fmt.trim_w)
    assert 2 * fmt.margin_top + fmt.type_h == pytest.approx(fmt.trim_h)
    assert fmt.margin_left > 0 and fmt.margin_top > 0


def test_broadsheet_and_tabloid_trims_in_mm():
    assert (BROADSHEET.trim_w / MM, BROADSHEET.trim_h / MM) == pytest.approx((390, 540))
    assert (TABLOID.trim_w / MM, TABLOID.trim_h / MM) == pytest.approx((275, 390))
    assert PRESETS["对开"] is BROADSHEET and PRESETS["四开"] is TABLOID


@pytest.mark.parametrize("fmt", [BROADSHEET, TABLOID])
def test_col_x_steps_one_column_and_one_gutter(fmt):
    step = (fmt.column_chars + fmt.gutter_chars) * fmt.em
    assert fmt.col_x(1) == fmt.margin_left
    for c in range(1, fmt.columns):
        assert fmt.col_x(c + 1) - fmt.col_x(c) == pytest.approx(step)
    # the last column ends at the right edge of the type area
    assert fmt.col_x(fmt.columns) + fmt.column_w == pytest.approx(fmt.margin_left + fmt.type_w)
    assert fmt.span_w(1) == fmt.column_w
    assert fmt.span_w(fmt.columns) == fmt.type_w
    assert fmt.span_w(3) == 3 * fmt.column_w + 2 * fmt.gutter


@pytest.mark.parametrize("fmt", [BROADSHEET, TABLOID])
def test_row_y_is_the_grid_below_the_head_rows(fmt):
    assert fmt.grid_top == fmt.margin_top + fmt.head_rows * fmt.pitch
    assert fmt.row_y(1) == fmt.grid_top
    assert fmt.row_y(11) - fmt.row_y(1) == 10 * fmt.pitch
    # one past the last row is the foot of the type area
    assert fmt.row_y(fmt.rows + 1) == pytest.approx(fmt.margin_top + fmt.type_h)


@pytest.mark.parametrize("fmt", [BROADSHEET, TABLOID])
def test_masthead_deepens_the_head_keeping_pitch_and_type_height(fmt):
    m = with_masthead(fmt)
    extra = MASTHEAD_ROWS[fmt.name] - fmt.head_rows
    assert extra > 0
    assert m.head_rows == MASTHEAD_ROWS[fmt.name] and m.rows == fmt.rows - extra
    assert (m.pitch, m.type_h, m.type_w, m.margin_top) == (fmt.pitch, fmt.type_h, fmt.type_w,
                                                           fmt.margin_top)
    # the same baselines, numbered from lower down: page 1's row 1 is row 1 + extra elsewhere
    assert m.row_y(1) == fmt.row_y(1 + extra)
    assert m.row_y(m.rows + 1) == fmt.row_y(fmt.rows + 1)


def test_masthead_of_an_unnamed_format_takes_four_more_rows():
    own = BROADSHEET._replace(name="custom")
    m = with_masthead(own)
    assert (m.head_rows, m.rows) == (own.head_rows + 4, own.rows - 4)


def test_derive_without_changes_is_the_preset():
    assert derive(TABLOID, columns=None, pitch=None) == (TABLOID, "")


def test_derive_changes_figures():
    fmt, wrong = derive(BROADSHEET, column_chars=12, columns=8)
    assert wrong == ""
    assert isinstance(fmt, Format) and fmt.name == "broadsheet"
    assert fmt.type_w == (8 * 12 + 7) * 9.0


def test_derive_rejects_a_type_area_wider_than_the_trim():
    # 9 columns: (9 × 13 + 8) em × 9 pt = 1125 pt > 390 mm = 1105.5 pt
    fmt, wrong = derive(BROADSHEET, columns=9)
    assert fmt.type_w == 1125.0 > fmt.trim_w
    assert "does not fit the trimmed page" in wrong
    assert "(397 × 487 mm)" in wrong and "(390 × 540 mm)" in wrong


def test_derive_rejects_a_type_area_taller_than_the_trim():
    # 92 rows of 15 pt = 1380 pt > a 450 mm trim (1275.6 pt)
    fmt, wrong = derive(BROADSHEET, trim_h=450 * MM)
    assert fmt.type_h > fmt.trim_h and "does not fit" in wrong
    # and a narrower trim than 999 pt
    assert "does not fit" in derive(BROADSHEET, trim_w=350 * MM)[1]


def test_derive_rejects_a_pitch_below_the_body_size():
    _, wrong = derive(TABLOID, pitch=8.0)
    assert wrong == "the line pitch 8.0 pt is smaller than the body size 9.0 pt"
    assert derive(TABLOID, pitch=9.0)[1] == ""           # solid setting is allowed


def test_hao_sizes_descend_and_xiaowu_is_nine_points():
    sizes = list(HAO_PT.values())
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes)
    assert (HAO_PT["小五"], HAO_PT["五号"], HAO_PT["初号"]) == (9, 10.5, 42)


def test_derive_rejects_columns_too_narrow_or_too_few():
    assert derive(BROADSHEET, column_chars=3)[1] == (
        "8 columns of 3 characters: a page needs at least one column of at least 4 characters")
    assert "at least one column" in derive(BROADSHEET, columns=0)[1]
    assert derive(BROADSHEET, column_chars=4)[1] == ""


def test_derive_keeps_rows_under_the_masthead():
    # broadsheet's masthead takes 9 - 4 = 5 rows of the grid on page 1
    assert derive(BROADSHEET, rows=5)[1] == (
        "5 rows leave none under page 1's masthead, which takes 5 of them")
    fmt, wrong = derive(BROADSHEET, rows=6)
    assert wrong == "" and with_masthead(fmt).rows == 1
