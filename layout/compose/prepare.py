"""Composer stage 1, prepare: a paragraph's runs -> one flat table of glyphs with their widths,
the blank halves of marks, the gaps before them and where a break may fall.

Everything the breaker and the line setter need is computed here once per paragraph, so that
trying a line is arithmetic on prefix sums (``Glyphs.S``: natural widths, ``Glyphs.K``: how much
of that may be squeezed out). Pure Python; the hot path of composition (about 60 % of the time),
written as one loop over the units of ``layout.chars.spans`` with per-font advance caches.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
../shared/reference/typesetting-rules.md ("rules file"); each rule's anchor is beside its code.
"""
from __future__ import annotations

import weakref
from itertools import accumulate
from math import ceil
from operator import add
from typing import Sequence

from layout.compose import chars
from layout.compose.chars import FIXED, HAN, LATIN, MARK, NO_LINE_END, NO_LINE_START
from layout.compose.types import Metrics, Run

# Gap classes (the space before a glyph). clreq #mixed_text_composition and rules file §3.
G_PLAIN, G_WORDSPACE, G_HANLATIN, G_FIXED = 0, 1, 2, 3
# Glyph shrink classes, in the clreq #procedures_for_inter-character_spacing_reduction order.
S_NONE, S_BRACKET, S_PAUSE, S_STOP = 0, 1, 2, 3

_OPENING, _CLOSING, _PAUSE = chars.OPENING, chars.CLOSING, chars.PAUSE
_STOP_KAIMING = chars.STOP            # 开明式: only 。？！ keep the full em (rules file §2)
# Soft break points in Latin runs follow these (not the solidus: GB level forbids it at either
# line edge, clreq #prohibition_rules_for_line_start_end).
_SOFT_AFTER = frozenset(".-")


class Glyphs:
    """The prepared paragraph: one entry per drawn character, lists indexed by glyph number.

    ``w`` box width (after punctuation style and adjacent-mark compression), ``off`` origin offset
    from the box start, ``bl``/``br`` removable blank left/right (pt), ``scls`` shrink class,
    ``gap``/``gcls`` the space before the glyph, ``gshr``/``gstr`` how far that gap may shrink /
    stretch in its own class, ``brk`` a break is allowed before the glyph, ``unit`` the glyph starts
    a unit, ``soft`` a soft break point before the glyph inside a Latin run (after the . or - of
    a domain name or compound: "Britannica.|com"; used only to avoid a loose line, see
    compose_break), ``S``/``K`` prefix sums of natural widths and of shrink capacity (n + 1),
    ``metrics`` the paragraph's ``Metrics`` (for the width of an added hyphen, compose_break).
    Built once by ``prepare`` and never changed afterwards."""
    __slots__ = ("text", "n", "ch", "pos", "face", "size", "han", "lat", "w", "off", "bl", "br",
                 "scls", "gap", "gcls", "gshr", "gstr", "brk", "unit", "soft", "S", "K", "metrics")


# Advance widths per Metrics object, per face: a font set's advances never change, and one
# dictionary lookup is ~10x cheaper than a Metrics.advance call (FontSet: 2 lookups + a divide).
_ADVANCES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _advance_table(metrics: Metrics) -> dict[str, dict[str, float]]:
    try:
        table = _ADVANCES.get(metrics)
        if table is None:
            table = _ADVANCES[metrics] = {}
        return table
    except TypeError:                 # not weak-referenceable or unhashable: this call only
        return {}


