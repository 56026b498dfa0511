"""Text wrap around a picture (图文互斥): body lines beside a photo whose width is not whole
columns shorten to whole characters and stay on the baseline grid.

A story's picture (the page composer decides its Area: x, width, rows) takes its rows of the
columns it covers. A column it covers only in part keeps its rows beside the picture, each
line shortened to the whole characters left between the column's edge and the picture, less
a standoff of 1 em (house style, STANDOFF_EM): the text stays on the column's own edge (the
block's text column) and on its row's baseline (docs/typesetting-rules.md §4: one grid for
all body text), its other edge is ragged against the photo by less than one character. Text
never runs on both sides of a picture (a reader would not know which side to read first):
the wider side keeps it; a side narrower than MIN_CHARS characters holds none.

    wrap_slots   the line positions of a block's columns around its pictures, in reading
                 order (column by column, top down)
    fill_slots   paragraphs set into those positions, each line at its slot's measure — a
                 paragraph crossing from full to shortened lines is broken again at the new
                 measure from where the last line ended

The composer sets one measure per paragraph (compose.compose_paragraph); a change of measure
inside a paragraph is made here by composing what is left of it again, without its first-line
indent. Balancing is not done across a picture: the slots are filled in order.
"""
from __future__ import annotations

import math
from typing import NamedTuple, Sequence

from layout.compose import Line, Run, compose_paragraph

STANDOFF_EM = 1.0     # house style: one character of white between a photo and the text beside it
MIN_CHARS = 4         # a line beside a photo holds at least 4 characters, or the row stays empty


class Slot(NamedTuple):
    """One line position: its left edge, its grid row (1-based) and its measure in pt."""
    x: float
    row: int
    measure: float
    column: int           # index of the block's column it belongs to


class Placed(NamedTuple):
    slot: Slot
    line: Line
    para: int             # index of the paragraph it belongs to
    para_first: bool
    para_last: bool


def wrap_slots(frames: Sequence[tuple[float, float]], first_row: int, rows: int, fmt,
               areas: Sequence) -> list[Slot]:
    """Slots of `rows` rows from `first_row` in each column (x, width) of `frames`, around
    the pictures' `areas` (page.pictures.Area: x, w, row, rows), in reading order."""
    em = fmt.em
    out: list[Slot] = []
    for k, (cx, cw) in enumerate(frames):
        for r in range(first_row, first_row + rows):
            x0, x1 = cx, cx + cw
            for a in areas:
                if not a.row <= r < a.row + a.rows:
                    continue
                ax0, ax1 = a.x - STANDOFF_EM * em, a.x + a.w + STANDOFF_EM * em
                if ax1 <= x0 or ax0 >= x1:
                    continue                       # this picture is beside another column
                left, right = max(0.0, ax0 - x0), max(0.0, x1 - ax1)
                if left >= right:
                    x1 = x0 + left                 # text on the left, against the column edge
                else:
                    x0 = x1 - right                # text on the right, ending on the edge
            chars = math.floor((x1 - x0) / em + 1e-6)
            if chars >= min(MIN_CHARS, round(cw / em)):
                if x0 > cx:                          # right of a picture: flush with the
                    x0 = x1 - chars * em             # column's right edge, whole characters
                out.append(Slot(x0, r, chars * em, k))
    return out


def _rest(runs: Sequence[Run], consumed: str) -> tuple[Run, ...]:
    """The runs after the characters of `consumed` (the text of the lines set so far, break
    spaces dropped): the source is walked matching them, spaces it skipped included."""
    text = "".join(r.text for r in runs)
    i = 0
    for ch in consumed:
        while i < len(text) and text[i] != ch and text[i].isspace():
            i += 1
        i += 1
    while i < len(text) and text[i].isspace():
        i += 1
    out, start = [], 0
    for r in runs:
        end = start + len(r.text)
        if end > i:
            out.append(r._replace(text=r.text[max(0, i - start):]))
        start = end
    return tuple(out)


def fill_slots(paragraphs: Sequence[Sequence[Run]], slots: Sequence[Slot], metrics,
               settings) -> tuple[list[Placed], int]:
    """Set the paragraphs into the slots in order; returns the placed lines and the index of
    the first paragraph not set whole (len(paragraphs) when all fit). `settings`: the body's
    compose.Settings (its indent for each paragraph's first line)."""
    placed: list[Placed] = []
    s = 0
    for p, runs in enumerate(paragraphs):
        runs, first = tuple(runs), True
        while runs:
            if s >= len(slots):
                return placed, p
            measure = slots[s].measure
            lines = compose_paragraph(runs, measure, metrics,
                                      settings if first else settings._replace(indent=0.0))
            if not lines:
                break
            # the lines that keep this measure: up to the next slot of another width
            n = 1
            while (n < len(lines) and s + n < len(slots)
                   and abs(slots[s + n].measure - measure) < 1e-6):
                n += 1
            last = n == len(lines)
            for j in range(n):
                placed.append(Placed(slots[s + j], lines[j], p, first and j == 0,
                                     last and j == n - 1))
            s += n
            if last:
                break
            runs = _rest(runs, "".join(ln.text for ln in lines[:n]))
            first = False
    return placed, len(paragraphs)


def wrap_items(placed: Sequence[Placed], fmt, owner: str, kind: str = "body",
               para_base: int = 0) -> list:
    """The placed lines as items: each on the body baseline of its slot's row (the page's
    one grid, docs/typesetting-rules.md §4); `para_base`: the owner's unit number of the
    first paragraph (items.TextLine.para)."""
    from layout.page.blocks import band_baseline
    from layout.page.items import TextLine
    return [TextLine(p.slot.x, band_baseline(fmt.row_y(p.slot.row), fmt.pitch, fmt.body_size),
                     p.line, kind, owner, para=para_base + p.para) for p in placed]
