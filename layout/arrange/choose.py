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

from layout.arrange import needs, regions
from layout.arrange.needs import Block, Need
from layout.arrange.score import (HEADED, Placed, Weights, cut_cost, fit_cost, kept_pair,
                                  position_cost, shape_cost, total)
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


def best(blocks: list[Block], st: Setting, alternatives: int = 0,
         memo: dict | None = None, exact_only: bool = False) -> Composition | None:
    """The best composition of `blocks` on the page `st` (None: no tiling exists; with
    `exact_only`, none that fills exactly). `memo`: kept between calls on one page
    (arrange.result's rounds), so a block not measured again since the last call keeps its
    exact shapes and the programme's profiles of the parts it is in (a round that caps one
    headline recomputes only the parts holding that block)."""
    memo = {} if memo is None else memo
    blocks = sorted(blocks, key=lambda b: (b.order, b.id))
    exact = _exact_only(blocks, memo.setdefault("exact", {}))
    scores = memo.setdefault("scores", {})
    ranked = _sliced(exact, st, (memo.setdefault("exact shapes", {}), scores)) if exact else []
    if not ranked and exact_only:
        return None
    if not ranked:
        ranked = _sliced(blocks, st, (memo.setdefault("every shape", {}), scores))
    if st.hints and exact:
        ranked += _kept(exact, st, scores)
    method, nodes = "slicing", 0
    if not ranked:
        cells = _cells(blocks, st)
        if cells is None:
            return None
        ranked, nodes, method = [cells], cells[2], "cells"
    ranked.sort(key=_rank_key)
    by_id = {b.id: b for b in blocks}
    ranked = sorted((polish(by_id, lv, st, scores) for _, lv, *_ in ranked[:POLISH]),
                    key=_rank_key) \
        + ranked[POLISH:]
    ranked = _distinct(ranked)
    terms, leaves = ranked[0][0], ranked[0][1]
    others = tuple((t, lv) for t, lv, *_ in ranked[1:1 + alternatives])
    return Composition(leaves, terms, method, nodes, others)


def _exact_only(blocks: list[Block], memo: dict) -> list[Block] | None:
    """The blocks with only their shapes that fill exactly (no line over, at most the one
    spare line of a balanced block), or None when a block has none. An empty line costs 100
    and the build stops on it (score.Weights), so a page that can be filled exactly is
    composed from these: a block fits a handful of depths instead of every depth, and the
    programme's profiles shrink with them (a generated 10-story broadsheet page: 7.1 -> 2.7 s
    CPU, the same composition).
    Only when no exact tiling exists is the programme run on every shape. `memo`: id of a
    block -> (the block, its exact form), so the same block gives the same object."""
    out = []
    for b in blocks:
        if b.kind not in HEADED:
            out.append(b)
            continue
        if memo.get(id(b), (None,))[0] is not b:
            alts = tuple(a._replace(mid=_exact_need(a.mid), foot=_exact_need(a.foot))
                         for a in b.alts)
            alts = tuple(a for a in alts if a.mid or a.foot)
            memo[id(b)] = (b, b._replace(alts=alts) if alts else None)
        if memo[id(b)][1] is None:
            return None
        out.append(memo[id(b)][1])
    return out


def _exact_need(n: Need | None) -> Need | None:
    return n if n is not None and not n.over and n.spare <= 1 else None


def _rank_key(t):
    return t[0]["total"], sorted((k, l.row, l.col) for k, l in t[1].items())


def _distinct(ranked: list) -> list:
    seen, out = set(), []
    for t in ranked:
        key = tuple(sorted((k, l.row, l.col, l.span, l.depth, l.need.size)
                           for k, l in t[1].items()))
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


# -- a recomposition: as few blocks moved as the copy allows --------------------------------
KEEP_RINGS = 4      # times the area composed again grows by a neighbour


