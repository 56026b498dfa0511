"""Story blocks and column groups (专栏) on the page grid -> placed items and a fit report.

A block is a rectangle of the grid: basic columns × body rows (Place). Inside it, top down:
the heading zone (引题 / 主题 / 副题, or a group's banner and headline), a whole number of rows
deep so the body below stays on the page's baseline grid (docs/typesetting-rules.md §4); then the
body, composed at the column measure and flowed down the block's columns, balanced
(flow.balance). A block that does not reach the foot of the grid gives up its last row to the
rule that separates it from the block below.
"""
from __future__ import annotations

import math
from itertools import combinations, islice
from typing import NamedTuple

from layout.page import copyfit, style, words
from layout.compose import Align, Line, Metrics, PunctStyle, Settings, compose_paragraph
from layout.page.flow import FlowLine, balance, numbered
from layout.errors import Diagnostic, InputError
from layout.page.formats import Format, column_frames, place_rows
from layout.page import frames as frm
from layout.page import ornament, vertical
from layout.page.items import Box, Fit, Frame, Image, Marker, Rule, TextLine
from layout.page.pictures import Area, Caption, TooSmall, caption_rows, picture_items
from layout.issue.model import Group, Paragraph, Picture, Place, Story

EM_TOP = 0.88           # ideographic em box: top 0.88 em above the baseline (Noto CJK, Source Han)
HEAD_LEADING = 1.25     # headline lines at 125 % of their size (house style)
RULE_W = 0.5            # pt, rules between blocks (house style)


class Ctx(NamedTuple):
    """What every block of a page is laid out with."""
    fmt: Format
    metrics: Metrics
    punct: PunctStyle = "quanjiao"   # 全角式 / 开明式 / 半角式 for the whole issue (docs/typesetting-rules.md §2)
    upright: int = 2                 # 竖题: digit runs this long stand upright (style: upright)
    jump_steps: int = 2              # 接题: 号 steps below the headline (style: jump_steps)
    head_free: dict | None = None    # story id -> first row of a block under its 通栏 heading
    caption: Caption = Caption()     # caption face and credit placement (style:)

    hyphenate: str = "en_US"         # the issue's hyphenation dictionary, "" none (§1.6)

    def settings(self, align: Align = "justify", indent: float = 2.0) -> Settings:
        """Composer settings in the issue's punctuation style and hyphenation language."""
        return Settings(indent=indent, align=align, punct=self.punct, hyphenate=self.hyphenate)


def band_baseline(top: float, height: float, size: float) -> float:
    """Baseline that centres a size-pt em box in a band of the given height."""
    return top + (height - size) / 2 + EM_TOP * size


def compose_body(paragraphs: tuple[Paragraph, ...], measure: float, ctx: Ctx,
                 dateline: str = "") -> list[FlowLine]:
    out: list[FlowLine] = []
    for k, para in enumerate(paragraphs):
        lines = compose_paragraph(style.paragraph_runs(para, dateline if k == 0 else ""),
                                  measure, ctx.metrics, ctx.settings())
        for j, ln in enumerate(lines):
            out.append(FlowLine(ln, "body", para_first=(j == 0), para_last=(j == len(lines) - 1)))
    return out


def display_lines(text: str, st: style.TextStyle, measure: float, ctx: Ctx,
                  align: Align) -> tuple[Line, ...]:
    """Display text (小标题, 署名, credit, caption) at ``measure``: one line when it fits,
    else broken only between words, an editor's {braces} holding a name together
    (page.words; docs/typesetting-rules.md §4.6)."""
    return words.compose_display(text, lambda t: style.run(t, st), measure, ctx.metrics,
                                 ctx.settings(align, indent=0))


def _end_lines(text: str, measure: float, ctx: Ctx, kind: str) -> list[FlowLine]:
    """署名 / group credit: in parentheses, on lines of its own, end-aligned; a credit longer
    than the column breaks between words and every line of it stays end-aligned."""
    lines = display_lines(f"（{text}）", style.BYLINE, measure, ctx, "end")
    return [FlowLine(ln, kind, para_first=(i == 0), para_last=(i == len(lines) - 1))
            for i, ln in enumerate(lines)]


def balanced_lines(text: str, st: style.TextStyle, measure: float,
                   ctx: Ctx) -> tuple[Line, ...]:
    """A headline that needs n lines at the block's measure is broken into n lines of nearly
    equal length, not a full line and a stub (院内 house style; an editor forces a break with a
    line break in the headline): the narrowest measure that still gives n lines, found by
    bisection to 1/4 em (about 8 composes). It breaks only between words, and never inside
    an editor's {braces} (page.words; docs/typesetting-rules.md §4.6)."""
    clean, bound = words.unmark(text)
    run = (style.run(clean, st),)
    settings = ctx.settings("start", indent=0)
    if len(compose_paragraph(run, measure, ctx.metrics, settings)) > 1:
        settings = settings._replace(breaks=words.word_breaks(clean, bound))

    def lines_at(m: float) -> tuple[Line, ...]:
        return compose_paragraph(run, m, ctx.metrics, settings)

    lines = lines_at(measure)
    if len(lines) < 2:
        return lines
    n, splits = len(lines), words.forced_splits(clean, lines, settings.breaks)
    lo, hi = measure / n, measure
    while hi - lo > st.size / 4:
        mid = (lo + hi) / 2
        at = lines_at(mid)
        # as many lines, and no word split that the full measure did not have to split
        if len(at) == n and words.forced_splits(clean, at, settings.breaks) <= splits:
            hi = mid
        else:
            lo = mid
    return lines_at(hi)


