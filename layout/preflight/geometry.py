"""Geometry: glyphs overlapping, text outside its block or outside the type area, body
baselines off the page's baseline grid.

Place in the pipeline: after `fidelity` (which block each glyph belongs to) and `lines`.
Boxes are ink boxes (pdfread: a mark's blank half is not ink, so compressed marks and the
½ em a line-end mark hangs past the measure are not faults); tolerance 0.5 pt on edges.
References:
  - overlap: two ink boxes sharing more than 15 % of the smaller one's width and height (the
    threshold of the independent audit tool, pdfaudit.py), on the whole page, not only within a line.
  - outside-block: a glyph's ink inside the grid rectangle of its block (docs/issue-format.md,
    place); the 报眉/报头 inside the zone above the top rule.
  - outside-type-area: every glyph inside the 版心 of the format (page.formats).
  - off-grid: body text, 小标题, 署名 and credits sit on one page-wide baseline grid of the
    format's pitch, so lines align across neighbouring columns (docs/typesetting-rules.md §4,
    docs/newspaper-conventions.md); the grid's phase is the one most body glyphs share, and it must
    put the body's em box inside its row band. Tolerance 0.25 pt (the audit tool's).
"""
from __future__ import annotations

import collections

from layout.preflight.expect import PageExpect
from layout.preflight.fidelity import FURNITURE, Attribution
from layout.preflight.findings import Finding
from layout.preflight.lines import Line
from layout.preflight.pdfread import Glyph, PdfPage

EDGE_TOL = 0.5        # pt
OVERLAP = 0.15        # share of the smaller box
GRID_TOL = 0.25       # pt
GRID_ROLES = frozenset({"body", "byline", "credit", "title", "jump"})
MAX_OVERLAPS = 40     # per page
CELL = 24.0           # pt, spatial hash cell for the overlap search


def _inside(g: Glyph, r) -> bool:
    return (g.ink_x0 >= r[0] - EDGE_TOL and g.ink_x1 <= r[2] + EDGE_TOL
            and g.top >= r[1] - EDGE_TOL and g.bottom <= r[3] + EDGE_TOL)


def _runs(line: Line, bad) -> list[tuple[int, int]]:
    """[a, b) ranges of consecutive glyphs of the line for which bad(glyph) holds."""
    out, a = [], None
    for k, g in enumerate(line.glyphs):
        if bad(g):
            a = k if a is None else a
        elif a is not None:
            out.append((a, k))
            a = None
    if a is not None:
        out.append((a, len(line.glyphs)))
    return out


def _text(line: Line, a: int, b: int) -> str:
    t = line.text
    return f"{t[max(0, a - 10):a]}⟦{t[a:b]}⟧{t[b:b + 10]}"


def _box(gs) -> tuple[float, float, float, float]:
    return (min(g.ink_x0 for g in gs), min(g.top for g in gs),
            max(g.ink_x1 for g in gs), max(g.bottom for g in gs))


def _owner(exp: PageExpect, block: int) -> str | None:
    return exp.blocks[block].owner if block >= 0 else None


def check_places(lines: list[Line], exp: PageExpect, at: Attribution) -> list[Finding]:
    area = exp.type_area
    out: list[Finding] = []
    for line in lines:
        owner = _owner(exp, line.block)
        if line.block >= 0:
            rects, where = exp.blocks[line.block].rects, f"the block of '{owner}'"
        else:
            rects, where = (exp.head_zone,), "the 报眉/报头 zone"
        for a, b in _runs(line, lambda g: not g.invisible and not _inside(g, area)):
            gs = line.glyphs[a:b]
            out.append(Finding(exp.number, owner, "outside-type-area",
                               f"{b - a} glyph{'s' * (b - a > 1)} outside the type area",
                               _text(line, a, b), _box(gs)))
        if line.block == FURNITURE or line.block >= 0:
            for a, b in _runs(line, lambda g: not g.invisible and _inside(g, area) and (
                    at.moved[g.i] or not any(_inside(g, r) for r in rects))):
                gs = line.glyphs[a:b]
                out.append(Finding(exp.number, owner, "outside-block",
                                   f"{b - a} glyph{'s' * (b - a > 1)} outside {where}",
                                   _text(line, a, b), _box(gs)))
    return out


