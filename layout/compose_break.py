"""Composer stage 2, break: where each line of a prepared paragraph ends.

Greedy, one line at a time, with the line-start / line-end prohibitions resolved push-in first,
then push-out (clreq #prohibition_rules_for_line_start_end; rules file §1 先挤进，后推出); then a
look-back over the paragraph's last lines against 孤字 (clreq #adjustments_of_orphans_and_widows).

Two documented exceptions to "never split an unbreakable sequence" (rules file §1):

1. A chain of glyphs with no allowed break (a long number, URL or Latin word with the marks glued
   to it) that is wider than the line must still be set. It is split at the last point that fits
   (punctuation compressed), by preference at a soft point (after the . / - of a domain name or
   path, not in a decimal), else between two letters or digits of one Latin/digit unit with no
   mark of the prohibition lists on either side — so the split never puts ，or ） at a line start.
   A chain that fits a full line is first pushed down whole; one wider than a full line is split
   where it begins (moving it down first would leave the line before it loose for nothing: it has
   to be split anyway). See ``_emergency``.
2. Pushing a chain down that leaves its line short by more than LOOSE_EM (2 em) — the 13-em
   column's "Wikipedia.org与 / Britannica.com、" — splits the chain at its last soft point that
   fits instead, if it has one ("Britannica.|com、"). Latin words without such points are never
   split: the line is justified loose.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
/work/shared/reference/typesetting-rules.md ("rules file").
"""
from __future__ import annotations

from bisect import bisect_right

from layout.chars import NO_LINE_END, NO_LINE_START
from layout.compose_prepare import Glyphs
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
        # push-out: move the last chain down whole — unless that leaves this line short by
        # more than LOOSE_EM and the chain has a soft point (Britannica.|com) that fits.
        if natural(G, a, cs - 1) < avail - LOOSE_EM * G.size[cs - 1] - EPS:
            e = _soft_point(G, a, _compressed_fit(G, a, j, ce, avail), cs)
            if e >= 0:
                return e
        return cs - 1
    return _emergency(G, a, j, cs, ce, avail)


# em. A line justified over more than 2 em of shortfall reads as letter-spacing (the same
# limit as the 孤字 pull-down below); beyond it a domain name or path is split at a soft point.
LOOSE_EM = 2.0


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
    that fits. Preference: (0) a soft point (after the . / - of a domain name or path); (1)
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


# ------------------------------------------------------------------------------------- 孤字 ---
def is_lonely(G: Glyphs, a: int, b: int) -> bool:
    """孤字 (rules file §4, clreq #adjustments_of_orphans_and_widows): a last line holding one Han
    character, with marks, digits or Latin around it — counted as the shared pdfaudit tool
    counts it, so that a line such as "2022年。" is fixed too."""
    return sum(G.han[a:b + 1]) == 1


def _fill(G: Glyphs, a: int, avail: float) -> int:
    """Last allowed line end from a with punctuation fully compressed (-1: none fits)."""
    n = G.n
    k = chain_end(G, a)
    best = -1
    while minimum(G, a, k) <= avail + EPS:
        best = k
        if k == n - 1:
            break
        k = chain_end(G, k + 1)
    return best


def fix_lonely(G: Glyphs, lines: list[tuple[int, int]], avails: list[float]) -> None:
    """Rules file §4: compress punctuation in the last 1-3 lines so the lone character fits up
    (the paragraph loses a line); else pull one more chain down from the line before, which is
    then re-justified. In place."""
    L = len(lines)
    if L < 2 or not is_lonely(G, *lines[-1]):
        return
    n = G.n
    for back in (1, 2, 3):
        if back >= L:
            break
        k0 = L - 1 - back
        a, out = lines[k0][0], []
        while a < n and len(out) < back:
            e = _fill(G, a, avails[k0 + len(out)])
            if e < a:
                break
            out.append((a, e))
            a = e + 1
        if a >= n and len(out) == back and not is_lonely(G, *out[-1]):
            lines[k0:] = out
            return
    pa, pb = lines[-2]
    b = lines[-1][1]
    k = chain_start(G, pb, pa) - 1 if pb > pa and G.brk[pb + 1] else -1
    # Pull down only if the line left behind stays at least measure − 2 em: it is justified by
    # expansion, and more than 2 em spread over a narrow line reads as letter-spacing.
    if (k >= pa and natural(G, k + 1, b) <= avails[-1] + EPS
            and natural(G, pa, k) >= avails[-2] - 2 * G.size[k] - EPS
            and not is_lonely(G, k + 1, b)):
        lines[-2:] = [(pa, k), (k + 1, b)]
