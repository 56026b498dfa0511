"""furniture: the date line, the letter-spaced pinyin, the 报眉/报头 and the co-organiser
box, with the test font (Han 1 em, Latin ½ em) so widths are arithmetic."""
from __future__ import annotations

import datetime as dt

import pytest

from layout.errors import InputError
from layout.issue.model import Footer, IssueInfo, Page, Paper, Place, Where
from layout.page import style
from layout.page.blocks import band_baseline
from layout.page.formats import BROADSHEET as F
from layout.page.formats import with_masthead
from layout.page.furniture import (
    date_text,
    foot_rule,
    footer_box,
    header,
    letterspaced,
)
from layout.page.items import Box, Rule, TextLine
from layout.page.places import footer_grid, footer_rows
from tests.kit.fontkit import TestMetrics, build_test_font

W = Where("t.yaml", 1, 1)
FACES = ("song", "song-heavy", "hei", "hei-regular", "kai", "latin")


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    font = build_test_font(str(tmp_path_factory.mktemp("furniture") / "t.ttf"))
    return TestMetrics({f: font for f in FACES})


def test_date_text_weekdays():
    # 2023-01-02 was a Monday (2023-01-01 a Sunday); 星期日, not 星期七
    week = [date_text(dt.date(2023, 1, d)) for d in range(2, 9)]
    assert [w[-1] for w in week] == list("一二三四五六日")
    assert date_text(dt.date(2023, 1, 13)) == "2023年1月13日　星期五"   # no leading zeros


def test_letterspaced_pinyin_spans_exactly_the_width(metrics):
    st = style.PINYIN                                    # 8 pt; test-font Latin ½ em = 4 pt
    ln = letterspaced("DI FANG KE XIE", 100.0, st, metrics)
    xs = [g.x for g in ln.glyphs]
    assert "".join(g.ch for g in ln.glyphs) == "DIFANGKEXIE"
    assert (ln.text, ln.width, ln.is_last) == ("DI FANG KE XIE", 100.0, True)
    # 11 letters × 4 pt of ink; 1 + 3 + 1 + 2 gaps inside words + 3 word spaces of 3 gaps
    g = (100 - 11 * 4) / 16
    assert g == 3.5
    assert xs[0] == 0 and xs[-1] + 4 == pytest.approx(100.0)
    assert xs[1] - xs[0] - 4 == pytest.approx(g)                    # D→I inside a word
    assert xs[2] - xs[1] - 4 == pytest.approx(3 * g)                # I → F across a space


def test_letterspaced_single_letter_does_not_divide_by_zero(metrics):
    ln = letterspaced("A", 50.0, style.PINYIN, metrics)
    assert [g.x for g in ln.glyphs] == [0.0]


def test_letterspaced_pinyin_longer_than_its_name_never_overlaps(metrics):
    # a one-character 版名 is ~20 pt wide; DI FANG KE XIE needs 44 pt of ink alone: the
    # letters keep 0.1 em (0.8 pt) apart and the line runs longer, instead of being drawn
    # into each other (the fuzzer's page named "x": the check found I/F, G/K, E/X overlapping)
    ln = letterspaced("DI FANG KE XIE", 20.0, style.PINYIN, metrics)
    xs = [g.x for g in ln.glyphs]
    steps = [b - a for a, b in zip(xs, xs[1:])]
    assert min(steps) == pytest.approx(4 + 0.8)
    assert ln.width == pytest.approx(xs[-1] + 4) and ln.width > 20.0


def names(n: int, length: int) -> tuple[str, ...]:
    return tuple(chr(0x4E00 + i) * length for i in range(n))


def test_footer_grid_19_names_evenly_in_three_rows_of_seven():
    # names area: 999 - 117 (title column) - 9 (gutter) - 2 em = 855 pt; cells 9 em = 81 pt;
    # at least 1½ em apart: 9 fit a row, so 3 rows, which 7 columns fill (7 + 7 + 5)
    rows, cols, cell, gap = footer_grid(Footer(names(19, 9), W), F, F.type_w)
    assert (rows, cols, cell) == (3, 7, 81.0)
    assert gap == (855 - 7 * 81) / 6 == 48.0
    assert footer_rows(Footer(names(19, 9), W), F) == 3 + 2


@pytest.mark.parametrize("n, length, want", [(1, 4, (1, 1)), (9, 9, (1, 9)), (10, 9, (2, 5)),
                                             (2, 40, (1, 2)), (3, 60, (3, 1))])
def test_footer_grid_fewest_rows_then_fewest_columns(n, length, want):
    rows, cols, cell, gap = footer_grid(Footer(names(n, length), W), F, F.type_w)
    assert (rows, cols) == want
    assert rows * cols >= n > (rows - 1) * cols                # no empty last row
    assert cols * cell + (cols - 1) * gap <= F.type_w - 117 - 9 - 18 + 1e-9 or cols == 1


