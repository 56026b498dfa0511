"""arrange.score: the conventions of a Chinese page as costs
(docs/newspaper-conventions.md#composing-a-page). Each rule is restated with two blocks."""
from __future__ import annotations

from layout.arrange.score import (Placed, Weights, cut_cost, fit_cost, pair_cost, pair_terms,
                                  position_cost, shape_cost)
from layout.arrange.needs import Need

W = Weights()


def story(order, row, col, span, depth=10, size=22.0, photo=0):
    return Placed(order, "story", row, col, span, depth, size, photo)


def names(a, b):
    return sorted(n for n, _ in pair_terms(a, b, W))


def test_headlines_level_across_a_column_rule_are_pengti():
    a, b = story(0, 0, 0, 3), story(1, 0, 3, 3, size=18.0)
    assert names(a, b) == ["碰题"]
    assert pair_cost(a, b, W) == W.collision


def test_pengti_is_worse_with_headlines_of_one_size():
    same = pair_cost(story(0, 0, 0, 3), story(1, 1, 3, 3), W)
    other = pair_cost(story(0, 0, 0, 3), story(1, 1, 3, 3, size=18.0), W)
    assert same == other + W.same_size


def test_a_different_depth_separates_the_headlines():
    assert "碰题" not in names(story(0, 0, 0, 3), story(1, 4, 3, 3, size=18.0))


def test_blocks_not_touching_across_a_rule_do_not_collide():
    assert "碰题" not in names(story(0, 0, 0, 2), story(1, 0, 3, 2, size=18.0))


def test_a_lower_headline_larger_than_the_one_above_breaks_the_hierarchy():
    upper, lower = story(0, 0, 0, 3, size=18.0), story(1, 12, 1, 3, size=22.0)
    assert "hierarchy" in names(upper, lower)
    # in other columns it is not under it
    assert "hierarchy" not in names(upper, story(1, 12, 3, 3, size=22.0))


def test_a_less_important_story_above_or_wider_costs():
    lead, second = story(0, 20, 0, 2), story(1, 0, 0, 4)
    assert names(lead, second) == ["order", "size"]
    assert names(story(0, 0, 0, 4), story(1, 20, 0, 2)) == []


def test_a_lower_photo_larger_than_an_upper_one():
    up = story(0, 0, 0, 3, photo=12)
    low = story(1, 20, 3, 3, size=18.0, photo=20)
    assert "photos" in names(up, low)
    assert "photos" not in names(up, low._replace(photo=8))


def test_a_straight_gap_across_the_page_costs_unless_a_full_width_block_makes_it():
    halves = [story(0, 0, 0, 3, 20), story(1, 0, 3, 3, 20), story(2, 20, 0, 3, 20),
              story(3, 20, 3, 3, 20)]
    # one row gap (row 20) and one column gap (column 3) cut the page in four
    assert cut_cost(halves, (40, 6), W) == 2 * W.cut
    lead = [story(0, 0, 0, 6, 20), story(1, 20, 0, 2, 20), story(2, 20, 2, 4, 20)]
    assert cut_cost(lead, (40, 6), W) == 0      # the lead crosses the column gap, and means the row


def test_fit_costs_the_empty_lines_after_the_first_and_every_line_over():
    assert fit_cost(Need(40, 40, 0), W) == 0
    assert fit_cost(Need(41, 40, 0), W) == W.first_empty
    assert fit_cost(Need(43, 40, 0), W) == W.first_empty + 2 * W.empty_line
    assert fit_cost(Need(40, 42, 2), W) == 2 * W.over_line
    assert fit_cost(Need(40, 40, 0, widows=1), W) == W.widow


def test_a_shu_ti_lines_up_with_no_headline_and_two_on_a_page_cost_more():
    a, b = story(0, 0, 0, 5), story(1, 0, 5, 3, size=18.0)
    assert "碰题" in names(a, b)
    turned = b._replace(vertical=True)
    assert "碰题" not in names(a, turned)
    assert names(turned, story(2, 30, 0, 2, size=16.0, )._replace(vertical=True)) == ["竖题"]
    assert shape_cost(Need(40, 40, 0, vertical=True), W) == W.turned


def test_a_framed_story_separates_its_headline_and_two_boxes_touching_cost_more():
    a, b = story(0, 0, 0, 5), story(1, 0, 5, 3, size=18.0)
    assert "碰题" not in names(a, b._replace(boxed=True))
    boxed = b._replace(boxed=True)
    assert names(boxed, story(2, 10, 5, 3, size=16.0)._replace(boxed=True)) == ["框"]
    assert names(boxed, story(2, 40, 5, 3, size=16.0)._replace(boxed=True)) == []
    assert shape_cost(Need(40, 40, 0, boxed=True), W) == W.boxed


def test_photos_compare_where_the_pictures_stand_not_the_blocks():
    """Two stories level at the top, each with its picture under its heading: the one whose
    heading is deeper has the lower picture (pagerules compares the frames as drawn)."""
    up = story(0, 0, 0, 4, photo=12)._replace(photo_at=4)
    low = story(1, 0, 4, 4, size=18.0, photo=20)._replace(photo_at=6)
    assert "photos" in names(up, low)
    assert "photos" not in names(up, low._replace(photo_at=4)), "level pictures: neither lower"


def test_the_lead_off_the_first_row_costs_as_a_rule():
    top, low = story(0, 0, 0, 4), story(0, 10, 0, 4)
    assert position_cost(low, (80, 8), W) - position_cost(top, (80, 8), W) > W.lead_low
    second = story(1, 10, 0, 4)
    assert position_cost(second, (80, 8), W) < W.lead_low
