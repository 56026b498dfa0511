"""Text fidelity: every character of the (normalised) input is on the page, in reading order,
and nothing else is; and the attribution of every drawn glyph to the block it belongs to.

Place in the pipeline: after `pdfread` and `expect`; the line rules and the geometry checks use
the attribution made here (which story a glyph belongs to, which paragraph, which character
of the input it is).

Attribution: a glyph belongs to the block whose grid rectangle holds the centre of its ink box
(the blocks of a page never overlap: page.assemble checks that on input), or to the 报眉/报头 zone
above the top rule. A run of glyphs drawn outside every block, or inside another block while
the glyphs drawn before and after it belong to one block, is given to that block and marked as
moved: the geometry check reports it as outside its block, and its text still counts for its
story. (A story's last line drawn into the block drawn next cannot be told from that block's
first line: it is reported as missing from the one and extra in the other, both located.)
Then, per block, the input text is aligned with the text drawn for it (both without white
space; `opcodes`, a Myers diff in O((N+M)·D) after the common head and tail are set aside, so a
long block with few differences costs about its length, where difflib's grew with the cube of
a run of repeated characters) and each difference becomes a finding, shown in context with ⟦…⟧.
"""
from __future__ import annotations

from typing import NamedTuple

from layout.preflight.expect import PageExpect
from layout.preflight.findings import Finding
from layout.preflight.pdfread import Glyph, PdfPage
from layout.preflight.tables import VERTICAL_BASE

FURNITURE = -2
NOWHERE = -1
MAX_PER_BLOCK = 12     # differences reported per block; a lost page would drown the report
CONTEXT = 10           # characters of context either side


class Attribution(NamedTuple):
    glyphs: list[Glyph]    # the page's glyphs, in stream order
    block: list[int]       # per glyph: index into PageExpect.blocks, FURNITURE or NOWHERE
    pos: list[int]         # per glyph: offset in its block's text when aligned, else -1
    moved: list[bool]      # per glyph: its ink centre is outside the block it belongs to
    visible: list[int]     # indices of the glyphs that are not white space, in stream order


def _inside(r, x: float, y: float) -> bool:
    return r[0] <= x <= r[2] and r[1] <= y <= r[3]


def _rect_owner(g: Glyph, exp: PageExpect) -> int:
    cx, cy = (g.ink_x0 + g.ink_x1) / 2, (g.top + g.bottom) / 2     # centre of the ink box
    for k, b in enumerate(exp.blocks):
        if any(_inside(r, cx, cy) for r in b.rects):
            return k
    return FURNITURE if _inside(exp.head_zone, cx, cy) else NOWHERE


def _owners(exp: PageExpect):
    """_rect_owner for every glyph of a page: the blocks' rectangles flattened once, in block
    order (the first block holding the centre wins, as in _rect_owner)."""
    rects = [(k, r[0], r[1], r[2], r[3]) for k, b in enumerate(exp.blocks) for r in b.rects]
    head = exp.head_zone

    def owner(g: Glyph) -> int:
        cx, cy = (g.ink_x0 + g.ink_x1) / 2, (g.top + g.bottom) / 2
        for k, x0, y0, x1, y1 in rects:
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                return k
        return FURNITURE if _inside(head, cx, cy) else NOWHERE
    return owner


def _within(exp: PageExpect, inner: int, outer: int) -> bool:
    """Block `inner` lies inside block `outer` (a story's own picture and its caption, drawn
    between the story's heading and its body: they are the picture's, not moved text)."""
    a, b = exp.blocks[inner].rect, exp.blocks[outer].rect
    return b[0] <= a[0] and a[2] <= b[2] and b[1] <= a[1] and a[3] <= b[3]


