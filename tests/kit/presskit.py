"""Helpers for the print tests: write laid-out pages with the real writer under given print
options, recolour a drawn fill, and render CMYK separations with Ghostscript's tiffsep device."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def write_pages(pages, fonts, out: Path, print_options) -> Path:
    """`pages` (PageLayouts) imposed with `print_options` (issue.model.PrintOptions) and
    written by the real writer to `out`."""
    from layout.page.coverage import used_glyphs
    from layout.pdf.embed import PdfFonts
    from layout.pdf.writer import write_pdf
    from layout.press.icc import load_profile
    from layout.press.pdfx import DocInfo
    from layout.press.sheet import impose
    pdf_fonts = PdfFonts(fonts)
    pdf_fonts.prepare(used_glyphs(pages))
    write_pdf(impose(pages, print_options), pdf_fonts, out,
              DocInfo("print test", profile=load_profile()),
              gray=print_options.color == "gray")
    return out


def recolour_fill(pdf: Path, k: float, cmyk: tuple[float, float, float, float]) -> None:
    """Every `0 0 0 k k` fill colour in the page content set to `cmyk` instead: the tests'
    stand-in for a colour tint (the layout draws gray tints only)."""
    import pikepdf
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        for page in doc.pages:
            ops = []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "k" and [float(v) for v in operands] == [0, 0, 0, k]:
                    operands = [pikepdf.Object.parse(str(v).encode()) for v in cmyk]
                ops.append((operands, op))
            page.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        doc.save(pdf)


def gs() -> str:
    exe = shutil.which("gs")
    if exe is None:
        pytest.skip("Ghostscript (gs) is not installed: .ci/run installs it from Debian; "
                    "without it the separations cannot be rendered")
    return exe


def separations(pdf: Path, out_dir: Path, dpi: int = 150) -> dict:
    """The first page rendered by Ghostscript's tiffsep device, which keeps every process ink
    on its own plate and honours overprint: per ink an 8-bit image, 255 = solid ink."""
    from PIL import Image, ImageOps
    subprocess.run([gs(), "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep",
                    "-dFirstPage=1", "-dLastPage=1", f"-r{dpi}",
                    "-o", str(out_dir / "sep.tif"), str(pdf)], check=True, timeout=300)
    plates = {}
    for ink in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(out_dir / f"sep({ink}).tif") as im:
            plates[ink] = ImageOps.invert(im.convert("L"))
    return plates
