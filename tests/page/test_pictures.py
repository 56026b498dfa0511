"""page.pictures: the crop from fit and focus, down-sampling, captions and credits, and one
picture in a grid area — on the broadsheet grid with the test font (1 em per character)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from layout.issue.model import Picture, Place, Source, Where
from layout.page.blocks import picture_block
from layout.page.dump import dump_page
from layout.page.formats import BROADSHEET
from layout.page.items import Image, PageLayout, TextLine
from layout.page.pictures import (Area, Caption, caption_lines, caption_rows, crop_for,
                                  picture_items, resample_px)
from tests.kit.fontkit import page_ctx

W = Where("t.yaml", 1, 1)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return page_ctx(tmp_path_factory, BROADSHEET)


def src(w, h, path="/x/photo.jpg"):
    return Source(path, "JPEG", w, h, W, "RGB")


def test_fill_crops_a_wide_photo_to_a_tall_frame_around_the_centre():
    crop, draw = crop_for((3000, 2000), (100, 200), "fill", (0.5, 0.5))
    x0, y0, x1, y1 = crop
    assert (y0, y1) == (0, 2000)                    # the whole height is kept
    assert x1 - x0 == pytest.approx(1000)           # 100:200 of 2000 px high
    assert (x0 + x1) / 2 == pytest.approx(1500)     # centred
    assert draw == (0.0, 0.0, 100, 200)             # fills the frame


def test_focus_moves_the_window_and_stops_at_the_edge():
    crop, _ = crop_for((3000, 2000), (100, 200), "fill", (0.8, 0.5))
    assert (crop[0] + crop[2]) / 2 == pytest.approx(2400)
    crop, _ = crop_for((3000, 2000), (100, 200), "fill", (1.0, 0.0))
    assert crop[2] == pytest.approx(3000) and crop[0] == pytest.approx(2000)   # slid back in


def test_fit_shows_the_whole_photo_centred_across_on_its_caption():
    crop, (dx, dy, w, h) = crop_for((3000, 2000), (300, 300), "fit", (0.9, 0.9))
    assert crop == (0.0, 0.0, 3000.0, 2000.0)
    assert (w, h) == (300, 200) and dx == 0 and dy == 100      # at the frame's foot
    crop, (dx, dy, w, h) = crop_for((1000, 2000), (300, 300), "fit", (0.5, 0.5))
    assert (w, h) == (150, 300) and dx == 75 and dy == 0


@given(st.integers(10, 9000), st.integers(10, 9000), st.floats(20, 900), st.floats(20, 900),
       st.sampled_from(["fill", "fit"]), st.floats(0, 1), st.floats(0, 1))
def test_never_distorted_and_never_outside_the_image(sw, sh, fw, fh, fit, fx, fy):
    (x0, y0, x1, y1), (dx, dy, w, h) = crop_for((sw, sh), (fw, fh), fit, (fx, fy))
    assert -1e-6 <= x0 < x1 <= sw + 1e-6 and -1e-6 <= y0 < y1 <= sh + 1e-6
    # the crop's proportions are the drawn rectangle's: the same scale across and down
    assert (x1 - x0) / (y1 - y0) == pytest.approx(w / h, rel=1e-6)
    assert -1e-6 <= dx and dx + w <= fw + 1e-6 and -1e-6 <= dy and dy + h <= fh + 1e-6
    if fit == "fill":
        assert (w, h) == (fw, fh)


def test_down_sampled_to_300_ppi_never_up():
    px, ppi = resample_px((0, 0, 3000, 2000), 144)       # 2 inches wide: 1500 ppi
    assert ppi == pytest.approx(1500) and px == (600, 400)
    px, ppi = resample_px((0, 0, 300, 200), 144)          # 150 ppi: kept as it is
    assert ppi == pytest.approx(150) and px == (300, 200)
    px, _ = resample_px((0, 0, 3000, 2000), 144, "ad")   # line art: 600 ppi
    assert px == (1200, 800)


def test_credit_end_aligned_on_the_captions_last_line_when_there_is_room(ctx):
    lines = caption_lines("会场一角。", "记者 彭佳 摄", 117.0, ctx)
    (cap, cx, ck, crow), (cred, x, kind, row) = lines
    assert (ck, kind, crow, row) == ("caption", "credit", 0, 0)
    assert x + cred.width == pytest.approx(117.0)            # end-aligned
    assert x >= cap.width + 9.0                              # at least 1 em after the caption
    assert caption_rows("会场一角。", "记者 彭佳 摄", 117.0, ctx) == 1
    assert caption_rows("会场一角。", "本报记者 林晓雯 摄", 117.0, ctx) == 2


def test_credit_on_a_line_of_its_own_when_the_last_line_is_full(ctx):
    lines = caption_lines("与会人员认真听取各部门汇报会场一角。", "本报记者 林晓雯 摄", 117.0, ctx)
    assert [(k, r) for _, _, k, r in lines] == [("caption", 0), ("caption", 1), ("credit", 2)]
    cred, x = lines[-1].line, lines[-1].x
    assert x + cred.width == pytest.approx(117.0)


def test_credit_run_on_follows_the_caption(ctx):
    lines = caption_lines("会场一角。", "彭佳 摄", 117.0, ctx, Caption(credit="run-on"))
    cap, cred = lines
    assert cred.row == 0 and cred.x == pytest.approx(cap.line.width + 9.0)


def test_a_credit_breaks_only_between_its_words(ctx):
    # 54 pt = 6 characters: 本报记者 (4) · 林晓雯 (3) · 摄 (1) cannot share a line
    lines = caption_lines("", "本报记者 林晓雯 摄", 54.0, ctx)
    assert [cl.line.text for cl in lines] == ["本报记者", "林晓雯 摄"]
    assert all(cl.kind == "credit" for cl in lines)


def test_picture_items_in_an_area_photo_then_caption_rows(ctx):
    pic = Picture("p", Place(1, 3, 10, 20, None, W), W, "/x/photo.jpg", "会场一角。",
                  "本报记者 林晓雯 摄", "fill", (0.5, 0.5), src(3000, 2000))
    fmt = BROADSHEET
    area = Area(fmt.col_x(1), fmt.span_w(3), 10, 19)
    items = picture_items(pic, area, ctx)
    img = items[0]
    assert isinstance(img, Image) and img.w == area.w
    texts = [it for it in items if isinstance(it, TextLine)]
    # one caption row at the foot of the area, on the body grid
    assert {t.baseline for t in texts} == {fmt.row_y(28) + 3 + 0.88 * 9}
    assert img.y + img.h < fmt.row_y(28)
    assert img.crop[3] - img.crop[1] == 2000 and img.ppi == pytest.approx(
        (img.crop[2] - img.crop[0]) / (img.w / 72), abs=0.1)


def test_the_dump_shows_the_crop_and_the_resolution(ctx):
    pic = Picture("p", Place(1, 2, 10, 12, None, W), W, "/x/photo.jpg", source=src(3000, 2000))
    page = PageLayout(3, "x", BROADSHEET, tuple(picture_block(pic, ctx)), ())
    line = [ln for ln in dump_page(page).splitlines() if ln.startswith("I ")][0]
    assert line.startswith("I p photo ") and "photo.jpg crop=" in line
    assert " px=" in line and " ppi=" in line


def test_placeholder_keeps_its_caption_and_credit(ctx):
    pic = Picture("p", Place(1, 2, 10, 12, None, W), W, caption="会场。", credit="彭佳 摄")
    kinds = [getattr(it, "kind", None) for it in picture_block(pic, ctx)]
    assert "caption" in kinds and "credit" in kinds


def test_an_ornament_image_is_fitted_whole_into_its_square(tmp_path):
    from layout.page.pictures import ornament_image
    from tests.kit.pictures import photo
    img = ornament_image(str(photo(tmp_path / "t.png", 200, 100)), 10, 20, 18, "s")
    assert (img.w, img.h) == (18, 9) and img.y == 29 and img.kind == "logo"
    assert img.crop == (0, 0, 200, 100) and img.px == (150, 75)     # 600 ppi at 18 pt
