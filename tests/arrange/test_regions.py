"""arrange.regions: the free area left by the fixed blocks, as rectangles; the blocks shared
out among them. Restated: the rectangles are disjoint, inside the grid, clear of every fixed
box, and together they are exactly the free cells."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from layout.arrange.regions import Box, free_rects, shares


def _cells(b: Box) -> set[tuple[int, int]]:
    return {(r, c) for r in range(b.row, b.row + b.depth) for c in range(b.col, b.col + b.span)}


def _assert_tiles_free(rects, fixed, rows, cols):
    free = {(r, c) for r in range(rows) for c in range(cols)} - set().union(*map(_cells, fixed))
    seen: set = set()
    for r in rects:
        cells = _cells(r)
        assert cells, r
        assert not cells & seen, f"{r} overlaps another free rectangle"
        seen |= cells
    assert seen == free


def test_masthead_ad_and_footer_leave_one_rectangle_between():
    fixed = [Box(0, 0, 6, 8), Box(54, 4, 4, 4), Box(54, 0, 4, 4)]
    rects = free_rects(fixed, 58, 8)
    assert rects == [Box(6, 0, 48, 8)]


def test_a_locked_lead_at_the_top_left_leaves_two_rectangles():
    fixed = [Box(0, 0, 20, 3)]
    rects = free_rects(fixed, 58, 6)
    _assert_tiles_free(rects, fixed, 58, 6)
    assert len(rects) == 2


def test_a_pinwheel_cannot_be_cut_straight():
    # four boxes turning round a free centre: no straight cut crosses none of them
    fixed = [Box(0, 0, 2, 4), Box(0, 4, 4, 2), Box(4, 2, 2, 4), Box(2, 0, 4, 2)]
    assert free_rects(fixed, 6, 6) is None


def test_no_fixed_block_the_whole_grid():
    assert free_rects([], 40, 6) == [Box(0, 0, 40, 6)]


@st.composite
def guillotine(draw, rows=24, cols=8):
    """Fixed boxes drawn from a random guillotine cut of the grid (so straight cuts exist)."""
    pieces, todo = [], [Box(0, 0, rows, cols)]
    while todo:
        b = todo.pop()
        can_row, can_col = b.depth > 1, b.span > 1
        if len(pieces) + len(todo) > 8 or not (can_row or can_col) or draw(st.booleans()):
            pieces.append(b)
            continue
        if can_row and (not can_col or draw(st.booleans())):
            y = draw(st.integers(1, b.depth - 1))
            todo += [Box(b.row, b.col, y, b.span), Box(b.row + y, b.col, b.depth - y, b.span)]
        else:
            x = draw(st.integers(1, b.span - 1))
            todo += [Box(b.row, b.col, b.depth, x), Box(b.row, b.col + x, b.depth, b.span - x)]
    keep = draw(st.lists(st.booleans(), min_size=len(pieces), max_size=len(pieces)))
    return [p for p, k in zip(pieces, keep) if k]


@settings(max_examples=60, deadline=None)
@given(guillotine())
def test_free_rectangles_are_exactly_the_free_cells(fixed):
    rects = free_rects(fixed, 24, 8)
    assert rects is not None, "a guillotine arrangement always has straight cuts"
    _assert_tiles_free(rects, fixed, 24, 8)


@given(st.integers(1, 9), st.integers(1, 4))
def test_shares_are_runs_covering_every_block_once(n, pieces):
    ways = list(shares(n, pieces))
    if pieces > n:
        assert ways == []
        return
    assert ways and len(set(ways)) == len(ways)
    for cuts in ways:
        assert cuts[0] == 0 and cuts[-1] == n and len(cuts) == pieces + 1
        assert all(a < b for a, b in zip(cuts, cuts[1:])), "every piece takes a block"