def check_overlaps(page: PdfPage, exp: PageExpect, at: Attribution) -> list[Finding]:
    gl = [page.glyphs[i] for i in at.visible if not page.glyphs[i].invisible]
    cells: dict[tuple[int, int], list[int]] = collections.defaultdict(list)
    for k, g in enumerate(gl):
        for cx in range(int(g.ink_x0 // CELL), int(g.ink_x1 // CELL) + 1):
            for cy in range(int(g.top // CELL), int(g.bottom // CELL) + 1):
                cells[cx, cy].append(k)
    out, n = [], 0
    for key, members in cells.items():
        for x, p in enumerate(members):
            a = gl[p]
            for q in members[x + 1:]:
                b = gl[q]
                ox = min(a.ink_x1, b.ink_x1) - max(a.ink_x0, b.ink_x0)
                oy = min(a.bottom, b.bottom) - max(a.top, b.top)
                wa, wb = a.ink_x1 - a.ink_x0, b.ink_x1 - b.ink_x0
                if ox <= OVERLAP * min(wa, wb) or oy <= OVERLAP * min(a.size, b.size):
                    continue
                # a pair shares several cells: count it once, in the cell of the top-left
                # corner of the boxes' intersection
                if key != (int(max(a.ink_x0, b.ink_x0) // CELL), int(max(a.top, b.top) // CELL)):
                    continue
                n += 1
                if n > MAX_OVERLAPS:
                    continue
                share = ox * oy / min(wa * a.size, wb * b.size)
                first, second = (a, b) if a.i < b.i else (b, a)
                out.append(Finding(exp.number, _owner(exp, at.block[first.i]), "overlap",
                                   f"{first.text} and {second.text} overlap ({share:.0%} of the "
                                   f"smaller glyph)", f"⟦{first.text}⟧⟦{second.text}⟧",
                                   (max(a.ink_x0, b.ink_x0), max(a.top, b.top),
                                    min(a.ink_x1, b.ink_x1), min(a.bottom, b.bottom))))
    if n > MAX_OVERLAPS:
        last = out[-1]
        out[-1] = Finding(last.page, last.story, last.kind,
                          last.message + f" (and {n - MAX_OVERLAPS} more overlaps)",
                          last.text, last.bbox)
    out.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    return out


def check_grid(lines: list[Line], exp: PageExpect) -> list[Finding]:
    fmt = exp.fmt
    grid = [ln for ln in lines if ln.block >= 0 and ln.role in GRID_ROLES]
    if not grid:
        return []

    def phase(g: Glyph) -> float:
        return (g.base - fmt.grid_top) % fmt.pitch

    ref = collections.Counter(round(phase(g), 2) for ln in grid for g in ln.glyphs
                              ).most_common(1)[0][0]
    out: list[Finding] = []
    if ref - 0.88 * fmt.body_size < -GRID_TOL or ref + 0.12 * fmt.body_size > fmt.pitch + GRID_TOL:
        out.append(Finding(exp.number, None, "off-grid",
                           f"body baselines sit {ref:.2f} pt below each row's top: the "
                           f"{fmt.body_size:g} pt em box does not fit the {fmt.pitch:g} pt row",
                           "", None))

    def off(g: Glyph) -> float:
        d = (phase(g) - ref) % fmt.pitch
        return d if d <= fmt.pitch / 2 else d - fmt.pitch

    for line in grid:
        for a, b in _runs(line, lambda g: abs(off(g)) > GRID_TOL):
            g = line.glyphs[a]
            row = round((g.base - fmt.grid_top - ref) / fmt.pitch) + 1
            d = off(g)
            out.append(Finding(exp.number, exp.blocks[line.block].owner, "off-grid",
                               f"{b - a} glyph{'s' * (b - a > 1)} {abs(d):.2f} pt "
                               f"{'below' if d > 0 else 'above'} the baseline of grid row {row}",
                               _text(line, a, b), _box(line.glyphs[a:b])))
    return out
