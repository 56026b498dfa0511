"""Stage: PageLayouts -> one PDF file. Replays the placed items; decides nothing.

Every glyph is drawn at the x the composer chose (a relative `Td` from the previous glyph,
then the glyph), so compression and justification are exactly what layout measured. Colours
are DeviceCMYK with black as 100 % K only (newspaper-conventions.md, print production: no rich
black text). The canvas is created with `initialFontName` set to an embedded font, so the
file references no unembedded Helvetica, and with `invariant=1`, so the same input gives the
same bytes. The file is written to a temporary name and moved into place: an interrupted
build never leaves a truncated PDF where the previous good one was.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .fonts import FontSet
from .items import Box, Image, Marker, PageLayout, Rule, TextLine


def _ink(gray: float) -> tuple[float, float, float, float]:
    return (0.0, 0.0, 0.0, 1.0 - gray)


def _draw_text(c: Canvas, item: TextLine, h: float, fonts: FontSet) -> None:
    t = c.beginText(item.x, h - item.baseline)
    t.setFillColorCMYK(*_ink(item.gray))
    cur = None
    prev_x = 0.0
    for g in item.line.glyphs:
        if (g.face, g.size) != cur:
            t.setFont(fonts.pdf_name(g.face), g.size)
            cur = (g.face, g.size)
        t.moveCursor(g.x - prev_x, 0)
        prev_x = g.x
        t.textOut(g.ch)
    c.drawText(t)


def _draw(c: Canvas, page: PageLayout, fonts: FontSet) -> None:
    h = page.format.trim_h
    for item in page.items:
        if isinstance(item, TextLine):
            _draw_text(c, item, h, fonts)
        elif isinstance(item, Rule):
            c.setStrokeColorCMYK(0, 0, 0, 1)
            c.setLineWidth(item.width)
            c.line(item.x0, h - item.y0, item.x1, h - item.y1)
        elif isinstance(item, Box):
            if item.fill is not None:
                c.setFillColorCMYK(*_ink(item.fill))
            if item.stroke is not None:
                c.setStrokeColorCMYK(0, 0, 0, 1)
                c.setLineWidth(item.stroke)
            c.rect(item.x, h - item.y - item.h, item.w, item.h,
                   stroke=int(item.stroke is not None), fill=int(item.fill is not None))
        elif isinstance(item, Marker):
            # proof mark in 100 % M + 100 % Y (red): a boxed plus, as layout programs mark
            # overset text; only present when the editor built with --allow-overset
            c.setStrokeColorCMYK(0, 1, 1, 0)
            c.setLineWidth(0.75)
            y = h - item.y - item.size
            c.rect(item.x, y, item.size, item.size, stroke=1, fill=0)
            m = item.size / 2
            c.line(item.x + 2, y + m, item.x + item.size - 2, y + m)
            c.line(item.x + m, y + 2, item.x + m, y + item.size - 2)
        elif isinstance(item, Image):
            c.drawImage(item.path, item.x, h - item.y - item.h, item.w, item.h,
                        preserveAspectRatio=True, anchor="c")


def write_pdf(pages: list[PageLayout], fonts: FontSet, out: Path, title: str) -> int:
    """Write all pages to `out` atomically; returns the size in bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        first = pages[0].format
        fonts.font("song")   # registered before the canvas names it as its initial font
        c = Canvas(tmp, pagesize=(first.trim_w, first.trim_h), invariant=1, pageCompression=1,
                   initialFontName=fonts.pdf_name("song"), initialFontSize=9)
        c.setTitle(title)
        c.setCreator("layout")
        for page in pages:
            c.setPageSize((page.format.trim_w, page.format.trim_h))
            _draw(c, page, fonts)
            c.showPage()
        c.save()
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return out.stat().st_size
