"""Print production (issue 7): the file a newspaper press accepts, read back with pikepdf and
rendered to separations with Ghostscript.

- page boxes nested and exact: TrimBox is the format's trim, BleedBox the trim plus the
  bleed, MediaBox around both (plus the slug when marks are on);
- PDF/X-4 (default) and PDF/X-1a:2001: the output intent with its embedded CMYK profile,
  GTS_PDFXVersion in Info (and in XMP for X-4), Trapped, ID, title and dates;
- no RGB anywhere: no rg/RG, no 3-component sc/scn, no DeviceRGB/CalRGB/RGB ICCBased colour
  space in any content stream, resource or image (an RGB PNG picture is converted);
- every font embedded;
- separations: the sample's C, M and Y plates carry no ink (black text is 100 % K);
- the same input gives the same bytes; a failed or killed build leaves the previous PDF.
"""
from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest

from layout.build import BuildOptions, build_issue
from layout.errors import OutputError
from layout.page.formats import BROADSHEET, MM
from layout.page.items import Box, PageLayout, Rule
from layout.press import marks, pdfx
from layout.press import icc
from layout.press import sheet
from tests.kit.paths import ROOT, SAMPLE

PROFILE = ROOT / "icc" / "default_cmyk.icc"
TOL = Decimal("0.0001")      # the boxes are written to 0.0001 pt


def _build(tmp_path_factory, name: str, press: dict | None = None, issue: Path = SAMPLE):
    out = tmp_path_factory.mktemp(name) / f"{name}.pdf"
    build_issue(str(issue), out, BuildOptions(print=press))
    return out


@pytest.fixture(scope="module")
def x4(tmp_path_factory):
    return _build(tmp_path_factory, "x4")


@pytest.fixture(scope="module")
def x1a(tmp_path_factory):
    return _build(tmp_path_factory, "x1a", {"pdfx": "x1a", "bleed": 3.0})


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    return _build(tmp_path_factory, "marked", {"marks": True, "colorbar": True, "bleed": 3.0})


@pytest.fixture(scope="module")
def gray(tmp_path_factory):
    return _build(tmp_path_factory, "gray", {"color": "gray", "marks": True, "colorbar": True})


@pytest.fixture(scope="module")
def picture_issue(tmp_path_factory):
    """A small issue with an RGB PNG picture (with transparency) and an RGB JPEG."""
    from PIL import Image
    d = tmp_path_factory.mktemp("pictures")
    im = Image.new("RGBA", (60, 40))
    for x in range(60):
        for y in range(40):
            im.putpixel((x, y), (255 - 4 * x, 6 * y, 128, 255 if x > 10 else 0))
    im.save(d / "photo.png")
    Image.new("RGB", (30, 20), (20, 10, 5)).save(d / "dark.jpg")   # near black: 300 %+ ink
    (d / "issue.yaml").write_text("""\
paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 3
    name: 地方科协
    stories:
      - id: a
        headline: 省科协召开年度总结报告会
        place: {col: 1, span: 3, row: 1, rows: 16}
        body: |
          1月5日，省科协召开部门年度总结报告会，对省科协2022年工作进行总结和回顾。
    pictures:
      - id: photo
        file: photo.png
        place: {col: 4, span: 3, row: 1, rows: 16}
      - id: dark
        file: dark.jpg
        place: {col: 1, span: 3, row: 20, rows: 10}
""", encoding="utf-8")
    return d / "issue.yaml"


@pytest.fixture(scope="module")
def pictures(tmp_path_factory, picture_issue):
    return _build(tmp_path_factory, "pictures", issue=picture_issue)


@pytest.fixture(scope="module")
def pictures_gray(tmp_path_factory, picture_issue):
    return _build(tmp_path_factory, "pictures_gray", {"color": "gray"}, issue=picture_issue)


def _dec(v) -> Decimal:
    return Decimal(str(v))


