"""marks: the sheet around the trimmed page (MediaBox ⊇ BleedBox ⊇ TrimBox), automatic
bleed, items carried into the bleed, and the printer's marks drawn outside the bleed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from layout.page.formats import BROADSHEET as F
from layout.page.formats import MM
from layout.page.items import Box, Image, PageLayout, Rule
from layout.press import marks
from layout.press import sheet

TW, TH = F.trim_w, F.trim_h


def page(*items) -> PageLayout:
    return PageLayout(1, "一", F, tuple(items), ())


INSIDE = page(Box(100, 100, 50, 50, 0.5, None, "x"), Rule(100, 300, 400, 300, 1.0, "x"))


def test_q_rounds_once_to_a_ten_thousandth_of_a_point():
    assert sheet.q(3 * MM) == Decimal("8.5039")
    assert sheet.q(TW) == Decimal("1105.5118")


def test_plain_sheet_is_the_trim():
    s = sheet.sheet(INSIDE, None, False, False)
    assert (s.bleed, s.slug) == (0, 0)
    assert s.media == s.bleed_box == s.trim_box == (0, 0, sheet.q(TW), sheet.q(TH))
    assert s.size == pytest.approx((TW, TH), abs=1e-4)


@pytest.mark.parametrize("bleed_mm, mark, inset_mm", [
    (3, False, 3),              # bleed only: the sheet is the bleed box
    (0, True, 3 + 6 + 2),       # marks start 3 mm out, 6 mm long, 2 mm of paper beyond
    (3, True, 3 + 6 + 2),       # a 3 mm bleed fits inside the marks' offset
    (5, True, 5 + 6 + 2),       # a wider bleed pushes the marks out: never inside it
])
def test_inset_from_media_to_trim(bleed_mm, mark, inset_mm):
    s = sheet.sheet(INSIDE, bleed_mm, mark, False)
    assert s.bleed == sheet.q(bleed_mm * MM)
    assert float(s.inset) == pytest.approx(inset_mm * MM, abs=3e-4)
    assert s.trim_box[0] == s.inset
    assert s.media[2] - s.media[0] == sheet.q(TW) + 2 * s.inset


@pytest.mark.parametrize("bleed_mm", [None, 0, 3, 5.5, 25])
@pytest.mark.parametrize("mark, bar", [(False, False), (True, False), (False, True),
                                       (True, True)])
def test_boxes_nest_exactly(bleed_mm, mark, bar):
    edge = page(Box(0, 0, TW, 40, 0.0, None, "band"))
    s = sheet.sheet(edge, bleed_mm, mark, bar)
    m, b, t = s.media, s.bleed_box, s.trim_box
    assert m[0] <= b[0] <= t[0] and m[1] <= b[1] <= t[1]
    assert t[2] <= b[2] <= m[2] and t[3] <= b[3] <= m[3]
    assert (t[2] - t[0], t[3] - t[1]) == (sheet.q(TW), sheet.q(TH))     # trim exactly
    assert b[0] == t[0] - s.bleed and b[2] == t[2] + s.bleed
    assert (s.slug > 0) == (mark or bar)
    assert all(isinstance(v, Decimal) and v == v.quantize(Decimal("0.0001"))
               for v in m + b + t)


def test_auto_bleed_only_where_an_item_reaches_the_trim():
    assert sheet.sheet(INSIDE, None, False, False).bleed == 0
    for it in (Box(sheet.EDGE, 200, 10, 10, 0.5, None, "b"),          # within ½ pt of the edge
               Rule(500, 300, TW, 300, 0.5, "r"),                      # to the right edge
               Image(100, TH - 20, 50, 20, "p.png", "i")):             # to the bottom edge
        assert sheet.sheet(page(it), None, False, False).bleed == sheet.q(3 * MM), it
    near = Box(sheet.EDGE + 0.1, 200, 10, 10, 0.5, None, "b")
    assert sheet.sheet(page(near), None, False, False).bleed == 0


def test_edges_touched_counts_a_rules_half_width():
    assert sheet.edges_touched(Rule(1.0, 0, 1.0, 0, 2.0, "r"), TW, TH) == {"left", "top"}
    assert sheet.edges_touched(Rule(5, 100, 5, TH, 1, "r"), TW, TH) == {"bottom"}
    assert sheet.item_bounds(Rule(10, 20, 30, 20, 2.0, "r")) == (9, 19, 31, 21)


def test_into_bleed_grows_filled_boxes_and_rules_only():
    filled = Box(0, 0, TW, 40, 0.0, None, "band")                # top, left and right edges
    frame = Box(0, 100, 50, 50, None, 0.75, "frame")             # unfilled: stays
    rule = Rule(0, 200, TW, 200, 1.0, "rule")
    pic = Image(0, 300, 50, 50, "p.png", "pic")                  # recropping a photo: no
    p = page(filled, frame, rule, pic, *INSIDE.items)
    s = sheet.sheet(p, 3, False, False)
    b = float(s.bleed)
    got = sheet.into_bleed(p, s).items
    g = got[0]
    assert (g.x, g.y, g.h, g.fill, g.stroke) == (-b, -b, 40 + b, 0.0, None)
    assert g.w == pytest.approx(TW + 2 * b)
    assert got[1:] == (frame, Rule(-b, 200, TW + b, 200, 1.0, "rule"), pic) + INSIDE.items
    assert sheet.into_bleed(p, sheet.sheet(p, 0, False, False)) is p


class Recorder:
    """A canvas that records what the marks draw, in the MediaBox's coordinates."""

    def __init__(self):
        self.shapes, self.fills = [], []

    def line(self, x0, y0, x1, y1):
        self.shapes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    def circle(self, x, y, r, stroke=1, fill=0):
        self.shapes.append((x - r, y - r, x + r, y + r))

    def rect(self, x, y, w, h, stroke=1, fill=0):
        self.shapes.append((x, y, x + w, y + h))

    def setFillColorCMYK(self, *cmyk):
        self.fills.append(cmyk)

    def __getattr__(self, name):            # saveState, setLineWidth, … : nothing to see
        return lambda *a, **k: None


@pytest.mark.parametrize("bleed_mm", [0, 3, 8])
def test_marks_and_colour_bar_outside_the_bleed_inside_the_sheet(bleed_mm):
    s = sheet.sheet(INSIDE, bleed_mm, True, True)
    c = Recorder()
    marks.draw(c, s, gray=False)
    bx0, by0, bx1, by1 = (float(v) for v in s.bleed_box)
    mx0, my0, mx1, my1 = (float(v) for v in s.media)
    assert len(c.shapes) >= 8 + 4 + 15              # 8 crop strokes, 4 targets, 15 patches
    for x0, y0, x1, y1 in c.shapes:
        assert mx0 <= x0 and x1 <= mx1 and my0 <= y0 and y1 <= my1
        assert x1 <= bx0 + 1e-6 or x0 >= bx1 - 1e-6 or y1 <= by0 + 1e-6 or y0 >= by1 - 1e-6
    assert marks.REGISTRATION in c.fills and (0, 1, 0, 0) in c.fills


def test_gray_colour_bar_is_k_tints_only():
    patches = marks.colorbar_patches(True)
    assert all(p[:3] == (0, 0, 0) for p in patches)
    assert [p[3] for p in patches] == pytest.approx([k / 10 for k in range(11)])
    solids = marks.colorbar_patches(False)[:4]
    assert solids == [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)]


def test_nothing_drawn_without_marks_or_bar():
    c = Recorder()
    marks.draw(c, sheet.sheet(INSIDE, 3, False, False), gray=False)
    assert c.shapes == [] and c.fills == []
