"""What each block to be arranged needs, measured: its candidate shapes on the grid.

A shape is a rectangle of whole columns × whole rows (a modular page: every story, group and
picture a rectangle; docs/newspaper-conventions.md#composing-a-page). For a story the copy is
composed once at the basic column measure (its line count does not depend on the span), then
for every span the composer may give it, every headline size step it may take and every size
of its own picture, the depth that holds the copy exactly is found by flowing the lines
(page.flow.balance: the real flow, with its 背题 and widow rules), and a few depths around it
are kept with what they cost: empty lines, lines over. The same for a group (专栏) and for a
picture of its own (a size that keeps the photo's proportions within the crop allowed).

In: the page's blocks without a fixed place, the grid, the metrics. Out: `Block` values with
their `Alt` shapes, for the search (arrange.search).
"""
from __future__ import annotations

import math
from typing import NamedTuple

from layout.arrange.score import Placed
from layout.errors import InputError
from layout.issue.model import COMPOSER_DRESS, Group, Picture, Place, Story
from layout.page import blocks, copyfit, pictures, vertical
from layout.page.blocks import EM_TOP
from layout.page.formats import Format
from layout.page.items import TextLine
from layout.page.style import headline_style

# Headline size steps (号): 一号 26, 二号 22, 小二 18, 三号 16, 小三 15 pt
# (docs/typesetting-rules.md §6); the composer may set a story one step below its default.
SIZE_STEPS = (26.0, 22.0, 18.0, 16.0, 15.0)


class Need(NamedTuple):
    """How a shape fits: body lines held and used, lines over, and how it was set."""
    held: int
    used: int
    over: int
    size: float = 0.0                          # headline size (stories), 0 otherwise
    picture: tuple[int, int] | None = None     # the story's picture: (span, rows)
    step: int = 0                              # headline size steps below its default
    air: int = 0                               # rows added to the heading (page.copyfit)
    widows: int = 0                            # widows the flow could not avoid
    split: int | None = None                   # 破栏: the span set in this many columns
    top: bool = False                          # the picture above the heading, full width
    vertical: bool = False                     # the headline set as a 竖题 by the composer
    boxed: bool = False                        # the story framed by the composer (加框)
    pic_row: int = 0                           # rows from the block's top to its picture's
    rough: bool = False                        # counted, not flowed (far from the exact fit)
    photo: float = 0.0                         # its picture's frame as drawn (pt²)
    head_at: float = 0.0                       # rows from the block's top (under a picture
                                               # set above the heading) to the heading's
                                               # first line as drawn, its air included

    @property
    def spare(self) -> int:
        return max(0, self.held - self.used)


class Alt(NamedTuple):
    """One candidate shape of a block: `span` columns × `depth` rows. `mid` is how it fits
    with a block below it (its last row given to the rule between them), `foot` how it fits
    when its last row is the grid's last (no rule: one body row more)."""
    span: int
    depth: int
    mid: Need | None
    foot: Need | None


class Block(NamedTuple):
    id: str
    kind: str                  # story | group | picture
    order: int                 # 0 = the lead (rank), then by rank and file order
    alts: tuple[Alt, ...]
    chars: int                 # characters of copy, for the cut/add report
    line_chars: int            # characters a full line holds


class Limits(NamedTuple):
    """How far around the exact fit the search may go (rows; the second pass widens them
    when the page has too little or too much copy for any exact tiling)."""
    over_rows: int = 1
    spare_rows: int = 2
    crop: float = 0.25          # a photo may lose at most this share of a side to cropping
    split: bool = False         # 破栏 offered (arrange.result: when the page does not fill)


def column_measure(fmt: Format) -> float:
    return fmt.column_w


