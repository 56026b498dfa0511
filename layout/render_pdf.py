"""Stage: PageLayouts -> one PDF file. Replays the placed items; decides nothing.

Every glyph is drawn at the x the composer chose (a relative `Td` from the previous glyph,
then the glyph), so compression and justification are exactly what layout measured. Colours
are DeviceCMYK with black as 100 % K only (newspaper-conventions.md, print production: no rich
black text). The canvas is created with `initialFontName` set to an embedded font, so the
file references no unembedded Helvetica, and with `invariant=1`, so the same input gives the
same bytes. Print production is in its own modules, called from write_pdf: marks.py (the
sheet: bleed, boxes, crop and registration marks, colour bar), inks.py (CMYK/gray only, the
grayscale mode, pictures converted to CMYK) and pdfx.py (PDF/X-4 or X-1a, output intent,
metadata, repeatable bytes, and the atomic write: an interrupted build never leaves a
truncated PDF where the previous good one was).
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from . import marks, pdfx
from .inks import PressCanvas, press_image
from .model import PrintOptions

from .fonts import BOLD_STROKE_EM, FontSet
from .items import Box, Image, Marker, PageLayout, Rule, TextLine


def _ink(gray: float) -> tuple[float, float, float, float]:
    return (0.0, 0.0, 0.0, 1.0 - gray)


def _draw_text(c: Canvas, item: TextLine, h: float, fonts: FontSet) -> None:
    """Each glyph in the font of its role's chain that has it (fonts.resolve). Synthetic bold
    strokes the outline (render mode 2, line width BOLD_STROKE_EM of the size, the fill's
    colour); a —— run is one solid bar from fonts.dash_bars, its glyphs kept as invisible text
    (mode 3) so the PDF's text still reads ——."""
    ink = _ink(item.gray)
    glyphs = item.line.glyphs
    bars = fonts.dash_bars(glyphs)
    hidden = {i for b in bars for i in range(b.first, b.end)}
    special = bool(bars) or any(fonts.synthetic_bold(g.face) for g in glyphs)
    if special:
        c.saveState()      # Tr and w are graphics state: restored with Q after the line
    t = c.beginText(item.x, h - item.baseline)
    t.setFillColorCMYK(*ink)
    cur = None
    mode, width = 0, None
    prev_x = 0.0
    for i, g in enumerate(glyphs):
        name = fonts.pdf_name_for(g.face, g.ch)
        if (name, g.size) != cur:
            t.setFont(name, g.size)
            cur = (name, g.size)
        want = 3 if i in hidden else 2 if fonts.synthetic_bold(g.face) else 0
        if want == 2 and width != g.size * BOLD_STROKE_EM:
            width = g.size * BOLD_STROKE_EM
            t.setStrokeColorCMYK(*ink)
            t._code.append(f"{fp_str(width)} w")
        if want != mode:
            t.setTextRenderMode(want)
            mode = want
        t.moveCursor(g.x - prev_x, 0)
        prev_x = g.x
        t.textOut(g.ch)
    c.drawText(t)
    if bars:
        c.setFillColorCMYK(*ink)
        for b in bars:
            c.rect(item.x + b.x, h - item.baseline + b.y, b.w, b.h, stroke=0, fill=1)
    if special:
        c.restoreState()


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
    c = PressCanvas(buf, gray=gray, pagesize=sheets[0].size, invariant=1, pageCompression=1,
                    initialFontName=fonts.pdf_name("song"), initialFontSize=9)
    c.press_profile = profile.data
    c.setTitle(title)
    c.setCreator("layout")
    for page, sheet in zip(pages, sheets):
        c.setPageSize(sheet.size)
        c.saveState()
        c.translate(float(sheet.inset), float(sheet.inset))
        _draw(c, marks.into_bleed(page, sheet), fonts)
        c.restoreState()
        marks.draw(c, sheet, gray)
        c.showPage()
    c.save()
    return pdfx.finish(buf.getvalue(), out, sheets, title=title, date=date, pdfx=press.pdfx,
                       profile=profile, settings=repr(press))
