"""The text of one placed line as PDF operators: each run of glyphs of one face, size and
render mode is ONE `TJ` array of 2-byte codes (pdf.embed: Type0 fonts, Identity-H), every
glyph at the x the composer chose.

In a TJ array the pen moves by each glyph's width from the font's W array, and a number n
between two strings moves it back by n/1000 of the font size (ISO 32000-1 §9.4.3). So the
number before a glyph is the gap between where the previous glyph's advance ends and where
the composer placed this one, in thousandths of the size, negated: 0 (left out) for the
plain run of a justified Chinese line, whose glyphs sit one advance apart. The widths used
are exactly those written into W (pdf.embed, rounded to 0.001), and the pen is carried from
the rounded numbers, so placement is exact to 0.0005/1000 em with no drift along the line.

With one font object per face a line changes font only where the face changes (a Latin word
in a Chinese line, a bold run-in lead): the sample page has 373 `Tf` for its 364 lines (one
as each line's text object begins, 9 at a change of face), where ReportLab's 256-glyph subsets
of one face made it 2,053. Codes are written as hex strings, 4 digits a glyph.

Marked content (pdf.tags.LineMarks): the line's sequences open and close between TJ arrays,
each run of glyphs with replacement text (page.finish, items.TextLine.actual) in its own, so a
reader, a search engine or a screen reader gets the copy: no space for the ¼-em or the
justification gaps, —— for a bar, nothing for an added hyphen. The memo keeps a line's
operators with its MCIDs left as `%d`, filled in as the line is drawn: a line keeps its
operators when an edit earlier on the page renumbers the sequences after it.

Kept exactly as before: synthetic bold (render mode 2 with the stroke in the fill's colour,
line width BOLD_STROKE_EM of the size), a —— run drawn as one solid bar from
page.finish (items.TextLine.bars) with its glyphs kept as invisible text (mode 3), so the text
still reads ——.
"""
from __future__ import annotations

from reportlab.lib.rl_accel import fp_str

from layout.compose.types import PlacedGlyph
from layout.fonts.fontset import BOLD_STROKE_EM
from layout.page.items import TextLine
from layout.pdf.tags import EMC, LineMarks


_LINE = TextLine._fields.index("line")
# LineWriter._text unpacks each glyph as a tuple, in this order
assert PlacedGlyph._fields == ("ch", "x", "face", "size", "added"), PlacedGlyph._fields


def _num(v: float) -> str:
    """A TJ adjustment, already rounded to 3 decimals: no trailing zeros."""
    s = "%.3f" % v
    return s.rstrip("0").rstrip(".")


MEMO_KEEP = 20_000     # entries a memo keeps beyond those of the last document


class Memo:
    """Operators of the lines drawn, by (line, page height, ink), for a warm process: what
    the last PDF drew and what this one draws. Hashing a page's 364 lines takes ~0.4 ms;
    drawing them ~13 ms. `key`: what the operators were made with (pdf.embed.PdfFonts.key:
    the faces' resource names and codes, and the colour mode); another key empties it.
    Entries the last document did not ask for are kept too, up to `keep` (MEMO_KEEP) in all
    (a run the writer reused whole asks for none of its lines, which an edit to it later
    wants); past that only the last document's stay."""

    def __init__(self, keep: int = MEMO_KEEP) -> None:
        self.last: dict = {}
        self.now: dict = {}
        self.key = None
        self.keep = keep

    def start(self, key) -> "Memo":
        """Begin a document drawn with fonts of `key`."""
        if key != self.key:
            self.last = {}
        elif len(self.last) + len(self.now) <= self.keep:
            self.last.update(self.now)
        else:
            self.last = self.now
        self.now, self.key = {}, key
        return self

    def take(self, k):
        """The operators drawn for `k` in this document or before (moved to this one)."""
        ops = self.last.pop(k, None)
        return ops if ops is not None else self.now.get(k)

    def put(self, k, ops) -> None:
        self.now[k] = ops