def story_block(story: Story, order: int, pic: Picture | None, grid, cap: float = 0.0) -> Block:
    """The shapes of a story: every span × headline size × picture size × depth; `cap`: the
    largest headline size it may take (none above a smaller headline over it)."""
    ctx, limits = grid
    fmt = ctx.fmt
    first = blocks.story_pieces(story, fmt.column_w, ctx)
    lines = sum(len(pc.lines) for pc in first)
    # the copy set once per measure (the body's pieces do not depend on the heading or dress)
    shapes, memo, bodies = _Shapes(ctx), {}, {fmt.column_w: first}
    for span in spans(story, lines, fmt):
        # the picture's sizes and frames, for every headline size and 破栏 of the span
        framed = _framed(pic, span, ctx, limits) if pic else [(None, 0.0)]
        above = [] if pic is None or story.tint or story.frame or story.vertical else [
            pv for pv in framed if pv[0][0] == span]
        options = sizes(story, span, cap, lead=order == 0)
        for split in splits(story, span, pic, limits):
            shs = [(step, size, blocks.shape_at(story, span, ctx, size, split))
                   for step, size in options]
            won = _sizes_won(story, shs, (ctx, limits, memo, bodies), (framed, above)) \
                if pic else {}
            for step, size, sh in shs:
                pieces = _pieces(story, sh.frames[0][1], (ctx, bodies))
                how = _How(size, None, step, split, head_top(story, (span, size, split), ctx),
                           AIR_SHARE)
                if pic is None:
                    shapes.offer(sh, _fits((pieces, ctx, memo), sh, None, limits), how)
                else:
                    _offer_won(shapes, sh, won[sh.frames][0], how)
                    shapes.on_top(sh, won[sh.frames][1], how)
        for dress in _dresses(story, span, order, pic):
            _dressed(story, span, (ctx, bodies), (limits, dress), shapes)
    return Block(story.id, "story", order, shapes.alts(), _chars(pieces), fmt.column_chars)


def frame_area(pic: Picture, size: tuple[int, int], ctx) -> float:
    """The area (pt²) of a picture's frame set `size` = (span, rows) — the rows less its
    caption's and the row of air under it (picture_sizes), framed as page.pictures.frame_box
    draws it: what a reader compares when a lower photo looks larger than an upper one (two
    pictures of one span × rows differ by their captions)."""
    return _area(size, blocks.caption_lines(pic, size[0], ctx), ctx.fmt)


def _area(size: tuple[int, int], caption: int, fmt: Format) -> float:
    """frame_area of a picture whose caption takes `caption` rows at its span."""
    span, rows = size
    _, _, w, h = pictures.frame_box(pictures.Area(0.0, fmt.span_w(span), 1, rows - 1),
                                    rows - caption - 1, fmt)
    return w * max(0.0, h)


def _framed(pic: Picture, span: int, ctx, limits: Limits) -> list[tuple[tuple[int, int], float]]:
    """Each size of the picture in a block `span` wide (picture_sizes) with its frame's area
    (frame_area), the caption set once per width (it was set again for every size: a
    twentieth of measuring a story with its picture)."""
    return [((p, rows), _area((p, rows), cap, ctx.fmt))
            for p, rows, cap in _sizes(pic, span, ctx, limits)]


def placed(b: Block, need: Need, at: tuple[int, int, int, int]) -> Placed:
    """The block as the score sees it with the shape `need` at (row, col, span, depth)."""
    row, col, span, depth = at
    head = (need.picture[1] if need.picture and need.top else 0) + need.head_at
    return Placed(b.order, b.kind, row, col, span, depth, need.size, need.photo, head=head,
                  vertical=need.vertical, photo_at=need.pic_row, boxed=need.boxed)


# -- 竖题 and 加框 as levers -----------------------------------------------------------------
TURN_SPANS = (2, 3)      # a 竖题 strip beside one or two text columns (house style: wider
                         # stories keep a horizontal headline, the strip would look thin)
TURN_CHARS = 14          # characters of a headline the composer may turn (two columns of 7)
BOX_SPANS = (2, 3, 4)    # a framed story: a side story, never wider than half a broadsheet


def _dresses(story: Story, span: int, order: int, pic) -> list[str]:
    """How the composer may dress a story to keep its headline off the level of the one
    beside it (docs/newspaper-conventions.md#composing-a-page, no 碰题: "a photo, a different
    depth or a box"): a 竖题 ("vertical") for a short plain headline, a frame ("frame") for
    a story whose heading has no look of its own (a kicker or a subhead goes inside the box
    with it, as on any framed story). Not the lead (its headline leads the page), not a
    story with its own picture or a dress the editor chose; a narrow block only."""
    if order == 0 or pic is not None:
        return []
    dressed = (story.vertical or story.tint or story.frame or story.head_span is not None
               or story.ornament or story.reverse or story.continued)
    plain = not (dressed or story.headline_size or story.kicker or story.subhead)
    short = len(story.headline.replace("\n", "")) <= TURN_CHARS
    return ((["vertical"] if plain and short and span in TURN_SPANS else [])
            + (["frame"] if not dressed and span in BOX_SPANS else []))


