"""A paragraph set in one line more or one line fewer than it takes: the copyfitter's lever
(拉行 / 挤行; TeX's \\looseness).

Editors fill a block exactly by making a paragraph one line longer (its lines a little looser,
the last line longer) or one line shorter (punctuation compressed to pull the last line up),
rather than leave a column short or cut copy. Here a paragraph is broken into exactly the
number of lines asked for, all of its breaks chosen together, under the same rules as the
composer's own breaking (docs/typesetting-rules.md §1–§4): a line ends only where a break is
allowed, fits its measure with punctuation compressed at most as the rules allow, and, when it
is not the last, is justified within the looseness limits of compose.linebreak (`acceptable`:
at most 2 em short, or ¼ em at each place space may go); the last line is no 孤字. Among the
arrangements that meet all of that, the least loose wins (the sum of the squares of the space
added per stretch point), and one with a line over the limits of the whole-paragraph search
(compose.totalfit: a Han gap over ¼ em) only when every arrangement has one, and then its lines
over the limits are marked ``Line.loose``. None when no arrangement meets them: the paragraph
then keeps its own number of lines.

In: the paragraph's runs, the measure, the metrics, the settings and the number of lines
wanted. Out: the lines, or None.
"""
from __future__ import annotations

from typing import Sequence

from layout.compose.justify import set_glyphs
from bisect import bisect_left

from layout.compose.linebreak import (EPS, LOOSE_EM, LOOSE_GAP_EM, LOOSE_LETTER_EM, chain_end,
                                      minimum, natural)
from layout.compose.lonely import is_lonely
from layout.compose.prepare import G_FIXED, Glyphs, prepared
from layout.compose.totalfit import OVER, fit_tables, line_cost, loose_line
from layout.compose.types import Line, Metrics, Run, Settings, Slot

INF = float("inf")


def set_in(runs: Sequence[Run], measure: float, metrics: Metrics, settings: Settings,
           count: int) -> tuple[Line, ...] | None:
    """The paragraph in exactly `count` lines of `measure` pt (module docstring)."""
    if count < 1:
        return None
    G = prepared(runs, metrics, settings)
    if G.n == 0:
        return None
    indent = settings.indent * runs[0].size if runs else 0.0
    breaks = _arrange(G, (measure, indent), count)
    if breaks is None:
        return None
    last = len(breaks) - 1
    out = []
    for k, (a, e) in enumerate(breaks):
        avail, start = measure - (indent if k == 0 else 0.0), (indent if k == 0 else 0.0)
        ln = set_glyphs(G, Slot(a, e, avail, start), settings.align, k == last)
        if k < last and loose_line(G, a, e, avail):
            # over the limits of docs/typesetting-rules.md §3.6 in every arrangement of
            # `count` lines: marked as compose_paragraph marks it, for the copyfitter to
            # rank this variant below the other levers (page.copyfit)
            ln = ln._replace(loose=True)
        out.append(ln)
    return tuple(out)


def _ends(G: Glyphs, a: int, avail: float) -> list[int]:
    """Allowed line ends for a line from glyph a that fit `avail` with punctuation
    compressed and leave it at most `LOOSE_EM` short, shortest first (a line shorter than
    that is never acceptable: compose.linebreak)."""
    out = []
    # skip the ends whose natural width is short of the measure by more than the limit
    floor = avail - (LOOSE_EM + 1) * G.size[a] + G.S[a] + G.gap[a]
    e = chain_end(G, min(G.n - 1, max(a, bisect_left(G.S, floor) - 1)))
    while minimum(G, a, e) <= avail + EPS:
        out.append(e)
        if e >= G.n - 1:
            break
        e = chain_end(G, e + 1)
    return out