def _boxes(page) -> dict[str, list[Decimal]]:
    return {k: [_dec(v) for v in page.obj[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox")
            if k in page.obj}


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


# -- boxes --------------------------------------------------------------------------------
@pytest.mark.parametrize("which, bleed_mm, slug", [("x4", 0, False), ("x1a", 3, False),
                                                   ("marked", 3, True)])
def test_boxes_nested_and_exact(request, which, bleed_mm, slug):
    with pikepdf.open(request.getfixturevalue(which)) as pdf:
        for page in pdf.pages:
            b = _boxes(page)
            assert set(b) == {"/MediaBox", "/BleedBox", "/TrimBox"}
            media, bleed, trim = b["/MediaBox"], b["/BleedBox"], b["/TrimBox"]
            assert _inside(trim, bleed) and _inside(bleed, media)
            # the TrimBox is the format's trim, exactly (to the 0.0001 pt the file holds)
            assert abs(trim[2] - trim[0] - _dec(BROADSHEET.trim_w)) <= TOL
            assert abs(trim[3] - trim[1] - _dec(BROADSHEET.trim_h)) <= TOL
            # the BleedBox is the trim plus the bleed on every side
            want = sheet.q(bleed_mm * MM)
            assert [trim[0] - bleed[0], trim[1] - bleed[1],
                    bleed[2] - trim[2], bleed[3] - trim[3]] == [want] * 4
            # room for the marks outside the bleed only when marks are on
            room = [bleed[0] - media[0], bleed[1] - media[1],
                    media[2] - bleed[2], media[3] - bleed[3]]
            if slug:
                assert min(room) > 0
                assert all(r == room[0] for r in room)
                assert room[0] + want >= sheet.q((sheet.MARK_OFFSET_MM + sheet.MARK_LEN_MM) * MM)
            else:
                assert room == [0, 0, 0, 0]
            assert "/CropBox" not in page.obj and "/ArtBox" not in page.obj
        assert pdf.check_pdf_syntax() == []          # qpdf reads the whole file back cleanly


def _page(*items) -> PageLayout:
    return PageLayout(3, "地方科协", BROADSHEET, tuple(items), ())


def test_auto_bleed_only_where_an_element_runs_to_the_edge():
    w = BROADSHEET.trim_w
    inside = _page(Box(100, 100, 200, 50, 0.9, None, "a"))
    edge = _page(Box(0, 100, 200, 50, 0.9, None, "a"),
                 Rule(300, 40, w, 40, 1.0, "r"))
    assert sheet.sheet(inside, None, False, False).bleed == 0
    s = sheet.sheet(edge, None, False, False)
    assert s.bleed == sheet.q(3 * MM)
    assert sheet.sheet(inside, 5, False, False).bleed == sheet.q(5 * MM)   # set: every page
    assert sheet.sheet(edge, 0, False, False).bleed == 0
    # elements at the edge are carried into the bleed; the others are left alone
    box, rule = sheet.into_bleed(edge, s).items
    assert box.x == pytest.approx(-3 * MM, abs=1e-4) and box.w == pytest.approx(200 + 3 * MM, abs=1e-4)
    assert box.y == 100 and box.h == 50
    assert rule.x0 == 300 and rule.x1 == pytest.approx(w + 3 * MM, abs=1e-4)
    assert sheet.into_bleed(inside, sheet.sheet(inside, 3, False, False)).items == inside.items


def test_content_is_translated_not_scaled(x4, marked):
    """With bleed and marks the page is moved onto the larger sheet: same glyph size,
    offset by the inset, never scaled (ReportLab's own bleed scales the artwork)."""
    import pdfplumber

    def first_chars(path):
        with pdfplumber.open(str(path)) as pdf:
            p = pdf.pages[0]
            return [(c["text"], c["x0"], c["top"], c["size"]) for c in p.chars[:50]]

    a, b = first_chars(x4), first_chars(marked)
    with pikepdf.open(marked) as pdf:
        inset = float(_boxes(pdf.pages[0])["/TrimBox"][0])
    for (ta, xa, ya, sa), (tb, xb, yb, sb) in zip(a, b):
        assert ta == tb and sa == pytest.approx(sb)
        assert xb - xa == pytest.approx(inset, abs=0.01)
        assert yb - ya == pytest.approx(inset, abs=0.01)   # from the top: same inset


# -- PDF/X --------------------------------------------------------------------------------
def _intent(pdf):
    intents = pdf.Root.OutputIntents
    assert len(intents) == 1
    oi = intents[0]
    assert oi.Type == "/OutputIntent" and oi.S == "/GTS_PDFX"
    return oi


@pytest.mark.parametrize("which", ["x4", "x1a", "gray"])
def test_output_intent_with_embedded_cmyk_profile(request, which):
    with pikepdf.open(request.getfixturevalue(which)) as pdf:
        oi = _intent(pdf)
        assert str(oi.OutputConditionIdentifier) == icc.DEFAULT_CONDITION == "CGATS TR 001"
        assert str(oi.RegistryName) == "http://www.color.org"
        assert str(oi.Info)
        dest = oi.DestOutputProfile
        assert int(dest.N) == 4
        data = dest.read_bytes()
        assert data == PROFILE.read_bytes()
        assert data[36:40] == b"acsp" and data[12:16] == b"prtr" and data[16:20] == b"CMYK"


def _xmp(pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode("utf-8")


XMP_NS = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdf": "http://ns.adobe.com/pdf/1.3/",
          "pdfxid": "http://www.npes.org/pdfx/ns/id/", "pdfx": "http://ns.adobe.com/pdfx/1.3/"}


def _xmp_values(pdf) -> dict[str, str]:
    """prefix:name -> text of every property of the XMP packet (parsed as XML)."""
    from xml.etree import ElementTree as ET
    root = ET.fromstring(pdf.Root.Metadata.read_bytes().split(b"?>", 1)[1].rsplit(b"<?", 1)[0])
    back = {v: k for k, v in XMP_NS.items()}
    out = {}
    for el in root.iter():
        ns, _, name = el.tag[1:].partition("}")
        if ns in back:
            out[f"{back[ns]}:{name}"] = "".join(el.itertext()).strip()
    return out


def test_pdfx4_identification_and_metadata(x4):
    with pikepdf.open(x4) as pdf:
        assert pdf.pdf_version == "1.6"
        info = pdf.trailer.Info
        assert str(info.GTS_PDFXVersion) == "PDF/X-4"
        assert "/GTS_PDFXConformance" not in info
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Title) == "四川科技报 2023-01-13"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20230113000000+08'00'"
        ids = pdf.trailer.ID
        assert len(ids) == 2 and all(len(bytes(i)) == 16 for i in ids)
        assert pdf.Root.Metadata.Type == "/Metadata" and pdf.Root.Metadata.Subtype == "/XML"
        assert "/Filter" not in pdf.Root.Metadata       # readable by any preflight tool
        meta = _xmp_values(pdf)
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["pdf:Trapped"] == "False"
        assert meta["dc:title"] == "四川科技报 2023-01-13"
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2023-01-13T00:00:00+08:00"
        import uuid
        assert meta["xmpMM:DocumentID"] == f"uuid:{uuid.UUID(bytes=bytes(ids[0]))}"
        assert meta["xmpMM:VersionID"] == "1"
        assert meta["xmpMM:RenditionClass"] == "default"


def test_pdfx1a_identification_and_no_transparency(x1a):
    with pikepdf.open(x1a) as pdf:
        assert pdf.pdf_version == "1.3"
        info = pdf.trailer.Info
        assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert info.Trapped == pikepdf.Name("/False")
        assert len(pdf.trailer.ID) == 2
        assert "/Encrypt" not in pdf.trailer
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) or isinstance(obj, pikepdf.Stream):
                d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
                assert "/SMask" not in d and "/Group" not in d
                for key in ("/CA", "/ca"):
                    assert float(d.get(key, 1)) == 1
                assert d.get("/BM", pikepdf.Name("/Normal")) in (pikepdf.Name("/Normal"),
                                                                pikepdf.Name("/Compatible"))
        for page in pdf.pages:
            assert "/Annots" not in page.obj


