"""Composer stage 3, set: place the glyphs of one line, compressed or expanded to its width.

Justification by the clreq shrink and stretch orders (#necessity_for_line_adjustment): each class
of space for the whole line at once before the next. The positions decided here are final; the
PDF writer replays them.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
docs/typesetting-rules.md.
"""
from __future__ import annotations

from layout.compose.chars import NO_LINE_START, OPENING
from layout.compose.prepare import (G_FIXED, G_HANLATIN, G_WORDSPACE, S_BRACKET, S_PAUSE,
                                    S_STOP, Glyphs)
from layout.compose.linebreak import hyphen_before, hyphen_width, natural
from layout.compose.types import EPS, Line, PlacedGlyph, Slot

# The shrink order, clreq #procedures_for_inter-character_spacing_reduction (docs/typesetting-rules.md §3):
# (line-end mark to ½ em: done by ``natural``) → Latin word spaces → (interpunct: a fixed ½ em
# here, nothing to take) → brackets → ，、；： → Han–Latin gap → 。？！
_SHRINK_ORDER = (("g", G_WORDSPACE), ("s", S_BRACKET), ("s", S_PAUSE), ("g", G_HANLATIN),
                 ("s", S_STOP))
_DASHES = frozenset("—…")
# docs/typesetting-rules.md §3.6: the most justification adds between two Han characters, and
# the most a Latin boundary takes beyond that before they open further (a word space of ½ em
# + ¼ + this stays under 1 em), then a mark boundary (the blank half of a full-width mark, ½ em,
# + ¼ + this: 1 em of white beside the mark's ink, as wide as the widest word space).
HAN_GAP_EM = 0.25
LATIN_EXTRA_EM = 0.24
MARK_EXTRA_EM = 0.25


def beside_mark(G: Glyphs, i: int) -> bool:
    """Is the gap before glyph i beside the blank half of a full-width mark (after a closing
    mark, a pause or a stop; before an opening mark)? Space there widens the mark's own blank
    (docs/typesetting-rules.md §3.3)."""
    return G.br[i - 1] > 0 or G.bl[i] > 0


def over_quarter(over: float, latin: int, marks: int, em: float) -> tuple[float, float]:
    """Share ``over`` (what is left once every stretch point took ¼ em, in the unit of ``em``)
    out (docs/typesetting-rules.md §3.3 step 3): first ``latin`` Latin boundaries up to
    ``LATIN_EXTRA_EM`` more each, then ``marks`` mark boundaries up to ``MARK_EXTRA_EM`` more
    each. Returns (extra at each Latin boundary, extra at each mark boundary)."""
    extra = min(LATIN_EXTRA_EM * em, over / latin) if latin else 0.0
    over -= latin * extra
    mextra = min(MARK_EXTRA_EM * em, over / marks) if marks and over > 0 else 0.0
    return extra, mextra


def _spread_points(G: Glyphs, a: int, b: int, strict: bool) -> list[bool] | None:
    """Where a line with no break point inside may still take space when it must be flush: unit
    boundaries that are not before a mark of the line-start list (——/…… excepted: space before
    a dash or an ellipsis is ordinary inter-character space) and not after an opening mark
    (docs/typesetting-rules.md §3: "never add space inside an unbreakable sequence, after an opening bracket
    or before a closing mark"). None when there is no such point: the justified line is then
    letter-spaced (``_letter_points``), or, with no two adjacent Latin glyphs either, stays
    start-aligned, the one case of a non-final line that is not flush (e.g. "“。”" alone).
    ``strict`` False (均排, 'distribute'): every unit boundary, as letter-spacing does."""
    unit, ch, gcls = G.unit, G.ch, G.gcls
    pts = [False] * (b + 1)
    found = False
    for i in range(a + 1, b + 1):
        if unit[i] and gcls[i] != G_FIXED and (not strict or (
                ch[i - 1] not in OPENING and (ch[i] not in NO_LINE_START or ch[i] in _DASHES))):
            pts[i] = found = True
    return pts if found else None


def _letter_points(G: Glyphs, a: int, b: int) -> list[bool] | None:
    """The last resort for a flush line (docs/typesetting-rules.md §3): a line holding only a piece of a chain
    split by emergency (compose.linebreak), e.g. the middle of a long URL or a number wider than the
    line, or a number pushed down whole that leaves a gap at the end, has no unit boundary to
    take space. Its Latin letters and digits are letter-spaced instead: space between every two
    adjacent glyphs of a Latin/digit run (never next to a mark). None when there is none."""
    lat = G.lat
    pts = [False] * (b + 1)
    found = False
    for i in range(a + 1, b + 1):
        if lat[i - 1] and lat[i]:
            pts[i] = found = True
    return pts if found else None


