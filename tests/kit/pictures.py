"""Picture, ad and logo files for the tests, made on the spot: every Pillow mode a press may
be handed, TIFFs Pillow cannot write itself (CIELAB with signed a*/b*, 16-bit RGB, float), a
PNG that claims 144 million pixels in a few hundred kilobytes, vector ads (ReportLab, CMYK,
an embedded font or a standard one, RGB on purpose) and SVG logos."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

from tests.kit.paths import ROOT

HEI = ROOT / "fonts" / "hei-bold.ttf"


def tiff(path: Path, w: int, h: int, spp: int, bps: int, photometric: int, data: bytes,
         sampleformat: int = 1, extra: int | None = None) -> Path:
    """A baseline little-endian TIFF, one uncompressed strip (TIFF 6.0 §§ 2–8)."""
    bps_bytes = struct.pack(f"<{spp}H", *([bps] * spp))
    sf_bytes = struct.pack(f"<{spp}H", *([sampleformat] * spp))
    off_data = 8
    off_bps = off_data + len(data)
    off_sf = off_bps + len(bps_bytes)
    off_ifd = off_sf + len(sf_bytes) + (off_sf + len(sf_bytes)) % 2
    entries = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, spp, bps if spp == 1 else off_bps),
               (259, 3, 1, 1), (262, 3, 1, photometric), (273, 4, 1, off_data),
               (277, 3, 1, spp), (278, 4, 1, h), (279, 4, 1, len(data)), (284, 3, 1, 1),
               (339, 3, spp, sampleformat if spp == 1 else off_sf)]
    if extra is not None:
        entries.append((338, 3, 1, extra))
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in sorted(entries):
        if typ == 3 and count == 1:
            ifd += struct.pack("<HHIHH", tag, typ, count, value, 0)
        else:
            ifd += struct.pack("<HHII", tag, typ, count, value)
    blob = b"II*\x00" + struct.pack("<I", off_ifd) + data + bps_bytes + sf_bytes
    path.write_bytes(blob + b"\0" * (off_ifd - len(blob)) + ifd + b"\0\0\0\0")
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bomb(path: Path, w: int = 12_000, h: int = 12_000) -> Path:
    """A valid 8-bit gray PNG of w × h black pixels: ~140 KB that inflate to w × h bytes."""
    z = zlib.compressobj(9)
    row = b"\0" * (w + 1)
    body = b"".join(z.compress(row) for _ in range(h)) + z.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                     + png_chunk(b"IDAT", body) + png_chunk(b"IEND", b""))
    return path


def photo(path: Path, w: int = 600, h: int = 400, mode: str = "RGB", **save) -> Path:
    """A smooth test picture (a diagonal gradient with a dark disc off centre) in `mode`."""
    from PIL import Image, ImageDraw
    im = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    ImageDraw.Draw(im).ellipse((w * 0.6, h * 0.2, w * 0.8, h * 0.5), fill=(30, 60, 120))
    im.convert(mode).save(path, **save)
    return path


def pdf_ad(path: Path, w_pt: float, h_pt: float, text: str = "春季大促 全场五折",
           rgb: bool = False, embed: bool = True, trim: bool = False) -> Path:
    """A one-page ad: a CMYK (or, on purpose, RGB) background and a line of text in an
    embedded TrueType font (or in Helvetica, never embedded). With `trim`, the page is 9 pt
    larger all round (bleed) and its TrimBox is the ad."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    pad = 9.0 if trim else 0.0
    if "AdHei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("AdHei", str(HEI)))
    c = Canvas(str(path), pagesize=(w_pt + 2 * pad, h_pt + 2 * pad), invariant=1,
               initialFontName="AdHei" if embed else "Helvetica")
    if rgb:
        c.setFillColorRGB(0.9, 0.1, 0.1)
    else:
        c.setFillColorCMYK(0, 0.9, 0.8, 0)
    c.rect(0, 0, w_pt + 2 * pad, h_pt + 2 * pad, stroke=0, fill=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    if embed:
        c.setFont("AdHei", 18)
    else:
        c.setFont("Helvetica", 18)
        text = "SALE 50% OFF"
    c.drawString(pad + 12, pad + h_pt / 2 - 6, text)
    c.showPage()
    c.save()
    if trim:
        import pikepdf
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.pages[0].obj.TrimBox = [pad, pad, pad + w_pt, pad + h_pt]
            pdf.save(path)
    return path


def svg_logo(path: Path, text: bool = False) -> Path:
    """A 120 × 30 mm SVG: a red band, a white disc ringed in black, a gray bar (and text)."""
    extra = '<text x="40" y="20" font-size="10">四川科技报</text>' if text else ""
    path.write_text(f"""<svg xmlns="http://www.w3.org/2000/svg" width="120mm" height="30mm"
     viewBox="0 0 120 30">
  <rect x="0" y="0" width="120" height="30" fill="#c8102e"/>
  <circle cx="15" cy="15" r="10" fill="#ffffff" stroke="#000000" stroke-width="1"/>
  <path d="M30 5 L110 5 L110 25 L30 25 Z" fill="#808080"/>{extra}
</svg>""", encoding="utf-8")
    return path


ART_ISSUE = """\
paper: {{name: 测试报, pinyin: CESHI BAO, logo: logo.svg}}
issue: {{date: 2023-01-13, number: 2}}
pages:
  - number: 1
    name: 要闻
    format: tabloid
    stories:
      - id: a
        headline: 省科协召开年度总结报告会
        place: {{col: 1, span: 3, row: 1, rows: 12}}
        body: |
          1月5日，省科协召开部门年度总结报告会，对省科协2022年工作进行总结和回顾。
    pictures:
      - id: p1
        file: p1.jpg
        focus: [0.7, 0.35]
        caption: 1月5日，省科协召开部门年度总结报告会。
        credit: 本报记者 林晓雯 摄
        place: {{col: 4, span: 3, row: 1, rows: 20}}
      - id: p2
        file: {p2}
        fit: fit
        caption: 科普日活动现场。
        credit: 彭佳 摄
        place: {{col: 1, span: 2, row: 13, rows: 37}}
    ads:
      - id: ad1
        file: ad.pdf
        place: {{col: 1, span: 6, row: 50, rows: foot}}
"""


def art_issue(d: Path, low_ppi: bool = False) -> Path:
    """A tabloid front page with an SVG logo, a photo cropped by focus, a photo fitted, and a
    PDF ad at the foot (its text 春季大促 全场五折 in an embedded font). `low_ppi`: the second
    photo is 60 × 90 px, 19 ppi in its frame."""
    from layout.page.formats import TABLOID
    photo(d / "p1.jpg", 3000, 2000, quality=90)
    photo(d / "p2.png", 60 if low_ppi else 800, 90 if low_ppi else 1200)
    svg_logo(d / "logo.svg")
    pdf_ad(d / "ad.pdf", TABLOID.span_w(6), 8 * TABLOID.pitch)   # page 1: rows 51–58
    (d / "art.yaml").write_text(ART_ISSUE.format(p2="p2.png"), encoding="utf-8")
    return d / "art.yaml"


def rewrite_art(result, items, out: Path) -> Path:
    """The art issue's page 1 written again by the real press and writer from altered items
    (`result`: its BuildResult, whose pages carry the pictures' data already)."""
    from layout.fonts.fontset import FontSet
    from layout.page.coverage import used_glyphs
    from layout.pdf.embed import PdfFonts
    from layout.pdf.writer import write_pdf
    from layout.press.artwork import forms_of
    from layout.press.icc import load_profile
    from layout.press.pdfx import DocInfo
    from layout.press.pictures import develop_pages
    from layout.press.sheet import impose
    profile = load_profile()
    page = result.pages[0]._replace(items=tuple(items))
    pages = develop_pages([page], profile.data, False)
    fonts = PdfFonts(result.fonts or FontSet())
    fonts.prepare(used_glyphs(pages))
    write_pdf(impose(pages, result.issue.print), fonts, out,
              DocInfo("planted", profile=profile, forms=forms_of(pages, profile.data, False)))
    return out