def test_no_pdfx_keys_when_asked_for_none(tmp_path):
    out = tmp_path / "plain.pdf"
    build_issue(str(SAMPLE), out, BuildOptions(print={"pdfx": "none"}))
    with pikepdf.open(out) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/GTS_PDFXVersion" not in pdf.trailer.Info
        assert "pdfxid" not in _xmp(pdf)
        assert pdf.trailer.Info.Trapped == pikepdf.Name("/False")


# -- colour ---------------------------------------------------------------------------------
RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab", "/CalGray"}


def _space_problems(cs, where: str) -> list[str]:
    """What is not CMYK or gray about a colour space object."""
    if isinstance(cs, pikepdf.Name):
        return [f"{where}: {cs}"] if str(cs) in RGB_SPACES else []
    if isinstance(cs, pikepdf.Array) and len(cs):
        kind = str(cs[0])
        if kind == "/ICCBased":
            n = int(cs[1].get("/N"))
            return [] if n in (1, 4) else [f"{where}: ICCBased with N={n}"]
        if kind == "/Indexed":
            return _space_problems(cs[1], where + " (Indexed base)")
        if kind in ("/Separation", "/DeviceN"):
            return _space_problems(cs[2], where + f" ({kind} alternate)")
        if kind == "/Pattern" and len(cs) > 1:
            return _space_problems(cs[1], where + " (Pattern base)")
        return [f"{where}: {kind}"] if kind in RGB_SPACES else []
    return []


