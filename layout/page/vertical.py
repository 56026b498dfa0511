"""竖题: a headline set top to bottom in columns of characters beside its story's text.

The story gives up one basic column of its block, at the right (default) or the left, to the
heading strip; the text flows in the other columns. In the strip, read right to left as
vertical text is: the 引题's column(s), the 主题 in one column or two, the 副题's column(s). The
主题 takes the largest size of the 号 ladder at which it fits in at most two columns as tall as
the text block (and the strip's width); its characters are spread (均排) down the whole height
when that adds at most GAP_MAX em between them, else they stand at that spacing from the top.

Characters, per cell of one em down the column:
- Han and other upright characters in their em box, centred across the column;
- punctuation in its vertical form, the character the drawing font's `vert`/`vrt2`
  substitution gives (fonts.vertical), placed as the form's glyph is designed: ，。、 in the
  top-right quadrant, brackets and 书名号 turned (GB/T 15834—2011 §5.2.1, §5.2.2, §5.2.4);
  quotation marks become 『』「」 first, drawn as ﹃﹄﹁﹂ (GB/T 15834—2011 §5.2.3);
  where no font of the chain has a form: ，。、．：；！？ are moved into the top-right quadrant,
  the others turned 90° clockwise, as `vrt2` does;
- a run of digits no longer than `upright` (house style `style: upright`, default 2) stands
  upright side by side in one cell (纵中横, clreq #vertical_text_direction: 1–2 digit numbers
  upright); longer runs and Latin words are turned 90° clockwise, ¼ em from Han beside them
  (clreq #mixed_text_composition).
Breaking between columns keeps 避头尾 (GB/T 15834—2011 §5.2.6: the horizontal rules apply).
"""
from __future__ import annotations

import math
from typing import NamedTuple

from layout.compose import chars
from layout.page import style
from layout.page.items import VGlyph, VText

LADDER = (42.0, 36.0, 26.0, 24.0, 22.0, 18.0, 16.0)   # 初号 … 三号 (docs/typesetting-rules.md §6)
DEFAULT_CAP = 36.0     # pt: the largest 竖题 when the story gives no size (小初; house style)
QUOTES = {"“": "『", "”": "』", "‘": "「", "’": "」"}   # GB/T 15834—2011 §5.2.3
SHIFT = frozenset("，。、．：；！？")                  # §5.2.1: below the character, to the right
GAP_MAX = 1.0          # em between two characters at most when a column is spread (house style)
COLUMN_GAP = 0.3       # em of the larger size between two columns of one heading (house style)
PART_GAP = 0.6         # em between the 引题/主题/副题 columns (house style)
HAN_LATIN = 0.25       # em between Han and a turned Latin run (clreq #mixed_text_composition)
EM_TOP = 0.88          # ideographic em box above the baseline (blocks.EM_TOP)


class Cell(NamedTuple):
    text: str                                          # the input characters it sets
    glyphs: tuple[tuple[str, float, float, int], ...]  # (char, x, y, turn) in em from the cell
    length: float                                      # em down the column
    start: str = ""                                    # base characters, for 避头尾
    end: str = ""


def _forms(metrics, face: str, ch: str) -> str | None:
    """The vertical form the font that draws `ch` substitutes for it, if the chain draws it."""
    resolve = getattr(metrics, "resolve", None)
    if resolve is None:
        return None
    src = resolve(face, ch)
    if src is None:
        return None
    from layout.fonts.vertical import forms_of
    form = forms_of(metrics.file(src)).get(ch)
    return form if form is not None and resolve(face, form) is not None else None


def _char_cell(ch: str, face: str, metrics) -> Cell:
    base = QUOTES.get(ch, ch)
    form = _forms(metrics, face, base) if not chars.is_han(base) else None
    if form is not None:
        adv = metrics.advance(face, form)
        return Cell(ch, ((form, (1 - adv) / 2, EM_TOP, 0),), 1.0, base, base)
    adv = metrics.advance(face, base)
    if base in SHIFT:                       # ink to the top-right quadrant
        return Cell(ch, ((base, 0.5, EM_TOP - 0.5, 0),), 1.0, base, base)
    if chars.is_mark(base) or base in "—…～~–-_/／·":
        return Cell(ch, ((base, 1 - EM_TOP, (1 - adv) / 2, 90),), 1.0, base, base)
    return Cell(ch, ((base, (1 - adv) / 2, EM_TOP, 0),), 1.0, base, base)


def _latin_cell(run: str, face: str, metrics, upright: int) -> Cell:
    if run.isdigit() and len(run) <= upright:          # 纵中横: side by side in one cell
        advs = [metrics.advance(face, c) for c in run]
        x = (1 - sum(advs)) / 2
        glyphs = []
        for c, a in zip(run, advs):
            glyphs.append((c, x, EM_TOP, 0))
            x += a
        return Cell(run, tuple(glyphs), 1.0, run[0], run[-1])
    y, glyphs = 0.0, []
    for c in run:                                      # turned: the run's baseline down the column
        if c != " ":
            glyphs.append((c, 1 - EM_TOP, y, 90))
        y += metrics.advance(face, c) if c != " " else 0.3
    return Cell(run, tuple(glyphs), y, run[0], run[-1])


