"""Page boxes and size against the format: one PDF page per page of the issue, each the
format's trimmed size, upright, with its boxes nested as a print shop expects.

Place in the pipeline: after `pdfread`; reads the page dictionaries (pikepdf). References: PDF
32000-1 §14.11.2 (page boundaries: MediaBox ⊇ BleedBox ⊇ TrimBox, CropBox the visible
region) and the format presets (page.formats: 对开 390 × 540 mm, 四开 275 × 390 mm). Without
bleed or marks the page is its MediaBox; with them (press.pdfx, press.marks) the MediaBox is larger
and the TrimBox is the trimmed page.
"""
from __future__ import annotations

from layout.preflight.expect import PageExpect
from layout.preflight.findings import Finding
from layout.preflight.pdfread import PdfPage

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
    """The trimmed page (TrimBox, or MediaBox without one) is the format's trim; BleedBox and
    CropBox hold it; the MediaBox holds them all; the page is upright."""
    f = exp.fmt
    out = []
    mb = page.boxes["/MediaBox"]
    trim = page.boxes.get("/TrimBox", mb)
    which = "TrimBox" if "/TrimBox" in page.boxes else "MediaBox"
    w, h = _size(trim)
    if abs(w - f.trim_w) > TOL or abs(h - f.trim_h) > TOL:
        out.append(Finding(exp.number, None, "page-size",
                           f"PDF page {page.index} is {w / MM:.1f} × {h / MM:.1f} mm "
                           f"({which} {w:.2f} × {h:.2f} pt); the {f.name} format trims to "
                           f"{f.trim_w / MM:.1f} × {f.trim_h / MM:.1f} mm"))
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
