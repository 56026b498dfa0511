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
from typing import NamedTuple

from layout.page.formats import Format, column_frames, place_rows, with_masthead
from layout.page.frames import inset_em, text_frames
from layout.page.ornament import is_image
from layout.page.words import plain
from layout.page.places import (footer_place, head_limits, incoming, jump_target,
                                resolve_foot, resolved_place)
from layout.preflight.tables import VERTICAL_QUOTES
from layout.issue.model import Page, Place

WEEKDAYS = "一二三四五六日"


def squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


class Segment(NamedTuple):
    role: str        # headline, kicker, subhead, body, byline, banner, title, credit, caption,
    #                  footer-title, footer-note, footer-name
    start: int       # offset in the block's text
    end: int


class Block(NamedTuple):
    owner: str
    rect: tuple[float, float, float, float]          # x0, top, x1, bottom (pt)
    frames: tuple[tuple[float, float], ...]          # (x, width) of its columns
    text: str
    segments: tuple[Segment, ...]
    more: tuple[tuple[float, float, float, float], ...] = ()   # a 通栏 heading's wider rect

    @property
    def rects(self) -> tuple[tuple[float, float, float, float], ...]:
        return (self.rect,) + self.more

    def segment_at(self, pos: int) -> int:
        """Index of the segment holding text offset `pos` (segments are few: a linear scan)."""
        for k, s in enumerate(self.segments):
            if s.start <= pos < s.end:
                return k
        return -1


class ArtExpect(NamedTuple):
    """A picture with a file, an ad or the 报头 logo the page must draw inside `rect`."""
    owner: str
    kind: str                                        # photo, ad or logo
    rect: tuple[float, float, float, float]          # x0, top, x1, bottom (pt)


class PageExpect(NamedTuple):
    number: int
    name: str
    fmt: Format
    blocks: tuple[Block, ...]
    furniture: tuple[str, ...]     # pieces of the 报眉/报头, white space removed
    art: tuple[ArtExpect, ...] = ()

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


# Display text, whose {braces} bind words and are not printed (page.words, docs/issue-format.md)
DISPLAY = frozenset({"kicker", "headline", "subhead", "title", "caption", "credit", "byline"})


def _block(owner: str, fmt: Format, place: Place, parts: list[tuple[str, str]],
           frames_=None) -> Block:
    text, segs = [], []
    pos = 0
    for role, t in parts:
        t = squash(plain(t) if role in DISPLAY else t)
        if t:
            text.append(t)
            segs.append(Segment(role, pos, pos + len(t)))
            pos += len(t)
    return Block(owner, _rect(fmt, place), frames_ or frames(fmt, place), "".join(text),
                 tuple(segs))


def _vertical(t: str) -> str:
    """A 竖题's text as it must read back: quotation marks set as corner brackets
    (GB/T 15834—2011 §5.2.3; fidelity reads each vertical form as its mark)."""
    return "".join(VERTICAL_QUOTES.get(c, c) for c in t)


def _text_frames(fmt: Format, p: Place, tint: int, frame: str, side: str = ""):
    """The text columns of a block (page.frames, the same grid arithmetic): inset for a tint
    or frame, without the column a 竖题 takes."""
    if side:
        p = p._replace(col=p.col + (side == "left"), span=p.span - 1,
                       split=None if p.split in (None, p.span) else p.split)
    return text_frames(fmt, p, inset_em(tint, frame, fmt.em))


def _story_head(s) -> list[tuple[str, str]]:
    conv = _vertical if s.vertical else (lambda t: t)
    parts = [] if not s.ornament or is_image(s.ornament) else [("ornament", s.ornament)]
    return [("kicker", conv(s.kicker))] + parts + [("headline", conv(s.headline)),
                                                   ("subhead", conv(s.subhead))]


def _story_body(s) -> list[tuple[str, str]]:
    parts = [("body", (s.dateline if k == 0 else "") + p.text) for k, p in enumerate(s.body)]
    return parts + ([("byline", f"（{s.byline}）")] if s.byline else [])


def _cut(parts: list[tuple[str, str]], k: int | None, first: bool) -> list[tuple[str, str]]:
    """The body parts before (first) or from (not first) squashed character k; None: all
    before (the cut is not known yet: jump_cut finds it)."""
    if k is None:
        return parts if first else []
    out, pos = [], 0
    for role, t in parts:
        t = squash(t)
        a, b = pos, pos + len(t)
        piece = t[:max(0, k - a)] if first else t[max(0, k - a):]
        if piece:
            out.append((role, piece))
        pos = b
    return out


def _story_blocks(page: Page, issue, fmt: Format, cuts: dict, arriving) -> list[Block]:
    out = []
    free = head_limits(page, fmt)
    for s in page.stories:
        body = _story_body(s)
        if s.continued is not None:
            target = jump_target(issue.pages, s.continued.page)
            body = _cut(body, cuts.get(s.id), True) + [("jump", f"（下转第{target.number}版）")]
        b = _block(s.id, fmt, s.place, _story_head(s) + body,
                   _text_frames(fmt, s.place, s.tint, s.frame, s.vertical))
        if s.head_span is not None and s.id in free:
            c0 = s.head_col or s.place.col
            x = fmt.col_x(c0)
            b = b._replace(more=((x, fmt.row_y(s.place.row), x + fmt.span_w(s.head_span),
                                  fmt.row_y(free[s.id])),))
        out.append(b)
    for s, src in arriving:
        p = resolved_place(s.continued.place, page, fmt)
        parts = [("headline", s.headline), ("jump", f"（上接第{src.number}版）")]
        out.append(_block(s.id, fmt, p, parts + _cut(_story_body(s), cuts.get(s.id, 0), False)))
    return out