class LineWriter:
    """Writes lines onto one canvas (one PDF document), with what every line asks again kept:
    per (role, character) the face's resource, the code as 4 hex digits and the width; per
    ink the colour operators, made once by the canvas's text object so that its colour
    policy (press.inks: CMYK or gray only) decides them."""

    def __init__(self, c, fonts, memo: "Memo | None" = None):
        self.c, self.fonts = c, fonts
        self.bold = fonts.bold_roles
        self._glyph: dict[tuple[str, str], tuple[str, str, float]] = {}
        self._faces: dict[str, dict[str, tuple[str, str, float]]] = {}   # role -> ch -> info
        self._inks: dict[tuple, tuple[str, str]] = {}
        # each TJ adjustment written, by value: a page's ~3,000 adjustments take few values
        # (the gaps of one setting: -100, -250, -333.333 …); formatted once each, a lookup
        # is ~1/6 of _num
        self._nums: dict[float, str] = {}
        # None: a one-shot build, whose writer draws each line once (pdf.writer: a cold
        # build's memo only cost, 1-2 us a line to key, find and keep)
        self.memo = memo

    def _info(self, role: str, ch: str) -> tuple[str, str, float]:
        """(font resource, code as hex, width in 1/1000 em) of a glyph."""
        face, code = self.fonts.glyph(role, ch)
        info = self._glyph[(role, ch)] = ("/" + face.resource, "%04x" % code,
                                          face.width(code))
        return info

    def _num(self, adj: float) -> str:
        text = self._nums[adj] = _num(adj)
        return text

    def _ops(self, ink) -> tuple[str, str]:
        """The fill and the stroke colour operators of `ink`, as the canvas writes them."""
        ops = self._inks.get(ink)
        if ops is None:
            t = self.c.beginText()
            t.setFillColorCMYK(*ink)
            t.setStrokeColorCMYK(*ink)
            ops = self._inks[ink] = (t._code[-2], t._code[-1])
        return ops

    def text(self, item: TextLine, h: float, ink, marks: LineMarks | None = None) -> str:
        """The operators of the line's text object (BT … ET) with its marked content, its
        MCIDs as `%d` (marks.ids fill them in order): a function of the line, the page
        height, the ink and the sequences' kinds only (given the fonts' codes, pdf.embed),
        so a warm process reuses them for every line it drew before (`Memo`)."""
        events = marks.events if marks is not None else ()
        if self.memo is None:
            return self._text(item, h, ink, events)
        # keyed by the line's identity (a block the cache reuses brings the same Line objects
        # back; hashing their glyphs twice a line was most of a warm page's drawing) and the
        # rest of the item by value; the entry holds the line, so the identity stays unique
        line = item.line
        key = (id(line), item[:_LINE] + item[_LINE + 1:], h, ink, events)
        hit = self.memo.take(key)
        if hit is not None and hit[0] is line:
            ops = hit[1]
        else:
            ops = self._text(item, h, ink, events)
        self.memo.put(key, (line, ops))
        return ops

    def _text(self, item: TextLine, h: float, ink, events: tuple) -> str:
        """The operators of a line (`events`: LineMarks.events, in glyph order). A line with
        —— bars or synthetic bold goes through `_styled`; the others, nearly all, through
        this loop, which sets no render mode (mode 0 throughout) and finds each glyph's
        face by role once the role changes (~13 % less than `_styled` on the lines of 16
        sample pages, the same operators)."""
        glyphs = item.line.glyphs
        bold = self.bold
        if item.bars or bold and any(g.face in bold for g in glyphs):
            return self._styled(item, h, ink, {i: (close, op) for i, close, op in events})
        code = ["BT 1 0 0 1 %s Tm" % fp_str(item.x, h - item.baseline), self._ops(ink)[0]]
        faces, nums = self._faces, self._nums
        pen, k, res_now, size_now, role, info_of = 0.0, 1.0, None, None, None, None
        tj: list[str] = []                # the TJ array being written
        run: list[str] = []               # the hex codes of its current string

        def end_string() -> None:         # the current string closed into the TJ array
            if run:
                tj.append("<%s>" % "".join(run))
                run.clear()

        def end_tj() -> None:             # … and the array written (a few times a line)
            end_string()
            if tj:
                code.append("[%s] TJ" % " ".join(tj))
                tj.clear()

        def mark(event: tuple) -> None:   # a marked-content sequence ends and/or begins
            _, close, opener = event
            if close:
                code.append(EMC)
            if opener:
                code.append(opener)
        e, at = 0, events[0][0] if events else -1   # the next event and its glyph
        i = -1
        for ch, x, face, size, _ in glyphs:
            i += 1
            if i == at:
                end_tj()
                mark(events[e])
                e += 1
                at = events[e][0] if e < len(events) else -1
            if face != role:
                info_of = faces.get(face)
                if info_of is None:
                    info_of = faces[face] = {}
                role = face
            info = info_of.get(ch)
            if info is None:
                info = info_of[ch] = self._glyph.get((face, ch)) or self._info(face, ch)
            res, hexcode, w = info
            if res != res_now or size != size_now:
                end_tj()
                code.append("%s %s Tf" % (res, fp_str(size)))
                res_now, size_now, k = res, size, 1000.0 / size
            gap = (x - pen) * k
            if gap > 0.0005 or gap < -0.0005:
                adj = round(-gap, 3)
                if adj:
                    end_string()
                    tj.append(nums.get(adj) or self._num(adj))
                    pen -= adj / k
            run.append(hexcode)
            pen += w / k
        end_tj()
        if at == i + 1:                   # at the end: a line without glyphs (pdf.tags)
            mark(events[e])
        code.append("ET")
        return " ".join(code)

    def _styled(self, item: TextLine, h: float, ink, events: dict) -> str:
        """`_text` of a line with —— bars (their glyphs hidden: render mode 3) or synthetic
        bold (mode 2, stroked in the fill's colour)."""
        glyphs = item.line.glyphs
        bars = item.bars                 # decided by page.finish
        hidden = {i for b in bars for i in range(b.first, b.end)}
        bold = self.bold
        fill, stroke = self._ops(ink)
        code = ["BT 1 0 0 1 %s Tm" % fp_str(item.x, h - item.baseline), fill]
        cache, info_of = self._glyph, self._info
        pen, k, res_now, size_now, mode_now, width = 0.0, 1.0, None, None, 0, None
        tj: list[str] = []                # the TJ array being written
        run: list[str] = []               # the hex codes of its current string

        def flush() -> None:              # the TJ array written out, before any operator
            if run:
                tj.append("<%s>" % "".join(run))
                run.clear()
            if tj:
                code.append("[%s] TJ" % " ".join(tj))
                tj.clear()

        def mark(close: bool, opener: str | None) -> None:
            if close:
                code.append(EMC)
            if opener:                    # at the end: a line without glyphs (pdf.tags)
                code.append(opener)

        for i, g in enumerate(glyphs):
            if i in events:               # a marked-content sequence ends or begins here
                flush()
                mark(*events[i])
            res, hexcode, w = cache.get((g.face, g.ch)) or info_of(g.face, g.ch)
            size = g.size
            mode = 3 if hidden and i in hidden else 2 if bold and g.face in bold else 0
            if res != res_now or size != size_now or mode != mode_now:
                flush()
                if mode == 2 and width != size * BOLD_STROKE_EM:
                    width = size * BOLD_STROKE_EM
                    code.append(stroke)
                    code.append("%s w" % fp_str(width))
                if mode != mode_now:
                    code.append("%d Tr" % mode)
                    mode_now = mode
                if res != res_now or size != size_now:
                    code.append("%s %s Tf" % (res, fp_str(size)))
                    res_now, size_now, k = res, size, 1000.0 / size
            gap = (g.x - pen) * k
            if gap > 0.0005 or gap < -0.0005:
                adj = round(-gap, 3)
                if adj:
                    if run:
                        tj.append("<%s>" % "".join(run))
                        run.clear()
                    tj.append(_num(adj))
                    pen -= adj / k
            run.append(hexcode)
            pen += w / k
        flush()
        mark(*events.get(len(glyphs), (False, None)))
        code.append("ET")
        return " ".join(code)

    def draw(self, item: TextLine, h: float, ink, marks: LineMarks | None = None,
             fill: bool = True) -> None:
        """The line onto the canvas; `fill` False: its MCIDs left as `%d` (a run's template,
        pdf.writer)."""
        c = self.c
        bold = self.bold
        special = bool(item.bars) or bool(bold) and any(g.face in bold
                                                         for g in item.line.glyphs)
        outer = marks.outer if marks is not None else None
        bar_mark = marks.bars if marks is not None else None
        if outer:
            c._code.append(outer)
        if special:
            c.saveState()      # Tr and w are graphics state: restored with Q after the line
        ops = self.text(item, h, ink, marks)
        c._code.append(ops % marks.ids if fill and marks is not None and marks.ids else ops)
        if item.bars:
            if bar_mark:
                c._code.append(bar_mark)
            c.setFillColorCMYK(*ink)
            for b in item.bars:
                c.rect(item.x + b.x, h - item.baseline + b.y, b.w, b.h, stroke=0, fill=1)
            if bar_mark:
                c._code.append(EMC)
        if special:
            c.restoreState()
        if outer:
            c._code.append(EMC)


def draw_vertical(lines: LineWriter, item, h: float, ink) -> None:
    """A column of vertical text (items.VText): each glyph at the place page.vertical gave
    it, upright (Tm 1 0 0 1) or turned 90° clockwise (Tm 0 -1 1 0: its baseline runs down
    the page, its ascent to the right). One text object; a Tm and a Tj per glyph."""
    fill, _ = lines._ops(ink)
    code = ["BT", fill]
    font_now = None
    for g in item.glyphs:
        res, hexcode, _ = lines._glyph.get((g.face, g.ch)) or lines._info(g.face, g.ch)
        if (res, g.size) != font_now:
            code.append("%s %s Tf" % (res, fp_str(g.size)))
            font_now = (res, g.size)
        x, y = item.x + g.x, h - (item.top + g.y)
        m = "0 -1 1 0" if g.turn else "1 0 0 1"
        code.append("%s %s Tm <%s> Tj" % (m, fp_str(x, y), hexcode))
    code.append("ET")
    lines.c._code.append(" ".join(code))
