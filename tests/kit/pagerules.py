"""The rules of a composed page, restated independently of the composer's score code
(layout.arrange.score is not imported): from the places the composed issue holds and from the
page as laid out (page.items: what the PDF draws). docs/newspaper-conventions.md#composing-a-
page and issue 12 give the rules; each is written here as an editor checks the page:

  tiling     every story, 专栏, picture of its own, footer box and ad a rectangle inside the
             grid; none overlapping; together they cover every cell of the grid (no hole)
  fill       every story and 专栏: no line over, at most 1 empty line (in its last column)
  lead       the lead (rank 1; without ranks the first story in the file) starts on the
             grid's first row
  碰题        two headed blocks (stories, 专栏) touching across a column rule, their rows
             overlapping, whose headlines are drawn within 1 row of each other (a story's
             photo over its heading puts its headline lower than the block's top); a 竖题
             (headline drawn top to bottom) lines up with no horizontal headline, and a
             framed or tinted block (a box) separates its headline from the one beside it
  hierarchy  a story under another (their columns overlap, its top lower) whose headline is
             set larger (the printed glyph size of the headline lines)
  photos     a picture whose top is on a lower row than another's printing larger (frame
             area as drawn, more than 1 % larger)
  text-wide  a story's body lines running out beyond its headline zone: the headline is set
             across its block when it is centred over it or flush with its left edge, else
             across the basic columns its lines touch
  own-picture a story's own picture (story.picture) not inside the story's rectangle, by its
             place and by its frame as drawn

`check(page, layout)` returns {rule: [what is wrong, …]}, empty lists when the page keeps it.
"""
from __future__ import annotations

from typing import NamedTuple

from layout.page.formats import place_rows
from layout.page.places import footer_place, page_format

RULES = ("tiling", "fill", "lead", "碰题", "hierarchy", "photos", "text-wide", "own-picture")
EPS = 0.5                     # pt: drawing tolerance


class Rect(NamedTuple):
    id: str
    kind: str          # story, group, picture, footer, ad
    row: int           # 1-based, as the issue writes places
    col: int
    span: int
    rows: int

    @property
    def bottom(self) -> int:      # last row
        return self.row + self.rows - 1

    @property
    def right(self) -> int:       # last column
        return self.col + self.span - 1

    def cells(self):
        return {(r, c) for r in range(self.row, self.bottom + 1)
                for c in range(self.col, self.right + 1)}

    def within(self, other: "Rect") -> bool:
        return (other.row <= self.row and self.bottom <= other.bottom
                and other.col <= self.col and self.right <= other.right)


def rects(page, fmt) -> tuple[list[Rect], list[Rect]]:
    """The tiles of the page (stories, groups, pictures of their own, the footer box, ads)
    and the pictures that belong to a story, from their places."""
    owned = {s.picture for s in page.stories if getattr(s, "picture", None)}
    tiles, own = [], []

    def rect(b, kind, place):
        return Rect(b.id if b is not None else kind, kind, place.row, place.col, place.span,
                    place_rows(fmt, place))

    for s in page.stories:
        if s.place is not None:
            tiles.append(rect(s, "story", s.place))
    for g in page.groups:
        if g.place is not None:
            tiles.append(rect(g, "group", g.place))
    for p in page.pictures:
        if p.place is not None:
            (own if p.id in owned else tiles).append(rect(p, "picture", p.place))
    for a in page.ads:
        tiles.append(rect(a, "ad", a.place))
    foot = footer_place(page, fmt)
    if foot is not None:
        tiles.append(rect(None, "footer", foot))
    return tiles, own


def check_tiling(page, fmt) -> list[str]:
    tiles, _ = rects(page, fmt)
    out = []
    unplaced = [b.id for b in page.stories + page.groups if b.place is None]
    if unplaced:
        out.append(f"not placed: {', '.join(unplaced)}")
    seen: dict = {}
    for t in tiles:
        if t.row < 1 or t.col < 1 or t.bottom > fmt.rows or t.right > fmt.columns:
            out.append(f"{t.id} outside the grid: rows {t.row}–{t.bottom}, "
                       f"columns {t.col}–{t.right} of {fmt.rows} × {fmt.columns}")
        for cell in t.cells():
            if cell in seen and seen[cell] != t.id:
                out.append(f"{t.id} overlaps {seen[cell]} at row {cell[0]} column {cell[1]}")
                break
            seen[cell] = t.id
    holes = [(r, c) for r in range(1, fmt.rows + 1) for c in range(1, fmt.columns + 1)
             if (r, c) not in seen]
    if holes:
        out.append(f"{len(holes)} grid cells covered by no block (first: row {holes[0][0]} "
                   f"column {holes[0][1]})")
    return out


