"""Black overprint (press.overprint; GWG 2015): solid-black text up to 12 pt and solid-black
rules and frames thinner than 1 pt overprint with overprint mode 1; larger type, heavy rules,
tints and reversed type knock out; `print: {overprint: black | none}`; nothing on a gray page.
Proved on the separations: small black text on a colour tint leaves the tint's plate whole
under it, where knocked-out type would leave it empty."""
from __future__ import annotations

import pikepdf
import pytest
from PIL import ImageChops

from layout.build import build_issue
from layout.compose import Line, PlacedGlyph
from layout.issue.model import PrintOptions
from layout.page.items import Box, Image, Rule, TextLine
from layout.press.overprint import overprints, set_overprint
from tests.kit import presskit

SMALL = """\
paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 地方科协
    stories:
      - id: one
        headline: 省科协召开年度总结报告会
        dateline: 本报讯
        place: {col: 1, span: 4, row: 1, rows: 14}
        body: |
          1月5日，省科协召开部门（单位）年度总结报告会，对省科协2022年工作进行总结和回顾，对2023年工作进行谋划和展望。省科协党组书记、副主席毛大付主持会议。

          会上，省科协办公室、创新发展部、四川科技馆等机关各部门、直属单位负责人围绕党的建设、部门工作、业务实绩等，相继汇报了2022年度工作成效和亮点。
"""


def _line(size: float, gray: float = 0.0, kind: str = "body") -> TextLine:
    glyphs = tuple(PlacedGlyph(ch, i * size, "song", size) for i, ch in enumerate("科技报"))
    return TextLine(10, 20, Line(glyphs, 3 * size, True, "科技报"), kind, "a", gray)


@pytest.mark.parametrize("item, auto, black", [
    (_line(9.0), True, True),                       # body
    (_line(12.0), True, True),                      # the GWG limit itself
    (_line(12.5), False, True),                     # above it: knocks out in auto
    (_line(26.0, kind="headline"), False, True),
    (_line(9.0, gray=1.0), False, False),           # reversed type: never
    (_line(9.0, gray=0.5), False, False),           # a tint of black is not solid black
    (Rule(0, 0, 100, 0, 0.5, "a"), True, True),
    (Rule(0, 0, 100, 0, 0.99, "a"), True, True),
    (Rule(0, 0, 100, 0, 1.0, "a"), False, True),    # 1 pt is not thinner than 1 pt
    (Rule(0, 0, 100, 0, 2.0, "page"), False, True),
    (Box(0, 0, 50, 50, None, 0.75, "footer"), True, True),     # a thin frame
    (Box(0, 0, 50, 50, None, 1.5, "footer"), False, True),
    (Box(0, 0, 50, 50, 0.0, None, "g"), False, False),         # a solid band is a fill
    (Box(0, 0, 50, 50, 0.88, 0.5, "pic"), False, False),       # a tint with a frame
    (Image(0, 0, 50, 50, "x.png", "pic"), False, False),
])
def test_what_overprints(item, auto, black):
    assert overprints(item, "auto") is auto
    assert overprints(item, "black") is black
    assert overprints(item, "none") is False


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    d = tmp_path_factory.mktemp("overprint")
    (d / "small.yaml").write_text(SMALL, encoding="utf-8")
    return build_issue(str(d / "small.yaml"), None), d


def test_no_overprint_on_a_gray_page_or_when_asked_for_none(small):
    page = small[0].pages[0]
    assert any(it.overprint for it in set_overprint(page, "auto", False).items)
    for mode, gray in (("auto", True), ("none", False), ("black", True)):
        assert not any(getattr(it, "overprint", False)
                       for it in set_overprint(page, mode, gray).items)


def test_sample_overprints_small_black_text_and_thin_rules(sample_build):
    """The sample as built (print defaults): the decision restated item by item."""
    page = sample_build.pages[0]
    texts = [it for it in page.items if isinstance(it, TextLine)]
    assert any(it.overprint for it in texts) and any(not it.overprint for it in texts)
    for it in texts:
        small = max(g.size for g in it.line.glyphs) <= 12.0
        assert it.overprint is (it.gray == 0.0 and small), (it.kind, it.line.text)
    assert any(it.gray == 1.0 for it in texts)           # the 专栏 banner, reversed
    for it in page.items:
        if isinstance(it, Rule):
            assert it.overprint is (it.width < 1.0)


