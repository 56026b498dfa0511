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