def date_pieces(d: dt.date) -> tuple[str, str]:
    return f"{d.year}年{d.month}月{d.day}日", f"星期{WEEKDAYS[d.weekday()]}"


def furniture(page: Page, issue) -> tuple[str, ...]:
    """The 报头 on page 1 (paper name and pinyin, date, 期号, 总第N期, 版次 and 版名, fixed
    facts, credits), the 报眉 on every other page (版名 and pinyin, paper name, 第N版, date,
    credits)."""
    paper, info = issue.paper, issue.issue
    items = [*date_pieces(info.date), f"第{page.number}版", page.name]
    if page.number == 1:     # with a logo the paper's name is its art, not type
        items += [paper.name if getattr(paper, "logo", None) is None else "", paper.pinyin]
        items += [f"第{info.number}期" if info.number else "",
                  f"总第{info.total}期" if info.total else ""]
        items += [f"{k}：{v}" for k, v in paper.facts]
    else:
        items += [page.pinyin, paper.name]
    items += [f"{k}：{v}" for k, v in page.credits]
    return tuple(s for s in (squash(i) for i in items) if s)


def expect_page(page: Page, issue, cuts: dict | None = None) -> PageExpect:
    """`cuts`: per story that jumps (转版), how many characters of its body (paragraphs and
    byline, white space dropped) its first page draws (fidelity.jump_cut); a story not in it
    is expected whole on its first page and from its start on the continuation."""
    fmt = with_masthead(page.format) if page.number == 1 else page.format
    # The places as the issue defines them (docs/issue-format.md, place): `rows: foot` runs a
    # block down to the co-organiser box in its default place, and that box is as deep as its
    # names need — the grid's rules for the input (page.places), not decisions of the layout.
    arriving = incoming(issue.pages, page)      # 转版: matched by the page itself
    page = resolve_foot(page, fmt)
    # a story's own picture lies inside the story's rectangle: its block comes first, so its
    # caption is read as the picture's (fidelity takes the first rectangle holding a glyph)
    owned = {s.picture for s in page.stories if getattr(s, "picture", "")}
    blocks = [_block(pic.id, fmt, pic.place, [("caption", pic.caption),
                                              ("credit", getattr(pic, "credit", ""))])
              for pic in page.pictures if pic.id in owned]
    blocks += _story_blocks(page, issue, fmt, cuts or {}, arriving)
    for g in page.groups:
        orn = [] if not g.ornament or is_image(g.ornament) else [("ornament", g.ornament)]
        parts = orn + [("banner", g.banner), ("headline", g.headline)]
        for item in g.items:
            parts.append(("title", item.title))
            parts += [("body", p.text) for p in item.body]
        if g.credit:
            parts.append(("credit", f"（{g.credit}）"))
        blocks.append(_block(g.id, fmt, g.place, parts,
                             _text_frames(fmt, g.place, g.tint, g.frame)))
    art = []
    for b in page.stories + page.groups:        # a 题花 image: the block's own art
        if b.ornament and is_image(b.ornament):
            rect = next((k.rect for k in blocks if k.owner == b.id), _rect(fmt, b.place))
            art.append(ArtExpect(b.id, "ornament", rect))
    for pic in page.pictures:
        if pic.id not in owned:
            blocks.append(_block(pic.id, fmt, pic.place, [("caption", pic.caption),
                                                          ("credit", getattr(pic, "credit", ""))]))
        if getattr(pic, "source", None) is not None:
            art.append(ArtExpect(pic.id, "photo", _rect(fmt, pic.place)))
    style = getattr(issue, "style", None)
    label = getattr(style, "ad_mark", "none") in ("label", "both")
    for ad in getattr(page, "ads", ()):
        # the house's 广告 label is the ad block's only text (page.ads)
        blocks.append(_block(ad.id, fmt, ad.place, [("ad-label", "广告" if label else "")]))
        art.append(ArtExpect(ad.id, "ad", _rect(fmt, ad.place)))
    if page.number == 1 and getattr(issue.paper, "logo", None) is not None:
        x0, x1 = fmt.margin_left, fmt.margin_left + fmt.type_w
        art.append(ArtExpect("page", "logo", (x0, fmt.margin_top, x1, fmt.grid_top)))
    if page.footer is not None:
        f = page.footer
        parts = [("footer-title", f.title)]
        if f.note:
            parts.append(("footer-note", f"（{f.note}）"))
        parts += [("footer-name", n) for n in f.names]
        blocks.append(_block("footer", fmt, footer_place(page, fmt), parts))
    return PageExpect(page.number, page.name, fmt, tuple(blocks), furniture(page, issue),
                      tuple(art))
