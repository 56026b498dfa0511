"""rlfonts: the faces registered with ReportLab read their tables lazily, and give the same
widths, names and metrics as ReportLab's full parse of the file (issue 8)."""
from __future__ import annotations

import pytest

from layout.fonts.fontset import FontSet
from layout.pdf.embed import PdfFonts


@pytest.mark.parametrize("role", ["song", "hei", "kai"])
def test_widths_and_metrics_as_a_full_parse(role):
    from reportlab.pdfbase.ttfonts import TTFontFile
    face = PdfFonts(FontSet()).font(role).face
    ref = TTFontFile(face.filename, charInfo=1)
    cps = sorted(face.charToGlyph)
    assert all(face.getCharWidth(c) == ref.charWidths.get(c, ref.defaultWidth)
               for c in cps[::7] + [0x20, 0xA0, 0x10FFFF])
    assert (face.name, face.bbox, face.flags, face.ascent, face.descent) == (
        ref.name, ref.bbox, ref.flags, ref.ascent, ref.descent)
