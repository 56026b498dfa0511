"""Arranging one page: what to compose, the search run in widening passes, and the chosen
places applied to the page's blocks.

Pass 1 offers each block the shapes around its exact fit (one row short, two rows spare);
when no exact tiling exists within them — the page has too much or too little copy for its
free area — pass 2 and 3 widen them, so the page is still composed and the report says which
story runs over by how many characters, or how many lines of copy the page lacks.
"""
from __future__ import annotations

import time
from typing import NamedTuple

from layout.arrange import choose, needs, score
from layout.arrange.choose import Setting
from layout.arrange.needs import Limits
from layout.arrange.regions import Box
from layout.arrange.score import Placed, Weights
from layout.errors import Diagnostic, InputError
from layout.issue.model import Issue, Page, Place
from layout.page import blocks
from layout.page.blocks import Ctx
from layout.page.formats import Format, place_rows
from layout.page.places import (check_grid, fixed_blocks, footer_place,  # noqa: F401
                                 needs_arranging, page_format, resolve_foot)
from layout.page.style import headline_style

# shapes from 12 rows short of the exact fit to any depth deeper (an empty line costs so much
# that deep shapes are taken only when the page has too little copy; the report says so)
WIDE = Limits(12, 200)


class Options(NamedTuple):
    """How to arrange: `recompose` (layout compose) moves the places written before unless
    they are locked, as few as the copy allows; a build keeps every written place."""
    recompose: bool = False
    weights: Weights = Weights()
    budget: int = 6000          # nodes of the cell search (free areas not made of rectangles)
    alternatives: int = 0       # runners-up to keep (layout compose --alternatives)


class BlockFit(NamedTuple):
    """How a composed block holds its copy, in the units editors cut copy by."""
    id: str
    kind: str
    place: Place
    held: int          # body lines it holds
    used: int          # lines its copy needs
    over: int          # lines that do not fit
    line_chars: int    # characters in a full line

    @property
    def spare(self) -> int:
        return max(0, self.held - self.used)


class Report(NamedTuple):
    page: int
    cost: float
    terms: dict
    nodes: int
    method: str                # slicing (free rectangles), cells (the cell search), kept
    fits: tuple[BlockFit, ...]
    seconds: float


class Arranged(NamedTuple):
    page: Page
    report: Report | None      # None: nothing on the page was composed
    others: tuple = ()         # runners-up: (Report, Page)


def arrange_page(page: Page, issue: Issue, metrics, opts: Options = Options()) -> Arranged:
    t0 = time.perf_counter()
    fmt = page_format(page)
    ctx = Ctx(fmt, metrics, issue.style.punct)
    page = _resolve_auto(_undressed(page, opts.recompose), ctx)
    page = _own_pictures(page, ctx)
    movable = _movable(page, opts.recompose)
    if not movable:
        return Arranged(page, None)
    order = _order(page)
    pics = {p.id: p for p in page.pictures}
    grid = (ctx, WIDE)
    boxes, placed = _taken(page, ctx, (order, opts.recompose))
    hints = {b.id: (b.place.row - 1, b.place.col - 1, b.place.span, place_rows(fmt, b.place))
             for b in movable if b.place is not None}
    setting = Setting(fmt.rows, fmt.columns, tuple(boxes), tuple(placed), opts.weights, hints,
                      opts.budget)
    blocks_ = (movable, order, pics)
    comp, measured = _composed(blocks_, grid, setting, opts)
    if comp is not None and not _fills(comp):
        # 破栏 only when the page does not fill without it (the editors' order of levers:
        # docs/newspaper-conventions.md#copyfitting); it doubles the shapes to measure
        wider = _composed(blocks_, (ctx, WIDE._replace(split=True)), setting, opts)
        if wider[0] is not None and wider[0].terms["total"] < comp.terms["total"]:
            comp, measured = wider
    if comp is None:
        raise InputError([_no_tiling(page, fmt, movable)])
    seconds = time.perf_counter() - t0

    def made(terms, leaves) -> tuple[Report, Page]:
        done = _apply(page, leaves, ctx)
        fits = tuple(_block_fit(measured[bid], leaf, done) for bid, leaf in leaves.items())
        return Report(page.number, terms["total"], terms, comp.nodes, comp.method, fits,
                      seconds), done

    report, done = made(comp.terms, comp.leaves)
    return Arranged(done, report, tuple(made(t, lv) for t, lv in comp.others))


