"""The issue as a reader's document: the logical structure (tagged PDF), the artifacts and the
article threads, decided from the placed items before drawing; the PDF writer only writes it.

Structure (ISO 32000-1 14.7–14.8, standard structure types; PDF/UA-1, ISO 14289-1 7.1–7.4):

    Document
      Art          one per story and per 专栏, in the editor's order (the order of the issue
                   file: pages, then stories, groups, pictures on each page, as page.assemble
                   lays them out); a story continued on another page stays one Art
        P          引题 (kicker)
        H1         主题 (headline) — the banner of a 专栏
        P          副题 (subhead)
        H2         a 专栏's headline, under its banner
        P …        body paragraphs, 署名 (byline), the group credit
        Sect       a 专栏 item: H2 (or H3 under a group headline) 小标题 and its paragraphs
        Div        a picture: Figure (its alternate text the caption) and Caption
      Div          the co-organiser box (协办单位): one P for its title, its note, each name

One element per unit of its owner: the lines with the same owner, kind and para
(items.TextLine.para) are one paragraph or heading, whatever columns or pages they cross.
Each line is one or more marked-content sequences of its element, in order: one for each run
with replacement text (items.TextLine.actual: the ActualText goes in the sequence's own
property list) and one for each stretch of glyphs between them (`segments`). Sequences side
by side rather than a replacement-text span nested in the line's sequence: poppler ends a
sequence's text at the first EMC inside it (its MarkedContentOutputDev), so a nested span
would cut the rest of the line out of the element. The reading order of the structure is the
editor's order however the columns sit on the page.

Artifacts (14.8.2.2): the 报头 and 报眉 (paper name, date, 版次, 版名 and pinyin, credits) are
pagination artifacts of the page's header, as running heads are; rules, frames, bands, tints,
picture placeholders and proof marks are layout artifacts; the printer's marks in the slug are
page artifacts (the writer wraps press.marks). Reversed type on a band is content; its band is
not.

Article threads (12.4.3): one per story and 专栏, its beads in reading order: the heading, then
each column part of the body (the lines of one column of one page), on as many pages as the
story runs; a digital-edition reader follows them column to column.
"""
from __future__ import annotations

from collections import defaultdict
from operator import attrgetter
from typing import NamedTuple

from layout.page.items import (Box, Frame, Image, Marker, PageLayout, Rule, TextLine, Vector,
                               VText, owner_runs)

# kinds of the page furniture (page.furniture): pagination artifacts (the page's header)
FURNITURE = frozenset(("masthead", "masthead-info", "pinyin", "section", "folio",
                       "dateline-bar"))
HEADINGS = ("kicker", "headline", "subhead", "banner")     # a block's heading zone
FLOW = frozenset(("body", "title", "byline", "credit"))    # what the columns carry
ARTICLE = frozenset(("kicker", "headline", "subhead", "banner", "body", "title"))  # an Art's
NAVIGATION = frozenset(("jump",))           # （下转第N版） / （上接第M版）: pagination artifacts
DECORATION = frozenset(("ornament",))       # 题花 set as a glyph: a layout artifact
FOOTER = "footer"                                          # owner of the co-organiser box
ARTIFACT_HEADER = "Pagination/Header"
ARTIFACT_PAGINATION = "Pagination"
ARTIFACT_LAYOUT = "Layout"


class Node(NamedTuple):
    """A structure element: its standard type, its kids (Nodes, or (page index, MCID) of its
    marked content, in reading order) and its alternate text (a Figure's)."""
    type: str
    kids: tuple
    alt: str = ""
    title: str = ""        # an Art's title (its headline), for the tree and its thread


class Thread(NamedTuple):
    """An article thread: its title and its beads, (page index, (x0, y0, x1, y1)) in page
    coordinates (pt from the trimmed page's top-left corner, y down), in reading order."""
    title: str
    beads: tuple[tuple[int, tuple[float, float, float, float]], ...]


class Reading(NamedTuple):
    """What the writer needs: per page, per item, the item's MCID (an int; a TextLine's: one
    per segment, a tuple) or its artifact kind (a str); the structure tree's root (a
    Document Node); the article threads."""
    marks: tuple[tuple[int | tuple[int, ...] | str, ...], ...]
    root: Node
    threads: tuple[Thread, ...]


