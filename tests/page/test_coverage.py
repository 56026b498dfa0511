"""page.coverage's warm memo (coverage.Memo): a warm process's glyphs and coverage are a cold
call's, edit after edit and when the fonts change; page.finish's memo gives back the same
finished item for an item kept by the block cache."""
from __future__ import annotations

from types import SimpleNamespace

from layout.compose import Line, PlacedGlyph
from layout.page import coverage, finish
from layout.page.coverage import FontFallback, check_coverage, used_glyphs
from layout.page.formats import BROADSHEET
from layout.page.items import PageLayout, Rule, TextLine


def _line(text: str, owner: str, face: str = "song") -> TextLine:
    glyphs = tuple(PlacedGlyph(ch, i * 9.0, face, 9.0) for i, ch in enumerate(text))
    return TextLine(50, 100, Line(glyphs, len(text) * 9.0, True, text), "body", owner)


def _page(*items) -> PageLayout:
    return PageLayout(3, "要闻", BROADSHEET, tuple(items), ())


def test_used_glyphs_with_a_memo_are_a_cold_calls_edit_after_edit():
    a, b, c = _line("科协会议", "a"), _line("Latin 字", "b", "latin"), _line("召开", "c")
    rule = Rule(0, 0, 9, 0, 1.0, "page")
    memo = coverage.Memo()
    for items in ((rule, a, b, c, rule), (rule, a, b, c, rule), (rule, a, _line("科协", "b"), c),
                  (rule, a, c, rule), (rule, c, a, b), (rule, a, b, c, rule)):
        pages = [_page(*items)]
        assert used_glyphs(pages, memo) == used_glyphs(pages)


class _Fonts:
    """A FontSet's coverage lookups: `fallback` characters come from a second font."""

    def __init__(self, fallback: str = ""):
        self.fallback = fallback

    def chain(self, role):
        return (SimpleNamespace(label="first.ttf"), SimpleNamespace(label="second.ttf"))

    def resolve(self, role, ch):
        return self.chain(role)[1 if ch in self.fallback else 0]


def test_coverage_memo_forgets_what_it_found_when_the_fonts_change():
    pages = [_page(_line("科协鼎", "a"))]
    memo, issue = coverage.Memo(), SimpleNamespace(pages=())
    assert check_coverage(issue, pages, _Fonts(), used_glyphs(pages), memo) == ()
    assert check_coverage(issue, pages, _Fonts(), used_glyphs(pages), memo) == ()
    # another FontSet that lacks 鼎 in its first font: found again, not taken from the memo
    assert check_coverage(issue, pages, _Fonts("鼎"), used_glyphs(pages), memo) == (
        FontFallback("a", "song", "鼎", "second.ttf"),)


def test_finish_memo_gives_the_same_finished_item_for_the_same_item():
    from layout.fonts.fontset import FontSet
    fonts = FontSet()
    kept, other = _line("他说——好。", "a"), _line("平常的一行", "b")
    memo = finish.Memo()
    first = finish.finish_page(_page(kept, other), fonts, memo.start())
    again = finish.finish_page(_page(kept, other), fonts, memo.start())
    cold = finish.finish_page(_page(kept, other), fonts)
    assert first == again == cold and first.items[0].bars
    assert again.items[0] is first.items[0]          # the same object: identity memos hit
    copy = _line("他说——好。", "a")                  # equal, not the same object
    assert finish.finish_page(_page(copy), fonts, memo.start()).items[0] == cold.items[0]


def test_a_warm_processs_glyph_set_is_the_pages_and_kept_while_it_is_the_same(tmp_path):
    """used_glyphs with a warm process's memo (runs' glyphs counted in and out) answers the
    pages' glyphs edit after edit — a character new to the page, gone again, a story's
    copy cut — and is the same object while they are the same."""
    from layout.build import Warm, build_issue
    from layout.page.cache import BlockCache
    from layout.page.coverage import Memo, used_glyphs
    from tests.kit.paths import SAMPLE
    src = tmp_path / "issue.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    warm = Warm(None, BlockCache())
    memo, last = Memo(), None
    edits = [("", ""), ("出席会议", "出席了会议"), ("出席了会议", "出席会议"),
             ("出席会议", "出席䶮会议"), ("出席䶮会议", "出席会议"),
             ("毛大付主持会议。", "")]
    for old, new in edits:
        text = text.replace(old, new, 1) if old else text
        src.write_text(text, encoding="utf-8")
        warm.cache.new_build()
        pages = build_issue(str(src), None, warm=warm).pages
        got = used_glyphs(pages, memo)
        assert got == used_glyphs(pages), old
        if last is not None and got == last:
            assert got is last, old
        last = got