def _sizes_won(story: Story, shs: list, how: tuple, sizes_: tuple) -> dict:
    """For the shapes `shs` ((step, size, blocks.Shape) of one span and 破栏), by their text
    columns, the picture sizes that can be kept, found once for every headline size, not
    once for each (on generated broadsheets, of ~80,000 shapes offered a page, 38,000 were of
    pictures inside their stories and 30,000 on top of them): a shape is kept by a key
    without its picture's size (_Shapes), and which size fits a depth best does not depend
    on the headline. `sizes_`: the picture's sizes inside the story and on top of it, with
    their areas; `how`: the Ctx, the Limits, the fits' memo and the pieces by measure
    (_pieces). Per text columns: (per body rows, the first of the sizes inside whose body
    fits best in them — fewest lines over, then spare — as (fit, rank, (picture, area));
    _on_top's marks)."""
    ctx, limits, memo, bodies = how
    framed, above = sizes_
    won: dict = {}
    for _, _, sh in sorted(shs, key=lambda s: s[2].head):
        if sh.frames in won:
            continue
        # the shallowest heading first: its body may go deepest (every other size's rows
        # are among its: a size keeps those its grid allows)
        copy = (_pieces(story, sh.frames[0][1], (ctx, bodies)), ctx, memo)
        best: dict = {}
        for pv, area in framed:
            for b, fit, rank in _fits(copy, sh, pv, limits):
                old = best.get(b)
                if old is None or rank < old[1]:
                    best[b] = (fit, rank, (pv, area))
        won[sh.frames] = (best, _on_top(_fits(copy, sh, None, limits), above) if above
                          else {})
    return won


def _on_top(fits: list, above: list) -> dict:
    """The story's shapes with its picture on top (_Shapes.on_top) as they would be kept:
    per body and picture rows together, the marks (body rows, fit, rank, (picture, area))
    where the first best of the pairs, offered by rising body rows then by the sizes
    `above`, changes — the one kept under a heading that lets the body go b rows deep is the
    last mark at or above b. `fits`: the story's body without a picture (_fits)."""
    marks: dict = {}
    for b, fit, rank in fits:
        for pv, area in above:
            got = marks.setdefault(b + pv[1], [])
            if not got or rank < got[-1][2]:
                got.append((b, fit, rank, (pv, area)))
    return marks


def _offer_won(shapes: "_Shapes", sh, won: dict, how: _How) -> None:
    """The shapes `sh` with the picture sizes that won their body rows (_sizes_won), as deep
    as the grid allows under its heading."""
    deepest = shapes.ctx.fmt.rows - sh.head
    by_size: dict = {}
    for b, (fit, rank, pv) in won.items():
        if b <= deepest:
            by_size.setdefault(pv, []).append((b, fit, rank))
    for (pv, area), fits in by_size.items():
        shapes.offer(sh, fits, how._replace(picture=pv, photo=area))


def _pieces(story: Story, measure: float, copy: tuple) -> list:
    """The story's copy at `measure` (blocks.story_pieces), set once per measure: `copy` is
    the Ctx and the pieces set so far by measure."""
    ctx, bodies = copy
    if measure not in bodies:
        bodies[measure] = blocks.story_pieces(story, measure, ctx)
    return bodies[measure]


def _dressed(story: Story, span: int, copy: tuple, how: tuple, shapes: "_Shapes") -> None:
    """The story's shapes dressed as `how` says ((Limits, "vertical" | "frame")), offered to
    `shapes`: with its headline as a 竖题 at the right of the text (a depth at least as tall
    as the strip needs to set it in at most two columns), or in a thin frame (its text inset
    inside it). `copy`: the Ctx and the story's pieces by measure (_pieces)."""
    limits, dress = how
    ctx = copy[0]
    turn = dress == "vertical"
    dressed = worn(story, turn, not turn)
    sh = blocks.shape_at(dressed, span, ctx)
    pieces = _pieces(story, sh.frames[0][1], copy)
    size = story.headline_size or headline_style(span, None).size
    least = _strip_rows(dressed, span, ctx) if turn else 0
    shapes.offer(sh, _fits((pieces, ctx, {}), sh, None, limits),
                 _How(size, None, 0, None, 0.0, 0.0, vertical=turn, boxed=not turn), least)


