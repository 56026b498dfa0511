"""What each page must show, from the input alone: the issue file (loaded and normalised as the
build does) and the page grid of its format. Never from the layout's placed items.

Place in the pipeline: the second step of `layout.preflight`, beside `pdfread`. Output per page:
the blocks (stories, groups, picture captions, the co-organiser box) with their rectangle and
column frames on the grid and the text they must draw, as segments with a role (headline,
body paragraph, byline …); and the pieces of the 报眉/报头 (docs/newspaper-conventions.md: paper
name, date, 版次, 版名; page 1 carries the 报头 with the 期号 and the paper's fixed facts).

Text is compared without white space: Latin word spaces and the 1-em space after the 电头 are
space, not glyphs, and a line break inside a headline is a break, not a character.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from layout.page.formats import Format, column_frames, place_rows, with_masthead
from layout.issue.model import Page, Place

WEEKDAYS = "一二三四五六日"


def squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@dataclass(frozen=True)
class Segment:
    role: str        # headline, kicker, subhead, body, byline, banner, title, credit, caption,
    #                  footer-title, footer-note, footer-name
    start: int       # offset in the block's text
    end: int


@dataclass(frozen=True)
class Block:
    owner: str
    rect: tuple[float, float, float, float]          # x0, top, x1, bottom (pt)
    frames: tuple[tuple[float, float], ...]          # (x, width) of its columns
    text: str
    segments: tuple[Segment, ...]

    def segment_at(self, pos: int) -> int:
        """Index of the segment holding text offset `pos` (segments are few: a linear scan)."""
        for k, s in enumerate(self.segments):
            if s.start <= pos < s.end:
                return k
        return -1


@dataclass(frozen=True)
class PageExpect:
    number: int
    name: str
    fmt: Format
    blocks: tuple[Block, ...]
    furniture: tuple[str, ...]     # pieces of the 报眉/报头, white space removed

    @property
    def type_area(self) -> tuple[float, float, float, float]:
        f = self.fmt
        return (f.margin_left, f.margin_top, f.margin_left + f.type_w, f.margin_top + f.type_h)

    @property
    def head_zone(self) -> tuple[float, float, float, float]:
        """The 报眉/报头 zone: across the type area, above the top rule (天线)."""
        x0, y0, x1, _ = self.type_area
        return (x0, y0, x1, self.fmt.grid_top)


def frames(fmt: Format, p: Place) -> tuple[tuple[float, float], ...]:
    """The block's columns, from the issue's place and the format's grid (page.formats)."""
    return column_frames(fmt, p)


def _rect(fmt: Format, p: Place) -> tuple[float, float, float, float]:
    rows = place_rows(fmt, p)
    x = fmt.col_x(p.col)
    return (x, fmt.row_y(p.row), x + fmt.span_w(p.span), fmt.row_y(p.row + rows))


def _block(owner: str, fmt: Format, place: Place, parts: list[tuple[str, str]]) -> Block:
    text, segs = [], []
    pos = 0
    for role, t in parts:
        t = squash(t)
        if t:
            text.append(t)
            segs.append(Segment(role, pos, pos + len(t)))
            pos += len(t)
    return Block(owner, _rect(fmt, place), frames(fmt, place), "".join(text), tuple(segs))


def _footer_place(page: Page, fmt: Format, taken: list[Place]) -> Place:
    """The box's place as given; by default the full width at the foot of the grid, below
    every other block (docs/issue-format.md, footer.place)."""
    if page.footer.place is not None:
        return page.footer.place
    above = [p.row + p.rows - 1 for p in taken if p.rows is not None]
    row = max(above, default=0) + 1
    return Place(1, fmt.columns, row, fmt.rows - row + 1, None, page.footer.where)


def date_pieces(d: dt.date) -> tuple[str, str]:
    return f"{d.year}年{d.month}月{d.day}日", f"星期{WEEKDAYS[d.weekday()]}"


def furniture(page: Page, issue) -> tuple[str, ...]:
    """The 报头 on page 1 (paper name and pinyin, date, 期号, 总第N期, 版次 and 版名, fixed
    facts, credits), the 报眉 on every other page (版名 and pinyin, paper name, 第N版, date,
    credits)."""
    paper, info = issue.paper, issue.issue
    items = [*date_pieces(info.date), f"第{page.number}版", page.name]
    if page.number == 1:
        items += [paper.name, paper.pinyin]
        items += [f"第{info.number}期" if info.number else "",
                  f"总第{info.total}期" if info.total else ""]
        items += [f"{k}：{v}" for k, v in paper.facts]
    else:
        items += [page.pinyin, paper.name]
    items += [f"{k}：{v}" for k, v in page.credits]
    return tuple(s for s in (squash(i) for i in items) if s)


def expect_page(page: Page, issue) -> PageExpect:
    fmt = with_masthead(page.format) if page.number == 1 else page.format
    blocks = []
    for s in page.stories:
        parts = [("kicker", s.kicker), ("headline", s.headline), ("subhead", s.subhead)]
        for k, para in enumerate(s.body):
            parts.append(("body", (s.dateline if k == 0 else "") + para.text))
        if s.byline:
            parts.append(("byline", f"（{s.byline}）"))
        blocks.append(_block(s.id, fmt, s.place, parts))
    for g in page.groups:
        parts = [("banner", g.banner), ("headline", g.headline)]
        for item in g.items:
            parts.append(("title", item.title))
            parts += [("body", p.text) for p in item.body]
        if g.credit:
            parts.append(("credit", f"（{g.credit}）"))
        blocks.append(_block(g.id, fmt, g.place, parts))
    for pic in page.pictures:
        blocks.append(_block(pic.id, fmt, pic.place, [("caption", pic.caption)]))
    if page.footer is not None:
        f = page.footer
        taken = [b.place for b in page.stories + page.groups + page.pictures]
        parts = [("footer-title", f.title)]
        if f.note:
            parts.append(("footer-note", f"（{f.note}）"))
        parts += [("footer-name", n) for n in f.names]
        blocks.append(_block("footer", fmt, _footer_place(page, fmt, taken), parts))
    return PageExpect(page.number, page.name, fmt, tuple(blocks), furniture(page, issue))
