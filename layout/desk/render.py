"""Page images for the desk: PNGs of a build's pages, cut to the trimmed page, at the
resolution the browser shows them (a whole page at screen size, or the visible part of a
zoomed page up to 300 dpi as a tile).

PDFium (pypdfium2) is not thread-safe, so every call into it runs on one thread of its own;
images are kept by (build, page, dpi, clip) so several requests, and the image the desk
renders before the browser asks (`prefetch`), are made once. A PNG for the browser is
stored without deflate or row filters (stored_png): on the loopback the bytes cost nothing,
and the encoding takes ~10 ms instead of Pillow's ~95 (level 0) or ~300 (level 6) for a
broadsheet page at 100 dpi; other tools get Pillow's level 6.
"""
from __future__ import annotations

import collections
import io
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

MAX_DPI = 600.0            # a tile; a whole page is limited to MAX_PAGE_PIXELS
MAX_PAGE_PIXELS = 40e6     # 300 dpi of a broadsheet page is 29 Mpx
CACHE_BYTES = 256 << 20


class View(NamedTuple):
    """What to render of a build's PDF: page `index` (0-based) at `dpi`, the whole trimmed
    page or the tile `clip` (x, y, w, h in pt from its top-left corner), PNG deflate `level`
    (0: stored_png, for the browser)."""
    index: int
    dpi: float
    clip: tuple[float, float, float, float] | None = None
    level: int = 6


class Renderer:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="desk-render")
        self._docs: dict[int, object] = {}            # gen -> PdfDocument (pdfium thread)
        self._cache: collections.OrderedDict = collections.OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def png(self, gen: int, pdf: bytes, view: View) -> Future:
        """The PNG of a view of build `gen` (its PDF's bytes) as a future of bytes."""
        view = view._replace(dpi=round(max(9.0, min(float(view.dpi), MAX_DPI)), 1))
        key = (gen, view)
        with self._lock:
            fut = self._cache.get(key)
            if fut is not None:
                self._cache.move_to_end(key)
                return fut
            fut = self._pool.submit(self._render, gen, pdf, view)
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

    def _render(self, gen: int, pdf: bytes, view: View) -> bytes:
        index, dpi, clip, level = view
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
        bitmap = page.render(scale=scale, crop=crop, may_draw_forms=False, rev_byteorder=True)
        try:
            if level == 0 and bitmap.mode == "RGB":
                return stored_png(memoryview(bitmap.buffer).cast("B"), bitmap.width,
                                  bitmap.height, bitmap.stride)
            image = bitmap.to_pil()
        finally:
            bitmap.close()
            page.close()
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buf = io.BytesIO()
        image.save(buf, format="PNG", compress_level=level)
        return buf.getvalue()

    def close(self) -> None:
        self._pool.submit(self._close_before, 1 << 62)
        self._pool.shutdown(wait=True, cancel_futures=True)


def stored_png(pixels: memoryview, width: int, height: int, stride: int) -> bytes:
    """An 8-bit RGB PNG of the rows as they are: no filter, deflate level 0 (stored blocks).
    Pillow filters every row even at level 0: ~95 ms for a broadsheet page at 72 dpi here,
    this ~10 ms; a valid PNG that every decoder reads (PNG spec, ISO/IEC 15948, filter 0)."""
    import struct
    import zlib
    row = width * 3
    raw = b"".join(b"\x00" + pixels[y * stride:y * stride + row] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw, 0))
            + chunk(b"IEND", b""))
