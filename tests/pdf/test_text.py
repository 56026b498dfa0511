"""pdftext: each line's glyphs as TJ arrays, read back from the PDF by pdfminer (independent of
our own numbers), sit exactly where the composer placed them (issue 8: the TJ writer replaced
a Td and a Tj per glyph and must not move anything)."""
from __future__ import annotations

from layout.page.items import TextLine
from layout.preflight.pdfread import read_pdf


def test_every_glyph_where_the_composer_put_it(sample_build):
    """pdfminer interprets the TJ arrays: origins and baselines equal the layout's."""
    (page,) = read_pdf(str(sample_build.pdf))
    want = [(g.ch, it.x + g.x, it.baseline) for it in sample_build.pages[0].items
            if isinstance(it, TextLine) for g in it.line.glyphs]
    got = [(g.text, g.x0, g.base) for g in page.glyphs]
    assert [w[0] for w in want] == [g[0] for g in got]
    worst = max(max(abs(w[1] - g[1]), abs(w[2] - g[2])) for w, g in zip(want, got))
    assert worst < 1e-3, worst          # pt; the numbers carry 0.0005/1000 em
