"""benchmarks/compare_cpsat.py, run on tiny pages (skipped without ortools: it is a benchmark
extra, `pip install -e '.[bench]'`). Its CP-SAT model must be our scorer: the cost CP-SAT
minimises is what arrange.choose.score says of the page it returns, that page tiles the grid
exactly, and on a page small enough to solve to optimality it is never worse than our
composer's — nor can our composition (a feasible page of the same shapes) be cheaper than
the optimum. The pinwheel, the smallest tiling that is no slicing structure, is found."""
from __future__ import annotations

import sys

import pytest

from layout.arrange import choose
from layout.arrange.needs import Alt, Block, Need
from layout.arrange.score import Placed
from tests.kit.paths import ROOT

pytest.importorskip("ortools")
sys.path.insert(0, str(ROOT / "benchmarks"))
import compare_cpsat as cmp  # noqa: E402


def story(i: int, lines: int, spans=(1, 2, 3), size: float = 18.0) -> Block:
    """A story whose copy takes `lines` column-lines under a heading row: at span s and
    depth d it holds s × (d − 1) (mid: one more row for the rule under it)."""
    alts = []
    for s in spans:
        for d in range(2, 12):
            mid = Need(s * (d - 2), lines, max(0, lines - s * (d - 2)), size)
            foot = Need(s * (d - 1), lines, max(0, lines - s * (d - 1)), size)
            alts.append(Alt(s, d, mid if d > 2 else None, foot))
    return Block(f"s{i}", "story", i, tuple(alts), lines * 10, 10)


def setting(rows: int, cols: int, fixed=()) -> choose.Setting:
    placed = tuple(Placed(99, "footer", b.row, b.col, b.span, b.depth, 0.0, 0, True)
                   for b in fixed)
    return choose.Setting(rows, cols, tuple(fixed), placed)


def tiles(leaves: dict, st: choose.Setting) -> None:
    cells = {(r, c) for b in st.fixed for r in range(b.row, b.row + b.depth)
             for c in range(b.col, b.col + b.span)}
    for lf in leaves.values():
        mine = {(r, c) for r in range(lf.row, lf.row + lf.depth)
                for c in range(lf.col, lf.col + lf.span)}
        assert all(0 <= r < st.rows and 0 <= c < st.cols for r, c in mine)
        assert not mine & cells, f"{lf} overlaps"
        cells |= mine
    assert len(cells) == st.rows * st.cols, "the grid is not tiled"


@pytest.mark.parametrize("lines,fixed", [((9, 6, 4, 3), ()),
                                         ((8, 5, 5), (cmp.arr.Box(9, 0, 1, 3),))])
def test_cpsat_is_our_scorer_and_no_worse_than_ours(lines, fixed):
    blocks = tuple(story(i, n) for i, n in enumerate(lines))
    st = setting(10, 3, fixed)
    got = cmp.Model(blocks, st).solve(20.0)
    assert got.status == "OPTIMAL"
    tiles(got.leaves, st)
    by_id = {b.id: b for b in blocks}
    terms = choose.score(by_id, got.leaves, st)
    assert got.objective == pytest.approx(terms["total"], abs=0.05)
    ours = choose.best(list(blocks), st)
    assert ours is not None
    assert terms["total"] <= ours.terms["total"] + 0.05
    # our page is one CP-SAT could have chosen: asked for a better one, only a better
    # one (or none) may come back
    better = cmp.Model(blocks, st)
    better.better_than(ours.terms["total"])
    again = better.solve(20.0)
    if again.leaves is None:
        assert again.status == "INFEASIBLE"
        assert ours.terms["total"] <= terms["total"] + 0.5
    else:
        assert choose.score(by_id, again.leaves, st)["total"] < ours.terms["total"]


def test_the_pinwheel_is_found_and_is_no_slicing_structure():
    """Five pictures whose only tiling of a 3 × 3 grid is the pinwheel."""
    need = Need(0, 0, 0, 0.0, (1, 1))
    shapes = [(2, 1), (1, 2), (1, 2), (2, 1), (1, 1)]
    blocks = tuple(Block(f"p{i}", "picture", i, (Alt(s, d, need, need),), 0, 0)
                   for i, (s, d) in enumerate(shapes))
    st = setting(3, 3)
    got = cmp.Model(blocks, st).solve(20.0)
    assert got.leaves is not None
    tiles(got.leaves, st)
    rects = [(lf.row, lf.col, lf.depth, lf.span) for lf in got.leaves.values()]
    assert not cmp.guillotine(rects, (0, 0, 3, 3))
    assert cmp.guillotine([(0, 0, 1, 3), (1, 0, 2, 1), (1, 1, 2, 2)], (0, 0, 3, 3))