def _kept(blocks: list[Block], st: Setting, scores: dict) -> list:
    """Compositions that keep blocks where they were composed before (`st.hints`): the
    blocks whose place no longer holds their copy exactly (and blocks new to the page) are
    composed again inside the smallest rectangle of the page that holds their places and
    cuts no other block — a part of the page's slicing structure, so the programme composes
    it — the others stay; when that rectangle cannot be tiled, it grows by the neighbour
    that adds the least area, a few times. The editors' way after a late change
    (docs/newspaper-conventions.md#composing-a-page): the programme does not see the places
    before, so its best pages may move every block for the one that changed (generated
    broadsheet 1, a story 200 characters longer: 9 of 11 blocks moved, 2 with this)."""
    places = {b.id: st.hints[b.id] for b in blocks if b.id in st.hints}
    stay = {b.id: lf for k, b in enumerate(blocks) if (lf := _at_hint(k, b, st)) is not None}
    moving = [places[b.id] for b in blocks if b.id not in stay and b.id in places]
    if len(stay) == len(blocks) or not moving:
        return []
    by_id = {b.id: b for b in blocks}
    area = _closed(_bbox(moving), places)
    for _ in range(KEEP_RINGS):
        free = [b for b in blocks if b.id not in stay or _inside(places[b.id], area)]
        kept = {bid: lf for bid, lf in stay.items() if not _inside(places[bid], area)}
        if len(free) == len(blocks):
            return []
        found = _around(kept, free, st, scores)
        if found:
            return [(score(by_id, {**kept, **lv}, st, scores), {**kept, **lv})
                    for _, lv, *_ in found]
        grown = [_closed(_bbox([area, p]), places) for p in places.values()
                 if _touches(p, area)]
        if not grown:
            return []
        area = min(grown, key=lambda a: (a[2] * a[3], a))     # the least area freed
    return []


def _bbox(rects: list[tuple]) -> tuple:
    """The bounding box of (row, col, span, depth) rectangles."""
    r0, c0 = min(r[0] for r in rects), min(r[1] for r in rects)
    r1, c1 = max(r[0] + r[3] for r in rects), max(r[1] + r[2] for r in rects)
    return r0, c0, c1 - c0, r1 - r0


def _closed(area: tuple, places: dict) -> tuple:
    """`area` grown until it cuts no block's place (each place inside or outside it)."""
    while True:
        cut = [p for p in places.values() if _overlap(p, area) and not _inside(p, area)]
        if not cut:
            return area
        area = _bbox([area] + cut)


def _overlap(a: tuple, b: tuple) -> bool:
    return (a[0] < b[0] + b[3] and b[0] < a[0] + a[3]
            and a[1] < b[1] + b[2] and b[1] < a[1] + a[2])


def _inside(a: tuple, b: tuple) -> bool:
    return (b[0] <= a[0] and a[0] + a[3] <= b[0] + b[3]
            and b[1] <= a[1] and a[1] + a[2] <= b[1] + b[2])


def _touches(a: tuple, b: tuple) -> bool:
    """Sharing an edge or overlapping."""
    grown = (b[0] - 1, b[1] - 1, b[2] + 2, b[3] + 2)
    return _overlap(a, grown) and not _inside(a, b)


def _at_hint(k: int, b: Block, st: Setting) -> Leaf | None:
    """The block at its place before (index `k` into the blocks), in its cheapest shape that
    holds its copy there; None when none does."""
    hint = st.hints.get(b.id)
    if hint is None:
        return None
    row, col, span, depth = hint
    foot = row + depth == st.rows
    fits = [n for a in b.alts if (a.span, a.depth) == (span, depth)
            for n in ((a.foot if foot else a.mid),) if n is not None]
    if not fits:
        return None
    need = min(fits, key=lambda n: shape_cost(n, st.weights))
    return Leaf(k, row, col, span, depth, need)


def _around(kept: dict, free: list[Block], st: Setting, scores: dict) -> list:
    """The `free` blocks composed around the `kept` ones (fixed for this search; their pair
    costs with the kept blocks are counted when the whole page is scored, `_kept`)."""
    boxes = tuple(regions.Box(lf.row, lf.col, lf.depth, lf.span) for lf in kept.values())
    sub = st._replace(fixed=st.fixed + boxes, hints={})
    found = _sliced(free, sub, ({}, scores))
    if not found:
        cells = _cells(free, sub)
        found = [cells] if cells is not None else []
    return sorted(found, key=_rank_key)[:3]


