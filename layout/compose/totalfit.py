"""Composer stage 2, whole paragraph: all of a paragraph's breaks chosen together.

Total-fit line breaking in the manner of Knuth and Plass (Breaking Paragraphs into Lines,
1981), with the Chinese rules of docs/typesetting-rules.md §1–§4 as its constraints:

  - a line may end only where compose.prepare allows a break (``Glyphs.brk``: the line-start /
    line-end prohibitions are forbidden breaks), at a soft point of a Latin run (after
    / . - _ ? & = or the word's own hyphen), or at a dictionary hyphenation point
    (compose.hyphenate); every line must fit with punctuation compressed at most as far as
    the rules allow (``linebreak.minimum``);
  - push-in (compress a line's punctuation) and push-out (move a unit down and stretch the
    line) are both just candidate lines; their badness decides (§1 先挤进，后推出: push-in
    costs less for the same amount moved);
  - badness from the space justification adds (compose.justify: Latin word spaces to ½ em,
    Han–Latin gaps to ⅓ em, then every break point alike, what is over ¼ em at the Latin and
    then the mark boundaries first): the square of the space added at
    each break point against ¼ em. Over the limits of §3 — a gap between Han characters or
    marks wider than ¼ em, a Latin word space wider than 1 em — the line costs ``OVER`` more
    and more again for each em of space beyond the limits, summed over its gaps: such a line is
    chosen only when no sequence of breaks avoids it (``Line.loose`` then says so), and then
    the one with the least space beyond the limits;
  - penalties: each line (fewer lines first, as copy-fitting wants), a hyphen (more for two in
    a row), a break inside a URL, a 孤字 last line (§4.2).

The paragraph's cheapest sequence of lines wins. When the greedy first fit (compose.linebreak)
already sets every line within the tight limit (``TIGHT``: at most ⅛ em added at any Han gap,
no hyphen or split, no 孤字), no sequence can do better in any way a reader sees, and it is
kept as it is without the search: the common case of a paragraph of Han text, which keeps the
composer's throughput. When no sequence exists without an emergency split (a chain wider than
the measure with no point to break it), the greedy result, which handles those, is kept.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from math import ceil

from layout.compose.justify import (HAN_GAP_EM, LATIN_EXTRA_EM, MARK_EXTRA_EM,
                                    over_quarter)
from layout.compose.linebreak import (EPS, LOOSE_LETTER_EM, hyphen_before, hyphen_points,
                                      hyphen_width, minimum, natural)
from layout.compose.lonely import is_lonely
from layout.compose.prepare import G_FIXED, G_HANLATIN, G_WORDSPACE, Glyphs

LINE = 100.0          # every line (a paragraph one line shorter is worth a tight line's cost)
HYPHEN = 60.0         # a dictionary hyphen
OWN_HYPHEN = 20.0     # a break after the word's own hyphen (preferred: §1.6)
URL = 40.0            # a break inside a URL or path, after / . _ ? & =
TWO_HYPHENS = 300.0   # a hyphen on two lines in a row
LONELY = 5000.0       # a 孤字 last line (§4.2)
EMERGENCY = 2000.0    # a first-fit split of a chain wider than the line (compose.linebreak)
OVER = 1e6            # a Han gap over ¼ em or a Latin word space over 1 em (§3)
WORD_EM = 0.5         # §3: the most it adds at a word space beyond its stretch to ½ em (1 em)
TIGHT = HAN_GAP_EM    # first fit kept as is when no break point takes more than ¼ em
INF = float("inf")
GUESS = 1000.0        # a first fit over the limits: the search first assumes the best sequence
                      # costs at most one LINE per first-fit line and this much more


class _Tables:
    """Prefix sums over glyph index i (gap before i): stretch points (a break, not a fixed
    space), word-space and Han–Latin stretch, word spaces (a word space is also a stretch
    point), Latin boundaries and mark boundaries among the stretch points
    (compose.justify.beside_mark), Han characters; per glyph e, the hyphen a line ending after
    e adds (``HW``, pt); the candidate line ends. Built once per paragraph so that costing a
    line is a few subtractions (the search costs ~150 lines a paragraph)."""
    __slots__ = ("P", "WS", "HL", "NW", "LP", "MP", "H", "HW", "cands")


def fit_tables(G: Glyphs) -> _Tables:
    if G.fit is not None:
        return G.fit
    n, brk, gcls, gstr, soft, bl, br = G.n, G.brk, G.gcls, G.gstr, G.soft, G.bl, G.br
    unit, lat = G.unit, G.lat
    hy = hyphen_points(G)
    P, WS, HL, NW = [0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1)
    LP, MP, HW = [0] * (n + 1), [0] * (n + 1), [0.0] * n
    p = nw = lp = mp = 0
    ws = hl = 0.0
    cands = []
    for i in range(1, n):
        c = gcls[i]
        if brk[i]:
            cands.append(i - 1)            # a line may end after glyph i - 1
            if c != G_FIXED:
                p += 1
                if c:                      # G_WORDSPACE or G_HANLATIN
                    lp += 1
                elif br[i - 1] > 0 or bl[i] > 0:      # compose.justify.beside_mark, inlined
                    mp += 1
        elif soft[i] or hy[i]:
            cands.append(i - 1)
        if c == G_WORDSPACE:
            ws += gstr[i]
            nw += 1
        elif c == G_HANLATIN:
            hl += gstr[i]
        elif not unit[i] and lat[i] and lat[i - 1]:
            HW[i - 1] = hyphen_width(G, i - 1)   # inside a Latin run: a split adds a hyphen
        P[i + 1], WS[i + 1], HL[i + 1], NW[i + 1], LP[i + 1], MP[i + 1] = p, ws, hl, nw, lp, mp
    cands.append(n - 1)
    T = _Tables()
    T.P, T.WS, T.HL, T.NW, T.LP, T.MP, T.HW, T.cands = P, WS, HL, NW, LP, MP, HW, cands
    T.H = list(accumulate(G.han, initial=0))
    G.fit = T
    return T


def line_cost(G: Glyphs, T: _Tables, a: int, e: int, avail: float) -> float | None:
    """Badness of a..e as a justified non-final line of ``avail`` pt (None: it does not fit)."""
    # linebreak.natural and linebreak.minimum, inlined (the same sums in the same order)
    bl, br = G.bl[a], G.br[e]
    nat = G.S[e + 1] - G.S[a] - G.gap[a] - bl - br
    hw = T.HW[e]
    if hw:
        nat += hw
    short = avail - nat
    em = G.size[e]
    if short < -EPS:
        mn = nat - (G.K[e + 1] - G.K[a] - G.gshr[a] - bl - br)
        if mn > avail + EPS:
            return None
        r = -short / max(nat - mn, EPS)
        return 40.0 * r * r                       # push-in: full compression costs 40
    if short <= EPS:
        return 0.0
    ws, hl = T.WS[e + 1] - T.WS[a + 1], T.HL[e + 1] - T.HL[a + 1]
    rest = short - ws - hl
    if rest <= EPS:
        return 10.0 * short / (ws + hl)           # only word spaces / Han–Latin gaps opened
    cnt = T.P[e + 1] - T.P[a + 1]
    if cnt == 0:                                  # one chain: letter-spaced (compose.justify)
        letters = sum(1 for i in range(a + 1, e + 1) if G.lat[i - 1] and G.lat[i])
        if letters and rest <= LOOSE_LETTER_EM * em * letters + EPS:
            return 200.0
        # over the limit: as costly as the space beyond 1/20 em a letter gap
        return OVER * (1.0 + rest / em - LOOSE_LETTER_EM * letters)
    uni = rest / cnt / em
    bad = 100.0 * (uni / HAN_GAP_EM) ** 2
    latin = T.LP[e + 1] - T.LP[a + 1]
    marks = T.MP[e + 1] - T.MP[a + 1]
    extra = 0.0
    if uni > HAN_GAP_EM + 1e-6 and (latin or marks):
        # over ¼ em: the Latin boundaries, then the mark boundaries take more first
        # (compose.justify)
        extra, mextra = over_quarter(rest / em - cnt * HAN_GAP_EM, latin, marks, 1.0)
        uni = (rest / em - latin * extra - marks * mextra) / cnt
        bad = (100.0 * (uni / HAN_GAP_EM) ** 2 + 200.0 * (extra / LATIN_EXTRA_EM) ** 2
               + 200.0 * (mextra / MARK_EXTRA_EM) ** 2)
    words = T.NW[e + 1] - T.NW[a + 1]
    excess = 0.0           # the space over the limits, in em, summed over the line's points
    if uni > HAN_GAP_EM + 1e-6 and cnt > words:
        excess = (cnt - words) * (uni - HAN_GAP_EM)        # Han and mark gaps over ¼ em
    if uni + extra > WORD_EM - 0.02 and words:
        excess += words * (uni + extra - WORD_EM + 0.02)   # word spaces over 1 em
    if excess:
        bad += OVER * (1.0 + excess)
    return bad


def _break_penalty(G: Glyphs, e: int) -> tuple[float, bool]:
    """(penalty, ends with an added hyphen) of a line that ends after glyph e."""
    i = e + 1
    if i >= G.n or G.unit[i]:
        return 0.0, False
    last_resort = 0.0 if (G.soft[i] or G.hy[i]) else EMERGENCY
    if hyphen_before(G, i):
        return HYPHEN + last_resort, True
    return (OWN_HYPHEN if G.ch[e] == "-" else URL) + last_resort, False


def needs_search(G: Glyphs, lines: list[tuple[int, int]], avails: list[float],
                 lonely: bool = True) -> bool:
    """Is the first fit worth improving: a line over a limit of §3 (more than ¼ em added at a
    Han gap, or a word space over 1 em), a split inside a unit, or a 孤字 last line? Cheap: a
    line set within ¼ em of its measure is not looked into."""
    unit, n, brk, gcls, gstr = G.unit, G.n, G.brk, G.gcls, G.gstr
    for k, (a, e) in enumerate(lines[:-1]):
        if e + 1 < n and not unit[e + 1]:
            return True
        em = G.size[e]
        short = avails[k] - natural(G, a, e)
        if short <= TIGHT * em:
            continue
        cnt = 0
        for i in range(a + 1, e + 1):
            c = gcls[i]
            if c == G_WORDSPACE or c == G_HANLATIN:
                short -= gstr[i]
            if brk[i] and c != G_FIXED:
                cnt += 1
        if short > EPS and (cnt == 0 or short / cnt > TIGHT * em):
            return True
    return lonely and len(lines) > 1 and is_lonely(G, *lines[-1])


def _ends(G: Glyphs, cands: list[int], a: int, avail: float) -> tuple[int, int]:
    """Index range lo..hi-1 of ``cands`` ending a line from a: hi is past the longest end
    that fits with punctuation compressed; lo is a's own first candidate."""
    S = G.S
    lo = bisect_left(cands, a)
    # the natural fit, then the few ends that fit only compressed
    j = bisect_right(S, avail + S[a] + G.gap[a] + G.bl[a] + EPS) - 2
    hi = max(lo, bisect_right(cands, j))
    while hi < len(cands) and minimum(G, a, cands[hi]) <= avail + EPS:
        hi += 1
    return lo, hi


