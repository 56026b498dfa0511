"""Stage: PageLayouts -> one PDF file. Replays the placed items; decides nothing.

Every glyph is drawn at the x the composer chose (pdftext.py: one TJ array per run of one font,
the gaps as numbers), so compression and justification are exactly what layout measured.
Colours are DeviceCMYK with black as 100 % K only (newspaper-conventions.md, print production:
no rich black text). The canvas is created with `initialFontName` set to an embedded font, so
the file references no unembedded Helvetica, and with `invariant=1`, so the same input gives
the same bytes. Print production is in its own modules, called from write_pdf: marks.py (the
sheet: bleed, boxes, crop and registration marks, colour bar), inks.py (CMYK/gray only, the
grayscale mode, pictures converted to CMYK) and pdfx.py (PDF/X-4 or X-1a, output intent,
metadata, repeatable bytes, and the atomic write: an interrupted build never leaves a truncated
PDF where the previous good one was).
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from layout.pdf import embed  # noqa: F401  first: it imports ReportLab's ttfonts without uharfbuzz
from reportlab import rl_config  # noqa: E402
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout.press import marks
from layout.press import pdfx
from layout.fonts.fontset import FontSet
from layout.press.inks import PressCanvas, press_image
from layout.page.items import Box, Image, Marker, PageLayout, Rule, TextLine
from layout.issue.model import PrintOptions
from layout.pdf.text import LineWriter


def _ink(gray: float) -> tuple[float, float, float, float]:
    return (0.0, 0.0, 0.0, 1.0 - gray)


def _draw(c: Canvas, page: PageLayout, lines: LineWriter) -> None:
    h = page.format.trim_h
    for item in page.items:
        if isinstance(item, TextLine):
            lines.draw(item, h, _ink(item.gray))
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
            c.drawImage(_picture(c, item.path), item.x, h - item.y - item.h, item.w, item.h,
                        preserveAspectRatio=True, anchor="c")


def _picture(c: Canvas, path: str):
    """The picture converted to the press's CMYK (or gray) before it is embedded (inks.py):
    no RGB image reaches the file."""
    profile = getattr(c, "press_profile", None)
    if profile is None:
        return path
    return ImageReader(press_image(path, profile, getattr(c, "press_gray", False)))


def write_pdf(pages: list[PageLayout], fonts: FontSet, out: Path, title: str,
              press: PrintOptions | None = None, date: dt.date | None = None) -> int:
    """Write all pages to `out` as a print file (print options `press`: bleed, marks, colour
    mode, PDF/X level), atomically; returns the size in bytes. Each page is drawn translated
    onto its sheet (marks.py), never scaled; pdfx.finish sets the boxes, the output intent
    and the metadata and moves the file into place."""
    press = press or PrintOptions()
    gray = press.color == "gray"
    profile = pdfx.load_profile(press.profile or None, press.condition or None)
    sheets = [marks.sheet(p, press.bleed, press.marks, press.colorbar) for p in pages]
    buf = io.BytesIO()
    fonts.font("song")   # registered before the canvas names it as its initial font
    # No ASCII85 on the streams: it only makes binary data printable, +25 % in size, and
    # ReportLab's pure-Python encoder took 10 ms for the sample page. Restored afterwards:
    # the switch is ReportLab's global.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        c = PressCanvas(buf, gray=gray, pagesize=sheets[0].size, invariant=1,
                        pageCompression=1, initialFontName=fonts.pdf_name("song"),
                        initialFontSize=9)
        c.press_profile = profile.data
        c.setTitle(title)
        c.setCreator("layout")
        lines = LineWriter(c, fonts)
        for page, sheet in zip(pages, sheets):
            c.setPageSize(sheet.size)
            c.saveState()
            c.translate(float(sheet.inset), float(sheet.inset))
            _draw(c, marks.into_bleed(page, sheet), lines)
            c.restoreState()
            marks.draw(c, sheet, gray)
            c.showPage()
        c.save()
    finally:
        rl_config.useA85 = a85
    return pdfx.finish(buf.getvalue(), out, sheets, title=title, date=date, pdfx=press.pdfx,
                       profile=profile, settings=repr(press))