# -- polishing: what the programme does not see ------------------------------------------
POLISH = 4          # the best candidates polished
MOVES = (-1, 0, 1)


def polish(blocks: dict[str, Block], leaves: dict[str, Leaf], st: Setting,
           scores: dict | None = None) -> tuple:
    """A composition improved by local moves, each scored in full where its price from the
    blocks it changes (`_Priced`) says it may improve: the row between two blocks
    stacked in the same columns moved up or down by a row or two, each block taking its
    best shape at its new depth in every headline size. The programme keeps one cost per
    depth, so it cannot see what depends on two blocks together — a lead whose headline
    one size up matches no neighbour's (碰题 with equal sizes), a lower headline larger than
    an upper one; the polish does (a hill climb: it stops when no move improves)."""
    scores = {} if scores is None else scores
    shapes = _kept_shapes(blocks, scores.setdefault("shapes", {}))
    terms = score(blocks, leaves, st, scores)
    improved = True
    while improved:
        improved = False
        now = _Priced(blocks, leaves, st, scores)
        trials = [t for up, low in _stacked(leaves)
                  for t in _moves(leaves, (up, low), shapes, st.rows)]
        for trial in trials + _smaller(leaves, blocks, shapes, st.rows):
            # ~400 trials a polish: priced by the blocks they change first, scored in full
            # only when that price may beat the composition (the same moves are taken)
            if now.price(trial) >= terms["total"] - 1e-9 + _PRICE_SLACK:
                continue
            t = score(blocks, trial, st, scores)
            if t["total"] < terms["total"] - 1e-9:
                terms, leaves, improved = t, trial, True
                break
    return terms, leaves


_PRICE_SLACK = 1e-6     # far above the rounding of a sum of ~100 terms of at most ~1,000


class _Priced:
    """A composition's total kept by block — each block's fit, position and moved, the pair
    costs it takes part in, with the fixed blocks and with the composed ones, and the
    straight cuts — so that a trial changing a few blocks is priced from the blocks it
    changes (2 of ~10 for a polish move): its total up to rounding."""

    def __init__(self, blocks: dict, leaves: dict, st: Setting, scores: dict):
        self.blocks, self.leaves, self.st = blocks, leaves, st
        self.pairs = scores.setdefault(("pairs", st.weights), {})
        self.placed = {bid: _placed(blocks[bid], lf) for bid, lf in leaves.items()}
        self.own = {bid: self._own(bid, lf, p) for (bid, lf), p in
                    zip(leaves.items(), self.placed.values())}
        self.links = {bid: self._links(bid, self.placed) for bid in self.placed}
        self.cuts = self._cuts(self.placed)
        self.cut_memo: dict = {}
        self.total = (sum(self.own.values()) + self.cuts + sum(f for f, _ in self.links.values())
                      + sum(c for _, c in self.links.values()) / 2)

    def price(self, trial: dict) -> float:
        """The trial's total, up to rounding (its blocks in the same order as now)."""
        changed = [bid for bid, lf in trial.items() if lf is not self.leaves[bid]]
        placed = dict(self.placed)
        placed.update((bid, _placed(self.blocks[bid], trial[bid])) for bid in changed)
        # the cuts follow the places only: one count for the trials of a move in every size
        at = tuple((bid, trial[bid][1:5]) for bid in changed)
        cuts = self.cut_memo.get(at)
        if cuts is None:
            cuts = self.cut_memo[at] = self._cuts(placed)
        price = self.total + cuts - self.cuts
        for bid in changed:
            (fixed, composed), (fixed_was, composed_was) = self._links(bid, placed), \
                self.links[bid]
            price += (self._own(bid, trial[bid], placed[bid]) - self.own[bid]
                      + fixed - fixed_was + composed - composed_was)
        # a pair of two changed blocks is in both their sums, new and old
        return price - self._among(placed, changed) + self._among(self.placed, changed)

    def _own(self, bid: str, lf: Leaf, p: Placed) -> float:
        st = self.st
        moved = st.hints.get(bid) not in (None, (lf.row, lf.col, lf.span, lf.depth))
        return (shape_cost(lf.need, st.weights)
                + position_cost(p, (st.rows, st.cols), st.weights)
                + (st.weights.moved if moved else 0.0))

    def _pair(self, p: Placed, q: Placed) -> float:
        return kept_pair(p, q, self.st.weights, self.pairs)

    def _links(self, bid: str, placed: dict) -> tuple[float, float]:
        """Block `bid`'s pair costs as set in `placed`: with the fixed blocks, with the other
        composed ones (each pair in the order the score takes it: fixed blocks first, then
        the composed ones in their order)."""
        p = placed[bid]
        fixed = sum(self._pair(f, p) for f in self.st.fixed_placed)
        composed, before = 0.0, True
        for other, q in placed.items():
            if other == bid:
                before = False
            else:
                composed += self._pair(q, p) if before else self._pair(p, q)
        return fixed, composed

    def _among(self, placed: dict, changed: list) -> float:
        return sum(self._pair(placed[a], placed[b]) for i, a in enumerate(changed)
                   for b in changed[i + 1:])

    def _cuts(self, placed: dict) -> float:
        st = self.st
        return cut_cost(list(st.fixed_placed) + list(placed.values()), (st.rows, st.cols),
                        st.weights)