def _path_cost(penalties, lines: list[tuple[int, int]], tried) -> float:
    """What the programme of ``total_fit`` would compute for the sequence ``lines``, or INF
    when one of them is not among the lines it tries (``tried``: the same rule). An upper
    bound on its optimum: starts that cannot beat it are never expanded."""
    c, hy_prev, last = 0.0, False, len(lines) - 1
    for k, (a, e) in enumerate(lines):
        bad = tried(a, e)
        if bad is None:
            return INF
        if k == last:
            return c + LINE + bad
        pen, hy = penalties[0][e], penalties[1][e]
        if hy and hy_prev:
            pen += TWO_HYPHENS
        c, hy_prev = c + LINE + bad + pen, hy
    return INF


def total_fit(G: Glyphs, measure: float, indent: float, first_fit: list[tuple[int, int]],
              lonely: bool = True, prune: bool = True) -> list[tuple[int, int]] | None:
    """The cheapest sequence of lines (first glyph, last glyph), or None when there is none.
    The line ends of the first fit are candidates too: its emergency splits of chains wider
    than a line (compose.linebreak) are then open to the search, at a high price. From each
    start the ends are tried longest first, down to the second one over the limits (shorter
    lines are looser still). ``lonely``: a 孤字 last line is penalised (§4.2).
    Pruned without changing the answer (``_programme``): the first fit's own cost is an upper
    bound, and a start that cannot lead under it is not expanded. When the first fit is over
    the limits its cost bounds little, so a likely bound (``GUESS``) is tried first, and kept
    when the answer is under it. ``prune`` False: the whole programme (to test that)."""
    T = fit_tables(G)
    lonely_pen = LONELY if lonely else 0.0
    n = G.n
    cands = sorted(set(T.cands).union(e for _, e in first_fit))
    H, PEN, HY = T.H, [0.0] * n, [False] * n
    for e in cands:
        if e + 1 < n and not G.unit[e + 1]:       # a break inside a unit: hyphen, URL, split
            PEN[e], HY[e] = _break_penalty(G, e)

    def ends(a: int):
        """The ends tried from a, longest first, with the line's badness (the last line's:
        its 孤字 penalty), one at a time: down to the second line over the limits."""
        avail = measure - (indent if a == 0 else 0.0)
        lo, hi = _ends(G, cands, a, avail)
        over = 0
        for idx in range(hi - 1, lo - 1, -1):
            e = cands[idx]
            if e == n - 1:                                 # the last line: no justification
                yield e, (lonely_pen if a > 0 and H[n] - H[a] == 1 else 0.0)   # 孤字
                continue
            bad = line_cost(G, T, a, e, avail)
            if bad is None:
                continue
            if bad >= OVER:
                over += 1
                if over > 2:
                    return
            yield e, bad

    memo: dict[int, list[tuple[int, float]]] = {}

    def tried_from(a: int) -> list[tuple[int, float]]:
        got = memo.get(a)
        if got is None:
            got = memo[a] = list(ends(a))
        return got

    def tried(a: int, e: int) -> float | None:
        return next((bad for end, bad in tried_from(a) if end == e), None)

    bound = _path_cost((PEN, HY), first_fit, tried) if prune else INF
    guess = LINE * len(first_fit) + GUESS
    if bound > guess:       # first fit over the limits: try the likely optimum's bound first
        got, lines = _programme(G, (PEN, HY), tried_from, measure, guess)
        if got <= guess:
            return lines
    return _programme(G, (PEN, HY), tried_from, measure, bound)[1]


