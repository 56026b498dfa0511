"""Content streams read by the PDF specification (preflight.syntax): operators of Annex A with
the operands their tables give, direct objects as operands; nothing accepted that qpdf's parser
warns about; a page drawing an operator PDF does not have is a damaged file, which qpdf's own
check passes."""
from __future__ import annotations

import io
import random

import pikepdf
import pytest

from layout.preflight.structure import check_structure
from layout.preflight.syntax import content_problems
from tests.kit.checkkit import build_small


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return build_small(tmp_path_factory.mktemp("syntax"))


@pytest.mark.parametrize("stream", [
    b"", b"q 1 0 0 1 10 20 cm Q", b"BT /F1 9 Tf 1 0 0 1 5 5 Tm [<0012> -157 <129a>] TJ ET",
    b"/P <</MCID 3 /ActualText <FEFF0031>>> BDC EMC", b"[] 0 d 0.5 w 0 0 0 1 K",
    b"/Cs1 cs 0.1 0.2 0.3 0.4 sc /P1 scn", b"(a (nested) \\) string) Tj % a comment\n T*",
    b"1 2 (x) \" (y) ' +.5 -3. 4 5 re f*", b"BX 1 2 unknownop EX",
    b"/P <</A [1 [2 3] <<>>]>> BDC EMC", b"%only a comment",
])
def test_well_formed_streams(stream):
    assert content_problems(stream) == []


@pytest.mark.parametrize("stream, said", [
    (b"1 0 0 RG 5 xyz", "operator the PDF format does not have: xyz"),
    (b"1 2 3 Td", "Td with 3 operands, not 2"),
    (b"Tj", "Tj with 0 operands, not 1"),
    (b"sc", "sc without operands"),
    (b"[1 2 TJ", "the operator TJ inside an array"),
    (b"1 2] TJ", "an unmatched ]"),
    (b"/P <</MCID 3] BDC", "an unmatched ]"),
    (b"0 0 m 1 1", "2 operands without an operator at the end"),
    (b"[(a)", "an unclosed [ at the end"),
    (b"1 0 R Do", "operator the PDF format does not have: R"),   # no indirect references
    (b"1 2Td", "operator the PDF format does not have: 2Td"),     # tokens end at delimiters
])
def test_malformed_streams(stream, said):
    found = content_problems(stream)
    assert found and any(said in p for p in found), found


def test_what_only_qpdf_reads_is_left_to_it():
    assert content_problems(b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI") is None
    assert content_problems(b"(a ((deep)) b) Tj") is None       # stray ")" for the tokens
    assert content_problems(b"/A#zz Do") is None                 # a name qpdf warns about


def test_nothing_qpdf_warns_about_is_accepted(small):
    """Random token-level mutations of a real page: each one this reader accepts, qpdf's parser
    reads without an error or a warning; and some qpdf reads are rejected here (an operator
    PDF does not have, a wrong operand count)."""
    with pikepdf.open(small.pdf) as pdf:
        data = pdf.pages[0].obj.Contents.read_bytes()
    assert content_problems(data) == []
    toks = data.split()
    toks = toks[:toks.index(b"ET", 400) + 1]       # a few hundred whole instructions
    rng, accepted, stricter = random.Random(7), 0, 0
    for _ in range(300):
        t = list(toks)
        for _ in range(rng.randrange(1, 4)):
            k = rng.randrange(len(t))
            op = rng.randrange(4)
            if op == 0:
                del t[k]
            elif op == 1:
                t.insert(k, t[rng.randrange(len(t))])
            elif op == 2:
                t[k] = t[k][:-1] or b"]"
            else:
                t[k] = rng.choice((b"[", b"]", b"<<", b">>", b"Zz", b"1", b"/N", b"(s)"))
        mutated = b" ".join(t)
        ours = content_problems(mutated)
        theirs = _qpdf_check(mutated)
        if ours == []:
            accepted += 1
            assert theirs == [], (mutated, theirs)
        elif ours and not theirs:
            stricter += 1
    assert accepted > 10 and stricter > 10     # the test reached both sides


def _qpdf_check(content: bytes) -> list[str]:
    """`qpdf --check` (pikepdf's check_pdf_syntax) of a one-page PDF drawing `content`."""
    with pikepdf.new() as doc:
        doc.add_blank_page()
        doc.pages[0].obj.Contents = pikepdf.Stream(doc, content)
        return doc.check_pdf_syntax()


def test_an_unknown_operator_is_a_damaged_file(small):
    """qpdf's check takes any word for an operator; ISO 32000-1 §7.8.2 does not."""
    with pikepdf.open(small.pdf) as pdf:
        page = pdf.pages[0]
        page.obj.Contents.write(page.obj.Contents.read_bytes() + b"\n1 2 frob\n")
        out = io.BytesIO()
        pdf.save(out)
        assert pdf.check_pdf_syntax() == []
    found = check_structure(out.getvalue())
    assert [f.kind for f in found] == ["file-damaged"]
    assert "page 1: its content stream is not PDF syntax: an operator the PDF format does " \
           "not have: frob" in found[0].message
