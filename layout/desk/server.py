"""`layout serve ISSUE.yaml`: the desk as a local web app (Starlette on uvicorn).

    GET  /                     the desk (static/: HTML, JS, CSS from the package; no CDN)
    GET  /pages/N.png          page 第N版 of the last good build, cut to the trim; ?dpi=
                               (default 100), ?clip=x,y,w,h (pt from the trim's top-left
                               corner: a tile of a zoomed page), ?v= (the build, for caches)
    GET  /blocks.json          every block: id, kind, page, place, rect, yaml line, fit,
                               findings; each page's grid; the build's errors and state
    GET  /events               server-sent events: building, built, failed, checking, checked
    GET  /issue.yaml           the issue file's text as it is now (the desk shows its lines)
    POST /blocks/ID/place      {page, col, span, row, rows}: written into the issue file
    POST /blocks/ID/lock       {page, locked}: place: {…, lock: true} for `layout compose`
    POST /undo                 the desk's last edit undone (if the file is still as it left it)
    POST /compose              {page}: the page composed again (layout.arrange), unlocked blocks
                               moved as little as the copy allows, the places written
    POST /alternatives         {page, n}: the n best compositions with their costs (not written)
    POST /places               {page, places: {id: place}}: an alternative applied

It listens on 127.0.0.1 only, and answers only requests whose Host is localhost or
127.0.0.1: a web page elsewhere cannot reach it by pointing a name of its own at 127.0.0.1
(DNS rebinding). A write must come as JSON (a cross-site form cannot send it) and, from a
browser, from the desk's own origin.

Why Starlette and uvicorn: the desk is a handful of routes, a stream of server-sent events
to every open tab, and CPU-bound builds and renders that must not stall it. Starlette is a
small ASGI toolkit (one dependency, anyio) whose StreamingResponse carries the events and
whose threadpool runs the blocking work; uvicorn with its pure-Python h11 protocol needs no
compiler or system library; watchfiles (the file watcher) is from the same authors and
runs on the same event loop. A framework with templates, ORMs or sessions (Django, Flask
with extensions) would bring what the desk does not use, and http.server has no event
streaming without hand-written threads.
"""
from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
import time
from pathlib import Path

from layout.desk.session import Session

STATIC = Path(__file__).resolve().parent / "static"
ALLOWED_HOSTS = ("localhost", "127.0.0.1")


class Desk:
    """The app's state: the session, the renderer, the open event streams, the undo list."""

    def __init__(self, issue: str, out: Path, check: bool = True):
        from layout.desk.render import Renderer
        self.loop: asyncio.AbstractEventLoop | None = None
        self.streams: set[asyncio.Queue] = set()
        self.session = Session(issue, out, self._publish, check)
        self.renderer = Renderer()
        self.views: dict[int, float] = {}       # page number -> dpi the browser asked last
        self.undo: list[tuple[str, str]] = []   # (text before, text after) of desk edits
        self.edit_lock = threading.Lock()
        self.port = 0
        self._rendered: dict[int, list] = {}    # build -> its prefetched page images
        self.session.settle = self._settle

    def _publish(self, event: str, data: dict) -> None:
        """From the build thread: to every stream, on the event loop."""
        if self.loop is None:
            return
        if event == "built":
            self.loop.call_soon_threadsafe(self._prefetch)
        payload = f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
        self.loop.call_soon_threadsafe(self._broadcast, payload)

    def _broadcast(self, payload: str | None) -> None:
        for q in list(self.streams):
            q.put_nowait(payload)

    def _prefetch(self) -> None:
        """Start rendering the pages the browser shows, at the size it shows them, before
        it asks (the request then waits for the same render)."""
        from layout.desk.render import View
        built = self.session.built
        if built is None:
            return
        self.renderer.forget_before(built.gen)
        numbers = [p.number for p in built.result.pages]
        self._rendered = {built.gen: [
            self.renderer.png(built.gen, built.pdf, View(numbers.index(number), dpi, None, 0))
            for number, dpi in self.views.items() if number in numbers]}

    def _settle(self, gen: int, timeout: float = 2.0) -> None:
        """Wait (build's check thread) until the page images of build `gen` are rendered."""
        import concurrent.futures
        deadline = time.perf_counter() + timeout
        while gen not in self._rendered and time.perf_counter() < deadline:
            time.sleep(0.02)                   # the event loop has not prefetched yet
        futures = self._rendered.get(gen, ())
        concurrent.futures.wait(futures, max(0.0, deadline - time.perf_counter()))


