"""Composing a free rectangle of the grid as a modular page: a slicing structure whose
depths are found by dynamic programming, so every column stack fills the rectangle exactly.

A modular page (模块式版面) is made of rectangles; the pages editors draw are, almost always,
rectangles stacked into columns and columns set side by side, recursively — a slicing
structure: a block; or a stack of parts of one width, one under the other; or parts of one
height side by side. The blocks come in rank order (the lead first), and a part that is
higher up or further left holds the more important blocks (the upper left is the strongest
place: docs/newspaper-conventions.md#composing-a-page), so every part holds a run of
consecutive blocks in rank order: parts are (first, last) ranges, and the structures of the
whole page are found by a dynamic programme over ranges × widths.

For each range and width the programme keeps, for every depth 0…H, the least cost of
composing the range exactly that deep (a profile): a block's profile is its fit at each depth
(arrange.needs); a stack's is the min-plus convolution of its parts' profiles, plus what the
lower part's blocks lose by sitting lower (the rank → position term is linear in the row, so
it is exact here); side by side, the parts' profiles add, plus what the right part loses by
sitting further right, plus 碰题 where two headed blocks start level across the gutter. The
bottom part of a stack that reaches the foot of the grid is composed with its blocks at the
foot (no rule row under the last block). Everything else the score counts (order, size,
hierarchy, photos, straight cuts) is counted on the finished candidates (arrange.score), the
best few structures of the whole rectangle being rebuilt and scored in full.

Which blocks a part holds follows from the order the blocks are given in; the rank order is
one such order, and the composer tries a few others (arrange.choose): the profiles are kept
by the blocks a part holds (a tuple of block indices), so orders that share runs of blocks
share their profiles and each further order costs only what is new in it.

In: the blocks, the rectangle, the weights; then an order of the blocks. Out: candidate
compositions, each a list of (block, row, column, span, depth, Need), best first by the
programme's cost.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from layout.arrange.needs import Block, Need
from layout.arrange.score import HEADED, Weights, rank_weight, shape_cost

INF = math.inf
QUIET_PARTS = 6     # the most blocks a part asked to be quiet at its top left may hold: the
                    # side stories that part 碰题 are a block or a short stack (on generated
                    # broadsheets 3, 11, 14 and 16 the same pages as with no limit, in
                    # 12-18 % less CPU; at 4, page 16 put a larger photo lower)


class Rect(NamedTuple):
    row: int          # 0-based top row
    col: int          # 0-based left column
    span: int         # columns
    depth: int        # rows
    foot: bool        # its bottom is the foot of the grid


class Leaf(NamedTuple):
    block: int
    row: int
    col: int
    span: int
    depth: int
    need: Need


class _Profile(NamedTuple):
    cost: np.ndarray        # [h] least cost at depth h
    how: np.ndarray         # [h] -> the split used (an index into splits)
    splits: tuple           # descriptors: ("leaf", …) | ("stack", …) | ("side", …)
    padded: np.ndarray      # [2h] the cost, then infinite (a stack's lower part, shifted)
    finite: np.ndarray      # the depths it can take (where the cost is finite)


class _Part(NamedTuple):
    """What the programme asks of a part's blocks together, computed once a part."""
    wsum: float             # their rank weights
    headed: int             # how many have a headline
    minspan: int            # the widest of their narrowest shapes
    area: int               # the least area they take together
    corners: tuple          # the top-right flags its blocks can give: (True,) when every
                            # block has a headline, else (False, True)


