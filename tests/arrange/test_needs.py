"""arrange.needs: a block's candidate shapes. Measured with the test font (every Han
character 1 em) on the broadsheet grid, so the line counts are arithmetic."""
from __future__ import annotations

import pytest

from layout.arrange.needs import Limits, exact, sizes, splits, story_block
from layout.arrange.score import Weights, fit_cost
from layout.issue.markup import parse
from layout.issue.model import Paragraph, Picture, Place, Story, Where
from layout.page import blocks
from layout.page.formats import BROADSHEET as F
from tests.kit.fontkit import page_ctx

W = Where("t.yaml", 1, 1)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return page_ctx(tmp_path_factory, F)


def han(n: int, start: int = 0) -> str:
    return "".join(chr(0x4E00 + (start + i) % 200) for i in range(n))


def story(paras: int, chars: int, **kw) -> Story:
    body = tuple(Paragraph(parse(han(chars, k)), W) for k in range(paras))
    return Story("s", "一丁七丈三上下", body, None, W, **kw)


def test_split_is_offered_from_three_columns_and_not_with_a_picture():
    s = story(1, 10)
    assert splits(s, 2, None) == (None,)
    assert splits(s, 3, None) == (None, 2)
    assert splits(s, 5, None) == (None, 4)
    assert splits(s, 4, Picture("p", None, W)) == (None,)
    assert splits(s, 4, None, Limits()) == (None,), "first pass: no 破栏"


def test_the_lead_may_take_a_headline_one_step_up_and_the_others_one_down():
    s = story(1, 10)
    assert [st for st, _ in sizes(s, 4, lead=True)] == [-1, 0, 1]
    lead = dict((st, sz) for st, sz in sizes(s, 4, lead=True))
    assert lead[-1] > lead[0] > lead[1]
    assert [st for st, _ in sizes(s, 4)] == [0, 1]
    # under a smaller headline (cap) no step up, and nothing above the cap
    assert all(sz <= 18.0 for _, sz in sizes(s, 4, cap=18.0, lead=True))
    assert sizes(s._replace(headline_size=15.0), 4, lead=True) == [(0, 15.0)]


def test_every_shape_reports_its_fit_and_the_exact_one_is_there(ctx):
    blk = story_block(story(6, 80), 1, None, (ctx, Limits()))
    assert {a.span for a in blk.alts} >= {2, 3}
    for a in blk.alts:
        for n in (a.mid, a.foot):
            if n is not None:
                assert n.over == max(0, n.used - n.held)
    exact = [a for a in blk.alts if a.mid and fit_cost(a.mid, Weights()) == 0]
    assert exact, "some depth holds the copy exactly"


def test_a_story_with_a_picture_offers_it_over_the_heading_too(ctx):
    pic = Picture("p", None, W, caption="图片说明")
    blk = story_block(story(6, 80), 1, pic, (ctx, Limits()))
    plain = story_block(story(6, 80), 1, None, (ctx, Limits()))
    top = [a for a in blk.alts if a.mid and a.mid.top]
    inside = [a for a in blk.alts if a.mid and a.mid.picture and not a.mid.top]
    assert top and inside
    by_shape = {(a.span, a.depth, a.mid.size, a.mid.split or 0): a.mid for a in plain.alts
                if a.mid}
    for a in top:
        span, rows = a.mid.picture
        assert span == a.span, "a picture over the heading takes the block's whole width"
        body = by_shape.get((a.span, a.depth - rows, a.mid.size, a.mid.split or 0))
        if body is not None:           # the story under it fills as it would without it
            assert (body.held, body.used, body.over) == (a.mid.held, a.mid.used, a.mid.over)


def _turned(blk):
    return [a for a in blk.alts if (a.mid or a.foot).vertical]


def _framed(blk):
    return [a for a in blk.alts if (a.mid or a.foot).boxed]


def _laid_out(s, a, ctx):
    """(need, the block's fit as laid out) for the shape `a` of story `s` in the middle of
    the page (a rule row under it) and at its foot."""
    for need, row in ((a.mid, 1), (a.foot, F.rows - a.depth + 1)):
        if need is not None:
            placed = s._replace(place=Place(1, a.span, row, a.depth, None, W))
            yield need, blocks.story_block(placed, ctx)[1]


def test_each_shape_knows_where_its_heading_is_drawn(ctx):
    """碰题 is about headlines as drawn (docs/newspaper-conventions.md#page-conventions): a
    heading is centred in its rows and lowered by its air, so each shape says how far below
    the block's top its first heading line stands (the ideographic top of a kicker or
    headline, as tests/kit/pagerules.head_tops measures it)."""
    for s in (story(3, 60), story(4, 70, kicker="引题一行", headline_size=22.0),
              story(2, 90)._replace(headline="一丁七丈三上下\n万与丑专且丕世")):
        blk = story_block(s, 1, None, (ctx, Limits()))
        for a in blk.alts:
            if a.mid is None or a.mid.vertical or a.mid.boxed or a.mid.rough:
                continue
            placed = s._replace(place=Place(1, a.span, 1, a.depth, a.mid.split, W),
                                headline_size=a.mid.size)
            items = blocks.story_block(placed, ctx)[0]
            tops = [it.baseline - 0.88 * max(g.size for g in it.line.glyphs) for it in items
                    if getattr(it, "kind", "") in ("kicker", "headline") and it.line.glyphs]
            assert abs(F.row_y(1) + a.mid.head_at * F.pitch - min(tops)) < 0.01, (
                a.span, a.depth, a.mid.air)


