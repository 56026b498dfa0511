"""blocks.json: every block of the last good build — id, kind, page, place, its rectangle in
pt, its line in the issue file, its fit numbers, its preflight findings — and each page's
grid, which the browser snaps drags to. Coordinates are pt from the top-left corner of the
trimmed page (as page.items and the preflight's findings have them).
"""
from __future__ import annotations

from typing import NamedTuple

from layout.page.formats import Format, place_rows
from layout.page.places import footer_place, page_format, resolve_foot


def grid(fmt: Format) -> dict:
    """What the browser needs to snap to the page's grid."""
    return {"columns": fmt.columns, "rows": fmt.rows, "left": fmt.margin_left,
            "top": fmt.grid_top, "column": fmt.column_w, "gutter": fmt.gutter,
            "pitch": fmt.pitch, "trim": [fmt.trim_w, fmt.trim_h]}


def rect(fmt: Format, place) -> list[float]:
    rows = place_rows(fmt, place)
    return [round(v, 2) for v in (fmt.col_x(place.col), fmt.row_y(place.row),
                                  fmt.span_w(place.span), rows * fmt.pitch)]


def _place(p, fmt: Format) -> dict:
    return {"col": p.col, "span": p.span, "row": p.row, "rows": place_rows(fmt, p),
            "rows_given": "auto" if getattr(p, "auto", False) else
            "foot" if p.rows is None else p.rows, "split": p.split,
            "lock": bool(getattr(p, "lock", False))}


def _fit(f) -> dict | None:
    if f is None:
        return None
    return {"columns": f.columns, "lines_held": f.capacity_lines, "lines_used": f.used_lines,
            "spare_lines": f.empty_lines, "chars": f.chars, "chars_held": f.capacity_chars,
            "overset_lines": f.overset_lines, "chars_over": f.overset_chars,
            "widows": f.widows, "line_chars": f.line_chars}


def _where(w) -> dict:
    return {"path": w.path, "line": w.line, "column": w.column}


class _Page(NamedTuple):
    number: int
    fmt: Format
    fits: dict
    findings: list


def page_blocks(page, layout, findings: list[dict]) -> list[dict]:
    """The blocks of one page of the model, with the fits of its layout."""
    fmt = page_format(page)
    resolved = resolve_foot(page, fmt)       # rows: foot as the rows it runs to
    ctx = _Page(page.number, fmt, {f.owner: f for f in layout.fits}, findings)
    out = []
    for kind, attr in (("story", "stories"), ("group", "groups"), ("picture", "pictures")):
        for b, given in zip(getattr(resolved, attr), getattr(page, attr)):
            out.append(_block(ctx, kind, b.id, b.place, given))
    if page.footer is not None:
        out.append(_block(ctx, "footer", "footer", footer_place(page, fmt), page.footer))
    return out


def _block(ctx: _Page, kind: str, bid: str, place, source) -> dict:
    """A block's entry: `place` as laid out, `source` the model's block as the build has it
    (a place the page composer chose carries the block's own position, a written one its
    own: `placed` says whether the file gives one)."""
    given = source.place
    if given is not None and given.where == source.where:
        given = None
    mine = [f for f in ctx.findings if f.get("story") == bid and f.get("page") == ctx.number]
    return {"id": bid, "kind": kind, "page": ctx.number,
            "place": _place(place, ctx.fmt), "placed": given is not None,
            "rect": rect(ctx.fmt, place), "yaml": _where(source.where),
            "place_yaml": _where(given.where) if given is not None else None,
            "fit": _fit(ctx.fits.get(bid) if kind in ("story", "group") else None),
            "findings": [{k: f.get(k) for k in ("kind", "message", "text", "bbox", "family")}
                         for f in mine if not f.get("waived")]}


def blocks_json(session) -> dict:
    """The whole of blocks.json for the session's state now."""
    built, findings = session.built, session.findings
    doc = {"gen": session.gen, "issue": session.issue, "compose": _composer(), "building": session.building,
           "errors": [d._asdict() for d in session.errors], "pages": [], "blocks": [],
           "check": _check_state(session), "notes": []}
    if built is None:
        return doc
    r = built.result
    found = list((findings or {}).get("findings") or ())
    doc.update(built=built.gen, ms=round(built.ms, 1), composed=built.composed,
               reused=built.reused,
               notes=[d._asdict() for d in r.issue.notes])
    for page, layout in zip(r.issue.pages, r.pages):
        fmt = page_format(page)
        doc["pages"].append({"number": page.number, "name": page.name, "format": fmt.name,
                             "grid": grid(fmt), "yaml": _where(page.where),
                             "png": f"/pages/{page.number}.png?v={built.gen}"})
        doc["blocks"] += page_blocks(page, layout, found)
    doc["page_findings"] = [f for f in found if not f.get("story") and not f.get("waived")]
    return doc


def _check_state(session) -> dict:
    f = session.findings
    if session.checking:
        return {"state": "running"}
    if f is None:
        return {"state": "none"}
    if "error" in f:
        return {"state": "error", "message": f["error"]}
    return {"state": "done", "ok": f.get("ok"), "counts": f.get("counts", {}),
            "seconds": f.get("seconds")}


def _composer() -> bool:
    """Whether the page composer (layout.arrange) is installed: the desk's compose buttons."""
    import importlib.util
    return importlib.util.find_spec("layout.arrange") is not None