def _stack(parts: list[tuple[str, str, style.TextStyle]], w: float,
           ctx: Ctx) -> tuple[list[tuple[Line, str, style.TextStyle]], int]:
    """Heading lines (kind, text, style) broken for a heading `w` pt wide, 1 em in from each
    side, and the rows they take: a whole number, with half a row of air above and below
    (docs/typesetting-rules.md §4.5: a headline's depth is a whole number of body lines)."""
    fmt = ctx.fmt
    stack: list[tuple[Line, str, style.TextStyle]] = []
    for kind, text, st in parts:
        for piece in text.split("\n"):
            for ln in _balanced(piece, st, w - 2 * fmt.em, ctx):
                stack.append((ln, kind, st))
    height = sum(st.size * HEAD_LEADING for _, _, st in stack)
    return stack, math.ceil((height + fmt.pitch) / fmt.pitch)


_BALANCED: dict = {}     # the page composer asks for each heading at each span many times


def _balanced(text: str, st: style.TextStyle, measure: float, ctx: Ctx) -> tuple[Line, ...]:
    """balanced_lines, remembered per text, style, measure and composer settings (the
    metrics object is kept with the lines and compared: another font set is another key)."""
    key = (text, st, round(measure, 3), ctx.punct, ctx.hyphenate)
    hit = _BALANCED.get(key)
    if hit is not None and hit[0] is ctx.metrics:
        return hit[1]
    lines = balanced_lines(text, st, measure, ctx)
    if len(_BALANCED) > 20_000:
        _BALANCED.clear()
    _BALANCED[key] = (ctx.metrics, lines)
    return lines


def heading_rows(parts: list[tuple[str, str, style.TextStyle]], w: float, ctx: Ctx) -> int:
    """Rows a heading `w` pt wide takes (the page composer's and the copyfitter's measure)."""
    return _stack(parts, w, ctx)[1] if parts else 0


def _heading(parts: list[tuple[str, str, style.TextStyle]], area: tuple[float, float],
             top_row: int, ctx: Ctx, owner: str, air: int = 0) -> tuple[list[TextLine], int]:
    """Stack centred heading lines (kind, text, style) across `area` (x, width in pt: the
    block's, or a 通栏 heading's wider one), 1 em in from each side, centred in their rows
    and `air` rows more (page.copyfit); returns the items and the rows used."""
    fmt = ctx.fmt
    (x, w), top = area, fmt.row_y(top_row)
    stack, rows = _stack(parts, w, ctx)
    rows += air
    height = sum(st.size * HEAD_LEADING for _, _, st in stack)
    y = top + (rows * fmt.pitch - height) / 2
    items = []
    for ln, kind, st in stack:
        lh = st.size * HEAD_LEADING
        centre = (w - 2 * fmt.em - ln.width) / 2          # each line centred on the block
        items.append(TextLine(x + fmt.em + centre, band_baseline(y, lh, st.size), ln, kind,
                              owner))
        y += lh
    return items, rows


def _place_flow(flow: list[FlowLine], frames, region: tuple[int, int], tops: tuple[int, ...],
                fmt: Format, who: tuple[str, int]) -> tuple[list[TextLine], Fit]:
    """Flow the lines down the frames of a body region (first row, rows) and place them;
    `tops`: rows taken at the top of each frame (a story's picture); `who`: the owner and
    its characters of copy."""
    first_row, capacity = region[0], max(0, region[1])
    owner, chars = who
    flowed = balance(numbered(flow), len(frames), capacity, tops)
    tops = tops or (0,) * len(frames)
    items = []
    new = tuple.__new__      # TextLine(...) without its Python frame: every line of a page
    for (cx, _), col, top_k in zip(frames, flowed.columns, tops):
        for r, fl in enumerate(col):
            # every flowed line, 小标题 included, sits on the body baseline of its row
            top = fmt.row_y(first_row + top_k + r)
            # TextLine(x, baseline, line, kind, owner, para=fl.para), the rest its defaults
            items.append(new(TextLine, (cx, band_baseline(top, fmt.pitch, fmt.body_size),
                                        fl.line, fl.kind, owner, 0.0, (), fl.para, (), False)))
    held = sum(max(0, capacity - t) for t in tops)
    over_chars = sum(len(fl.line.text) for fl in flowed.overset)
    # lines the copy needs: its own, or, when it runs over, the block's plus what ran over —
    # the rows the flow rules (背题, widows) leave empty at column feet count as used, so the
    # fit report and the build agree on the overset
    used = held + len(flowed.overset) if flowed.overset else len(flow)
    if flowed.overset:           # the InDesign-style red plus at the foot of the last column
        lx, lw = frames[-1]
        items.append(Marker(lx + lw - fmt.em, fmt.row_y(first_row + capacity - 1)
                            + (fmt.pitch - fmt.em) / 2, fmt.em, "overset", owner))
    loose = tuple(fl.line.text for fl in flow if fl.line.loose)
    return items, Fit(owner, len(frames), held, used, chars, len(flowed.overset), over_chars,
                      round(frames[0][1] / fmt.em), flowed.widows, loose)


