"""The Chinese line rules, checked on the lines as drawn.

Place in the pipeline: after `lines.build_lines`; reads only the lines read back from the PDF and
which paragraph of the input each holds. References (docs/typesetting-rules.md; clreq anchors):
  - line-start / line-end: clreq #prohibition_rules_for_line_start_end, GB level, with the
    strict rule for —— and ……; preflight.tables.NO_LINE_START / NO_LINE_END are the sets. The first line
    of a paragraph follows no break, so a paragraph may open with —— or a closing quote.
  - split-unit: —— and …… are one 2-em unit (GB/T 15834—2011 §5.1.5, §5.1.6).
  - orphan (孤字): a paragraph's last line holding one Han character, punctuation aside
    (clreq #adjustments_of_orphans_and_widows).
  - not-flush: every line of a justified paragraph but its last starts and ends at the measure
    (clreq #necessity_for_line_adjustment); the ink decides: an opening mark at a line start may
    hang its blank half before the column, a mark at a line end hangs its blank half after it.
  - line-end-uncompressed: a full-width mark at the end of a justified line takes ½ em
    (GB/T 15834 §5.1.10 "应"), so its ink, not its blank, meets the column edge.
  - marks-uncompressed: two adjacent marks drop the blank half between them: 。” and ”，
    take 1.5 em, 》《 1.5 em, ）、（ 2 em (clreq #punctuation_width_adjustment); marks
    whose ink already touches (“”) have no blank between them and are left alone.
Tolerance: 0.15 em on edges (the audit tool's), 0.1 em on a gap between marks.
"""
from __future__ import annotations

import unicodedata

from layout.preflight.tables import (NO_LINE_END, NO_LINE_START, UNITS, blank_halves, is_han,
                                     is_mark)
from layout.preflight.expect import PageExpect
from layout.preflight.findings import Finding
from layout.preflight.lines import Line
from layout.preflight.pdfread import Glyph

EDGE_TOL = 0.15
GAP_TOL = 0.1


def _marked(line: Line, a: int, b: int, before: Line | None = None) -> str:
    t = line.text
    s = f"{t[max(0, a - 12):a]}⟦{t[a:b]}⟧{t[b:b + 12]}"
    if before is not None and a == 0:
        s = f"{before.text[-6:]} / " + s
    return s


def _box(gs: list[Glyph]) -> tuple[float, float, float, float]:
    return (min(g.ink_x0 for g in gs), min(g.top for g in gs),
            max(g.ink_x1 for g in gs), max(g.bottom for g in gs))