def artifact(item) -> str | None:
    """The artifact kind of an item that is not content, else None: the page's furniture
    (the 报头's logo too), jump lines, decoration (题花, frames, rules, bands, tints, proof
    marks). Pictures and ads are Figures; a logo-kind picture in a block is a 题花."""
    if isinstance(item, (Rule, Box, Marker, Frame)):
        return ARTIFACT_LAYOUT
    if item.owner == "page" or getattr(item, "kind", "") in FURNITURE:
        return ARTIFACT_HEADER
    if isinstance(item, (TextLine, VText)):
        return (ARTIFACT_PAGINATION if item.kind in NAVIGATION
                else ARTIFACT_LAYOUT if item.kind in DECORATION else None)
    if isinstance(item, (Image, Vector)) and item.kind == "logo":
        return ARTIFACT_LAYOUT
    return None


def runs(item: TextLine) -> list:
    """The line's replacement-text runs that lie on its glyphs (items.ActualText)."""
    n = len(item.line.glyphs)
    return [a if a.end <= n else a._replace(end=n) for a in item.actual if a.first < n]


def segments(item: TextLine) -> list[tuple[int, int, str | None]]:
    """The line's glyphs in marked-content sequences: (first, end, replacement text or None),
    covering the line in order."""
    out, i = [], 0
    for a in runs(item):
        if a.first > i:
            out.append((i, a.first, None))
        out.append((a.first, a.end, a.text))
        i = a.end
    n = len(item.line.glyphs)
    if i < n or not out:
        out.append((i, n, None))
    return out


def _unit(item, offset: int) -> tuple:
    """The element an item belongs to, inside its owner's block; `offset` the units of the
    owner's text on earlier pages (a jump) that this page's numbering does not count."""
    if isinstance(item, (Image, Vector)):
        return ("figure", item.kind, round(item.x, 2), round(item.y, 2))
    if isinstance(item, VText):
        return (item.kind, 0)
    return (item.kind, item.para + offset if item.kind in FLOW else item.para)


def _text_of(items) -> str:
    return "".join(it.line.text if isinstance(it, TextLine) else it.text
                   for it in items if isinstance(it, (TextLine, VText)))


def _went_on(entries_before) -> int:
    """A continuation's unit offset (page.jumps): its numbering starts again at the jump line
    (0) and goes on with the paragraph in progress (0), so its units continue from the last
    paragraph of the earlier pages, or from the next one when that paragraph had ended."""
    lines = [it for _, _, it in entries_before if isinstance(it, TextLine) and it.kind in FLOW]
    if not lines:
        return 0
    last = max(reversed(lines), key=lambda it: it.para)      # the last line of the last unit
    return last.para + (1 if last.line.is_last else 0)


class _Run(NamedTuple):
    """What one run of a page's items (consecutive items of one owner, as the writer draws
    them) adds to the reading: its marks, the MCID after it, and its entries by unit
    ((unit, [(page, MCID, item)]) in order)."""
    items: tuple
    at: tuple[int, int]          # (page index, first MCID)
    row: tuple
    end: int
    units: tuple


