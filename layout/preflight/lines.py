"""Lines of text as drawn, rebuilt from the glyphs read back, each tied to the block, the
paragraph (segment) and the characters of the input it holds.

Place in the pipeline: after `fidelity.attribute` and the alignment; input of the Chinese line
rules and of the baseline-grid check. A line is a run of glyphs in drawing order that stays in
one block, on one baseline (within ½ em: a glyph nudged off its line is still part of it and
the grid check reports it), with the pen moving forwards (judged by the origin and the ink
together: a compressed opening mark may start left of a narrow glyph before it). Where the glyphs are characters of
the input, a line also stays in one paragraph (every paragraph, heading and name starts a
line) and, for text flowed in columns, in one column of its block (from the grid: a one-line
column beside another on the same baseline is two lines); justification may then open any gap
inside it (a line holding a long Latin word). Glyphs not in the input break a line at a gap
wider than 1¼ em (the 1-em space after a 电头 stays inside it). Engines draw a column's lines
one after another, so two columns never merge (as in the independent audit tool, pdfaudit.py).

Whether a line opens or closes its paragraph comes from the input, not from indents: the line
holding the first (last) character of a paragraph is its first (last) line.
"""
from __future__ import annotations

import collections
from bisect import bisect_right
from typing import NamedTuple

from layout.preflight.expect import PageExpect
from layout.preflight.fidelity import Attribution
from layout.preflight.pdfread import Glyph, PdfPage

GAP_EM = 1.25         # between glyphs not in the input: a wider gap on one baseline breaks
BASE_JUMP_EM = 0.5    # a baseline further than this from the previous glyph's starts one
FLOWED = frozenset({"body", "byline", "credit", "title", "jump"})   # set in the block's columns


class Line(NamedTuple):
    glyphs: tuple[Glyph, ...]
    block: int           # index into PageExpect.blocks, or fidelity.FURNITURE / NOWHERE
    base: float          # the baseline most of its glyphs sit on
    size: float          # the size most of its glyphs have
    seg: int             # segment of its block, -1 when no glyph of it is in the input
    role: str            # the segment's role, "" when unknown
    first: bool          # holds the first character of its segment (paragraph)
    last: bool           # holds the last character of its segment

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


def _mode(values: list[float]) -> float:
    """The most common value to 0.01 (a line's glyphs nearly always share one)."""
    first = values[0]
    if values.count(first) == len(values):
        return round(first, 2)
    return collections.Counter(round(v, 2) for v in values).most_common(1)[0][0]


def _make(run: list[Glyph], block: int, exp: PageExpect, at: Attribution) -> Line:
    base, size = _mode([g.base for g in run]), _mode([g.size for g in run])
    seg, role, first, last = -1, "", False, False
    of = at.pos
    pos = [p for p in (of[g.i] for g in run) if p >= 0]
    if pos and block >= 0:
        b = exp.blocks[block]
        lo = min(pos)
        seg = b.segment_at(lo)
        if seg >= 0:
            s = b.segments[seg]
            role, first, last = s.role, lo == s.start, max(pos) >= s.end - 1
    return Line(tuple(run), block, base, size, seg, role, first, last)


def _where(exp: PageExpect, at: Attribution):
    """where(g, block) -> (segment, role, column frame) of a glyph: -1/"" when it is not
    aligned to the input, frame -1 when the role is not flowed in the block's columns.
    Segment starts are bisected and each segment's role looked up once; a closure over
    lists, called for every glyph of the page (~4,400)."""
    of = at.pos
    blocks = exp.blocks
    starts = [[s.start for s in b.segments] for b in blocks]
    ends = [[s.end for s in b.segments] for b in blocks]
    roles = [[s.role for s in b.segments] for b in blocks]
    frames = [[(k, x, x + w) for k, (x, w) in enumerate(b.frames)] for b in blocks]

    def where(g: Glyph, block: int) -> tuple[int, str, int]:
        pos = of[g.i]
        if block < 0 or pos < 0:
            return _UNALIGNED
        seg = bisect_right(starts[block], pos) - 1
        if seg < 0 or pos >= ends[block][seg]:
            seg = blocks[block].segment_at(pos)    # segments not tiling the text
        role = roles[block][seg] if seg >= 0 else ""
        if role not in FLOWED:
            return seg, role, -1
        cx = (g.ink_x0 + g.ink_x1) / 2
        half = 0.5 * g.size
        for k, x0, x1 in frames[block]:
            if x0 - half <= cx <= x1 + half:
                return seg, role, k
        return seg, role, -1
    return where


_UNALIGNED = (-1, "", -1)


def _breaks(g: Glyph, p: Glyph, here, there) -> bool:
    """Does glyph g start another line than p, the glyph drawn before it?"""
    em = max(g.size, p.size, 1.0)
    if abs(g.base - p.base) > BASE_JUMP_EM * em:
        return True
    if g.x0 < p.x0 - 0.1 and g.ink_x1 < p.ink_x1 - 0.1:
        # the pen went back. Its origin alone is not enough: an opening mark whose blank left
        # half was squeezed out starts left of a narrow Latin "[" or "(" before it, while its
        # ink stays to the right of it (docs/typesetting-rules.md §2.1)
        return True
    if here[0] >= 0 and there[0] >= 0:
        # both in the input: a paragraph (segment) always starts a line, a line never leaves
        # its column; inside that, justification may open any gap (a long Latin word)
        return here[0] != there[0] or here[2] != there[2]
    return g.x0 - p.x1 > GAP_EM * em


def build_lines(page: PdfPage, exp: PageExpect, at: Attribution) -> list[Line]:
    lines: list[Line] = []
    run: list[Glyph] = []
    block, there = None, None
    where = _where(exp, at)
    glyphs, owners = page.glyphs, at.block
    for i in at.visible:
        g = glyphs[i]
        owner = owners[i]
        here = where(g, owner)
        if run and (owner != block or _breaks(g, run[-1], here, there)):
            lines.append(_make(run, block, exp, at))
            run = []
        if not run:
            block = owner
        run.append(g)
        there = here
    if run:
        lines.append(_make(run, block, exp, at))
    return lines
