"""Places: where the blocks of a page go on its grid, and the checks the loader runs on them.

A place is a rectangle of the grid (issue.model.Place: basic columns × body rows). Here: the
page's format (page 1 deepens the head zone for the masthead), `rows: foot` resolved to the
last row (or to just above a default footer box), the footer box's own default place and
size, and the checks that every block lies on the grid and no two overlap — reported by the
loader with the issue file's other problems (issue.loader imports this module; it imports
nothing of the layout stages).
"""
from __future__ import annotations

import math

from layout.errors import Diagnostic
from layout.issue.model import Footer, Page, Place
from layout.page.formats import Format, place_rows, with_masthead


def footer_place(page: Page, fmt: Format) -> Place | None:
    """The footer's place as given, or by default the full width at the foot of the grid,
    as deep as its names need."""
    f = page.footer
    if f is None or f.place is not None:
        return None if f is None else f.place
    rows = footer_rows(f, fmt)
    return Place(1, fmt.columns, fmt.rows - rows + 1, rows, None, f.where)


def resolve_foot(page: Page, fmt: Format) -> Page:
    """`rows: foot` runs a block down to the foot of the grid, or, when the page has a
    co-organiser box in its default place (the full width at the foot), down to just above
    that box: what an editor means by "to the foot" on such a page."""
    foot = fmt.rows
    if page.footer is not None and page.footer.place is None:
        foot -= footer_rows(page.footer, fmt)

    def resolved(block):
        p = block.place
        if p.rows is not None or p.row > foot:
            return block
        return block._replace(place=p._replace(rows=foot - p.row + 1))

    return page._replace(stories=tuple(map(resolved, page.stories)),
                               groups=tuple(map(resolved, page.groups)),
                               pictures=tuple(map(resolved, page.pictures)))


def page_format(page: Page) -> Format:
    """The page's format; page 1 gives rows to the masthead (formats.with_masthead)."""
    return with_masthead(page.format) if page.number == 1 else page.format


def check_places(page: Page) -> list[Diagnostic]:
    """Every block on the grid and no two overlapping, for the load stage to report with
    the issue file's other problems."""
    fmt = page_format(page)
    return check_grid(resolve_foot(page, fmt), fmt)


def check_grid(page: Page, fmt: Format) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    taken: dict[tuple[int, int], str] = {}

    def bad(place: Place, msg: str, hint: str) -> None:
        w = place.where
        problems.append(Diagnostic(w.path, w.line, w.column, msg, hint))

    blocks = [(b.id, b.place) for b in page.stories + page.groups + page.pictures]
    if page.footer is not None:
        blocks.append(("footer", footer_place(page, fmt)))
    for owner, p in blocks:
        rows = place_rows(fmt, p)
        if p.col < 1 or p.span < 1 or p.col + p.span - 1 > fmt.columns:
            bad(p, f"'{owner}' spans columns {p.col}–{p.col + p.span - 1}, but the "
                   f"{fmt.name} page has columns 1–{fmt.columns}",
                f"col + span - 1 must be at most {fmt.columns}")
            continue
        if p.row < 1 or rows < 1 or p.row + rows - 1 > fmt.rows:
            bad(p, f"'{owner}' runs over rows {p.row}–{p.row + rows - 1}, but the {fmt.name} "
                   f"grid has rows 1–{fmt.rows}",
                f"row + rows - 1 must be at most {fmt.rows}; or write rows: foot")
            continue
        if p.split is not None and not 1 <= p.split <= p.span * fmt.column_chars // 4:
            bad(p, f"'{owner}': split {p.split} is not a usable number of sub-columns",
                "split re-divides the spanned columns, e.g. span: 3, split: 2 (三破二)")
            continue
        for c in range(p.col, p.col + p.span):
            for r in range(p.row, p.row + rows):
                other = taken.setdefault((c, r), owner)
                if other != owner:
                    bad(p, f"'{owner}' overlaps '{other}' at column {c}, row {r}",
                        "blocks may not share grid cells; change col/row/span/rows")
                    break
            else:
                continue
            break
    return problems


def footer_rows(footer: Footer, fmt: Format) -> int:
    """Rows the co-organiser box needs when the issue gives no place: its name rows plus half
    a row of air above and below inside the box (one row each)."""
    return footer_grid(footer, fmt, fmt.type_w)[0] + 2


def footer_grid(footer: Footer, fmt: Format, w: float) -> tuple[int, int, float, float]:
    """Even grid for the names: every cell as wide as the longest name (均排 evens out the
    shorter ones); as few rows as fit, then as few columns as those rows need, so the last row
    is as full as it can be. Returns rows, columns, cell width and the gap between cells."""
    names_w = w - fmt.column_w - fmt.gutter - 2 * fmt.em
    cell = max(len(n) for n in footer.names) * fmt.em
    min_gap = 1.5 * fmt.em
    max_cols = max(1, int((names_w + min_gap) // (cell + min_gap)))
    rows = math.ceil(len(footer.names) / max_cols)
    cols = math.ceil(len(footer.names) / rows)
    gap = (names_w - cols * cell) / (cols - 1) if cols > 1 else 0.0
    return rows, cols, cell, gap
