"""The desk's 自动组版 (compose) and 备选方案 (alternatives) buttons, on the page composer
(layout.arrange): the unlocked blocks of a page are composed again — a recomposition moves
as few of them as the copy allows — and the chosen places are written into the issue file
with issue.edit (comments and layout kept), as `layout compose --write` does. Locked blocks
(`place: {…, lock: true}`) stay; a story's own picture is placed by its story, not written.

    choices(session, page, n)         the best composition of a page and up to n runners-up:
                                      cost, cost by term, and each block's place
    write_places(path, page, places)  the places of one choice written into the file
"""
from __future__ import annotations

from layout.issue import edit


def _movable(page) -> list:
    """The blocks a recomposition may move (arrange.result's rule: not a story's own
    picture, and no place or an unlocked one)."""
    owned = {s.picture for s in page.stories if getattr(s, "picture", None)}
    return [b for b in page.stories + page.groups + page.pictures
            if b.id not in owned and (b.place is None or not b.place.lock)]


def _place(p, auto: bool) -> dict:
    return {"col": p.col, "span": p.span, "row": p.row,
            "rows": "auto" if auto else (p.rows if p.rows is not None else "foot"),
            "split": p.split,           # 破栏 the composer chose, or None
            "size": p.size, "dress": p.dress or None}   # its headline size and dress, or None


def choices(session, number: int, n: int = 0) -> list[dict]:
    """The composer's best arrangement of page `number` and up to `n` runners-up."""
    from layout.arrange.result import Options, arrange_page
    from layout.desk.blocks import rect
    from layout.issue.loader import load_issue
    from layout.issue.normalize import normalize_issue
    from layout.page.places import page_format
    with session.build_lock:                  # the fonts are the build thread's too
        issue, _ = normalize_issue(*_loaded(load_issue(session.issue)))
        page = next((p for p in issue.pages if p.number == number), None)
        if page is None:
            raise edit.EditError(session.issue, f"no page {number} in the issue")
        fonts = session.fonts(issue)
        done = arrange_page(page, issue, fonts, Options(recompose=True, alternatives=n))
    if done.report is None:
        return []
    moving = {b.id: b for b in _movable(page)}
    sizes = {s.id: s.headline_size for s in page.stories}
    fmt = page_format(page)
    out, seen = [], set()
    for report, arranged in ((done.report, done.page),) + tuple(done.others):
        blocks = [b for b in arranged.stories + arranged.groups + arranged.pictures
                  if b.id in moving]
        key = tuple((b.id, b.place.col, b.place.span, b.place.row, b.place.rows) for b in blocks)
        if key in seen:                   # runners-up that differ in nothing written
            continue
        seen.add(key)
        out.append({"cost": round(report.cost, 2),
                    "sizes": {s.id: s.headline_size for s in arranged.stories
                              if s.id in moving and s.headline_size != sizes[s.id]},
                    "dress": _dress(page, arranged, moving),
                    "terms": {k: round(v, 2) for k, v in report.terms.items()},
                    "method": report.method,
                    "places": {b.id: _place(b.place, bool(moving[b.id].place and
                                                          moving[b.id].place.auto))
                               for b in blocks},
                    "rects": {b.id: rect(fmt, b.place) for b in blocks}})
    return out


DRESS = ("vertical", "frame")     # keys the composer may set on a story (竖题, 加框)


def _dress(page, arranged, moving: dict) -> dict:
    """The 竖题 and frames the composer gave stories of the page: {id: {key: value}}."""
    was = {s.id: s for s in page.stories}
    out = {}
    for s in arranged.stories:
        got = {k: (True if k == "vertical" else getattr(s, k)) for k in DRESS
               if s.id in moving and getattr(s, k) and not getattr(was[s.id], k)}
        if got:
            out[s.id] = got
    return out


def _loaded(issue):
    return issue, issue.style.normalize


def write_places(path: str, number: int, places: dict,
                 changes: tuple[dict, dict] = ({}, {})) -> tuple[str, bool]:
    """Write `places` (block id -> {col, span, row, rows[, split, size, dress]}) of page
    `number` (a split, size or dress given is the composer's 破栏, headline size, 竖题 or
    frame for the place, None none; not given, the block's own is kept; the lock is kept),
    and `changes`: the headline sizes (pt) the composer stepped down and the 竖题 and frames
    it chose ({id: {key: value}}), for places that do not say. All of them are written with
    the place (`place: {…, size, dress}`: the composer's, not the editor's story keys).
    Returns the text before and whether the file changed."""
    sizes, dress = changes
    doc = edit.load(path)
    before = doc.source
    for bid, place in places.items():
        place = {k: place[k] for k in edit.PLACE_KEYS if k in place and k != edit.LOCK}
        if bid in sizes:
            place.setdefault("size", sizes[bid])
        if bid in dress:
            place.setdefault("dress", "vertical" if dress[bid].get("vertical") else "frame")
        edit.set_place(doc, bid, place, number)
    return before, edit.save(doc)

