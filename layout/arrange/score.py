"""What makes a composed page good, as costs the search minimises (lower is better).

Each term is a convention of a Chinese news page (docs/newspaper-conventions.md#composing-a-page)
and its weight is house style, a setting (`Weights`):

  fit        empty lines in a block (开天窗: a page is never finished with blank lines;
             one spare line in the last column of a balanced block is tolerated, more are
             not) and lines over (copy that does not fit is never cut silently)
  position   rank → position: the upper left is the strongest place, then upper right, then
             lower; the lead (头条) first, each story weighted by its rank; the lead off the
             first row breaks a rule (it costs as an empty line does)
  order      a less important story placed before (above, or level and left of) a more
             important one
  size       a less important story wider than a more important one (its area follows its
             copy: a long second story is taller, not a fault)
  hierarchy  a headline larger than the one above it (in the same columns)
  碰题        two headlines side by side at the same height, touching across a column rule
             (worse when their sizes are equal); a 竖题 lines up with no horizontal headline,
             and a framed or tinted story's headline stands inside its box
  竖题        a headline the composer turned (a lever against 碰题: a change of look, so it
             costs a little; a second one on the page costs more — two read as a pattern)
  框          a story the composer framed (the other lever against 碰题: "separate them by a
             photo, a different depth or a box"); two framed stories touching cost more
  photos     a lower photo larger than an upper one
  cut        a straight gap across the whole width (or height) of the page that cuts it into
             two unrelated halves — unless it runs under a block that spans the whole width
  moved      a block the composer had placed before (an unlocked place) now elsewhere: a
             recomposition after a late change moves as few blocks as it can

Placements are (block order, kind, row, col, span, depth, headline size, picture cells,
hint kept) tuples in grid units (0-based rows and columns).
"""
from __future__ import annotations

from typing import NamedTuple


HEADED = ("story", "group")      # blocks with a headline


class Weights(NamedTuple):
    empty_line: float = 100.0    # each empty line after the first one of a block (the build
                                 # stops on them: worth more than moving a block)
    first_empty: float = 4.0     # the one spare line of a balanced block
    over_line: float = 120.0     # each line of copy that does not fit
    size_step: float = 3.0       # a headline one size step below its default
    split: float = 6.0           # 破栏: a span set in fewer, wider columns (a lever, not a look)
    widow: float = 25.0          # a widow the block's flow could not avoid
    top: float = 60.0            # × rank weight × row / rows: how far down a story sits
    left: float = 12.0           # × rank weight × column / columns
    order: float = 14.0          # a less important story before a more important one
    bigger: float = 10.0         # a less important story wider than a more important one
    louder: float = 20.0         # … or with a larger headline
    hierarchy: float = 45.0      # a lower headline larger than an upper one
    collision: float = 80.0      # 碰题: a rule of the page, not a preference (issue 12; at
                                 # 35 the composer traded it for rank → position on 19 of
                                 # 32 generated pages, at 80 on 12: bench_arrange)
    same_size: float = 20.0      # … with headlines of one size
    turned: float = 8.0          # a 竖题 the composer chose (less than 碰题, which it avoids)
    turned_twice: float = 100.0  # … two on the page (rarely more than one: house style; two
                                 # are worth it only against two 碰题 of equal sizes)
    boxed: float = 12.0          # a frame the composer drew round a story (加框; a lever
                                 # against 碰题, a change of look: a little more than a 竖题)
    boxes_touch: float = 60.0    # … two framed stories touching (boxes in a row read as a
                                 # pattern: house style)
    photo: float = 50.0          # a lower photo larger than an upper one (a rule, as 碰题)
    lead_low: float = 100.0      # the lead (头条) not on the first row: a rule of page 1
    cut: float = 12.0            # a straight gap across the page
    moved: float = 60.0          # a previously composed block moved (late changes: few moves
                                 # beat a prettier page; an empty line still costs more)


