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
from typing import Iterable
from operator import sub

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
# The search first assumes the best sequence costs at most one LINE per first-fit line and
# each of these more in turn (most paragraphs of Latin-dense copy: found under 200, often with
# one line more than the first fit; a failed try costs little, its lines are kept), then, when
# the first fit is over the limits, GUESS more. Found on tests/texts at 13 em (bench_compose
# --texts): 2,783 lines costed in its 20 searches with the first fit's cost as the only bound,
# 2,037 with these.
NEAR = (50.0, 100.0, 150.0, 200.0)
GUESS = 1000.0


class _Tables:
    """Prefix sums over glyph index i (gap before i): stretch points (a break, not a fixed
    space), word-space and Han–Latin stretch, word spaces (a word space is also a stretch
    point), Latin boundaries and mark boundaries among the stretch points
    (compose.justify.beside_mark), Han characters; per glyph e, the hyphen a line ending after
    e adds (``HW``, pt); the candidate line ends. Built once per paragraph so that costing a
    line is a few subtractions (the search costs ~150 lines a paragraph)."""
    __slots__ = ("P", "WS", "HL", "NW", "LP", "MP", "H", "HW", "cands", "fixed")


def fit_tables(G: Glyphs) -> _Tables:
    if G.fit is not None:
        return G.fit
    n, brk, gcls, gstr, soft, bl, br = G.n, G.brk, G.gcls, G.gstr, G.soft, G.bl, G.br
    unit, lat, ch, face, size = G.unit, G.lat, G.ch, G.face, G.size
    hyphen: dict[str, float] = {}
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
        elif not unit[i] and lat[i] and lat[i - 1] and ch[i - 1].isalpha() and ch[i].isalpha():
            # inside a word: a split adds a hyphen (linebreak.hyphen_width, its advance looked
            # up once a face)
            f = face[i - 1]
            a = hyphen.get(f)
            if a is None:
                a = hyphen[f] = G.metrics.advance(f, "-")
            HW[i - 1] = a * size[i - 1]
        P[i + 1], WS[i + 1], HL[i + 1], NW[i + 1], LP[i + 1], MP[i + 1] = p, ws, hl, nw, lp, mp
    cands.append(n - 1)
    T = _Tables()
    T.P, T.WS, T.HL, T.NW, T.LP, T.MP, T.HW, T.cands = P, WS, HL, NW, LP, MP, HW, cands
    T.H = list(accumulate(G.han, initial=0))
    T.fixed = max(map(sub, G.gap, G.gshr))      # the most of a gap that never shrinks
    G.fit = T
    return T


def line_cost(G: Glyphs, T: _Tables, a: int, e: int, avail: float) -> float | None:
    """Badness of a..e as a justified non-final line of ``avail`` pt (None: it does not fit)."""
    return next(line_costs(G, T, (a, avail), (e,)))[1]


