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

For each range and width the programme keeps, for every depth 0…H the range can take, the
least cost of composing it exactly that deep (a profile): a block's profile is its fit at
each depth (arrange.needs); a stack's is the min-plus convolution of its parts' profiles,
plus what the lower part's blocks lose by sitting lower (the rank → position term is linear
in the row, so it is exact here); side by side, the parts' profiles add, plus what the right
part loses by sitting further right, plus 碰题 where two headed blocks start level across the
gutter. The bottom part of a stack that reaches the foot of the grid is composed with its
blocks at the foot (no rule row under the last block). Everything else the score counts
(order, size, hierarchy, photos, straight cuts) is counted on the finished candidates
(arrange.score), the best few structures of the whole rectangle being rebuilt and scored in
full.

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

from layout.arrange.needs import Block, Need
from layout.arrange.score import HEADED, Weights, rank_weight, shape_cost

INF = math.inf
_MISS = object()    # a profile not yet computed (None: computed, impossible)
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
    """A part's least cost at each depth it can take. Kept sparse, in plain Python: a part
    takes ~14 of a broadsheet's ~100 depths (a block fits a few), and numpy's arrays of all
    depths cost more in calls than in arithmetic (generated broadsheets 3 and 16, old and new
    alternating: the programme 2.2 -> 1.1 s CPU; the same compositions on 34 pages)."""
    cost: dict              # depth -> least cost
    how: dict               # depth -> the split used (an index into splits)
    splits: tuple           # descriptors: ("leaf", …) | ("stack", …) | ("side", …)
    items: tuple            # (depth, cost) of the depths it can take, ascending
    mask: int               # the depths as bits (bit h: depth h), to test two parts at once


class _Part:
    """A part — a run of blocks (indices into the programme's blocks) in the order being
    tried — with what the programme asks of its blocks together, computed once a part, its
    cuts into two runs, and its profiles. One object a run: the programme looks parts up by
    object, not by their tuple of blocks (a tuple's hash is computed anew at each lookup:
    ~1.4 million lookups composing a broadsheet page)."""
    __slots__ = ("blocks", "first", "wsum", "headed", "minspan", "area", "corners", "cuts",
                 "rows")

    def __init__(self, blocks: tuple, sl: "Slicer"):
        self.blocks, self.first = blocks, blocks[0]
        self.wsum = sum(sl.kw[b] for b in blocks)             # their rank weights
        self.headed = sum(sl.headed[b] for b in blocks)       # how many have a headline
        self.minspan = max(sl.minspan[b] for b in blocks)     # the widest narrowest shape
        self.area = sum(sl.area[b] for b in blocks)           # the least area they take
        # the top-right flags its blocks can give: (True,) when every block has a headline
        self.corners = (True,) if self.headed == len(blocks) else (False, True)
        self.cuts: tuple | None = None     # (upper or left part, lower or right part) by k
        # profiles by foot * 4 + tr * 2 + quiet, each a list by width (_MISS: not computed)
        self.rows: list = [None] * 8


