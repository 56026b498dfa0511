"""inks: CMYK and gray only. RGB is refused, gray mode writes DeviceGray, pictures are
converted to CMYK under the ink limit or to gray, transparency flattened onto paper."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, HexColor

from layout.press.inks import (
    INK_LIMIT,
    ColourError,
    PressCanvas,
    as_cmyk,
    gray_of,
    limit_ink,
    press_image,
)
from tests.kit.paths import ROOT

PROFILE = (ROOT / "icc" / "default_cmyk.icc").read_bytes()


@pytest.mark.parametrize("colour, ink", [
    ((0, 0, 0, 1), (0.0, 0.0, 0.0, 1.0)),
    (CMYKColor(0.2, 0, 0, 1), (0.2, 0.0, 0.0, 1.0)),
    (CMYKColor(0, 0, 0, 1, density=0.5), (0.0, 0.0, 0.0, 0.5)),
    ((0.25, 0.25, 0.25), 0.25),                  # ReportLab's setFillGray stores a neutral
    (Color(0.8, 0.8, 0.8), 0.8),
])
def test_cmyk_and_gray_accepted(colour, ink):
    assert as_cmyk(colour) == pytest.approx(ink)


@pytest.mark.parametrize("colour", [(1, 0, 0), Color(0.2, 0.3, 0.4), HexColor("#ff0000"),
                                    (0, 0), "red"])
def test_rgb_refused(colour):
    with pytest.raises(ColourError, match="not CMYK or gray: print output has no RGB"):
        as_cmyk(colour)


def test_spot_colour_refused():
    with pytest.raises(ColourError, match="spot colour"):
        as_cmyk(CMYKColorSep(0, 0, 0, 1, spotName="PANTONE"))


@pytest.mark.parametrize("cmyk, gray", [
    ((0, 0, 0, 0), 1.0), ((0, 0, 0, 1), 0.0), ((0, 0, 0, 0.4), 0.6),
    ((1, 0, 0, 0), 0.7), ((0, 1, 0, 0), 0.41), ((0, 0, 1, 0), 0.89),
    ((1, 1, 1, 1), 0.0),                          # more than solid black: clamped
])
def test_gray_of(cmyk, gray):
    assert gray_of(cmyk) == pytest.approx(gray)


def ops(canvas_or_text) -> str:
    return "\n".join(canvas_or_text._code)


def test_canvas_writes_cmyk_and_refuses_rgb():
    c = PressCanvas(io.BytesIO())
    c.setFillColor((0, 0, 0, 1))
    c.setStrokeColorCMYK(1, 0, 0, 0)
    c.setFillGray(0.5)
    text = ops(c)
    assert "0 0 0 1 k" in text and "1 0 0 0 K" in text and ".5 g" in text
    for bad in (lambda: c.setFillColorRGB(1, 0, 0), lambda: c.setStrokeColor((0, 0, 1)),
                lambda: c.setFillColor((0, 0, 0, 1), alpha=0.5)):
        with pytest.raises(ColourError):
            bad()
    assert " rg" not in ops(c) and " RG" not in ops(c)


def test_gray_canvas_writes_devicegray_only():
    c = PressCanvas(io.BytesIO(), gray=True)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setStrokeColorCMYK(0, 0, 0, 0.4)
    t = c.beginText(0, 0)
    t.setFillColor(CMYKColor(1, 0, 0, 0))
    assert " k" not in ops(c) and " K" not in ops(c)
    assert "0 g" in ops(c) and ".6 G" in ops(c)
    assert ".7 g" in ops(t) and " k" not in ops(t)
    with pytest.raises(ColourError):
        t.setFillColor(Color(1, 0, 0))


def test_colour_canvas_text_objects_share_the_policy():
    t = PressCanvas(io.BytesIO()).beginText(0, 0)
    t.setFillColor((0, 0, 0, 1))
    assert "0 0 0 1 k" in ops(t)
    with pytest.raises(ColourError):
        t.setStrokeColor(Color(0, 0.5, 1))


def _png(tmp_path, mode, pixels):
    im = Image.new(mode, (len(pixels), 1))
    im.putdata(pixels)
    p = tmp_path / f"{mode}.png"
    im.save(p)
    return str(p)


def test_rgb_picture_becomes_cmyk_under_the_ink_limit(tmp_path):
    path = _png(tmp_path, "RGB", [(0, 0, 0), (255, 255, 255), (200, 30, 30)])
    im = press_image(path, PROFILE, gray=False)
    assert im.mode == "CMYK"
    black, white, red = (im.getpixel((x, 0)) for x in range(3))
    assert sum(black) <= INK_LIMIT * 255 / 100 + 3         # rich black capped at 240 %
    assert black[3] > 200                                  # K carries it
    assert sum(white) <= 3                                  # paper stays paper
    assert red[1] > red[0]                                 # magenta more than cyan


def test_transparency_is_flattened_onto_paper(tmp_path):
    path = _png(tmp_path, "RGBA", [(0, 0, 0, 0), (0, 0, 0, 255)])
    assert press_image(path, PROFILE, gray=True).getpixel((0, 0)) == 255    # 76 = red's luma
    im = press_image(path, PROFILE, gray=False)
    assert im.mode == "CMYK" and sum(im.getpixel((0, 0))) <= 3   # (0, 255, 255, 0): red


def test_gray_alpha_picture_is_flattened_onto_paper(tmp_path):
    path = _png(tmp_path, "LA", [(0, 0), (0, 255), (0, 128)])
    im = press_image(path, PROFILE, gray=True)
    assert im.mode == "L"
    assert [im.getpixel((x, 0)) for x in range(3)] == [255, 0, 127]   # ½ black over white


def test_gray_mode_pictures_are_gray(tmp_path):
    assert press_image(_png(tmp_path, "RGB", [(10, 200, 30)]), PROFILE, True).mode == "L"
    cmyk = Image.new("CMYK", (1, 1), (0, 0, 0, 255))
    p = tmp_path / "k.jpg"
    cmyk.save(p)
    g = press_image(str(p), PROFILE, True)
    assert g.mode == "L" and g.getpixel((0, 0)) < 60       # solid K reads as near black


def test_limit_ink_keeps_k_and_scales_cmy():
    im = Image.new("CMYK", (2, 1))
    im.putdata([(255, 255, 255, 255), (40, 40, 40, 0)])
    out = limit_ink(im, 240)
    (c, m, y, k), light = out.getpixel((0, 0)), out.getpixel((1, 0))
    assert k == 255 and c == m == y
    assert 612 - 3 <= c + m + y + k <= 612                 # 240 % of 255
    assert light == (40, 40, 40, 0)                         # under the limit: unchanged
