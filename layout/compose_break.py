"""Composer stage 2, break: where each line of a prepared paragraph ends.

Greedy, one line at a time, with the line-start / line-end prohibitions resolved push-in first,
then push-out (clreq #prohibition_rules_for_line_start_end; rules file §1 先挤进，后推出).

Two documented exceptions to "never split an unbreakable sequence" (rules file §1):

1. A chain of glyphs with no allowed break (a long number, URL or Latin word with the marks glued
   to it) that is wider than the line must still be set. It is split at the last point that fits
   (punctuation compressed), by preference at a soft point (after the . or - of a domain name or
   compound, not in a decimal), else between two letters or digits of one Latin/digit unit with no
   mark of the prohibition lists on either side — so the split never puts ，or ） at a line start.
   A chain that fits a full line is first pushed down whole; one wider than a full line is split
   where it begins (moving it down first would leave the line before it loose for nothing: it has
   to be split anyway). See ``_emergency``.
2. Pushing a chain down that leaves its line too loose (``acceptable``: more than 2 em short and
   more than ¼ em per stretch point) splits the chain at its last soft point that fits instead,
   if it has one ("请访问WikimediaFoundation.|org/fundraising"). Latin words without such points
   are never split: the line is justified loose.

The 孤字 look-back over the last lines is in ``compose_lonely``.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
../shared/reference/typesetting-rules.md ("rules file").
"""
from __future__ import annotations

from bisect import bisect_right

from layout.chars import NO_LINE_END, NO_LINE_START
from layout.compose_prepare import G_FIXED, Glyphs
from layout.compose_types import EPS


def natural(G: Glyphs, a: int, b: int) -> float:
    """Natural width of glyphs a..b as one line, edge rules applied: an opening mark at the line
    start drops its blank left half, a mark at the line end its blank right half (clreq
    #punctuation_width_adjustment; GB/T 15834 §5.1.10 "应" for the line end)."""
    return G.S[b + 1] - G.S[a] - G.gap[a] - G.bl[a] - G.br[b]


def minimum(G: Glyphs, a: int, b: int) -> float:
    """Width of a..b with every compressible space at its minimum (rules file §3 shrink list)."""
    cap = G.K[b + 1] - G.K[a] - G.gshr[a] - G.bl[a] - G.br[b]
    return natural(G, a, b) - cap


def _fit(G: Glyphs, a: int, avail: float) -> int:
    """Last glyph b >= a-1 such that a..b fits ``avail`` at natural width (bisect on prefix sums)."""
    S = G.S
    T = avail + S[a] + G.gap[a] + G.bl[a] + EPS
    b = bisect_right(S, T, a + 1) - 2       # largest b with S[b+1] <= T
    if b + 1 < G.n and S[b + 2] - G.br[b + 1] <= T:
        b += 1                               # a line-end mark counts only ½ em
    return b


def chain_end(G: Glyphs, i: int) -> int:
    """Last glyph of the chain holding glyph i: the next place a line may end (or the end)."""
    brk, n = G.brk, G.n
    i += 1
    while i < n and not brk[i]:
        i += 1
    return i - 1


def chain_start(G: Glyphs, i: int, a: int) -> int:
    """First glyph of the chain holding glyph i, not before a (the line's first glyph)."""
    brk = G.brk
    while i > a and not brk[i]:
        i -= 1
    return i


def break_from(G: Glyphs, a: int, avail: float, full: float) -> int:
    """End glyph of the line starting at glyph a, ``avail`` pt wide (``full``: a whole line, for
    a first line that is shortened by its indent). clreq #prohibition_rules_for_line_start_end,
    resolved push-in first, then push-out (先挤进，后推出, rules file §1)."""
    n = G.n
    j = _fit(G, a, avail)
    if j >= n - 1:
        return n - 1
    if j < a:                    # not even one glyph fits (a measure under one character)
        return a
    if G.brk[j + 1]:
        return j
    ce = chain_end(G, j)
    if minimum(G, a, ce) <= avail + EPS:
        return ce                # push-in: compress punctuation to keep the mark on this line
    cs = chain_start(G, j, a)
    if cs > a and minimum(G, cs, ce) <= full + EPS:
        # push-out: move the last chain down whole — unless that leaves this line loose (see
        # ``acceptable``) and the chain has a soft point (Britannica.|com) that fits.
        if not acceptable(G, a, cs - 1, avail):
            e = _soft_point(G, a, _compressed_fit(G, a, j, ce, avail), cs)
            if e >= 0:
                return e
        return cs - 1
    return _emergency(G, a, j, cs, ce, avail)