def head_top(story: Story, shape: tuple, ctx) -> float:
    """Rows from a horizontal heading's zone top to its first line as drawn with no air
    (page.blocks.story_heading: the lines are centred in their rows, so a one-line headline
    in a deep zone stands lower than two lines in a shallow one; each row of air lowers it
    half a row, `_need`). 碰题 is about headlines as the reader sees them: two blocks
    starting two rows apart can have level headlines (tests/kit/pagerules measures the
    drawn tops, within one row)."""
    span, size, split = shape
    if story.vertical:
        return 0.0
    fmt = ctx.fmt
    probe = story._replace(place=Place(1, span, 1, fmt.rows, split, story.where),
                           **({"headline_size": size} if size else {}))
    return _first_line(blocks.story_heading(probe, ctx)[0], fmt)


AIR_SHARE = 0.5     # a row of air lowers a story's heading lines half a row (centred)


def banner_top(group: Group, span: int, ctx) -> float | None:
    """Rows from a 专栏's top to its banner's line as drawn (head_top); None when the
    banner does not fit on one line across `span` columns (the page would refuse the
    block: no shape of that span is offered)."""
    fmt = ctx.fmt
    probe = group._replace(place=Place(1, span, 1, fmt.rows, None, group.where))
    try:
        return _first_line(blocks.group_banner(probe, ctx), fmt)
    except InputError:
        return None


def _first_line(items: list, fmt: Format) -> float:
    tops = [it.baseline - EM_TOP * max(g.size for g in it.line.glyphs) for it in items
            if isinstance(it, TextLine) and it.line.glyphs]
    return (min(tops) - fmt.row_y(1)) / fmt.pitch if tops else 0.0


def worn(block, vertical: bool, boxed: bool):
    """The story as the composer dresses it: its headline a 竖题 at the right of the text,
    or the story in the composer's frame (what it has of its own, kept otherwise)."""
    return block._replace(**(COMPOSER_DRESS["vertical"] if vertical else {}),
                          **(COMPOSER_DRESS["frame"] if boxed else {}))


def _strip_rows(story: Story, span: int, ctx) -> int:
    """The fewest text rows whose height holds the 竖题 (page.vertical.choose)."""
    fmt = ctx.fmt
    parts = [(k, t) for k, t, _ in blocks.story_parts(story, span=span)]
    width = fmt.column_w - fmt.em
    for rows in range(3, fmt.rows + 1):
        height = (rows - 1) * fmt.pitch + fmt.body_size
        if vertical.choose(parts, ctx.metrics, height, width, (None, ctx.upright)):
            return rows
    return fmt.rows + 1


def group_block(group: Group, order: int, grid) -> Block:
    ctx, limits = grid
    fmt = ctx.fmt
    lines = sum(len(pc.lines) for pc in blocks.group_pieces(group, fmt.column_w, ctx))
    shapes = _Shapes(ctx)
    for span in range(1, fmt.columns + 1):
        if not _reasonable(lines, span, fmt):
            continue
        sh = blocks.shape_at(group, span, ctx)
        pieces = blocks.group_pieces(group, sh.frames[0][1], ctx)
        top = banner_top(group, span, ctx)
        if top is None:
            continue
        # the banner stays at the group's top: its air goes under it, to the group headline
        shapes.offer(sh, _fits((pieces, ctx, {}), sh, None, limits),
                     _How(0.0, None, 0, None, top, 0.0))
    return Block(group.id, "group", order, shapes.alts(), _chars(pieces), fmt.column_chars)


def _chars(pieces) -> int:
    return sum(len(ln.text) for pc in pieces for ln in pc.lines)


def picture_block(pic: Picture, order: int, grid) -> Block:
    """A picture of its own: every span from 2 columns, the rows its proportions give."""
    ctx, limits = grid
    alts = []
    for span in range(min(2, ctx.fmt.columns), ctx.fmt.columns + 1):
        for (span_p, rows), area in _framed(pic, span, ctx, limits):
            if span_p != span:
                continue
            need = Need(0, 0, 0, 0.0, (span, rows), photo=area)
            alts.append(Alt(span, rows, need, None))           # the rule row below it
            alts.append(Alt(span, rows - 1, None, need))       # at the foot: no rule row
    return Block(pic.id, "picture", order, _merge(alts), 0, 0)


# -- spans, sizes, pictures ---------------------------------------------------------------
def spans(story: Story, lines: int, fmt: Format) -> list[int]:
    lo, hi = story.span
    # a 竖题 takes a column of its own: two at least (page.places refuses one)
    lo, hi = max(lo or 1, 2 if story.vertical else 1), hi or fmt.columns
    out = [s for s in range(lo, hi + 1) if _reasonable(lines, s, fmt)]
    return out or [min(max(lo, 1), hi)]