def prepare(runs: Sequence[Run], metrics: Metrics, punct: str, bind_units: bool) -> Glyphs:
    text = "".join(r.text for r in runs)
    N = len(text)
    single = len(runs) == 1
    rix: list[int] = []
    if not single:
        for k, r in enumerate(runs):
            rix.extend([k] * len(r.text))
    table = _advance_table(metrics)

    def adv_dict(face: str) -> dict[str, float]:
        d = table.get(face)
        if d is None:
            d = table[face] = {}
        return d

    run_adv = [adv_dict(r.face) for r in runs]
    run_lat = [adv_dict(r.latin_face) if r.latin_face else None for r in runs]

    # Preallocated to the text length (an upper bound on glyphs; spaces are not glyphs), written
    # by index and cut to n at the end: most entries keep their default.
    ch = [""] * N; pos = [0] * N; face = [""] * N; size = [0.0] * N
    han = [False] * N; lat = [False] * N
    w = [0.0] * N; off = [0.0] * N; bl = [0.0] * N; br = [0.0] * N; scls = [0] * N
    gap = [0.0] * N; gcls = [0] * N; gshr = [0.0] * N; gstr = [0.0] * N
    brk = [False] * N; unit = [False] * N; soft = [False] * N
    half_marks = punct == "banjiao"
    quanjiao = punct == "quanjiao"
    any_mark = False

    n = 0
    prev_end = -1               # text end of the previous non-space unit
    prev_kind = ""
    space_at = space_end = -1   # the space run since the previous unit, if any
    r = runs[0] if runs else None
    for s, e, kind in chars.spans(text, bind_units):
        if kind == "space":
            if prev_end >= 0:
                space_at, space_end = s, e
            continue            # spaces are never drawn; leading spaces are the indent's job
        k0 = 0 if single else rix[s]
        r = runs[k0]
        sz = r.size
        if prev_end < 0:
            g, gc, gs, gt, b = 0.0, G_PLAIN, 0.0, 0.0, False
        else:
            q = prev_end - 1
            b = text[s] not in NO_LINE_START and text[q] not in NO_LINE_END
            if space_at >= 0 and b and "\u00a0" in text[space_at:space_end]:
                b = False       # a no-break space (U+00A0) joins its neighbours: "5\u00a0km"
            kq = 0 if single else rix[q]
            if space_at < 0 and kq == k0 and kind != LATIN and prev_kind != LATIN:
                g, gc, gs, gt = 0.0, G_PLAIN, 0.0, 0.0          # the common case: Han/marks
            else:
                rq = runs[kq]
                em = sz if sz > rq.size else rq.size
                cjk_punct = prev_kind in (MARK, FIXED) or kind in (MARK, FIXED)
                if kq != k0 and rq.space_after > 0:
                    # Run-in head (本报讯 + 1 em): a fixed space, never stretched or shrunk.
                    g, gc, gs, gt = rq.space_after * rq.size, G_FIXED, 0.0, 0.0
                elif space_at >= 0 and "\u3000" in text[space_at:space_end]:
                    # An ideographic space is typed on purpose (e.g. between a paper's name and
                    # its folio): keep its own width (1 em), never stretch or shrink it.
                    g = 0.0
                    for p in range(space_at, space_end):
                        rp = runs[0 if single else rix[p]]
                        g += metrics.advance(rp.face, text[p]) * rp.size
                    gc, gs, gt = G_FIXED, 0.0, 0.0
                elif ((prev_kind == HAN and kind == LATIN and chars.is_alnum_latin(text[s]))
                      or (prev_kind == LATIN and kind == HAN and chars.is_alnum_latin(text[q]))):
                    # clreq #mixed_text_composition: ¼ em between Han and Latin/digits, replacing
                    # any typed space; shrinks to ⅛ em, stretches to ⅓ em (rules file §3).
                    g, gc, gs, gt = 0.25 * em, G_HANLATIN, 0.125 * em, (1 / 3 - 0.25) * em
                elif space_at >= 0 and not cjk_punct:
                    # A Latin word space: its own advance, shrinks to ¼ em, stretches to ½ em.
                    g = lo = hi = 0.0
                    for p in range(space_at, space_end):
                        rp = runs[0 if single else rix[p]]
                        g += metrics.advance(rp.latin_face or rp.face, " ") * rp.size
                        lo += 0.25 * rp.size
                        hi += 0.5 * rp.size
                    gc, gs, gt = G_WORDSPACE, max(0.0, g - lo), max(0.0, hi - g)
                else:
                    # A typed space next to a Chinese mark is dropped: the mark's blank half is
                    # the space (clreq #punctuation_width_adjustment).
                    g, gc, gs, gt = 0.0, G_PLAIN, 0.0, 0.0
            space_at = -1
        gap[n] = g; gcls[n] = gc; gshr[n] = gs; gstr[n] = gt; brk[n] = b; unit[n] = True
        for p in range(s, e):
            c = text[p]
            if not single and p > s:
                r = runs[rix[p]]
                sz = r.size
            lf = r.latin_face
            if lf and chars.is_latin(c):
                fc, advs = lf, run_lat[k0 if single else rix[p]]
            else:
                fc, advs = r.face, run_adv[k0 if single else rix[p]]
            a = advs.get(c)
            if a is None:
                a = advs[c] = metrics.advance(fc, c)
            ch[n] = c; pos[n] = p; face[n] = fc; size[n] = sz
            if kind == HAN:
                han[n] = True
                w[n] = a * sz
            elif kind == LATIN:
                lat[n] = True
                w[n] = a * sz
                if p >= s + 2 and ch[n - 1] in _SOFT_AFTER and c.isalnum() and c.isascii():
                    b2 = ch[n - 2]
                    # after . or - between letters or digits, not inside a decimal (3.14)
                    soft[n] = b2.isalnum() and not (b2.isdigit() and c.isdigit())
            elif kind == MARK:
                any_mark = True
                # clreq #punctuation_width_adjustment: a mark sits in a 1-em box, ink in one half.
                # 开明式: only 。？！ keep the full em; 半角式: every mark ½ em (rules file §2).
                full = not half_marks and (quanjiao or c in _STOP_KAIMING)
                if c in _OPENING:
                    o = (1.0 - a) * sz               # ink flush right in its box
                    if full:
                        w[n], bl[n] = sz, 0.5 * sz
                    else:
                        w[n], o = 0.5 * sz, o - 0.5 * sz
                    off[n] = o
                    scls[n] = S_BRACKET
                else:
                    if full:
                        w[n], br[n] = sz, 0.5 * sz
                    else:
                        w[n] = 0.5 * sz
                    scls[n] = (S_BRACKET if c in _CLOSING else S_PAUSE if c in _PAUSE
                               else S_STOP)
            else:
                # GB/T 15834 §5.1: ——/…… 1 em per code point (2 em the pair), ～ 1 em; – · ／
                # ½ em; the box width is the rule's, the glyph is centred in it whatever its
                # advance.
                bw = 0.5 * sz if c in chars.FIXED_HALF else sz
                w[n] = bw
                off[n] = (bw - a * sz) / 2
            n += 1
        prev_end, prev_kind = e, kind

    for lst in (ch, pos, face, size, han, lat, w, off, bl, br, scls, gap, gcls, gshr, gstr,
                brk, unit, soft):
        del lst[n:]
    if any_mark:
        _adjust_marks(ch, pos, size, w, off, bl, br, scls, gap)

    G = Glyphs()
    G.text, G.n, G.metrics = text, n, metrics
    G.ch, G.pos, G.face, G.size, G.han, G.lat = ch, pos, face, size, han, lat
    G.w, G.off, G.bl, G.br, G.scls = w, off, bl, br, scls
    G.gap, G.gcls, G.gshr, G.gstr, G.brk, G.unit, G.soft = gap, gcls, gshr, gstr, brk, unit, soft
    G.S = list(accumulate(map(add, gap, w), initial=0.0))
    # Shrink capacity: the gap's own shrink plus a mark's blank halves (zero for other glyphs).
    G.K = list(accumulate(map(add, gshr, map(add, bl, br)), initial=0.0))
    return G


