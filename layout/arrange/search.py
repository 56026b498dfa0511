"""The search: every block a rectangle of whole columns × rows, the free area tiled exactly,
at the least cost (arrange.score).

A branch-and-bound over exact tilings. In an exact tiling the first free cell in reading
order (top row first, then left to right) is always the top-left corner of some block, so the
search fills that cell at each step with one of the remaining blocks in one of its shapes
(arrange.needs): every tiling is reached exactly once, and every later block starts on that
row or below — which gives the bound on what the rest can still cost (each remaining block's
cheapest fit, and its rank weight × the current row). Children are tried cheapest first, so
the first leaf is what a greedy placement would give; the search then keeps improving on it
until the node budget is spent (a count, not a time: the same input gives the same page on
any machine). Dead ends are cut early: the free cells must be coverable by the remaining
blocks' smallest and largest shapes.

In: the grid (rows × columns, fixed cells taken), the blocks with their shapes, the weights.
Out: the best `Solution` found (None when no exact tiling exists within the shapes given)
with its cost split by term, and how many nodes it took.
"""
from __future__ import annotations

from typing import NamedTuple

from layout.arrange import needs
from layout.arrange.needs import Alt, Block, Need
from layout.arrange.score import (HEADED, Placed, Weights, cut_cost, pair_cost, shape_cost,
                                  position_cost, rank_weight)


class Problem(NamedTuple):
    rows: int
    cols: int
    taken: tuple[int, ...]            # per column, a bitmask of the rows already taken
    blocks: tuple[Block, ...]
    fixed: tuple[Placed, ...]         # blocks that stay, for the pairwise terms
    hints: dict                       # block id -> (row, col, span, depth) placed before
    weights: Weights = Weights()
    budget: int = 6000                # nodes


class Choice(NamedTuple):
    block: int                        # index into Problem.blocks
    alt: Alt
    need: Need
    row: int
    col: int


class Solution(NamedTuple):
    cost: float
    choices: tuple[Choice, ...]
    terms: dict                       # cost by term: fit, position, pairs, cuts, moved
    nodes: int
    complete: bool                    # False when the budget ran out before the end


def solve(pb: Problem) -> Solution | None:
    s = _Search(pb)
    s.run()
    return s.best