MIN_COLUMN_LINES = 5       # house style: fewer lines a column read as a fragment
MAX_COLUMN_SHARE = 0.6     # house style: a column of text deeper than 60 % of the grid


def _reasonable(lines: int, span: int, fmt: Format) -> bool:
    """A story's columns hold between 5 lines and 60 % of the grid's depth each (house
    style): a column of 3 lines under a headline, or a strip running the page's whole depth,
    reads badly; the composer does not offer those shapes (span limits can still force
    them, and a story too short for two columns of 5 is set in one)."""
    per = lines / span
    return (per >= MIN_COLUMN_LINES or span == 1) and per <= fmt.rows * MAX_COLUMN_SHARE


def splits(story: Story, span: int, pic: Picture | None,
           limits: Limits = Limits(split=True)) -> tuple[int | None, ...]:
    """The columns a span may be set in: its own, or one fewer and wider (破栏: 三破二,
    四破三 …, a copyfit lever — wider columns break the paragraphs elsewhere, so the story
    takes a line or two more or fewer — and a change of texture editors use for a feature;
    docs/newspaper-conventions.md#copyfitting). Not for spans under 3 (two grid columns
    as one line of 25 characters read as a column too wide for a news story), nor for a
    story with its own picture (the picture's columns are the grid's); and only when
    `limits` offer it (the composer reaches for 破栏 when the page does not fill without it,
    as editors do: arrange.result)."""
    if span < 3 or pic is not None or not limits.split:
        return (None,)
    return (None, span - 1)


def sizes(story: Story, span: int, cap: float = 0.0, lead: bool = False) -> list[tuple[int, float]]:
    """(steps below the default, size) of the headline sizes the composer may give: the
    story's own when it sets one, else the default for the span (page.style.headline_style)
    and one step below it — or, under a `cap` (a smaller headline above it), the largest
    step within the cap and the one below. The lead (头条) may also take one step above the
    default (step −1): its headline is the page's largest (docs/newspaper-conventions.md
    #composing-a-page), and a lead level with another story's headline must not match its
    size (碰题 is worst with equal sizes)."""
    if story.headline_size:
        return [(0, story.headline_size)]
    size = headline_style(span, None).size
    if lead and not cap:
        bigger = [s for s in SIZE_STEPS if s > size]
        if bigger:
            below = [(1, _below(size))] if _below(size) < size else []
            return [(-1, bigger[-1]), (0, size)] + below
    ladder = [s for s in SIZE_STEPS if s <= size]
    first = next((k for k, s in enumerate(ladder) if not cap or s <= cap), len(ladder) - 1)
    return [(k, ladder[k]) for k in range(first, min(first + 2, len(ladder)))]


def _below(size: float) -> float:
    return next((s for s in SIZE_STEPS if s < size), size)


def picture_sizes(pic: Picture, span: int, ctx, limits: Limits) -> list[tuple[int, int]]:
    """(span, rows) of a picture in a block `span` columns wide: its own span (the full
    width, or one column less beside the text) and the rows — frame, caption and the row of
    air under them — that keep a photo's proportions within the allowed crop, or, for a
    placeholder frame, a landscape frame between 4:3 and 16:9 (house style)."""
    return [(p, rows) for p, rows, _ in _sizes(pic, span, ctx, limits)]


def _sizes(pic: Picture, span: int, ctx, limits: Limits) -> list[tuple[int, int, int]]:
    """picture_sizes, each with the rows its caption takes."""
    fmt = ctx.fmt
    out = []
    for p in sorted({span, max(1, span - 1)}, reverse=True):
        if p < 2 and span > 1:
            continue
        cap = blocks.caption_lines(pic, p, ctx)
        w = fmt.span_w(p)
        for frame in _frame_rows(pic, w, fmt, limits):
            out.append((p, frame + cap + 1, cap))
    return out


def _frame_rows(pic: Picture, w: float, fmt: Format, limits: Limits) -> list[int]:
    photo = pic.source is not None and pic.source.height > 0
    ratios = (pic.source.width / pic.source.height,) if photo else (4 / 3, 3 / 2, 16 / 9)
    rows = set()
    for r in ratios:
        h = w / r
        lo, hi = h * (1 - limits.crop), h / (1 - limits.crop) if photo else h
        for n in range(max(2, math.floor(lo / fmt.pitch)), math.ceil(hi / fmt.pitch) + 1):
            if lo <= n * fmt.pitch <= hi or not photo:
                rows.add(n)
    return sorted(rows)