def check_fill(page, layout) -> list[str]:
    ids = {b.id for b in page.stories + page.groups}
    out = []
    for f in layout.fits:
        if f.owner not in ids:
            continue
        if f.overset_lines:
            out.append(f"{f.owner} over by {f.overset_lines} lines ({f.overset_chars} chars)")
        elif f.empty_lines > 1:
            out.append(f"{f.owner} leaves {f.empty_lines} empty lines")
    return out


def lead_of(page):
    ranked = [s for s in page.stories if getattr(s, "rank", None) is not None]
    if ranked:
        return min(ranked, key=lambda s: s.rank)
    return page.stories[0] if page.stories else None


def check_lead(page) -> list[str]:
    lead = lead_of(page)
    if lead is None or lead.place is None or lead.place.row == 1:
        return []
    return [f"the lead {lead.id} starts on row {lead.place.row}"]


def head_tops(layout) -> dict[str, float]:
    """Where each block's heading (引题 or headline) starts as drawn: the top of its first
    line's ideographic em box (0.88 em above the baseline; page y runs down the sheet). A
    story whose photo sits over its heading has its headline lower than its block's top,
    and 碰题 is about headlines."""
    out: dict[str, float] = {}
    for it in layout.items:
        if (type(it).__name__ == "TextLine" and it.line.glyphs
                and it.kind in ("kicker", "headline", "banner", "title")):
            top = it.baseline - 0.88 * max(g.size for g in it.line.glyphs)
            out[it.owner] = min(out.get(it.owner, top), top)
    return out


def turned_heads(layout) -> set[str]:
    """Blocks whose headline is drawn top to bottom (竖题: VText items of kind headline)."""
    return {it.owner for it in layout.items
            if type(it).__name__ == "VText" and it.kind == "headline"}


def check_collisions(page, fmt, layout=None) -> list[str]:
    """Headed blocks touching across a column rule whose headlines are drawn within one
    row of each other (by the block tops when no layout is given)."""
    heads = [t for t in rects(page, fmt)[0] if t.kind in ("story", "group")]
    drawn = head_tops(layout) if layout is not None else {}
    turned = turned_heads(layout) if layout is not None else set()
    boxed = {b.id for b in page.stories + page.groups if b.frame or b.tint}
    out = []
    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            if {a.id, b.id} & (turned | boxed):
                continue            # a 竖题 does not line up with a horizontal headline, and
                                    # a box separates the headline inside it
            touch = a.right + 1 == b.col or b.right + 1 == a.col
            level = a.row <= b.bottom and b.row <= a.bottom
            if a.id in drawn and b.id in drawn:
                near = abs(drawn[a.id] - drawn[b.id]) <= fmt.pitch + EPS
            else:
                near = abs(a.row - b.row) <= 1
            if touch and level and near:
                out.append(f"{a.id} (row {a.row}) beside {b.id} (row {b.row})")
    return out


def headline_sizes(layout) -> dict[str, float]:
    """The largest glyph of each block's headline lines, as drawn."""
    out: dict[str, float] = {}
    for it in layout.items:
        if type(it).__name__ == "TextLine" and it.kind == "headline" and it.line.glyphs:
            size = max(g.size for g in it.line.glyphs)
            out[it.owner] = max(out.get(it.owner, 0.0), size)
        elif type(it).__name__ == "VText" and it.kind == "headline" and it.glyphs:
            out[it.owner] = max([out.get(it.owner, 0.0)] + [g.size for g in it.glyphs])
    return out


def check_hierarchy(page, fmt, layout) -> list[str]:
    sizes = headline_sizes(layout)
    stories = [t for t in rects(page, fmt)[0] if t.kind == "story"]
    out = []
    for up in stories:
        for low in stories:
            over = low.col <= up.right and up.col <= low.right
            if over and low.row > up.row and sizes.get(low.id, 0) > sizes.get(up.id, 0) > 0:
                out.append(f"{low.id} ({sizes[low.id]:g} pt, row {low.row}) under {up.id} "
                           f"({sizes[up.id]:g} pt, row {up.row})")
    return out