def _programme(G: Glyphs, penalties, tried_from, measure: float,
               bound: float) -> tuple[float, list[tuple[int, int]] | None]:
    """total_fit's programme: the cheapest lines and their cost, skipping every start that
    cannot lead under ``bound`` (its cost plus one ``LINE`` for each line its rest needs at
    least: its width with every mark compressed, over the measure). Exact whenever the
    cheapest sequence costs at most ``bound``; the cost says whether it did."""
    n, S, K, (PEN, HY) = G.n, G.S, G.K, penalties
    bound = bound * (1.0 + 1e-9) + 1e-6               # float sums: never prune a tie
    rest0 = S[n] - K[n]
    per_line = measure + max(g - s for g, s in zip(G.gap, G.gshr)) + 1e-3
    cost = [INF] * (n + 1)         # cost[a]: cheapest lines up to a line starting at glyph a
    back = [-1] * (n + 1)
    hyph = [False] * (n + 1)
    cost[0] = 0.0
    for a in range(n):
        base = cost[a]
        if base == INF:
            continue
        if base + LINE * max(1, ceil((rest0 - (S[a] - K[a])) / per_line - 1e-6)) > bound:
            continue
        for e, bad in tried_from(a):
            if e == n - 1:
                c = base + LINE + bad
                if c < cost[n]:
                    cost[n], back[n] = c, a
                continue
            pen, hy = PEN[e], HY[e]
            if hy and hyph[a]:
                pen += TWO_HYPHENS
            c = base + LINE + bad + pen
            if c < cost[e + 1]:
                cost[e + 1], back[e + 1], hyph[e + 1] = c, a, hy
    if cost[n] == INF:
        return INF, None
    out = []
    e = n
    while e > 0:
        a = back[e]
        out.append((a, e - 1))
        e = a
    out.reverse()
    return cost[n], out


def loose_line(G: Glyphs, a: int, e: int, avail: float) -> bool:
    """Does a..e, justified in ``avail`` pt, open a Han gap over ¼ em or a Latin word space
    over 1 em (docs/typesetting-rules.md §3)? The lines total-fit could not avoid."""
    bad = line_cost(G, fit_tables(G), a, e, avail)
    return bad is not None and bad >= OVER