# -- depths -------------------------------------------------------------------------------
class _How(NamedTuple):
    """How a shape is set, all of its Need but the body's fit: the headline size, the
    story's picture ((span, rows) or None), size steps, 破栏, the heading's drawn top
    (head_top) and the share of a row it moves down per row of air, the picture's frame
    area, and whether the picture stands on top, the headline is a 竖题, the story framed."""
    size: float
    picture: tuple[int, int] | None
    step: int
    split: int | None
    top_at: float
    share: float
    photo: float = 0.0
    top: bool = False
    vertical: bool = False
    boxed: bool = False


def _need(fit: tuple, how: _How, head: int) -> Need:
    """The Need of a shape whose body (under `head` rows) fits as `fit` says (_body_need)."""
    held, used, over, air, widows, rough = fit
    inside = how.picture is not None and not how.top
    return Need(held, used, over, how.size, how.picture, how.step, air, widows, how.split,
                how.top, how.vertical, how.boxed, head + air if inside else 0, rough,
                how.photo, how.top_at + air * how.share)


class _Shapes:
    """A block's shapes as they are measured, one per (span, depth, headline size, 破栏,
    picture on top, 竖题, frame) with its best fit as a block with another below it (`mid`:
    its last row given to the rule between them) and at the grid's foot (`foot`): the first
    offered of the fewest lines over, then the fewest spare. A Need is built for those only
    (generated broadsheet 12, three stories with pictures: 207,640 shapes offered, 7,004
    kept — the picture sizes give the same depths; building and merging them all was a
    third of its measuring)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.slots: tuple[dict, dict] = ({}, {})    # mid, foot: key -> (rank, (fit, (how,
                                                    # head rows)))

    def offer(self, sh, fits: list, how: _How, least: int = 0) -> None:
        """The shapes `sh` (blocks.Shape) set as `how` with the body fits `fits` ((rows,
        fit, rank): _fits), at least `least` rows above the rule or foot."""
        span, entry = _block_span(sh, self.ctx), (how, sh.head)
        rest = (how.size, how.split or 0, how.top, how.vertical, how.boxed)
        mids, foots = self.slots
        for b, fit, rank in fits:
            shape = (fit, entry)                            # one Need as mid and foot
            depth = sh.head + b + 1                         # the rule row under it
            if depth - 1 >= least:
                _keep(mids, (span, depth) + rest, rank, shape)
            if not sh.boxed:
                depth -= 1                                  # at the foot: no rule row
            if depth >= least:                              # (a box keeps its last row)
                _keep(foots, (span, depth) + rest, rank, shape)

    def on_top(self, sh, marks: dict, how: _How) -> None:
        """The story's shapes with its picture above the heading across the whole block (the
        photo over its story: docs/newspaper-conventions.md#page-conventions — on page 1 the
        lead's photo on top keeps its headline off the level of the story beside it, 碰题):
        the story as without a picture, the picture's rows (frame, caption, a row of air) on
        top; `marks`: the pairs of body rows and picture sizes that can be kept (_on_top),
        those whose body the grid allows under this heading."""
        span, mids, foots = _block_span(sh, self.ctx), *self.slots
        rest = (how.size, how.split or 0, True, how.vertical, how.boxed)
        deepest, foot = self.ctx.fmt.rows - sh.head, sh.head + (1 if sh.boxed else 0)
        entries: dict = {}
        for rows, got in marks.items():
            mark = next((m for m in reversed(got) if m[0] <= deepest), None)
            if mark is None:
                continue
            _, fit, rank, (pv, area) = mark
            if pv not in entries:
                entries[pv] = (how._replace(picture=pv, top=True, photo=area), sh.head)
            shape = (fit, entries[pv])
            _keep(mids, (span, sh.head + 1 + rows) + rest, rank, shape)
            _keep(foots, (span, foot + rows) + rest, rank, shape)

    def alts(self) -> tuple[Alt, ...]:
        """The shapes kept, in the order of their keys (span, depth, …)."""
        mids, foots = self.slots
        made: dict[int, Need] = {}          # a shape kept as mid and as foot: one Need

        def need(kept):
            if kept is None:
                return None
            fit, (how, head) = shape = kept[1]
            n = made.get(id(shape))
            if n is None:
                n = made[id(shape)] = _need(fit, how, head)
            return n
        return tuple(Alt(key[0], key[1], need(mids.get(key)), need(foots.get(key)))
                     for key in sorted(mids.keys() | foots.keys()))


def _keep(best: dict, key: tuple, rank: tuple, entry: tuple) -> None:
    """The first entry of the least rank (lines over, spare lines) under `key`."""
    old = best.get(key)
    if old is None or rank < old[0]:
        best[key] = (rank, entry)


def _fits(copy, sh, pic, limits: Limits) -> list[tuple[int, tuple, tuple]]:
    """(body rows, fit, rank) around the exact fit of the copy in the block's text columns
    under its head rows (`sh`: blocks.Shape; `pic`: the story's picture (span, rows) under the
    heading, or None), from `limits.over_rows` short to `limits.spare_rows` spare, each
    filled as the block will fill itself (page.copyfit: air, paragraphs a line longer or
    shorter): _body_need; rank: (lines over, spare lines). `copy`: the pieces, the Ctx, and
    a memo of the bodies measured: a body of b rows fills the same under any headline size,
    so each is flowed once per measure and picture; and a picture across every text column,
    r rows deep, leaves each column r rows fewer — the body is the one of b − r rows without
    a picture (the flow and the copyfit see only the rooms), measured once for the story on
    its own, its picture on top and each full-width picture size."""
    pieces, ctx, memo = copy
    cols = len(sh.frames)
    tops = _tops(sh, pic, ctx) if pic else (0,) * cols
    body = _exact_rows(sum(len(pc.lines) for pc in pieces), tops)
    shift = tops[0] if tops.count(tops[0]) == cols else 0
    key = (sh.frames[0][1], cols, tuple(t - shift for t in tops),
           0 if sh.vertical else None)              # beside a 竖题 there is no heading
    deepest = ctx.fmt.rows - sh.head                # no shape deeper than the grid
    known = memo.get(key)                           # rows -> (rows, fit, rank)
    if known is None:
        known = memo[key] = {}
    out = []
    for b in range(max(1, body - limits.over_rows), min(deepest, body + limits.spare_rows) + 1):
        got = known.get(b - shift)
        if got is None:
            fit = _body_need((pieces, ctx, memo), key, b - shift, abs(b - body) <= NEAR)
            got = known[b - shift] = (b - shift, fit, (fit[2], max(0, fit[0] - fit[1])))
        out.append(got if not shift else (b,) + got[1:])
    return out


def _body_need(copy, key: tuple, b: int, near: bool) -> tuple:
    """(held, used, over, air, widows, rough) of a body of `b` rows: near the exact fit as
    the block will fill itself, flowed; far from it, the arithmetic will do (rough: the
    shape the composer chooses is measured again, flowed: `exact`)."""
    pieces, ctx, memo = copy
    _, cols, tops, fixed_air = key
    if near:
        room = blocks.Room(cols, b, tops, fixed_air)
        n = _flowed((pieces, ctx, blocks.fill(pieces, room, ctx)), room)
        return n.held, n.used, n.over, n.air, n.widows, False
    if (key, "quick") not in memo:
        memo[key, "quick"] = _Quick(pieces, ctx, cols, (tops, fixed_air))
    return memo[key, "quick"].fit(b)


def exact(block, alt: Alt, foot: bool, grid) -> Need:
    """The need of a shape the composer chose, flowed as the block will fill itself: a
    rough one (counted far from the exact fit: `_Quick` cannot see the widow and 背题 rules
    that make the fill take other air or paragraphs) measured again; others as they are.
    `block`: the issue's story or group the shape is of."""
    need = alt.foot if foot else alt.mid
    if not need.rough:
        return need
    ctx = grid[0]
    block = worn(block, need.vertical, need.boxed)
    group = hasattr(block, "items")
    sh = blocks.shape_at(block, alt.span, ctx, None if group else need.size, need.split)
    pieces = (blocks.group_pieces if group else blocks.story_pieces)(
        block, sh.frames[0][1], ctx)
    pic = None if need.top else need.picture
    tops = _tops(sh, pic, ctx) if pic else (0,) * len(sh.frames)
    above = need.picture[1] if need.top else 0
    b = alt.depth - above - sh.head - (0 if foot and not sh.boxed else 1)
    key = (sh.frames[0][1], len(sh.frames), tops, 0 if sh.vertical else None)
    held, used, over, air, widows, _ = _body_need((pieces, ctx, {}), key, b, True)
    return need._replace(held=held, used=used, over=over, air=air, widows=widows,
                         rough=False, pic_row=sh.head + air if pic else need.pic_row,
                         head_at=need.head_at + (air - need.air) * (0 if group else AIR_SHARE))