def _smaller(leaves: dict, blocks: dict, shapes: dict, rows: int) -> list[dict]:
    """Every story from a rank down one headline size smaller where the same shape holds
    it as well: the move that parts two level headlines of one size (碰题) without putting
    a larger headline under a smaller one or on a less important story (rank → size)."""
    out = []
    ranks = sorted({blocks[b].order for b in leaves})
    for r in ranks[1:]:
        trial = dict(leaves)
        for bid, lf in leaves.items():
            if blocks[bid].order < r or blocks[bid].kind != "story":
                continue
            foot = lf.row + lf.depth == rows
            down = [n for n in _needs(shapes[bid].get((lf.span, lf.depth), ()), foot)
                    if n.size < lf.need.size and (n.picture, n.top, n.split) ==
                    (lf.need.picture, lf.need.top, lf.need.split)]
            if down:
                trial[bid] = lf._replace(need=max(down, key=lambda n: n.size))
        if trial != leaves:
            out.append(trial)
    return out


def _kept_shapes(blocks: dict[str, Block], kept: dict) -> dict:
    """`_shapes` of each block, kept while the page is composed (16 polishes a round)."""
    for bid, b in blocks.items():
        if kept.get(bid, (None,))[0] is not b:
            kept[bid] = (b, _shapes(b))
    return {bid: kept[bid][1] for bid in blocks}


def _shapes(b: Block) -> dict:
    out: dict = {}
    for a in b.alts:
        out.setdefault((a.span, a.depth), []).append(a)
    return out


def _stacked(leaves: dict[str, Leaf]) -> list[tuple[str, str]]:
    """Pairs of blocks one directly on the other in the same columns."""
    return [(a, b) for a, la in leaves.items() for b, lb in leaves.items()
            if la.col == lb.col and la.span == lb.span and la.row + la.depth == lb.row]


def _moves(leaves: dict, pair: tuple, shapes: dict, rows: int):
    up, low = pair
    lu, ll = leaves[up], leaves[low]
    foot = ll.row + ll.depth == rows
    for d in MOVES:
        du, dl = lu.depth + d, ll.depth - d
        for nu in _needs(shapes[up].get((lu.span, du), ()), False):
            for nl in _needs(shapes[low].get((ll.span, dl), ()), foot):
                trial = dict(leaves)
                trial[up] = lu._replace(depth=du, need=nu)
                trial[low] = ll._replace(row=lu.row + du, depth=dl, need=nl)
                yield trial


def _needs(alts, foot: bool) -> list[Need]:
    return [n for n in ((a.foot if foot else a.mid) for a in alts) if n is not None]


