"""Flow a story's composed lines down the columns of its block, balanced.

A block's body is a chain of column regions of equal depth (rows of the page grid). Lines run
down column 1, then column 2 …; the columns are balanced so that all are equally deep and only
the last may be shorter (typesetting-rules.md §4, #adjustments_of_orphans_and_widows). What does
not fit is returned as overset, never dropped: the caller reports it.
Flow rules kept here: a heading line (小标题) is never the last line of a column (背题), and a
paragraph's last line does not stand alone at the top of a column (widow) when moving one more
line across fixes it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .compose import Line


@dataclass(frozen=True)
class FlowLine:
    line: Line
    kind: str                 # body, title, byline, credit
    keep_with_next: bool = False
    para_first: bool = False
    para_last: bool = False


@dataclass(frozen=True)
class Flowed:
    columns: tuple[tuple[FlowLine, ...], ...]
    overset: tuple[FlowLine, ...]


def _fill(lines: tuple[FlowLine, ...], ncols: int, depth: int,
          widows: bool = True) -> tuple[list[list[FlowLine]], int]:
    """Greedy fill to `depth` rows per column. Returns the columns and the index of the first
    line that did not fit."""
    cols: list[list[FlowLine]] = []
    i = 0
    for _ in range(ncols):
        take = min(depth, len(lines) - i)
        # 背题: a heading may not end a column; move it (and what it keeps with) across.
        while take > 0 and i + take < len(lines) and lines[i + take - 1].keep_with_next:
            take -= 1
        # widow: a paragraph's last line alone at the top of the next column
        if (widows and 0 < take < len(lines) - i and take > 2 and lines[i + take].para_last
                and not lines[i + take].para_first and not lines[i + take - 1].para_first):
            take -= 1
        cols.append(list(lines[i:i + take]))
        i += take
    return cols, i


def balance(lines: tuple[FlowLine, ...], ncols: int, capacity: int) -> Flowed:
    """Shallowest depth <= capacity at which everything fits; at capacity, the rest is overset."""
    if not lines:
        return Flowed(tuple(() for _ in range(ncols)), ())
    depth = max(1, -(-len(lines) // ncols))
    while depth < capacity:
        cols, used = _fill(lines, ncols, depth)
        if used == len(lines):
            return Flowed(tuple(tuple(c) for c in cols), ())
        depth += 1
    cols, used = _fill(lines, ncols, capacity)
    if used < len(lines):   # a full block: fitting the copy matters more than a widow
        cols, used = _fill(lines, ncols, capacity, widows=False)
    return Flowed(tuple(tuple(c) for c in cols), tuple(lines[used:]))