def attribute(page: PdfPage, exp: PageExpect) -> Attribution:
    gl = page.glyphs
    n = len(gl)
    block, pos, moved = [NOWHERE] * n, [-1] * n, [False] * n
    vis = [g.i for g in gl if g.text.strip()]
    # runs of consecutive glyphs (stream order) whose ink centres lie in the same rectangle
    runs: list[tuple[int, list[int]]] = []
    rect_owner = _owners(exp)
    for i in vis:
        r = rect_owner(gl[i])
        if runs and runs[-1][0] == r:
            runs[-1][1].append(i)
        else:
            runs.append((r, [i]))
    # p: the owner given to the run before (so a run moved away does not pull the rest of
    # its story along); q: the rectangle of the next run that lies in one
    nxt: list[int | None] = [None] * len(runs)
    q = None
    for k in range(len(runs) - 1, -1, -1):
        nxt[k] = q
        if runs[k][0] != NOWHERE:
            q = runs[k][0]
    p = None
    for k, (r, idx) in enumerate(runs):
        q = nxt[k]
        owner, off = r, False
        if r == NOWHERE:          # outside every block: the block it is drawn with
            owner = p if p is not None else (q if q is not None else NOWHERE)
            off = True
        elif p is not None and p == q and FURNITURE not in (p, r) and not _within(exp, r, p):
            owner, off = p, True  # drawn inside another block, amid its own block's text
        for i in idx:
            block[i], moved[i] = owner, off
        if owner != NOWHERE:
            p = owner
    return Attribution(gl, block, pos, moved, vis)


def _box(glyphs: list[Glyph]) -> tuple[float, float, float, float] | None:
    """The ink box of a run of glyphs on the line of its first glyph."""
    if not glyphs:
        return None
    line = [g for g in glyphs if abs(g.base - glyphs[0].base) < 0.5 * g.size] or glyphs[:1]
    return (min(g.ink_x0 for g in line), min(g.top for g in line),
            max(g.ink_x1 for g in line), max(g.bottom for g in line))


def _ctx(s: str, a: int, b: int) -> str:
    mid = s[a:b] if b - a <= 24 else s[a:a + 12] + "…" + s[b - 8:b]
    return f"{'…' * (a > CONTEXT)}{s[max(0, a - CONTEXT):a]}⟦{mid}⟧{s[b:b + CONTEXT]}" \
           f"{'…' * (b + CONTEXT < len(s))}"


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _line_end_hyphen(gl: list[Glyph], i: int) -> bool:
    """A hyphen the composer adds when it must split a Latin word at a line end (emergency
    hyphenation, compose.linebreak): the last glyph of its line, after a letter, with the next
    line going on with a letter. It is drawn but is not part of the copy."""
    g = gl[i]
    if g.text != "-" or not 0 < i < len(gl) - 1:
        return False
    prev, nxt = gl[i - 1], gl[i + 1]
    new_line = abs(nxt.base - g.base) > 0.5 * g.size or nxt.x0 < g.x0
    return (new_line and abs(prev.base - g.base) < 0.01 and _is_letter(prev.text)
            and _is_letter(nxt.text))


def _drawn(gl: list[Glyph], idx: list[int]) -> tuple[str, list[int]]:
    """The text drawn by the glyphs idx (white space dropped), and the glyph of each of its
    characters (a glyph may read as several, e.g. a ligature)."""
    chars, owner_of = [], []
    horizontal = VERTICAL_BASE.get           # tables.as_horizontal, looked up once
    for i in idx:
        for ch in gl[i].text:
            if not ch.isspace():
                chars.append(horizontal(ch, ch))     # a 竖题's vertical form: its mark
                owner_of.append(i)
    return "".join(chars), owner_of


MOST_EDITS = 600      # characters inserted or deleted before a block is called different throughout


