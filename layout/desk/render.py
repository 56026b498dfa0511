"""Page images for the desk: PNGs of a build's pages, cut to the trimmed page, at the
resolution the browser shows them (a whole page at screen size, or the visible part of a
zoomed page up to 300 dpi as a tile).

PDFium (pypdfium2) is not thread-safe, so every call into it runs on one thread of its own;
images are kept by (build, page, dpi, clip) so several requests, and the image the desk
renders before the browser asks (`prefetch`), are made once. A PNG for the browser is
stored without deflate (compress level 0): on the loopback the bytes cost nothing and the
encoder's time is a third of level 1's; other tools get level 6.
"""
from __future__ import annotations

import collections
import io
import threading
from concurrent.futures import Future, ThreadPoolExecutor

MAX_DPI = 600.0            # a tile; a whole page is limited to MAX_PAGE_PIXELS
MAX_PAGE_PIXELS = 40e6     # 300 dpi of a broadsheet page is 29 Mpx
CACHE_BYTES = 256 << 20


class Renderer:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="desk-render")
        self._docs: dict[int, object] = {}            # gen -> PdfDocument (pdfium thread)
        self._cache: collections.OrderedDict = collections.OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def png(self, gen: int, pdf: bytes, index: int, dpi: float,
            clip: tuple[float, float, float, float] | None = None, level: int = 6) -> Future:
        """The PNG of page `index` (0-based) of build `gen` as a future of bytes."""
        dpi = max(9.0, min(float(dpi), MAX_DPI))
        key = (gen, index, round(dpi, 1), clip, level)
        with self._lock:
            fut = self._cache.get(key)
            if fut is not None:
                self._cache.move_to_end(key)
                return fut
            fut = self._pool.submit(self._render, gen, pdf, index, dpi, clip, level)
            self._cache[key] = fut
        fut.add_done_callback(lambda f, k=key: self._account(k, f))
        return fut

    def _account(self, key, fut: Future) -> None:
        if fut.exception() is not None:
            with self._lock:
                self._cache.pop(key, None)
            return
        with self._lock:
            self._bytes += len(fut.result())
            while self._bytes > CACHE_BYTES and len(self._cache) > 1:
                _, old = self._cache.popitem(last=False)
                if old.done() and old.exception() is None:
                    self._bytes -= len(old.result())

    def forget_before(self, gen: int) -> None:
        """Drop the documents of older builds (on the pdfium thread)."""
        self._pool.submit(self._close_before, gen)

    def _close_before(self, gen: int) -> None:
        for g in [g for g in self._docs if g < gen]:
            self._docs.pop(g).close()

    def _doc(self, gen: int, pdf: bytes):
        import pypdfium2 as pdfium
        doc = self._docs.get(gen)
        if doc is None:
            doc = self._docs[gen] = pdfium.PdfDocument(pdf)
        return doc

    def _render(self, gen, pdf, index, dpi, clip, level) -> bytes:
        page = self._doc(gen, pdf)[index]
        ml, mb, mr, mt = page.get_mediabox()
        tl, tb, tr, tt = page.get_trimbox()
        tw, th = tr - tl, tt - tb
        x, y, w, h = clip or (0.0, 0.0, tw, th)
        x, y = max(0.0, min(x, tw)), max(0.0, min(y, th))
        w, h = max(1.0, min(w, tw - x)), max(1.0, min(h, th - y))
        scale = dpi / 72
        if w * h * scale * scale > MAX_PAGE_PIXELS:
            scale = (MAX_PAGE_PIXELS / (w * h)) ** 0.5
        crop = (tl - ml + x, tb - mb + (th - y - h), mr - tr + (tw - x - w), mt - tt + y)
        image = page.render(scale=scale, crop=crop, may_draw_forms=False).to_pil()
        page.close()
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buf = io.BytesIO()
        image.save(buf, format="PNG", compress_level=level)
        return buf.getvalue()

    def close(self) -> None:
        self._pool.submit(self._close_before, 1 << 62)
        self._pool.shutdown(wait=True, cancel_futures=True)
