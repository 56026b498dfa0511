"""The desk's request handlers and its file watcher (see desk.server for the routes)."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse

from layout.desk.blocks import blocks_json
from layout.desk.render import View
from layout.desk.server import STATIC, _json, memory

HEARTBEAT = 15.0          # s between comments on an idle event stream (proxies, sleep)


def _desk(request: Request):
    return request.app.state.desk


async def index(request: Request):
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})


async def blocks(request: Request):
    desk = _desk(request)
    doc = blocks_json(desk.session)
    doc["memory"] = memory()
    return _json(doc)


async def issue_text(request: Request):
    text = await run_in_threadpool(Path(_desk(request).session.issue).read_text, "utf-8")
    return PlainTextResponse(text, headers={"Cache-Control": "no-store"})


def _clip(value: str | None):
    if not value:
        return None
    try:
        x, y, w, h = (float(v) for v in value.split(","))
    except ValueError:
        return "bad"
    return (round(x, 1), round(y, 1), round(w, 1), round(h, 1))


async def page_png(request: Request):
    desk = _desk(request)
    built = desk.session.built
    if built is None:
        return _json({"error": "no page built yet", "errors": [
            d._asdict() for d in desk.session.errors]}, 503)
    numbers = [p.number for p in built.result.pages]
    number = request.path_params["number"]
    if number not in numbers:
        return _json({"error": f"no page {number}; the issue has pages {numbers}"}, 404)
    q = request.query_params
    clip = _clip(q.get("clip"))
    try:
        dpi = float(q.get("dpi", "100"))
    except ValueError:
        dpi = -1
    if clip == "bad" or not 9 <= dpi <= 1200:
        return _json({"error": "dpi is 9–1200, clip is x,y,w,h in pt"}, 400)
    if clip is None:
        desk.views[number] = dpi                       # what to render ahead next time
    fast = q.get("fast") == "1"
    fut = desk.renderer.png(built.gen, built.pdf,
                            View(numbers.index(number), dpi, clip, 0 if fast else 6))
    data = await asyncio.wrap_future(fut)
    return Response(data, media_type="image/png", headers={
        "Cache-Control": "no-cache", "X-Layout-Build": str(built.gen)})


async def events(request: Request):
    desk = _desk(request)
    queue: asyncio.Queue = asyncio.Queue()
    desk.streams.add(queue)

    async def stream():
        try:
            s = desk.session
            yield ("retry: 1000\n\nevent: hello\ndata: "
                   f'{{"gen": {s.gen}, "built": {s.built.gen if s.built else "null"}}}\n\n')
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), HEARTBEAT)
                except asyncio.TimeoutError:
                    yield ": ping\n\n"
                    continue
                if item is None:
                    return
                yield item
        finally:
            desk.streams.discard(queue)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


# -- edits ------------------------------------------------------------------------------
async def _body(request: Request) -> dict | None:
    try:
        data = await request.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _int(v, low: int = 1) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= low


async def set_place(request: Request):
    data = await _body(request)
    keys = ("col", "span", "row", "rows")
    if data is None or not all(_int(data.get(k)) for k in ("col", "span", "row")) or \
            not (_int(data.get("rows")) or data.get("rows") in ("foot", "auto")):
        return _json({"error": "a place is {page, col, span, row, rows}: whole numbers from "
                               "1 (rows may be \"foot\" or \"auto\")"}, 400)
    place = {k: data[k] for k in keys}
    return await _edit(request, lambda doc, edit, bid, page: edit.set_place(doc, bid, place, page))


async def set_lock(request: Request):
    data = await _body(request)
    if data is None or not isinstance(data.get("locked"), bool):
        return _json({"error": "send {page, locked: true|false}"}, 400)
    locked = data["locked"]
    return await _edit(request, lambda doc, edit, bid, page: edit.set_locked(doc, bid, locked, page))


async def _edit(request: Request, change):
    """Apply `change` to the issue file (issue.edit: comments and layout kept), then build."""
    from layout.issue import edit
    desk, bid = _desk(request), request.path_params["bid"]
    data = await _body(request) or {}
    page = data.get("page") if _int(data.get("page"), 0) else None
    since = time.perf_counter()

    def work():
        with desk.edit_lock:
            doc = edit.load(desk.session.issue)
            before = doc.source
            change(doc, edit, bid, page)
            changed = edit.save(doc)
            if changed:
                desk.undo.append((before, doc.source))
                del desk.undo[:-50]
            return changed
    try:
        changed = await run_in_threadpool(work)
    except edit.EditError as e:
        d = e.diagnostics[0]
        return _json({"error": d.message, "hint": d.hint, "line": d.line}, 409)
    if changed:
        desk.session.request(since)
    return _json({"ok": True, "changed": changed})


async def undo(request: Request):
    from layout.issue import edit
    desk = _desk(request)

    def work():
        with desk.edit_lock:
            if not desk.undo:
                return "nothing to undo"
            before, after = desk.undo[-1]
            doc = edit.load(desk.session.issue)
            if doc.source != after:
                desk.undo.clear()
                return "the file changed since the desk's last edit; undo it in your editor"
            doc.source = after
            _write_text(desk.session.issue, before, doc)
            desk.undo.pop()
            return ""
    why = await run_in_threadpool(work)
    if why:
        return _json({"error": why}, 409)
    desk.session.request(time.perf_counter())
    return _json({"ok": True})


def _write_text(path: str, text: str, doc) -> None:
    """Put back an earlier text of the issue file (atomically, its mode and line ends kept)."""
    import os
    from layout.press import atomic
    target = Path(path).resolve()
    mode = target.stat().st_mode & 0o7777
    atomic.write_text(target, text.replace("\n", doc.newline))
    os.chmod(target, mode)


def _page_of(data: dict, desk) -> int | None:
    if _int(data.get("page"), 0):
        return data["page"]
    built = desk.session.built
    return built.result.pages[0].number if built else None


async def compose(request: Request):
    """自动组版: the page composed again (unlocked blocks), the places written."""
    from layout.desk.compose import choices, write_places
    from layout.errors import LayoutError
    desk, data = _desk(request), await _body(request) or {}
    number = _page_of(data, desk)
    since = time.perf_counter()

    def work():
        best = choices(desk.session, number)
        if not best:
            return None
        with desk.edit_lock:
            before, changed = write_places(desk.session.issue, number, best[0]["places"],
                                           (best[0]["sizes"], best[0]["dress"]))
            if changed:
                desk.undo.append((before, Path(desk.session.issue).read_text("utf-8")))
        return {"ok": True, "changed": changed, "cost": best[0]["cost"],
                "moved": sorted(best[0]["places"])}
    try:
        result = await run_in_threadpool(work)
    except LayoutError as e:
        return _json({"error": e.report().removeprefix("error: ")}, 409)
    if result is None:
        return _json({"error": "nothing to compose: every block of the page is locked"}, 409)
    if result["changed"]:
        desk.session.request(since)
    return _json(result)


async def alternatives(request: Request):
    """备选方案: the best compositions of a page with their costs (nothing written)."""
    from layout.desk.compose import choices
    from layout.errors import LayoutError
    desk, data = _desk(request), await _body(request) or {}
    number = _page_of(data, desk)
    n = data.get("n") if _int(data.get("n")) and data["n"] <= 8 else 3
    try:
        found = await run_in_threadpool(choices, desk.session, number, n)
    except LayoutError as e:
        return _json({"error": e.report().removeprefix("error: ")}, 409)
    return _json({"page": number, "choices": found})


def _dress_of(data: dict) -> dict:
    """The 竖题 and frames of an alternative sent back: only `vertical: true` and a frame
    style the house knows (page.frames), for blocks the alternative places."""
    from layout.page.frames import STYLES
    dress = data.get("dress") if isinstance(data.get("dress"), dict) else {}
    out = {}
    for bid, keys in dress.items():
        if bid not in data["places"] or not isinstance(keys, dict):
            continue
        ok = {k: v for k, v in keys.items()
              if (k, v) == ("vertical", True) or k == "frame" and v in STYLES}
        if ok:
            out[bid] = ok
    return out


async def set_places(request: Request):
    """An alternative applied: {page, places: {id: {col, span, row, rows}}}."""
    from layout.desk.compose import write_places
    from layout.issue.model import COMPOSER_DRESS
    desk, data = _desk(request), await _body(request) or {}
    places = data.get("places")
    ok = isinstance(places, dict) and _int(data.get("page")) and all(
        isinstance(p, dict) and all(_int(p.get(k)) for k in ("col", "span", "row"))
        and (_int(p.get("rows")) or p.get("rows") in ("foot", "auto"))
        and (p.get("split") is None or _int(p["split"]) and p["split"] < p["span"])
        and (p.get("size") is None or _size(p["size"]))
        and p.get("dress") in (None, "", *COMPOSER_DRESS)
        for p in places.values())
    if not ok:
        return _json({"error": "send {page, places: {id: {col, span, row, rows}}}"}, 400)
    since = time.perf_counter()

    def work():
        with desk.edit_lock:
            sizes = data.get("sizes") if isinstance(data.get("sizes"), dict) else {}
            sizes = {k: v for k, v in sizes.items() if _size(v)}
            before, changed = write_places(desk.session.issue, data["page"], places,
                                           (sizes, _dress_of(data)))
            if changed:
                desk.undo.append((before, Path(desk.session.issue).read_text("utf-8")))
            return changed
    try:
        changed = await run_in_threadpool(work)
    except edit_error() as e:
        d = e.diagnostics[0]
        return _json({"error": d.message, "hint": d.hint}, 409)
    if changed:
        desk.session.request(since)
    return _json({"ok": True, "changed": changed})


def _size(v) -> bool:
    """A headline size in pt the desk may write (4 to 300 pt)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 4 <= v <= 300


def edit_error():
    from layout.issue.edit import EditError
    return EditError


# -- the file watcher --------------------------------------------------------------------
async def watch_inputs(desk) -> None:
    """Build when the issue file or a copy file it reads changes (watchfiles: inotify and
    its like, falling back to polling). The folders of the inputs are watched, not the
    files, so an editor's save-by-rename is seen; the set is renewed when it changes."""
    import watchfiles
    while True:
        files = desk.session.inputs()
        folders = sorted({str(Path(f).parent) for f in files})
        stop = asyncio.Event()

        async def renew():
            while desk.session.inputs() == files:
                await asyncio.sleep(0.1)
            stop.set()
        renewer = asyncio.create_task(renew())
        # a change between the last build and this watcher's start is caught by looking
        # once more when it runs (the content hash makes an unchanged look free)
        asyncio.get_running_loop().call_later(0.2, desk.session.request)
        try:
            async for changes in watchfiles.awatch(
                    *folders, watch_filter=lambda _, p: str(Path(p).resolve()) in files,
                    debounce=400, step=10, stop_event=stop, recursive=False):
                desk.session.request(time.perf_counter())
        except FileNotFoundError:
            await asyncio.sleep(0.5)
        finally:
            renewer.cancel()
