"""Page elements (issue 14) laid out with the bundled fonts: the 竖题's columns, the vertical
forms of its marks, the 转版 cut and its jump lines, 通栏 headings, tints and every frame style
inside its block on the grid."""
from __future__ import annotations

import unicodedata

import pytest

from layout.issue.loader import load_issue
from layout.issue.model import Paragraph, Place, Story, Where
from layout.issue.markup import parse
from layout.page import frames as frm
from layout.page.assemble import layout_page
from layout.page.blocks import Ctx, story_block
from layout.page.formats import TABLOID as F
from layout.page.items import Box, Frame, TextLine, VText
from tests.kit.paths import CASES

W = Where("t.yaml", 1, 1)
BODY = ("近日，由巴中市巴州区委、区政府和巴中市科协联合主办，巴州区科协承办的活动启动仪式被中国科协表彰。" * 3)


@pytest.fixture(scope="module")
def fonts():
    from layout.fonts.fontset import FontSet
    return FontSet.configure(())


@pytest.fixture(scope="module")
def issue():
    return load_issue(str(CASES / "elements.yaml"))


def story(place: Place, headline: str = "全国科普日活动获表彰", **kw) -> Story:
    return Story("s", headline, (Paragraph(parse(BODY), W),), place, W, **kw)


def test_vertical_headline_shares_one_x_and_descends(fonts):
    s = story(Place(1, 3, 1, 25, None, W), "全国科普日活动获中国科协表彰，“天府科技云”上线",
              kicker="巴州区科协", vertical="right")
    items, fit = story_block(s, Ctx(F, fonts))
    cols = [it for it in items if isinstance(it, VText) and it.kind == "headline"]
    assert cols and len(cols) <= 2
    for col in cols:
        han = [g for g in col.glyphs if "\u4e00" <= g.ch <= "\u9fff"]
        assert len({round(g.x, 3) for g in han}) == 1          # one x down the column
        ys = [g.y for g in col.glyphs]
        assert ys == sorted(ys) and len(set(ys)) == len(ys)     # in order, downwards
        # the strip is the block's last basic column, right of the text
        assert F.col_x(3) <= col.x and col.x + col.w <= F.col_x(3) + F.column_w
    drawn = "".join(g.ch for c in cols for g in c.glyphs)
    # GB/T 15834—2011 §5.2: vertical forms, quotes as corner brackets
    assert "︐" in drawn and "﹃" in drawn and "﹄" in drawn
    assert not set("，“”") & set(drawn)
    comma = next(g for c in cols for g in c.glyphs if g.ch == "︐")
    assert unicodedata.decomposition("︐").startswith("<vertical>") and comma.turn == 0
    # reading order: the 引题 column right of the 主题's
    kicker = next(it for it in items if isinstance(it, VText) and it.kind == "kicker")
    assert kicker.x > max(c.x for c in cols)
    # the text keeps the other two columns, on the grid
    body = [it for it in items if isinstance(it, TextLine) and it.kind == "body"]
    assert max(it.x + it.line.width for it in body) <= F.col_x(3) - F.gutter + 0.01
    assert fit.overset_lines == 0


def test_long_digit_runs_turn_short_ones_stand(fonts):
    s = story(Place(1, 2, 1, 30, None, W), "增长12倍达2023例", vertical="left")
    items, _ = story_block(s, Ctx(F, fonts, upright=2))
    g = [g for it in items if isinstance(it, VText) for g in it.glyphs]
    assert [x.turn for x in g if x.ch in "12"][:2] == [0, 0]          # 12 upright (纵中横)
    assert all(x.turn == 90 for x in g if x.ch in "03")               # 2023 turned
    assert items[0].x < F.col_x(2)                                     # the strip at the left


@pytest.mark.parametrize("style", frm.STYLES)
def test_each_frame_style_inside_its_block_on_the_grid(fonts, style):
    p = Place(2, 2, 5, 20, None, W)
    items, _ = story_block(story(p, tint=10, frame=style), Ctx(F, fonts))
    x0, y0 = F.col_x(2), F.row_y(5)
    x1, y1 = x0 + F.span_w(2), F.row_y(24) + F.pitch / 2      # to the middle of its last row
    (tint,) = [it for it in items if isinstance(it, Box)]
    assert (tint.x, tint.y, tint.x + tint.w, tint.y + tint.h) == pytest.approx((x0, y0, x1, y1))
    assert tint.fill == pytest.approx(0.9)                        # 10 % black
    (fr,) = [it for it in items if isinstance(it, Frame)]
    pts = [pt for path in fr.paths for pt in path.points]
    half = max(path.width for path in fr.paths) / 2
    assert all(x0 - 1e-6 <= x - half and x + half <= x1 + 1e-6 for x, _ in pts)
    assert all(y0 - 1e-6 <= y - half and y + half <= y1 + 1e-6 for _, y in pts)
    inner = frm.depth(style)
    for it in items:       # text at least half a character clear of the frame's inner edge
        if isinstance(it, TextLine):
            assert it.x >= x0 + inner + F.em / 2 - 0.01
            assert it.x + it.line.width <= x1 - inner - F.em / 2 + 0.01
            assert it.baseline + 0.12 * 9 <= y1 - inner - F.em / 2


def test_jump_cuts_at_a_line_and_goes_on(issue, fonts):
    p1, p2 = (layout_page(p, issue, fonts) for p in issue.pages)
    first = [it for it in p1.items if isinstance(it, TextLine) and it.owner == "jump"]
    rest = [it for it in p2.items if isinstance(it, TextLine) and it.owner == "jump"]
    assert first[-1].line.text == "（下转第2版）" and first[-1].kind == "jump"
    assert [it.line.text for it in rest[:2]] == ["转版的稿件在这里开始", "（上接第1版）"]
    assert rest[0].line.glyphs[0].size < first[1].line.glyphs[0].size     # 接题 smaller
    body = "".join(it.line.text for it in first + rest if it.kind in ("body", "byline"))
    s = issue.pages[0].stories[2]
    assert body == "".join(p.text for p in s.body) + "（本报记者 曾青瑶）"


def test_head_span_heading_wider_than_its_text(issue, fonts):
    page = layout_page(issue.pages[0], issue, fonts)
    head = [it for it in page.items if isinstance(it, TextLine) and it.owner == "tong"
            and it.kind == "headline"]
    body = [it for it in page.items if isinstance(it, TextLine) and it.owner == "tong"
            and it.kind == "body"]
    centre = F.col_x(4) + F.span_w(3) / 2
    assert head[0].x + head[0].line.width / 2 == pytest.approx(centre, abs=F.em / 2)
    assert max(it.x + it.line.width for it in body) <= F.col_x(5) + F.column_w + 0.01
