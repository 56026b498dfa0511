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
from layout.issue.model import Footer, Page, Place, Story
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
        if p is None or p.auto or p.rows is not None or p.row > foot:
            return block
        return block._replace(place=p._replace(rows=foot - p.row + 1))

    return page._replace(stories=tuple(map(resolved, page.stories)),
                               groups=tuple(map(resolved, page.groups)),
                               pictures=tuple(map(resolved, page.pictures)),
                               ads=tuple(map(resolved, page.ads)))


def resolved_place(p: Place, page: Page, fmt: Format) -> Place:
    """A continuation block's `rows: foot`, resolved as resolve_foot does for the page's own."""
    if p.rows is not None:
        return p
    foot = fmt.rows
    if page.footer is not None and page.footer.place is None:
        foot -= footer_rows(page.footer, fmt)
    return p._replace(rows=foot - p.row + 1) if p.row <= foot else p


def page_format(page: Page) -> Format:
    """The page's format; page 1 gives rows to the masthead (formats.with_masthead)."""
    return with_masthead(page.format) if page.number == 1 else page.format


def jump_target(pages, ref: int | str) -> Page | None:
    """The page a `continued: {page: …}` names: by 版名 (a name follows its page when pages
    are renumbered) or by number; None when no page, or more than one, answers to it."""
    hits = [p for p in pages if (p.number == ref if isinstance(ref, int) else p.name == ref)]
    return hits[0] if len(hits) == 1 else None


def incoming(pages, page: Page) -> tuple[tuple[Story, Page], ...]:
    """The stories of other pages that continue on `page` (转版), with their first page, in
    the order of the issue."""
    return tuple((s, src) for src in pages if src is not page for s in src.stories
                 if s.continued is not None and jump_target(pages, s.continued.page) is page)


def check_jumps(pages) -> list[Diagnostic]:
    """Every `continued:` names one other page of the issue, after its own (the text reads
    on: 下转 goes to a later page)."""
    out = []
    order = {id(p): k for k, p in enumerate(pages)}
    for src in pages:
        for s in src.stories:
            j = s.continued
            if j is None:
                continue
            target = jump_target(pages, j.page)
            w = j.where
            if target is None:
                names = ", ".join(f"{p.number} {p.name}" for p in pages)
                out.append(Diagnostic(w.path, w.line, w.column,
                                      f"'{s.id}' continues on page '{j.page}', which is not "
                                      "exactly one page of this issue",
                                      f"name a page by its 版名 or number; the pages are: {names}"))
            elif order[id(target)] <= order[id(src)]:
                out.append(Diagnostic(w.path, w.line, w.column,
                                      f"'{s.id}' continues on page {target.number} "
                                      f"{target.name}, which is not after its own page",
                                      "a story jumps to a later page (下转); move the "
                                      "continuation, or the story"))
    return out


_SOUND: set = set()      # grid_keys of pages whose grid was found sound
SOUND_KEPT = 4096


def check_places(page: Page, jumps: tuple = ()) -> list[Diagnostic]:
    """Every block the editor placed lies on the grid and no two overlap, for the load stage
    to report with the issue file's other problems. `jumps`: continuations of other pages'
    stories that land on this page (incoming), blocks of this page too. Blocks without a
    place and the depth of `rows: auto` are checked when the page is arranged. A grid found
    sound is remembered by what check_grid reads of it (grid_key): a warm process's edit to
    a story's copy does not walk the page's ~700 cells again (~0.1 ms)."""
    fmt = page_format(page)
    key = grid_key(page, fmt, jumps)
    if key in _SOUND:
        return []
    problems = check_grid(resolve_foot(page, fmt), fmt, jumps)
    if not problems:
        if len(_SOUND) >= SOUND_KEPT:
            _SOUND.clear()
        _SOUND.add(key)
    return problems


def _spot(p: Place | None) -> tuple | None:
    """A place without its source position (which only a problem's message uses)."""
    return None if p is None else p._replace(where=None)


def grid_key(page: Page, fmt: Format, jumps: tuple = ()) -> tuple:
    """Everything check_grid (and resolve_foot, footer_place before it) reads of a page: the
    format, the footer's names, note and place, and each block's id and place — and a
    story's picture and the heading keys _heading_problem and head_cells read."""
    f = page.footer
    return (fmt, None if f is None else (f.names, f.note, _spot(f.place)),
            tuple((a.id, _spot(a.place)) for a in page.ads),
            tuple((s.id, _spot(s.place), s.picture, s.vertical, s.head_span, s.head_col,
                   s.tint, s.frame) for s in page.stories),
            tuple((b.id, _spot(b.place)) for b in page.groups + page.pictures),
            tuple((s.id, _spot(s.continued.place)) for s, _ in jumps))


