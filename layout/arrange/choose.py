"""Choosing the composition: the free rectangles composed by the slicing programme, the
candidates scored in full; the cell-by-cell search when the free area is not made of
rectangles; the previous composition kept, or changed as little as the copy allows.

In: the measured blocks, the fixed blocks (as boxes for the grid and as `Placed` for the
score), the grid and weights, the previous places (hints). Out: a `Composition`: where each
block goes and how it fits, its cost by term, and the runners-up (for --alternatives).
"""
from __future__ import annotations

from itertools import product
from typing import NamedTuple

from layout.arrange import regions
from layout.arrange.needs import Block, Need
from layout.arrange.score import Placed, Weights, fit_cost, total
from layout.arrange.search import Problem, solve
from layout.arrange.slicing import Leaf, Rect, Slicer


class Setting(NamedTuple):
    """The page the blocks are composed on: its grid, what stays fixed, the weights, the
    places composed before (block id -> (row, col, span, depth), 0-based) and the node budget
    of the cell search."""
    rows: int
    cols: int
    fixed: tuple[regions.Box, ...]
    fixed_placed: tuple[Placed, ...]
    weights: Weights = Weights()
    hints: dict = {}
    budget: int = 6000


class Composition(NamedTuple):
    leaves: dict              # block id -> Leaf (row, col, span, depth, need)
    terms: dict               # cost by term, and "total"
    method: str               # slicing | cells | kept
    nodes: int
    others: tuple = ()        # runners-up: (terms, leaves)


def best(blocks: list[Block], st: Setting, alternatives: int = 0) -> Composition | None:
    """The best composition of `blocks` on the page `st` (None: no tiling exists)."""
    blocks = sorted(blocks, key=lambda b: (b.order, b.id))
    ranked = _sliced(blocks, st)
    method, nodes = "slicing", 0
    if not ranked:
        cells = _cells(blocks, st)
        if cells is None:
            return None
        ranked, nodes, method = [cells], cells[2], "cells"
    ranked.sort(key=lambda t: (t[0]["total"], sorted((k, l.row, l.col) for k, l in t[1].items())))
    terms, leaves = ranked[0][0], ranked[0][1]
    others = tuple((t, lv) for t, lv, *_ in ranked[1:1 + alternatives])
    return Composition(leaves, terms, method, nodes, others)


def score(blocks: dict[str, Block], leaves: dict[str, Leaf], st: Setting) -> dict:
    placed = list(st.fixed_placed) + [_placed(blocks[bid], lf) for bid, lf in leaves.items()]
    fit = sum(fit_cost(lf.need, st.weights) + st.weights.size_step * lf.need.step
              for lf in leaves.values())
    terms = total(placed, fit, (st.rows, st.cols), st.weights)
    moved = sum(st.weights.moved for bid, lf in leaves.items()
                if st.hints.get(bid) not in (None, (lf.row, lf.col, lf.span, lf.depth)))
    terms["moved"] = moved
    terms["total"] += moved
    return terms


def _placed(b: Block, lf: Leaf) -> Placed:
    photo = lf.need.picture[0] * lf.need.picture[1] if lf.need.picture else 0
    return Placed(b.order, b.kind, lf.row, lf.col, lf.span, lf.depth, lf.need.size, photo)


# -- free rectangles, composed by the slicing programme ------------------------------------
def _sliced(blocks: list[Block], st: Setting) -> list:
    rects = regions.free_rects(list(st.fixed), st.rows, st.cols)
    if not rects:
        return []
    rects.sort(key=lambda r: (r.row, r.col))
    by_id = {b.id: b for b in blocks}
    out = []
    for cuts in regions.shares(len(blocks), len(rects)):
        options = []
        for r, (a, z) in zip(rects, zip(cuts, cuts[1:])):
            rect = Rect(r.row, r.col, r.span, r.depth, r.row + r.depth == st.rows)
            found = Slicer(tuple(blocks[a:z]), rect, (st.rows, st.cols), st.weights).best(3)
            if not found:
                break
            options.append([(blocks[a:z], leaves) for _, leaves in found])
        else:
            for combo in product(*options):
                leaves = {part[lf.block].id: lf for part, lvs in combo for lf in lvs}
                out.append((score(by_id, leaves, st), leaves))
    return out


# -- the cell-by-cell search (a free area that is not made of rectangles) ------------------
def _cells(blocks: list[Block], st: Setting):
    """The branch and bound of arrange.search over the blocks' shapes near their exact fit
    (the ones within 30 of the cheapest at each span: the search's branching stays small)."""
    near = [b._replace(alts=_near(b)) for b in blocks]
    taken = [0] * st.cols
    for box in st.fixed:
        mask = ((1 << box.depth) - 1) << box.row
        for c in range(box.col, box.col + box.span):
            taken[c] |= mask
    pb = Problem(st.rows, st.cols, tuple(taken), tuple(near), tuple(st.fixed_placed),
                 st.hints, st.weights, st.budget)
    sol = solve(pb)
    if sol is None:
        return None
    leaves = {near[ch.block].id: Leaf(ch.block, ch.row, ch.col, ch.alt.span, ch.alt.depth,
                                      ch.need) for ch in sol.choices}
    return score({b.id: b for b in blocks}, leaves, st), leaves, sol.nodes


def _near(b: Block, slack: float = 30.0) -> tuple:
    w = Weights()

    def cost(n: Need | None) -> float:
        return float("inf") if n is None else fit_cost(n, w)

    best: dict[int, float] = {}
    for a in b.alts:
        c = min(cost(a.mid), cost(a.foot))
        best[a.span] = min(best.get(a.span, c), c)
    return tuple(a for a in b.alts if min(cost(a.mid), cost(a.foot)) <= best[a.span] + slack)