def cells(text: str, st: style.TextStyle, metrics, upright: int) -> list[Cell]:
    """The cells of one line of heading text, Han–Latin space added round turned runs."""
    out: list[Cell] = []
    i, n = 0, len(text)
    latin = st.latin or st.face
    while i < n:
        ch = text[i]
        if chars.is_alnum_latin(ch):
            j = i
            while j < n and (chars.is_alnum_latin(text[j]) or text[j] in ".,%:+-"
                             or (text[j] == " " and j + 1 < n
                                 and chars.is_alnum_latin(text[j + 1]))):
                j += 1
            cell = _latin_cell(text[i:j], latin, metrics, upright)
            if len(cell.glyphs) and cell.glyphs[0][3] == 90:
                before = HAN_LATIN if out and chars.is_han(out[-1].end[-1:] or "x") else 0.0
                after = HAN_LATIN if j < n and chars.is_han(text[j]) else 0.0
                cell = cell._replace(glyphs=tuple((c, x, y + before, t) for c, x, y, t in
                                                  cell.glyphs), length=cell.length + before + after)
            out.append(cell)
            i = j
            continue
        if not ch.isspace():
            out.append(_char_cell(ch, st.face, metrics))
        i += 1
    return out


def _may_break(a: Cell, b: Cell) -> bool:
    """避头尾 between two columns (GB/T 15834—2011 §5.2.6): not before a mark that may not
    start a line, not after one that may not end it, never inside ——/……."""
    if b.start[:1] in chars.NO_LINE_START or a.end[-1:] in chars.NO_LINE_END:
        return False
    return not (a.end[-1:] in "—…" and b.start[:1] == a.end[-1:])


def break_columns(cs: list[Cell], height: float, most: int) -> list[list[Cell]] | None:
    """The cells in as few columns of at most `height` em as they need, balanced (each about
    the same length), breaking only where 避头尾 allows; None when more than `most`."""
    total = sum(c.length for c in cs)
    if not cs:
        return []
    for n in range(max(1, math.ceil(total / height - 1e-9)), most + 1):
        target, cols, cur, length = total / n, [], [], 0.0
        for k, c in enumerate(cs):
            if cur and length + c.length > target + 0.5 and len(cols) < n - 1 \
                    and _may_break(cur[-1], c):
                cols.append(cur)
                cur, length = [], 0.0
            cur.append(c)
            length += c.length
        cols.append(cur)
        if len(cols) <= n and all(sum(c.length for c in col) <= height + 1e-9 for col in cols):
            return cols
    return None


class Setting(NamedTuple):
    """A heading part ready to place: its columns of cells, its style, kind and alignment."""
    kind: str
    st: style.TextStyle
    columns: list[list[Cell]]
    spread: bool          # spread down the height (the 主题) or natural (引题 at the top,
    bottom: bool          # 副题 at the bottom)


def _settings(parts, metrics, height: float, upright: int, size: float) -> list[Setting] | None:
    head = style.TextStyle("song-heavy", size)
    small = style.kicker_style(head)
    out = []
    for kind, text in parts:
        st = head if kind == "headline" else small
        cols: list[list[Cell]] = []
        for piece in text.split("\n"):
            got = break_columns(cells(piece, st, metrics, upright), height / st.size,
                                2 if kind == "headline" else 4)
            if got is None:
                return None
            cols += got
        if kind == "headline" and len(cols) > 2:
            return None
        out.append(Setting(kind, st, cols, kind == "headline", kind == "subhead"))
    return out


def _width(sets: list[Setting]) -> float:
    """pt across the strip the columns take, with their gaps."""
    w, prev = 0.0, None
    for s in sets:
        for _ in s.columns:
            if prev is not None:
                w += (COLUMN_GAP if prev is s else PART_GAP) * max(s.st.size, prev.st.size)
            w += s.st.size
            prev = s
    return w


def choose(parts, metrics, height: float, width: float, opts: tuple[float | None, int]):
    """The settings at the largest ladder size (at most the story's `size`, or DEFAULT_CAP)
    that fit `height` pt in at most two 主题 columns and `width` pt across; None if none."""
    cap, upright = opts
    sizes = [s for s in LADDER if s <= (cap or DEFAULT_CAP)]
    if cap and cap not in LADDER:
        sizes = [cap] + sizes
    for size in sizes:
        sets = _settings(parts, metrics, height, upright, size)
        if sets is not None and _width(sets) <= width:
            return sets
    return None


def _column(col: list[Cell], st: style.TextStyle, height: float, s: Setting) -> list:
    """(cell, y in pt from the strip's top) of one column."""
    size = st.size
    natural = sum(c.length for c in col) * size
    gap = 0.0
    if s.spread and len(col) > 1:
        gap = min((height - natural) / (len(col) - 1), GAP_MAX * size)
    y = height - natural - gap * (len(col) - 1) if s.bottom else 0.0
    out = []
    for c in col:
        out.append((c, y))
        y += c.length * size + gap
    return out


def place(sets: list[Setting], strip: tuple[float, float, float, float], owner: str,
          gray: float = 0.0) -> list[VText]:
    """VText items for the columns, right to left from the first part, centred in the strip
    (x, top, width, height in pt)."""
    x0, top, width, height = strip
    right = x0 + (width + _width(sets)) / 2
    out, prev = [], None
    for s in sets:
        size = s.st.size
        for col in s.columns:
            if prev is not None:
                right -= (COLUMN_GAP if prev is s else PART_GAP) * max(size, prev.st.size)
            left = right - size
            glyphs = []
            for cell, y in _column(col, s.st, height, s):
                face = s.st.latin or s.st.face if cell.text[:1].isascii() and \
                    chars.is_alnum_latin(cell.text[:1]) else s.st.face
                for ch, gx, gy, turn in cell.glyphs:
                    glyphs.append(VGlyph(ch, face, size, gx * size, y + gy * size, turn))
            text = "".join(c.text for c in col)
            out.append(VText(left, top, size, height, tuple(glyphs), s.kind, owner, gray, text))
            right, prev = left, s
    return out
