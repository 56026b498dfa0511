"""blocks: story, group and picture blocks on the broadsheet grid, set with the test font
(every Han character 1 em), so every position is arithmetic on the grid's figures."""
from __future__ import annotations

import math

import pytest

from layout.errors import InputError
from layout.issue.markup import parse
from layout.issue.model import Group, GroupItem, Paragraph, Picture, Place, Story, Where
from layout.page import copyfit, style
from layout.page.blocks import (
    EM_TOP,
    HEAD_LEADING,
    RULE_W,
    balanced_lines,
    band_baseline,
    column_frames,
    group_block,
    picture_block,
    story_block,
)
from layout.page.formats import BROADSHEET as F
from layout.page.items import Box, Marker, Rule, TextLine
from tests.kit.fontkit import page_ctx

W = Where("t.yaml", 1, 1)
BODY_BASE = (F.pitch - F.body_size) / 2 + EM_TOP * F.body_size     # 3 + 7.92 below a row top


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return page_ctx(tmp_path_factory, F)


def han(n: int, start: int = 0) -> str:
    """n distinct-enough Han characters the test font has (U+4E00…), no punctuation."""
    return "".join(chr(0x4E00 + (start + i) % 200) for i in range(n))


def story(place: Place, body: str, headline: str = "一丁七", **kw) -> Story:
    return Story("s", headline, (Paragraph(parse(body), W),), place, W, **kw)


def row_of(baseline: float) -> float:
    """The grid row whose body band holds this baseline (a whole number if on the grid)."""
    return (baseline - BODY_BASE - F.row_y(1)) / F.pitch + 1


@pytest.mark.parametrize("top, height, size", [(0, 15, 9), (100, 45, 18), (7.5, 30, 26)])
def test_band_baseline_centres_the_em_box(top, height, size):
    b = band_baseline(top, height, size)
    above = (b - EM_TOP * size) - top                  # band top to em-box top
    below = (top + height) - (b + (1 - EM_TOP) * size)  # em-box bottom to band bottom
    assert above == pytest.approx(below) == pytest.approx((height - size) / 2)
    assert band_baseline(0, 15, 9) == pytest.approx(3 + 0.88 * 9)


def test_column_frames_without_split_are_the_basic_columns():
    p = Place(2, 3, 1, None, None, W)
    assert column_frames(F, p) == tuple((F.col_x(c), F.column_w) for c in (2, 3, 4))
    assert column_frames(F, Place(2, 3, 1, None, 3, W)) == column_frames(F, p)


@pytest.mark.parametrize("span, split, col_em", [
    (3, 2, 20),     # 3 × 13 + 2 = 41 em: 2 × 20 em + one 1-em gutter
    (5, 4, 16),     # 5 × 13 + 4 = 69 em: 4 × 16 em, 5 em left for 3 gutters
    (1, 3, 3),      # 13 em: 3 × 3 em, 4 em for 2 gutters
    (2, 1, 27),     # one sub-column across the whole span
])
def test_split_columns_are_whole_characters_filling_the_span(span, split, col_em):
    p = Place(2, span, 1, None, split, W)
    frames = column_frames(F, p)
    assert len(frames) == split
    assert all(w == col_em * F.em for _, w in frames)
    assert frames[0][0] == F.col_x(2)
    right = frames[-1][0] + frames[-1][1]
    assert right == pytest.approx(F.col_x(2) + F.span_w(span))
    gaps = [b[0] - (a[0] + a[1]) for a, b in zip(frames, frames[1:])]
    assert all(g >= F.gutter - 1e-9 for g in gaps)
    assert all(g == pytest.approx(gaps[0]) for g in gaps)   # the remainder spread evenly