def _composed(blocks_: tuple, grid: tuple, setting: Setting, opts: Options) -> tuple:
    """The best composition of the movable blocks measured on `grid` (the Ctx and the
    Limits), for a few rounds: capping headlines under smaller ones and photos under smaller
    ones, and measuring counted shapes again. Of the rounds whose shapes were all flowed the
    one that breaks the fewest rules is kept, the cheapest of those (recomposing: the
    cheapest, moves included): the caps are there to keep the rules (a larger headline or
    photo under a smaller one, 碰题), and a round that keeps one at the price of position and
    fit (generated broadsheet 9: 257 against 212 with a photo rule broken) is the page an
    editor would draw. Returns it and the measures."""
    movable, order, pics = blocks_
    measured = {b.id: _measure(b, order, pics, grid) for b in movable}
    by_id = {b.id: b for b in movable}
    measured.update(_hinted_flowed(measured, (by_id, grid), setting.hints))
    comp, kept, photo_caps, memo = None, None, {}, {}
    for _ in range(HIERARCHY_ROUNDS):
        # once a round filled the page, a cap that leaves no exact page is not taken: the
        # programme over every shape (slow) would only find pages with empty lines
        full = kept is not None and _fills(kept[0])
        comp = choose.best(list(measured.values()), setting, opts.alternatives, memo, full)
        if comp is None:
            break
        exact = _flowed_again(comp, measured, (by_id, grid, setting.rows))
        if exact:                   # chosen on a wrong count: choose again, flowed
            measured.update(exact)
            continue
        # recomposing, the moves are priced against the rules by the weights alone: a round
        # that keeps a rule by moving every block is not the page after a late change
        # (generated broadsheet 3, a photo turned portrait: 3 moved with a photo rule broken,
        # or all 10 moved)
        faults = 0 if setting.hints else _faults(comp, measured, setting)
        rank = (faults, comp.terms["total"])
        if kept is None or rank < kept[2]:
            kept = (comp, dict(measured), rank)
        more = _caps(comp, measured, setting)
        smaller = {bid: area for bid, area in _photo_caps(comp, measured, setting).items()
                   if bid not in photo_caps}           # each photo capped once
        if not (more or smaller):
            break
        measured.update({bid: _measure(by_id[bid], order, pics, grid, size)
                         for bid, size in more.items()})
        photo_caps.update(smaller)
        measured.update({bid: _pictures_capped(measured[bid], area)
                         for bid, area in photo_caps.items()})
    return kept[:2] if kept else (comp, measured)


RULES = ("碰题", "photos", "hierarchy")     # the pair terms that are rules of the page


def _faults(comp, measured: dict, st: Setting) -> int:
    """How many rules the composition breaks: pairs breaking a rule (score.pair_terms), a
    block not holding its copy exactly, the lead off the top."""
    placed = [choose._placed(measured[bid], lf) for bid, lf in comp.leaves.items()]
    everyone = placed + list(st.fixed_placed)
    pairs = sum(1 for i, a in enumerate(placed) for b in everyone[i + 1:]
                for name, _ in score.pair_terms(a, b, st.weights) if name in RULES)
    return pairs + (not _fills(comp)) + any(score.lead_low(p) for p in placed)


def _flowed_again(comp, measured: dict, how: tuple) -> dict:
    """The blocks whose chosen shape was counted, not flowed (far from its exact fit), with
    every counted shape of that span measured again by flowing it, where the count of the
    chosen one was wrong: the composer then chooses again (a widow the count cannot see
    once sent a page to press 3 lines short)."""
    by_id, grid, _ = how
    out = {}
    for bid, lf in comp.leaves.items():
        if not lf.need.rough:
            continue
        blk = measured[bid]
        again = {id(a): _exact_alt(by_id[bid], a, grid) for a in blk.alts
                 if a.span == lf.span and (_near_fit(a) or a.depth == lf.depth)}
        chosen = next((again[id(a)] for a in blk.alts if id(a) in again and a.depth == lf.depth
                       and lf.need in (a.mid, a.foot)), None)
        if chosen is None or lf.need._replace(rough=False) in (chosen.mid, chosen.foot):
            continue
        out[bid] = blk._replace(alts=tuple(again.get(id(a), a) for a in blk.alts))
    return out