def line_costs(G: Glyphs, T: _Tables, start: tuple[int, float], ends: Iterable[int]):
    """(e, ``line_cost`` of a..e) for each e of ``ends`` in turn, the lines starting at glyph
    a in ``avail`` pt (``start``): the tables read once for all of a start's lines."""
    a, avail = start
    S, K, size, lat, BR, HW = G.S, G.K, G.size, G.lat, G.br, T.HW
    WS, HL, P, LP, MP, NW = T.WS, T.HL, T.P, T.LP, T.MP, T.NW
    Sa, ga, bl, Ka, gsa = S[a], G.gap[a], G.bl[a], K[a], G.gshr[a]
    WSa, HLa, Pa, LPa, MPa, NWa = WS[a + 1], HL[a + 1], P[a + 1], LP[a + 1], MP[a + 1], NW[a + 1]
    for e in ends:
        # linebreak.natural and linebreak.minimum, inlined (the same sums in the same order)
        br = BR[e]
        nat = S[e + 1] - Sa - ga - bl - br
        hw = HW[e]
        if hw:
            nat += hw
        short = avail - nat
        if short < -EPS:
            mn = nat - (K[e + 1] - Ka - gsa - bl - br)
            if mn > avail + EPS:
                yield e, None
                continue
            r = -short / max(nat - mn, EPS)
            yield e, 40.0 * r * r                 # push-in: full compression costs 40
            continue
        if short <= EPS:
            yield e, 0.0
            continue
        ws, hl = WS[e + 1] - WSa, HL[e + 1] - HLa
        rest = short - ws - hl
        if rest <= EPS:
            yield e, 10.0 * short / (ws + hl)     # only word spaces / Han–Latin gaps opened
            continue
        em = size[e]
        cnt = P[e + 1] - Pa
        if cnt == 0:                              # one chain: letter-spaced (compose.justify)
            letters = sum(1 for i in range(a + 1, e + 1) if lat[i - 1] and lat[i])
            if letters and rest <= LOOSE_LETTER_EM * em * letters + EPS:
                yield e, 200.0
                continue
            # over the limit: as costly as the space beyond 1/20 em a letter gap
            yield e, OVER * (1.0 + rest / em - LOOSE_LETTER_EM * letters)
            continue
        uni = rest / cnt / em
        bad = 100.0 * (uni / HAN_GAP_EM) ** 2
        latin = LP[e + 1] - LPa
        marks = MP[e + 1] - MPa
        extra = 0.0
        if uni > HAN_GAP_EM + 1e-6 and (latin or marks):
            # over ¼ em: the Latin boundaries, then the mark boundaries take more first
            # (compose.justify)
            extra, mextra = over_quarter(rest / em - cnt * HAN_GAP_EM, latin, marks, 1.0)
            uni = (rest / em - latin * extra - marks * mextra) / cnt
            bad = (100.0 * (uni / HAN_GAP_EM) ** 2 + 200.0 * (extra / LATIN_EXTRA_EM) ** 2
                   + 200.0 * (mextra / MARK_EXTRA_EM) ** 2)
        words = NW[e + 1] - NWa
        excess = 0.0       # the space over the limits, in em, summed over the line's points
        if uni > HAN_GAP_EM + 1e-6 and cnt > words:
            excess = (cnt - words) * (uni - HAN_GAP_EM)        # Han and mark gaps over ¼ em
        if uni + extra > WORD_EM - 0.02 and words:
            excess += words * (uni + extra - WORD_EM + 0.02)   # word spaces over 1 em
        if excess:
            bad += OVER * (1.0 + excess)
        yield e, bad


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


def total_fit(G: Glyphs, measure: float, indent: float, first_fit: list[tuple[int, int]],
              lonely: bool = True, prune: bool = True) -> list[tuple[int, int]] | None:
    """The cheapest sequence of lines (first glyph, last glyph), or None when there is none.
    The line ends of the first fit are candidates too: its emergency splits of chains wider
    than a line (compose.linebreak) are then open to the search, at a high price. From each
    start the ends are tried longest first, down to the second one over the limits (shorter
    lines are looser still). ``lonely``: a 孤字 last line is penalised (§4.2).
    Pruned without changing the answer (``_Search.programme``: exact whenever the cheapest
    sequence costs at most its bound, and its cost says whether it did): first under the
    bounds of ``NEAR`` (the first fit's number of lines and a little badness: most
    paragraphs, a few starts expanded), then, when the first fit is over the limits, under
    ``GUESS``, and last under the first fit's own cost, an upper bound of the optimum. Each
    start's lines are costed once for all of them. ``prune`` False: the whole programme (to
    test that)."""
    run = _Search(G, (measure, indent), first_fit, LONELY if lonely else 0.0)
    if not prune:
        return run.programme(INF)[1]
    lines_ff = LINE * len(first_fit)
    for near in NEAR:
        got, lines = run.programme(lines_ff + near)
        if got <= lines_ff + near:
            return lines
    bound = run.path_cost(first_fit)
    guess = lines_ff + GUESS
    if bound > guess:       # first fit over the limits: try the likely optimum's bound first
        got, lines = run.programme(guess)
        if got <= guess:
            return lines
    return run.programme(bound)[1]


