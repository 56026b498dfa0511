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


def test_the_plain_lines_loop_writes_what_the_styled_one_writes(sample_build):
    """LineWriter._text (a line without bars or synthetic bold, nearly all) repeats
    _styled's loop without render modes (5e7cb40): on every line of the sample page, with
    its marked content as the writer draws it (pdf.tags) and with a sequence changing
    mid-line, and on a line without glyphs, both write the same operators."""
    from layout.fonts.fontset import FontSet
    from layout.page.coverage import used_glyphs
    from layout.page.reading import structure
    from layout.pdf import tags
    from layout.pdf.embed import PdfFonts
    from layout.pdf.text import LineWriter
    from layout.pdf.writer import NO_FONT, PressCanvas
    pages = sample_build.pages
    fonts = PdfFonts(FontSet())
    fonts.prepare(used_glyphs(pages))
    c = PressCanvas(None, pagesize=(600, 800), invariant=1, initialFontName=NO_FONT)
    lines = LineWriter(c, fonts)
    reading = structure(pages)
    tagger = tags.Tagger(reading)
    h, ink = 1530.7, (0.0, 0.0, 0.0, 1.0)
    plain = []
    for item, mark in zip(pages[0].items, reading.marks[0]):
        if (isinstance(item, TextLine) and not item.bars and len(item.line.glyphs) > 1
                and not any(g.face in lines.bold for g in item.line.glyphs)):
            plain.append((item, mark))
    for item, mark in plain:
        n = len(item.line.glyphs)
        cases = [tagger.line(0, item, mark).events,
                 ((0, False, "/P <</MCID %d>> BDC"), (n // 2, True, "/Span <</MCID %d>> BDC"),
                  (n, True, None))]
        for events in cases:
            want = lines._styled(item, h, ink, {i: (close, op) for i, close, op in events})
            assert lines._text(item, h, ink, events) == want, item.line.text
    empty = item._replace(line=item.line._replace(glyphs=(), text=""))
    events = ((0, False, "/P <</MCID %d>> BDC " + tags.EMC),)
    assert lines._text(empty, h, ink, events) == lines._styled(empty, h, ink, {0: events[0][1:]})
    assert len(plain) > 100