class _Search:
    def __init__(self, pb: Problem):
        self.pb, self.w = pb, pb.weights
        self.grid = (pb.rows, pb.cols)
        self.full = (1 << pb.rows) - 1
        self.cols = list(pb.taken)
        self.free = sum(pb.rows - bin(c & self.full).count("1") for c in pb.taken)
        self.min_fit = [min(self._fit(a.mid or a.foot, b) for a in b.alts) if b.alts else 0.0
                        for b in pb.blocks]
        self.area = [(min(a.span * a.depth for a in b.alts), max(a.span * a.depth for a in b.alts))
                     if b.alts else (0, 0) for b in pb.blocks]
        self.best: Solution | None = None
        self.nodes = 0
        self.stack: list[Choice] = []
        self.placed: list[Placed] = list(pb.fixed)

    def _fit(self, need: Need, block: Block) -> float:
        return shape_cost(need, self.w)

    # -- the walk ---------------------------------------------------------------------
    def run(self) -> None:
        self._walk(frozenset(range(len(self.pb.blocks))), 0.0)

    def _walk(self, left: frozenset, cost: float) -> None:
        self.nodes += 1
        if self.nodes > self.pb.budget:
            return
        cell = self._first_free()
        if cell is None or not left:
            if cell is None and not left:
                self._leaf(cost)
            return
        r, c = cell
        rest = {b: self.min_fit[b] + self._row_bound(b, r) for b in left}
        bound = sum(rest.values())
        if self.best is not None and cost + bound >= self.best.cost:
            return
        for inc, choice, placed in self._children(left, r, c):
            if (self.best is not None
                    and cost + inc + bound - rest[choice.block] >= self.best.cost):
                continue                      # what is left cannot beat the best page
            self._place(choice, placed)
            self._walk(left - {choice.block}, cost + inc)
            self._unplace()
            if self.nodes > self.pb.budget:
                return

    def _row_bound(self, b: int, r: int) -> float:
        blk = self.pb.blocks[b]
        k = rank_weight(blk.order) if blk.kind in HEADED else 0.25
        return k * self.w.top * r / self.pb.rows

    def _first_free(self) -> tuple[int, int] | None:
        best = None
        for c, x in enumerate(self.cols):
            z = (~x & (x + 1)).bit_length() - 1
            if z < self.pb.rows and (best is None or z < best[0]):
                best = (z, c)
        return best

    def _room(self, r: int, c: int) -> list[int]:
        """depth[k] = free rows from r down in column c + k, for the run of columns whose
        row r is free."""
        out = []
        for k in range(c, self.pb.cols):
            x = self.cols[k] >> r
            if x & 1:
                break
            out.append((x & -x).bit_length() - 1 if x else self.pb.rows - r)
        return out

    def _children(self, left: frozenset, r: int, c: int) -> list:
        room = self._room(r, c)
        deepest = []
        d = 1 << 30
        for run in room:
            d = min(d, run)
            deepest.append(d)                 # deepest[s-1]: max depth of a span-s block
        free_after = self.free
        rest_min = sum(self.area[b][0] for b in left)
        rest_max = sum(self.area[b][1] for b in left)
        out = []
        for b in sorted(left):
            blk = self.pb.blocks[b]
            lo, hi = self.area[b]
            for alt in blk.alts:
                if alt.span > len(deepest) or alt.depth > deepest[alt.span - 1]:
                    continue
                a = alt.span * alt.depth
                # the cells left must still be coverable by the blocks left
                if not rest_min - lo <= free_after - a <= rest_max - hi:
                    continue
                need = alt.foot if r + alt.depth == self.pb.rows else alt.mid
                if need is None:
                    continue
                choice = Choice(b, alt, need, r, c)
                placed = self._placed(choice)
                out.append((self._cost(choice, placed), choice, placed))
        out.sort(key=lambda t: (t[0], t[1].block, t[1].alt.span, t[1].alt.depth))
        return out

    def _placed(self, ch: Choice) -> Placed:
        return needs.placed(self.pb.blocks[ch.block], ch.need,
                            (ch.row, ch.col, ch.alt.span, ch.alt.depth))

    def _cost(self, ch: Choice, placed: Placed) -> float:
        blk = self.pb.blocks[ch.block]
        cost = self._fit(ch.need, blk) + position_cost(placed, self.grid, self.w)
        for other in self.placed:
            cost += pair_cost(other, placed, self.w)
        hint = self.pb.hints.get(blk.id)
        if hint is not None and hint != (ch.row, ch.col, ch.alt.span, ch.alt.depth):
            cost += self.w.moved
        return cost

    def _place(self, ch: Choice, placed: Placed) -> None:
        mask = ((1 << ch.alt.depth) - 1) << ch.row
        for k in range(ch.col, ch.col + ch.alt.span):
            self.cols[k] |= mask
        self.free -= ch.alt.span * ch.alt.depth
        self.stack.append(ch)
        self.placed.append(placed)

    def _unplace(self) -> None:
        ch = self.stack.pop()
        self.placed.pop()
        mask = ((1 << ch.alt.depth) - 1) << ch.row
        for k in range(ch.col, ch.col + ch.alt.span):
            self.cols[k] &= ~mask
        self.free += ch.alt.span * ch.alt.depth

    def _leaf(self, cost: float) -> None:
        composed = self.placed[len(self.pb.fixed):]
        total = cost + cut_cost(self.placed, self.grid, self.w)
        if self.best is None or total < self.best.cost - 1e-9:
            self.best = Solution(total, tuple(self.stack), self._terms(composed),
                                 self.nodes, True)

    def _terms(self, composed: list[Placed]) -> dict:
        """The cost of the solution split by term, for the report."""
        w, terms = self.w, {}
        terms["fit"] = sum(self._fit(ch.need, self.pb.blocks[ch.block]) for ch in self.stack)
        terms["position"] = sum(position_cost(p, self.grid, w) for p in composed)
        pairs = 0.0
        for i, p in enumerate(self.placed):
            for q in self.placed[i + 1:]:
                if not (p.fixed and q.fixed):
                    pairs += pair_cost(p, q, w)
        terms["pairs"] = pairs
        terms["cuts"] = cut_cost(self.placed, self.grid, w)
        terms["moved"] = sum(w.moved for ch in self.stack
                             if self.pb.hints.get(self.pb.blocks[ch.block].id) not in
                             (None, (ch.row, ch.col, ch.alt.span, ch.alt.depth)))
        return terms