class Body(NamedTuple):
    """Where a block's body goes: its text columns and the rows under its headings."""
    frames: tuple[tuple[float, float], ...]
    first_row: int
    capacity: int         # rows of text per column
    boxed: bool           # a tint or frame bounds the block: no separating rules


def body_area(p: Place, head_rows: int, ctx: Ctx, owner: str,
              dress: tuple[int, str, tuple | None]) -> Body:
    """The text columns and rows of a block under `head_rows` of headings. `dress`: the
    block's tint, frame style and text columns (None: the place's columns, inset for a tint
    or frame). A tinted or framed block gives up its last row, as an open block does to the
    rule below it, so its text stays clear of the box's bottom edge."""
    tint, frame, frames = dress
    rows, at_foot = _block_rows(p, ctx.fmt)
    boxed = bool(tint or frame)
    capacity = rows - head_rows - (0 if at_foot and not boxed else 1)
    if capacity < 1:
        _too_small(p, owner, f"its headings take {head_rows} rows and the block has {rows}"
                   + ("" if at_foot and not boxed else " (one of them the rule to the block "
                      "below)" if not boxed else " (one of them the edge of its box)"),
                   "give the block more rows, or a smaller headline (size:)")
    if frames is None:
        frames = frm.text_frames(ctx.fmt, p, frm.inset_em(tint, frame, ctx.fmt.em))
    return Body(frames, p.row + head_rows, capacity, boxed)


def _body(flow: list[FlowLine], p: Place, head_rows: int, ctx: Ctx, owner: str,
          dress: tuple = (0, "", None)):
    """The body of a block under its heading rows: flowed, placed, measured, and parted from
    its neighbours by rules (unless a tint or frame bounds it). `dress`: tint, frame, text
    columns and, for a story with its picture, the rows the picture takes at the top of each
    column."""
    b = body_area(p, head_rows, ctx, owner, dress[:3])
    tops = dress[3] if len(dress) > 3 else ()
    chars = sum(len(fl.line.text) for fl in flow)
    items, fit = _place_flow(flow, b.frames, (b.first_row, b.capacity), tops, ctx.fmt,
                             (owner, chars))
    if b.boxed:
        return items, fit
    rows, at_foot = _block_rows(p, ctx.fmt)
    return items + _separators(p, rows, at_foot, ctx.fmt, owner), fit


def _too_small(p: Place, owner: str, why: str, hint: str) -> None:
    """A block too small for what must be in it is bad input, reported at its place: the
    layout never draws outside the rectangle the editor gave."""
    w = p.where
    raise InputError([Diagnostic(w.path, w.line, w.column, f"'{owner}' does not fit its "
                                 f"block: {why}", hint)])


def _block_rows(place: Place, fmt: Format) -> tuple[int, bool]:
    rows = place_rows(fmt, place)
    return rows, place.row + rows - 1 >= fmt.rows


def _separators(p: Place, rows: int, at_foot: bool, fmt: Format, owner: str) -> list[Rule]:
    """Rules that part this block from its neighbours: across the middle of its last row when
    a block follows below, and down the middle of the gutter at its right unless it ends at
    the right edge of the type area."""
    x, w = fmt.col_x(p.col), fmt.span_w(p.span)
    out = []
    last_row = p.row + rows - 1
    bottom = fmt.row_y(last_row) + fmt.pitch / 2 if not at_foot else fmt.row_y(last_row + 1)
    if not at_foot:
        out.append(Rule(x, bottom, x + w, bottom, RULE_W, owner))
    if p.col + p.span - 1 < fmt.columns:
        gx = x + w + fmt.gutter / 2
        out.append(Rule(gx, fmt.row_y(p.row) + fmt.pitch / 2, gx, bottom, RULE_W, owner))
    return out