def _block_span(sh, ctx) -> int:
    """The block's basic columns, from its text columns (a 竖题 strip takes one more)."""
    fmt = ctx.fmt
    x0, (x1, w1) = sh.frames[0][0], sh.frames[-1]
    cols = round((x1 + w1 - x0 + fmt.gutter) / (fmt.column_w + fmt.gutter))
    return cols + (1 if sh.vertical else 0)


def _tops(sh, pic, ctx) -> tuple[int, ...]:
    """Rows the story's picture takes at the top of each text column (from the left)."""
    span_p, rows = pic
    fmt = ctx.fmt
    x0 = sh.frames[0][0]
    right = x0 + fmt.span_w(span_p)
    return tuple(rows if fx < right - 0.01 else 0 for fx, _ in sh.frames)


NEAR = 2      # rows around the exact fit measured by flowing the lines


class _Quick:
    """The copyfit of a body far from its exact fit, by counting lines (no flowing): the
    levers are counted once per shape."""

    def __init__(self, pieces, ctx, span: int, room: tuple):
        self.lines = sum(len(pc.lines) for pc in pieces)
        self.tops, air = room               # the air fixed (0 beside a 竖题) or None
        self.airs = range(copyfit.MAX_AIR + 1) if air is None else (air,)
        self.full = (max(self.tops), -sum(self.tops))
        idx = [i for i, pc in enumerate(pieces) if pc.para is not None]
        paras = [pieces[i].para for i in idx]
        self.limits = (len(copyfit.levers(paras, ctx.metrics, -span)),
                       len(copyfit.levers(paras, ctx.metrics, span)))

    def fit(self, b: int) -> tuple:
        """(held, used, over, air, widows, rough) of a body of `b` rows (_body_need)."""
        held = {a: self._held(b - a) for a in self.airs}
        air, delta = copyfit.best(self.lines, held, self.limits)
        used = self.lines + delta
        return held[air], used, max(0, used - held[air]), air, 0, True

    def _held(self, rows: int) -> int:
        """Lines `rows` rows hold in the columns: below every picture, a column's rows less
        its picture's each (the page composer asks this ~30,000 times a page of pictures)."""
        deepest, less = self.full
        if rows >= deepest:
            return len(self.tops) * rows + less
        return sum(rows - t for t in self.tops if rows > t)


