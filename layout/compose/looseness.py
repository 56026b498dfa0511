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

from layout.compose.justify import HAN_GAP_EM, set_glyphs
from bisect import bisect_left

from layout.compose.linebreak import (EPS, LOOSE_EM, LOOSE_GAP_EM, LOOSE_LETTER_EM, chain_end,
                                      hyphen_width, minimum)
from layout.compose.lonely import is_lonely
from layout.compose.prepare import G_FIXED, Glyphs, prepared
from layout.compose.totalfit import OVER, fit_tables, line_costs, loose_line
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
        ln = set_glyphs(G, tuple.__new__(Slot, (a, e, avail, start)), settings.align,
                        k == last)
        if k < last and loose_line(G, a, e, avail):
            # over the limits of docs/typesetting-rules.md §3.6 in every arrangement of
            # `count` lines: marked as compose_paragraph marks it, for the copyfitter to
            # rank this variant below the other levers (page.copyfit)
            ln = ln._replace(loose=True)
        out.append(ln)
    return tuple(out)


def _points(G: Glyphs) -> tuple[list[int], list[int]]:
    """Prefix counts of the places justification may add space (linebreak.stretch_points in
    O(1) for a line: the programme asks it for every candidate line) and of the glyphs that
    start a unit (whether a line is one unit or a piece of one: linebreak.acceptable)."""
    pts, units, c, u = [0], [0], 0, 0
    brk, gcls, unit = G.brk, G.gcls, G.unit
    for i in range(G.n):
        if i and brk[i] and gcls[i] != G_FIXED:
            c += 1
        if unit[i]:
            u += 1
        pts.append(c)
        units.append(u)
    return pts, units


def _lines(G: Glyphs, a: int, avail: float, counts: tuple) -> tuple:
    """(end + 1, badness) of the lines from glyph a that a paragraph may have before its last:
    the allowed ends that fit `avail` with punctuation compressed, within
    linebreak.acceptable's limits, shortest first; the badness is the square of
    the space added per stretch point (in em), plus the line's cost when it is over the
    limits of the whole-paragraph search. Kept on the table (`Glyphs.lines`) by (a, avail):
    the programme reaches a glyph in more than one line of a setting, and sets a paragraph
    a line longer and a line shorter at the same measure (the broadsheet sample composed:
    23,482 lines priced, 14,264 of them different). Each line's natural width is found
    once, the costs of a start's lines read together (totalfit.line_costs). Called ~1,100
    times a page (the sample's copyfit, 3 lines each): linebreak.chain_end, acceptable and
    the count of units inlined on the prefix counts (`counts`, _points): the copyfit's
    set_in on 16 distinct sample pages (bench_speed --distinct) 160 -> 137 ms CPU."""
    n, S, K, unit, br, brk, size = G.n, G.S, G.K, G.unit, G.br, G.brk, G.size
    pts, U = counts
    Sa, ga, bla, Ka, gsa = S[a], G.gap[a], G.bl[a], K[a], G.gshr[a]
    Pa, Ua = pts[a + 1], U[a + 1]
    out, costed = [], []                       # costed: (index in out, per²) for line_costs
    top = avail + EPS
    # the ends that fit with punctuation compressed (linebreak.minimum), shortest first,
    # from the first whose natural width is within the limit of the measure (a line more
    # than LOOSE_EM short is never acceptable: compose.linebreak)
    floor = avail - (LOOSE_EM + 1) * size[a] + Sa + ga
    e = min(n - 1, max(a, bisect_left(S, floor) - 1)) + 1
    while e < n and not brk[e]:                # linebreak.chain_end
        e += 1
    e -= 1
    while True:
        nat = S[e + 1] - Sa - ga - bla - br[e]            # linebreak.natural
        if e + 1 < n and not unit[e + 1]:
            nat += hyphen_width(G, e)
        if nat - (K[e + 1] - Ka - gsa - bla - br[e]) > top:
            break
        if e >= n - 1:
            break                              # the last line is not priced here
        short = avail - nat
        if short <= EPS:                       # linebreak.acceptable, on the prefix counts
            out.append((e + 1, 0.0))
        else:
            em = size[e]
            if U[e + 1] - Ua == 0:             # one unit (or a piece of one): letter-spaced
                if short <= LOOSE_LETTER_EM * em * (e - a) + EPS:
                    out.append((e + 1, 0.0))
            elif (short <= LOOSE_EM * em + EPS
                  or short <= LOOSE_GAP_EM * em * (pts[e + 1] - Pa) + EPS):
                per = short / max(1, pts[e + 1] - Pa) / em
                if (per > HAN_GAP_EM + 1e-6 or not unit[e + 1]
                        or pts[e + 1] == Pa):
                    costed.append((len(out), per * per))
                    out.append((e + 1, 0.0))
                else:
                    # within the limits of totalfit.line_costs, which would give it no
                    # OVER (it is priced there only when one could be): what its points take
                    # beyond the stretch of its word spaces and Han–Latin gaps is at most
                    # `per` a point, so no Han gap over ¼ em and no word space over its
                    # limit (WORD_EM, ½ em beyond its stretch). ~2/3 of the lines of Han
                    # copy, and since h-review2 those with Latin words too: 3,650 -> 1,593
                    # lines priced on the three samples and two generated broadsheets
                    out.append((e + 1, per * per))
        e += 2                                 # the chain holding e + 1 (chain_end)
        while e < n and not brk[e]:
            e += 1
        e -= 1
    if costed:
        T = fit_tables(G)
        ends = [out[i][0] - 1 for i, _ in costed]
        for (i, sq), (e, over) in zip(costed, line_costs(G, T, (a, avail), ends)):
            # within these limits, but a gap over those of the whole-paragraph search (a
            # Han gap over ¼ em, docs/typesetting-rules.md §3.6): only when no other
            # arrangement has none
            out[i] = (e + 1, sq + over if over is not None and over >= OVER else sq)
    return tuple(out)


