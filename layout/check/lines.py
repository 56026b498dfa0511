"""Lines of text as drawn, rebuilt from the glyphs read back, each tied to the block, the
paragraph (segment) and the characters of the input it holds.

Place in the pipeline: after `fidelity.attribute` and the alignment; input of the Chinese line
rules and of the baseline-grid check. A line is a run of glyphs in drawing order that stays in
one block, on one baseline (within ½ em: a glyph nudged off its line is still part of it and
the grid check reports it), with the pen moving forwards and no gap wider than 1¼ em (the
1-em space after a 电头 stays inside its line; the 1½-em gaps between the names of the
co-organiser box do not). Engines draw a column's lines one after another, so two columns on
one baseline never merge (the same rule as ../shared/tools/pdfaudit.py).

Whether a line opens or closes its paragraph comes from the input, not from indents: the line
holding the first (last) character of a paragraph is its first (last) line.
"""
from __future__ import annotations

import collections
from dataclasses import dataclass

from .expect import PageExpect
from .fidelity import Attribution
from .pdfread import Glyph, PdfPage

GAP_EM = 1.25         # a wider gap on one baseline starts another line
BASE_JUMP_EM = 0.5    # a baseline further than this from the previous glyph's starts one


@dataclass(frozen=True)
class Line:
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


def _mode(values) -> float:
    return collections.Counter(round(v, 2) for v in values).most_common(1)[0][0]


def _make(run: list[Glyph], block: int, exp: PageExpect, at: Attribution) -> Line:
    base, size = _mode(g.base for g in run), _mode(g.size for g in run)
    seg, role, first, last = -1, "", False, False
    pos = [at.pos[g.i] for g in run if at.pos[g.i] >= 0]
    if pos and block >= 0:
        b = exp.blocks[block]
        seg = b.segment_at(min(pos))
        if seg >= 0:
            s = b.segments[seg]
            role, first, last = s.role, min(pos) == s.start, max(pos) >= s.end - 1
    return Line(tuple(run), block, base, size, seg, role, first, last)


def build_lines(page: PdfPage, exp: PageExpect, at: Attribution) -> list[Line]:
    lines: list[Line] = []
    run: list[Glyph] = []
    block = None
    for i in at.visible:
        g = page.glyphs[i]
        if run:
            p = run[-1]
            em = max(g.size, p.size, 1.0)
            if (at.block[i] != block or abs(g.base - p.base) > BASE_JUMP_EM * em
                    or g.x0 < p.x0 - 0.1 or g.x0 - p.x1 > GAP_EM * em):
                lines.append(_make(run, block, exp, at))
                run = []
        if not run:
            block = at.block[i]
        run.append(g)
    if run:
        lines.append(_make(run, block, exp, at))
    return lines