def dress_items(p: Place, tint: int, frame: str, ctx: Ctx, owner: str) -> list:
    """A block's 网底 (a Box of `tint` % black) and frame, drawn before its text."""
    if not tint and not frame:
        return []
    rows, at_foot = _block_rows(p, ctx.fmt)
    x, y, w, h = frm.box_rect(ctx.fmt, p, rows, at_foot)
    out: list = []
    if tint:
        out.append(Box(x, y, w, h, 1.0 - tint / 100, None, owner))
    if frame:
        out.append(Frame(x, y, w, h, frame, frm.frame_paths(frame, x, y, w, h), owner))
    return out


def heading_area(story: Story, fmt: Format) -> tuple[float, float]:
    """(x, width) the horizontal heading spans: the block's columns, or a 通栏 head_span's,
    inset inside a frame so its lines keep clear of it."""
    p = story.place
    col, span = p.col, p.span
    if story.head_span is not None:
        col, span = story.head_col or p.col, story.head_span
    x, w = fmt.col_x(col), fmt.span_w(span)
    inset = max(0.0, frm.inset_em(story.tint, story.frame, fmt.em) - 1.0) * fmt.em
    return x + inset, w - 2 * inset


def story_parts(story: Story, size: float | None = None,
                span: int | None = None) -> list[tuple[str, str, style.TextStyle]]:
    """引题 / 主题 / 副题 with their styles; `size` overrides the headline's (接题, the page
    composer's size steps), `span` the columns it is measured for (a story not placed yet)."""
    span = span or story.head_span or story.place.span
    head = style.headline_style(span, size or story.headline_size)
    small = style.kicker_style(head)
    return [(k, t, s) for k, t, s in (("kicker", story.kicker, small),
                                      ("headline", story.headline, head),
                                      ("subhead", story.subhead, small)) if t]


def story_heading(story: Story, ctx: Ctx, parts=None, air: int = 0) -> tuple[list, int]:
    """The heading zone of a horizontal story: its lines (reversed on a band when the story
    says so, after a 题花), from the row under its frame, `air` rows more (page.copyfit);
    returns the items and the rows it takes from the block's top."""
    p = story.place
    top = p.row + frm.top_rows(story.frame, ctx.fmt)
    area = heading_area(story, ctx.fmt)
    lines, rows = _heading(parts or story_parts(story), area, top, ctx, story.id, air)
    lines = ornament.before(lines, story.ornament, ctx, story.id)
    _check_head_span(story, top + rows, ctx)
    if not story.reverse:
        return lines, top - p.row + rows
    fmt = ctx.fmt
    band = Box(area[0], fmt.row_y(top), area[1], rows * fmt.pitch - fmt.pitch / 2,
               1.0 - story.reverse / 100, None, story.id)
    return [band] + [ln._replace(gray=1.0) if isinstance(ln, TextLine) else ln
                     for ln in lines], top - p.row + rows


def _check_head_span(story: Story, below: int, ctx: Ctx) -> None:
    """A 通栏 heading must end above the blocks under its extra columns (checked at layout,
    when its depth is known); `below` is the first row under it."""
    free = getattr(ctx, "head_free", None)
    if story.head_span is None or free is None:
        return
    limit = free.get(story.id)
    if limit is not None and below > limit:
        _too_small(story.place, story.id, f"its 通栏 heading takes rows {story.place.row}–"
                   f"{below - 1}, but a block under its wider part starts at row {limit}",
                   f"start the blocks under the heading at row {below} or lower")


def story_frame(story: Story, ctx: Ctx, air: int = 0) -> tuple[list, int, tuple]:
    """What a story's block holds before its body: its tint and frame, its heading
    (horizontal, 通栏 or vertical; `air` rows more in a horizontal one). Returns the items,
    the rows taken above the body and the block's dress (tint, frame, text columns) for
    body_area."""
    items = dress_items(story.place, story.tint, story.frame, ctx, story.id)
    if story.vertical:
        head, frames = vertical_heading(story, ctx)
        return items + head, frm.top_rows(story.frame, ctx.fmt), (story.tint, story.frame,
                                                                   frames)
    head, head_rows = story_heading(story, ctx, air=air)
    return items + head, head_rows, (story.tint, story.frame, None)


def head_rows_of(story: Story, ctx: Ctx) -> int:
    """Rows a story's heading zone takes from its block's top, before any air: nothing
    beside a 竖题 (the strip is a column of its own)."""
    top = frm.top_rows(story.frame, ctx.fmt)
    if story.vertical:
        return top
    return top + heading_rows(story_parts(story), heading_area(story, ctx.fmt)[1], ctx)


class Piece(NamedTuple):
    """A piece of a block's copy, in reading order: a body paragraph (`para`, which the
    copyfitter may set a line longer or shorter: page.copyfit) or lines that stay as they are
    (a 小标题, a byline, a credit)."""
    kind: str
    para: copyfit.Para | None
    lines: tuple[Line, ...]


def body_pieces(paragraphs: tuple[Paragraph, ...], measure: float, ctx: Ctx,
                dateline: str = "") -> list[Piece]:
    out = []
    for k, para in enumerate(paragraphs):
        pa = copyfit.Para(style.paragraph_runs(para, dateline if k == 0 else ""), measure,
                          ctx.settings())
        out.append(Piece("body", pa, copyfit.natural(pa, ctx.metrics)))
    return out