def structure(pages: list[PageLayout], memo: dict | None = None) -> Reading:
    """The reading structure of the issue's pages (module docstring). A story continued on a
    later page (page.jumps) stays one Art: its 接题 there (the headline again) is a pagination
    artifact, and its paragraphs continue the earlier page's. `memo`: what a warm process
    keeps between calls: each run's marks and entries (`_Run`), reused while its items (the
    block cache brings them back as the same objects), its page and its first MCID are the
    same; an owner's element and thread, reused while all its runs are."""
    memo = {} if memo is None else memo
    last_runs, last_owners = memo.get("runs", {}), memo.get("owners", {})
    runs_now: dict[tuple, _Run] = {}
    marks: list[tuple[int | str, ...]] = []
    parts: dict[str, list] = {}          # owner -> its runs' (unit, entries), in order
    hits: dict[str, list[bool]] = {}     # owner -> whether each of its runs was reused
    first_page: dict[str, int] = {}
    for pi, page in enumerate(pages):
        row: list[int | str] = []
        mcid = 0
        offsets: dict[str, int] = {}
        for owner, items in owner_runs(page.items):
            later = first_page.setdefault(owner, pi) < pi
            done = hits.setdefault(owner, [])
            key = (owner, len(done))
            run = last_runs.get(key)
            hit = (run is not None and not later and run.at == (pi, mcid)
                   and run.items == items)
            if not hit:
                run = _run(items, (pi, mcid), (owner, later), (offsets, parts))
            if not later:
                runs_now[key] = run
            done.append(hit)
            row += run.row
            mcid = run.end
            if run.units:
                parts.setdefault(owner, []).extend(run.units)
        marks.append(tuple(row))
    owners_now: dict[str, tuple] = {}
    kids, threads = [], []
    for owner, contributions in parts.items():
        kept = last_owners.get(owner)
        if kept is not None and all(hits[owner]) and kept[0] == len(hits[owner]):
            node, lines, thread = kept[1:]
        else:
            units = _units(contributions)
            node = _block(owner, units)
            lines = _lines(units)
            thread = kept[3] if kept is not None and kept[2] == lines else _thread(owner, lines)
        owners_now[owner] = (len(hits[owner]), node, lines, thread)
        kids.append(node)
        if thread is not None:
            threads.append(thread)
    memo["runs"], memo["owners"] = runs_now, owners_now
    return Reading(tuple(marks), Node("Document", tuple(kids)), tuple(threads))


def _units(contributions) -> dict[tuple, list]:
    """An owner's units (unit -> [(page, MCID, item)]) from its runs' contributions."""
    units: dict[tuple, list] = {}
    for unit, entries in contributions:
        units.setdefault(unit, []).extend(entries)
    return units


def _run(items: tuple, at: tuple[int, int], who: tuple[str, bool], state: tuple) -> _Run:
    """The marks and entries of one run of `owner`'s items (`who`: the owner, whether it
    began on an earlier page) starting at `at` (page, MCID); `state`: the page's unit offsets
    by owner and the owners' contributions so far (for a continuation's offset)."""
    pi, mcid = at
    owner, later = who
    offsets, parts = state
    row: list[int | str] = []
    units: dict[tuple, list] = {}
    for item in items:
        if type(item) is TextLine and not item.actual and not later \
                and item.owner != "page" and item.kind in FLOW:
            # a line of the columns (most of a page's items): content (`artifact`: neither
            # furniture, navigation nor decoration), one sequence (no replacement text),
            # its unit as _unit makes it; the loop below, without its calls (~1 us a line)
            unit = units.get((item.kind, item.para + offsets.get(owner, 0)))
            if unit is None:
                unit = units[(item.kind, item.para + offsets.get(owner, 0))] = []
            row.append((mcid,))
            unit.append((pi, mcid, item))
            mcid += 1
            continue
        kind = artifact(item)
        if kind is None and later and getattr(item, "kind", "") in HEADINGS:
            kind = ARTIFACT_PAGINATION                 # the 接题 of a continuation
        if kind is not None:
            row.append(kind)
            continue
        if later and owner not in offsets:
            offsets[owner] = _went_on([e for es in _units(parts.get(owner, ())).values()
                                       for e in es])
        unit = units.setdefault(_unit(item, offsets.get(owner, 0)), [])
        # a line's sequences: one, unless it has replacement-text runs (segments)
        count = len(segments(item)) if isinstance(item, TextLine) and item.actual else 1
        ids = tuple(range(mcid, mcid + count))
        row.append(ids if isinstance(item, TextLine) else mcid)
        unit += [(pi, m, item) for m in ids]
        mcid += count
    return _Run(items, at, tuple(row), mcid, tuple(units.items()))


def _mc(entries) -> tuple:
    return tuple((pi, mcid) for pi, mcid, _ in entries)


def _items(entries) -> list:
    """The unit's items in order, once each (a line has an entry per segment)."""
    out = []
    for _, _, it in entries:
        if not out or out[-1] is not it:
            out.append(it)
    return out


