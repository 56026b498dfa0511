"""A block fills itself: the copyfitter's levers inside one rectangle.

When a block's copy leaves whole rows empty at its foot, or runs a line or two over, an editor
does not leave the hole or cut the copy first; in the order editors reach for them
(docs/newspaper-conventions.md#copyfitting):

  1. air: the heading zone takes up to `MAX_AIR` more rows (more white around the headline,
     house style) — whole rows the body does not need;
  2. looseness: paragraphs are set one line longer (拉行: their lines a little looser, within
     the composer's limits) to fill the last lines, or one line shorter (挤行: punctuation
     compressed to pull a line up) to take back a line or two over — each paragraph by at
     most one line (compose.looseness), the longest first; a paragraph that can be set a line
     longer only with a gap over the limits of docs/typesetting-rules.md §3.6 (a Han gap over
     ¼ em, a word space over 1 em) after every other.

The choice: the least air and fewest changed paragraphs that leave no empty line, or failing
that one (the last column of a balanced block one line short is the rule, not a fault:
docs/typesetting-rules.md §4.4), or failing that as few as the levers can. The same choice is
made by the page composer when it measures a shape (arrange.needs) and by the block when it is
laid out (page.blocks), so a composed page is exactly full when it is drawn.

In: the block's paragraphs (as composer runs), its measure and the rows its body has. Out: a
`Fill`: the air rows and the paragraphs set longer or shorter, and the lines.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from layout.compose import Line, Settings, compose_paragraph
from layout.compose.looseness import set_in

MAX_AIR = 2         # house style: rows the heading zone may take beyond what its lines need
SEARCH = 12         # paragraphs tried for one line more or less (the longest first)


class Fill(NamedTuple):
    air: int = 0                       # rows added to the heading zone
    changes: tuple = ()                # (paragraph index, +1 or -1)


class Para(NamedTuple):
    """One paragraph to set: its runs, measure and settings (hashable: the variants are
    cached, so the composer and the block compute each once)."""
    runs: tuple
    measure: float
    settings: Settings


def natural(p: Para, metrics) -> tuple[Line, ...]:
    return _set(p, metrics, 0)


def variant(p: Para, metrics, delta: int) -> tuple[Line, ...] | None:
    """The paragraph one line longer (+1) or shorter (-1), or None when the rules forbid."""
    return _set(p, metrics, delta)


@lru_cache(maxsize=4096)
def _set_cached(p: Para, metrics, delta: int):
    if delta == 0:
        return compose_paragraph(p.runs, p.measure, metrics, p.settings)
    lines = _set_cached(p, metrics, 0)     # the natural setting, composed once (cached)
    if not lines:
        return lines
    return set_in(p.runs, p.measure, metrics, p.settings, len(lines) + delta)


def _set(p: Para, metrics, delta: int):
    try:
        return _set_cached(p, metrics, delta)
    except TypeError:                  # metrics not hashable (a test double): no cache
        return _set_cached.__wrapped__(p, metrics, delta)


def levers(paras: list[Para], metrics, wanted: int, more: int = 0) -> list[tuple[int, int]]:
    """Paragraphs that can change by `wanted`'s sign, at most |wanted| + `more` of them,
    longest first (a long paragraph spreads one line over more lines): (index, ±1)."""
    if wanted == 0:
        return []
    try:
        return list(_levers_cached(tuple(paras), metrics, wanted, more))
    except TypeError:                  # metrics not hashable (a test double): no cache
        return _levers(paras, metrics, wanted, more)


@lru_cache(maxsize=8192)
def _levers_cached(paras: tuple, metrics, wanted: int, more: int) -> tuple:
    return tuple(_levers(paras, metrics, wanted, more))


def _levers(paras, metrics, wanted: int, more: int) -> list[tuple[int, int]]:
    return list(islice(_candidates(paras, metrics, 1 if wanted > 0 else -1),
                       abs(wanted) + more))


def _candidates(paras, metrics, sign: int):
    """The paragraphs that can change by `sign`, longest first, each found by setting it a
    line longer or shorter (the costly part: a whole paragraph composed again). A variant that
    opens a loose line — a Han gap over ¼ em or a Latin word space over 1 em, the limits of
    docs/typesetting-rules.md §3.3/§3.6 (house style after GB/T 15834 and clreq), which every
    arrangement of its lines has (`Line.loose`, compose.looseness): more loose lines than
    the paragraph's own setting — comes after all the others: a block takes it only when the
    variants within the limits do not fill it. (A loose line the paragraph has anyway, e.g. a
    first line before a number too long to pull up, is no reason to pass it over.)"""
    order = sorted(range(len(paras)), key=lambda i: (-len(natural(paras[i], metrics)), i))
    loose = []
    for i in order[:SEARCH]:
        if len(natural(paras[i], metrics)) < 2 and sign < 0:
            continue
        lines = variant(paras[i], metrics, sign)
        if lines is None:
            continue
        if sum(ln.loose for ln in lines) > sum(ln.loose for ln in natural(paras[i], metrics)):
            loose.append(i)
        else:
            yield i, sign
    for i in loose:
        yield i, sign


class Levers:
    """`levers(paras, metrics, wanted, more)` found only as far as they are asked for: a
    block's fill (page.blocks) usually takes the first one or two, or none, and each one
    found costs a paragraph set again. The same paragraphs in the same order, numbered by
    `index` (the caller's number of each paragraph) when given."""

    def __init__(self, paras: list[Para], metrics, wanted: int, more: int, index=None):
        self.cap = abs(wanted) + more if wanted else 0
        self.found: list[tuple[int, int]] = []
        self._all = _found(paras, metrics, 1 if wanted > 0 else -1) if self.cap else None
        self._index = index

    def upto(self, n: int) -> bool:
        """Whether there are at least `n` levers (found until there are, or no more)."""
        while len(self.found) < min(n, self.cap):
            hit = self._all.get(len(self.found))
            if hit is None:
                self.cap = len(self.found)
                break
            self.found.append(hit if self._index is None else (self._index[hit[0]], hit[1]))
        return len(self.found) >= n


class _Found:
    """The candidates (_candidates) of some paragraphs in order, found as they are asked
    for and kept."""

    def __init__(self, paras, metrics, sign: int):
        self.paras, self.metrics = paras, metrics       # kept: the key is their ids
        self.items: list[tuple[int, int]] = []
        self._next = _candidates(paras, metrics, sign)

    def get(self, k: int) -> tuple[int, int] | None:
        while len(self.items) <= k and self._next is not None:
            hit = next(self._next, None)
            if hit is None:
                self._next = None
            else:
                self.items.append(hit)
        return self.items[k] if k < len(self.items) else None


_FOUND: dict = {}        # (ids of the paragraphs, sign) -> _Found


def _found(paras: list[Para], metrics, sign: int) -> _Found:
    """The candidates of these paragraphs (the very objects, in this order, with these
    metrics), shared by every Levers on them: the page composer fills a block's copy at
    ~1,400 depths measuring generated broadsheet 12, each fill looking for its levers by
    sorting the paragraphs by their lines and looking up their settings again (the cache's
    key hashes every run of a paragraph): a tenth of a fill."""
    key = (tuple(map(id, paras)), sign)
    hit = _FOUND.get(key)
    if (hit is not None and hit.metrics is metrics and len(hit.paras) == len(paras)
            and all(a is b for a, b in zip(hit.paras, paras))):
        return hit
    if len(_FOUND) > 20_000:
        _FOUND.clear()
    found = _FOUND[key] = _Found(list(paras), metrics, sign)
    return found


TRIES = 6          # fills tried in order of preference until one flows cleanly
SWAPS = 3          # sets of paragraphs tried for one fill when the first leaves a widow


def ranked(lines: int, held: dict[int, int], limits: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """(air rows, lines to add (+) or take away (−)), best first, for copy of `lines` lines
    in a body holding `held[air]` lines with `air` rows given to the heading; `limits`: how
    many lines the paragraphs can give (−) and take (+) at most. No line over first, then no
    empty line (else one: the last column one line short), then the fewest changed
    paragraphs, then the least air. The order depends on the lines only as the room left
    under each air: remembered by that (the page composer's fills ask it ~1,300 times on
    generated broadsheet 12, for a few hundred different rooms)."""
    return _ranked(tuple((air, room - lines) for air, room in held.items()), limits)


@lru_cache(maxsize=4096)
def _ranked(rooms: tuple[tuple[int, int], ...], limits: tuple[int, int]) -> tuple:
    take, give = limits
    out = []
    for air, room in rooms:
        for delta in range(-take, give + 1):
            spare = room - delta
            over = max(0, -spare)
            key = (over, spare > 1, 2 * max(0, spare) + abs(delta), air)
            out.append((key, air, delta))
    out.sort()
    return tuple((air, delta) for _, air, delta in out)


def best(lines: int, held: dict[int, int], limits: tuple[int, int]) -> tuple[int, int]:
    """`ranked(...)[0]` in closed form (the page composer asks it for thousands of shapes):
    per air, loosen as many paragraphs as empty lines allow (each one fills a line for the
    cost of one change), or tighten as many as lines run over. (Written without min, max
    and abs: ~15,000 calls a page of pictures, generated broadsheet 9.)"""
    take, give = limits
    top = None
    for air, room in held.items():
        spare = room - lines
        if spare >= 0:
            delta = give if give < spare else spare                     # min(give, spare)
        else:
            delta = -take if take < -spare else spare                   # -min(take, -spare)
        left = room - (lines + delta)
        key = (-left if left < 0 else 0, left > 1,
               (2 * left if left > 0 else 0) + (delta if delta >= 0 else -delta), air)
        if top is None or key < top[0]:
            top = (key, air, delta)
    return top[1], top[2]