def _exact_rows(lines: int, tops: tuple) -> int:
    """The fewest body rows whose columns hold `lines` lines."""
    rows = max(tops) + 1
    while sum(max(0, rows - t) for t in tops) < lines:
        rows += 1
    return rows


def _flowed(copy, room) -> Need:
    """How the body fits in `room` (blocks.Room) with the fill `f` (`copy`: the pieces, the
    Ctx and f), flowed as the fill flowed it last (blocks.fill_flowed remembers it)."""
    pieces, ctx, f = copy
    flowed = blocks.fill_flowed(pieces, room, ctx, f)
    rows = room.rows - f.air
    held = sum(max(0, rows - t) for t in room.tops)
    over = len(flowed.overset)
    used = held + over if over else sum(map(len, flowed.columns))
    return Need(held, used, over, air=f.air, widows=flowed.widows)


def _merge(alts: list[Alt]) -> tuple[Alt, ...]:
    """One Alt per (span, depth, headline size, 破栏): its best mid and foot fits."""
    best: dict[tuple, Alt] = {}
    for a in alts:
        need = a.mid or a.foot
        key = (a.span, a.depth, need.size, need.split or 0, need.top, need.vertical,
               need.boxed)
        old = best.get(key)
        if old is None:
            best[key] = a
            continue
        mid = _better(old.mid, a.mid)
        foot = _better(old.foot, a.foot)
        best[key] = Alt(a.span, a.depth, mid, foot)
    return tuple(best[k] for k in sorted(best))


def _better(a: Need | None, b: Need | None) -> Need | None:
    if a is None or b is None:
        return a or b
    return a if (a.over, a.spare) <= (b.over, b.spare) else b