def test_a_narrow_story_may_turn_its_headline_into_a_shu_ti(ctx):
    """竖题 as a lever against 碰题 (docs/newspaper-conventions.md#composing-a-page): offered
    to a story two or three columns wide with a short headline, not to the lead, not to a
    headline longer than two columns of 7 or one the editor styled."""
    s = story(3, 60)
    turned = _turned(story_block(s, 1, None, (ctx, Limits())))
    assert turned and {a.span for a in turned} <= {2, 3}
    assert not _turned(story_block(s, 0, None, (ctx, Limits()))), "the lead keeps its headline"
    assert not _turned(story_block(s._replace(headline=han(15)), 1, None, (ctx, Limits())))
    assert not _turned(story_block(s._replace(kicker="引题"), 1, None, (ctx, Limits())))


def test_a_side_story_may_be_framed_and_its_framed_shapes_fill_as_laid_out(ctx):
    """加框 as the other lever against 碰题 ("a photo, a different depth or a box"): a story
    of two to four columns, not the lead, not one the editor dressed; the frame's inset and
    its top row are in the shape (the box keeps its last row even at the foot)."""
    s = story(3, 60)
    framed = _framed(story_block(s, 1, None, (ctx, Limits())))
    assert framed and {a.span for a in framed} <= {2, 3, 4}
    assert not _framed(story_block(s, 0, None, (ctx, Limits())))
    assert not _framed(story_block(s._replace(tint=10), 1, None, (ctx, Limits())))
    assert not _framed(story_block(s._replace(ornament="star"), 1, None, (ctx, Limits())))
    for a in framed:
        for need, fit in _laid_out(s._replace(frame="thin"), a, ctx):
            assert fit.capacity_lines == need.held, (a.span, a.depth)


def test_a_story_with_a_kicker_may_be_framed_with_it_inside_the_box(ctx):
    """A kicker (引题) or subhead goes inside the composer's frame as on any framed story, so
    such a story may be framed (on 4 of 32 generated pages the story level with another was
    one with a kicker, and 碰题 stayed); its framed shapes hold what the laid-out block holds.
    It is not turned: a 竖题 takes a plain headline only."""
    s = story(3, 60, kicker="引题文字", subhead="副题文字")
    blk = story_block(s, 1, None, (ctx, Limits()))
    framed = _framed(blk)
    assert framed and not _turned(blk)
    for a in framed[:6]:
        for need, fit in _laid_out(s._replace(frame="thin"), a, ctx):
            assert fit.capacity_lines == need.held, (a.span, a.depth)


def test_each_shu_ti_shape_fills_as_the_block_is_laid_out(ctx):
    """A turned shape holds the lines of the story laid out with its 竖题 at that place, in
    the middle of the page (a rule row under it) and at the foot, near the exact fit and far
    from it (there the composer counts lines: beside a 竖题 there is no heading air); and
    where the composer takes it for a fit, it fits."""
    s = story(3, 60)
    exact = 0
    for a in _turned(story_block(s, 1, None, (ctx, Limits(12, 12)))):
        for need, fit in _laid_out(s._replace(vertical="right"), a, ctx):
            assert fit.capacity_lines == need.held, (a.span, a.depth)
            if need.over == 0 and need.spare <= 1:
                exact += 1
                assert fit.overset_lines == 0 and fit.empty_lines <= 1, (a.span, a.depth)
    assert exact


def test_a_rough_shape_measured_again_is_the_block_as_laid_out(ctx):
    """Far from the exact fit the composer counts lines (rough: it cannot see the widow
    rules); the shape it chooses is measured again by flowing (`exact`), and that is the
    block's fit as the build lays it out — plain, turned (竖题) and framed."""
    s = story(4, 50)
    limits = Limits(12, 12)
    seen = set()
    for a in story_block(s, 1, None, (ctx, limits)).alts:
        for need, row, foot in ((a.mid, 1, False), (a.foot, F.rows - a.depth + 1, True)):
            if need is None or not need.rough or need.size != 16.0 and not need.boxed:
                continue
            got = exact(s, a, foot, (ctx, limits))
            assert not got.rough
            dress = {"vertical": "right"} if need.vertical else {"frame": "thin"} if (
                need.boxed) else {}
            placed = s._replace(place=Place(1, a.span, row, a.depth, None, W), **dress)
            if not need.boxed:
                placed = placed._replace(headline_size=need.size)
            fit = blocks.story_block(placed, ctx)[1]
            assert (fit.capacity_lines, fit.used_lines) == (got.held, got.used), a
            seen.add((need.vertical, need.boxed))
    assert seen == {(False, False), (True, False), (False, True)}


def test_a_story_the_editor_or_composer_turned_keeps_two_columns_at_least(ctx):
    """A 竖题 written back by `compose --write` is the story's own on a recomposition: its
    shapes keep a column for the strip and one for the text (a one-column shape once
    crashed the late-change recomposition)."""
    short = story(1, 8)._replace(vertical="right")      # one column of copy at most
    blk = story_block(short, 1, None, (ctx, Limits()))
    assert blk.alts and min(a.span for a in blk.alts) >= 2