class Slicer:
    """The programme for one rectangle (module docstring). A part is a tuple of block
    indices (into `blocks`) in the order being tried."""

    def __init__(self, blocks: tuple[Block, ...], rect: Rect, grid: tuple[int, int],
                 weights: Weights = Weights(), shared: dict | None = None):
        self.blocks, self.rect, self.w = blocks, rect, weights
        self.rows, self.cols = grid
        self.H = rect.depth
        h = np.arange(self.H + 1)
        self.idx = h[None, :] - h[:, None]           # [h1, h] -> h - h1
        self.h = h
        self.parts: dict[tuple, _Part] = {}
        self.memo = self._kept(shared, (rect, grid, weights))
        self.kw = [rank_weight(b.order) if b.kind in HEADED else 0.25 for b in blocks]
        self.headed = [b.kind in HEADED for b in blocks]
        self.quiet = [not hd or any(not _level(hd, n) for a in b.alts for n in (a.mid, a.foot)
                                    if n is not None) for b, hd in zip(blocks, self.headed)]
        self.minspan = [min(a.span for a in b.alts) if b.alts else 99 for b in blocks]
        self.area = [min((a.span * a.depth for a in b.alts), default=0) for b in blocks]

    def _kept(self, shared: dict | None, key: tuple) -> dict:
        """The profiles of an earlier programme on the same rectangle (`shared`, kept by the
        caller) whose parts hold only blocks that are the same objects as now: a profile
        depends on nothing but its blocks' shapes, the rectangle and the weights."""
        if shared is None:
            return {}
        before, memo = shared.get(key, ((), {}))
        if len(before) != len(self.blocks) or any(
                a.id != b.id or a.order != b.order for a, b in zip(before, self.blocks)):
            memo = {}
        else:
            new = {i for i, (a, b) in enumerate(zip(before, self.blocks)) if a is not b}
            if new:
                memo = {k: v for k, v in memo.items() if new.isdisjoint(k[0])}
        shared[key] = (self.blocks, memo)
        return memo

    def _wsum(self, part: tuple) -> float:
        return self._part(part).wsum

    def _part(self, part: tuple) -> _Part:
        got = self.parts.get(part)
        if got is None:
            headed = sum(self.headed[b] for b in part)
            got = self.parts[part] = _Part(sum(self.kw[b] for b in part), headed,
                                           max(self.minspan[b] for b in part),
                                           sum(self.area[b] for b in part),
                                           (True,) if headed == len(part) else (False, True))
        return got

    # -- profiles ---------------------------------------------------------------------
    # A profile is kept per (part, width, foot, top-right, quiet): `tr` says whether the
    # block at the top right corner of the part has a horizontal headline in the shape
    # chosen for it (a 竖题's or a framed story's does not line up: score.pair_terms), so
    # that a part set to its right knows whether two headlines would meet level across the
    # gutter (碰题); `quiet` asks that the block at the top left corner — the part's first
    # block (module docstring) — have no such headline: the right part of a side-by-side
    # split whose left part has one at its top right.
    def profile(self, part: tuple, w: int, foot: bool, tr: bool,
                quiet: bool = False) -> _Profile | None:
        if quiet and not self.headed[part[0]]:
            quiet = False                       # a picture at the top left is quiet anyway
        key = (part, w, foot, tr, quiet)
        got = self.memo.get(key, self)
        if got is not self:
            return got
        self.memo[key] = None
        if not self._possible(part, w, tr) or quiet and (
                not self.quiet[part[0]] or len(part) > QUIET_PARTS):
            return None
        cands = self._leaf(part[0], w, foot, (tr, quiet)) if len(part) == 1 else []
        for k in range(1, len(part)):
            cut = (part[:k], part[k:])
            cands += (self._stack(cut, (w, foot, tr, quiet))
                      + self._side(cut, (w, foot, tr, quiet)))
        if not cands:
            return None
        costs = np.stack([c for c, _ in cands])
        best = costs.argmin(axis=0)
        cost = costs[best, np.arange(self.H + 1)]
        prof = _Profile(cost, best, tuple(d for _, d in cands),
                        np.concatenate([cost, np.full(self.H + 1, INF)]),
                        np.flatnonzero(np.isfinite(cost)))
        self.memo[key] = prof
        return prof

    def _possible(self, part: tuple, w: int, tr: bool) -> bool:
        """Whether the part could be `w` wide at all (its narrowest shapes, its least area)
        with a block of that kind at its top right (a part of headed blocks only has no
        top right without a headline: half the programme's keys on a page without pictures
        of their own, each otherwise found impossible by trying every split)."""
        p = self._part(part)
        return p.minspan <= w and p.area <= w * self.H and tr in p.corners

    def _leaf(self, b: int, w: int, foot: bool, corner: tuple) -> list:
        """The block alone in its shapes whose headline lines up with others (a horizontal
        one, not turned or framed) as `corner` asks: (tr, quiet) — one block makes both
        corners, so a quiet one is never level."""
        tr, quiet = corner
        if self.headed[b] != tr:
            return []
        cost = np.full(self.H + 1, INF)
        pick: dict[int, Need] = {}
        for a in self.blocks[b].alts:
            need = a.foot if foot else a.mid
            if a.span != w or need is None or a.depth > self.H or quiet and _level(
                    self.headed[b], need):
                continue
            c = shape_cost(need, self.w)
            # equal costs: the larger headline (a lead's step up, else the default size)
            old = pick.get(a.depth)
            if c < cost[a.depth] or c == cost[a.depth] and need.step < old.step:
                cost[a.depth], pick[a.depth] = c, need
        return [(cost, ("leaf", b, w, pick))] if pick else []

    def _stack(self, cut: tuple, part: tuple) -> list:
        """cut[0] above cut[1], both `w` wide; the top part makes both top corners."""
        upper, lower = cut
        w, foot, tr, quiet = part
        top = self.profile(upper, w, False, tr, quiet)
        if top is None:
            return []
        # the min-plus convolution over the depths the upper part can take only: a profile
        # is finite at a few depths (a block fits a few), so this is |finite| x H, not H x H
        fin = top.finite
        if not fin.size:
            return []
        lin = self._wsum(lower) * self.w.top / self.rows
        rows = top.cost[fin, None] + lin * fin[:, None]
        out = []
        for low_tr in self._part(lower).corners:
            low = self.profile(lower, w, foot, low_tr)
            if low is None:
                continue
            vals = rows + low.padded[self.idx[fin]]
            at = vals.argmin(axis=0)
            out.append((vals[at, self.h], ("stack", cut, (w, foot, tr, quiet, low_tr), fin[at])))
        return out

    def _side_terms(self, cut: tuple) -> tuple[float, float, float]:
        """What the score will count that a side-by-side split decides, as (a constant, a
        cost a column of the left part's width, a cost when the right part is the wider):
        the right part's first block reading before the left part's blocks under its top
        one (order); the right part's blocks sitting further right (by the left width); a
        right part wider than the left setting less important blocks wider. 碰题 is added
        by `_side` where the left part's top-right headline meets the right part's first."""
        left, right = cut
        pl, pr = self._part(left), self._part(right)
        below = self.w.order * (pl.headed - self.headed[left[0]]) if self.headed[right[0]] else 0.0
        return below, pr.wsum * self.w.left, self.w.bigger * pr.headed

    # The right part beside a left part with a level headline at its top right: quiet (its
    # first block turned, framed or no story), or not — then 碰题 is counted if its first
    # block has a headline at all (over-counted when its best shape is quiet, but then the
    # quiet candidate is as cheap and is taken): the least of the three is exact.
    SIDES = ((False, False, False), (True, True, False), (True, False, True))   # ltr, quiet, clash
    PICTURE = ((False, False, False), (True, False, False))     # a picture's first: no 碰题

    def _side(self, cut: tuple, part: tuple) -> list:
        """cut[0] beside cut[1], one height, widths w1 + (w - w1); the left part makes the
        top-left corner, the right part the top-right one."""
        left_part, right_part = cut
        w, foot, tr, quiet = part
        out = []
        lo = self._part(left_part).minspan
        hi = w - self._part(right_part).minspan
        sides = self.SIDES if self.headed[right_part[0]] else self.PICTURE
        below, per_col, wider = self._side_terms(cut)
        for w1 in range(lo, hi + 1):
            terms = self._side_cost((below, per_col, wider), (w1, w), False)
            clashed = self._side_cost((below, per_col, wider), (w1, w), True)
            for ltr, rquiet, clash in sides:
                right = self.profile(right_part, w - w1, foot, tr, rquiet)
                if right is None:
                    continue
                left = self.profile(left_part, w1, foot, ltr, quiet)
                if left is None:
                    continue
                out.append((left.cost + right.cost + (clashed if clash else terms),
                            ("side", cut, (w1, w, foot, tr, quiet, ltr, rquiet, clash))))
        return out

    def _side_cost(self, terms: tuple, widths: tuple, clash: bool) -> float:
        """The terms `_side` adds for a split whose `_side_terms` are `terms` at widths
        (w1, w) (summed in one order: the programme's ties break the same every time)."""
        (w1, w), (below, per_col, wider) = widths, terms
        return ((self.w.collision if clash else 0.0) + below
                + (wider if w - w1 > w1 else 0.0) + per_col * w1 / self.cols)

    # -- the compositions -------------------------------------------------------------
    def best(self, order: tuple | None = None, count: int = 4) -> list[tuple[float, list[Leaf]]]:
        """The best `count` compositions of the whole rectangle with the blocks in `order`
        (indices; default the given order), distinct at the top level, by the programme's
        cost."""
        part = tuple(order) if order is not None else tuple(range(len(self.blocks)))
        r = self.rect
        top = self._wsum(part) * (self.w.top * r.row / self.rows + self.w.left * r.col / self.cols)
        cands = []
        for tr in self._part(part).corners:
            root = self.profile(part, r.span, r.foot, tr)
            if root is None or not np.isfinite(root.cost[self.H]):
                continue
            for s, desc in enumerate(root.splits):
                cost = self._split_cost(desc, self.H)
                if np.isfinite(cost):
                    cands.append((cost + top, tr, s, desc))
        cands.sort(key=lambda t: (t[0], t[1], t[2]))
        out = []
        for cost, _, _, desc in cands[:count]:
            leaves: list[Leaf] = []
            self._rebuild_split(desc, r.row, r.col, self.H, leaves)
            out.append((float(cost), leaves))
        return out

    def _split_cost(self, desc, h: int) -> float:
        kind = desc[0]
        if kind == "leaf":
            need = desc[3].get(h)
            return INF if need is None else shape_cost(need, self.w)
        if kind == "stack":
            _, (upper, lower), (w, foot, tr, quiet, low_tr), arg = desc
            h1 = int(arg[h])
            top, low = self.profile(upper, w, False, tr, quiet), self.profile(lower, w, foot, low_tr)
            if h - h1 < 0:
                return INF
            lin = self._wsum(lower) * self.w.top / self.rows
            return float(top.cost[h1] + lin * h1 + low.cost[h - h1])
        _, cut, (w1, w, foot, tr, quiet, ltr, rquiet, clash) = desc
        left = self.profile(cut[0], w1, foot, ltr, quiet)
        right = self.profile(cut[1], w - w1, foot, tr, rquiet)
        return float(left.cost[h] + right.cost[h]
                     + self._side_cost(self._side_terms(cut), (w1, w), clash))

    def _rebuild(self, key: tuple, at: tuple[int, int, int], out: list[Leaf]) -> None:
        row, col, h = at
        prof = self.profile(*key)
        self._rebuild_split(prof.splits[int(prof.how[h])], row, col, h, out)

    def _rebuild_split(self, desc, row: int, col: int, h: int, out: list[Leaf]) -> None:
        kind = desc[0]
        if kind == "leaf":
            _, b, w, pick = desc
            out.append(Leaf(b, row, col, w, h, pick[h]))
        elif kind == "stack":
            _, (upper, lower), (w, foot, tr, quiet, low_tr), arg = desc
            h1 = int(arg[h])
            self._rebuild((upper, w, False, tr, quiet), (row, col, h1), out)
            self._rebuild((lower, w, foot, low_tr), (row + h1, col, h - h1), out)
        else:
            _, (left, right), (w1, w, foot, tr, quiet, ltr, rquiet, _) = desc
            self._rebuild((left, w1, foot, ltr, quiet), (row, col, h), out)
            self._rebuild((right, w - w1, foot, tr, rquiet), (row, col + w1, h), out)


def _level(headed: bool, need: Need) -> bool:
    """A headline that lines up with one beside it: horizontal and not framed."""
    return headed and not (need.vertical or need.boxed)