def _shrink(G: Glyphs, a: int, b: int, need: float) -> tuple[list[float], list[float]]:
    """Per gap class and per glyph shrink class, the fraction of its capacity taken to remove
    ``need`` pt, class by class in the clreq order (_SHRINK_ORDER): (gap factors, negative;
    glyph factors, positive)."""
    gfac, sfac = [0.0] * 4, [0.0] * 4
    caps, gcap = [0.0] * 4, [0.0] * 4
    gcls, gshr, bl, br, scls = G.gcls, G.gshr, G.bl, G.br, G.scls
    for i in range(a, b + 1):
        if i > a:
            gcap[gcls[i]] += gshr[i]
        if scls[i]:
            caps[scls[i]] += (0.0 if i == a else bl[i]) + (0.0 if i == b else br[i])
    for kind, cls in _SHRINK_ORDER:
        total = gcap[cls] if kind == "g" else caps[cls]
        if total <= 0 or need <= 0:
            continue
        take = min(need, total)
        if kind == "g":
            gfac[cls] = -take / total
        else:
            sfac[cls] = take / total
        need -= take
    return gfac, sfac


def _stretch(G: Glyphs, a: int, b: int, need: float, mode: str):
    """clreq #procedures_for_inter-character_space_expansion: word spaces up to ½ em, then
    Han–Latin gaps up to ⅓ em, then every gap where a break may fall, equally (never inside an
    unbreakable unit, after an opening mark or before a closing mark). When that would open
    the gaps by more than ¼ em (docs/typesetting-rules.md §3.3, §3.6), what is over ¼ em goes
    first to the line's Latin boundaries (its Han–Latin gaps and word spaces, up to
    ``LATIN_EXTRA_EM`` more each), then to its mark boundaries (``beside_mark``, up to
    ``MARK_EXTRA_EM`` more each): space beside a Latin word reads as a word space, space beside
    a mark as the mark's own blank, space between Han characters as a hole. Returns the gap factors, the space added at each uniform
    point, where those points are, and the extra space at each Latin and each mark boundary
    among them."""
    gfac = [0.0] * 4
    gcls, gstr = G.gcls, G.gstr
    if mode == "justify":
        for cls in (G_WORDSPACE, G_HANLATIN):
            total = sum(gstr[i] for i in range(a + 1, b + 1) if gcls[i] == cls)
            if total > 0:
                take = min(need, total)
                gfac[cls] = take / total
                need -= take
    points, uni = G.brk, 0.0
    if need > EPS:
        cnt = sum(1 for i in range(a + 1, b + 1) if points[i] and gcls[i] != G_FIXED)
        if cnt == 0:
            pts = _spread_points(G, a, b, mode == "justify")
            if pts is None and mode == "justify":
                pts = _letter_points(G, a, b)
            if pts is not None:
                points, cnt = pts, sum(pts)
        if cnt:
            uni = need / cnt
            em = G.size[a]
            if mode == "justify" and uni > HAN_GAP_EM * em:
                latin = marks = 0
                for i in range(a + 1, b + 1):
                    if points[i] and gcls[i] != G_FIXED:
                        if gcls[i] == G_WORDSPACE or gcls[i] == G_HANLATIN:
                            latin += 1
                        elif beside_mark(G, i):
                            marks += 1
                extra, mextra = over_quarter(need - cnt * HAN_GAP_EM * em, latin, marks, em)
                return gfac, (need - latin * extra - marks * mextra) / cnt, points, (extra, mextra)
    return gfac, uni, points, (0.0, 0.0)


def set_glyphs(G: Glyphs, slot: Slot, mode: str, is_last: bool) -> Line:
    """Place the glyphs of ``slot``. mode: 'justify' flush both edges, 'distribute' spread
    every unit, 'start'/'center'/'end' natural width aligned. Lines too long are compressed in
    every mode."""
    a, b = slot.first, slot.last
    delta = slot.avail - natural(G, a, b)
    gfac, sfac, uni, points, extra = [0.0] * 4, [0.0] * 4, 0.0, G.brk, (0.0, 0.0)
    if delta < -EPS:
        gfac, sfac = _shrink(G, a, b, -delta)
    elif delta > EPS and (mode == "justify" and not is_last or mode == "distribute"):
        gfac, uni, points, extra = _stretch(G, a, b, delta, mode)
    shift = slot.start
    if delta > 0 and mode == "center":
        shift += delta / 2
    elif delta > 0 and mode == "end":
        shift += delta
    return _place(G, a, b, shift, (gfac, sfac, uni, points, extra), is_last)


