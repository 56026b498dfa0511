"""pdfx: the print file's identity (content-derived ID, fixed dates), its metadata (Info and
XMP agree), the output profile checks, and the atomic write."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import xml.etree.ElementTree as ET

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.page.formats import TABLOID
from layout.page.items import PageLayout
from layout.press import marks, pdfx
from layout.press import icc
from layout.press import sheet
from tests.kit.paths import ROOT

ICC = (ROOT / "icc" / "default_cmyk.icc").read_bytes()
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/", "pdfx": "http://ns.adobe.com/pdfx/1.3/"}


def test_dates_are_the_issue_date_at_midnight_china_time():
    t = pdfx.fixed_time(dt.date(2023, 1, 13))
    assert pdfx.pdf_date(t) == "D:20230113000000+08'00'"
    assert pdfx.xmp_date(t) == "2023-01-13T00:00:00+08:00"
    assert pdfx.fixed_time(None) == dt.datetime(2000, 1, 1, tzinfo=pdfx.CST)
    west = dt.datetime(2023, 5, 6, 7, 8, 9, tzinfo=dt.timezone(-dt.timedelta(hours=5.5)))
    assert pdfx.pdf_date(west) == "D:20230506070809-05'30'"


def test_document_id_from_content_and_settings():
    a = pdfx.document_id(b"%PDF content", "x4|")
    assert a == pdfx.document_id(b"%PDF content", "x4|") and len(a) == 16
    assert uuid.UUID(bytes=a).version == 5
    assert a != pdfx.document_id(b"%PDF content!", "x4|")
    assert a != pdfx.document_id(b"%PDF content", "x1a|")


@pytest.mark.parametrize("level, version, conformance", [
    ("x4", "PDF/X-4", None), ("x1a", "PDF/X-1:2001", "PDF/X-1a:2001"), ("none", None, None)])
def test_xmp_packet_keys(level, version, conformance):
    doc_id = pdfx.document_id(b"c", "s")
    when = pdfx.fixed_time(dt.date(2023, 1, 13))
    packet = pdfx.xmp_packet(pdfx.DocInfo("科技 & <报>", pdfx=level), when, doc_id)
    d = ET.fromstring(packet.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0]) \
        .find("rdf:RDF/rdf:Description", NS)
    assert d.find("dc:title/rdf:Alt/rdf:li", NS).text == "科技 & <报>"     # escaped, read back
    for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        assert d.find(key, NS).text == "2023-01-13T00:00:00+08:00"
    assert d.find("pdf:Trapped", NS).text == "False"
    ident = f"uuid:{uuid.UUID(bytes=doc_id)}"
    assert d.find("xmpMM:DocumentID", NS).text == d.find("xmpMM:InstanceID", NS).text == ident
    x4 = d.find("pdfxid:GTS_PDFXVersion", NS)
    x1 = d.find("pdfx:GTS_PDFXVersion", NS)
    assert (x4 is not None) == (level == "x4") and (x1 is not None) == (level == "x1a")
    if version:
        assert (x4 if level == "x4" else x1).text == version
    conf = d.find("pdfx:GTS_PDFXConformance", NS)
    assert (conf.text if conf is not None else None) == conformance


def test_check_icc():
    assert icc.check_icc(ICC) == ""
    assert icc.check_icc(b"not a profile" * 20) == "not an ICC profile"
    rgb = ICC[:16] + b"RGB " + ICC[20:]
    assert icc.check_icc(rgb) == "its colour space is RGB, not CMYK"
    monitor = ICC[:12] + b"mntr" + ICC[16:]
    assert icc.check_icc(monitor) == "it is a 'mntr' profile, not an output (prtr) profile"


def test_load_profile(tmp_path):
    own = tmp_path / "press.icc"
    own.write_bytes(ICC)
    bundled = icc.load_profile()
    assert (bundled.condition, bundled.info) == (icc.DEFAULT_CONDITION,
                                                 icc.DEFAULT_CONDITION_TEXT)
    assert icc.load_profile(own).condition == "Custom"
    assert icc.load_profile(own, "IFRA26").condition == "IFRA26"
    (tmp_path / "bad.icc").write_bytes(ICC[:16] + b"RGB " + ICC[20:])
    with pytest.raises(icc.ProfileError, match="bad.icc: its colour space is RGB"):
        icc.load_profile(tmp_path / "bad.icc")
    with pytest.raises(icc.ProfileError, match="cannot read the ICC profile"):
        icc.load_profile(tmp_path / "missing.icc")


def _canvas(pages: int = 1) -> Canvas:
    c = Canvas(None, pagesize=(TABLOID.trim_w, TABLOID.trim_h), invariant=1)
    for _ in range(pages):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.rect(10, 10, 20, 20, fill=1)
        c.showPage()
    return c


def _sheet(bleed_mm=3, mark=True):
    return sheet.sheet(PageLayout(1, "一", TABLOID, (), ()), bleed_mm, mark, False)


@pytest.mark.parametrize("level, header", [("x4", "1.6"), ("x1a", "1.3"), ("none", None)])
def test_finish_writes_boxes_info_intent_and_id(tmp_path, level, header):
    out = tmp_path / "o.pdf"
    s = _sheet()
    c = _canvas()
    pdfx.finish(c, [s], pdfx.DocInfo(
        "四川科技报", dt.date(2023, 1, 13), level, icc.load_profile(), "k"), b"drawn")
    size = pdfx.write(c, out)
    assert size == out.stat().st_size
    with pikepdf.open(out) as pdf:
        if header:
            assert pdf.pdf_version == header
        p = pdf.pages[0].obj
        assert [float(v) for v in p.TrimBox] == pytest.approx([float(v) for v in s.trim_box])
        assert [float(v) for v in p.MediaBox] == pytest.approx([float(v) for v in s.media])
        assert "/CropBox" not in p and "/ArtBox" not in p
        info = pdf.trailer.Info
        assert str(info.Title) == "四川科技报" and info.Trapped == pikepdf.Name("/False")
        assert str(info.CreationDate) == str(info.ModDate) == "D:20230113000000+08'00'"
        assert ("/GTS_PDFXVersion" in info) == (level != "none")
        assert ("/OutputIntents" in pdf.Root) == (level != "none")
        deflated = (ROOT / "icc" / "default_cmyk.icc.deflated").read_bytes()
        doc_id = pdfx.document_id(b"drawn", f"{level}|k|" + hashlib.sha256(deflated).hexdigest())
        assert bytes(pdf.trailer.ID[0]) == doc_id
        assert bytes(pdf.trailer.ID[1]).endswith(b"LYT1")     # the seal (press.seal)
        if level != "none":
            (intent,) = pdf.Root.OutputIntents
            assert str(intent.OutputConditionIdentifier) == icc.DEFAULT_CONDITION
            assert intent.DestOutputProfile.read_bytes() == ICC
        xmp = pdf.Root.Metadata
        assert xmp.Subtype == "/XML" and "/Filter" not in xmp
        assert f"uuid:{uuid.UUID(bytes=doc_id)}".encode() in xmp.read_bytes()


def test_finish_is_repeatable_and_refuses_a_page_count_mismatch(tmp_path):
    doc = pdfx.DocInfo("t", dt.date(2023, 1, 13), profile=icc.load_profile())
    for name in ("a.pdf", "b.pdf"):
        c = _canvas()
        pdfx.finish(c, [_sheet()], doc, b"drawn")
        pdfx.write(c, tmp_path / name)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    with pytest.raises(ValueError, match="2 pages written for 1 sheets"):
        pdfx.finish(_canvas(2), [_sheet()], doc, b"drawn")
    with pytest.raises(ValueError, match="unknown PDF/X level"):
        pdfx.finish(_canvas(), [_sheet()], doc._replace(pdfx="x3"), b"drawn")


def test_bundled_profile_is_stored_deflated():
    """The deflated copy the output intent embeds is the profile, byte for byte."""
    import zlib
    deflated = (ROOT / "icc" / "default_cmyk.icc.deflated").read_bytes()
    assert zlib.decompress(deflated) == ICC
    p = icc.load_profile()
    assert p.data == ICC and p.deflated == deflated


def test_icc_description_as_pillow_reads_it():
    from PIL import ImageCms
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()   # v4, mluc
    for d in (ICC, srgb):
        want = ImageCms.ImageCmsProfile(io.BytesIO(d)).profile.profile_description
        assert icc._description(d) == want.strip()
    assert icc._description(b"\0" * 200) == ""
