"""page.wrap: lines beside a picture that is not whole columns wide shorten to whole
characters, keep clear of it by 1 em, stay on the grid and lose no character — with the test
font (every Han character 1 em) on the broadsheet grid (13-character columns, 9 pt)."""
from __future__ import annotations

import pytest

from layout.compose import Settings
from layout.page import style
from layout.page.formats import BROADSHEET as F
from layout.page.pictures import Area
from layout.page.wrap import STANDOFF_EM, fill_slots, wrap_slots
from tests.kit.fontkit import TestMetrics, build_test_font

FACES = ("song", "song-heavy", "hei", "hei-regular", "kai", "latin")
HAN = "".join(chr(0x4E00 + k) for k in range(400))
FRAMES = tuple((F.col_x(1 + k), F.column_w) for k in range(3))


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    font = build_test_font(str(tmp_path_factory.mktemp("wrap") / "t.ttf"))
    return TestMetrics({f: font for f in FACES})


def picture():
    """A photo over column 1 and half of column 2 (1.5 columns: 20 characters wide), rows
    1–10 of the block."""
    return Area(F.col_x(1), 20 * F.em, 1, 10)


def test_slots_beside_the_picture_are_whole_characters_clear_of_it():
    slots = wrap_slots(FRAMES, 1, 20, F, [picture()])
    a = picture()
    col1 = [s for s in slots if s.column == 0]
    assert [s.row for s in col1] == list(range(11, 21))        # under the photo only
    beside = [s for s in slots if s.column == 1 and s.row <= 10]
    assert len(beside) == 10
    for s in beside:
        chars = s.measure / F.em
        assert chars == int(chars) and chars >= 4                # whole characters
        assert s.x + s.measure == pytest.approx(F.col_x(2) + F.column_w)   # on the column edge
        assert s.x >= a.x + a.w + STANDOFF_EM * F.em - 1e-6      # 1 em clear of the photo
    # 13-char column, photo reaches 6 chars into it (20 = 13 + 1 gutter + 6), 1 em standoff
    assert {s.measure / F.em for s in beside} == {6}
    full = [s for s in slots if s.column == 1 and s.row > 10]
    assert {s.measure for s in full} == {F.column_w} and {s.x for s in full} == {F.col_x(2)}


def test_text_never_runs_on_both_sides_and_a_thin_side_stays_empty():
    narrow = Area(F.col_x(1) + 2 * F.em, 9 * F.em, 1, 4)    # inside column 1: 2 | 9 | 2
    slots = wrap_slots(FRAMES[:1], 1, 4, F, [narrow])
    assert slots == []       # 2 − 1 em standoff leaves 1 character a side: fewer than 4


def test_a_paragraph_crosses_from_short_lines_to_full_ones_without_losing_a_character(metrics):
    slots = wrap_slots(FRAMES[1:2], 1, 20, F, [picture()])
    runs = (style.run(HAN[:120], style.BODY),)
    placed, done = fill_slots([runs], slots, metrics, Settings())
    assert done == 1
    assert "".join(p.line.text for p in placed) == HAN[:120]
    short = [p for p in placed if p.slot.row <= 10]
    full = [p for p in placed if p.slot.row > 10]
    assert short and full
    for p in placed[:-1]:                       # every line but the paragraph's last is flush
        assert p.line.width == pytest.approx(p.slot.measure, abs=0.01)
    assert placed[0].para_first and placed[-1].para_last
    assert placed[0].line.glyphs[0].x == pytest.approx(2 * F.em)     # the 2-em indent once
    assert full[0].line.glyphs[0].x == pytest.approx(0.0)            # not again at the switch


def test_slots_run_out_the_rest_is_overset(metrics):
    slots = wrap_slots(FRAMES[1:2], 1, 3, F, [picture()])
    runs = [(style.run(HAN[:40], style.BODY),), (style.run(HAN[40:60], style.BODY),)]
    placed, done = fill_slots(runs, slots, metrics, Settings())
    assert done == 0 and len(placed) == 3


def test_wrapped_lines_sit_on_the_grid(metrics):
    from layout.page.wrap import wrap_items
    slots = wrap_slots(FRAMES, 1, 20, F, [picture()])
    placed, _ = fill_slots([(style.run(HAN[:300], style.BODY),)], slots, metrics, Settings())
    items = wrap_items(placed, F, "s")
    for it, p in zip(items, placed):
        assert it.baseline == pytest.approx(F.row_y(p.slot.row) + (F.pitch - F.body_size) / 2
                                            + 0.88 * F.body_size)
        assert it.x >= F.col_x(1) and it.x + it.line.width <= F.col_x(3) + F.column_w + 1e-6