def _hinted_flowed(measured: dict, how: tuple, hints: dict) -> dict:
    """The blocks of a recomposition whose shape at their place before (`hints`) was
    counted, with that shape flowed: whether a block still holds its copy where it stands
    decides whether it stays (choose._kept), and a count can be lines off (generated
    broadsheet 2 after a late cut: neijiang, its copy unchanged, was counted 3 lines short
    at its place, where it flows exactly, and so was composed again with the cut story;
    broadsheet 11 with its photo turned portrait keeps aba in place so: 6 blocks moved, not
    7 — over 64 late changes the only one whose page changed)."""
    by_id, grid = how
    out = {}
    for bid, blk in measured.items():
        if bid not in hints:
            continue
        shape = hints[bid][2:]          # (span, depth)
        again = {id(a): _exact_alt(by_id[bid], a, grid) for a in blk.alts
                 if (a.span, a.depth) == shape and any(n is not None and n.rough
                                                       for n in (a.mid, a.foot))}
        if again:
            out[bid] = blk._replace(alts=tuple(again.get(id(a), a) for a in blk.alts))
    return out


def _near_fit(alt) -> bool:
    """A counted shape whose count says it holds its copy within a line (the only ones the
    composer takes while an exact page exists: choose._exact_only): flowing the others
    again — up to 80 depths a span, 2 ms each — would not change the choice."""
    return any(n is not None and n.rough and n.over <= 1 and n.spare <= 2
               for n in (alt.mid, alt.foot))


def _exact_alt(block, alt, grid):
    return alt._replace(**{k: needs.exact(block, alt, k == "foot", grid)
                           for k in ("mid", "foot") if getattr(alt, k) is not None})


def _fills(comp) -> bool:
    """Every composed block holds its copy exactly (no line over, at most the one spare
    line of a balanced block)."""
    return all(lf.need.over == 0 and lf.need.spare <= 1 for lf in comp.leaves.values())


def _measure(b, order: dict, pics: dict, grid, cap: float = 0.0) -> needs.Block:
    if hasattr(b, "items"):
        return needs.group_block(b, order[b.id], grid)
    if hasattr(b, "headline"):
        return needs.story_block(b, order[b.id], pics.get(b.picture), grid, cap)
    return needs.picture_block(b, order[b.id], grid)


HIERARCHY_ROUNDS = 4     # compositions tried while capping headlines under smaller ones
                         # and measuring counted shapes again


def _caps(comp, measured: dict, st: Setting) -> dict[str, float]:
    """Stories whose headline came out larger than the one above them in the same columns
    (docs/newspaper-conventions.md#composing-a-page: no lower headline larger), with the
    size above as their cap for the next composition."""
    return _limits(comp, measured, st, (lambda up, low: score._hierarchy(up, low, st.weights),
                                        lambda p: p.size))


def _photo_caps(comp, measured: dict, st: Setting) -> dict[str, float]:
    """Blocks whose photo came out larger than a photo above it (docs/newspaper-conventions.md
    #composing-a-page: a lower photo not larger than an upper one), with the upper photo's
    area (pt², as drawn) as the largest their picture may take in the next composition — the
    editors' lever, the picture's size (issue 12) — where a shape within it is left."""
    out = _limits(comp, measured, st, (score.photo_below, lambda p: p.photo))
    return {bid: area for bid, area in out.items()
            if _pictures_capped(measured[bid], area) is not measured[bid]}


def _limits(comp, measured: dict, st: Setting, rule: tuple) -> dict:
    """The composed blocks that break `rule` = (broken(upper, lower), value) under some block
    (composed or fixed), with the least value of those above them, where it is below their
    own."""
    broken, value = rule
    placed = {bid: choose._placed(measured[bid], lf) for bid, lf in comp.leaves.items()}
    everyone = list(placed.values()) + list(st.fixed_placed)
    out: dict = {}
    for bid, low in placed.items():
        for up in everyone:
            if up is not low and broken(up, low):
                out[bid] = min(out.get(bid, value(low)), value(up))
    return {bid: v for bid, v in out.items() if v < value(placed[bid])}


def _pictures_capped(blk: needs.Block, area: float) -> needs.Block:
    """The block without the shapes whose picture's frame is larger than `area` pt²
    (needs.frame_area; the block as it is when that would leave it no shape)."""
    def small(n) -> bool:
        return n is None or n.picture is None or n.photo <= area

    alts = tuple(a for a in blk.alts if small(a.mid) and small(a.foot))
    return blk._replace(alts=alts) if alts and len(alts) < len(blk.alts) else blk


# -- what is composed ---------------------------------------------------------------------
def _undressed(page: Page, recompose: bool) -> Page:
    """Recomposing, the stories the composer may move without the 竖题, frame and headline
    size it chose for their last place (issue.model.Story.unworn): it chooses them again
    with the place — a frame it drew is not the editor's, so the score gives it the costs of
    its own frames (framed stories touching)."""
    if not recompose:
        return page
    return page._replace(stories=tuple(
        s.unworn() if s.place is not None and not s.place.lock else s for s in page.stories))