def test_story_heading_takes_whole_rows_and_body_stays_on_the_grid(ctx):
    p = Place(1, 3, 1, 20, None, W)
    items, fit = story_block(story(p, han(11 + 13 * 5)), ctx)
    head = [it for it in items if isinstance(it, TextLine) and it.kind == "headline"]
    body = [it for it in items if isinstance(it, TextLine) and it.kind == "body"]
    # a 3-column story's headline is 18 pt; one line of 22.5 pt plus a row of air → 3 rows
    size = style.headline_style(3, None).size
    assert size == 18.0
    rows = math.ceil((size * HEAD_LEADING + F.pitch) / F.pitch)
    assert rows == 3
    # the block holds far more than its 6 lines: its heading zone takes the most air the
    # copyfitter gives (page.copyfit), the headline centred in it
    rows += copyfit.MAX_AIR
    (h,) = head
    top = F.row_y(1) + (rows * F.pitch - size * HEAD_LEADING) / 2
    assert h.baseline == pytest.approx(band_baseline(top, size * HEAD_LEADING, size))
    # centred across the block, inside one em of air at either side
    assert h.x - F.col_x(1) - F.em == pytest.approx((F.span_w(3) - 2 * F.em - 3 * size) / 2)
    body_rows = sorted(row_of(it.baseline) for it in body)
    assert all(r == pytest.approx(round(r)) for r in body_rows)
    assert round(body_rows[0]) == 1 + rows
    assert {it.x for it in body} <= {F.col_x(c) for c in (1, 2, 3)}
    # 76 characters: 11 after the 2-em indent, then 5 full lines of 13
    assert (fit.owner, fit.columns, fit.used_lines, fit.chars, fit.line_chars) == \
        ("s", 3, 6, 76, 13)
    # 20 rows less the heading zone less the last, given to the rule below, in each column
    assert fit.capacity_lines == (20 - rows - 1) * 3 and fit.overset_lines == 0


def test_separators_below_and_at_the_right(ctx):
    p = Place(1, 3, 1, 20, None, W)
    rules = [it for it in story_block(story(p, han(30)), ctx)[0] if isinstance(it, Rule)]
    x, w = F.col_x(1), F.span_w(3)
    bottom = F.row_y(20) + F.pitch / 2                     # across the middle of the last row
    gx = x + w + F.gutter / 2                              # down the middle of the gutter
    assert sorted(rules, key=lambda r: r.x0) == [
        Rule(x, bottom, x + w, bottom, RULE_W, "s"),
        Rule(gx, F.row_y(1) + F.pitch / 2, gx, bottom, RULE_W, "s")]


def test_no_separator_at_the_foot_or_the_right_edge(ctx):
    p = Place(F.columns - 2, 3, 1, None, None, W)            # right edge, down to the foot
    items, fit = story_block(story(p, han(30)), ctx)
    assert not [it for it in items if isinstance(it, Rule)]
    # the last row is not given up (the heading zone: 3 rows and the copyfitter's air)
    assert fit.capacity_lines == (F.rows - 3 - copyfit.MAX_AIR) * 3


def test_overset_lines_are_counted_and_marked(ctx):
    p = Place(1, 3, 1, 5, None, W)                         # 5 - 3 - 1 = 1 line per column
    items, fit = story_block(story(p, han(11 + 13 * 5)), ctx)
    assert (fit.capacity_lines, fit.used_lines, fit.overset_lines) == (3, 6, 3)
    (m,) = [it for it in items if isinstance(it, Marker)]
    assert m.kind == "overset" and m.size == F.em
    assert m.x == pytest.approx(F.col_x(3) + F.column_w - F.em)
    assert m.y == pytest.approx(F.row_y(4) + (F.pitch - F.em) / 2)


def test_split_story_body_flows_at_the_sub_column_measure(ctx):
    p = Place(1, 3, 1, 20, 2, W)
    items, fit = story_block(story(p, han(18 + 20 * 3)), ctx)
    body = [it for it in items if isinstance(it, TextLine) and it.kind == "body"]
    assert {it.x for it in body} == {x for x, _ in column_frames(F, p)}
    assert fit.line_chars == 20 and fit.columns == 2
    assert max(len(it.line.text) for it in body) == 20


def test_long_headline_is_balanced_not_a_full_line_and_a_stub(ctx):
    st = style.headline_style(3, None)
    lines = balanced_lines(han(30), st, F.span_w(3) - 2 * F.em, ctx)   # 19.5 em of 18 pt
    assert [len(ln.text) for ln in lines] == [15, 15]


