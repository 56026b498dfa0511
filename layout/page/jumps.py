"""转版: a story whose text goes on from its block on one page to a block on a later page.

The first block is filled to its last row: its text ends at a line, followed by （下转第N版）
on a line of its own, end-aligned; the rest of the text — from that line on, the paragraph in
progress going on without an indent — is composed at the measure of the continuation block
on page N, under a 接题 (the headline again, `style: jump_steps` 号 steps smaller, house
style) and （上接第M版）, start-aligned on the first line. N and M are the pages' numbers when
the issue is laid out, so they follow a renumbering; `continued: {page: …}` names the page by
its 版名 (or number). Flow rules at the cut: a 小标题 never ends the first part (背题), and at
least one line always goes on (a story that fits needs no jump; its continuation would be an
empty block — `layout fit` shows it).
"""
from __future__ import annotations

from typing import NamedTuple

from layout.compose import Run, compose_paragraph
from layout.page import style
from layout.page.blocks import (Ctx, _body, _heading, body_area, heading_area, story_frame)
from layout.page.flow import FlowLine
from layout.page.formats import HAO_PT
from layout.issue.model import Story

JUMP_STYLE = style.BYLINE           # 楷 at body size, as the 署名 (house style)


class Source(NamedTuple):
    runs: tuple[Run, ...]
    settings: object                # compose.Settings
    kind: str                       # body, byline


class Cut(NamedTuple):
    """Where the first part ends: the source (paragraph) and character offset in its runs'
    text of the first line that goes on."""
    source: int
    offset: int


def sources(story: Story, ctx: Ctx) -> list[Source]:
    """The story's paragraphs and byline as the composer gets them (blocks.compose_body,
    blocks._end_lines)."""
    out = [Source(style.paragraph_runs(para, story.dateline if k == 0 else ""), ctx.settings(),
                  "body") for k, para in enumerate(story.body)]
    if story.byline:
        out.append(Source((style.run(f"（{story.byline}）", style.BYLINE),),
                          ctx.settings("end", indent=0), "byline"))
    return out


def flow_of(srcs: list[Source], measure: float, ctx: Ctx, going_on: bool = False):
    """Composed flow lines and, per line, where it starts (source, offset). `going_on`: the
    first source is a paragraph continued from another page (no first-line flags)."""
    lines: list[FlowLine] = []
    starts: list[Cut] = []
    for i, src in enumerate(srcs):
        composed = compose_paragraph(src.runs, measure, ctx.metrics, src.settings)
        text, pos = "".join(r.text for r in src.runs), 0
        for j, ln in enumerate(composed):
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if ln.text and not text.startswith(ln.text, pos):
                found = text.find(ln.text, pos)
                pos = found if found >= 0 else pos
            starts.append(Cut(i, pos))
            pos += len(ln.text)
            lines.append(FlowLine(ln, src.kind, para_first=(j == 0 and not (going_on and i == 0)),
                                  para_last=(j == len(composed) - 1)))
    return lines, starts


def _cut_at(flow: list[FlowLine], room: int) -> int:
    """How many lines the first part keeps: what fits, never ending on a 小标题, and at
    least one line going on."""
    k = max(0, min(room, len(flow) - 1))
    while k > 0 and flow[k - 1].keep_with_next:
        k -= 1
    return k


def jump_lines(text: str, measure: float, ctx: Ctx, align: str) -> list[FlowLine]:
    lines = compose_paragraph((style.run(text, JUMP_STYLE),), measure, ctx.metrics,
                              ctx.settings(align, indent=0))
    return [FlowLine(ln, "jump", para_first=(i == 0), para_last=(i == len(lines) - 1))
            for i, ln in enumerate(lines)]


def _plan(story: Story, ctx: Ctx, to_page: int):
    items, head_rows, dress = story_frame(story, ctx)
    b = body_area(story.place, head_rows, ctx, story.id, dress)
    measure = b.frames[0][1]
    srcs = sources(story, ctx)
    flow, starts = flow_of(srcs, measure, ctx)
    out = jump_lines(f"（下转第{to_page}版）", measure, ctx, "end")
    k = _cut_at(flow, b.capacity * len(b.frames) - len(out))
    return items, head_rows, dress, flow[:k] + out, (srcs, starts[k] if k < len(starts) else None)


def first_part(story: Story, ctx: Ctx, to_page: int):
    """The story's own block: filled, ending with （下转第N版）."""
    items, head_rows, dress, flow, _ = _plan(story, ctx, to_page)
    body_items, fit = _body(flow, story.place, head_rows, ctx, story.id, dress)
    return items + body_items, fit


def _rest(srcs: list[Source], cut: Cut) -> list[Source]:
    src = srcs[cut.source]
    runs, pos = [], 0
    for r in src.runs:
        end = pos + len(r.text)
        if end > cut.offset:
            runs.append(r._replace(text=r.text[max(0, cut.offset - pos):]))
        pos = end
    going_on = src._replace(runs=tuple(runs), settings=src.settings._replace(indent=0.0))
    return [going_on] + srcs[cut.source + 1:]


def jump_size(story: Story, steps: int) -> float:
    """The 接题's size: the first part's headline size, `steps` 号 steps down the ladder
    (docs/typesetting-rules.md §6), not below 五号 (10.5 pt)."""
    size = style.headline_style(story.head_span or story.place.span, story.headline_size).size
    ladder = sorted({float(v) for v in HAO_PT.values() if v >= 10.5}, reverse=True)
    k = next((i for i, v in enumerate(ladder) if v <= size), len(ladder) - 1)
    return ladder[min(len(ladder) - 1, k + steps)]


def continuation(story: Story, first: tuple[Ctx, int], ctx: Ctx, from_page: int):
    """The continuation block on page N: the 接题, （上接第M版）, the rest of the text.
    `first`: the first page's Ctx and this page's number (what its 下转 line says)."""
    src_ctx, to_page = first
    *_, (srcs, cut) = _plan(story, src_ctx, to_page)
    p = story.continued.place
    head = style.TextStyle("song-heavy", jump_size(story, ctx.jump_steps))
    area = heading_area(story._replace(place=p, head_span=None, tint=0, frame=""), ctx.fmt)
    items, head_rows = _heading([("headline", story.headline, head)], area, p.row, ctx,
                                story.id)
    b = body_area(p, head_rows, ctx, story.id, (0, "", None))
    measure = b.frames[0][1]
    flow = jump_lines(f"（上接第{from_page}版）", measure, ctx, "start")
    if cut is not None:
        flow += flow_of(_rest(srcs, cut), measure, ctx, going_on=True)[0]
    body_items, fit = _body(flow, p, head_rows, ctx, story.id)
    return items + body_items, fit
