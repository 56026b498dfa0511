"""Frames (框, 花边) and tints (网底) round a block: the house styles and their geometry.

A frame is decided here, as items, down to every stroke: the writer only strokes and fills
the paths it is given (pdf.writer decides nothing). Styles (house style; widths in pt):

    thin        one 0.5 pt rule                      细线
    double      two 0.5 pt rules 1.5 pt apart        双线
    thick-thin  a 1.5 pt rule outside a 0.5 pt rule, 1 pt apart   文武线
    dotted      round dots of 1 pt every 2.5 pt      点线
    wave, chain, diamond, flower    花边: a bundled tile repeated along each edge, a whole
                number of tiles per edge (stretched by at most half a tile so the corners
                meet), corner tiles the same pattern

Every frame lies inside the block's rectangle on the grid (its outer edge is the rectangle);
the text inside keeps at least half a character clear of its inner edge (blocks.inset).
"""
from __future__ import annotations

import math
from typing import NamedTuple

RULES = {"thin": ((0.0, 0.5),),
         "double": ((0.0, 0.5), (2.0, 0.5)),                 # (inset of the stroke's centre
         "thick-thin": ((0.0, 1.5), (2.75, 0.5)),            #  from the outer edge, width)
         "dotted": ((0.0, 1.0),)}
PATTERNS = ("wave", "chain", "diamond", "flower")
STYLES = tuple(RULES) + PATTERNS
ALIASES = {"细线": "thin", "双线": "double", "文武线": "thick-thin", "点线": "dotted",
           "花边": "flower"}
TILE = 6.0          # pt: the side of a 花边 tile (house style: about 2 mm)
DOT_STEP = 2.5      # pt between the dots of a dotted frame


class Path(NamedTuple):
    """A path in page coordinates: points joined by straight lines (closed when `closed`),
    stroked `width` pt wide, or filled when width is 0; round caps and joins when `round`."""
    points: tuple[tuple[float, float], ...]
    width: float
    closed: bool = False
    round: bool = False


def depth(style: str) -> float:
    """How far in from the block's edge the frame's ink reaches, in pt."""
    if style in RULES:
        return max(inset + w for inset, w in RULES[style])
    return TILE + 0.5


def frame_paths(style: str, x: float, y: float, w: float, h: float) -> tuple[Path, ...]:
    """The strokes of a frame whose outer edge is the rectangle (x, y, w, h)."""
    if style == "dotted":
        return _dots(x, y, w, h)
    if style in PATTERNS:       # tiles inside by half their widest stroke, so no ink crosses
        return _tiles(style, x + 0.5, y + 0.5, w - 1.0, h - 1.0)
    if style in RULES:
        out = []
        for inset, width in RULES[style]:
            d = inset + width / 2
            out.append(Path(((x + d, y + d), (x + w - d, y + d), (x + w - d, y + h - d),
                             (x + d, y + h - d)), width, closed=True))
        return tuple(out)
    raise ValueError(f"unknown frame style {style!r}")


def _dots(x: float, y: float, w: float, h: float) -> tuple[Path, ...]:
    """Round dots (a zero-length stroke with round caps is a dot), a whole number along each
    edge so one sits on every corner."""
    d = RULES["dotted"][0][1] / 2
    out = []
    for (x0, y0, x1, y1) in ((x + d, y + d, x + w - d, y + d), (x + w - d, y + d, x + w - d, y + h - d),
                             (x + w - d, y + h - d, x + d, y + h - d), (x + d, y + h - d, x + d, y + d)):
        length = math.hypot(x1 - x0, y1 - y0)
        n = max(1, round(length / DOT_STEP))
        for k in range(n):            # the next edge's first dot is this edge's last corner
            px, py = x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n
            out.append(Path(((px, py), (px, py)), 2 * d, round=True))
    return tuple(out)


