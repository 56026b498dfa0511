"""ttsubset: the font subsets embedded in the PDF are byte for byte what ReportLab's own
TTFontFile.makeSubset writes (issue 8: subsetting from the file on disk instead)."""
from __future__ import annotations

import random

import pytest

from layout.fonts.fontset import FontSet
from layout.pdf.embed import PdfFonts


@pytest.mark.parametrize("role", ["song", "hei", "kai"])
def test_subsets_are_reportlabs_bytes(role):
    from reportlab.pdfbase.ttfonts import TTFontFile
    face = PdfFonts(FontSet()).font(role).face
    ref = TTFontFile(face.filename, charInfo=1)
    cps = sorted(face.charToGlyph)
    rng = random.Random(8)
    for n in (1, 40, 255):
        subset = [0] + [32] * 32 + rng.sample(cps, n)
        assert face.makeSubset(subset) == ref.makeSubset(subset)
