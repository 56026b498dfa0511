"""Composer stage 2, break: where each line of a prepared paragraph ends.

Greedy, one line at a time, with the line-start / line-end prohibitions resolved push-in first,
then push-out (clreq #prohibition_rules_for_line_start_end; docs/typesetting-rules.md §1 先挤进，后推出).

Two documented exceptions to "never split an unbreakable sequence" (docs/typesetting-rules.md
§1.6). A chain is a run of glyphs with no allowed break between them (a long number, URL or
Latin word with the marks glued to it). Every non-final line must still be flush
(docs/typesetting-rules.md §3), so:

1. A chain that fits a full line is pushed down whole when the line it leaves can be justified
   within the looseness limits (``acceptable``: at most 2 em short, or at most ¼ em per stretch
   point; a line that is one piece of one unit: at most 1/20 em per letter gap). When it
   cannot, the chain is split on this line instead (``_split``, "whole" mode): at its last soft
   point that fits (after / . - _ ? & = inside a Latin run, not in a decimal:
   "Britannica.|com") if that line is within the limits, else at the last dictionary
   hyphenation point of a word that fits (compose.hyphenate; a hyphen is added), else at the
   soft point even if loose. Never inside a number here: it goes down whole ("never split a
   number that fits a line", GB/T 15835).
2. A chain wider than its line that starts the line, or wider than a full line, must be split
   (``_split``, "must" mode): as above, and also between two digits of a number (a number
   wider than a full line is split at the measure); only then, if the chain does not start the
   line, it is pushed down to be split there; the last resorts are any point between two Latin
   characters (with a hyphen between two letters: a run of letters is never split without a
   mark), any unit boundary, the last glyph.

No split point is ever next to a mark of the prohibition lists (so ，or ） never start a
line). The line then ends, between two letters, with an added "-" glyph
(``PlacedGlyph.added``; counted in the line's width by ``natural``, left out of
``Line.text``). A line holding only a split chain has no break point to justify at:
``compose.justify`` letter-spaces it to the measure.

This first fit is the composer's first answer; compose.totalfit re-breaks the paragraph as a
whole when it leaves a line over the limits, a split chain or a 孤字.
The 孤字 look-back over the last lines is in ``compose.lonely``.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
docs/typesetting-rules.md.
"""
from __future__ import annotations

from bisect import bisect_right

from layout.compose.chars import NO_LINE_END, NO_LINE_START
from layout.compose.hyphenate import LEFT, RIGHT, unit_points
from layout.compose.prepare import G_FIXED, Glyphs
from layout.compose.types import EPS


def natural(G: Glyphs, a: int, b: int) -> float:
    """Natural width of glyphs a..b as one line, edge rules applied: an opening mark at the line
    start drops its blank left half, a mark at the line end its blank right half (clreq
    #punctuation_width_adjustment; GB/T 15834 §5.1.10 "应" for the line end); a line that ends
    inside a Latin word carries the added hyphen (``hyphen_width``)."""
    w = G.S[b + 1] - G.S[a] - G.gap[a] - G.bl[a] - G.br[b]
    if b + 1 < G.n and not G.unit[b + 1]:
        w += hyphen_width(G, b)
    return w


def _unit_bounds(G: Glyphs, i: int) -> tuple[int, int]:
    """Glyphs s..e-1 of the unit holding glyph i."""
    unit, n = G.unit, G.n
    s = i
    while s > 0 and not unit[s]:
        s -= 1
    e = i + 1
    while e < n and not unit[e]:
        e += 1
    return s, e


def hyphen_before(G: Glyphs, i: int) -> bool:
    """Does a line that ends before glyph i end with an added hyphen? Yes whenever i splits a
    Latin unit between two letters (a dictionary point of a word, or a last-resort split):
    a unit is never broken between letters without a mark (docs/typesetting-rules.md §1.6)."""
    if not 0 < i < G.n or G.unit[i] or not (G.lat[i - 1] and G.lat[i]):
        return False
    return G.ch[i - 1].isalpha() and G.ch[i].isalpha()


def hyphen_points(G: Glyphs) -> list[bool]:
    """Per glyph: may a line end before it with an added hyphen (a dictionary point of a
    word, compose.hyphenate)? Computed on first use and kept on the table."""
    if G.hy is not None:
        return G.hy
    hy = [False] * G.n
    if G.lang:
        lat, unit, ch, n = G.lat, G.unit, G.ch, G.n
        i = 0
        while i < n:
            if lat[i] and unit[i]:
                e = i + 1
                while e < n and not unit[e]:
                    e += 1
                if e - i >= LEFT + RIGHT:
                    for p in unit_points(ch, i, e, G.lang):
                        hy[p] = True
                i = e
            else:
                i += 1
    G.hy = hy
    return hy


def hyphen_width(G: Glyphs, e: int) -> float:
    """Width in pt of the hyphen added after glyph e (0 when the line does not end in a word)."""
    if not hyphen_before(G, e + 1):
        return 0.0
    return G.metrics.advance(G.face[e], "-") * G.size[e]