def _place(G: Glyphs, a: int, b: int, x: float, adjust, is_last: bool) -> Line:
    """The glyphs a..b from x, each gap and blank half adjusted by ``adjust`` (gap factors,
    glyph shrink factors, uniform space and its points, extra space at Latin and at mark
    boundaries)."""
    gfac, sfac, uni = adjust[0], adjust[1], adjust[2]
    gap, gcls, gshr, gstr, w, off, bl, br, scls = (G.gap, G.gcls, G.gshr, G.gstr, G.w, G.off,
                                                    G.bl, G.br, G.scls)
    ch, face, size = G.ch, G.face, G.size
    new = tuple.__new__          # PlacedGlyph's own __new__ without its Python frame (~5,000 a page)
    out = []
    gw, gh = gfac[G_WORDSPACE], gfac[G_HANLATIN]
    if not (gw or gh or uni or any(sfac)):
        # Nothing to adjust (most lines of Han text): the loop below without its tests; the
        # same sums (a blank of 0 taken away changes no float).
        o, wi = off[a] - bl[a], w[a] - bl[a]
        if a == b:
            wi -= br[a]
        out.append(new(PlacedGlyph, (ch[a], x + o, face[a], size[a], False)))
        x += wi
        for i in range(a + 1, b):
            x += gap[i]
            out.append(new(PlacedGlyph, (ch[i], x + off[i], face[i], size[i], False)))
            x += w[i]
        if b > a:
            x += gap[b]
            out.append(new(PlacedGlyph, (ch[b], x + off[b], face[b], size[b], False)))
            x += w[b] - br[b]
        return _finish_line(G, a, b, x, out, is_last)
    if b > a and gw >= 0 and gh >= 0 and not any(sfac):
        return _place_stretched(G, a, b, x, adjust, is_last)
    # a compressed line (or one glyph): no uniform space, no extra at any point
    for i in range(a, b + 1):
        o = off[i]
        wi = w[i]
        if i > a:
            x += gap[i]
            c = gcls[i]
            if c == G_WORDSPACE and gw:
                x += gw * (gstr[i] if gw > 0 else gshr[i])
            elif c == G_HANLATIN and gh:
                x += gh * (gstr[i] if gh > 0 else gshr[i])
        elif bl[i]:
            o -= bl[i]; wi -= bl[i]          # clreq: opening mark at line start flush to its ink
        if i == b and br[i]:
            wi -= br[i]                      # GB/T 15834 §5.1.10: line-end mark takes ½ em
        sc = scls[i]
        if sc and sfac[sc]:
            lb = 0.0 if i == a else bl[i]
            rb = 0.0 if i == b else br[i]
            f = sfac[sc]
            o -= lb * f                      # remove blank only: the ink never moves into a
            wi -= (lb + rb) * f              # neighbour's ink
        out.append(new(PlacedGlyph, (ch[i], x + o, face[i], size[i], False)))
        x += wi
    return _finish_line(G, a, b, x, out, is_last)


def _place_stretched(G: Glyphs, a: int, b: int, x: float, adjust, is_last: bool) -> Line:
    """``_place`` for a line of two glyphs or more that is only stretched (no glyph shrink
    factor, no gap shrunk): its loop without the shrink tests, the same sums in the same
    order (about half the lines of Latin-dense copy)."""
    gfac, _, uni, ustep, (extra, mextra) = adjust
    gap, gcls, gstr, w, off, bl, br = G.gap, G.gcls, G.gstr, G.w, G.off, G.bl, G.br
    ch, face, size = G.ch, G.face, G.size
    new = tuple.__new__
    gw, gh = gfac[G_WORDSPACE], gfac[G_HANLATIN]
    o, wi = off[a], w[a]
    if bl[a]:
        o -= bl[a]; wi -= bl[a]              # clreq: opening mark at line start flush to its ink
    out = [new(PlacedGlyph, (ch[a], x + o, face[a], size[a], False))]
    x += wi
    for i in range(a + 1, b + 1):
        x += gap[i]
        c = gcls[i]
        if c == G_WORDSPACE and gw:
            x += gw * gstr[i]
        elif c == G_HANLATIN and gh:
            x += gh * gstr[i]
        if uni and ustep[i] and c != G_FIXED:
            x += uni
            if extra and (c == G_WORDSPACE or c == G_HANLATIN):
                x += extra
            elif mextra and (br[i - 1] > 0 or bl[i] > 0):     # beside_mark, inlined
                x += mextra
        out.append(new(PlacedGlyph, (ch[i], x + off[i], face[i], size[i], False)))
        if i < b:
            x += w[i]
    # GB/T 15834 §5.1.10: a line-end mark takes ½ em
    x += w[b] - br[b] if br[b] else w[b]
    return _finish_line(G, a, b, x, out, is_last)


def _finish_line(G: Glyphs, a: int, b: int, x: float, out: list, is_last: bool) -> Line:
    """The line of the placed glyphs ``out`` ending at x, with the hyphen a split adds."""
    face, size = G.face, G.size
    if b + 1 < G.n and not G.unit[b + 1] and hyphen_before(G, b + 1):
        # Emergency hyphenation (compose.linebreak): the added hyphen, in the face of the letter
        # before it, after the line's last glyph; counted in the width, not in the text.
        out.append(PlacedGlyph("-", x, face[b], size[b], True))
        x += hyphen_width(G, b)
    text = G.text[G.pos[a]:G.pos[b] + 1]
    # Line(glyphs, x, is_last, text) without its Python frame (~8,000 lines a build of 16
    # pages), not loose
    return tuple.__new__(Line, (tuple(out), x, is_last, text, False))
