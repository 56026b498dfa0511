"""pdfread: the preflight's own content-stream reader finds every glyph where an independent
reader (pdfminer.six, as pdfplumber uses it) finds it — on the sample page and on a page of
every text operator ReportLab writes (character and word spacing, horizontal scaling, rise,
leading moves, rotated text, forms, standard and embedded fonts) — and reads what the fast
tokenizer cannot split (nested strings, inline images) through qpdf."""
from __future__ import annotations

import io

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.preflight import pdfread
from layout.preflight.pdfread import read_pdf, string_bytes, to_unicode, tokens


def pdfminer_glyphs(path) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, x1, baseline, size) of every glyph in stream order, as pdfminer.six's
    interpreter places them, in the preflight's coordinates (top-left of the MediaBox, y
    down; the text rise included in the baseline)."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    out = []

    class Device(PDFTextDevice):
        def begin_page(self, page, ctm):
            self.x0, self.height = page.mediabox[0], page.mediabox[3]

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, gs):
            a, b, c, d, e, f = matrix
            adv = font.char_width(cid) * fontsize * scaling
            x = c * rise + e - self.x0
            out.append((font.to_unichr(cid), x, x + a * adv,
                        self.height - (d * rise + f), fontsize * (c * c + d * d) ** 0.5))
            return adv

    with open(path, "rb") as fh:
        rm = PDFResourceManager()
        dev = Device(rm)
        interp = PDFPageInterpreter(rm, dev)
        for page in PDFPage.get_pages(fh):
            interp.process_page(page)
    return out


def ours(path) -> list[tuple[str, float, float, float, float]]:
    return [(g.text, g.x0, g.x1, g.base, g.size) for p in read_pdf(str(path)) for g in p.glyphs]


def same(a, b) -> None:
    assert [g[0] for g in a] == [g[0] for g in b]
    for x, y in zip(a, b):
        assert x[1:] == pytest.approx(y[1:], abs=1e-3), (x, y)


def test_sample_page_as_pdfminer_reads_it(sample_build):
    same(ours(sample_build.pdf), pdfminer_glyphs(sample_build.pdf))


def test_every_text_operator_as_pdfminer_reads_it(tmp_path):
    from layout.fonts.fontset import FONT_DIR
    from reportlab.pdfbase import pdfmetrics, ttfonts
    pdfmetrics.registerFont(ttfonts.TTFont("ReadSong", str(FONT_DIR / "song-regular.ttf")))
    path = tmp_path / "ops.pdf"
    c = Canvas(str(path), pagesize=(400, 400))
    t = c.beginText(20, 360)
    t.setFont("Helvetica", 11)
    t.textLine("Plain (parens) and \\ backslash")
    t.setCharSpace(1.5)
    t.setWordSpace(4)
    t.textLine("spaced out words")
    t.setCharSpace(0)
    t.setWordSpace(0)
    t.setHorizScale(80)
    t.setRise(3)
    t.textOut("scaled and risen ")
    t.setHorizScale(100)
    t.setRise(0)
    t.setFont("ReadSong", 12)
    t.textLine("中文，宋体")
    t.moveCursor(30, 10)
    t.textLine("moved 移动")
    c.drawText(t)
    c.saveState()
    c.translate(200, 200)
    c.rotate(30)
    c.setFont("Times-Roman", 14)
    c.drawString(0, 0, "Turned text")
    c.restoreState()
    c.beginForm("f")
    c.setFont("Courier", 10)
    c.drawString(5, 5, "in a form")
    c.endForm()
    c.saveState()
    c.translate(50, 40)
    c.scale(1.5, 1.5)
    c.doForm("f")
    c.restoreState()
    c.save()
    same(ours(path), pdfminer_glyphs(path))


def test_tokens_and_strings():
    toks = tokens(b"BT /F1 9 Tf [<0041 0042> -20 (a\\(b\\)c)] TJ (x\\101\\\ny) Tj ET % note")
    assert toks == [b"BT", b"/F1", b"9", b"Tf", b"[", b"<0041 0042>", b"-20",
                    b"(a\\(b\\)c)", b"]", b"TJ", b"(x\\101\\\ny)", b"Tj", b"ET", b"% note"]
    assert string_bytes(b"<0041 0042>") == b"\x00A\x00B"
    assert string_bytes(b"<414>") == b"A@"                 # an odd digit is followed by 0
    assert string_bytes(b"(x\\101\\\ny)") == b"xAy"
    assert string_bytes(b"(a\\(b\\)c\\n)") == b"a(b)c\n"
    assert tokens(b"BT (a (b (c) d) e) Tj ET") is None      # nested twice: qpdf reads it
    assert tokens(b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q") is None


def test_to_unicode_bfchar_and_bfrange():
    cmap = b"""2 beginbfchar <0001> <4E2D> <0002> <D870DF17> endbfchar
    2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<0078> <00790079>] endbfrange"""
    assert to_unicode(cmap) == {1: "中", 2: "𬌗", 0x10: "A", 0x11: "B", 0x12: "C",
                                0x20: "x", 0x21: "yy"}


def _with_content(src: bytes, dst, data: bytes) -> None:
    """`src` (a PDF) with its first page's content replaced by `data`."""
    with pikepdf.open(io.BytesIO(src)) as pdf:
        pdf.pages[0].Contents = pdf.make_stream(data)
        pdf.save(dst)


def test_what_the_tokenizer_cannot_split_is_read_through_qpdf(tmp_path):
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(200, 200))
    c.setFont("Helvetica", 10)
    c.drawString(10, 10, "x")
    c.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        font = str(list(pdf.pages[0].Resources.Font.keys())[0]).encode("ascii")
    body = (b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00( EI Q BT " + font +
            b" 10 Tf 1 0 0 1 20 100 Tm (a (b (c) d) e) Tj ET")
    path = tmp_path / "odd.pdf"
    _with_content(buf.getvalue(), path, body)
    assert "".join(g[0] for g in ours(path)) == "a (b (c) d) e"
    same(ours(path), pdfminer_glyphs(path))


def test_damaged_file_is_a_check_input_error(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(pdfread.CheckInputError, match="not a readable PDF"):
        read_pdf(str(bad))
