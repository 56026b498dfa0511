"""What layout hands to the writers: immutable placed items per page, in page coordinates
(pt, origin at the top-left corner of the trimmed page, y growing downwards). The PDF writer
and the text dump replay these and decide nothing.
"""
from __future__ import annotations

from typing import NamedTuple


from layout.compose import Line
from layout.page.formats import Format


class TextLine(NamedTuple):
    x: float            # where the line starts (its glyph x are relative to this)
    baseline: float
    line: Line
    kind: str           # body, headline, kicker, subhead, byline, title, banner, credit, folio …
    owner: str          # story or group id, or "page"
    gray: float = 0.0   # ink: 0 = solid black (100 % K), 1 = paper white (reversed type)


class Rule(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    owner: str


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: float | None      # gray level of the fill, None = no fill
    stroke: float | None    # stroke width in pt, None = no stroke
    owner: str


class Image(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    path: str           # drawn scaled to fit inside the frame, centred, aspect kept
    owner: str


class Marker(NamedTuple):
    """A proof mark, not part of the page: `overset` is drawn at the foot of a block whose
    copy did not fit (only when the editor built with --allow-overset)."""
    x: float
    y: float
    size: float
    kind: str
    owner: str


class Fit(NamedTuple):
    """How a story's copy fits its block, in the units editors cut copy by."""
    owner: str
    columns: int
    capacity_lines: int     # body lines the block holds (all its columns)
    used_lines: int         # body lines the copy needs
    chars: int              # characters of copy
    overset_lines: int      # lines that did not fit (0 when it fits)
    overset_chars: int
    line_chars: int = 0     # characters in one full body line of the block
    widows: int = 0         # widows the block had no room to avoid (flow.balance)

    @property
    def capacity_chars(self) -> int:
        return self.capacity_lines * self.line_chars

    @property
    def empty_lines(self) -> int:
        return max(0, self.capacity_lines - self.used_lines)


class PageLayout(NamedTuple):
    number: int
    name: str
    format: Format
    items: tuple            # TextLine | Rule | Box | Image | Marker, in drawing order
    fits: tuple[Fit, ...]
