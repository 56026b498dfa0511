"""page.copyfit's levers found lazily (copyfit.Levers) and a block's sets of them
(page.blocks._sets): the same paragraphs, and the same sets in the same order, as the full
search and itertools.combinations give."""
from __future__ import annotations

from itertools import combinations, islice

from layout.compose import Settings
from layout.page import copyfit
from layout.page.blocks import _sets
from layout.page.formats import BROADSHEET as F
from tests.kit.fontkit import TestMetrics, build_test_font

FACES = ("song", "song-heavy", "hei", "hei-regular", "kai", "latin")


class _Known:
    """Levers already known: `n` of them."""

    def __init__(self, n: int):
        self.found = [(i, 1) for i in range(n)]

    def upto(self, n: int) -> bool:
        return len(self.found) >= n


def test_sets_are_the_first_combinations_in_order():
    for n in range(8):
        for k in range(n + 1):
            want = list(islice(combinations(_Known(n).found, k), copyfit.SWAPS))
            assert list(_sets(_Known(n), k)) == want, (n, k)


def test_levers_found_lazily_are_the_full_searchs(tmp_path):
    from layout.compose import Run
    font = build_test_font(str(tmp_path / "t.ttf"))
    metrics = TestMetrics({f: font for f in FACES})
    text = "科学技术协会召开全省科普工作会议，"
    paras = [copyfit.Para((Run(text * k, "song", F.body_size),), 10 * F.body_size, Settings())
             for k in (1, 4, 2, 7, 3)]
    found = 0
    for wanted in (-3, -1, 0, 1, 2, 4):
        full = copyfit.levers(paras, metrics, wanted, 2)
        lazy = copyfit.Levers(paras, metrics, wanted, 2)
        assert lazy.upto(1) == bool(full)
        assert not lazy.upto(len(full) + 1)
        assert lazy.found == full and lazy.cap == len(full), wanted
        found += len(full)
    assert found >= 6                  # the test paragraphs do have levers


def test_a_variant_with_a_loose_line_is_the_last_lever(tmp_path):
    # docs/typesetting-rules.md §3.3/§3.6: no Han gap over ¼ em. 44 Han characters in 10-em
    # lines take 5 lines and 6 only with gaps over ¼ em in every arrangement; 27 take 3 and 4
    # within the limits. The longer paragraph comes first by length, but its loose variant is
    # taken only when the clean one is not enough.
    from layout.compose import Run
    font = build_test_font(str(tmp_path / "t.ttf"))
    metrics = TestMetrics({f: font for f in FACES})
    paras = [copyfit.Para((Run("中" * k, "song", F.body_size),), 10 * F.body_size, Settings())
             for k in (44, 27)]
    assert any(ln.loose for ln in copyfit.variant(paras[0], metrics, 1))
    assert not any(ln.loose for ln in copyfit.variant(paras[1], metrics, 1))
    assert copyfit.levers(paras, metrics, 1) == [(1, 1)]
    assert copyfit.levers(paras, metrics, 2) == [(1, 1), (0, 1)]
    lazy = copyfit.Levers(paras, metrics, 2, 0)
    assert lazy.upto(2) and lazy.found == [(1, 1), (0, 1)]


def test_best_is_the_first_ranked_choice():
    # copyfit.best (the page composer's count of a shape far from its exact fit) is
    # copyfit.ranked's first choice in closed form, for every room, copy and lever count
    import itertools
    for lines, take, give in itertools.product(range(0, 40, 3), range(0, 5), range(0, 5)):
        for rooms in itertools.product(range(lines - 6, lines + 9, 2), repeat=2):
            held = {0: rooms[0], 1: rooms[1], 2: rooms[1] - 3}
            assert copyfit.best(lines, held, (take, give)) == \
                copyfit.ranked(lines, held, (take, give))[0], (lines, held, take, give)
            one = {3: rooms[0]}                   # an air fixed by a picture
            assert copyfit.best(lines, one, (take, give)) == \
                copyfit.ranked(lines, one, (take, give))[0]