def _content_streams(pdf):
    """(label, stream or page) of every content stream: pages, form XObjects (whatever
    refers to them) and Type 3 glyph procedures."""
    for i, page in enumerate(pdf.pages):
        yield f"page {i + 1}", page
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.stream_dict.get("/Subtype") == "/Form":
            yield f"form {obj.objgen}", obj
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == "/Type3":
            for name, proc in obj.CharProcs.items():
                yield f"Type 3 glyph {name}", proc


def _colour_problems(pdf) -> list[str]:
    """Colour operators in every content stream; colour spaces of every image, resource
    and group, anywhere in the file."""
    problems = []
    for where, stream in _content_streams(pdf):
        for operands, op in pikepdf.parse_content_stream(stream):
            o = str(op)
            if o in ("rg", "RG"):
                problems.append(f"{where}: {o}")
            elif o in ("sc", "SC", "scn", "SCN") and len(
                    [v for v in operands if not isinstance(v, pikepdf.Name)]) == 3:
                problems.append(f"{where}: 3-component {o}")
            elif o in ("cs", "CS") and str(operands[0]) in RGB_SPACES:
                problems.append(f"{where}: {o} {operands[0]}")
            elif o == "BI":
                problems.append(f"{where}: inline image")   # none are written
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.stream_dict.get("/Subtype") == "/Image":
            d = obj.stream_dict
            if d.get("/ImageMask") is not True:
                problems += _space_problems(d.get("/ColorSpace"), f"image {obj.objgen}")
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
            spaces = d.get("/ColorSpace")
            if isinstance(spaces, pikepdf.Dictionary):        # a resources' ColorSpace map
                for name, cs in spaces.items():
                    problems += _space_problems(cs, f"resource {name}")
            if "/CS" in d:                                     # transparency groups
                problems += _space_problems(d.CS, f"/CS of {obj.objgen}")
    return problems


def _page_ops(pdf) -> set[tuple]:
    ops = set()
    for page in pdf.pages:
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) in ("k", "K", "g", "G", "rg", "RG", "sc", "scn", "SC", "SCN"):
                ops.add((str(op), tuple(float(v) for v in operands)))
    return ops


@pytest.mark.parametrize("which", ["x4", "x1a", "marked", "gray", "pictures", "pictures_gray"])
def test_no_rgb_anywhere(request, which):
    path = request.getfixturevalue(which)
    with pikepdf.open(path) as pdf:
        assert _colour_problems(pdf) == []
    raw = path.read_bytes()
    assert b"/DeviceRGB" not in raw and b"/CalRGB" not in raw