def _tile(style: str, ox: float, oy: float, s: float, along_x: bool) -> list[Path]:
    """One 花边 tile in the square (ox, oy, s, s); `along_x`: the edge runs horizontally."""
    def pt(u: float, v: float) -> tuple[float, float]:      # u along the edge, v across
        return (ox + u * s, oy + v * s) if along_x else (ox + v * s, oy + u * s)
    if style == "wave":
        pts = tuple(pt(k / 12, 0.5 - 0.3 * math.sin(2 * math.pi * k / 12)) for k in range(13))
        return [Path(pts, 0.6, round=True)]
    if style == "chain":
        pts = tuple(pt(0.5 + 0.45 * math.cos(2 * math.pi * k / 16),
                       0.5 + 0.25 * math.sin(2 * math.pi * k / 16)) for k in range(16))
        return [Path(pts, 0.5, closed=True)]
    if style == "diamond":
        return [Path((pt(0.1, 0.5), pt(0.5, 0.2), pt(0.9, 0.5), pt(0.5, 0.8)), 0.0, closed=True)]
    # flower: four petals round a centre
    out = []
    for a in range(4):
        ang = math.pi / 2 * a + math.pi / 4
        cx, cy = 0.5 + 0.2 * math.cos(ang), 0.5 + 0.2 * math.sin(ang)
        out.append(Path(tuple(pt(cx + 0.16 * math.cos(2 * math.pi * k / 10),
                                 cy + 0.16 * math.sin(2 * math.pi * k / 10)) for k in range(10)),
                        0.0, closed=True))
    return out


def _tiles(style: str, x: float, y: float, w: float, h: float) -> tuple[Path, ...]:
    """Tiles along the four edges: a tile in each corner, and between them a whole number of
    tiles per edge, each stretched along the edge so they meet the corners exactly."""
    out: list[Path] = []
    for along_x, length, fixed in ((True, w, (y, y + h - TILE)), (False, h, (x, x + w - TILE))):
        inner = length - 2 * TILE
        n = max(0, round(inner / TILE))
        step = inner / n if n else 0.0
        for f in fixed:
            for k in range(n + 2):
                u = (0.0 if k == 0 else length - TILE if k == n + 1 else TILE + (k - 1) * step)
                if not along_x and k in (0, n + 1):
                    continue          # corners drawn once, by the horizontal edges
                s = TILE if k in (0, n + 1) else step
                ox, oy = (x + u, f) if along_x else (f, y + u)
                out += _tile(style, ox, oy, s, along_x) if s == TILE else \
                    _stretched(style, ox, oy, s, along_x)
    return tuple(out)


def _stretched(style: str, ox: float, oy: float, step: float, along_x: bool) -> list[Path]:
    """A tile drawn in a step × TILE cell: the square tile scaled along the edge."""
    out = []
    for p in _tile(style, 0.0, 0.0, TILE, True):
        pts = tuple(((ox + u * step / TILE, oy + v) if along_x else (ox + v, oy + u * step / TILE))
                    for u, v in p.points)
        out.append(p._replace(points=pts))
    return out


def inset_em(tint: int, style: str, em: float) -> float:
    """How far (in em, a multiple of ½) the text of a tinted or framed block stands in from
    the block's edge: at least half a character clear of the tint's edge or the frame's
    inner edge (house style, issue 14: 网底 text clear of its edge by half a character)."""
    if not tint and not style:
        return 0.0
    reach = depth(style) / em if style else 0.0
    return math.ceil(2 * (reach + 0.5) - 1e-9) / 2


def text_frames(fmt, place, inset: float) -> tuple[tuple[float, float], ...]:
    """(x, width) of the text columns of a block whose text stands `inset` em in from its
    left and right edges: the place's columns (or its 破栏 sub-columns) re-divided over the
    narrower width in whole characters, the remainder going to the gutters
    (docs/newspaper-conventions.md#page-geometry, 变栏)."""
    from layout.page.formats import column_frames
    if not inset:
        return column_frames(fmt, place)
    m = place.split or place.span
    total = place.span * fmt.column_chars + (place.span - 1) * fmt.gutter_chars - 2 * inset
    col = int((total - (m - 1) * fmt.gutter_chars) // m)
    gutter = (total - m * col) / (m - 1) if m > 1 else 0.0
    x0 = fmt.col_x(place.col) + inset * fmt.em
    return tuple((x0 + i * (col + gutter) * fmt.em, col * fmt.em) for i in range(m))


def box_rect(fmt, place, rows: int, at_foot: bool) -> tuple[float, float, float, float]:
    """The rectangle of a block's tint or frame: its columns, from its top to the middle of
    its last row (where the rule under an open block runs), or to the foot of the grid."""
    x, top = fmt.col_x(place.col), fmt.row_y(place.row)
    last = place.row + rows - 1
    bottom = fmt.row_y(last + 1) if at_foot else fmt.row_y(last) + fmt.pitch / 2
    return (x, top, fmt.span_w(place.span), bottom - top)


def top_rows(style: str, fmt) -> int:
    """Rows a frame takes at the top of its block: none when half a row of air above the
    heading already keeps it half a character clear of the frame, else one."""
    return 1 if style and depth(style) + fmt.em / 2 > fmt.pitch / 2 else 0