def _adjust_marks(ch, pos, size, w, off, bl, br, scls, gap) -> None:
    """Widths of marks that depend on their neighbours, in place."""
    n = len(ch)
    # GB/T 15834 §5.1.2: ?? !! ?! !? take 1 em together, ??? !!! take 2 em: every mark of a run
    # of m but the last is set in ½ em; the last takes what is left of ceil(m/2) em.
    QE = chars.QUESTION_EXCLAIM
    i = 0
    while i < n:
        if ch[i] in QE and w[i] > 0:
            j = i + 1
            while j < n and ch[j] in QE and pos[j] == pos[j - 1] + 1:
                j += 1
            m = j - i
            if m >= 2:
                sz = size[i]
                for k in range(i, j - 1):
                    w[k], br[k] = 0.5 * sz, 0.0
                last = (ceil(m / 2) - (m - 1) / 2) * sz
                w[j - 1], br[j - 1] = last, max(0.0, last - 0.5 * sz)
            i = j
        else:
            i += 1
    # clreq #punctuation_width_adjustment: two adjacent marks that would take 2 em take 1.5 em —
    # remove the blank half between them (the left mark's right blank first), never any ink.
    for i in range(1, n):
        if scls[i] and scls[i - 1] and gap[i] == 0.0:
            if br[i - 1] > 0:
                w[i - 1] -= br[i - 1]; br[i - 1] = 0.0
            elif bl[i] > 0:
                w[i] -= bl[i]; off[i] -= bl[i]; bl[i] = 0.0