def test_the_rgb_scan_finds_rgb(tmp_path):
    """The scan above is not blind: a plain ReportLab file with an RGB fill and an RGB
    image is caught."""
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas
    Image.new("RGB", (4, 4), (255, 0, 0)).save(tmp_path / "red.png")
    c = Canvas(str(tmp_path / "rgb.pdf"))
    c.setFillColorRGB(1, 0, 0)
    c.rect(10, 10, 50, 50, fill=1)
    c.drawImage(str(tmp_path / "red.png"), 100, 100, 20, 20)
    c.save()
    with pikepdf.open(tmp_path / "rgb.pdf") as pdf:
        found = _colour_problems(pdf)
    assert any(": rg" in p for p in found) and any("/DeviceRGB" in p for p in found)


def test_black_text_and_rules_are_100_k_only(x4):
    """Every CMYK colour the sample sets is K only (no rich black, no tint of C, M or Y)."""
    with pikepdf.open(x4) as pdf:
        ops = _page_ops(pdf)
    assert ("k", (0.0, 0.0, 0.0, 1.0)) in ops and ("K", (0.0, 0.0, 0.0, 1.0)) in ops
    assert all(o in ("k", "K") and v[:3] == (0, 0, 0) for o, v in ops), ops


def test_gray_mode_writes_gray_only(gray, pictures_gray):
    for path in (gray, pictures_gray):
        with pikepdf.open(path) as pdf:
            ops = _page_ops(pdf)
            assert ops and all(o in ("g", "G") for o, _ in ops), ops
            for page in pdf.pages:
                for _, xo in page.Resources.get("/XObject", {}).items():
                    if xo.get("/Subtype") == "/Image":
                        assert xo.ColorSpace == "/DeviceGray"


def test_rgb_pictures_converted_to_cmyk_with_capped_ink(pictures):
    from pikepdf import PdfImage
    with pikepdf.open(pictures) as pdf:
        images = [xo for page in pdf.pages
                  for _, xo in page.Resources.get("/XObject", {}).items()
                  if xo.get("/Subtype") == "/Image"]
        assert len(images) == 2
        for xo in images:
            assert xo.ColorSpace == "/DeviceCMYK"
            assert "/SMask" not in xo and "/Mask" not in xo     # transparency flattened
            im = PdfImage(xo).as_pil_image()
            assert im.mode == "CMYK"
            raw = im.tobytes()
            ink = [sum(raw[i:i + 4]) for i in range(0, len(raw), 4)]
            assert max(ink) <= 240 * 255 / 100 + 4, max(ink) / 2.55   # newsprint ink limit
            assert max(ink) > 100 * 255 / 100                        # and not blank


def test_an_rgb_colour_is_refused():
    import io

    from reportlab.lib.colors import red

    from layout.press.inks import ColourError, PressCanvas
    c = PressCanvas(io.BytesIO())
    with pytest.raises(ColourError):
        c.setFillColorRGB(1, 0, 0)
    with pytest.raises(ColourError):
        c.beginText().setStrokeColor(red)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFillGray(0.5)
    c.setFillColorCMYK(0, 0, 0, 0.2)     # after a gray, the next page's preamble stays valid
    c.showPage()


@pytest.mark.parametrize("which", ["x4", "x1a", "gray", "pictures"])
def test_every_font_embedded(request, which):
    with pikepdf.open(request.getfixturevalue(which)) as pdf:
        fonts = [o for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"]
        assert fonts
        for font in fonts:
            if font.get("/Subtype") == "/Type3":
                continue                         # glyphs are content streams: checked above
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font.DescendantFonts[0].get("/FontDescriptor")
            assert desc is not None, f"{font.get('/BaseFont')}: no font descriptor"
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"{font.get('/BaseFont')} is not embedded")
            assert "Helvetica" not in str(font.get("/BaseFont"))


