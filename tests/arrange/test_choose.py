"""arrange.choose: the block orders the slicing programme tries, and the choice."""
from __future__ import annotations

from hypothesis import given, strategies as st

from layout.arrange.choose import Setting, best, orders, score
from layout.arrange.needs import Alt, Block, Need
from layout.arrange.regions import Box


def blk(i, kind="story", lines=24):
    alts = tuple(Alt(s, d, Need(s * d, lines, max(0, lines - s * d)),
                     Need(s * d, lines, max(0, lines - s * d)))
                 for s in (1, 2, 3) for d in range(2, 25))
    return Block(f"{kind}{i}", kind, i, alts, lines * 10, 10)


def _fib(n):
    a, b = 1, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@given(st.integers(1, 9), st.integers(0, 2))
def test_orders_start_with_the_rank_order_and_move_each_story_at_most_one_place(n, pics):
    blocks = [blk(i) for i in range(n)] + [blk(n + k, "picture") for k in range(pics)]
    found = orders(blocks, limit=10_000)
    assert found[0] == tuple(range(n)) + tuple(range(n, n + pics))
    assert len(set(found)) == len(found)
    for seq in found:
        assert sorted(seq) == list(range(n + pics))
        headed = [i for i in seq if i < n]
        assert all(abs(pos - i) <= 1 for pos, i in enumerate(headed))
        if pics:
            assert seq[0] < n, "a picture of its own never leads the page"
            at = [k for k, i in enumerate(seq) if i >= n]
            assert at == list(range(at[0], at[0] + pics)), "the pictures move as one run"
    # every order with disjoint neighbour swaps (Fibonacci many), times the picture places
    assert len(found) == _fib(n) * (n if pics else 1)


def test_orders_are_capped_fewest_changes_first():
    blocks = [blk(i) for i in range(10)]
    found = orders(blocks, limit=12)
    assert len(found) == 12
    changes = [sum(a != b for a, b in zip(seq, range(10))) for seq in found]
    assert changes == sorted(changes)


def test_best_fills_the_free_rectangle_and_keeps_the_locked_box():
    # a 3-column, 24-row page with a locked box over the top 8 rows of column 1
    st_ = Setting(24, 3, (Box(0, 0, 8, 1),), ())
    comp = best([blk(0, lines=39), blk(1, lines=16), blk(2, lines=9)], st_)
    assert comp is not None
    cells = {(0 + r, 0) for r in range(8)}
    for lf in comp.leaves.values():
        mine = {(r, c) for r in range(lf.row, lf.row + lf.depth)
                for c in range(lf.col, lf.col + lf.span)}
        assert not mine & cells
        cells |= mine
    assert len(cells) == 24 * 3
    assert comp.terms["fit"] == 0


def test_best_is_deterministic_and_the_alternatives_differ():
    st_ = Setting(24, 3, (), ())
    blocks = [blk(0, lines=30), blk(1, lines=24), blk(2, lines=18)]
    a, b = best(blocks, st_, alternatives=3), best(list(reversed(blocks)), st_, alternatives=3)
    assert a == b
    seen = {tuple(sorted((k, l.row, l.col, l.span, l.depth) for k, l in a.leaves.items()))}
    for _, leaves in a.others:
        key = tuple(sorted((k, l.row, l.col, l.span, l.depth) for k, l in leaves.items()))
        assert key not in seen
        seen.add(key)
    assert [t["total"] for t, _ in a.others] == sorted(t["total"] for t, _ in a.others)
    assert all(t["total"] >= a.terms["total"] for t, _ in a.others)


def test_polish_parts_level_headlines_of_one_size_by_stepping_the_lesser_ones_down():
    from layout.arrange.choose import polish
    from layout.arrange.slicing import Leaf

    def sized(i):
        alts = tuple(Alt(3, 24, Need(72, 72, 0, size, step=step), Need(72, 72, 0, size, step=step))
                     for step, size in ((0, 22.0), (1, 18.0)))
        return Block(f"s{i}", "story", i, alts, 720, 12)

    blocks = {b.id: b for b in (sized(0), sized(1))}
    leaves = {bid: Leaf(k, 0, 3 * k, 3, 24, b.alts[0].mid)
              for k, (bid, b) in enumerate(blocks.items())}
    st_ = Setting(24, 6, (), ())
    before = score(blocks, leaves, st_)
    terms, after = polish(blocks, leaves, st_)
    assert terms["total"] < before["total"]
    assert after["s0"].need.size == 22.0 and after["s1"].need.size == 18.0


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 5), st.integers(0, 2),
                          st.integers(0, 22)), min_size=2, max_size=7),
       st.lists(st.tuples(st.integers(0, 6), st.integers(0, 20), st.integers(0, 5),
                          st.integers(0, 2), st.integers(0, 22)), min_size=1, max_size=3),
       st.booleans())
def test_a_trial_is_priced_by_the_blocks_it_changes_as_the_full_score_prices_it(
        where, changes, fixed):
    """The polish prices a trial from the blocks it changes (choose._Priced) and scores in
    full only those that may improve: the price is the full score's total up to rounding,
    whatever the blocks, places, fixed blocks and earlier places (hints)."""
    from layout.arrange.choose import _Priced
    from layout.arrange.score import Placed
    from layout.arrange.slicing import Leaf

    blocks = {b.id: b for b in (blk(i) for i in range(len(where)))}

    def leaf(k, at):
        row, col, alt, _ = at
        a = blocks[f"story{k}"].alts[alt * 23 + at[3]]
        return Leaf(k, row, col, a.span, a.depth, a.mid)

    leaves = {f"story{k}": leaf(k, at) for k, at in enumerate(where)}
    boxes = (Placed(0, "story", 3, 4, 2, 10, 22.0, 0.0, fixed=True),
             Placed(1, "picture", 0, 0, 2, 8, 0.0, 900.0, fixed=True)) if fixed else ()
    hints = {"story0": (0, 0, 1, 2), "story1": (where[1][0], where[1][1], 1, 2)}
    setting = Setting(24, 6, (), boxes, hints=hints)
    trial = dict(leaves)
    for k, *at in changes:
        k %= len(where)
        trial[f"story{k}"] = leaf(k, tuple(at))
    scores: dict = {}
    priced = _Priced(blocks, leaves, setting, scores)
    assert abs(priced.total - score(blocks, leaves, setting)["total"]) < 1e-6
    assert abs(priced.price(trial) - score(blocks, trial, setting)["total"]) < 1e-6