def _movable(page: Page, recompose: bool) -> list:
    owned = {s.picture for s in page.stories if s.picture}
    return [b for b in page.stories + page.groups + page.pictures
            if b.id not in owned and (b.place is None or recompose and not b.place.lock)]


def _order(page: Page) -> dict[str, int]:
    """Rank order: the stories and groups by `rank`, the unranked after them in file order;
    pictures of their own after all of them."""
    headed = list(page.stories) + list(page.groups)
    keyed = sorted(range(len(headed)), key=lambda i: (headed[i].rank is None,
                                                      headed[i].rank or 0, i))
    order = {headed[i].id: k for k, i in enumerate(keyed)}
    for k, pic in enumerate(page.pictures):
        order.setdefault(pic.id, len(headed) + k)
    return order


def _taken(page: Page, ctx: Ctx, how: tuple) -> tuple[list[Box], list[Placed]]:
    """The boxes the fixed blocks and the footer box take (0-based); and the fixed blocks as
    the score sees them. `how`: the rank order, and whether the page is recomposed."""
    order, recompose = how
    fmt = ctx.fmt
    boxes, fixed = [], []
    pics = {p.id: p for p in page.pictures}
    page = resolve_foot(page, fmt)
    # the ads first: placed before anything else, never composed over (page.ads)
    blocks_ = [(ad.id, ad.place) for ad in page.ads] + fixed_blocks(page, recompose)
    foot = footer_place(page, fmt)
    if foot is not None:
        blocks_.append(("footer", foot))
    by_id = {b.id: b for b in page.stories + page.groups}
    ads = {ad.id for ad in page.ads}
    for owner, p in blocks_:
        rows = place_rows(fmt, p)
        boxes.append(Box(p.row - 1, p.col - 1, rows, p.span))
        kind = "picture" if owner in pics else "footer" if owner == "footer" else "ad" if (
            owner in ads) else "group" if hasattr(by_id[owner], "items") else "story"
        size = headline_style(p.span, getattr(by_id.get(owner), "headline_size", None)).size
        fixed.append(Placed(order.get(owner, 99), kind, p.row - 1, p.col - 1, p.span, rows,
                            size if kind in ("story", "group") else 0.0,
                            # a fixed picture's frame as drawn (its caption's rows and
                            # the row of air under it not counted), as a composed one's
                            needs.frame_area(pics[owner], (p.span, rows), ctx)
                            if kind == "picture" else 0, True,
                            vertical=bool(getattr(by_id.get(owner), "vertical", "")),
                            boxed=_boxed(by_id.get(owner))))
    return boxes, fixed


def _boxed(block) -> bool:
    return bool(getattr(block, "frame", "") or getattr(block, "tint", 0))


# -- rows: auto, and a fixed story's own picture -----------------------------------------
def _resolve_auto(page: Page, ctx: Ctx) -> Page:
    """`rows: auto`: as deep as the copy needs under the block's heading (and the rule row
    below it unless it reaches the foot of the grid). Checked on the grid once resolved."""
    fmt = ctx.fmt
    pics = {p.id: p for p in page.pictures}

    def resolved(b):
        p = b.place
        if p is None or not p.auto:
            return b
        if hasattr(b, "items"):
            sh = blocks.shape_at(b, p.span, ctx)
            head, pieces = sh.head, blocks.group_pieces(b, sh.frames[0][1], ctx)
        elif hasattr(b, "headline"):
            sh = blocks.shape_at(b, p.span, ctx)
            head, pieces = sh.head, blocks.story_pieces(b, sh.frames[0][1], ctx)
            if b.picture and pics.get(b.picture) is not None:
                head += _picture_rows(pics[b.picture], p.span, ctx)
        else:
            return b._replace(place=p._replace(rows=max(3, round(
                fmt.span_w(p.span) / 1.4 / fmt.pitch)), auto=False))
        body = needs._exact_rows(sum(len(pc.lines) for pc in pieces), (0,) * len(sh.frames))
        rows = head + body + (0 if p.row + head + body - 1 >= fmt.rows else 1)
        return b._replace(place=p._replace(rows=rows, auto=False))

    page = page._replace(stories=tuple(map(resolved, page.stories)),
                         groups=tuple(map(resolved, page.groups)),
                         pictures=tuple(map(resolved, page.pictures)))
    problems = check_grid(resolve_foot(page, fmt), fmt)
    if problems:
        raise InputError(problems)
    return page


