"""Page boxes and size against the format: one PDF page per page of the issue, each the
format's trimmed size, upright, with its boxes nested as a print shop expects.

Place in the pipeline: after `pdfread`; reads the page dictionaries (pypdf). References: PDF
32000-1 §14.11.2 (page boundaries: MediaBox ⊇ BleedBox ⊇ TrimBox, CropBox the visible
region) and the format presets (formats.py: 对开 390 × 540 mm, 四开 275 × 390 mm). The writer
sets no bleed (newspaper pages are printed on the web press without bleed), so a page is its
MediaBox; a TrimBox, when present, must still be the trimmed size.
"""
from __future__ import annotations

from .expect import PageExpect
from .findings import Finding
from .pdfread import PdfPage

TOL = 0.05     # pt; 390 mm = 1105.5118 pt, written as 1105.512
MM = 72 / 25.4


def _size(b) -> tuple[float, float]:
    return abs(b[2] - b[0]), abs(b[3] - b[1])


def _contains(outer, inner) -> bool:
    return (min(outer[0], outer[2]) - TOL <= min(inner[0], inner[2])
            and max(inner[0], inner[2]) <= max(outer[0], outer[2]) + TOL
            and min(outer[1], outer[3]) - TOL <= min(inner[1], inner[3])
            and max(inner[1], inner[3]) <= max(outer[1], outer[3]) + TOL)


def check_count(pages: list[PdfPage], expected: int) -> list[Finding]:
    if len(pages) == expected:
        return []
    return [Finding(None, None, "page-count", f"the PDF has {len(pages)} page"
                    f"{'s' * (len(pages) != 1)}, the issue {expected}")]


def check_boxes(page: PdfPage, exp: PageExpect) -> list[Finding]:
    f = exp.fmt
    out = []
    mb = page.boxes["/MediaBox"]
    w, h = _size(mb)
    if abs(w - f.trim_w) > TOL or abs(h - f.trim_h) > TOL:
        out.append(Finding(exp.number, None, "page-size",
                           f"PDF page {page.index} is {w / MM:.1f} × {h / MM:.1f} mm "
                           f"({w:.2f} × {h:.2f} pt); the {f.name} format trims to "
                           f"{f.trim_w / MM:.1f} × {f.trim_h / MM:.1f} mm"))
    trim = page.boxes.get("/TrimBox", mb)
    tw, th = _size(trim)
    if "/TrimBox" in page.boxes and (abs(tw - f.trim_w) > TOL or abs(th - f.trim_h) > TOL):
        out.append(Finding(exp.number, None, "page-box",
                           f"TrimBox is {tw:.2f} × {th:.2f} pt, not the trimmed size "
                           f"{f.trim_w:.2f} × {f.trim_h:.2f} pt"))
    for name in ("/CropBox", "/BleedBox"):
        box = page.boxes.get(name)
        if box is not None and not _contains(box, trim):
            out.append(Finding(exp.number, None, "page-box",
                               f"{name[1:]} {[round(v, 2) for v in box]} cuts into the trimmed "
                               f"page {[round(v, 2) for v in trim]}"))
    for name in ("/TrimBox", "/BleedBox", "/CropBox"):
        box = page.boxes.get(name)
        if box is not None and not _contains(mb, box):
            out.append(Finding(exp.number, None, "page-box",
                               f"{name[1:]} reaches outside the MediaBox"))
    if page.rotate % 360:
        out.append(Finding(exp.number, None, "page-box",
                           f"the page is rotated by {page.rotate}°; pages are set upright"))
    return out