# How loose a justified line may be: at most 2 em short in all, or at most ¼ em added at each
# point where space may go (a 13-em line of Han has 12 such points: 3 em). Beyond both, the gaps
# read as holes — a Han gap of 1¼ em is already visibly open — so a domain name or path is split
# at a soft point instead, and the 孤字 look-back (compose_lonely) rejects the arrangement.
LOOSE_EM = 2.0
LOOSE_GAP_EM = 0.25


def acceptable(G: Glyphs, a: int, b: int, avail: float) -> bool:
    """Is a..b, as a justified non-final line of ``avail`` pt, within the looseness limits?"""
    short = avail - natural(G, a, b)
    em = G.size[b]
    if short <= LOOSE_EM * em + EPS:
        return True
    return short <= LOOSE_GAP_EM * em * stretch_points(G, a, b) + EPS


def stretch_points(G: Glyphs, a: int, b: int) -> int:
    """Places in a..b where justification may add space: the allowed breaks (clreq
    #procedures_for_inter-character_space_expansion), not the fixed run-in space."""
    brk, gcls = G.brk, G.gcls
    return sum(1 for i in range(a + 1, b + 1) if brk[i] and gcls[i] != G_FIXED)


def _compressed_fit(G: Glyphs, a: int, j: int, ce: int, avail: float) -> int:
    """Extend the natural fit j (< ce) while the line still fits with punctuation compressed."""
    while j + 1 < ce and minimum(G, a, j + 1) <= avail + EPS:
        j += 1
    return j


def _soft_point(G: Glyphs, a: int, j: int, cs: int) -> int:
    """The last line end e in max(a, cs)..j with a soft break point after it, or -1."""
    soft = G.soft
    for e in range(j, max(a, cs) - 1, -1):
        if soft[e + 1]:
            return e
    return -1


def _emergency(G: Glyphs, a: int, j: int, cs: int, ce: int, avail: float) -> int:
    """Split the chain cs..ce, which cannot be set whole (module docstring), at the last point
    that fits. Preference: (0) a soft point (after the . or - of a domain name); (1)
    inside a Latin/digit unit, no prohibited mark either side; then, only if the chain starts
    the line (nothing to push out), (2) anywhere inside a Latin/digit unit, (3) any unit
    boundary, (4) the last glyph that fits."""
    j = _compressed_fit(G, a, j, ce, avail)     # as for push-in
    lat, unit, ch = G.lat, G.unit, G.ch
    lo = max(a, cs)
    e = _soft_point(G, a, j, cs)
    if e >= 0:
        return e
    for e in range(j, lo - 1, -1):
        if (lat[e] and lat[e + 1] and not unit[e + 1] and ch[e] not in NO_LINE_END
                and ch[e + 1] not in NO_LINE_START):
            return e
    if cs > a:
        return cs - 1            # no clean point: push the chain down and split it there
    for e in range(j, lo - 1, -1):
        if lat[e] and lat[e + 1] and not unit[e + 1]:
            return e
    for e in range(j, lo - 1, -1):
        if unit[e + 1]:
            return e
    return j


def greedy(G: Glyphs, measure: float, indent: float) -> tuple[list[tuple[int, int]], list[float]]:
    """Lines (first glyph, last glyph) and their available widths, first fit."""
    lines: list[tuple[int, int]] = []
    avails: list[float] = []
    a, n = 0, G.n
    while a < n:
        avail = measure - (indent if a == 0 else 0.0)
        e = break_from(G, a, avail, measure)
        lines.append((a, e))
        avails.append(avail)
        a = e + 1
    return lines, avails
