"""Chinese line composer: a paragraph (runs of text) and a measure in, lines of placed glyphs out.

Place in the pipeline: after styling, before flowing lines into columns. Pure Python; knows
nothing of PDF or pages. The PDF writer only replays the ``PlacedGlyph`` positions decided here.

    compose_paragraph = prepare (glyph widths, gaps, break opportunities; once per paragraph)
                      → break (greedy, push-in before push-out)
                      → fix 孤字 (look back over the last lines)
                      → set each line (compress / expand to the measure, place glyphs)

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
/work/shared/reference/typesetting-rules.md; the rule's anchor is cited beside the code.
Units: sizes and positions in pt; ``Run.space_after``, ``indent`` and ``Metrics.advance`` in em.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from math import ceil
from typing import Literal, Protocol, Sequence

from layout import chars
from layout.chars import HAN, LATIN, MARK, SPACE

PunctStyle = Literal["quanjiao", "kaiming", "banjiao"]   # 全角式 (default) / 开明式 / 半角式
Align = Literal["justify", "start", "center", "end", "distribute"]

EPS = 1e-6   # pt; widths are sums of floats, compare with a hair of slack


class Metrics(Protocol):
    def advance(self, face: str, ch: str) -> float: ...   # advance width in em; Han = 1.0


@dataclass(frozen=True)
class Run:
    text: str
    face: str                       # font key given to Metrics.advance, e.g. "song", "hei"
    size: float                     # pt
    latin_face: str | None = None   # face for Latin letters and digits (None = same as face)
    space_after: float = 0.0        # fixed space in em after the run (run-in head); never stretched


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    ch: str       # one character of the input; spaces are not emitted
    x: float      # pt from the line start to the glyph's ORIGIN (not its ink)
    face: str
    size: float


@dataclass(frozen=True)
class Line:
    glyphs: tuple[PlacedGlyph, ...]
    width: float     # pt from 0 to the end of the last glyph's box (line-end mark counted ½ em)
    is_last: bool    # last line of its paragraph
    text: str        # this line's characters exactly as in the input (break spaces dropped)


# Gap classes (the space before a glyph). clreq #mixed_text_composition and rules file §3.
G_PLAIN, G_WORDSPACE, G_HANLATIN, G_FIXED = 0, 1, 2, 3
# Glyph shrink classes, in the clreq #procedures_for_inter-character_spacing_reduction order.
S_NONE, S_BRACKET, S_PAUSE, S_STOP = 0, 1, 2, 3


@dataclass(frozen=True)
class _Glyphs:
    """The prepared paragraph: one entry per drawn character, tuples indexed by glyph number.

    ``w`` box width (after punctuation style and adjacent-mark compression), ``off`` origin offset
    from the box start, ``bl``/``br`` removable blank left/right (pt), ``scls`` shrink class,
    ``gap``/``gcls`` the space before the glyph, ``gshr``/``gstr`` how far that gap may shrink /
    stretch in its own class, ``brk`` a break is allowed before the glyph, ``unit`` the glyph starts
    a unit, ``S``/``K`` prefix sums of natural widths and of shrink capacity."""
    text: str
    ch: tuple[str, ...]
    pos: tuple[int, ...]
    face: tuple[str, ...]
    size: tuple[float, ...]
    han: tuple[bool, ...]
    lat: tuple[bool, ...]
    w: tuple[float, ...]
    off: tuple[float, ...]
    bl: tuple[float, ...]
    br: tuple[float, ...]
    scls: tuple[int, ...]
    gap: tuple[float, ...]
    gcls: tuple[int, ...]
    gshr: tuple[float, ...]
    gstr: tuple[float, ...]
    brk: tuple[bool, ...]
    unit: tuple[bool, ...]
    S: tuple[float, ...]
    K: tuple[float, ...]
    nextb: tuple[int, ...]
    prevb: tuple[int, ...]


# ------------------------------------------------------------------------------------ prepare ---
def _prepare(runs: Sequence[Run], metrics: Metrics, punct: str, bind_units: bool) -> _Glyphs:
    text = "".join(r.text for r in runs)
    rix: list[int] = []
    for k, r in enumerate(runs):
        rix.extend([k] * len(r.text))
    adv_cache: dict[tuple[str, str], float] = {}

    def adv(face: str, c: str) -> float:
        key = (face, c)
        a = adv_cache.get(key)
        if a is None:
            a = adv_cache[key] = metrics.advance(face, c)
        return a

    ch: list[str] = []; pos: list[int] = []; face: list[str] = []; size: list[float] = []
    han: list[bool] = []; lat: list[bool] = []
    w: list[float] = []; off: list[float] = []; bl: list[float] = []; br: list[float] = []
    scls: list[int] = []; gap: list[float] = []; gcls: list[int] = []; gshr: list[float] = []
    gstr: list[float] = []; brk: list[bool] = []; unit: list[bool] = []
    half_marks = punct == "banjiao"

    prev = None            # previous non-space unit
    space_at = space_end = -1   # the space run since ``prev``, if any
    for u in chars.tokenize(text, bind_units=bind_units):
        if u.kind == SPACE:
            if prev is not None:
                space_at, space_end = u.start, u.end
            continue       # spaces are never drawn; leading spaces are the indent's job
        p0 = u.start
        r0 = runs[rix[p0]]
        em = r0.size
        if prev is None:
            g, gc, gs, gt, b = 0.0, G_PLAIN, 0.0, 0.0, False
        else:
            q = prev.end - 1
            rq = runs[rix[q]]
            em = max(em, rq.size)
            b = chars.may_break(text, prev, u)
            cjk_punct = prev.kind in (MARK, chars.FIXED) or u.kind in (MARK, chars.FIXED)
            if rix[q] != rix[p0] and rq.space_after > 0:
                # Run-in head (本报讯 + 1 em): a fixed space, never stretched or shrunk.
                g, gc, gs, gt = rq.space_after * rq.size, G_FIXED, 0.0, 0.0
            elif space_at >= 0 and "\u3000" in text[space_at:space_end]:
                # An ideographic space is typed on purpose (e.g. between a paper's name and its
                # folio): keep its own width (1 em), never stretch or shrink it.
                g = sum(adv(runs[rix[p]].face, text[p]) * runs[rix[p]].size
                        for p in range(space_at, space_end))
                gc, gs, gt = G_FIXED, 0.0, 0.0
            elif ((prev.kind == HAN and u.kind == LATIN and chars.is_alnum_latin(text[p0]))
                  or (prev.kind == LATIN and u.kind == HAN and chars.is_alnum_latin(text[q]))):
                # clreq #mixed_text_composition: ¼ em between Han and Latin/digits, replacing any
                # typed space; shrinks to ⅛ em, stretches to ⅓ em (rules file §3).
                g, gc, gs, gt = 0.25 * em, G_HANLATIN, 0.125 * em, (1 / 3 - 0.25) * em
            elif space_at >= 0 and not cjk_punct:
                # A Latin word space: its own advance, shrinks to ¼ em, stretches to ½ em.
                g = lo = hi = 0.0
                for p in range(space_at, space_end):
                    rs = runs[rix[p]]
                    g += adv(rs.latin_face or rs.face, " ") * rs.size
                    lo += 0.25 * rs.size
                    hi += 0.5 * rs.size
                gc, gs, gt = G_WORDSPACE, max(0.0, g - lo), max(0.0, hi - g)
            else:
                # A typed space next to a Chinese mark is dropped: the mark's blank half is the space.
                g, gc, gs, gt = 0.0, G_PLAIN, 0.0, 0.0
        space_at = -1
        first = True
        kind = u.kind
        for p in range(u.start, u.end):
            c = text[p]
            r = runs[rix[p]]
            sz = r.size
            fc = r.latin_face if (r.latin_face and chars.is_latin(c)) else r.face
            a = adv(fc, c)
            sc = S_NONE
            lb = rb = 0.0
            if kind == MARK:
                # clreq #punctuation_width_adjustment: a mark sits in a 1-em box, ink in one half.
                # 开明式: only 。？！ keep the full em; 半角式: every mark ½ em (rules file §2).
                full = not half_marks and (punct == "quanjiao" or c in chars.STOP)
                if c in chars.OPENING:
                    o = (1.0 - a) * sz               # ink flush right in its box
                    if full:
                        bw, lb = sz, 0.5 * sz
                    else:
                        bw, o = 0.5 * sz, o - 0.5 * sz
                    sc = S_BRACKET
                else:
                    o = 0.0
                    if full:
                        bw, rb = sz, 0.5 * sz
                    else:
                        bw = 0.5 * sz
                    sc = S_BRACKET if c in chars.CLOSING else (S_PAUSE if c in chars.PAUSE else S_STOP)
            elif kind == chars.FIXED:
                # GB/T 15834 §5.1: ——/…… 1 em per code point (2 em the pair), ～ 1 em; – · ／ ½ em;
                # the box width is the rule's, the glyph is centred in it whatever its advance.
                bw = 0.5 * sz if c in chars.FIXED_HALF else sz
                o = (bw - a * sz) / 2
            else:
                bw, o = a * sz, 0.0
            ch.append(c); pos.append(p); face.append(fc); size.append(sz)
            han.append(kind == HAN); lat.append(kind == LATIN)
            w.append(bw); off.append(o); bl.append(lb); br.append(rb); scls.append(sc)
            if first:
                gap.append(g); gcls.append(gc); gshr.append(gs); gstr.append(gt)
                brk.append(b); unit.append(True)
                first = False
            else:
                gap.append(0.0); gcls.append(G_PLAIN); gshr.append(0.0); gstr.append(0.0)
                brk.append(False); unit.append(False)
        prev = u

    n = len(ch)
    # GB/T 15834 §5.1.2: ?? !! ?! !? take 1 em together, ??? !!! take 2 em: every mark of a run of
    # m but the last is set in ½ em; the last takes what is left of ceil(m/2) em.
    i = 0
    while i < n:
        if ch[i] in chars.QUESTION_EXCLAIM and w[i] > 0:
            j = i + 1
            while j < n and ch[j] in chars.QUESTION_EXCLAIM and pos[j] == pos[j - 1] + 1:
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

    S = [0.0] * (n + 1)
    K = [0.0] * (n + 1)
    s = k_ = 0.0
    for i in range(n):
        s += gap[i] + w[i]
        k_ += gshr[i] + (bl[i] + br[i] if scls[i] else 0.0)
        S[i + 1] = s
        K[i + 1] = k_
    # allowed break after glyph i <=> brk[i + 1]; after the last glyph always.
    nextb = [0] * n
    nb = n - 1
    for i in range(n - 1, -1, -1):
        if i < n - 1 and brk[i + 1]:
            nb = i
        nextb[i] = nb
    prevb = [0] * n
    pb = -1
    for i in range(n):
        if i == n - 1 or brk[i + 1]:
            pb = i
        prevb[i] = pb
    return _Glyphs(text, tuple(ch), tuple(pos), tuple(face), tuple(size), tuple(han), tuple(lat),
                   tuple(w), tuple(off), tuple(bl), tuple(br), tuple(scls), tuple(gap),
                   tuple(gcls), tuple(gshr), tuple(gstr), tuple(brk), tuple(unit), tuple(S),
                   tuple(K), tuple(nextb), tuple(prevb))


def _natural(G: _Glyphs, a: int, b: int) -> float:
    """Natural width of glyphs a..b as one line, edge rules applied: an opening mark at the line
    start drops its blank left half, a mark at the line end its blank right half (clreq
    #punctuation_width_adjustment; GB/T 15834 §5.1.10 "应" for the line end)."""
    return G.S[b + 1] - G.S[a] - G.gap[a] - G.bl[a] - G.br[b]


def _minimum(G: _Glyphs, a: int, b: int) -> float:
    """Width of a..b with every compressible space at its minimum (rules file §3 shrink list)."""
    cap = G.K[b + 1] - G.K[a] - G.gshr[a] - G.bl[a] - G.br[b]
    return _natural(G, a, b) - cap


# -------------------------------------------------------------------------------------- break ---
def _fit(G: _Glyphs, a: int, avail: float) -> int:
    """Last glyph b >= a-1 such that a..b fits ``avail`` at natural width (bisect on prefix sums)."""
    T = avail + G.S[a] + G.gap[a] + G.bl[a] + EPS
    S = G.S
    b = bisect_right(S, T, a + 1) - 2       # largest b with S[b+1] <= T
    if b + 1 < len(G.ch) and S[b + 2] - G.br[b + 1] <= T:
        b += 1                               # a line-end mark counts only ½ em
    return b


def _break_from(G: _Glyphs, a: int, avail: float, greedy_min: bool = False) -> int:
    """End glyph of the line starting at glyph a. clreq #prohibition_rules_for_line_start_end,
    resolved push-in first, then push-out (先挤进，后推出, rules file §1)."""
    n = len(G.ch)
    if greedy_min:
        # Fill as far as compression allows (used by the 孤字 look-back only).
        k = G.nextb[a]
        best = -1
        while _minimum(G, a, k) <= avail + EPS:
            best = k
            if k == n - 1:
                break
            k = G.nextb[k + 1]
        return best
    j = _fit(G, a, avail)
    if j >= n - 1:
        return n - 1
    if j < a:                                # not even one glyph fits: take the first unit anyway
        k = G.nextb[a]
        return k if _minimum(G, a, k) <= avail + EPS else a
    if G.brk[j + 1]:
        return j
    k = G.nextb[j]
    if _minimum(G, a, k) <= avail + EPS:
        return k                             # push-in: compress punctuation to keep the mark here
    k = G.prevb[j]
    if k >= a:
        return k                             # push-out: move the last unit(s) down
    return j                                 # one unbreakable unit longer than the measure


def _is_lonely(G: _Glyphs, a: int, b: int) -> bool:
    """孤字 (rules file §4, clreq #adjustments_of_orphans_and_widows): one Han character (+ marks)."""
    hs = 0
    for i in range(a, b + 1):
        if G.lat[i]:
            return False
        hs += G.han[i]
    return hs == 1


def _fix_lonely(G: _Glyphs, lines: list[tuple[int, int]], avails: list[float]) -> None:
    """Rules file §4: compress punctuation in the last 1-3 lines so the lone character fits up;
    else pull one more unit down from the line before (which is then re-justified)."""
    L = len(lines)
    if L < 2 or not _is_lonely(G, *lines[-1]):
        return
    n = len(G.ch)
    for back in (1, 2, 3):
        if back >= L:
            break
        k0 = L - 1 - back
        a, out = lines[k0][0], []
        while a < n and len(out) < back:
            e = _break_from(G, a, avails[k0 + len(out)], greedy_min=True)
            if e < a:
                break
            out.append((a, e))
            a = e + 1
        if a >= n and len(out) == back and not _is_lonely(G, *out[-1]):
            lines[k0:] = out
            return
    pa, pb = lines[-2]
    b = lines[-1][1]
    k = G.prevb[pb - 1] if pb - 1 >= pa else -1
    # Pull down only if the line left behind stays at least measure − 2 em: it is justified by
    # expansion, and more than 2 em spread over a narrow line reads as letter-spacing.
    if (k >= pa and _natural(G, k + 1, b) <= avails[-1] + EPS
            and _natural(G, pa, k) >= avails[-2] - 2 * G.size[k] - EPS):
        lines[-2:] = [(pa, k), (k + 1, b)]


# ----------------------------------------------------------------------------------- set line ---
def _set(G: _Glyphs, a: int, b: int, avail: float, start: float, mode: str, is_last: bool) -> Line:
    """Place glyphs a..b. mode: 'justify' flush both edges, 'distribute' spread every unit,
    'start'/'center'/'end' natural width aligned. Lines too long are compressed in every mode."""
    W = _natural(G, a, b)
    delta = avail - W
    gap, gcls, gshr, gstr, w, off, bl, br, scls = (G.gap, G.gcls, G.gshr, G.gstr, G.w, G.off,
                                                    G.bl, G.br, G.scls)
    gfac = [0.0, 0.0, 0.0, 0.0]         # per gap class: fraction of its capacity used (+/-)
    sfac = [0.0, 0.0, 0.0, 0.0]         # per glyph shrink class: fraction removed
    uni = 0.0                           # extra per stretchable gap (tier 3)
    ustep: tuple[bool, ...] = G.brk
    if delta < -EPS:
        # clreq #procedures_for_inter-character_spacing_reduction, each class for the whole line
        # before the next: (line-end mark, already ½ em) → word spaces → (interpunct: fixed ½ em
        # here) → brackets → ，、；： → Han–Latin gap → 。？！
        need = -delta
        caps = [0.0, 0.0, 0.0, 0.0]
        gcap = [0.0, 0.0, 0.0, 0.0]
        for i in range(a, b + 1):
            if i > a:
                gcap[gcls[i]] += gshr[i]
            if scls[i]:
                caps[scls[i]] += (0.0 if i == a else bl[i]) + (0.0 if i == b else br[i])
        for kind, cls in (("g", G_WORDSPACE), ("s", S_BRACKET), ("s", S_PAUSE), ("g", G_HANLATIN),
                          ("s", S_STOP)):
            total = gcap[cls] if kind == "g" else caps[cls]
            if total <= 0 or need <= 0:
                continue
            take = min(need, total)
            if kind == "g":
                gfac[cls] = -take / total
            else:
                sfac[cls] = take / total
            need -= take
    elif delta > EPS and (mode == "justify" and not is_last or mode == "distribute"):
        # clreq #procedures_for_inter-character_space_expansion: word spaces up to ½ em, then
        # Han–Latin gaps up to ⅓ em, then every gap where a break may fall, equally (never inside
        # an unbreakable unit, after an opening mark or before a closing mark).
        need = delta
        if mode == "justify":
            for cls in (G_WORDSPACE, G_HANLATIN):
                total = sum(gstr[i] for i in range(a + 1, b + 1) if gcls[i] == cls)
                if total > 0:
                    take = min(need, total)
                    gfac[cls] = take / total
                    need -= take
        if need > EPS:
            brk = G.brk
            cnt = sum(1 for i in range(a + 1, b + 1) if brk[i] and gcls[i] != G_FIXED)
            if cnt == 0:
                # No break point inside (one cluster such as 中。” on a narrow measure): space the
                # unit boundaries rather than leave a ragged edge; still never inside a unit.
                ustep = G.unit
                cnt = sum(1 for i in range(a + 1, b + 1) if ustep[i] and gcls[i] != G_FIXED)
            if cnt:
                uni = need / cnt
    shift = start
    if delta > 0 and mode == "center":
        shift += delta / 2
    elif delta > 0 and mode == "end":
        shift += delta
    ch, face, size = G.ch, G.face, G.size
    out = []
    x = shift
    gw, gh = gfac[G_WORDSPACE], gfac[G_HANLATIN]
    for i in range(a, b + 1):
        if i > a:
            x += gap[i]
            c = gcls[i]
            if c == G_WORDSPACE and gw:
                x += gw * (gstr[i] if gw > 0 else gshr[i])
            elif c == G_HANLATIN and gh:
                x += gh * (gstr[i] if gh > 0 else gshr[i])
            if uni and ustep[i] and c != G_FIXED:
                x += uni
        o = off[i]
        wi = w[i]
        if i == a and bl[i]:
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
        out.append(PlacedGlyph(ch[i], x + o, face[i], size[i]))
        x += wi
    text = G.text[G.pos[a]:G.pos[b] + 1]
    return Line(tuple(out), x, is_last, text)


# --------------------------------------------------------------------------------------- API ---
def _check_options(measure: float, align: str, punct: str) -> None:
    """Bad options are caller bugs: say which value and what is allowed."""
    if not measure > 0:
        raise ValueError(f"measure must be > 0 pt, got {measure!r}")
    if align not in ("justify", "start", "center", "end", "distribute"):
        raise ValueError(f"align must be justify/start/center/end/distribute, got {align!r}")
    if punct not in ("quanjiao", "kaiming", "banjiao"):
        raise ValueError(f"punct must be quanjiao/kaiming/banjiao, got {punct!r}")


def compose_paragraph(runs: Sequence[Run], measure: float, metrics: Metrics, *,
                      indent: float = 2.0, align: Align = "justify",
                      punct: PunctStyle = "quanjiao", bind_units: bool = True) -> tuple[Line, ...]:
    """Break a paragraph into lines of ``measure`` pt.

    indent = first-line indent in em of the first run's size (clreq #first_line_indents; leading
    U+3000/U+0020 of the input are dropped, never set as space). align 'justify': every non-final
    line flush both edges, the last start-aligned; 'distribute': every line flush, the last too;
    'start'/'center'/'end': broken the same way, set at natural width. ``bind_units`` keeps a number
    with its Latin unit (50km) on one line. An empty or all-space paragraph gives ()."""
    _check_options(measure, align, punct)
    G = _prepare(runs, metrics, punct, bind_units)
    n = len(G.ch)
    if n == 0:
        return ()
    ind = indent * runs[0].size if runs else 0.0
    lines: list[tuple[int, int]] = []
    avails: list[float] = []
    a = 0
    while a < n:
        avail = measure - (ind if a == 0 else 0.0)
        e = _break_from(G, a, avail)
        lines.append((a, e))
        avails.append(avail)
        a = e + 1
    _fix_lonely(G, lines, avails)
    last = len(lines) - 1
    return tuple(_set(G, s, e, measure - (ind if k == 0 else 0.0), ind if k == 0 else 0.0,
                      align, k == last)
                 for k, (s, e) in enumerate(lines))


def set_line(runs: Sequence[Run], width: float, metrics: Metrics, *,
             align: Align = "start", punct: PunctStyle = "quanjiao") -> Line:
    """One line, no breaking. 'distribute' = 均排: spread so the first character starts at 0 and
    the last ends at ``width``; 'justify' the same but by the justification order; a line longer
    than ``width`` is compressed (rules file §3 shrink order) and may still overflow."""
    _check_options(width, align, punct)
    G = _prepare(runs, metrics, punct, True)
    if not G.ch:
        return Line((), 0.0, True, "")
    return _set(G, 0, len(G.ch) - 1, width, 0.0, align, False if align == "justify" else True)