class Placed(NamedTuple):
    order: int
    kind: str
    row: int
    col: int
    span: int
    depth: int
    size: float
    photo: float        # the picture's frame as drawn, pt² (a picture block's, or a story's
                        # own picture: arrange.needs.frame_area)
    fixed: bool = False
    head: float = 0.0   # rows from the block's top to its heading's first line as drawn
                        # (a photo above it, the heading's centring and air)
    vertical: bool = False      # a 竖题: no horizontal headline to line up with
    photo_at: int = 0   # rows from the block's top to its picture's (under the heading)
    boxed: bool = False         # framed or tinted: its headline stands inside a box


def fit_cost(need, w: Weights) -> float:
    spare = need.spare
    cost = need.over * w.over_line + need.widows * w.widow
    if spare:
        cost += w.first_empty + (spare - 1) * w.empty_line
    return cost


def shape_cost(need, w: Weights) -> float:
    """What a block's shape costs on its own: its fit, its headline set below the default
    size (a lead set a step above it costs nothing: arrange.needs.sizes), 破栏."""
    return (fit_cost(need, w) + w.size_step * max(0, need.step) + (w.split if need.split else 0)
            + (w.turned if need.vertical else 0) + (w.boxed if need.boxed else 0))


def rank_weight(order: int) -> float:
    """The second story weighs 1/2, the third 1/3, …; the lead (order 0) weighs 3: 头条 takes
    the top of the page (docs/newspaper-conventions.md#composing-a-page), and at 1 a lead a
    fifth of the page down cost only 12, less than one order swap and one size term (two
    of 32 generated pages put it under another story)."""
    return LEAD_WEIGHT if order == 0 else 1.0 / (order + 1)


LEAD_WEIGHT = 3.0


def lead_low(p: Placed) -> bool:
    """The lead (头条) off the first row: a rule of page 1."""
    return p.order == 0 and p.kind in HEADED and p.row > 0


def position_cost(p: Placed, grid: tuple[int, int], w: Weights) -> float:
    rows, cols = grid
    if p.fixed:
        return 0.0
    k = rank_weight(p.order) if p.kind in HEADED else 0.25
    low = w.lead_low if lead_low(p) else 0.0
    return low + k * (w.top * p.row / rows + w.left * p.col / cols)


def _before(a: Placed, b: Placed) -> bool:
    """a reads before b: clearly higher, or level with it and to its left."""
    if a.row + 2 < b.row:
        return True
    return abs(a.row - b.row) <= 2 and a.col < b.col


def pair_cost(a: Placed, b: Placed, w: Weights) -> float:
    """The costs two placed blocks make together (a placed before b in the search)."""
    return sum(v for _, v in pair_terms(a, b, w))


def _hierarchy(upper: Placed, lower: Placed, w: Weights) -> float:
    """A headline larger than the one above it: `lower` under `upper`, their columns
    overlapping (a story further down the page but in other columns is not under it)."""
    if upper.kind != "story" or lower.kind != "story":
        return 0.0                  # a 专栏's headline belongs to its banner's design
    over = lower.col < upper.col + upper.span and upper.col < lower.col + lower.span
    if over and lower.row > upper.row and lower.size > upper.size and upper.size:
        return w.hierarchy
    return 0.0


def _side_by_side(a: Placed, b: Placed) -> bool:
    """Touching across a column rule, rows overlapping."""
    touch = a.col + a.span == b.col or b.col + b.span == a.col
    return touch and a.row < b.row + b.depth and b.row < a.row + a.depth


def _touching(a: Placed, b: Placed) -> bool:
    """Sharing an edge: side by side, or one on the other with columns in common."""
    cols = a.col < b.col + b.span and b.col < a.col + a.span
    return _side_by_side(a, b) or cols and (a.row + a.depth == b.row or b.row + b.depth == a.row)


