"""Ads and logos in the finished file: a PDF ad kept vector as a form XObject with its own
fonts and its text extractable, an SVG logo as vector paths in CMYK and gray, photos as
CMYK JPEGs at the pixels layout chose; captions and credits read back in order; no RGB; the
same bytes twice; a colour ad refused on a gray page."""
from __future__ import annotations

import pikepdf
import pytest

from layout.build import BuildOptions, build_issue
from layout.errors import InputError
from tests.kit.pictures import art_issue


@pytest.fixture(scope="module")
def art(tmp_path_factory):
    d = tmp_path_factory.mktemp("art")
    issue = art_issue(d)
    r = build_issue(str(issue), d / "art.pdf")
    return issue, d / "art.pdf", r


def forms(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        xo = pdf.pages[0].obj.Resources.XObject
        return {str(k): (v.stream_dict.get("/Subtype"),
                         v.read_bytes() if v.stream_dict.get("/Subtype") == "/Form" else b"",
                         sorted(str(f.get("/BaseFont")) for f in
                                (v.get("/Resources", {}).get("/Font") or {}).values()),
                         {str(n): (x.get("/Subtype"), str(x.get("/ColorSpace")),
                                   str(x.get("/Filter")), int(x.get("/Width", 0)))
                          for n, x in (v.get("/Resources", {}).get("/XObject") or {}).items()},
                         str(v.get("/ColorSpace")), str(v.get("/Filter")), int(v.get("/Width", 0)))
                for k, v in xo.items()}


def test_the_pdf_ad_is_a_form_xobject_with_its_own_embedded_font(art):
    _, pdf, _ = art
    got = forms(pdf)
    ad = [v for v in got.values() if v[0] == "/Form" and v[2]]
    assert len(ad) == 1
    sub, content, fonts, _, *_ = ad[0]
    assert fonts and all("+" in f or "AdHei" in f or "Noto" in f for f in fonts)
    assert b"Tj" in content or b"TJ" in content          # its text, drawn as text


def test_the_ads_text_can_be_extracted(art):
    from pdfminer.high_level import extract_text
    _, pdf, _ = art
    text = extract_text(str(pdf)).replace(" ", "")
    assert "春季大促" in text and "全场五折" in text


def test_the_svg_logo_is_vector_paths_in_cmyk_and_gray(art):
    _, pdf, _ = art
    logo = [v for v in forms(pdf).values() if v[0] == "/Form" and not v[2]]
    assert len(logo) == 1
    _, content, _, xobjects, *_ = logo[0]
    assert not xobjects                                   # no image inside: paths only
    with pikepdf.open(pdf) as doc:
        (form,) = [v for v in doc.pages[0].obj.Resources.XObject.values()
                   if v.get("/Subtype") == "/Form"
                   and not list((v.get("/Resources", {}).get("/Font") or {}).keys())]
        ops = [str(op) for _, op in pikepdf.parse_content_stream(form)]
    assert {"f", "re"} & set(ops) and ("k" in ops or "g" in ops)
    assert not {"rg", "RG", "sc", "scn"} & set(ops)


def test_photos_are_cmyk_jpegs_at_the_pixels_layout_chose(art):
    _, pdf, r = art
    images = [v for v in forms(pdf).values() if v[0] == "/Image"]
    assert {(v[4], "DCTDecode" in v[5]) for v in images} == {("/DeviceCMYK", True)}
    from layout.page.items import Image
    px = sorted(it.px[0] for it in r.pages[0].items if isinstance(it, Image))
    assert sorted(v[6] for v in images) == px


def test_captions_and_credits_read_back_in_order(art):
    import pdfplumber
    _, pdf, r = art
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_text().replace(" ", "")
    cap = words.index("1月5日，省科协召开部门年度总结报告会。")
    assert cap < words.index("本报记者林晓雯摄")
    assert words.index("科普日活动现场。") < words.index("彭佳摄")


def test_the_check_passes_and_no_rgb_is_anywhere(art):
    from layout.preflight import check_pdf
    issue, pdf, _ = art
    report = check_pdf(str(pdf), str(issue))
    assert report.ok, report.summary()
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
                assert str(d.get("/ColorSpace", "")) not in ("/DeviceRGB", "/CalRGB")


def test_the_same_bytes_twice(art, tmp_path):
    issue, pdf, _ = art
    build_issue(str(issue), tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == pdf.read_bytes()


def test_gray_page_gray_logo_and_refused_colour_ad(tmp_path):
    issue = art_issue(tmp_path)
    with pytest.raises(InputError) as e:
        build_issue(str(issue), tmp_path / "g.pdf", BuildOptions(print={"color": "gray"}))
    (d,) = e.value.diagnostics
    assert "ad.pdf" in d.message and "gray" in d.message and d.line == 28


def test_the_build_lists_every_picture_and_warns_below_the_house_minimum(tmp_path, capsys):
    from layout.cli import main
    from layout.errors import EXIT_CHECK
    issue = art_issue(tmp_path, low_ppi=True)
    code = main(["build", str(issue), "-o", str(tmp_path / "low.pdf")])
    out = capsys.readouterr().out
    assert code == EXIT_CHECK                                   # the check: below 100 ppi
    assert "photo: page 1 'p1' p1.jpg: " in out and " ppi at " in out and ", crop " in out
    assert "warning: page 1: 'p2' prints at 19 ppi, below 170 ppi" in out
    assert "logo: page 1 'page' logo.svg: vector" in out
    assert "ad: page 1 'ad1' ad.pdf: vector" in out
    assert "low-ppi" in out


def test_ornament_images_raster_and_svg_are_drawn_and_checked(tmp_path):
    from layout.preflight import check_pdf
    from tests.kit.pictures import photo, svg_logo
    photo(tmp_path / "orn.png", 120, 120)
    svg_logo(tmp_path / "orn.svg")
    (tmp_path / "o.yaml").write_text("""\
paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 地方科协
    format: tabloid
    stories:
      - id: a
        headline: 省科协召开年度总结报告会
        ornament: orn.png
        place: {col: 1, span: 3, row: 1, rows: 12}
        body: 1月5日，省科协召开部门年度总结报告会。
      - id: b
        headline: 全国科普日活动获表彰
        ornament: orn.svg
        place: {col: 4, span: 3, row: 1, rows: 12}
        body: 近日，巴州区科协承办的活动获中国科协表彰。
""", encoding="utf-8")
    r = build_issue(str(tmp_path / "o.yaml"), tmp_path / "o.pdf")
    from layout.page.items import Image, Vector
    kinds = {(type(it).__name__, it.owner) for it in r.pages[0].items
             if isinstance(it, (Image, Vector))}
    assert kinds == {("Image", "a"), ("Vector", "b")}
    report = check_pdf(str(tmp_path / "o.pdf"), str(tmp_path / "o.yaml"))
    assert report.ok, report.summary()


def test_an_image_ad_framed_by_a_rule_and_a_gray_page_with_an_svg_logo(tmp_path):
    from layout.page.formats import TABLOID
    from layout.page.items import Box, Image, Vector
    from layout.preflight import check_pdf
    from tests.kit.pictures import photo, svg_logo
    w, h = TABLOID.span_w(6), 9 * TABLOID.pitch                # rows 50–58, no label row
    photo(tmp_path / "ad.png", round(w / 72 * 300), round(h / 72 * 300), dpi=(300, 300))
    svg_logo(tmp_path / "logo.svg")
    (tmp_path / "g.yaml").write_text("""\
paper: {name: 测试报, logo: logo.svg}
issue: {date: 2023-01-13}
style: {ad_mark: rule}
print: {color: gray}
pages:
  - number: 1
    name: 要闻
    format: tabloid
    ads:
      - id: ad
        file: ad.png
        place: {col: 1, span: 6, row: 50, rows: foot}
""", encoding="utf-8")
    r = build_issue(str(tmp_path / "g.yaml"), tmp_path / "g.pdf")
    items = r.pages[0].items
    (ad,) = [it for it in items if isinstance(it, Image)]
    assert ad.kind == "ad" and ad.encoding == "FlateDecode/DeviceGray"
    frame = next(it for it in items if isinstance(it, Box) and it.owner == "ad")
    assert frame.x < ad.x and frame.x + frame.w > ad.x + ad.w      # just outside the ad
    assert any(isinstance(it, Vector) and it.kind == "logo" for it in items)
    report = check_pdf(str(tmp_path / "g.pdf"), str(tmp_path / "g.yaml"))
    assert report.ok, report.summary()
    with pikepdf.open(tmp_path / "g.pdf") as pdf:
        for xo in pdf.pages[0].obj.Resources.XObject.values():
            if xo.get("/Subtype") == "/Form":
                ops = {str(op) for _, op in pikepdf.parse_content_stream(xo)}
                assert not {"k", "K", "rg", "RG"} & ops          # the logo in gray only


def test_a_transparent_ad_goes_into_pdf_x4_and_is_refused_for_pdf_x1a(tmp_path):
    from reportlab.pdfgen.canvas import Canvas
    from layout.page.formats import TABLOID
    issue = art_issue(tmp_path)
    w, h = TABLOID.span_w(6), 8 * TABLOID.pitch
    # the font the kit's ads embed, named as the canvas's first font (else Helvetica,
    # never embedded, would be in the page)
    c = Canvas(str(tmp_path / "ad.pdf"), pagesize=(w, h), initialFontName="AdHei")
    c.setFillColorCMYK(0, 1, 1, 0)
    c.setFillAlpha(0.5)                      # a constant alpha: transparency
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.showPage()
    c.save()
    build_issue(str(issue), tmp_path / "x4.pdf")           # PDF/X-4 allows it
    with pytest.raises(InputError) as e:
        build_issue(str(issue), tmp_path / "x1a.pdf", BuildOptions(print={"pdfx": "x1a"}))
    (d,) = e.value.diagnostics
    assert "transparency" in d.message and "PDF/X-4" in d.hint and d.line == 28
