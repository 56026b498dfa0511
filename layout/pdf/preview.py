"""PNG previews of a built PDF, one per page, with pypdfium2 (PDFium from a pip wheel: no
system libraries, so `pip install` alone makes it work on a fresh machine)."""
from __future__ import annotations

from pathlib import Path

from layout.press import atomic


def write_pngs(pdf: Path, out_dir: Path, dpi: float = 100.0, stem: str = "") -> list[Path]:
    """A PNG per page of `pdf`, named STEM-pN.png (STEM: the PDF's own stem by default; a
    staged build passes the name the PDF will have)."""
    import pypdfium2 as pdfium   # lazy: only builds that ask for previews pay for it

    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    paths = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil()
            path = out_dir / f"{stem or pdf.stem}-p{i + 1}.png"
            atomic.save(lambda f, im=image: im.save(f, format="PNG"), path)
            paths.append(path)
    finally:
        doc.close()
    return paths
