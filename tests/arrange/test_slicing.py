"""arrange.slicing: the dynamic programme over slicing structures. Restated independently:
every composition it returns tiles its rectangle exactly; and with only the fit counted, its
best over all orders of up to four blocks costs what a brute-force search over every exact
tiling costs (a rectangle cut into at most four rectangles is always a slicing structure —
the first that is not, the pinwheel, needs five)."""
from __future__ import annotations

from itertools import permutations

from hypothesis import given, settings, strategies as st

from layout.arrange.needs import Alt, Block, Need
from layout.arrange.score import Weights, fit_cost
from layout.arrange.slicing import Rect, Slicer

FIT_ONLY = Weights(top=0, left=0, order=0, bigger=0, collision=0)


def block(i: int, lines: int, spans=(1, 2, 3), kind="story") -> Block:
    """A block whose copy takes `lines` column-lines: at span s and depth d it holds s × d
    (no heading, so the arithmetic is the whole story); depths 1…12."""
    alts = []
    for s in spans:
        for d in range(1, 13):
            need = Need(s * d, lines, max(0, lines - s * d))
            alts.append(Alt(s, d, need, need))
    return Block(f"b{i}", kind, i, tuple(alts), lines * 10, 10)


def _tiles(leaves, rect: Rect):
    cells = set()
    for lf in leaves:
        assert rect.row <= lf.row and lf.row + lf.depth <= rect.row + rect.depth
        assert rect.col <= lf.col and lf.col + lf.span <= rect.col + rect.span
        mine = {(r, c) for r in range(lf.row, lf.row + lf.depth)
                for c in range(lf.col, lf.col + lf.span)}
        assert not mine & cells, f"{lf} overlaps"
        cells |= mine
    assert len(cells) == rect.span * rect.depth, "the rectangle is not filled"


def _brute(blocks, rect: Rect) -> float:
    """The least fit cost of any exact tiling: the first free cell (top, then left) is the
    top-left corner of some block's shape, tried in every way."""
    best = [float("inf")]
    rows, cols = rect.depth, rect.span

    def go(free: frozenset, left: tuple, cost: float):
        if cost >= best[0]:
            return
        if not left:
            if not free:
                best[0] = cost
            return
        if not free:
            return
        r, c = min(free)
        for b in left:
            for a in b.alts:
                cells = {(y, x) for y in range(r, r + a.depth) for x in range(c, c + a.span)}
                if not cells <= free:
                    continue
                need = a.foot if (r + a.depth == rows and rect.foot) else a.mid
                go(free - cells, tuple(x for x in left if x is not b),
                   cost + fit_cost(need, FIT_ONLY))

    go(frozenset((y, x) for y in range(rows) for x in range(cols)), tuple(blocks), 0.0)
    return best[0]


def test_one_block_fills_the_rectangle_at_its_span():
    rect = Rect(0, 0, 2, 10, True)
    found = Slicer((block(0, 20),), rect, (10, 2), FIT_ONLY).best()
    cost, leaves = found[0]
    assert cost == 0 and [(l.span, l.depth) for l in leaves] == [(2, 10)]


def test_two_blocks_stack_or_sit_side_by_side_to_fit_exactly():
    rect = Rect(0, 0, 2, 10, True)
    # 8 + 12 lines in 2 × 10: side by side (8 rows and 12 rows do not fit 10) is impossible,
    # stacked at span 2: 4 rows + 6 rows
    cost, leaves = Slicer((block(0, 8), block(1, 12)), rect, (10, 2), FIT_ONLY).best()[0]
    assert cost == 0
    _tiles(leaves, rect)
    assert sorted((l.span, l.depth) for l in leaves) == [(2, 4), (2, 6)]


def test_the_rank_order_puts_the_first_block_on_top_or_left():
    rect = Rect(0, 0, 3, 12, True)
    blocks = (block(0, 12), block(1, 12), block(2, 12))
    for _, leaves in Slicer(blocks, rect, (12, 3), Weights()).best(count=4):
        _tiles(leaves, rect)
        first = next(l for l in leaves if l.block == 0)
        assert (first.row, first.col) == (0, 0)