def _picture_rows(pic, span: int, ctx: Ctx) -> int:
    sizes = needs.picture_sizes(pic, span, ctx, Limits())
    return sizes[0][1] if sizes else 4


def _own_pictures(page: Page, ctx: Ctx) -> Page:
    """A fixed story whose picture has no place: the picture across the story's width, the
    size (within the allowed crop) that fits the copy best."""
    pics = {p.id: p for p in page.pictures}
    out = []
    for pic in page.pictures:
        story = next((s for s in page.stories if s.picture == pic.id), None)
        if story is None or story.place is None or not story.place.lock or pic.place:
            out.append(pic)
            continue
        out.append(pic._replace(place=_fit_picture(story, pics[pic.id], ctx)))
    return page._replace(pictures=tuple(out))


def _fit_picture(story, pic, ctx: Ctx) -> Place:
    """The size of a fixed story's own picture (across the story, within the allowed crop)
    that leaves its copy the best fit, under the heading and the air the fit wants."""
    fmt, p = ctx.fmt, story.place
    head = blocks.head_rows_of(story, ctx)
    sh = blocks.shape_at(story, p.span, ctx)
    pieces = blocks.story_pieces(story, sh.frames[0][1], ctx)
    lines = sum(len(pc.lines) for pc in pieces)
    rows = place_rows(fmt, p)
    body = rows - head - (0 if p.row + rows - 1 >= fmt.rows and not sh.boxed else 1)
    best = None
    for span, prows in needs.picture_sizes(pic, p.span, ctx, Limits()):
        area = blocks.Room(len(sh.frames), body, needs._tops(sh, (span, prows), ctx))
        f = blocks.fill(pieces, area, ctx)
        used = lines + sum(d for _, d in f.changes)
        held = area.held(f.air)
        key = (max(0, used - held), max(0, held - used), -span * prows)
        if prows < body and (best is None or key < best[0]):
            best = (key, span, prows, f.air)
    span, prows, air = (best[1], best[2], best[3]) if best else (p.span, max(2, body // 3), 0)
    return Place(p.col, span, p.row + head + air, prows, None, pic.where)


# -- the chosen places --------------------------------------------------------------------
def _apply(page: Page, chosen: dict, ctx: Ctx) -> Page:
    """The page with the chosen places (`chosen`: block id -> Leaf), each story's headline
    size when the composer stepped it down, each story's picture under its heading."""

    def place(b, lf) -> Place:
        return Place(lf.col + 1, lf.span, lf.row + 1, lf.depth, None, b.where)

    stories, pics = [], {p.id: p for p in page.pictures}
    for s in page.stories:
        lf = chosen.get(s.id)
        if lf is None:
            stories.append(s)
            continue
        # a stepped-down headline and a 竖题's (no larger than its span's size) are written
        # with the place, as its dress: the composer's, not the editor's (Story.worn)
        size = lf.need.size if lf.need.step or lf.need.vertical else None
        dress = "vertical" if lf.need.vertical else "frame" if lf.need.boxed else ""
        s = needs.worn(s, lf.need.vertical, lf.need.boxed)._replace(
            place=place(s, lf)._replace(split=lf.need.split, size=size, dress=dress),
            headline_size=size or s.headline_size)
        if lf.need.picture and s.picture:
            span, rows = lf.need.picture
            row = s.place.row if lf.need.top else \
                s.place.row + blocks.head_rows_of(s, ctx) + lf.need.air
            pics[s.picture] = pics[s.picture]._replace(place=Place(
                s.place.col, span, row, rows, None, pics[s.picture].where))
        stories.append(s)
    groups = tuple(g._replace(place=place(g, chosen[g.id])) if g.id in chosen else g
                   for g in page.groups)
    pictures = tuple(p._replace(place=place(p, chosen[p.id])) if p.id in chosen else pics[p.id]
                     for p in page.pictures)
    return page._replace(stories=tuple(stories), groups=groups, pictures=pictures)


def _block_fit(blk: needs.Block, leaf, page: Page) -> BlockFit:
    place = next(b.place for b in page.stories + page.groups + page.pictures if b.id == blk.id)
    n = leaf.need
    return BlockFit(blk.id, blk.kind, place, n.held, n.used, n.over, blk.line_chars)


def _no_tiling(page: Page, fmt: Format, movable: list) -> Diagnostic:
    w = page.where
    ids = ", ".join(b.id for b in movable)
    return Diagnostic(w.path, w.line, w.column,
                      f"page {page.number}: its blocks ({ids}) cannot tile the free area of "
                      f"the {fmt.name} grid with whole columns and rows",
                      "place one of them by hand, change a span limit, or add a brief")