def test_forced_break_in_a_headline_adds_its_rows(ctx):
    items, _ = story_block(story(Place(1, 3, 1, 20, None, W), han(30), "一丁\n七万"), ctx)
    text = [it for it in items if isinstance(it, TextLine)]
    head = sorted((it for it in text if it.kind == "headline"), key=lambda it: it.baseline)
    assert [h.line.text for h in head] == ["一丁", "七万"]
    assert head[1].baseline - head[0].baseline == pytest.approx(18 * HEAD_LEADING)
    first_body = min(row_of(it.baseline) for it in text if it.kind == "body")
    # 4 rows of heading (row 5 on) and the copyfitter's air: the block holds far more
    assert first_body == pytest.approx(1 + math.ceil((2 * 22.5 + 15) / 15) + copyfit.MAX_AIR)


def test_group_banner_band_then_titles_on_the_body_grid(ctx):
    g = Group("g", "一丁", "", (GroupItem("七万", (Paragraph(parse(han(24)), W),), W),),
              Place(4, 2, 10, 20, None, W), W)
    items, fit = group_block(g, ctx)
    band = items[0]
    assert band == Box(F.col_x(4), F.row_y(10), F.span_w(2), 2 * F.pitch, 0.0, None, "g")
    banner = next(it for it in items if isinstance(it, TextLine) and it.kind == "banner")
    assert banner.gray == 1.0                              # reversed out of the black band
    title = next(it for it in items if isinstance(it, TextLine) and it.kind == "title")
    # the first row under the band, after the air the copyfitter gives an underset block
    assert row_of(title.baseline) == pytest.approx(10 + 2 - 1 + 1 + copyfit.MAX_AIR)
    assert fit.capacity_lines == (20 - 2 - copyfit.MAX_AIR - 1) * 2


def test_picture_placeholder_frame_and_diagonals(ctx):
    items = picture_block(Picture("p", Place(1, 2, 10, 10, None, W), W), ctx)
    x, w = F.col_x(1), F.span_w(2)
    top = F.row_y(10) + F.pitch / 2
    bottom = F.row_y(10 + 9) - (F.pitch - F.body_size) / 2   # 9 rows: the 10th is the rule's
    frame, d1, d2 = items[:3]
    assert frame == Box(x, top, w, bottom - top, 0.88, RULE_W, "p")
    assert {(d1.x0, d1.y0, d1.x1, d1.y1), (d2.x0, d2.y0, d2.x1, d2.y1)} == {
        (x, top, x + w, bottom), (x, bottom, x + w, top)}
    assert len([it for it in items if isinstance(it, Rule)]) == 4     # + both separators


def test_block_too_small_for_its_heading_is_bad_input_at_its_place(ctx):
    where = Where("t.yaml", 12, 9)
    p = Place(1, 3, 1, 4, None, where)           # 3 heading rows + the rule row: no body row
    with pytest.raises(InputError) as e:
        story_block(story(p, han(20)), ctx)
    (d,) = e.value.diagnostics
    assert (d.path, d.line, d.column) == ("t.yaml", 12, 9)
    assert d.message == ("'s' does not fit its block: its headings take 3 rows and the block "
                         "has 4 (one of them the rule to the block below)")
    story_block(story(Place(1, 3, 1, 5, None, where), han(20)), ctx)   # one body row: fits


def test_picture_needs_two_rows_of_frame(ctx):
    with pytest.raises(InputError, match="'p' does not fit its block"):
        picture_block(Picture("p", Place(1, 2, 10, 2, None, W), W), ctx)
    assert picture_block(Picture("p", Place(1, 2, 10, 3, None, W), W), ctx)


def test_a_picture_at_the_top_of_its_story_stands_over_the_heading(ctx):
    """The photo over its story (blocks.on_top): frame at the block's top, the heading under
    the picture's rows, and the body set as the same story placed below the picture."""
    body = han(60)
    pic = Picture("p", Place(1, 3, 10, 8, None, W), W)
    s = story(Place(1, 3, 10, 30, None, W), body)
    items, fit = story_block(s, ctx, pic)
    frame = next(it for it in items if isinstance(it, Box) and it.owner == "p")
    head = [it for it in items if isinstance(it, TextLine) and it.kind == "headline"]
    assert frame.y == pytest.approx(F.row_y(10) + F.pitch / 2)
    assert head and min(h.baseline for h in head) > F.row_y(18)
    below, fit_below = story_block(story(Place(1, 3, 18, 22, None, W), body), ctx)
    assert fit == fit_below
    assert [it for it in items if isinstance(it, TextLine)] == \
        [it for it in below if isinstance(it, TextLine)]
