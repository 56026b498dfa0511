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
from typing import NamedTuple

from layout.page import style
from layout.compose import Align, Line, Metrics, PunctStyle, Settings, compose_paragraph
from layout.page.flow import FlowLine, balance, numbered
from layout.errors import Diagnostic, InputError
from layout.page.formats import Format, column_frames, place_rows
from layout.page.items import Box, Fit, Image, Marker, Rule, TextLine
from layout.issue.model import Group, Paragraph, Picture, Place, Story

EM_TOP = 0.88           # ideographic em box: top 0.88 em above the baseline (Noto CJK, Source Han)
HEAD_LEADING = 1.25     # headline lines at 125 % of their size (house style)
RULE_W = 0.5            # pt, rules between blocks (house style)


class Ctx(NamedTuple):
    """What every block of a page is laid out with."""
    fmt: Format
    metrics: Metrics
    punct: PunctStyle = "quanjiao"   # 全角式 / 开明式 / 半角式 for the whole issue (docs/typesetting-rules.md §2)

    def settings(self, align: Align = "justify", indent: float = 2.0) -> Settings:
        """Composer settings in the issue's punctuation style."""
        return Settings(indent=indent, align=align, punct=self.punct)


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


def _end_lines(text: str, measure: float, ctx: Ctx, kind: str) -> list[FlowLine]:
    """署名 / group credit: in parentheses, on lines of its own, end-aligned; a credit longer
    than the column breaks like any text and every line of it stays end-aligned."""
    lines = compose_paragraph((style.run(f"（{text}）", style.BYLINE),), measure, ctx.metrics,
                              ctx.settings("end", indent=0))
    return [FlowLine(ln, kind, para_first=(i == 0), para_last=(i == len(lines) - 1))
            for i, ln in enumerate(lines)]


def balanced_lines(text: str, st: style.TextStyle, measure: float,
                   ctx: Ctx) -> tuple[Line, ...]:
    """A headline that needs n lines at the block's measure is broken into n lines of nearly
    equal length, not a full line and a stub (院内 house style; an editor forces a break with a
    line break in the headline): the narrowest measure that still gives n lines, found by
    bisection to 1/4 em (about 8 composes)."""
    run = (style.run(text, st),)

    def lines_at(m: float) -> tuple[Line, ...]:
        return compose_paragraph(run, m, ctx.metrics, ctx.settings("start", indent=0))

    lines = lines_at(measure)
    if len(lines) < 2:
        return lines
    lo, hi = measure / len(lines), measure
    while hi - lo > st.size / 4:
        mid = (lo + hi) / 2
        if len(lines_at(mid)) == len(lines):
            hi = mid
        else:
            lo = mid
    return lines_at(hi)


def _heading(parts: list[tuple[str, str, style.TextStyle]], p: Place, top_row: int, ctx: Ctx,
             owner: str) -> tuple[list[TextLine], int]:
    """Stack centred heading lines (kind, text, style) across the block; returns the items
    and the rows used."""
    fmt = ctx.fmt
    x, w, top = fmt.col_x(p.col), fmt.span_w(p.span), fmt.row_y(top_row)
    stack: list[tuple[Line, str, style.TextStyle]] = []
    for kind, text, st in parts:
        for piece in text.split("\n"):
            for ln in balanced_lines(piece, st, w - 2 * fmt.em, ctx):
                stack.append((ln, kind, st))
    height = sum(st.size * HEAD_LEADING for _, _, st in stack)
    rows = math.ceil((height + fmt.pitch) / fmt.pitch)     # half a row of air above and below
    y = top + (rows * fmt.pitch - height) / 2
    items = []
    for ln, kind, st in stack:
        lh = st.size * HEAD_LEADING
        centre = (w - 2 * fmt.em - ln.width) / 2          # each line centred on the block
        items.append(TextLine(x + fmt.em + centre, band_baseline(y, lh, st.size), ln, kind,
                              owner))
        y += lh
    return items, rows


def _place_flow(flow: list[FlowLine], frames, first_row: int, capacity: int, fmt: Format,
                owner: str, chars: int) -> tuple[list[TextLine], Fit]:
    flowed = balance(numbered(flow), len(frames), max(0, capacity))
    items = []
    for (cx, _), col in zip(frames, flowed.columns):
        for r, fl in enumerate(col):
            # every flowed line, 小标题 included, sits on the body baseline of its row
            top = fmt.row_y(first_row + r)
            items.append(TextLine(cx, band_baseline(top, fmt.pitch, fmt.body_size), fl.line,
                                  fl.kind, owner, para=fl.para))
    over_chars = sum(len(fl.line.text) for fl in flowed.overset)
    used = sum(len(c) for c in flowed.columns) + len(flowed.overset)
    if flowed.overset:           # the InDesign-style red plus at the foot of the last column
        lx, lw = frames[-1]
        items.append(Marker(lx + lw - fmt.em, fmt.row_y(first_row + max(0, capacity) - 1)
                            + (fmt.pitch - fmt.em) / 2, fmt.em, "overset", owner))
    return items, Fit(owner, len(frames), max(0, capacity) * len(frames), used, chars,
                      len(flowed.overset), over_chars, round(frames[0][1] / fmt.em),
                      flowed.widows)