def cut_cost(placed: list[Placed], grid: tuple[int, int], w: Weights) -> float:
    """Straight gaps across the whole page: a row boundary no block crosses (not the one
    under a block that spans the whole width: a 通栏 means it), and a column boundary no block
    crosses from top to bottom."""
    rows, cols = grid
    cost = 0.0
    bottoms = {p.row + p.depth for p in placed if p.row + p.depth < rows}
    full = {p.row + p.depth for p in placed if p.span == cols}
    for r in bottoms - full:
        if not any(p.row < r < p.row + p.depth for p in placed):
            cost += w.cut
    for c in range(1, cols):
        if not any(p.col < c < p.col + p.span for p in placed):
            cost += w.cut
    return cost


def total(placed: list[Placed], fit: float, grid: tuple[int, int], w: Weights,
          pairs: dict | None = None) -> dict:
    """Every term of a finished composition (fixed blocks included in the pairs, not in
    position); `fit` is the composed blocks' fit cost, already summed. `pairs`: the pair
    costs found before, by pair (kept by the caller while the weights stay: the candidate
    pages of one page share most of their pairs)."""
    pairs = {} if pairs is None else pairs
    terms = {"fit": fit,
             "position": sum(position_cost(p, grid, w) for p in placed),
             "pairs": sum(kept_pair(p, q, w, pairs) for i, p in enumerate(placed)
                          for q in placed[i + 1:] if not (p.fixed and q.fixed)),
             "cuts": cut_cost(placed, grid, w)}
    terms["total"] = sum(terms.values())
    return terms


def kept_pair(p: Placed, q: Placed, w: Weights, pairs: dict) -> float:
    """`pair_cost`, remembered in `pairs` by the pair."""
    got = pairs.get((p, q))
    if got is None:
        got = pairs[p, q] = pair_cost(p, q, w)
    return got


def pair_terms(a: Placed, b: Placed, w: Weights) -> list[tuple[str, float]]:
    """The costs two placed blocks make together, by name (the report and --alternatives
    show them): order, size and headline (the less important one before, wider, or with a
    larger headline than the other: rank → position and size),
    hierarchy, 碰题 (worse with headlines of one size), photos (a lower one larger)."""
    out = []
    heads = a.kind in HEADED and b.kind in HEADED
    if heads and not (a.fixed and b.fixed):
        for hi, lo in ((a, b), (b, a)):
            if hi.order < lo.order and _before(lo, hi):
                out.append(("order", w.order))
            if hi.order < lo.order and lo.span > hi.span:
                out.append(("size", w.bigger))
            if hi.order < lo.order and lo.size > hi.size and hi.kind == lo.kind == "story":
                out.append(("headline", w.louder))
        for up, low in ((a, b), (b, a)):
            if _hierarchy(up, low, w):
                out.append(("hierarchy", w.hierarchy))
        apart = a.vertical or b.vertical or a.boxed or b.boxed
        # within a row as drawn (heads in rows, fractions from centring: needs.head_top)
        level = abs(a.row + a.head - b.row - b.head) <= 1 + 1e-6 and not apart
        if _side_by_side(a, b) and level:
            out.append(("碰题", w.collision + (w.same_size if a.size == b.size else 0.0)))
        if a.vertical and b.vertical and not (a.fixed and b.fixed):
            out.append(("竖题", w.turned_twice))
        if a.boxed and b.boxed and _touching(a, b) and not (a.fixed and b.fixed):
            out.append(("框", w.boxes_touch))
    if photo_below(a, b) or photo_below(b, a):
        out.append(("photos", w.photo))
    return out


def photo_below(upper: Placed, lower: Placed) -> bool:
    """`lower`'s photo stands lower on the page than `upper`'s and is larger (where the
    pictures stand: a story's picture under a deeper heading is lower)."""
    return bool(upper.photo and lower.photo and lower.photo > upper.photo * PHOTO_SAME
                and lower.row + lower.photo_at > upper.row + upper.photo_at)


PHOTO_SAME = 1.01   # photos within 1 % of each other's area read as one size