# -- the issue file and the command line ----------------------------------------------------
def _issue_with(tmp_path, text: str) -> Path:
    p = tmp_path / "issue.yaml"
    p.write_text(SAMPLE.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    return p


def test_print_section_is_read(tmp_path):
    from layout.issue.loader import load_issue
    from layout.issue.model import PrintOptions
    assert load_issue(str(SAMPLE)).print == PrintOptions()
    p = _issue_with(tmp_path, "print: {bleed: 5, marks: true, colorbar: true, pdfx: x1a, "
                              "color: gray}\n")
    assert load_issue(str(p)).print == PrintOptions(5.0, True, True, "x1a", "gray")


def test_bad_print_values_are_reported_with_positions(tmp_path):
    from PIL import ImageCms

    from layout.errors import InputError
    from layout.issue.loader import load_issue
    rgb = tmp_path / "srgb.icc"
    rgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    p = _issue_with(tmp_path, "print:\n  bleed: wide\n  pdfx: x3\n  color: rgb\n"
                              "  profile: srgb.icc\n  crops: true\n")
    with pytest.raises(InputError) as e:
        load_issue(str(p))
    msgs = [d.format() for d in e.value.diagnostics]
    text = "\n".join(msgs)
    assert "'bleed' must be a bleed in mm (0–25) or `auto`" in text
    assert "unknown pdfx 'x3'" in text and "unknown color 'rgb'" in text
    assert "srgb.icc cannot be the output profile: its colour space is RGB, not CMYK" in text
    assert "unknown key 'crops' in print" in text
    assert all(":" in m.split(" ")[0] for m in msgs)       # file:line:col on every one


def test_cli_overrides_the_issue(tmp_path):
    from layout.cli import main
    p = _issue_with(tmp_path, "print: {marks: true, pdfx: x1a}\n")
    out = tmp_path / "o.pdf"
    assert main(["build", str(p), "-o", str(out), "--no-marks", "--pdfx", "x4", "--gray",
                 "--bleed", "2", "--no-check"]) == 0
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.6"
        b = _boxes(pdf.pages[0])
        assert b["/TrimBox"][0] - b["/BleedBox"][0] == sheet.q(2 * MM)
        assert b["/BleedBox"][0] == 0                     # no marks: no slug
        assert all(o in ("g", "G") for o, _ in _page_ops(pdf))


def test_own_profile_and_condition(tmp_path):
    """A paper with its printer's profile names it; an unregistered one is Custom."""
    (tmp_path / "press.icc").write_bytes(PROFILE.read_bytes())
    p = _issue_with(tmp_path, "print: {profile: press.icc, condition: IFRA26}\n")
    out = tmp_path / "o.pdf"
    build_issue(str(p), out)
    with pikepdf.open(out) as pdf:
        assert str(_intent(pdf).OutputConditionIdentifier) == "IFRA26"
    p = _issue_with(tmp_path, "print: {profile: press.icc}\n")
    build_issue(str(p), out)
    with pikepdf.open(out) as pdf:
        oi = _intent(pdf)
        assert str(oi.OutputConditionIdentifier) == "Custom" and "/RegistryName" not in oi


# -- separations ----------------------------------------------------------------------------
def _gs() -> str:
    gs = shutil.which("gs")
    if gs is None:
        pytest.skip("Ghostscript (gs) is not installed: .ci/run installs it from Debian; "
                    "without it the separations cannot be rendered")
    return gs


def _separations(pdf: Path, out_dir: Path, dpi: int = 50) -> dict:
    """The page rendered by Ghostscript's tiffsep device: one 8-bit plate per process ink
    (0 = solid ink, 255 = none, as tiffsep writes them), as ink images (255 = solid)."""
    from PIL import Image, ImageOps
    subprocess.run([_gs(), "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep",
                    f"-r{dpi}", "-o", str(out_dir / "sep.tif"), str(pdf)], check=True,
                   timeout=300)
    plates = {}
    for ink in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(out_dir / f"sep({ink}).tif") as im:
            plates[ink] = ImageOps.invert(im.convert("L"))
    return plates


def test_separations_black_text_on_the_k_plate_only(x4, tmp_path):
    """The sample rendered to CMYK separations: the K plate carries the text; the C, M and
    Y plates are empty, at the text and everywhere (the sample has no colour)."""
    from PIL import ImageChops
    plates = _separations(x4, tmp_path)
    k = plates["Black"]
    text = k.point(lambda v: 255 if v >= 128 else 0)     # where K is ≥ 50 %: type and rules
    assert text.histogram()[255] > 20000                 # the page's text is on the K plate
    for ink in ("Cyan", "Magenta", "Yellow"):
        plate = plates[ink]
        assert plate.getextrema() == (0, 0), f"{ink} plate has ink"
        under_text = ImageChops.multiply(plate, text)
        assert under_text.getextrema() == (0, 0), f"{ink} ink under the black text"


def test_separations_registration_marks_on_every_plate_outside_the_trim(marked, tmp_path):
    """The same method sees colour where there is some: the crop and registration marks
    (registration colour) and the colour bar reach the C, M and Y plates, outside the
    TrimBox only; inside it those plates stay empty."""
    plates = _separations(marked, tmp_path)
    with pikepdf.open(marked) as pdf:
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].obj.TrimBox)
        mw, mh = (float(v) for v in pdf.pages[0].obj.MediaBox[2:])
    for ink in ("Cyan", "Magenta", "Yellow"):
        plate = plates[ink]
        sx, sy = plate.width / mw, plate.height / mh
        inner = plate.crop((int(x0 * sx) + 2, int((mh - y1) * sy) + 2,
                            int(x1 * sx) - 2, int((mh - y0) * sy) - 2))
        assert inner.getextrema() == (0, 0), f"{ink} ink inside the trim"
        assert plate.getextrema()[1] > 0, f"no {ink} in the marks"