def _end(text: str, measure: float, ctx: Ctx) -> tuple[Line, ...]:
    return tuple(fl.line for fl in _end_lines(text, measure, ctx, "byline"))


def story_pieces(story: Story, measure: float, ctx: Ctx) -> list[Piece]:
    """A story's body and byline at the column measure."""
    pieces = body_pieces(story.body, measure, ctx, story.dateline)
    if story.byline:
        pieces.append(Piece("byline", None, _end(story.byline, measure, ctx)))
    return pieces


def group_pieces(group: Group, measure: float, ctx: Ctx) -> list[Piece]:
    """The items of a group with their 小标题, and its credit."""
    pieces = []
    for item in group.items:
        # a 小标题 longer than the column breaks like a headline, every line centred and
        # kept with what follows (背题)
        titles = display_lines(item.title, style.TITLE, measure, ctx, "center")
        pieces.append(Piece("title", None, titles))
        pieces += body_pieces(item.body, measure, ctx)
    if group.credit:
        pieces.append(Piece("credit", None, _end(group.credit, measure, ctx)))
    return pieces


def flow_of(pieces: list[Piece], ctx: Ctx, changes=()) -> list[FlowLine]:
    """The lines to flow, each changed paragraph (index, ±1) set a line longer or shorter."""
    changed = dict(changes)
    out: list[FlowLine] = []
    for i, pc in enumerate(pieces):
        lines = pc.lines
        if i in changed:
            lines = copyfit.variant(pc.para, ctx.metrics, changed[i]) or lines
        out += _flow_lines(lines, pc.kind)
    return out


_FLOWN: dict = {}       # id(lines) -> (lines, their FlowLines): the composer flows each often


def _flow_lines(lines: tuple, kind: str) -> tuple:
    hit = _FLOWN.get((id(lines), kind))
    if hit is not None and hit[0] is lines:
        return hit[1]
    last = len(lines) - 1
    # FlowLine(ln, kind, keep_with_next=, para_first=, para_last=) without its Python frame
    new, title = tuple.__new__, kind == "title"
    flown = tuple(new(FlowLine, (ln, kind, title, j == 0, j == last, 0))
                  for j, ln in enumerate(lines))
    if len(_FLOWN) > 50_000:
        _FLOWN.clear()
    _FLOWN[id(lines), kind] = (lines, flown)
    return flown


class Room(NamedTuple):
    """A block's body for the copyfitter: its columns, rows (before any air), the rows its
    picture takes at the top of each column, and the air already fixed (by a picture under
    the heading; 0 beside a 竖题) or None (free)."""
    cols: int
    rows: int
    tops: tuple[int, ...] = ()
    air: int | None = None

    def held(self, air: int) -> int:
        rows = self.rows - air
        return sum(rows - t for t in (self.tops or (0,) * self.cols) if rows > t)


def fill(pieces: list[Piece], room: Room, ctx: Ctx) -> copyfit.Fill:
    """The copyfit of a block (page.copyfit): the air rows and the paragraphs a line longer
    or shorter that fill it best — checked by flowing the lines (the widow and 背题 rules may
    want a line more): the first choice that flows without a widow or a line over wins. A
    choice whose paragraphs leave a widow is tried with other paragraphs too (which ones
    change moves where the paragraphs end, so where a last line falls)."""
    lines = sum(len(pc.lines) for pc in pieces)
    airs = range(copyfit.MAX_AIR + 1) if room.air is None else (room.air,)
    held = {a: room.held(a) for a in airs}
    # the copy exactly as long as the room under the least air that makes it so: the first
    # choice copyfit.ranked would make whatever the paragraphs could give or take, so their
    # variants need not be set when it flows cleanly (the sample's 专栏; same bytes)
    exact = [a for a in airs if held[a] == lines]
    if exact and _clean(fill_flowed(pieces, room, ctx, copyfit.Fill(exact[0]))):
        return copyfit.Fill(exact[0])
    want = [held[a] - lines for a in airs]
    # the levers found only as the choices reach them (copyfit.Levers): the choices are
    # copyfit.ranked's under the most levers there could be, those wanting more than there
    # are skipped — the same choices in the same order as under the levers' real numbers
    # (a choice wanting more than the levers' cap, known once they ran out, is skipped
    # without asking: generated broadsheet 9 asked 27,697 times in 1,375 fills)
    give = _levers(pieces, ctx, max(0, max(want)))
    take = _levers(pieces, ctx, min(0, min(want)))
    choices = copyfit.ranked(lines, held, (take.cap, give.cap))
    first, tried = None, 0
    for air, delta in choices:
        levers = give if delta > 0 else take
        if abs(delta) > levers.cap or not levers.upto(abs(delta)):
            continue
        tried += 1
        if tried > copyfit.TRIES:
            break
        for changes in _sets(levers, abs(delta)):
            f = copyfit.Fill(air, changes)
            flowed = fill_flowed(pieces, room, ctx, f)
            if _clean(flowed):
                return f
            first = first or f
            if flowed.overset or delta == 0:
                break                  # other paragraphs do not take fewer lines
    return first or copyfit.Fill()


