"""Flow a story's composed lines down the columns of its block, balanced.

A block's body is a chain of column regions of equal depth (rows of the page grid). Lines run
down column 1, then column 2 …; the columns are balanced so that all are equally deep and only
the last may be shorter (docs/typesetting-rules.md §4, #adjustments_of_orphans_and_widows). What does
not fit is returned as overset, never dropped: the caller reports it.
Flow rules kept here: a heading line (小标题) is never the last line of a column (背题), and a
paragraph's last line does not stand alone at the top of a column (widow) when moving one more
line across fixes it.
"""
from __future__ import annotations

from typing import NamedTuple


from layout.compose import Line


class FlowLine(NamedTuple):
    line: Line
    kind: str                 # body, title, byline, credit
    keep_with_next: bool = False
    para_first: bool = False
    para_last: bool = False
    para: int = 0             # the unit of the block it belongs to (items.TextLine.para)


class Flowed(NamedTuple):
    columns: tuple[tuple[FlowLine, ...], ...]
    overset: tuple[FlowLine, ...]
    widows: int = 0      # columns that open with a widow the block had no room to avoid


def _fill(lines: tuple[FlowLine, ...], rooms: list[int],
          widows: bool = True) -> tuple[list[int], int]:
    """Greedy fill, column k taking at most rooms[k] lines. Returns the lines each column
    takes and the index of the first line that did not fit (the columns themselves are cut
    once, at the depth chosen: _columns)."""
    takes: list[int] = []
    i = 0
    for room in rooms:
        take = min(room, len(lines) - i)
        # 背题: a heading may not end a column, and keeps at least two lines of its text
        # under it (docs/typesetting-rules.md §4.3): move it across with what follows.
        while take > 0 and i + take < len(lines) and (
                lines[i + take - 1].keep_with_next
                or (take > 1 and lines[i + take - 2].keep_with_next
                    and not lines[i + take - 1].para_last)):
            take -= 1
        # widow: a paragraph's last line alone at the top of the next column
        if (widows and 0 < take < len(lines) - i and take > 2 and lines[i + take].para_last
                and not lines[i + take].para_first and not lines[i + take - 1].para_first):
            take -= 1
        takes.append(take)
        i += take
    return takes, i


def _columns(lines: tuple[FlowLine, ...], takes: list[int]) -> tuple[tuple[FlowLine, ...], ...]:
    out, i = [], 0
    for take in takes:
        out.append(lines[i:i + take])
        i += take
    return tuple(out)


def _balanced(takes: list[int], rooms: list[int], filled_cols: int) -> bool:
    """Every column before the last one holding text is full: only the last may be shorter;
    and as many columns hold text as at the shallowest depth: a column is never emptied to
    dodge a widow (7 lines in 3 columns stay 3 + 3 + 1, not 4 + 3 + 0)."""
    filled = [k for k, t in enumerate(takes) if t]
    return (len(filled) == filled_cols
            and all(takes[k] == rooms[k] for k in filled[:-1]))


def numbered(lines) -> tuple[FlowLine, ...]:
    """The lines with their unit of the block counted from 0 in reading order: every line
    that opens a paragraph, a 小标题, a byline or a credit starts the next one."""
    out, n = [], -1
    new = tuple.__new__          # fl._replace(para=n) without its Python frames (~6,000 a
    for fl in lines:             # build of 16 pages: ~5 ms)
        if fl.para_first or n < 0:
            n += 1
        out.append(new(FlowLine, fl[:5] + (n,)))
    return tuple(out)


def _rooms(depth: int, tops: tuple[int, ...]) -> list[int]:
    return [max(0, depth - t) for t in tops]


def balance(lines: tuple[FlowLine, ...], ncols: int, capacity: int,
            tops: tuple[int, ...] = ()) -> Flowed:
    """The shallowest depth <= capacity at which everything fits, the columns are balanced and
    the flow rules hold. When no depth allows all of that, balance and fit win over the widow
    rule; at capacity, whatever does not fit is overset. `tops`: rows taken at the top of each
    column (a story's picture above some of its columns); all columns end on the same row."""
    tops, lines = tuple(tops) or (0,) * ncols, tuple(lines)     # a tuple: not copied
    if not lines:
        return Flowed(tuple(() for _ in range(ncols)), ())
    start = max(1, -(-len(lines) // ncols) if not any(tops) else _shallowest(len(lines), tops))
    rooms0 = _rooms(start, tops)
    filled_cols = _columns_needed(len(lines), rooms0)
    for widows in (True, False):
        for depth in range(start, max(start, capacity) + 1):
            if depth > capacity:
                break
            rooms = _rooms(depth, tops)
            takes, used = _fill(lines, rooms, widows)
            if used == len(lines) and _balanced(takes, rooms, filled_cols):
                cols = _columns(lines, takes)
                return Flowed(cols, (), _count_widows(cols))
    takes, used = _fill(lines, _rooms(capacity, tops), widows=False)
    cols = _columns(lines, takes)
    return Flowed(cols, tuple(lines[used:]), _count_widows(cols))


def _shallowest(n: int, tops: tuple[int, ...]) -> int:
    """The least depth whose columns hold n lines. Once every column is deeper than its
    top, a row more holds one line more in each: the depth is found by dividing, a
    bisection only when that depth is not below every top (the page composer asks this some
    10,000 times a page; a line at a time it was a fifth of measuring a page of pictures,
    by bisection still 5 % of a broadsheet of pictures' measuring)."""
    lo = max(1, min(tops) + 1)              # holds at least one line
    # columns - each deeper than its top - hold d·columns − Σ tops lines: a bound above
    hi = max(lo, -(-(n + sum(tops)) // len(tops)))
    if hi > max(tops):                      # a row less holds fewer than n: hi is the least
        return hi
    while lo < hi:
        mid = (lo + hi) // 2
        if sum(max(0, mid - t) for t in tops) < n:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _columns_needed(n: int, rooms: list[int]) -> int:
    """Columns holding text when n lines fill `rooms` in order (columns with no room at all,
    wholly under a picture, are not counted)."""
    held, count = 0, 0
    for room in rooms:
        if held >= n:
            break
        if room:
            count += 1
            held += room
    return count


def _count_widows(cols: list[list[FlowLine]]) -> int:
    """Columns after the first that open with the lone last line of a paragraph begun in the
    column before: reported to the editor (a row more, or a cut, removes them)."""
    return sum(1 for prev, col in zip(cols, cols[1:])
               if prev and col and col[0].para_last and not col[0].para_first)
