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
from bisect import bisect_left
from operator import attrgetter

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
BAND = 12.0           # pt, the height of a band of the overlap search


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


_X0, _X1 = attrgetter("ink_x0"), attrgetter("ink_x1")
_TOP, _BOTTOM = attrgetter("top"), attrgetter("bottom")


def _extent(line: Line) -> tuple[float, float, float, float]:
    gs = line.glyphs
    return (min(map(_X0, gs)), min(map(_TOP, gs)), max(map(_X1, gs)), max(map(_BOTTOM, gs)))


def _within(box, r) -> bool:
    return (box[0] >= r[0] - EDGE_TOL and box[2] <= r[2] + EDGE_TOL
            and box[1] >= r[1] - EDGE_TOL and box[3] <= r[3] + EDGE_TOL)


def check_places(lines: list[Line], exp: PageExpect, at: Attribution) -> list[Finding]:
    area = exp.type_area
    out: list[Finding] = []
    moved = at.moved
    for line in lines:
        owner = _owner(exp, line.block)
        if line.block >= 0:
            rects, where = exp.blocks[line.block].rects, f"the block of '{owner}'"
        else:
            rects, where = (exp.head_zone,), "the 报眉/报头 zone"
        box = _extent(line)
        in_area = _within(box, area)            # the common case: nothing to look at
        if not in_area:
            for a, b in _runs(line, lambda g: not g.invisible and not _inside(g, area)):
                gs = line.glyphs[a:b]
                out.append(Finding(exp.number, owner, "outside-type-area",
                                   f"{b - a} glyph{'s' * (b - a > 1)} outside the type area",
                                   _text(line, a, b), _box(gs)))
        if line.block == FURNITURE or line.block >= 0:
            if in_area and any(_within(box, r) for r in rects) and not any(
                    moved[g.i] for g in line.glyphs):
                continue
            for a, b in _runs(line, lambda g: not g.invisible and _inside(g, area) and (
                    moved[g.i] or not any(_inside(g, r) for r in rects))):
                gs = line.glyphs[a:b]
                out.append(Finding(exp.number, owner, "outside-block",
                                   f"{b - a} glyph{'s' * (b - a > 1)} outside {where}",
                                   _text(line, a, b), _box(gs)))
    return out


def _overlap(a: Glyph, b: Glyph):
    """The finding's parts when the ink boxes of a and b share more than OVERLAP of the
    smaller one's width and height, else None."""
    ox = min(a.ink_x1, b.ink_x1) - max(a.ink_x0, b.ink_x0)
    oy = min(a.bottom, b.bottom) - max(a.top, b.top)
    wa, wb = a.ink_x1 - a.ink_x0, b.ink_x1 - b.ink_x0
    if ox <= OVERLAP * min(wa, wb) or oy <= OVERLAP * min(a.size, b.size):
        return None
    return ox * oy / min(wa * a.size, wb * b.size), (
        max(a.ink_x0, b.ink_x0), max(a.top, b.top), min(a.ink_x1, b.ink_x1),
        min(a.bottom, b.bottom))