def minimum(G: Glyphs, a: int, b: int) -> float:
    """Width of a..b with every compressible space at its minimum (docs/typesetting-rules.md §3 shrink list)."""
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
    resolved push-in first, then push-out (先挤进，后推出, docs/typesetting-rules.md §1)."""
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
        # push-out: the chain fits a full line and moves down whole — unless that leaves this
        # line looser than ``acceptable`` allows; then it is split here (exception 1).
        if acceptable(G, a, cs - 1, avail):
            return cs - 1
        e = _split(G, a, j, cs, ce, avail, whole=True)
        return cs - 1 if e < 0 else e
    e = _split(G, a, j, cs, ce, avail, whole=False)              # exception 2
    return e if e >= 0 else _emergency(G, a, j, cs, ce, avail)


# How loose a justified line may be: at most 2 em short in all, or at most ¼ em added at each
# point where space may go (a 13-em line of Han has 12 such points: 3 em). Beyond both, the gaps
# read as holes — a Han gap of 1¼ em is already visibly open — so a domain name or path is split
# at a soft point instead, and the 孤字 look-back (compose.lonely) rejects the arrangement. A line
# that is one piece of a single unit (the middle of a long URL) has no such point and is
# letter-spaced (compose.justify): at most 1/20 em between two of its glyphs, a tracking readers
# do not see as gaps.
LOOSE_EM = 2.0
LOOSE_GAP_EM = 0.25
LOOSE_LETTER_EM = 0.05


def acceptable(G: Glyphs, a: int, b: int, avail: float) -> bool:
    """Is a..b, as a justified non-final line of ``avail`` pt, within the looseness limits?"""
    short = avail - natural(G, a, b)
    em = G.size[b]
    if short <= EPS:
        return True
    if not any(G.unit[a + 1:b + 1]):                 # one unit (or a piece of one)
        return short <= LOOSE_LETTER_EM * em * (b - a) + EPS
    if short <= LOOSE_EM * em + EPS:
        return True
    return short <= LOOSE_GAP_EM * em * stretch_points(G, a, b) + EPS


def stretch_points(G: Glyphs, a: int, b: int) -> int:
    """Places in a..b where justification may add space: the allowed breaks (clreq
    #procedures_for_inter-character_space_expansion), not the fixed run-in space."""
    brk, gcls = G.brk, G.gcls
    return sum(1 for i in range(a + 1, b + 1) if brk[i] and gcls[i] != G_FIXED)


def _compressed_fit(G: Glyphs, a: int, j: int, ce: int, avail: float) -> int:
    """Extend the natural fit j (< ce) while the line still fits with punctuation compressed
    (an added hyphen not counted: each split point checks its own)."""
    while j + 1 < ce and minimum(G, a, j + 1) - hyphen_width(G, j + 1) <= avail + EPS:
        j += 1
    return j


def _soft_point(G: Glyphs, a: int, j: int, cs: int) -> int:
    """The last line end e in max(a, cs)..j with a soft break point after it, or -1."""
    soft = G.soft
    for e in range(j, max(a, cs) - 1, -1):
        if soft[e + 1]:
            return e
    return -1


def _point(G: Glyphs, i: int, whole: bool) -> bool:
    """May the chain be split before glyph i? At a dictionary hyphenation point of a word
    (compose.hyphenate); and, for a chain that cannot be set whole (not ``whole``), between two
    digits of a number wider than the line. Runs that are not words break otherwise only at
    their soft points (after / . - _ ? & =), never between two letters without a mark."""
    if hyphen_points(G)[i]:
        return True
    return (not whole and not G.unit[i] and G.lat[i - 1] and G.lat[i]
            and G.ch[i - 1].isdigit() and G.ch[i].isdigit())


def _split(G: Glyphs, a: int, j: int, cs: int, ce: int, avail: float, whole: bool) -> int:
    """Where to split the chain cs..ce on the line from a (module docstring, exceptions 1 and
    2), or -1. ``whole``: the chain fits a full line (no split inside a number)."""
    j = _compressed_fit(G, a, j, ce, avail)
    soft = _soft_point(G, a, j, cs)
    if soft >= 0 and acceptable(G, a, soft, avail):
        return soft
    for e in range(j, max(a, cs) - 1, -1):
        if _point(G, e + 1, whole) and minimum(G, a, e) <= avail + EPS:
            return e
    return soft


def _emergency(G: Glyphs, a: int, j: int, cs: int, ce: int, avail: float) -> int:
    """The last resorts for a chain that must be split and has no soft or emergency point that
    fits: push it down if it does not start the line; else split anywhere inside a Latin/digit
    unit (a word with a hyphen, if that fits), at any unit boundary, after the last glyph that
    fits."""
    if cs > a:
        return cs - 1            # no clean point: push the chain down and split it there
    j = _compressed_fit(G, a, j, ce, avail)
    lat, unit, ch = G.lat, G.unit, G.ch
    for e in range(j, a - 1, -1):
        if (lat[e] and lat[e + 1] and not unit[e + 1] and ch[e + 1] not in NO_LINE_START
                and ch[e] not in NO_LINE_END and minimum(G, a, e) <= avail + EPS):
            return e
    for e in range(j, a - 1, -1):
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