def test_an_order_is_a_sequence_of_block_indices():
    rect = Rect(0, 0, 2, 10, True)
    sl = Slicer((block(0, 8), block(1, 12)), rect, (10, 2), Weights())
    swapped = sl.best((1, 0), 1)[0][1]
    top = min(swapped, key=lambda l: (l.row, l.col))
    assert top.block == 1


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(2, 30), min_size=1, max_size=4), st.integers(2, 3),
       st.integers(4, 10), st.booleans())
def test_every_composition_tiles_and_the_best_is_the_brute_force_optimum(lines, span, depth, foot):
    rect = Rect(0, 0, span, depth, foot)
    blocks = tuple(block(i, n, spans=tuple(range(1, span + 1))) for i, n in enumerate(lines))
    sl = Slicer(blocks, rect, (depth, span), FIT_ONLY)
    best = float("inf")
    for order in permutations(range(len(blocks))):
        for cost, leaves in sl.best(order, 3):
            _tiles(leaves, rect)
            assert sorted(l.block for l in leaves) == sorted(order)
            # the programme's cost is the leaves' fit
            leaf_cost = sum(fit_cost(l.need, FIT_ONLY) for l in leaves)
            assert abs(cost - leaf_cost) < 1e-9
            best = min(best, cost)
    assert best == _brute(blocks, rect)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(2, 30), min_size=2, max_size=4), st.integers(0, 3),
       st.integers(2, 30), st.integers(4, 10))
def test_profiles_kept_between_programmes_give_what_a_fresh_programme_gives(
        lines, which, new_lines, depth):
    """The composer's rounds share the programme's profiles (arrange.choose.best's memo):
    after one block is measured again, the parts without it are kept, the rest computed
    again, and every order composes as a fresh programme composes it."""
    rect = Rect(0, 0, 3, depth, True)
    blocks = tuple(block(i, n) for i, n in enumerate(lines))
    shared: dict = {}
    orders = list(permutations(range(len(blocks))))
    first = Slicer(blocks, rect, (depth, 3), Weights(), shared)
    for order in orders:
        first.best(order, 3)
    which %= len(blocks)
    again = tuple(block(i, new_lines) if i == which else b for i, b in enumerate(blocks))
    kept = Slicer(again, rect, (depth, 3), Weights(), shared)
    assert all(which not in part for part in kept.memo)        # parts by their blocks
    assert len(kept.memo) == sum(which not in part for part in first.memo)
    fresh = Slicer(again, rect, (depth, 3), Weights())
    for order in orders:
        assert kept.best(order, 3) == fresh.best(order, 3)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(2, 30), st.booleans()), min_size=2, max_size=4),
       st.integers(4, 10), st.booleans())
def test_a_side_by_side_splits_cost_is_the_same_summed_twice(blocks_, depth, foot):
    _side_costs_agree(blocks_, depth, foot)


def test_side_by_side_splits_are_among_those_compared():
    # the property above holds on side-by-side splits, not only on stacks
    assert _side_costs_agree([(8, False), (12, True), (20, False)], 8, True) > 0


def _side_costs_agree(blocks_, depth: int, foot: bool) -> int:
    """Slicer._side sums a side-by-side split's terms inline as it searches; best() and the
    rebuilding sum them again by _side_cost (_split_cost): with every weight set, the cost
    the programme kept at each depth is what _split_cost gives its split, to the last bit
    (two sums that drifted apart would rank or rebuild another split than the one found)."""
    rect = Rect(0, 0, 3, depth, foot)
    blocks = tuple(block(i, n, kind="picture" if pic else "story")
                   for i, (n, pic) in enumerate(blocks_))
    sl = Slicer(blocks, rect, (depth, 3), Weights())
    part = sl.part(tuple(range(len(blocks))))
    sides = 0
    for tr in part.corners:
        root = sl.profile(part, rect.span, rect.foot, tr)
        for h, cost in (root.cost.items() if root is not None else ()):
            desc = root.splits[root.how[h]]
            assert sl._split_cost(desc, h) == cost, (h, desc)
            sides += desc[0] == "side"
    return sides