def _frame(line: Line, exp: PageExpect) -> tuple[float, float]:
    """The column (x, x + width) the line is set in: the frame holding its middle glyph."""
    frames = exp.blocks[line.block].frames
    g = line.glyphs[len(line.glyphs) // 2]
    cx = (g.ink_x0 + g.ink_x1) / 2
    x, w = min(frames, key=lambda f: 0 if f[0] <= cx <= f[0] + f[1]
               else min(abs(cx - f[0]), abs(cx - f[0] - f[1])))
    return x, x + w


def _flush(line: Line, exp: PageExpect, owner: str) -> list[Finding]:
    em = line.size
    left, right = _frame(line, exp)
    g0, g1 = line.glyphs[0], line.glyphs[-1]
    out = []
    if not line.first and min(abs(g0.x0 - left), abs(g0.ink_x0 - left)) > EDGE_TOL * em:
        out.append(Finding(exp.number, owner, "not-flush",
                           f"the line starts {(g0.ink_x0 - left) / em:+.2f} em from the "
                           f"column edge", _marked(line, 0, 1), _box([g0])))
    br = blank_halves(g1.text)[1] if len(g1.text) == 1 else 0.0
    if abs(g1.ink_x1 - right) <= EDGE_TOL * em:
        return out
    if br and abs(g1.x1 - right) <= EDGE_TOL * em:
        out.append(Finding(exp.number, owner, "line-end-uncompressed",
                           f"{g1.text} at the end of a justified line takes 1 em: its blank "
                           f"half is inside the measure", _marked(line, len(line.glyphs) - 1,
                                                                  len(line.glyphs)), _box([g1])))
    else:
        out.append(Finding(exp.number, owner, "not-flush",
                           f"the line ends {(g1.ink_x1 - right) / em:+.2f} em from the column "
                           f"edge", _marked(line, len(line.glyphs) - 1, len(line.glyphs)),
                           _box([g1])))
    return out


def _orphan(line: Line) -> bool:
    ink = [c for c in line.text if not unicodedata.category(c).startswith(("P", "Z"))]
    return len(ink) == 1 and is_han(ink[0])


def _stretch(line: Line) -> float:
    """The space justification added between the line's characters, in em: the median gap
    between adjacent Han characters (clreq #procedures_for_inter-character_space_expansion:
    the last step stretches all inter-character gaps equally, between marks too)."""
    gaps = sorted((b.x0 - a.x1) / a.size for a, b in zip(line.glyphs, line.glyphs[1:])
                  if len(a.text) == 1 == len(b.text) and is_han(a.text) and is_han(b.text))
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def _pairs(line: Line, exp: PageExpect, owner: str) -> list[Finding]:
    out = []
    gs = line.glyphs
    stretch = None
    for k in range(len(gs) - 1):
        a, b = gs[k], gs[k + 1]
        if len(a.text) != 1 or len(b.text) != 1 or not (is_mark(a.text) and is_mark(b.text)):
            continue
        junction = blank_halves(a.text)[1] + blank_halves(b.text)[0]
        if junction < 0.5:
            continue              # ink against ink (“”): nothing to take away
        gap = (b.ink_x0 - a.ink_x1) / a.size
        if stretch is None:
            stretch = _stretch(line)
        if gap > junction - 0.5 + stretch + GAP_TOL:
            out.append(Finding(exp.number, owner, "marks-uncompressed",
                               f"{a.text}{b.text} keep {gap:.2f} em between their ink; "
                               f"{junction - 0.5 + stretch:.2f} em is the most allowed",
                               _marked(line, k, k + 2), _box([a, b])))
    return out


def _url_solidus(line: Line, lines: list[Line], k: int) -> bool:
    """A "/" ending a line inside a URL or path (docs/typesetting-rules.md §1.6: a soft point,
    after a letter or digit, the next line of the paragraph going on with one): allowed."""
    gs = line.glyphs
    if gs[-1].text != "/" or len(gs) < 2 or k + 1 >= len(lines):
        return False
    a, nxt = gs[-2].text, lines[k + 1]
    b = nxt.glyphs[0].text if nxt.glyphs else ""
    return (nxt.block == line.block and nxt.seg == line.seg and a.isascii() and a.isalnum()
            and b.isascii() and b.isalnum())


def check_rules(lines: list[Line], exp: PageExpect) -> list[Finding]:
    out: list[Finding] = []
    prev: Line | None = None
    for k, line in enumerate(lines):
        if line.block < 0 or line.seg < 0:
            prev = None
            continue
        owner = exp.blocks[line.block].owner
        same_par = prev is not None and prev.block == line.block and prev.seg == line.seg
        g0, g1 = line.glyphs[0].text, line.glyphs[-1].text
        if same_par and not line.first and g0 in UNITS and prev.text.endswith(g0):
            out.append(Finding(exp.number, owner, "split-unit",
                               f"{g0 * 2} is broken across two lines",
                               _marked(line, 0, 1, prev), _box([line.glyphs[0]])))
        elif not line.first and g0 in NO_LINE_START:
            out.append(Finding(exp.number, owner, "line-start",
                               f"the line starts with {g0}, which may not begin a line",
                               _marked(line, 0, 1, prev if same_par else None),
                               _box([line.glyphs[0]])))
        if not line.last and g1 in NO_LINE_END and not _url_solidus(line, lines, k):
            n = len(line.glyphs)
            out.append(Finding(exp.number, owner, "line-end",
                               f"the line ends with {g1}, which may not end a line",
                               _marked(line, n - 1, n), _box([line.glyphs[-1]])))
        if line.role == "body":
            if line.last and not line.first and _orphan(line):
                out.append(Finding(exp.number, owner, "orphan",
                                   f"孤字: the paragraph's last line holds only {line.text}",
                                   (prev.text[-8:] + " / " if same_par else "") + line.text,
                                   _box(list(line.glyphs))))
            if not line.last:
                out += _flush(line, exp, owner)
        out += _pairs(line, exp, owner)
        prev = line
    return out
