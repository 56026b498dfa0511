"""Stage: pages on their sheets -> one PDF file. Replays the placed items; decides nothing.

Every glyph is drawn at the x the composer chose (pdf.text: one TJ array per run of one font,
the gaps as numbers), so compression and justification are exactly what layout measured; the
—— bars and the bleed were decided before (page.finish, press.sheet). Colours are DeviceCMYK
with black as 100 % K only (docs/newspaper-conventions.md, print production: no rich black
text). The canvas is created with `initialFontName` set to an embedded font, so the file
references no unembedded Helvetica, and with `invariant=1`, so the same input gives the same
bytes. Print production is in its own modules: press.marks (crop and registration marks,
colour bar), press.inks (CMYK/gray only, the grayscale mode, pictures converted to CMYK) and
press.pdfx (PDF/X-4 or X-1a, output intent, metadata, repeatable bytes, and the atomic write:
an interrupted build never leaves a truncated PDF where the previous good one was).
"""
from __future__ import annotations

import io
from pathlib import Path

from layout.pdf.embed import PdfFonts  # first: it imports ReportLab's ttfonts without uharfbuzz
from reportlab import rl_config  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from layout.page.items import Box, Image, Marker, PageLayout, Rule, TextLine  # noqa: E402
from layout.pdf.text import LineWriter  # noqa: E402
from layout.press import marks, pdfx  # noqa: E402
from layout.press.inks import PressCanvas, press_image  # noqa: E402
from layout.press.pdfx import DocInfo  # noqa: E402


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
    """The picture converted to the press's CMYK (or gray) before it is embedded (press.inks):
    no RGB image reaches the file."""
    profile = getattr(c, "press_profile", None)
    if profile is None:
        return path
    return ImageReader(press_image(path, profile, getattr(c, "press_gray", False)))


def write_pdf(sheets, fonts: PdfFonts, out: Path, doc: DocInfo, gray: bool = False) -> int:
    """Write every (page, sheet) pair of `sheets` (press.sheet.impose: items already carried
    into the bleed) to `out` as a print file, atomically; returns the size in bytes. Each
    page is drawn translated onto its sheet, never scaled; press.pdfx.finish sets the boxes,
    the output intent and the metadata (`doc`) and moves the file into place. `gray`: every
    colour and picture as DeviceGray."""
    buf = io.BytesIO()
    fonts.font("song")   # registered before the canvas names it as its initial font
    # No ASCII85 on the streams: it only makes binary data printable, +25 % in size, and
    # ReportLab's pure-Python encoder took 10 ms for the sample page. Restored afterwards:
    # the switch is ReportLab's global.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        c = PressCanvas(buf, gray=gray, pagesize=sheets[0][1].size, invariant=1,
                        pageCompression=1, initialFontName=fonts.pdf_name("song"),
                        initialFontSize=9)
        c.press_profile = doc.profile.data
        c.setTitle(doc.title)
        c.setCreator("layout")
        lines = LineWriter(c, fonts)
        for page, sheet in sheets:
            c.setPageSize(sheet.size)
            c.saveState()
            c.translate(float(sheet.inset), float(sheet.inset))
            _draw(c, page, lines)
            c.restoreState()
            marks.draw(c, sheet, gray)
            c.showPage()
        c.save()
    finally:
        rl_config.useA85 = a85
    return pdfx.finish(buf.getvalue(), out, [s for _, s in sheets], doc)