def score(blocks: dict[str, Block], leaves: dict[str, Leaf], st: Setting,
          memo: dict | None = None) -> dict:
    """Every term of the composition `leaves`; `memo`: kept while one page is composed (the
    pair costs of the ~2,000 candidates scored a broadsheet page are mostly the same pairs)."""
    placed = list(st.fixed_placed) + [_placed(blocks[bid], lf) for bid, lf in leaves.items()]
    fit = sum(shape_cost(lf.need, st.weights)
              for lf in leaves.values())
    terms = total(placed, fit, (st.rows, st.cols), st.weights,
                  None if memo is None else memo.setdefault(("pairs", st.weights), {}))
    moved = sum(st.weights.moved for bid, lf in leaves.items()
                if st.hints.get(bid) not in (None, (lf.row, lf.col, lf.span, lf.depth)))
    terms["moved"] = moved
    terms["total"] += moved
    return terms


def _placed(b: Block, lf: Leaf) -> Placed:
    return needs.placed(b, lf.need, (lf.row, lf.col, lf.span, lf.depth))


# -- free rectangles, composed by the slicing programme ------------------------------------
ORDERS = 40        # block orders tried per page: rank order first, then the nearest to it


def _sliced(blocks: list[Block], st: Setting, memos: tuple) -> list:
    """Each order of `orders(blocks)` cut into runs, one run per free rectangle, each run
    composed by its rectangle's programme (one Slicer per rectangle: the orders share its
    profiles, and so do the calls that share the profiles in `memos`); the best three of
    each rectangle combined and scored in full (`memos`: the profiles, the pair costs)."""
    memo, scores = memos
    rects = regions.free_rects(list(st.fixed), st.rows, st.cols)
    if not rects:
        return []
    rects.sort(key=lambda r: (r.row, r.col))
    by_id = {b.id: b for b in blocks}
    slicers = [Slicer(tuple(blocks), Rect(r.row, r.col, r.span, r.depth,
                                          r.row + r.depth == st.rows),
                      (st.rows, st.cols), st.weights, memo) for r in rects]
    out, seen = [], set()
    for seq in orders(blocks):
        for cuts in regions.shares(len(blocks), len(rects)):
            found = [sl.best(seq[a:z], 3) for sl, a, z in zip(slicers, cuts, cuts[1:])]
            if not all(found):
                continue
            for combo in product(*found):
                leaves = {blocks[lf.block].id: lf for _, lvs in combo for lf in lvs}
                key = tuple(sorted((k, lf.row, lf.col, lf.span, lf.depth)
                                   for k, lf in leaves.items()))
                if key not in seen:
                    seen.add(key)
                    out.append((score(by_id, leaves, st, scores), leaves))
    return out


def orders(blocks: list[Block], limit: int = ORDERS) -> list[tuple[int, ...]]:
    """The orders the slicing programme tries (a part holds a run of consecutive blocks of
    the order, module docstring of arrange.slicing): the rank order; then orders where some
    headed blocks change places with the next one (each block at most one place from its
    rank: the score's order term prices the change, and a page that fills exactly with
    stories 2 and 3 swapped beats one that lacks copy); and the run of pictures of their own
    (rank order puts them last) moved up among the stories. Fewest changes first, `limit`
    in all."""
    headed = [i for i, b in enumerate(blocks) if b.kind in HEADED]
    rest = [i for i, b in enumerate(blocks) if b.kind not in HEADED]
    found = []
    for swaps, seq in _swapped(headed):
        for at in range(len(seq), 0 if rest else len(seq) - 1, -1):
            found.append((swaps + (len(seq) - at) / 2, tuple(seq[:at] + rest + seq[at:])))
    found.sort(key=lambda t: t[0])
    return [seq for _, seq in found[:limit]]


def _swapped(seq: list[int]) -> list[tuple[int, list[int]]]:
    """Every order of `seq` made by swapping disjoint pairs of neighbours, with the number
    of swaps (Fibonacci many: 8 for 5 blocks, 89 for 10)."""
    if len(seq) < 2:
        return [(0, list(seq))]
    keep = [(n, [seq[0]] + s) for n, s in _swapped(seq[1:])]
    swap = [(n + 1, [seq[1], seq[0]] + s) for n, s in _swapped(seq[2:])]
    return keep + swap


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