LINES_KEPT = 1024   # starts kept on a table (Glyphs.lines) before it starts afresh: a paragraph
                    # set at a few measures keeps a few hundred (at most 398 on the samples and
                    # six generated pages); a resident process (the desk) that sets it at
                    # every width it is shown at does not grow without bound: ~340 B a start,
                    # so the 256 tables compose.prepare keeps hold ~90 MB at most (at 4,096,
                    # ~350 MB)


def _arrange(G: Glyphs, measure: tuple[float, float], count: int) -> list | None:
    """Breaks (first, last glyph) of exactly `count` lines, least loose first; dynamic
    programme over (lines set, next glyph)."""
    full, indent = measure
    n = G.n
    if G.lines is None or len(G.lines) > LINES_KEPT:
        G.lines = {"points": _points(G)}
    memo, counts = G.lines, G.lines["points"]
    S, K, size = G.S, G.K, G.size
    rest0, squeeze0 = S[n], K[n]
    # costs[k][i]: least badness of k lines covering glyphs 0..i-1; backs[k][i]: where line k
    # starts (two dicts: no pair made for each line tried, ~80,000 on 16 sample pages)
    costs: list[dict[int, float]] = [{0: 0.0}]
    backs: list[dict[int, int]] = [{0: -1}]
    for k in range(count):
        avail = full - (indent if k == 0 else 0.0)
        cost_to: dict[int, float] = {}
        back_to: dict[int, int] = {}
        final = k == count - 1
        left = count - k                       # lines still to set, this one included
        for a, cost in costs[k].items():
            if a >= n:
                continue
            # can `left` lines from glyph a hold the rest? Not when the rest is wider than
            # they hold with every mark compressed, nor so short that a line before the last
            # would be more than LOOSE_EM short (a bound on natural widths: prunes most of
            # the programme; ~2,000 states a page)
            rest, em = rest0 - S[a], size[a]
            if (rest - (squeeze0 - K[a]) > left * full + em
                    or rest < (left - 1) * (full - (LOOSE_EM + 1) * em)):
                continue
            if final:                          # the last line takes the rest, if it fits
                if minimum(G, a, n - 1) > avail + EPS or is_lonely(G, a, n - 1) and count > 1:
                    continue
                lines = ((n, 0.0),)
            else:
                lines = memo.get((a, avail))
                if lines is None:
                    lines = memo[a, avail] = _lines(G, a, avail, counts)
            for i, bad in lines:               # i: the next line's first glyph
                c = cost + bad
                if c < cost_to.get(i, INF):
                    cost_to[i] = c
                    back_to[i] = a
        if not cost_to:
            return None
        costs.append(cost_to)
        backs.append(back_to)
    if n not in costs[count]:
        return None
    out, i = [], n
    for k in range(count, 0, -1):
        a = backs[k][i]
        out.append((a, i - 1))
        i = a
    return out[::-1]
