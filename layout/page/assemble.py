"""Stage: one page of the model -> PageLayout (placed items + fit reports).

Lays out the furniture, the stories, the groups and the footer. That every block lies on the
grid and no two overlap is checked at load (check_places, called by the loader for every page
so those problems join the issue file's others). Blocks are independent of each other: each is laid out inside its own rectangle.
"""
from __future__ import annotations


from layout.page.blocks import Ctx, group_block, picture_block, story_block
from layout.page.cache import BlockCache, content_key
from layout.compose import Metrics
from layout.errors import Diagnostic
from layout.page.formats import Format, place_rows, with_masthead
from layout.page.furniture import foot_rule, footer_box, footer_rows, header
from layout.page.items import PageLayout
from layout.issue.model import Issue, Page, Place


def _footer_place(page: Page, fmt: Format) -> Place | None:
    """The footer's place as given, or by default the full width at the foot of the grid,
    as deep as its names need."""
    f = page.footer
    if f is None or f.place is not None:
        return None if f is None else f.place
    rows = footer_rows(f, fmt)
    return Place(1, fmt.columns, fmt.rows - rows + 1, rows, None, f.where)


def _resolve_foot(page: Page, fmt: Format) -> Page:
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
    return _check_places(_resolve_foot(page, fmt), fmt)


def _check_places(page: Page, fmt: Format) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    taken: dict[tuple[int, int], str] = {}

    def bad(place: Place, msg: str, hint: str) -> None:
        w = place.where
        problems.append(Diagnostic(w.path, w.line, w.column, msg, hint))

    blocks = [(b.id, b.place) for b in page.stories + page.groups + page.pictures]
    if page.footer is not None:
        blocks.append(("footer", _footer_place(page, fmt)))
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


def layout_page(page: Page, issue: Issue, metrics: Metrics,
                cache: BlockCache | None = None) -> PageLayout:
    """With a cache (a warm process), blocks whose content did not change are reused."""
    fmt = page_format(page)
    page = _resolve_foot(page, fmt)      # places were checked at load (check_places)
    items: list = header(page, issue.paper, issue.issue, fmt, metrics)
    ctx = Ctx(fmt, metrics, issue.style.punct)

    def block(kind, value, make):
        if cache is None:
            return make(value, ctx)
        return cache.get((kind, content_key(value), fmt, ctx.punct), lambda: make(value, ctx))

    fits = []
    for story in page.stories:
        its, fit = block("story", story, story_block)
        items += its
        fits.append(fit)
    for group in page.groups:
        its, fit = block("group", group, group_block)
        items += its
        fits.append(fit)
    for pic in page.pictures:
        items += block("picture", pic, picture_block)
    if page.footer is not None:
        p = _footer_place(page, fmt)
        rows = place_rows(fmt, p)
        items += footer_box(page.footer, fmt, metrics, p.col, p.span, p.row, rows)
    items.append(foot_rule(fmt))
    return PageLayout(page.number, page.name, fmt, tuple(items), tuple(fits))