# -- repeatable bytes, safe writes -----------------------------------------------------------
def _cli_build(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout.cli", "build", str(SAMPLE), "-o",
                           str(out), "--no-check", *extra], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_two_builds_give_identical_bytes(tmp_path, x4):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        r = _cli_build(out)
        assert r.returncode == 0, r.stderr
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == x4.read_bytes()        # and the same as a build in this process


def test_pictures_give_identical_bytes_too(tmp_path, picture_issue, pictures):
    again = tmp_path / "again.pdf"
    build_issue(str(picture_issue), again)
    assert again.read_bytes() == pictures.read_bytes()


def test_fixed_dates_and_content_derived_id():
    assert pdfx.pdf_date(pdfx.fixed_time(dt.date(2023, 1, 13))) == "D:20230113000000+08'00'"
    a = pdfx.document_id(b"content", "x4")
    assert a == pdfx.document_id(b"content", "x4")
    assert a != pdfx.document_id(b"content", "x1a") != pdfx.document_id(b"other", "x4")


def _tmps(d: Path) -> list[Path]:
    return sorted(p for p in d.iterdir() if p.name.endswith(".tmp"))


def test_failed_write_keeps_the_previous_pdf(tmp_path, monkeypatch):
    from layout.press import atomic
    out = tmp_path / "page.pdf"
    build_issue(str(SAMPLE), out)
    before = out.read_bytes()
    real = atomic.save

    def half_then_fail(write, path, *rest):
        def half(f):
            import io
            buf = io.BytesIO()
            write(buf)
            f.write(buf.getvalue()[: len(buf.getvalue()) // 2])
            raise OSError("disk full (simulated)")
        return real(half, path, *rest)

    monkeypatch.setattr(atomic, "save", half_then_fail)
    with pytest.raises(OutputError, match="page.pdf: disk full .simulated"):
        build_issue(str(SAMPLE), out, BuildOptions(print={"marks": True}))
    assert out.read_bytes() == before
    assert _tmps(tmp_path) == []


KILLER = """
import io, os, signal, sys
from layout.press import atomic
real = atomic.save
def half_then_die(write, path, *rest):
    def half(f):
        buf = io.BytesIO()
        write(buf)
        f.write(buf.getvalue()[: len(buf.getvalue()) // 2])
        f.flush()
        os.fsync(f.fileno())
        os.kill(os.getpid(), signal.SIGKILL)       # killed midway through writing the file
    return real(half, path, *rest)
atomic.save = half_then_die
from layout.cli import main
sys.exit(main(["build", sys.argv[1], "-o", sys.argv[2], "--no-check", "--marks"]))
"""


def test_killed_build_leaves_the_previous_pdf(tmp_path):
    out = tmp_path / "page.pdf"
    assert _cli_build(out).returncode == 0
    before = out.read_bytes()
    r = subprocess.run([sys.executable, "-c", KILLER, str(SAMPLE), str(out)], cwd=ROOT,
                       capture_output=True, timeout=300)
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert out.read_bytes() == before                 # the previous PDF, intact
    left = _tmps(tmp_path)
    # the build's staged file (empty) and the temporary it was writing into it, half written
    assert len(left) == 2 and [p.stat().st_size > 0 for p in left] == [False, True]
    assert 0 < left[1].stat().st_size < len(before)
    assert all(p.name.startswith("page.pdf.") and p != out for p in left)   # beside it
    build_issue(str(SAMPLE), out)                     # the next build sweeps it away
    assert _tmps(tmp_path) == []
    assert out.read_bytes() == before


def test_a_resident_process_syncs_its_pdf_after_the_replace(tmp_path):
    """atomic.save(behind=True), as watch and the desk write: the whole file is in place when
    it returns, the fsync runs in a thread after the replace, which then closes its copy of
    the descriptor (none left open)."""
    import os
    import threading

    from layout.press import atomic
    out = tmp_path / "w.pdf"
    synced = []
    real = os.fsync
    os.fsync = lambda fd: synced.append(fd) or real(fd)
    try:
        atomic.settle()
        before = set(os.listdir("/proc/self/fd"))
        n = atomic.save(lambda f: f.write(b"%PDF-1.6 whole"), out, behind=True)
        # again, over the first: the old file is held open through the replace, closed after
        m = atomic.save(lambda f: f.write(b"%PDF-1.6 again!"), out, behind=True)
        atomic.settle()
        after = set(os.listdir("/proc/self/fd"))
    finally:
        os.fsync = real
    assert (n, m) == (14, 15) and out.read_bytes() == b"%PDF-1.6 again!" and len(synced) == 2
    assert after == before and _tmps(tmp_path) == []
    assert "fsync" not in [t.name for t in threading.enumerate()]   # none stays


def test_pdf_gets_the_usual_file_mode(tmp_path):
    """The atomic write's temporary file is private; the PDF must not stay so (0666 - umask)."""
    import os

    from layout.cli import main
    out = tmp_path / "mode.pdf"
    assert main(["build", str(SAMPLE), "-o", str(out), "--no-check"]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_resident_process_sweeps_at_most_every_few_seconds(tmp_path, monkeypatch):
    """atomic.save(behind=True) sweeps a killed build's temporary once every SWEEP_EVERY
    seconds, not at every save; a one-shot save sweeps every time."""
    from layout.press import atomic
    out = tmp_path / "w.pdf"
    clock = [1000.0]
    monkeypatch.setattr(atomic.time, "monotonic", lambda: clock[0])
    dead = 2 ** 22 + 12345                       # above any pid this machine hands out
    while atomic._alive(dead):
        dead += 1
    stale = tmp_path / f"w.pdf.{dead}.abc.tmp"

    def save():
        atomic.save(lambda f: f.write(b"%PDF"), out, behind=True)
        atomic.settle()
    save()
    stale.write_bytes(b"half")
    clock[0] += 1
    save()
    assert stale.exists()                        # swept a second ago: not again yet
    clock[0] += atomic.SWEEP_EVERY
    save()
    assert not stale.exists()
    stale.write_bytes(b"half")
    atomic.save(lambda f: f.write(b"%PDF"), out)  # a one-shot build's save
    assert not stale.exists()