def _body(flow: list[FlowLine], p: Place, head_rows: int, ctx: Ctx, owner: str):
    """The body of a block under its heading rows: flowed, placed, measured, and parted from
    its neighbours by rules."""
    rows, at_foot = _block_rows(p, ctx.fmt)
    capacity = rows - head_rows - (0 if at_foot else 1)
    if capacity < 1:
        _too_small(p, owner, f"its headings take {head_rows} rows and the block has {rows}"
                   + ("" if at_foot else " (one of them the rule to the block below)"),
                   "give the block more rows, or a smaller headline (size:)")
    chars = sum(len(fl.line.text) for fl in flow)
    items, fit = _place_flow(flow, column_frames(ctx.fmt, p), p.row + head_rows, capacity,
                             ctx.fmt, owner, chars)
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


def story_block(story: Story, ctx: Ctx):
    fmt, p = ctx.fmt, story.place
    head = style.headline_style(p.span, story.headline_size)
    small = style.kicker_style(head)
    parts = [(k, t, s) for k, t, s in (("kicker", story.kicker, small),
                                       ("headline", story.headline, head),
                                       ("subhead", story.subhead, small)) if t]
    items, head_rows = _heading(parts, p, p.row, ctx, story.id)
    frames = column_frames(fmt, p)
    flow = compose_body(story.body, frames[0][1], ctx, story.dateline)
    if story.byline:
        flow += _end_lines(story.byline, frames[0][1], ctx, "byline")
    body_items, fit = _body(flow, p, head_rows, ctx, story.id)
    return items + body_items, fit


def group_block(group: Group, ctx: Ctx):
    fmt, metrics, p = ctx.fmt, ctx.metrics, group.place
    x, w = fmt.col_x(p.col), fmt.span_w(p.span)
    band_rows = 2
    top = fmt.row_y(p.row)
    items: list = [Box(x, top, w, band_rows * fmt.pitch, 0.0, None, group.id)]
    banner = style.shrink_to_fit(style.run(group.banner, style.BANNER), w - 2 * fmt.em,
                                 metrics, ctx.settings("center", indent=0),
                                 smallest=10.5)     # not below 五号
    if banner is None:
        _too_small(p, group.id, "its banner is too long for one line across the group even "
                   "at 10.5 pt", "shorten the banner or widen the group")
    items.append(TextLine(x + fmt.em, band_baseline(top, band_rows * fmt.pitch,
                                                    style.BANNER.size), banner, "banner",
                          group.id, gray=1.0))
    head_rows = band_rows
    if group.headline:
        h_items, h_rows = _heading([("headline", group.headline, style.GROUP_HEADLINE)], p,
                                   p.row + band_rows, ctx, group.id)
        items += h_items
        head_rows += h_rows
    frames = column_frames(fmt, p)
    measure = frames[0][1]
    flow: list[FlowLine] = []
    for item in group.items:
        # a 小标题 longer than the column breaks like a headline, every line centred and
        # kept with what follows (背题)
        titles = compose_paragraph((style.run(item.title, style.TITLE),), measure, metrics,
                                   ctx.settings("center", indent=0))
        flow += [FlowLine(t, "title", keep_with_next=True, para_first=(i == 0),
                          para_last=(i == len(titles) - 1)) for i, t in enumerate(titles)]
        flow += compose_body(item.body, measure, ctx)
    if group.credit:
        flow += _end_lines(group.credit, measure, ctx, "credit")
    body_items, fit = _body(flow, p, head_rows, ctx, group.id)
    return items + body_items, fit


def picture_block(pic: Picture, ctx: Ctx) -> list:
    """A photo frame across the block, its caption (楷, body size) under it on the body grid.
    Without an image file the frame is a placeholder (图框): a light tint crossed by its
    diagonals, as layout programs mark a frame still waiting for its photo."""
    fmt, p = ctx.fmt, pic.place
    x, w = fmt.col_x(p.col), fmt.span_w(p.span)
    rows, at_foot = _block_rows(p, fmt)
    caption = []
    if pic.caption:
        caption = compose_paragraph((style.run(pic.caption, style.BYLINE),), w, ctx.metrics,
                                    ctx.settings(indent=0))
    frame_rows = rows - len(caption) - (0 if at_foot else 1)
    if frame_rows < 2:
        _too_small(p, pic.id, f"it has {rows} rows, its caption takes {len(caption)}"
                   + ("" if at_foot else " and the rule to the block below one"),
                   "a picture needs at least two rows of its own: give the block more rows")
    top = fmt.row_y(p.row) + fmt.pitch / 2
    bottom = fmt.row_y(p.row + frame_rows) - (fmt.pitch - fmt.body_size) / 2
    items: list = []
    if pic.file:
        items.append(Image(x, top, w, bottom - top, pic.file, pic.id))
    else:
        items.append(Box(x, top, w, bottom - top, 0.88, RULE_W, pic.id))
        items.append(Rule(x, top, x + w, bottom, 0.25, pic.id))
        items.append(Rule(x, bottom, x + w, top, 0.25, pic.id))
    for i, ln in enumerate(caption):
        base = band_baseline(fmt.row_y(p.row + frame_rows + i), fmt.pitch, fmt.body_size)
        items.append(TextLine(x, base, ln, "caption", pic.id))
    items += _separators(p, rows, at_foot, fmt, pic.id)
    return items