def _pages_items(entries) -> list:
    """(page index, item) of the unit's items in order, once each."""
    out = []
    for pi, _, it in entries:
        if not out or out[-1][1] is not it:
            out.append((pi, it))
    return out


def _block(owner: str, units: dict[tuple, list]) -> Node:
    """The element of one owner: an Art (story, 专栏), a Div (picture, footer box)."""
    items = {u: _items(entries) for u, entries in units.items()}
    kinds = {u[0] for u in units}
    caption = _text_of([it for u, its in items.items() if u[0] == "caption" for it in its])
    if owner == FOOTER:
        return Node("Div", tuple(Node("P", _mc(e)) for e in units.values()))
    if not kinds & ARTICLE:          # a picture or ad block: Figure, Caption, credit
        return Node("Div", tuple(_element(u, e, caption or _ALT.get(u[1], "图片"), 1)
                                 for u, e in units.items()))
    title = _text_of(items.get(("headline", 0)) or items.get(("banner", 0)) or ())
    level = 2 if "banner" in kinds and "headline" in kinds else 1   # H1 banner, H2 headline
    out: list = []
    sect: list | None = None           # the open 专栏 item: its 小标题 and paragraphs
    for unit, entries in units.items():
        kind = unit[0]
        if kind == "title":
            sect = [Node(f"H{level + 1}", _mc(entries))]
            out.append(sect)
        elif kind == "body" and sect is not None:
            sect.append(Node("P", _mc(entries)))
        else:
            sect = None
            out.append(_element(unit, entries, caption or title or "图片", level))
    kids = tuple(Node("Sect", tuple(k)) if isinstance(k, list) else k for k in out)
    return Node("Art", kids, title=title)


_ALT = {"ad": "广告"}     # an ad without a caption: what it is


def _element(unit: tuple, entries, alt: str, level: int) -> Node:
    """The element of one unit: a heading, a caption, a figure or a paragraph."""
    kind = unit[0]
    if kind == "banner":
        return Node("H1", _mc(entries))
    if kind == "headline":
        return Node(f"H{level}", _mc(entries))
    if kind == "caption":
        return Node("Caption", _mc(entries))
    if kind == "figure":
        return Node("Figure", _mc(entries), alt=alt)
    return Node("P", _mc(entries))


_SIZE = attrgetter("size")


def _box(it) -> tuple[float, float, float, float]:
    """A line's em boxes (0.88 em above the baseline, 0.12 below); a vertical column's box."""
    if isinstance(it, VText):
        return (it.x, it.top, it.x + it.w, it.top + it.h)
    size = max(map(_SIZE, it.line.glyphs))        # in C: this ran for every line of a page
    return (it.x, it.baseline - 0.88 * size, it.x + it.line.width, it.baseline + 0.12 * size)


def _bbox(items) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = zip(*map(_box, items))
    return (min(x0), min(y0), max(x1), max(y1))


def _lines(units: dict[tuple, list]) -> list:
    """An owner's lines with glyphs and vertical columns, (page, item) in reading order: what
    its thread is made of."""
    return [(pi, it) for entries in units.values() for pi, it in _pages_items(entries)
            if isinstance(it, VText) or isinstance(it, TextLine) and it.line.glyphs]


def _thread(owner: str, lines: list) -> Thread | None:
    """The thread of one owner's lines ((page, item) in reading order), None without body."""
    if not any(it.kind in ("body", "title") for _, it in lines) or owner == FOOTER:
        return None
    parts: dict[tuple, list] = defaultdict(list)      # insertion = reading order
    for pi, it in sorted(lines, key=lambda e: e[0]):      # stable: reading order kept
        key = (pi, "head") if it.kind in HEADINGS else (pi, round(it.x, 2))
        parts[key].append(it)
    heads = [k for k in parts if k[1] == "head"]
    order = heads + [k for k in parts if k[1] != "head"]
    beads = tuple((k[0], _bbox(parts[k])) for k in order)
    title = _text_of([it for _, it in lines if it.kind == "headline"]) or \
        _text_of([it for _, it in lines if it.kind == "banner"]) or owner
    return Thread(title, beads)
