"""Composer stage 2b, 孤字: no paragraph may end on a line holding a single Han character.

GB/T 15834—2011 §5.1.11 allows compressing punctuation "to avoid the last Han character of a
section going to a line of its own"; clreq #adjustments_of_orphans_and_widows; docs/typesetting-rules.md §4:
fix it by compressing punctuation in the paragraph's last lines, else by pulling a character
down. Implemented as a small look-back over the last 2-4 lines of the greedy result:

  1. compress: re-fill the last 1-3 lines with punctuation fully compressed so that the lone
     character fits up (the paragraph loses a line);
  2. re-break: try every arrangement of the same lines with other allowed break points (this
     pulls one or more characters down, or moves a break further up), keep those whose lines
     all fit, whose last line is not lonely and whose justified lines stay within the
     looseness limits of ``compose.linebreak.acceptable``; choose the least loose one.

The smallest window that works wins (the fewest lines changed). A paragraph may keep its 孤字
only if no arrangement of its last four lines avoids it within those limits. Counted as the
shared pdfaudit tool counts: one Han character on the last line, whatever else is on it.
"""
from __future__ import annotations

from layout.compose.linebreak import (EPS, acceptable, chain_end, minimum, natural,
                                  stretch_points)
from layout.compose.prepare import Glyphs


def is_lonely(G: Glyphs, a: int, b: int) -> bool:
    """孤字: the last line a..b holds exactly one Han character (so "2022年。" counts)."""
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


def _ends(G: Glyphs, a: int, avail: float) -> list[int]:
    """Allowed line ends for a line from a that fit (compressed), longest first."""
    out = []
    k = chain_end(G, a)
    while k < G.n - 1 and minimum(G, a, k) <= avail + EPS:
        out.append(k)
        k = chain_end(G, k + 1)
    out.reverse()
    return out


def _looseness(G: Glyphs, a: int, b: int, avail: float) -> float:
    """Space added per stretch point when a..b is justified (0 when it is compressed)."""
    short = avail - natural(G, a, b)
    if short <= 0:
        return 0.0
    return short / max(1, stretch_points(G, a, b))


def _rebreak(G: Glyphs, start: int, avails: list[float]) -> list[tuple[int, int]] | None:
    """The least loose arrangement of len(avails) lines from ``start`` to the paragraph's end
    with a last line that is not lonely, or None."""
    n = G.n
    best: tuple[float, list[tuple[int, int]]] | None = None

    def walk(a: int, k: int, acc: list[tuple[int, int]], worst: float) -> None:
        nonlocal best
        if best is not None and worst >= best[0]:
            return                                  # cannot beat what we have
        if k == len(avails) - 1:                    # the last line takes the rest
            if minimum(G, a, n - 1) <= avails[k] + EPS and not is_lonely(G, a, n - 1):
                best = (worst, acc + [(a, n - 1)])
            return
        for e in _ends(G, a, avails[k]):
            if not acceptable(G, a, e, avails[k]):
                break                               # shorter ends are looser still
            walk(e + 1, k + 1, acc + [(a, e)], max(worst, _looseness(G, a, e, avails[k])))

    walk(start, 0, [], 0.0)
    return None if best is None else best[1]


def fix_lonely(G: Glyphs, lines: list[tuple[int, int]], avails: list[float]) -> None:
    """Replace the paragraph's last lines in place when its last line is a 孤字 (module doc)."""
    L = len(lines)
    if L < 2 or not is_lonely(G, *lines[-1]):
        return
    n = G.n
    for back in (1, 2, 3):                          # 1. compress into one line fewer
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
            del avails[k0 + back:]
            return
    for back in (1, 2, 3):                          # 2. re-break the same number of lines
        if back >= L:
            break
        k0 = L - 1 - back
        out = _rebreak(G, lines[k0][0], avails[k0:])
        if out is not None:
            lines[k0:] = out
            return