def _sets(levers: copyfit.Levers, n: int):
    """The first SWAPS of combinations(all the levers, n), finding levers only as they are
    reached: in that order the k-th set is the first n - 1 levers and the (n - 1 + k)-th."""
    if n == 0:
        yield ()
        return
    for k in range(copyfit.SWAPS):
        if not levers.upto(n + k):   # all the levers are known: the rest as itertools has it
            yield from islice(combinations(levers.found, n), k, copyfit.SWAPS)
            return
        yield tuple(levers.found[:n - 1]) + (levers.found[n - 1 + k],)


_FLOWED: dict = {}      # (id(pieces), changes, columns, rows, tops) -> (pieces, metrics, Flowed)


def fill_flowed(pieces: list[Piece], room: Room, ctx: Ctx, f: copyfit.Fill):
    """The block's lines with the fill `f`, flowed into its columns: remembered for the very
    same pieces and metrics (the page composer fills a block at every depth it measures, and
    one air row more under one row more flows the same lines at the same depth: generated
    broadsheet 12 flowed 4,409 times, 2,275 of them different, from 56 sets of lines)."""
    rows, tops = room.rows - f.air, room.tops or (0,) * room.cols
    key = (id(pieces), f.changes, room.cols, rows, tops)
    hit = _FLOWED.get(key)
    if hit is not None and hit[0] is pieces and hit[1] is ctx.metrics:
        return hit[2]
    flowed = balance(tuple(flow_of(pieces, ctx, f.changes)), room.cols, rows, tops)
    if len(_FLOWED) > 5_000:
        _FLOWED.clear()
    _FLOWED[key] = (pieces, ctx.metrics, flowed)
    return flowed


def _clean(flowed) -> bool:
    return not flowed.overset and not flowed.widows


def _levers(pieces: list[Piece], ctx: Ctx, wanted: int) -> copyfit.Levers:
    """copyfit.Levers of a block's body paragraphs, numbered as its pieces."""
    idx = [i for i, pc in enumerate(pieces) if pc.para is not None]
    more = copyfit.SWAPS - 1 if wanted else 0
    return copyfit.Levers([pieces[i].para for i in idx], ctx.metrics, wanted, more, idx)


def story_block(story: Story, ctx: Ctx, picture: Picture | None = None):
    """A story: its tint and frame, its heading, its body flowed in its columns. `picture`
    (the story's own, placed inside the block under the heading) takes the top rows of the
    columns it covers, the text flowing below it; placed at the block's top across its
    width (on_top), it stands over the heading. The block fills itself (page.copyfit): air
    in the heading, paragraphs a line longer or shorter."""
    p = story.place
    if picture is not None and on_top(picture.place, p):
        # the photo over its story: the story laid out below it as a story without one
        rows = picture.place.rows
        below = story._replace(place=p._replace(row=p.row + rows,
                                                rows=place_rows(ctx.fmt, p) - rows))
        items, fit = story_block(below, ctx)
        return picture_in(picture, picture.place, ctx) + items, fit
    head0 = head_rows_of(story, ctx)
    dress0 = (story.tint, story.frame, vertical_heading(story, ctx)[1] if story.vertical
              else None)
    b = body_area(p, head0, ctx, story.id, dress0)
    # no air beside a 竖题 (no heading) or in a 通栏 heading (blocks under its wider part
    # start right under its lines)
    room = Room(len(b.frames), b.capacity,
                air=0 if story.vertical or story.head_span is not None else None)
    if picture is not None:
        air = max(0, picture.place.row - (p.row + head0))
        room = room._replace(tops=picture_tops(picture.place, p, head0 + air,
                                               (b.frames, ctx.fmt)), air=air)
    pieces = story_pieces(story, b.frames[0][1], ctx)
    f = fill(pieces, room, ctx)
    items, head_rows, dress = story_frame(story, ctx, f.air)
    if picture is not None:
        items += picture_in(picture, picture.place, ctx)
    body_items, fit = _body(flow_of(pieces, ctx, f.changes), p, head_rows, ctx, story.id,
                            dress + (room.tops,))
    if story.head_span is not None:        # the gutter rule starts under a 通栏 heading
        y0 = ctx.fmt.row_y(story.place.row + head_rows) + ctx.fmt.pitch / 2
        body_items = [it._replace(y0=max(it.y0, y0)) if isinstance(it, Rule) and it.x0 == it.x1
                      else it for it in body_items]
    return items + body_items, fit