def _reachable(G: Glyphs, a: int, left: int, full: float) -> bool:
    """Can `left` lines from glyph a hold the rest? Not when the rest is wider than they
    hold with every mark compressed, nor so short that a line before the last would be more
    than `LOOSE_EM` short (a bound on natural widths: prunes most of the programme)."""
    rest = G.S[G.n] - G.S[a]
    squeeze = G.K[G.n] - G.K[a]
    em = G.size[a]
    return rest - squeeze <= left * full + em and rest >= (left - 1) * (full - (LOOSE_EM + 1) * em)


def _points(G: Glyphs) -> list[int]:
    """Prefix counts of the places justification may add space (linebreak.stretch_points in
    O(1) for a line: the programme asks it for every candidate line)."""
    out, c = [0], 0
    for i in range(G.n):
        if i and G.brk[i] and G.gcls[i] != G_FIXED:
            c += 1
        out.append(c)
    return out


def _line(G: Glyphs, a: int, e: int, avail: float, pts: list[int]) -> float:
    """The badness of a..e as a justified line before the last (the square of the space
    added per stretch point, in em), or INF beyond linebreak.acceptable's limits."""
    short = avail - natural(G, a, e)
    if short <= EPS:
        return 0.0
    em = G.size[e]
    points = pts[e + 1] - pts[a + 1]
    if not any(G.unit[a + 1:e + 1]):
        return 0.0 if short <= LOOSE_LETTER_EM * em * (e - a) + EPS else INF
    if short > LOOSE_EM * em + EPS and short > LOOSE_GAP_EM * em * points + EPS:
        return INF
    per = short / max(1, points) / em
    over = line_cost(G, fit_tables(G), a, e, avail)
    if over is not None and over >= OVER:
        # within these limits, but a gap over those of the whole-paragraph search (a Han gap
        # over ¼ em, docs/typesetting-rules.md §3.6): only when no other arrangement has none
        return per * per + over
    return per * per


def _lines(G: Glyphs, a: int, avail: float, pts: list[int]) -> tuple:
    """(end, badness) of the lines from glyph a a paragraph may have before its last
    (_ends within _line's limits), kept on the table (`Glyphs.lines`) by (a, avail): the
    programme reaches a glyph in more than one line of a setting, and sets a paragraph a
    line longer and a line shorter at the same measure (the broadsheet sample composed:
    23,482 lines priced, 14,264 of them different)."""
    n = G.n
    out = []
    for e in _ends(G, a, avail):
        if e != n - 1:
            bad = _line(G, a, e, avail, pts)
            if bad != INF:
                out.append((e, bad))
    return tuple(out)


def _arrange(G: Glyphs, measure: tuple[float, float], count: int) -> list | None:
    """Breaks (first, last glyph) of exactly `count` lines, least loose first; dynamic
    programme over (lines set, next glyph)."""
    full, indent = measure
    n = G.n
    if G.lines is None:
        G.lines = {"points": _points(G)}
    memo, pts = G.lines, G.lines["points"]
    # best[k][i]: least badness of k lines covering glyphs 0..i-1, and where line k starts
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for k in range(count):
        avail = full - (indent if k == 0 else 0.0)
        layer: dict[int, tuple[float, int]] = {}
        final = k == count - 1
        left = count - k                       # lines still to set, this one included
        for a, (cost, _) in best[k].items():
            if a >= n or not _reachable(G, a, left, full):
                continue
            if final:                          # the last line takes the rest, if it fits
                if minimum(G, a, n - 1) > avail + EPS or is_lonely(G, a, n - 1) and count > 1:
                    continue
                lines = ((n - 1, 0.0),)
            else:
                lines = memo.get((a, avail))
                if lines is None:
                    lines = memo[a, avail] = _lines(G, a, avail, pts)
            for e, bad in lines:
                c = cost + bad
                if c < layer.get(e + 1, (INF, 0))[0]:
                    layer[e + 1] = (c, a)
        if not layer:
            return None
        best.append(layer)
    if n not in best[count]:
        return None
    out, i = [], n
    for k in range(count, 0, -1):
        a = best[k][i][1]
        out.append((a, i - 1))
        i = a
    return out[::-1]