def opcodes(a: str, b: str, most: int = MOST_EDITS) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes (equal, delete, insert, replace) turning `a` into `b`: the common
    head and tail, and between them a shortest edit script (Myers 1986, greedy forward) if it
    needs at most `most` single-character edits, else one replace of the whole middle."""
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    out = [("equal", 0, head, 0, head)] if head else []
    mid = _tidy(_myers(a[head:n - tail], b[head:m - tail], most), a[head:n - tail],
                b[head:m - tail])
    out += [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in mid]
    if tail:
        out.append(("equal", n - tail, n, m - tail, m))
    return out


def _tidy(ops: list, a: str, b: str, short: int = 4) -> list:
    """One change where a shortest script scatters it: changes separated only by equal runs
    of at most `short` characters are taken as one, trimmed of what its two sides share at
    their ends, when that costs no more edits (a lost line of common characters otherwise
    reads as seven losses with single characters matched between them)."""
    out: list = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "equal":
            out.append(ops[k])
            k += 1
            continue
        end = k             # the group: ops[k..end], changes joined by short equal runs
        while (end + 2 < len(ops) and ops[end + 1][0] == "equal"
               and ops[end + 1][2] - ops[end + 1][1] <= short and ops[end + 2][0] != "equal"):
            end += 2
        group = ops[k:end + 1]
        joined = _trim(a, b, group[0][1], group[-1][2], group[0][3], group[-1][4])
        out += joined if _cost(joined) <= _cost(group) else group
        k = end + 1
    merged: list = []
    for op in out:                       # equal runs that now touch are one
        if merged and op[0] == merged[-1][0] == "equal":
            op = ("equal", merged[-1][1], op[2], merged.pop()[3], op[4])
        merged.append(op)
    return merged


def _cost(ops: list) -> int:
    return sum(i2 - i1 + j2 - j1 for t, i1, i2, j1, j2 in ops if t != "equal")


def _trim(a: str, b: str, i1: int, i2: int, j1: int, j2: int) -> list:
    """a[i1:i2] -> b[j1:j2] as one change, with the characters both sides share at their
    start and end as equal runs."""
    p = 0
    while i1 + p < i2 and j1 + p < j2 and a[i1 + p] == b[j1 + p]:
        p += 1
    q = 0
    while i1 + p < i2 - q and j1 + p < j2 - q and a[i2 - 1 - q] == b[j2 - 1 - q]:
        q += 1
    out = [("equal", i1, i1 + p, j1, j1 + p)] if p else []
    out += _changed(i1 + p, i2 - q, j1 + p, j2 - q)
    if q:
        out.append(("equal", i2 - q, i2, j2 - q, j2))
    return out


def _myers(a: str, b: str, most: int) -> list[tuple[str, int, int, int, int]]:
    n, m = len(a), len(b)
    if not n or not m or n + m > 2 * most * most:      # nothing in common worth finding
        return _changed(0, n, 0, m)
    v, trace = {1: 0}, []
    for d in range(min(n + m, most) + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            v[k] = x
            if x >= n and y >= m:
                return _script(trace, n, m)
    return _changed(0, n, 0, m)


def _changed(i1: int, i2: int, j1: int, j2: int) -> list[tuple[str, int, int, int, int]]:
    if i1 == i2 and j1 == j2:
        return []
    return [("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert",
             i1, i2, j1, j2)]


def _script(trace: list[dict], n: int, m: int) -> list[tuple[str, int, int, int, int]]:
    """Walk the Myers trace back into equal runs and the changes between them."""
    x, y, runs = n, m, []
    for d in range(len(trace) - 1, -1, -1):
        v, k = trace[d], x - y
        down = k == -d or (k != d and v.get(k - 1, -1) < v.get(k + 1, -1))
        pk = k + 1 if down else k - 1
        px = v.get(pk, 0)
        py = px - pk
        sx = px if down else px + 1          # the snake starts after this step's edit
        if x > sx:
            runs.append((sx, x, sx - k, y))
        x, y = (px, py) if d else (0, 0)
    out, i, j = [], 0, 0
    for i1, i2, j1, j2 in reversed(runs):
        out += _changed(i, i1, j, j1)
        out.append(("equal", i1, i2, j1, j2))
        i, j = i2, j2
    return out + _changed(i, n, j, m)


def _diff(exp: PageExpect, k: int, got_idx: list[int], at: Attribution,
          waive: bool) -> list[Finding]:
    b = exp.blocks[k]
    gl = at.glyphs
    got, owner_of = _drawn(gl, got_idx)
    want = b.text
    if got == want:
        for j, i in enumerate(owner_of):
            at.pos[i] = j
        return []
    out: list[Finding] = []
    for tag, i1, i2, j1, j2 in opcodes(want, got):
        if tag == "equal":
            for d in range(i2 - i1):
                at.pos[owner_of[j1 + d]] = i1 + d
            continue
        drawn = [gl[i] for i in dict.fromkeys(owner_of[j1:j2])]
        near = drawn or [gl[owner_of[j]] for j in (j1 - 1, j1) if 0 <= j < len(owner_of)][:1]
        role = b.segments[b.segment_at(i1 if i1 < len(want) else len(want) - 1)].role \
            if want else "text"
        if tag == "delete":
            n = i2 - i1
            msg = f"{n} character{'s' * (n > 1)} of the {role} not drawn: {want[i1:i2][:40]}"
            f = Finding(exp.number, b.owner, "text-missing", msg, _ctx(want, i1, i2),
                        _box(near), waived=waive and i2 == len(want))
        elif tag == "insert" and all(_line_end_hyphen(gl, owner_of[j]) for j in range(j1, j2)):
            continue        # an emergency hyphen the composer added at a line end
        elif tag == "insert":
            n = j2 - j1
            f = Finding(exp.number, b.owner, "text-extra",
                        f"{n} character{'s' * (n > 1)} drawn that the input does not have: "
                        f"{got[j1:j2][:40]}", _ctx(got, j1, j2), _box(near))
        else:
            f = Finding(exp.number, b.owner, "text-changed",
                        f"the {role} has {want[i1:i2][:30]} where the page draws "
                        f"{got[j1:j2][:30]}", _ctx(got, j1, j2), _box(near))
        out.append(f)
    if len(out) > MAX_PER_BLOCK:
        rest = len(out) - MAX_PER_BLOCK
        out = out[:MAX_PER_BLOCK]
        last = out[-1]
        out[-1] = Finding(last.page, last.story, last.kind,
                          last.message + f" (and {rest} more differences in this block)",
                          last.text, last.bbox, last.waived)
    return out


def _furniture(exp: PageExpect, idx: list[int], page: PdfPage) -> list[Finding]:
    gl = page.glyphs
    got, owner_of = _drawn(gl, idx)
    covered = [False] * len(got)
    out = []
    # longest first, each at an occurrence no other piece took: the paper name 测试报 must not
    # leave the 版名 测试 printed beside 第1版 unaccounted for
    for item in sorted(exp.furniture, key=len, reverse=True):
        at = got.find(item)
        while at >= 0 and any(covered[at:at + len(item)]):
            at = got.find(item, at + 1)
        if at < 0:
            out.append(Finding(exp.number, None, "furniture-missing",
                               f"the 报眉/报头 does not show {item}", item,
                               exp.head_zone))
            continue
        covered[at:at + len(item)] = [True] * len(item)
    j = 0
    while j < len(got):
        if covered[j]:
            j += 1
            continue
        k = j
        while k < len(got) and not covered[k]:
            k += 1
        run = [gl[i] for i in dict.fromkeys(owner_of[j:k])]
        out.append(Finding(exp.number, None, "furniture-extra",
                           f"text in the 报眉/报头 zone that is not part of it: {got[j:k]}",
                           _ctx(got, j, k), _box(run)))
        j = k
    return out


def check_text(page: PdfPage, exp: PageExpect,
               waive: frozenset[str] = frozenset()) -> tuple[Attribution, list[Finding]]:
    at = attribute(page, exp)
    per_block: dict[int, list[int]] = {k: [] for k in range(len(exp.blocks))}
    furn, stray = [], []
    for i in at.visible:
        k = at.block[i]
        (per_block[k] if k >= 0 else furn if k == FURNITURE else stray).append(i)
    findings: list[Finding] = []
    findings += _furniture(exp, furn, page)
    for k, idx in per_block.items():
        findings += _diff(exp, k, idx, at, exp.blocks[k].owner in waive)
    if stray:
        g = [page.glyphs[i] for i in stray]
        findings.append(Finding(exp.number, None, "text-extra",
                                f"{len(g)} glyphs drawn outside every block: "
                                f"{''.join(x.text for x in g)[:40]}", "", _box(g)))
    return at, findings


def jump_cut(page: PdfPage, exp: PageExpect, at: Attribution, owner: str) -> int:
    """How many characters of a jumping story's body (paragraphs and byline, white space
    dropped) its first page draws: the end of the input's body the drawn text of its block
    aligns with. `exp` expects the whole body there (no cut yet); the alignment only uses the
    block's rectangle, so a character lost on the way is still found by the text check."""
    k = next(i for i, b in enumerate(exp.blocks) if b.owner == owner)
    b = exp.blocks[k]
    body = [s for s in b.segments if s.role in ("body", "byline")]
    if not body:
        return 0
    b0, b1 = body[0].start, body[-1].end
    got, _ = _drawn(at.glyphs, [i for i in at.visible if at.block[i] == k])
    # the drawn text is a head of the block's text: aligned with as much of it as was drawn
    # and some slack, the rest is not a difference of this page's
    end = b0
    for tag, i1, i2, _, _ in opcodes(b.text[:len(got) + 200], got):
        if tag == "equal" and i1 < b1 and i2 > b0:
            end = max(end, min(b1, i2))
    return end - b0
