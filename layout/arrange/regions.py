"""The free area of a page as rectangles, and the blocks shared out among them.

The blocks that stay (the editor's locked places, the footer box, later ads) cut the grid
into pieces. When straight cuts right across the page (or across a piece) separate them —
as they do on a page whose fixed blocks are a masthead ad, a footer, a locked lead — every
free piece is a rectangle, composed on its own (arrange.slicing); the blocks, in rank order,
are shared out among the pieces in reading order (top first, then left), each piece taking
a run of them. When no straight cuts separate the fixed blocks, there is no such split and
the caller falls back to the cell-by-cell search (arrange.search).
"""
from __future__ import annotations

from itertools import combinations
from typing import Iterator, NamedTuple


class Box(NamedTuple):
    row: int
    col: int
    depth: int
    span: int


def free_rects(fixed: list[Box], rows: int, cols: int) -> list[Box] | None:
    """The free rectangles left by the fixed boxes, or None when they cannot be separated by
    straight cuts."""
    out: list[Box] = []
    return out if _split(Box(0, 0, rows, cols), fixed, out) else None


def _inside(b: Box, r: Box) -> Box | None:
    row, col = max(b.row, r.row), max(b.col, r.col)
    end_r, end_c = min(b.row + b.depth, r.row + r.depth), min(b.col + b.span, r.col + r.span)
    return Box(row, col, end_r - row, end_c - col) if end_r > row and end_c > col else None


def _split(region: Box, fixed: list[Box], out: list[Box]) -> bool:
    parts = [p for p in (_inside(b, region) for b in fixed) if p is not None]
    if not parts:
        out.append(region)
        return True
    if len(parts) == 1 and parts[0] == region:
        return True                        # the region is one fixed block
    for cut in _cuts(region, parts):
        if all(_split(piece, fixed, out) for piece in cut):
            return True
    return False


def _cuts(region: Box, parts: list[Box]) -> Iterator[tuple[Box, Box]]:
    """Straight cuts through the region along a fixed block's edge that cross no fixed
    block: across (a row) first, then down (a column)."""
    r0, r1 = region.row, region.row + region.depth
    for y in sorted({p.row for p in parts} | {p.row + p.depth for p in parts}):
        if r0 < y < r1 and not any(p.row < y < p.row + p.depth for p in parts):
            yield (Box(r0, region.col, y - r0, region.span),
                   Box(y, region.col, r1 - y, region.span))
            return
    c0, c1 = region.col, region.col + region.span
    for x in sorted({p.col for p in parts} | {p.col + p.span for p in parts}):
        if c0 < x < c1 and not any(p.col < x < p.col + p.span for p in parts):
            yield (Box(region.row, c0, region.depth, x - c0),
                   Box(region.row, x, region.depth, c1 - x))
            return


def shares(n: int, pieces: int, limit: int = 64) -> Iterator[tuple[int, ...]]:
    """Ways to share n blocks in rank order among the pieces, each taking a run of at least
    one: the cut points (at most `limit` ways, fewest-first order)."""
    if pieces > n:
        return
    for k, cuts in enumerate(combinations(range(1, n), pieces - 1)):
        if k >= limit:
            return
        yield (0, *cuts, n)