def on_top(pic: Place, p: Place) -> bool:
    """A story's picture set above its heading: at the story's top row, its full width."""
    return (pic.row, pic.col, pic.span) == (p.row, p.col, p.span)


def picture_tops(pic: Place, p: Place, head_rows: int, grid) -> tuple[int, ...]:
    """Rows a story's picture takes at the top of each of the story's column frames (`grid`:
    the frames and the format). The picture lies inside the story, right under its heading,
    in whole columns (a modular page keeps pictures on the grid:
    docs/newspaper-conventions.md#composing-a-page); a frame under any part of it starts
    below it."""
    frames, fmt = grid
    first = p.row + head_rows
    if (pic.col < p.col or pic.col + pic.span > p.col + p.span or pic.row != first
            or pic.rows is None or pic.rows < 2):
        _too_small(pic, "picture", f"a story's picture must lie inside the story, under its "
                   f"heading (row {first}), across whole columns {p.col}–{p.col + p.span - 1}",
                   "leave the picture's place out and the story sets it, or correct its place")
    x0, x1 = fmt.col_x(pic.col), fmt.col_x(pic.col) + fmt.span_w(pic.span)
    return tuple(pic.rows if fx < x1 - 0.01 and fx + fw > x0 + 0.01 else 0 for fx, fw in frames)


def vertical_heading(story: Story, ctx: Ctx):
    """竖题 (page.vertical): the heading strip takes one basic column of the block, at the
    side the story names, as tall as the text; the text keeps the other columns. Returns the
    strip's items and the text columns."""
    fmt, p = ctx.fmt, story.place
    rows, at_foot = _block_rows(p, fmt)
    boxed = bool(story.tint or story.frame)
    first = p.row + frm.top_rows(story.frame, fmt)
    last = p.row + rows - 1 - (0 if at_foot and not boxed else 1)
    top = fmt.row_y(first) + (fmt.pitch - fmt.body_size) / 2          # the text's em boxes
    height = fmt.row_y(last) + (fmt.pitch + fmt.body_size) / 2 - top
    strip_col = p.col + p.span - 1 if story.vertical == "right" else p.col
    inset = frm.inset_em(story.tint, story.frame, fmt.em) * fmt.em
    x, w = fmt.col_x(strip_col), fmt.column_w
    x, w = (x, w - inset) if story.vertical == "right" else (x + inset, w - inset)
    parts = [(k, t) for k, t, _ in story_parts(story)]
    sets = vertical.choose(parts, ctx.metrics, height, w - fmt.em,
                           (story.headline_size, getattr(ctx, "upright", 2)))
    if sets is None:
        _too_small(p, story.id, f"its vertical headline does not fit {rows} rows in two "
                   "columns even at 三号 (16 pt)", "give the block more rows, or shorten "
                   "the headline")
    gray = 1.0 if story.reverse else 0.0
    items: list = []
    if story.reverse:
        items.append(Box(x, top - fmt.em / 2, w, height + fmt.em, 1.0 - story.reverse / 100,
                         None, story.id))
    items += vertical.place(sets, (x, top, w, height), story.id, gray)
    text_place = p._replace(col=p.col + (story.vertical == "left"), span=p.span - 1,
                            split=None if p.split in (None, p.span) else p.split)
    frames = frm.text_frames(fmt, text_place, frm.inset_em(story.tint, story.frame, fmt.em))
    return items, frames


def _banner(group: Group, ctx: Ctx, top_row: int) -> list:
    """The 专栏 banner across the group's top two rows: white type on a band of
    `reverse` % black (反白), or black type between two rules; a 题花 before its text."""
    fmt, p = ctx.fmt, group.place
    inset = max(0.0, frm.inset_em(group.tint, group.frame, fmt.em) - 0.5) * fmt.em
    x, w = fmt.col_x(p.col) + inset, fmt.span_w(p.span) - 2 * inset
    top, h = fmt.row_y(top_row), BANNER_ROWS * fmt.pitch
    banner = style.shrink_to_fit(style.run(group.banner, style.BANNER), w - 2 * fmt.em,
                                 ctx.metrics, ctx.settings("center", indent=0),
                                 smallest=10.5)     # not below 五号
    if banner is None:
        _too_small(p, group.id, "its banner is too long for one line across the group even "
                   "at 10.5 pt", "shorten the banner or widen the group")
    line = TextLine(x + fmt.em, band_baseline(top, h, style.BANNER.size), banner, "banner",
                    group.id, gray=1.0 if group.reverse else 0.0)
    if group.reverse:
        items: list = [Box(x, top, w, h, 1.0 - group.reverse / 100, None, group.id)]
    else:
        items = [Rule(x, top, x + w, top, 1.0, group.id),
                 Rule(x, top + h, x + w, top + h, 1.0, group.id)]
    return items + ornament.before([line], group.ornament, ctx, group.id)


BANNER_ROWS = 2     # the 专栏 banner band: two body rows deep (house style)