def check_overlaps(page: PdfPage, exp: PageExpect, at: Attribution) -> list[Finding]:
    """Every pair of overlapping glyphs on the page, found by a sweep along x in horizontal
    bands of BAND pt: a glyph is compared only with the glyphs of its bands whose ink it
    reaches in x (about two each, where a grid of cells compared each with the ~six sharing
    its cell). A pair sharing several bands counts in the band of its intersection's top.
    The topmost MAX_OVERLAPS are reported, the last with the count of the rest."""
    bands: dict[int, list[Glyph]] = collections.defaultdict(list)
    for i in at.visible:
        g = page.glyphs[i]
        if not g.invisible:
            y0, y1 = int(g.top // BAND), int(g.bottom // BAND)
            bands[y0].append(g)
            if y1 != y0:
                for y in range(y0 + 1, y1 + 1):
                    bands[y].append(g)
    hits = []
    for y, members in bands.items():
        members.sort(key=_X0)
        x0s = list(map(_X0, members))
        for k, x1 in enumerate(map(_X1, members)):
            end = bisect_left(x0s, x1 - 1e-6, k + 1)     # those after it starting under it
            if end > k + 1:
                a = members[k]
                top, bottom = a.top, a.bottom
                for b in members[k + 1:end]:
                    if b.top >= bottom or b.bottom <= top:
                        continue                     # apart in y: most candidates (rows)
                    hit = _overlap(a, b)
                    if hit is not None and int(hit[1][1] // BAND) == y:
                        hits.append((hit[1][1], hit[1][0], a, b, hit))
    hits.sort(key=lambda h: (h[0], h[1], min(h[2].i, h[3].i)))
    out = []
    for _, _, a, b, (share, box) in hits[:MAX_OVERLAPS]:
        first, second = (a, b) if a.i < b.i else (b, a)
        out.append(Finding(exp.number, _owner(exp, at.block[first.i]), "overlap",
                           f"{first.text} and {second.text} overlap ({share:.0%} of the "
                           f"smaller glyph)", f"⟦{first.text}⟧⟦{second.text}⟧", box))
    if len(hits) > MAX_OVERLAPS:
        last = out[-1]
        out[-1] = Finding(last.page, last.story, last.kind,
                          last.message + f" (and {len(hits) - MAX_OVERLAPS} more overlaps)",
                          last.text, last.bbox)
    return out


def _phases(line: Line, top: float, pitch: float) -> list[float]:
    """Each glyph's baseline less the grid's top, modulo the pitch; one value for a line
    whose glyphs all sit on one baseline (nearly every line)."""
    first = line.glyphs[0].base
    if all(g.base == first for g in line.glyphs):
        return [(first - top) % pitch]
    return [(g.base - top) % pitch for g in line.glyphs]


def check_grid(lines: list[Line], exp: PageExpect) -> list[Finding]:
    fmt = exp.fmt
    grid = [ln for ln in lines if ln.block >= 0 and ln.role in GRID_ROLES]
    if not grid:
        return []
    top, pitch = fmt.grid_top, fmt.pitch
    phases = [_phases(ln, top, pitch) for ln in grid]
    counts: collections.Counter = collections.Counter()
    for ln, ph in zip(grid, phases):     # a line on one baseline counts its glyphs at once
        if len(ph) == 1 < len(ln.glyphs):
            counts[round(ph[0], 2)] += len(ln.glyphs)
        else:
            counts.update(round(p, 2) for p in ph)
    ref = counts.most_common(1)[0][0]     # ties: the first counted, glyph by glyph as before
    out: list[Finding] = []
    if ref - 0.88 * fmt.body_size < -GRID_TOL or ref + 0.12 * fmt.body_size > pitch + GRID_TOL:
        out.append(Finding(exp.number, None, "off-grid",
                           f"body baselines sit {ref:.2f} pt below each row's top: the "
                           f"{fmt.body_size:g} pt em box does not fit the {pitch:g} pt row",
                           "", None))

    def off(phase: float) -> float:
        d = (phase - ref) % pitch
        return d if d <= pitch / 2 else d - pitch

    for line, ph in zip(grid, phases):
        offs = [off(p) for p in ph]
        if max(offs) <= GRID_TOL and min(offs) >= -GRID_TOL:
            continue
        if len(offs) < len(line.glyphs):
            offs *= len(line.glyphs)
        bad = {id(g) for g, d in zip(line.glyphs, offs) if abs(d) > GRID_TOL}
        for a, b in _runs(line, lambda g: id(g) in bad):
            g = line.glyphs[a]
            row = round((g.base - top - ref) / pitch) + 1
            d = offs[a]
            out.append(Finding(exp.number, exp.blocks[line.block].owner, "off-grid",
                               f"{b - a} glyph{'s' * (b - a > 1)} {abs(d):.2f} pt "
                               f"{'below' if d > 0 else 'above'} the baseline of grid row {row}",
                               _text(line, a, b), _box(line.glyphs[a:b])))
    return out
