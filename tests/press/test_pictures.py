"""press.pictures: every kind of picture file comes out as the press needs it — or is refused
at its line — never a silent white or black; the crop and the down-sampling layout chose;
JPEG for photos, lossless for ads."""
from __future__ import annotations

import io
import struct

import pytest
from PIL import Image, ImageCms

from layout.errors import InputError
from layout.issue.model import Source, Where
from layout.page.items import Image as ImageItem, PageLayout
from layout.page.formats import BROADSHEET
from layout.press.icc import load_profile
from layout.press.pictures import develop, develop_pages, press_image
from tests.kit.pictures import photo, tiff

PROFILE = load_profile().data
W = Where("issue.yaml", 7, 15)


def cmyk_of_srgb(rgb) -> tuple[int, ...]:
    """What the output profile makes of an sRGB colour (the reference pipeline)."""
    t = ImageCms.buildTransform(ImageCms.createProfile("sRGB"),
                                ImageCms.ImageCmsProfile(io.BytesIO(PROFILE)), "RGB", "CMYK",
                                renderingIntent=ImageCms.Intent.PERCEPTUAL)
    return ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), t).getpixel((0, 0))


def close(a, b, tol=3) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def test_16_bit_gray_png_keeps_its_tone(tmp_path):
    # the reproducer of issue 19: a flat 31 % gray at 16 bits printed as paper white
    v = round(0.31 * 65535)
    Image.new("I;16", (8, 8), v).save(tmp_path / "g16.png")
    for gray in (False, True):
        im = press_image(str(tmp_path / "g16.png"), PROFILE, gray)
        assert im.mode == "L" and im.getpixel((3, 3)) == round(v / 257)       # 79, not 255


def test_16_bit_gray_tiff_too(tmp_path):
    path = tiff(tmp_path / "g16.tif", 2, 2, 1, 16, 1, struct.pack("<4H", *[20315] * 4))
    assert press_image(str(path), PROFILE, False).getpixel((0, 0)) == 79


def test_float_tiff_in_0_to_1_is_scaled_not_black(tmp_path):
    Image.new("F", (4, 4), 0.31).save(tmp_path / "f.tif")
    assert press_image(str(tmp_path / "f.tif"), PROFILE, False).getpixel((0, 0)) == 79


def test_float_tiff_outside_0_to_1_is_refused_at_its_line(tmp_path):
    Image.new("F", (4, 4), 3.7).save(tmp_path / "hdr.tif")
    src = Source(str(tmp_path / "hdr.tif"), "TIFF", 4, 4, W, "F")
    item = ImageItem(0, 0, 10, 10, src.path, "p", (0, 0, 4, 4), (4, 4), 30.0, "photo", src)
    with pytest.raises(InputError) as e:
        develop_pages([PageLayout(1, "x", BROADSHEET, (item,), ())], PROFILE, False)
    d = e.value.diagnostics[0]
    assert (d.line, d.column) == (7, 15) and "3.7" in d.message and "0–1" in d.message


def test_lab_tiff_is_converted_as_colour_not_read_as_rgb(tmp_path):
    # CIELAB with signed a*/b* (TIFF photometric 8): L* 60, a* +50, b* +30, a brick red
    path = tiff(tmp_path / "lab.tif", 2, 2, 3, 8, 8, bytes([153, 50, 30] * 4))
    got = press_image(str(path), PROFILE, False).getpixel((0, 0))
    lab = ImageCms.buildTransform(ImageCms.createProfile("LAB"), ImageCms.createProfile("sRGB"),
                                  "LAB", "RGB")
    srgb = ImageCms.applyTransform(Image.open(path), lab).getpixel((0, 0))
    assert close(got, cmyk_of_srgb(srgb), 6), (got, srgb)
    assert got[1] > got[0] + 100              # magenta-heavy: red, never blue


def test_neutral_lab_gray_stays_neutral(tmp_path):
    path = tiff(tmp_path / "lab.tif", 2, 2, 3, 8, 8, bytes([128, 0, 0] * 4))   # L* 50 gray
    c, m, y, k = press_image(str(path), PROFILE, False).getpixel((0, 0))
    assert abs(c - m) < 40 and m >= y - 10 and k > 0      # a gray balance, no colour cast
    assert press_image(str(path), PROFILE, True).getpixel((0, 0)) == 128      # L* 50 -> 50 %


def test_16_bit_rgb_tiff(tmp_path):
    path = tiff(tmp_path / "rgb16.tif", 2, 2, 3, 16, 2,
                struct.pack("<12H", *([65535, 0, 0] * 4)))
    assert close(press_image(str(path), PROFILE, False).getpixel((0, 0)),
                 cmyk_of_srgb((255, 0, 0)))