def _json(data, status: int = 200):
    from starlette.responses import Response
    return Response(json.dumps(data, ensure_ascii=False), status, media_type="application/json")


def _guard(app, port_of):
    """Host check (DNS rebinding) for every request; JSON from our own origin for writes."""
    from starlette.datastructures import Headers
    from starlette.responses import PlainTextResponse

    async def guarded(scope, receive, send):
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host
            if name.lower() not in ALLOWED_HOSTS:
                return await PlainTextResponse(
                    f"refused: Host {host!r} is not localhost or 127.0.0.1 (the desk answers "
                    "only pages it served itself)", 403)(scope, receive, send)
            if scope["method"] not in ("GET", "HEAD"):
                origin = headers.get("origin")
                ok = {f"http://{h}:{port_of()}" for h in ALLOWED_HOSTS}
                if (origin is not None and origin not in ok) or \
                        not headers.get("content-type", "").startswith("application/json"):
                    return await PlainTextResponse("refused: writes come as JSON from the "
                                                   "desk's own page", 403)(scope, receive, send)
        await app(scope, receive, send)
    return guarded


def make_app(desk: Desk):
    """The Starlette app of a desk (tests drive it through this)."""
    import contextlib
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles
    from layout.desk import routes

    @contextlib.asynccontextmanager
    async def lifespan(app):
        desk.loop = asyncio.get_running_loop()
        desk.session.start()
        watcher = asyncio.create_task(routes.watch_inputs(desk))
        try:
            yield
        finally:
            watcher.cancel()
            desk.session.stop()
            desk._broadcast(None)              # ends every event stream
            desk.renderer.close()

    app = Starlette(routes=[
        Route("/", routes.index),
        Route("/pages/{number:int}.png", routes.page_png),
        Route("/blocks.json", routes.blocks),
        Route("/events", routes.events),
        Route("/issue.yaml", routes.issue_text),
        Route("/blocks/{bid}/place", routes.set_place, methods=["POST"]),
        Route("/blocks/{bid}/lock", routes.set_lock, methods=["POST"]),
        Route("/undo", routes.undo, methods=["POST"]),
        Route("/compose", routes.compose, methods=["POST"]),
        Route("/alternatives", routes.alternatives, methods=["POST"]),
        Route("/places", routes.set_places, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ], lifespan=lifespan)
    app.state.desk = desk
    return _guard(app, lambda: desk.port)


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (port 0: any free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    return sock


def serve(issue: str, out: Path, port: int = 8017, check: bool = True,
          ready=None) -> int:
    """Run the desk until Ctrl-C. `ready(url)` is called once it listens."""
    import uvicorn
    sock = bind(port)
    desk = Desk(issue, out, check)
    desk.port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{desk.port}/"
    config = uvicorn.Config(make_app(desk), log_level="warning", lifespan="on",
                            timeout_graceful_shutdown=1, access_log=False)
    server = uvicorn.Server(config)
    print(f"desk for {issue}: {url}  (PDF: {out}; Ctrl-C to stop)", flush=True)
    if ready is not None:
        threading.Thread(target=_when_up, args=(server, url, ready), daemon=True).start()
    server.run(sockets=[sock])
    return 0


def _when_up(server, url, ready) -> None:
    while not server.started and not server.should_exit:
        time.sleep(0.02)
    if server.started:
        ready(url)


def memory() -> dict:
    """The process's resident memory now and at its peak, MB (Linux /proc)."""
    out = {}
    try:
        for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line[:5].lower()] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return out