class _Search:
    """One paragraph's search: its candidate ends, the penalty of a break after each glyph,
    the starts a line may have, and each expanded start's lines with their badness
    (``tried_from``, kept between programmes)."""
    __slots__ = ("G", "T", "measure", "indent", "lonely_pen", "cands", "PEN", "HY", "starts",
                 "memo")

    def __init__(self, G: Glyphs, widths: tuple[float, float], first_fit: list[tuple[int, int]],
                 lonely_pen: float):
        self.G, self.T = G, fit_tables(G)
        self.measure, self.indent = widths
        self.lonely_pen = lonely_pen
        n = G.n
        self.cands = cands = sorted(set(self.T.cands).union(e for _, e in first_fit))
        self.PEN, self.HY = PEN, HY = [0.0] * n, [False] * n
        for e in cands:
            if e + 1 < n and not G.unit[e + 1]:    # a break inside a unit: hyphen, URL, split
                PEN[e], HY[e] = _break_penalty(G, e)
        self.starts = [0] + [e + 1 for e in cands if e + 1 < n]
        self.memo: dict[int, list[tuple[int, float]]] = {}

    def tried_from(self, a: int) -> list[tuple[int, float]]:
        """The ends tried from glyph a, longest first, with the line's badness (the last
        line's: its 孤字 penalty): down to the second line over the limits."""
        got = self.memo.get(a)
        if got is not None:
            return got
        G, T, cands, n = self.G, self.T, self.cands, self.G.n
        avail = self.measure - (self.indent if a == 0 else 0.0)
        lo, hi = _ends(G, cands, a, avail)
        got = self.memo[a] = []
        if hi > lo and cands[hi - 1] == n - 1:         # the last line: no justification
            H = T.H
            got.append((n - 1, self.lonely_pen if a > 0 and H[n] - H[a] == 1 else 0.0))  # 孤字
            hi -= 1
        over = 0
        for e, bad in line_costs(G, T, (a, avail), map(cands.__getitem__,
                                                       range(hi - 1, lo - 1, -1))):
            if bad is None:
                continue
            if bad >= OVER:
                over += 1
                if over > 2:
                    break
            got.append((e, bad))
        return got

    def path_cost(self, lines: list[tuple[int, int]]) -> float:
        """What ``programme`` computes for the sequence ``lines``, or INF when one of them is
        not among the lines it tries: an upper bound on its optimum."""
        c, hy_prev, last = 0.0, False, len(lines) - 1
        for k, (a, e) in enumerate(lines):
            bad = next((bad for end, bad in self.tried_from(a) if end == e), None)
            if bad is None:
                return INF
            if k == last:
                return c + LINE + bad
            pen, hy = self.PEN[e], self.HY[e]
            if hy and hy_prev:
                pen += TWO_HYPHENS
            c, hy_prev = c + LINE + bad + pen, hy
        return INF

    def programme(self, bound: float) -> tuple[float, list[tuple[int, int]] | None]:
        """The cheapest lines and their cost, skipping every start that cannot lead under
        ``bound`` (its cost plus one ``LINE`` for each line its rest needs at least: its width
        with every mark compressed, over the measure), and every line that takes a sequence
        over it. Exact whenever the cheapest sequence costs at most ``bound``; the cost says
        whether it did."""
        G, PEN, HY, memo = self.G, self.PEN, self.HY, self.memo
        n, S, K = G.n, G.S, G.K
        bound = bound * (1.0 + 1e-9) + 1e-6               # float sums: never prune a tie
        rest0 = S[n] - K[n]
        per_line = self.measure + self.T.fixed + 1e-3
        cost = [INF] * (n + 1)     # cost[a]: cheapest lines up to a line starting at glyph a
        back = [-1] * (n + 1)
        hyph = [False] * (n + 1)
        cost[0] = 0.0
        for a in self.starts:
            base = cost[a]
            if base == INF:
                continue
            if base + LINE * max(1, ceil((rest0 - (S[a] - K[a])) / per_line - 1e-6)) > bound:
                continue
            base += LINE
            for e, bad in memo.get(a) or self.tried_from(a):
                c = base + bad
                if c > bound:           # no sequence through this line is under the bound
                    continue
                if e == n - 1:
                    if c < cost[n]:
                        cost[n], back[n] = c, a
                    continue
                hy = HY[e]
                c += PEN[e] + TWO_HYPHENS if hy and hyph[a] else PEN[e]
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
