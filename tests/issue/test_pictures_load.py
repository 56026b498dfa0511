"""Loading pictures, ads and logos: files read from their headers, every problem at the
`file:` line — a decompression bomb refused before anything decodes it, damaged and
unsupported files, ads that do not fit their slot (both sizes named), RGB or unembedded
fonts in an ad, text in an SVG logo; the new keys checked like any other."""
from __future__ import annotations

import struct
import time

import pytest

from layout.errors import InputError
from layout.issue.loader import load_issue
from layout.page.formats import TABLOID
from tests.kit.pictures import pdf_ad, photo, png_bomb, svg_logo, tiff

HEAD = """\
paper: {{name: 测试报{logo}}}
issue: {{date: 2023-01-13}}
pages:
  - number: 2
    name: 地方科协
    format: tabloid
"""


def issue(tmp_path, body: str, logo: str = "", style: str = "") -> str:
    path = tmp_path / "i.yaml"
    path.write_text(HEAD.format(logo=f", logo: {logo}" if logo else "") + body + style,
                    encoding="utf-8")
    return str(path)


def pictures(file: str, extra: str = "") -> str:
    return f"""\
    pictures:
      - id: p
        file: {file}
        place: {{col: 1, span: 2, row: 1, rows: 20}}{extra}
"""


def problems(path: str) -> list:
    with pytest.raises(InputError) as e:
        load_issue(path)
    return list(e.value.diagnostics)


def test_a_picture_is_read_from_its_header(tmp_path):
    photo(tmp_path / "a.jpg", 640, 480, quality=80)
    page = load_issue(issue(tmp_path, pictures("a.jpg", "\n        fit: fit\n        "
                                                "focus: [0.2, 0.7]\n        credit: 彭佳 摄"))).pages[0]
    pic = page.pictures[0]
    assert (pic.source.kind, pic.source.width, pic.source.height) == ("JPEG", 640, 480)
    assert (pic.fit, pic.focus, pic.credit) == ("fit", (0.2, 0.7), "彭佳 摄")


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path):
    png_bomb(tmp_path / "bomb.png")            # 12,000 × 12,000: 144 MP in ~140 KB
    t = time.perf_counter()
    (d,) = problems(issue(tmp_path, pictures("bomb.png")))
    assert time.perf_counter() - t < 5           # never decoded (the refusal bound, issue 19)
    assert (d.line, d.column) == (9, 15)
    assert "144.0 million pixels" in d.message and "120 million" in d.message and d.hint


def test_the_pixel_limit_is_a_setting(tmp_path):
    photo(tmp_path / "a.png", 2000, 1000)
    body = pictures("a.png")
    assert problems(issue(tmp_path, body, style="style: {picture_megapixels: 1}\n"))
    assert load_issue(issue(tmp_path, body, style="style: {picture_megapixels: 2}\n"))


def test_damaged_and_unsupported_files_are_refused_at_their_line(tmp_path):
    photo(tmp_path / "a.png", 200, 100)
    data = bytearray((tmp_path / "a.png").read_bytes())
    data[60] ^= 0xFF                             # inside the image data: a CRC mismatch
    (tmp_path / "bad.png").write_bytes(bytes(data))
    (tmp_path / "notes.png").write_text("not a picture")
    Image32 = tiff(tmp_path / "i32.tif", 2, 2, 1, 32, 1, struct.pack("<4I", 1, 2, 3, 4))
    Image32.rename(tmp_path / "i32.tif")
    pdf_ad(tmp_path / "ad.pdf", 100, 50)
    for name, words in (("bad.png", "not a readable image"), ("notes.png", "not a readable"),
                        ("i32.tif", "32-bit integer"), ("ad.pdf", "not a photo")):
        (d,) = problems(issue(tmp_path, pictures(name)))
        assert words in d.message and (d.line, d.column) == (9, 15) and d.hint, (name, d)


@pytest.mark.parametrize("key, value, words", [
    ("fit", "cover", "unknown fit 'cover'"),
    ("focus", "[0.5, 1.5]", "'focus' must be [x, y]"),
    ("focus", "0.5", "'focus' must be [x, y]"),
])
def test_fit_and_focus_are_checked(tmp_path, key, value, words):
    photo(tmp_path / "a.jpg", 64, 48)
    (d,) = problems(issue(tmp_path, pictures("a.jpg", f"\n        {key}: {value}")))
    assert words in d.message and d.line == 11


# -- ads -------------------------------------------------------------------------------------
def ads(file: str, rows: str = "foot", row: int = 50) -> str:
    return f"""\
    ads:
      - id: ad
        file: {file}
        place: {{col: 1, span: 6, row: {row}, rows: {rows}}}
"""


def slot(rows: int) -> tuple[float, float]:
    """The artwork box of a tabloid slot across the page at the foot, the 广告 label's row off."""
    return TABLOID.span_w(6), (rows - 1) * TABLOID.pitch