def test_cmyk_is_kept_and_ink_limited(tmp_path):
    Image.new("CMYK", (4, 4), (50, 100, 150, 20)).save(tmp_path / "c.tif")
    assert press_image(str(tmp_path / "c.tif"), PROFILE, False).getpixel((0, 0)) == (50, 100, 150, 20)
    Image.new("CMYK", (4, 4), (255, 255, 255, 255)).save(tmp_path / "black.tif")
    c, m, y, k = press_image(str(tmp_path / "black.tif"), PROFILE, False).getpixel((0, 0))
    assert (c + m + y + k) / 255 * 100 <= 240.5 and k == 255


def test_cmyk_jpeg_comes_through_the_jpeg_round_trip(tmp_path):
    Image.new("CMYK", (16, 16), (20, 200, 180, 10)).save(tmp_path / "c.jpg", quality=95)
    assert close(press_image(str(tmp_path / "c.jpg"), PROFILE, False).getpixel((4, 4)),
                 (20, 200, 180, 10), 4)


def test_palette_with_transparency_is_flattened_onto_paper(tmp_path):
    im = Image.new("P", (4, 4), 1)
    im.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    im.info["transparency"] = 1
    im.save(tmp_path / "p.png", transparency=1)
    assert press_image(str(tmp_path / "p.png"), PROFILE, False).getpixel((0, 0)) == (0, 0, 0, 0)


def test_alpha_is_flattened_onto_paper(tmp_path):
    Image.new("LA", (4, 4), (0, 0)).save(tmp_path / "la.png")
    assert press_image(str(tmp_path / "la.png"), PROFILE, True).getpixel((0, 0)) == 255
    Image.new("RGBA", (4, 4), (255, 0, 0, 0)).save(tmp_path / "rgba.png")
    assert press_image(str(tmp_path / "rgba.png"), PROFILE, False).getpixel((0, 0)) == (0, 0, 0, 0)


def test_every_mode_gives_cmyk_or_gray(tmp_path):
    for mode in ("1", "L", "P", "RGB", "RGBA", "LA", "CMYK", "I", "I;16", "F", "LAB", "YCbCr"):
        path = tmp_path / f"m{mode.replace(';', '')}.tif"
        Image.new(mode, (3, 3)).save(path)
        assert press_image(str(path), PROFILE, False).mode in ("L", "CMYK"), mode
        assert press_image(str(path), PROFILE, True).mode == "L", mode


def test_exif_orientation_stands_the_photo_up(tmp_path):
    im = Image.new("RGB", (60, 20), (255, 255, 255))
    im.paste((0, 0, 0), (0, 0, 10, 20))                 # black at the stored left edge
    exif = Image.Exif()
    exif[274] = 6                                        # stored turned: rotate 90° clockwise
    im.save(tmp_path / "o.jpg", exif=exif, quality=95)
    up = press_image(str(tmp_path / "o.jpg"), PROFILE, True)
    assert up.size == (20, 60)
    assert up.getpixel((10, 2)) < 60 and up.getpixel((10, 57)) > 200   # black now on top


def _item(path, crop, px, kind="photo", mode="RGB"):
    src = Source(str(path), "JPEG", 3000, 2000, W, mode)
    return ImageItem(0, 0, 144, 96, src.path, "p", crop, px, 1500.0, kind, src)


def test_the_crop_and_the_pixels_layout_chose(tmp_path):
    path = photo(tmp_path / "big.jpg", 3000, 2000, quality=90)
    data, enc = develop(_item(path, (1500, 0, 3000, 1000), (300, 200)), PROFILE, False)
    assert enc == "DCTDecode/DeviceCMYK"
    im = Image.open(io.BytesIO(data))
    assert im.size == (300, 200) and im.mode == "CMYK"
    # the right half of the gradient's top: lighter than its left, darker than white
    data2, _ = develop(_item(path, (0, 0, 1500, 1000), (300, 200)), PROFILE, False)
    left = Image.open(io.BytesIO(data2)).getpixel((150, 100))
    right = im.getpixel((150, 100))
    assert sum(right) != sum(left)


def test_ads_are_embedded_losslessly(tmp_path):
    path = photo(tmp_path / "ad.png", 300, 200)
    data, enc = develop(_item(path, (0, 0, 300, 200), (300, 200), "ad"), PROFILE, False)
    assert enc == "FlateDecode/DeviceCMYK"


def test_a_truncated_jpeg_is_refused_at_its_line(tmp_path):
    path = photo(tmp_path / "cut.jpg", 400, 300, quality=90)
    path.write_bytes(path.read_bytes()[:2000])
    item = _item(path, (0, 0, 400, 300), (100, 75))
    with pytest.raises(InputError) as e:
        develop_pages([PageLayout(1, "x", BROADSHEET, (item,), ())], PROFILE, False)
    d = e.value.diagnostics[0]
    assert (d.line, d.column) == (7, 15) and "cut.jpg" in d.message and d.hint