def head_cells(story: Story, fmt: Format) -> list[tuple[int, int]]:
    """The grid cells a 通栏 heading takes outside its story's own columns, at the story's
    first row (its depth is the heading's, known at layout: blocks.head_zone)."""
    p = story.place
    if story.head_span is None or p is None:
        return []
    c0 = story.head_col or p.col
    return [(c, p.row) for c in range(c0, c0 + story.head_span)
            if not p.col <= c < p.col + p.span]


def _heading_problem(story: Story, fmt: Format) -> tuple[str, str] | None:
    p = story.place
    if story.vertical and p.span < 2:
        return (f"'{story.id}' has a vertical headline (竖题) in a block of one column",
                "a 竖题 takes a column of the block beside the text: give it span 2 or more")
    if story.head_span is None:
        return None
    c0 = story.head_col or p.col
    c1 = c0 + story.head_span - 1
    if c0 < 1 or c1 > fmt.columns:
        return (f"'{story.id}': its heading spans columns {c0}–{c1}, but the {fmt.name} page "
                f"has columns 1–{fmt.columns}", "head_col + head_span - 1 must be at most "
                f"{fmt.columns}")
    if c0 > p.col or c1 < p.col + p.span - 1:
        return (f"'{story.id}': its heading (columns {c0}–{c1}) does not cover its text "
                f"(columns {p.col}–{p.col + p.span - 1})",
                "a 通栏 heading is at least as wide as the text under it (no 文不接题)")
    if story.tint or story.frame:
        return (f"'{story.id}' has a 通栏 heading (head_span) and a tint or frame",
                "a tint or frame bounds the block's one rectangle; the wider heading would "
                "cross its edge: drop one of the two")
    if story.vertical:
        return (f"'{story.id}' has both a vertical headline and head_span",
                "a 竖题 stands beside its text; drop one of the two")
    return None


def fixed_blocks(page: Page, recompose: bool = False) -> list[tuple[str, Place]]:
    """(id, place) of the blocks that stay where they are: every block with a written place
    (a story's own picture lies inside its story and is not one of them) — or, when the page
    is being recomposed (`layout compose`), only the locked ones."""
    in_story = {s.picture for s in page.stories if s.picture}
    return [(b.id, b.place) for b in page.stories + page.groups + page.pictures
            if b.place is not None and (b.place.lock or not recompose)
            and b.id not in in_story]


def check_grid(page: Page, fmt: Format, jumps: tuple = ()) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    taken: dict[tuple[int, int], str] = {}

    def bad(place: Place, msg: str, hint: str) -> None:
        w = place.where
        problems.append(Diagnostic(w.path, w.line, w.column, msg, hint))

    for s in page.stories:
        if s.place is None:
            continue
        why = _heading_problem(s, fmt)
        if why is not None:
            bad(s.place, *why)
        else:
            for cell in head_cells(s, fmt):
                taken.setdefault(cell, s.id)
    blocks = [(a.id, a.place) for a in page.ads] + fixed_blocks(page)
    blocks += [(s.id, resolved_place(s.continued.place, page, fmt)) for s, _ in jumps]
    if page.footer is not None:
        blocks.append(("footer", footer_place(page, fmt)))
    for owner, p in blocks:
        rows = 1 if p.auto else place_rows(fmt, p)
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
    """Rows the co-organiser box needs when the issue gives no place: its name rows — at
    least two when a note goes under the title (one row of names left the note on the box's
    bottom rule) — plus half a row of air above and below inside the box (one row each)."""
    return max(footer_grid(footer, fmt, fmt.type_w)[0], 2 if footer.note else 1) + 2


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


def head_limits(page: Page, fmt: Format) -> dict[str, int]:
    """story id -> the first row of the nearest block under the extra columns of its 通栏
    heading (the heading must end above it; blocks.story_heading checks at layout)."""
    out = {}
    blocks = [b.place for b in page.stories + page.groups + page.pictures]
    fp = footer_place(page, fmt)
    if fp is not None:
        blocks.append(fp)
    for s in page.stories:
        extra = {c for c, _ in head_cells(s, fmt)}
        rows = [b.row for b in blocks if b.row > s.place.row
                and extra & set(range(b.col, b.col + b.span))]
        if extra:
            out[s.id] = min(rows, default=fmt.rows + 1)
    return out


def needs_arranging(page: Page, recompose: bool = False) -> bool:
    """A block without a place (or, recomposing, with an unlocked one), a depth that follows
    the copy (rows: auto) or a story's picture without a place: the page composer
    (layout.arrange) has work to do. Here, not in layout.arrange, so that a build of placed
    pages never imports the composer's search."""
    owned = {s.picture for s in page.stories if s.picture}
    for b in page.stories + page.groups + page.pictures:
        if b.place is None and b.id not in owned or b.place is not None and (
                b.place.auto or recompose and not b.place.lock):
            return True
    placed = {s.id for s in page.stories if s.place is not None}
    pics = {p.id: p for p in page.pictures}
    return any(s.picture and s.id in placed and pics[s.picture].place is None
               for s in page.stories)