def test_an_ad_of_its_slots_size_loads(tmp_path):
    w, h = slot(12)                              # rows 50–61
    pdf_ad(tmp_path / "ad.pdf", w, h, trim=True)
    ad = load_issue(issue(tmp_path, ads("ad.pdf"))).pages[0].ads[0]
    assert (ad.source.kind, round(ad.source.width, 2), round(ad.source.height, 2)) == (
        "PDF", round(w, 2), round(h, 2))


def test_an_ad_of_another_size_is_refused_with_both_sizes(tmp_path):
    w, h = slot(12)
    pdf_ad(tmp_path / "ad.pdf", w, h + 20)
    (d,) = problems(issue(tmp_path, ads("ad.pdf")))
    assert (d.line, d.column) == (9, 15)
    assert "244.5 × 65.3 mm" in d.message and "244.5 × 58.2 mm" in d.message, d.message


def test_an_image_ad_is_measured_by_its_resolution(tmp_path):
    w, h = slot(12)
    photo(tmp_path / "ad.png", round(w / 72 * 300), round(h / 72 * 300), dpi=(300, 300))
    assert load_issue(issue(tmp_path, ads("ad.png")))
    photo(tmp_path / "ad2.png", round(w / 72 * 300), round(h / 72 * 300), dpi=(150, 150))
    (d,) = problems(issue(tmp_path, ads("ad2.png")))
    assert "489.0 × 116.5 mm" in d.message


def test_an_rgb_or_unembedded_ad_is_refused(tmp_path):
    w, h = slot(12)
    pdf_ad(tmp_path / "rgb.pdf", w, h, rgb=True)
    pdf_ad(tmp_path / "helv.pdf", w, h, embed=False)
    (d,) = problems(issue(tmp_path, ads("rgb.pdf")))
    assert "RGB" in d.message and "PDF/X-1a" in d.hint
    (d,) = problems(issue(tmp_path, ads("helv.pdf")))
    assert "Helvetica" in d.message and "not embedded" in d.message


def test_an_ad_may_not_overlap_a_story(tmp_path):
    w, h = slot(12)
    pdf_ad(tmp_path / "ad.pdf", w, h)
    body = ads("ad.pdf") + """\
    stories:
      - id: s
        headline: 标题
        place: {col: 1, span: 2, row: 40, rows: 12}
        body: 正文。
"""
    assert any("overlaps" in d.message for d in problems(issue(tmp_path, body)))


# -- logos -------------------------------------------------------------------------------------
def test_svg_logo_loads_and_svg_with_text_is_refused(tmp_path):
    svg_logo(tmp_path / "logo.svg")
    svg_logo(tmp_path / "text.svg", text=True)
    body = pictures("")[:0] + "    stories: []\n"
    paper = load_issue(issue(tmp_path, body, logo="logo.svg")).paper
    assert paper.logo.kind == "SVG" and round(paper.logo.width / 72 * 25.4) == 120
    (d,) = problems(issue(tmp_path, body, logo="text.svg"))
    assert "text" in d.message and "outlines" in d.hint and d.line == 1


def test_a_damaged_or_mismatched_embedded_profile_is_refused(tmp_path):
    import io

    from PIL import Image, ImageCms
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (8, 8)).save(tmp_path / "ok.jpg", icc_profile=srgb)
    Image.new("RGB", (8, 8)).save(tmp_path / "bad.jpg", icc_profile=srgb[:200])
    Image.new("CMYK", (8, 8)).save(tmp_path / "cmyk.jpg", icc_profile=srgb)
    assert load_issue(issue(tmp_path, pictures("ok.jpg")))
    (d,) = problems(issue(tmp_path, pictures("bad.jpg")))
    assert "embedded colour profile cannot be read" in d.message and d.line == 9
    (d,) = problems(issue(tmp_path, pictures("cmyk.jpg")))
    assert "is for RGB colour, the pixels are CMYK" in d.message


def test_rgb_is_found_in_inline_images_and_forms_too(tmp_path):
    import pikepdf
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    from layout.issue.sources import artwork_problems
    Image.new("RGB", (4, 4), (200, 0, 0)).save(tmp_path / "r.png")
    c = Canvas(str(tmp_path / "inline.pdf"), pagesize=(100, 100))
    c.setFillColorCMYK(0, 1, 1, 0)
    c.drawInlineImage(str(tmp_path / "r.png"), 20, 20, 10, 10)
    c.beginForm("f")
    c.setStrokeColorRGB(0, 0, 1)
    c.line(0, 0, 10, 10)
    c.endForm()
    c.doForm("f")
    c.showPage()
    c.save()
    with pikepdf.open(tmp_path / "inline.pdf") as pdf:
        found = artwork_problems(pdf.pages[0])
    assert "an RGB inline image" in found and "RGB colour (the RG operator)" in found