def group_parts(group: Group) -> list[tuple[str, str, style.TextStyle]]:
    return [("headline", group.headline, style.GROUP_HEADLINE)] if group.headline else []


def group_head_rows(group: Group, span: int, ctx: Ctx) -> int:
    """Rows of a group's frame top, banner band and group headline across `span` columns."""
    fmt = ctx.fmt
    return (frm.top_rows(group.frame, fmt) + BANNER_ROWS
            + heading_rows(group_parts(group), fmt.span_w(span), ctx))


def group_banner(group: Group, ctx: Ctx) -> list:
    """The banner's items, under the group's frame top."""
    return _banner(group, ctx, group.place.row + frm.top_rows(group.frame, ctx.fmt))


def group_block(group: Group, ctx: Ctx):
    fmt, p = ctx.fmt, group.place
    items = dress_items(p, group.tint, group.frame, ctx, group.id)
    top_row = p.row + frm.top_rows(group.frame, fmt)
    items += group_banner(group, ctx)
    dress = (group.tint, group.frame, None)
    b = body_area(p, group_head_rows(group, p.span, ctx), ctx, group.id, dress)
    pieces = group_pieces(group, b.frames[0][1], ctx)
    f = fill(pieces, Room(len(b.frames), b.capacity), ctx)
    head_rows = top_row - p.row + BANNER_ROWS + f.air
    if group.headline:
        inset = max(0.0, frm.inset_em(group.tint, group.frame, fmt.em) - 1.0) * fmt.em
        area = (fmt.col_x(p.col) + inset, fmt.span_w(p.span) - 2 * inset)
        h_items, h_rows = _heading(group_parts(group), area, p.row + top_row - p.row
                                   + BANNER_ROWS, ctx, group.id, f.air)
        items += h_items
        head_rows = top_row - p.row + BANNER_ROWS + h_rows
    body_items, fit = _body(flow_of(pieces, ctx, f.changes), p, head_rows, ctx, group.id,
                            dress)
    return items + body_items, fit


def picture_block(pic: Picture, ctx: Ctx) -> list:
    """A picture block: the photo across the block with its caption and credit under it
    (page.pictures.picture_items), parted from its neighbours by rules like any block."""
    fmt, p = ctx.fmt, pic.place
    rows, at_foot = _block_rows(p, fmt)
    area = Area(fmt.col_x(p.col), fmt.span_w(p.span), p.row, rows - (0 if at_foot else 1))
    try:
        items = picture_items(pic, area, ctx, ctx.caption)
    except TooSmall as e:
        _too_small(p, pic.id, f"it has {rows} rows, its caption takes {e.caption_rows}"
                   + ("" if at_foot else " and the rule to the block below one"),
                   "a picture needs at least two rows of its own: give the block more rows")
    return items + _separators(p, rows, at_foot, fmt, pic.id)


def picture_in(pic: Picture, p: Place, ctx: Ctx) -> list:
    """A story's own picture in its place inside the story (page.pictures.picture_items),
    the place's last row left free: the air between the caption and the text below."""
    fmt = ctx.fmt
    area = Area(fmt.col_x(p.col), fmt.span_w(p.span), p.row, place_rows(fmt, p) - 1)
    try:
        return picture_items(pic, area, ctx, ctx.caption)
    except TooSmall as e:
        _too_small(p, pic.id, f"it has {area.rows} rows and its caption takes "
                   f"{e.caption_rows}", "a picture needs at least two rows of its own")


def caption_lines(pic: Picture, span: int, ctx: Ctx) -> int:
    """Rows the picture's caption and credit take across `span` columns (the composer's
    measure)."""
    return caption_rows(pic.caption, getattr(pic, "credit", ""), ctx.fmt.span_w(span), ctx,
                        ctx.caption)


class Shape(NamedTuple):
    """What a story or group not yet placed needs at a span, for the page composer: the rows
    above its body, its text columns (x from the block's left, width) and whether a tint or
    frame bounds it (then its last row is kept clear even at the foot of the page)."""
    head: int
    frames: tuple[tuple[float, float], ...]
    boxed: bool
    vertical: bool = False


def shape_at(block, span: int, ctx: Ctx, size: float | None = None,
             split: int | None = None) -> Shape:
    """The block measured as if placed `span` columns wide (set in `split` columns: 破栏) at
    the top left of the grid (a provisional place: only its width matters here)."""
    probe = Place(1, span, 1, ctx.fmt.rows, split, block.where)
    b = block._replace(place=probe, **({"headline_size": size} if size else {}))
    if isinstance(b, Group):
        head, dress = group_head_rows(b, span, ctx), (b.tint, b.frame, None)
    else:
        head = head_rows_of(b, ctx)
        dress = (b.tint, b.frame, vertical_heading(b, ctx)[1] if b.vertical else None)
    area = body_area(probe, head, ctx, b.id, dress)
    return Shape(head, area.frames, area.boxed, bool(getattr(b, "vertical", "")))