def test_footer_box_places_the_names_on_the_grid(metrics):
    f = Footer(names(19, 9), W)
    items = footer_box(f, F, metrics, Place(1, F.columns, 80, 5, None, W))
    box = items[0]
    assert box == Box(F.col_x(1), F.row_y(80) + 7.5, F.type_w, 5 * 15 - 15, None, 0.75,
                      "footer")
    cells = [it for it in items if isinstance(it, TextLine) and it.kind == "footer-name"]
    assert [c.line.text for c in cells] == list(f.names)
    rows = sorted({c.baseline for c in cells})
    assert rows == [pytest.approx(band_baseline(F.row_y(81 + r), 15, 9)) for r in range(3)]
    # the last column of names ends ½ em inside the box, as the title starts ½ em inside it
    right = max(c.x + c.line.width for c in cells)
    assert right == pytest.approx(box.x + box.w - F.em / 2)
    title = next(it for it in items if getattr(it, "kind", "") == "footer-title")
    assert title.x == box.x + F.em / 2


def test_foot_rule_just_under_the_last_row():
    r = foot_rule(F)
    assert r == Rule(F.margin_left, F.row_y(F.rows + 1) + 1, F.margin_left + F.type_w,
                     F.row_y(F.rows + 1) + 1, 0.75, "page")


def test_running_head_and_masthead(metrics):
    info = IssueInfo(dt.date(2023, 1, 13), 2, 1234)
    paper = Paper("一丁七", "YI DING QI")
    inner = header(Page(3, "万丈", W, pinyin="WAN ZHANG"), paper, info, F, metrics)
    kinds = {it.kind for it in inner if isinstance(it, TextLine)}
    assert kinds == {"section", "pinyin", "folio", "dateline-bar"}
    (bar,) = [it for it in inner if getattr(it, "kind", "") == "dateline-bar"]
    assert bar.line.text == date_text(info.date)
    (folio,) = [it for it in inner if getattr(it, "kind", "") == "folio"]
    assert folio.line.text.endswith("第3版")
    rules = [it for it in inner if isinstance(it, Rule)]       # 天线 above row 1
    assert [r.y0 for r in rules] == [F.grid_top - 4, F.grid_top - 1]

    m = with_masthead(F)
    front = header(Page(1, "要闻", W), paper, info, m, metrics)
    info_lines = [it.line.text for it in front if getattr(it, "kind", "") == "masthead-info"]
    assert info_lines[:3] == [date_text(info.date), "第2期　总第1234期", "第1版　要闻"]
    # three lines fit the head zone: on the grid, one pitch apart, the last just over row 1
    bases = [it.baseline for it in front if getattr(it, "kind", "") == "masthead-info"]
    assert bases[-1] == pytest.approx(band_baseline(m.row_y(-1), m.pitch, m.body_size))
    assert [b - a for a, b in zip(bases, bases[1:])] == pytest.approx([m.pitch] * 2)


def test_footer_names_stay_in_their_cells_with_a_small_body(metrics):
    # a 7 pt body makes the cells 7 pt a character: 9 pt names would run past the type area
    small = F._replace(body_size=7.0)
    f = Footer(names(19, 9), W)
    items = footer_box(f, small, metrics, Place(1, small.columns, 80, 5, None, W))
    box = items[0]
    cells = [it for it in items if isinstance(it, TextLine) and it.kind == "footer-name"]
    assert {g.size for c in cells for g in c.line.glyphs} == {7.0}
    assert max(c.x + c.line.glyphs[-1].x + 7.0 for c in cells) <= box.x + box.w + 1e-6


def test_footer_title_too_wide_for_its_column_is_set_smaller_or_refused(metrics):
    # the title column is one basic column (13 em = 117 pt); 20 digits at 12 pt (6 pt each
    # in the test font) are 120 pt: set at the largest half-point size that fits
    f = Footer(names(19, 9), W, title="1" * 20)
    items = footer_box(f, F, metrics, Place(1, F.columns, 80, 5, None, W))
    title = next(it for it in items if getattr(it, "kind", "") == "footer-title")
    assert {g.size for g in title.line.glyphs} == {11.5}
    assert title.line.glyphs[-1].x + 11.5 / 2 <= F.column_w + 1e-6
    with pytest.raises(InputError, match="does not fit its column"):
        footer_box(Footer(names(19, 9), W, title="1" * 60), F, metrics,
                   Place(1, F.columns, 80, 5, None, W))


@pytest.mark.parametrize("n", [3, 19])
def test_the_footer_note_stands_inside_the_box_however_few_the_names(metrics, n):
    """Title over note at the left of the box: with one row of names the default box still
    holds both lines (the note once stood on the box's bottom rule)."""
    f = Footer(names(n, 9), W, note="排名不分先后")
    rows = footer_rows(f, F)
    items = footer_box(f, F, metrics, Place(1, F.columns, F.rows - rows + 1, rows, None, W))
    box = items[0]
    for it in items:
        if isinstance(it, TextLine):
            size = max(g.size for g in it.line.glyphs)
            assert box.y < it.baseline - 0.88 * size and it.baseline + 0.12 * size < box.y + box.h