def frames(layout) -> dict[str, tuple[float, float, float, float]]:
    """Each picture's frame as drawn: the photo (Image) or the placeholder box (Box)."""
    out = {}
    for it in layout.items:
        name = type(it).__name__
        if name == "Image" and getattr(it, "kind", "photo") == "photo":
            out[it.owner] = (it.x, it.y, it.w, it.h)
        elif name == "Box" and it.owner not in out and it.fill is not None:
            out.setdefault(it.owner, (it.x, it.y, it.w, it.h))
    return out


def check_photos(page, fmt, layout) -> list[str]:
    tiles, own = rects(page, fmt)
    pics = [t for t in tiles + own if t.kind == "picture"]
    drawn = frames(layout)
    out = []
    for up in pics:
        for low in pics:
            if low.row <= up.row or up.id not in drawn or low.id not in drawn:
                continue
            a_up = drawn[up.id][2] * drawn[up.id][3]
            a_low = drawn[low.id][2] * drawn[low.id][3]
            if a_low > a_up * 1.01:
                out.append(f"{low.id} (row {low.row}, {a_low / 1e3:.0f}k pt²) larger than "
                           f"{up.id} above it (row {up.row}, {a_up / 1e3:.0f}k pt²)")
    return out


def _lines(layout, owner: str, kinds: tuple[str, ...]):
    return [it for it in layout.items if type(it).__name__ == "TextLine"
            and it.owner == owner and it.kind in kinds]


def check_text_wide(page, fmt, layout) -> list[str]:
    out = []
    for t in rects(page, fmt)[0]:
        if t.kind != "story":
            continue
        heads = _lines(layout, t.id, ("headline",))
        body = _lines(layout, t.id, ("body",))
        if not heads or not body:
            continue
        hx0 = min(h.x for h in heads)
        hx1 = max(h.x + h.line.width for h in heads)
        bx0, bx1 = fmt.col_x(t.col), fmt.col_x(t.col) + fmt.span_w(t.span)
        if abs((hx0 + hx1) / 2 - (bx0 + bx1) / 2) <= fmt.em or abs(hx0 - bx0) <= fmt.em:
            z0, z1 = bx0, bx1
        else:
            cols = [c for c in range(t.col, t.right + 1)
                    if fmt.col_x(c) < hx1 and fmt.col_x(c) + fmt.column_w > hx0]
            z0 = fmt.col_x(cols[0]) if cols else hx0
            z1 = fmt.col_x(cols[-1]) + fmt.column_w if cols else hx1
        wide = [ln for ln in body if ln.x < z0 - EPS or ln.x + ln.line.width > z1 + EPS]
        if wide:
            out.append(f"{t.id}: {len(wide)} body lines outside its headline's "
                       f"{z0:.0f}–{z1:.0f} pt")
    return out


def check_own_pictures(page, fmt, layout) -> list[str]:
    tiles, own = rects(page, fmt)
    by_id = {t.id: t for t in tiles}
    pics = {t.id: t for t in own}
    drawn = frames(layout)
    out = []
    for s in page.stories:
        pid = getattr(s, "picture", None)
        if not pid or s.id not in by_id:
            continue
        st = by_id[s.id]
        if pid not in pics:
            out.append(f"{pid} of {s.id} has no place")
            continue
        if not pics[pid].within(st):
            out.append(f"{pid} (rows {pics[pid].row}–{pics[pid].bottom}, columns "
                       f"{pics[pid].col}–{pics[pid].right}) outside {s.id}")
        if pid in drawn:
            x, y, w, h = drawn[pid]
            x0, y0 = fmt.col_x(st.col), fmt.row_y(st.row)
            x1, y1 = x0 + fmt.span_w(st.span), fmt.row_y(st.bottom + 1)
            if x < x0 - EPS or y < y0 - EPS or x + w > x1 + EPS or y + h > y1 + EPS:
                out.append(f"{pid}'s frame drawn outside {s.id}")
    return out


def check(page, layout) -> dict[str, list[str]]:
    """Every rule on a composed page: `page` the issue's page with its places, `layout` the
    PageLayout the build made of it."""
    fmt = page_format(page)
    return {"tiling": check_tiling(page, fmt),
            "fill": check_fill(page, layout),
            "lead": check_lead(page),
            "碰题": check_collisions(page, fmt, layout),
            "hierarchy": check_hierarchy(page, fmt, layout),
            "photos": check_photos(page, fmt, layout),
            "text-wide": check_text_wide(page, fmt, layout),
            "own-picture": check_own_pictures(page, fmt, layout)}