def _tinted(page):
    """The page with a tint box under the story's text (gray 0.7, recoloured to cyan in the
    PDF) and one body line copied as reversed type onto the tint, below the story."""
    lines = [it for it in page.items if isinstance(it, TextLine) and it.owner == "one"]
    head = next(it for it in lines if it.kind == "headline")
    body = [it for it in lines if it.kind == "body"]
    x0 = min(it.x for it in lines) - 5
    x1 = max(it.x + it.line.width for it in lines) + 5
    y0 = head.baseline - 30
    low = max(it.baseline for it in body)
    reversed_line = body[1]._replace(baseline=low + 30, gray=1.0)
    tint = Box(x0, y0, x1 - x0, low + 45 - y0, 0.7, None, "tint")
    items = (tint,) + page.items + (reversed_line,)
    return page._replace(items=items), head, body, reversed_line


def _box(it: TextLine, plate, fmt_h: float, media_h: float):
    """The plate cropped to a line's em boxes (pixels)."""
    s = plate.height / media_h
    top = it.baseline - 0.88 * it.line.glyphs[0].size
    bottom = it.baseline + 0.12 * it.line.glyphs[0].size
    return plate.crop((int(it.x * s) + 1, int(top * s) + 1,
                       int((it.x + it.line.width) * s) - 1, int(bottom * s) - 1))


@pytest.mark.parametrize("mode", ["auto", "none"])
def test_separations_small_black_text_on_a_tint(small, tmp_path, mode):
    """Cyan tint under the story: with overprint (auto) the cyan plate is whole under the
    9-pt body text, and knocked out (empty where the glyphs are) under the 16-pt headline and
    the reversed line; with `none` it is knocked out under the body text too."""
    r, _ = small
    page, head, body, rev = _tinted(r.pages[0])
    pdf = presskit.write_pages([page], r.fonts, tmp_path / f"{mode}.pdf",
                               PrintOptions(overprint=mode))
    presskit.recolour_fill(pdf, 0.3, (0.4, 0, 0, 0))
    plates = presskit.separations(pdf, tmp_path)
    cyan, black = plates["Cyan"], plates["Black"]
    tint = round(0.4 * 255)
    h = page.format.trim_h
    for it in body[:4]:
        c, k = _box(it, cyan, h, h), _box(it, black, h, h)
        assert k.getextrema()[1] > 200                        # the glyphs are on K
        ink = k.point(lambda v: 255 if v > 200 else 0)        # where the glyphs are
        under = ImageChops.multiply(c, ink)                   # cyan under the glyphs
        if mode == "auto":
            assert abs(under.getextrema()[1] - tint) <= 3
            assert abs(c.getextrema()[0] - tint) <= 3, "cyan knocked out under small text"
        else:
            assert c.getextrema()[0] <= 3, "cyan not knocked out with overprint none"
    for it in (head, rev):                 # large type and reversed type knock out always
        c = _box(it, cyan, h, h)
        assert c.getextrema()[0] <= 3, f"{it.kind} overprints"
        assert c.getextrema()[1] >= tint - 3
    # reversed type: paper white, no ink on any plate where its glyphs are
    k = _box(rev, black, h, h)
    assert k.getextrema()[1] <= 3


def test_overprint_graphics_state_in_the_file(sample_build):
    """One ExtGState with OP, op and OPM 1 on the page, set before the small black text."""
    with pikepdf.open(sample_build.pdf) as pdf:
        page = pdf.pages[0]
        states = page.Resources.ExtGState
        on = [s for s in states.values() if s.get("/OP") is True]
        assert len(on) == 1
        assert on[0].op is True and int(on[0].OPM) == 1
        names = {str(k): v.get("/OP") is True for k, v in states.items()}
        state, sizes = False, {True: [], False: []}
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "gs" and str(operands[0]) in names:
                state = names[str(operands[0])]
            elif str(op) == "Tf":
                sizes[state].append(float(operands[1]))
    assert sizes[True] and max(sizes[True]) <= 12.0
    assert any(s > 12.0 for s in sizes[False])