class Slicer:
    """The programme for one rectangle (module docstring). A part is a `_Part`: a run of
    block indices (into `blocks`) in the order being tried."""

    def __init__(self, blocks: tuple[Block, ...], rect: Rect, grid: tuple[int, int],
                 weights: Weights = Weights(), shared: dict | None = None):
        self.blocks, self.rect, self.w = blocks, rect, weights
        self.rows, self.cols = grid
        self.H = rect.depth
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
                memo = {k: v for k, v in memo.items() if new.isdisjoint(k)}
        shared[key] = (self.blocks, memo)
        return memo

    def part(self, blocks: tuple) -> _Part:
        """The part holding these blocks (the same object every time)."""
        got = self.memo.get(blocks)
        if got is None:
            got = self.memo[blocks] = _Part(blocks, self)
        return got

    def _cuts(self, p: _Part) -> tuple:
        if p.cuts is None:
            b = p.blocks
            p.cuts = tuple((self.part(b[:k]), self.part(b[k:])) for k in range(1, len(b)))
        return p.cuts

    # -- profiles ---------------------------------------------------------------------
    # A profile is kept per (part, width, foot, top-right, quiet): `tr` says whether the
    # block at the top right corner of the part has a horizontal headline in the shape
    # chosen for it (a 竖题's or a framed story's does not line up: score.pair_terms), so
    # that a part set to its right knows whether two headlines would meet level across the
    # gutter (碰题); `quiet` asks that the block at the top left corner — the part's first
    # block (module docstring) — have no such headline: the right part of a side-by-side
    # split whose left part has one at its top right.
    def profile(self, part: _Part, w: int, foot: bool, tr: bool,
                quiet: bool = False) -> _Profile | None:
        if quiet and not self.headed[part.first]:
            quiet = False                       # a picture at the top left is quiet anyway
        row = self._row(part, (foot, tr, quiet))
        got = row[w]
        if got is not _MISS:
            return got
        row[w] = None
        if not self._possible(part, w, tr) or quiet and (
                not self.quiet[part.first] or len(part.blocks) > QUIET_PARTS):
            return None
        # the candidates (splits) in a fixed order, each lowering the least cost at the
        # depths it reaches only where it is strictly cheaper: at equal costs the first
        # candidate stays, and within a stack the shallowest upper part (ties break the same
        # every time)
        acc = ([INF] * (self.H + 1), {}, [])    # cost by depth, how, splits
        if len(part.blocks) == 1:
            self._leaf(part.first, w, foot, (tr, quiet), acc)
        for cut in self._cuts(part):
            self._stack(cut, (w, foot, tr, quiet), acc)
            self._side(cut, (w, foot, tr, quiet), acc)
        cost, how, splits = acc
        items = tuple((h, cost[h]) for h in sorted(how))     # the depths reached
        if not items:
            return None
        prof = row[w] = _Profile(dict(items), how, tuple(splits), items,
                                 sum(1 << h for h, _ in items))
        return prof

    def _row(self, part: _Part, key: tuple) -> list:
        """The part's profiles for one (foot, tr, quiet), by width (`_MISS`: not yet
        computed)."""
        foot, tr, quiet = key
        at = foot * 4 + tr * 2 + quiet
        row = part.rows[at]
        if row is None:
            row = part.rows[at] = [_MISS] * (self.rect.span + 1)
        return row

    def _possible(self, p: _Part, w: int, tr: bool) -> bool:
        """Whether the part could be `w` wide at all (its narrowest shapes, its least area)
        with a block of that kind at its top right (a part of headed blocks only has no
        top right without a headline: half the programme's keys on a page without pictures
        of their own, each otherwise found impossible by trying every split)."""
        return p.minspan <= w and p.area <= w * self.H and tr in p.corners

    def _leaf(self, b: int, w: int, foot: bool, corner: tuple, acc: tuple) -> None:
        """The block alone in its shapes whose headline lines up with others (a horizontal
        one, not turned or framed) as `corner` asks: (tr, quiet) — one block makes both
        corners, so a quiet one is never level."""
        tr, quiet = corner
        if self.headed[b] != tr:
            return
        cost, how, splits = acc
        pick: dict[int, Need] = {}
        for a in self.blocks[b].alts:
            need = a.foot if foot else a.mid
            if a.span != w or need is None or a.depth > self.H or quiet and _level(
                    self.headed[b], need):
                continue
            c = shape_cost(need, self.w)
            # equal costs: the larger headline (a lead's step up, else the default size)
            old = cost[a.depth]
            if c < old or c == old and need.step < pick[a.depth].step:
                cost[a.depth], pick[a.depth], how[a.depth] = c, need, 0
        if pick:
            splits.append(("leaf", b, w, pick))

    def _stack(self, cut: tuple, part: tuple, acc: tuple) -> None:
        """cut[0] above cut[1], both `w` wide; the top part makes both top corners: the
        min-plus convolution of their profiles over the depths each can take (~60 pairs a
        stack on a broadsheet), plus what the lower part's blocks lose by sitting lower."""
        upper, lower = cut
        w, foot, tr, quiet = part
        top = self.profile(upper, w, False, tr, quiet)
        if top is None:
            return
        lin = lower.wsum * self.w.top / self.rows
        cost, how, splits = acc
        for low_tr in lower.corners:
            low = self.profile(lower, w, foot, low_tr)
            if low is None:
                continue
            s = len(splits)
            splits.append(("stack", cut, (w, foot, tr, quiet, low_tr)))
            pairs = low.items
            for h1, c1 in top.items:
                upto, base = self.H - h1, c1 + lin * h1
                for h2, c2 in pairs:
                    if h2 > upto:
                        break
                    v, h = base + c2, h1 + h2
                    if v < cost[h]:
                        cost[h], how[h] = v, s

    def _side_terms(self, cut: tuple) -> tuple[float, float, float]:
        """What the score will count that a side-by-side split decides, as (a constant, a
        cost a column of the left part's width, a cost when the right part is the wider):
        the right part's first block reading before the left part's blocks under its top
        one (order); the right part's blocks sitting further right (by the left width); a
        right part wider than the left setting less important blocks wider. 碰题 is added
        by `_side` where the left part's top-right headline meets the right part's first."""
        pl, pr = cut
        below = (self.w.order * (pl.headed - self.headed[pl.first])
                 if self.headed[pr.first] else 0.0)
        return below, pr.wsum * self.w.left, self.w.bigger * pr.headed

    # The candidates of a side-by-side split at each width, as (the left part's top right
    # level, the right part quiet, 碰题 counted): (False, False, False); then, the right
    # part's first block headed, (True, True, False) and (True, False, True) — beside a
    # level headline the right part is quiet (its first block turned, framed or no story),
    # or not and 碰题 is counted (over-counted when its best shape is quiet, but then the
    # quiet candidate is as cheap and is taken: the least of the three is exact); a picture
    # first, (True, False, False): no 碰题.

    def _side(self, cut: tuple, part: tuple, acc: tuple) -> None:
        """cut[0] beside cut[1], one height, widths w1 + (w - w1); the left part makes the
        top-left corner, the right part the top-right one. The candidates, for each w1, in
        the order of the comment above, written out, with the memo's rows read here, not
        through `profile` (nearly all are found): ~64,000 widths and ~12,000 candidates
        composing the broadsheet sample (the loop over a table of candidates cost ~8 % of
        arranging generated broadsheets 3 and 9 and the sample). `quiet` is already
        normalised for the left part's first block (the part's own); the right part's is
        headed wherever a quiet one is asked."""
        left_part, right_part = cut
        w, foot, tr, quiet = part
        headed = self.headed[right_part.first]
        below, per_col, wider = self._side_terms(cut)
        collision, cols, profile = self.w.collision, self.cols, self.profile
        rrow = self._row(right_part, (foot, tr, False))
        rquiet = self._row(right_part, (foot, tr, True)) if headed else None
        lrow = self._row(left_part, (foot, False, quiet))
        ltrow = self._row(left_part, (foot, True, quiet))
        for w1 in range(left_part.minspan, w - right_part.minspan + 1):
            w2 = w - w1
            right = rrow[w2]
            if right is _MISS:
                right = profile(right_part, w2, foot, tr, False)
            quiet_right = None
            if headed:
                quiet_right = rquiet[w2]
                if quiet_right is _MISS:
                    quiet_right = profile(right_part, w2, foot, tr, True)
            if right is None and quiet_right is None:
                continue
            # `_side_cost`'s sums, in its order (ties break the same every time)
            wide = wider if w2 > w1 else 0.0
            col_cost = per_col * w1 / cols
            plain = below + wide + col_cost
            key = (w1, w, foot, tr, quiet)
            left = level = _MISS
            if right is not None:               # (False, False, False): no level headline
                left = lrow[w1]
                if left is _MISS:
                    left = profile(left_part, w1, foot, False, quiet)
                self._beside(left, right, plain, acc, ("side", cut, key + (False, False, False)))
            if headed:
                if quiet_right is not None:     # (True, True, False): the right part quiet
                    level = ltrow[w1]
                    if level is _MISS:
                        level = profile(left_part, w1, foot, True, quiet)
                    self._beside(level, quiet_right, plain, acc,
                                 ("side", cut, key + (True, True, False)))
                if right is not None:           # (True, False, True): 碰题 counted
                    if level is _MISS:
                        level = ltrow[w1]
                        if level is _MISS:
                            level = profile(left_part, w1, foot, True, quiet)
                    self._beside(level, right, collision + below + wide + col_cost, acc,
                                 ("side", cut, key + (True, False, True)))
            elif right is not None:             # a picture first: (True, False, False)
                level = ltrow[w1]
                if level is _MISS:
                    level = profile(left_part, w1, foot, True, quiet)
                self._beside(level, right, plain, acc, ("side", cut, key + (True, False, False)))

    @staticmethod
    def _beside(left, right, terms: float, acc: tuple, desc: tuple) -> None:
        """A side-by-side candidate: both parts at each depth both can take (none when the
        left part is impossible or shares no depth with the right one)."""
        if left is None or not left.mask & right.mask:
            return
        cost, how, splits = acc
        s = len(splits)
        splits.append(desc)
        rc = right.cost
        for h, c in left.items:
            c2 = rc.get(h)
            if c2 is not None:
                v = c + c2 + terms
                if v < cost[h]:
                    cost[h], how[h] = v, s

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
        part = self.part(tuple(order) if order is not None else tuple(range(len(self.blocks))))
        r = self.rect
        top = part.wsum * (self.w.top * r.row / self.rows + self.w.left * r.col / self.cols)
        cands = []
        for tr in part.corners:
            root = self.profile(part, r.span, r.foot, tr)
            if root is None or self.H not in root.cost:
                continue
            for s, desc in enumerate(root.splits):
                cost = self._split_cost(desc, self.H)
                if cost < INF:
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
            return self._stacked_at(desc, h)[0]
        _, cut, (w1, w, foot, tr, quiet, ltr, rquiet, clash) = desc
        left = self.profile(cut[0], w1, foot, ltr, quiet)
        right = self.profile(cut[1], w - w1, foot, tr, rquiet)
        if h not in left.cost or h not in right.cost:
            return INF
        return left.cost[h] + right.cost[h] + self._side_cost(self._side_terms(cut), (w1, w),
                                                              clash)

    def _stacked_at(self, desc: tuple, h: int) -> tuple[float, int]:
        """A stack's least cost at depth h and its upper part's depth (the shallowest of
        equal ones, as `_stack` found it)."""
        _, (upper, lower), (w, foot, tr, quiet, low_tr) = desc
        top, low = self.profile(upper, w, False, tr, quiet), self.profile(lower, w, foot, low_tr)
        lin = lower.wsum * self.w.top / self.rows
        best, at = INF, -1
        for h1, c1 in top.items:
            c2 = low.cost.get(h - h1)
            if c2 is not None and c1 + lin * h1 + c2 < best:
                best, at = c1 + lin * h1 + c2, h1
        return best, at

    def _rebuild(self, key: tuple, at: tuple[int, int, int], out: list[Leaf]) -> None:
        row, col, h = at
        prof = self.profile(*key)
        self._rebuild_split(prof.splits[prof.how[h]], row, col, h, out)

    def _rebuild_split(self, desc, row: int, col: int, h: int, out: list[Leaf]) -> None:
        kind = desc[0]
        if kind == "leaf":
            _, b, w, pick = desc
            out.append(Leaf(b, row, col, w, h, pick[h]))
        elif kind == "stack":
            _, (upper, lower), (w, foot, tr, quiet, low_tr) = desc
            h1 = self._stacked_at(desc, h)[1]
            self._rebuild((upper, w, False, tr, quiet), (row, col, h1), out)
            self._rebuild((lower, w, foot, low_tr), (row + h1, col, h - h1), out)
        else:
            _, (left, right), (w1, w, foot, tr, quiet, ltr, rquiet, _) = desc
            self._rebuild((left, w1, foot, ltr, quiet), (row, col, h), out)
            self._rebuild((right, w - w1, foot, tr, rquiet), (row, col + w1, h), out)


def _level(headed: bool, need: Need) -> bool:
    """A headline that lines up with one beside it: horizontal and not framed."""
    return headed and not (need.vertical or need.boxed)
