"""Page format presets: trim, type area (版心), basic columns and the body grid.

Editors think in 栏 and 行: a basic column is a whole number of body characters, the gutter is
one character, and every body line sits on one baseline grid of a fixed pitch. Figures marked
"house style" have no authoritative source (docs/newspaper-conventions.md) and are settings.
"""
from __future__ import annotations

from typing import NamedTuple


MM = 72 / 25.4  # pt per mm

# 号 names (docs/typesetting-rules.md §6, Word/ctex table); 小五 = 9 pt in every table.
HAO_PT = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}


class Format(NamedTuple):
    name: str
    trim_w: float          # pt
    trim_h: float
    columns: int           # basic columns (基本栏)
    column_chars: int      # characters per basic column
    gutter_chars: int      # characters per gutter
    body_size: float       # pt
    pitch: float           # pt between body baselines
    head_rows: int         # rows above the top rule for the 报眉 (house style)
    rows: int              # body rows of the grid below the top rule

    @property
    def em(self) -> float:
        return self.body_size

    @property
    def column_w(self) -> float:
        return self.column_chars * self.em

    @property
    def gutter(self) -> float:
        return self.gutter_chars * self.em

    @property
    def type_w(self) -> float:
        return self.columns * self.column_w + (self.columns - 1) * self.gutter

    @property
    def type_h(self) -> float:
        return (self.head_rows + self.rows) * self.pitch

    @property
    def margin_left(self) -> float:
        return (self.trim_w - self.type_w) / 2

    @property
    def margin_top(self) -> float:
        return (self.trim_h - self.type_h) / 2

    @property
    def grid_top(self) -> float:
        """y of the top rule (天线), from the top of the page; row 1 starts here."""
        return self.margin_top + self.head_rows * self.pitch

    def col_x(self, col: int) -> float:
        """Left edge of basic column `col` (1-based)."""
        return self.margin_left + (col - 1) * (self.column_w + self.gutter)

    def span_w(self, span: int) -> float:
        return span * self.column_w + (span - 1) * self.gutter

    def row_y(self, row: int) -> float:
        """Top of the band of body row `row` (1-based), from the top of the page."""
        return self.grid_top + (row - 1) * self.pitch


def place_rows(fmt: Format, place) -> int:
    """A place's depth in rows; `rows: foot` (None) runs to the last row of the grid."""
    return place.rows if place.rows is not None else fmt.rows - place.row + 1


def column_frames(fmt: Format, place) -> tuple[tuple[float, float], ...]:
    """(x, width) of a place's columns: its basic columns, or with 破栏 (split) the spanned
    width re-divided into `split` sub-columns of whole characters, the remainder going to the
    gutters (docs/newspaper-conventions.md, 变栏: re-divided widths stay whole characters)."""
    x0 = fmt.col_x(place.col)
    if not place.split or place.split == place.span:
        return tuple((fmt.col_x(place.col + i), fmt.column_w) for i in range(place.span))
    total_em = place.span * fmt.column_chars + (place.span - 1) * fmt.gutter_chars
    m = place.split
    col_em = (total_em - (m - 1) * fmt.gutter_chars) // m
    gutter = (total_em - m * col_em) * fmt.em / (m - 1) if m > 1 else 0.0
    return tuple((x0 + i * (col_em * fmt.em + gutter), col_em * fmt.em) for i in range(m))


# 对开: trim 390 × 540 mm; 8 columns × 13 characters of 小五 + 7 one-character gutters
# = 111 em = 999 pt = 352 mm wide (docs/newspaper-conventions.md). Pitch 15 pt = 9 pt + 6 pt
# (a 67 % line gap, inside the 50–100 % range of docs/typesetting-rules.md §6; house style). 92 rows × 15 pt =
# 1380 pt = 487 mm of type area height, 4 of them for the 报眉 above the top rule.
BROADSHEET = Format("broadsheet", 390 * MM, 540 * MM, 8, 13, 1, 9.0, 15.0, 4, 88)

# 四开: trim 275 × 390 mm; type area about 245 × 350 mm (house style): 6 columns × 12 characters
# + 5 gutters = 77 em = 693 pt = 244.5 mm; 65 rows × 15 pt = 975 pt = 344 mm (house style).
TABLOID = Format("tabloid", 275 * MM, 390 * MM, 6, 12, 1, 9.0, 15.0, 4, 61)

PRESETS = {"broadsheet": BROADSHEET, "对开": BROADSHEET, "tabloid": TABLOID, "四开": TABLOID}


# Page 1 carries the 报头 (masthead) instead of the 报眉: a deeper head zone (house style).
MASTHEAD_ROWS = {"broadsheet": 9, "tabloid": 7}


def with_masthead(fmt: Format) -> Format:
    """The same format with the head zone deepened for the page-1 masthead; the grid keeps
    its pitch and loses the rows the masthead takes."""
    head = MASTHEAD_ROWS.get(fmt.name, fmt.head_rows + 4)
    return fmt._replace(head_rows=head, rows=fmt.rows - (head - fmt.head_rows))


OVERRIDABLE = ("columns", "column_chars", "gutter_chars", "body_size", "pitch", "rows",
               "trim_w", "trim_h")


def derive(base: Format, **overrides) -> tuple[Format, str]:
    """A preset with some figures changed; returns the format and "" or what is wrong with it
    (the type area must fit inside the trimmed page)."""
    fmt = base._replace(**{k: v for k, v in overrides.items() if v is not None})
    masthead = MASTHEAD_ROWS.get(fmt.name, fmt.head_rows + 4) - fmt.head_rows
    if fmt.columns < 1 or fmt.column_chars < 4:
        return fmt, (f"{fmt.columns} columns of {fmt.column_chars} characters: a page needs at "
                     "least one column of at least 4 characters")
    if fmt.rows <= masthead:
        return fmt, (f"{fmt.rows} rows leave none under page 1's masthead, which takes "
                     f"{masthead} of them")
    if fmt.type_w > fmt.trim_w or fmt.type_h > fmt.trim_h:
        return fmt, (f"the type area ({fmt.type_w / MM:.0f} × {fmt.type_h / MM:.0f} mm) does not "
                     f"fit the trimmed page ({fmt.trim_w / MM:.0f} × {fmt.trim_h / MM:.0f} mm)")
    if fmt.pitch < fmt.body_size:
        return fmt, f"the line pitch {fmt.pitch} pt is smaller than the body size {fmt.body_size} pt"
    return fmt, ""
