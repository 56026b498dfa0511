"""page.reading: the reader's document decided from the placed items — artifacts, one element
per unit in reading order, one Art per story even across pages (a jump), a picture's Figure
with its caption as alternate text, threads whose beads follow the columns and the pages."""
from __future__ import annotations

from layout.compose import Line, PlacedGlyph
from layout.page.formats import BROADSHEET
from layout.page.items import ActualText, Box, Image, PageLayout, Rule, TextLine
from layout.page.reading import ARTIFACT_HEADER, ARTIFACT_LAYOUT, Node, segments, structure


def _line(text: str, kind: str, owner: str, x: float = 50, y: float = 100, para: int = 0,
          last: bool = True) -> TextLine:
    glyphs = tuple(PlacedGlyph(ch, i * 9.0, "song", 9.0) for i, ch in enumerate(text))
    return TextLine(x, y, Line(glyphs, len(text) * 9.0, last, text), kind, owner, para=para)


def _page(number: int, *items) -> PageLayout:
    return PageLayout(number, "要闻", BROADSHEET, tuple(items), ())


def _kids(node: Node, kind: str) -> list[Node]:
    return [k for k in node.kids if isinstance(k, Node) and k.type == kind]


def test_furniture_rules_and_boxes_are_artifacts_text_is_content():
    page = _page(3, _line("地方科协", "section", "page"), Rule(0, 0, 9, 0, 2.0, "page"),
                 Box(0, 0, 9, 9, 0.0, None, "g"), _line("省科协召开", "headline", "a"),
                 _line("会上，省科协", "body", "a", y=130))
    r = structure([page])
    assert r.marks[0][:3] == (ARTIFACT_HEADER, ARTIFACT_LAYOUT, ARTIFACT_LAYOUT)
    assert r.marks[0][3:] == ((0,), (1,))
    (art,) = r.root.kids
    assert art.type == "Art" and art.title == "省科协召开"
    assert [k.type for k in art.kids] == ["H1", "P"]


def _jump(ended: bool):
    """A story cut mid-paragraph (or at a paragraph's end) and continued on page 2 as
    page.jumps lays it out: （下转） and （上接） lines, the 接题, the numbering starting again."""
    p1 = _page(1, _line("标题", "headline", "a", y=80),
               _line("第一段开头", "body", "a", x=50, y=100, para=0, last=False),
               _line("第一段继续", "body", "a", x=180, y=100, para=0, last=ended),
               _line("（下转第2版）", "jump", "a", x=180, y=115, para=1),
               _line("另一篇", "headline", "b", x=400, y=80))
    p2 = _page(2, _line("标题", "headline", "a", y=80),
               _line("（上接第1版）", "jump", "a", x=50, y=100, para=0),
               _line("第一段结束", "body", "a", x=50, y=115, para=0),
               _line("第二段", "body", "a", x=50, y=130, para=1))
    return structure([p1, p2])


def test_a_story_across_two_pages_is_one_art_with_one_thread():
    r = _jump(ended=False)
    assert r.marks[1][0] == r.marks[1][1] == "Pagination"   # 接题 and （上接）: artifacts
    assert r.marks[0][3] == "Pagination"
    arts = _kids(r.root, "Art")
    assert [a.title for a in arts] == ["标题", "另一篇"]      # order of first appearance
    assert [k.type for k in arts[0].kids] == ["H1", "P", "P"]
    p0, p1_ = _kids(arts[0], "P")
    assert p0.kids == ((0, 1), (0, 2), (1, 0)) and p1_.kids == ((1, 1),)
    thread = next(t for t in r.threads if t.title == "标题")
    assert [pi for pi, _ in thread.beads] == [0, 0, 0, 1]    # heading, two columns, page 2
    assert thread.beads[1][1][0] == 50 and thread.beads[2][1][0] == 180
    assert not any(t.title == "另一篇" for t in r.threads)    # no body: no thread


def test_a_jump_at_a_paragraph_end_starts_the_next_paragraph():
    arts = _kids(_jump(ended=True).root, "Art")
    assert [p.kids for p in _kids(arts[0], "P")] == [((0, 1), (0, 2)), ((1, 0),), ((1, 1),)]


def test_group_items_are_sections_under_the_banner_and_headline():
    page = _page(3, _line("科普专栏", "banner", "g"), _line("学习贯彻", "headline", "g", y=120),
                 _line("成都市科协", "title", "g", y=150, para=0),
                 _line("为深入学习", "body", "g", y=165, para=1),
                 _line("东兴区科协", "title", "g", y=180, para=2),
                 _line("日前", "body", "g", y=195, para=3),
                 _line("（本栏目组稿：刘茂）", "credit", "g", y=210, para=4))
    (art,) = structure([page]).root.kids
    assert [k.type for k in art.kids] == ["H1", "H2", "Sect", "Sect", "P"]
    assert [k.type for k in art.kids[2].kids] == ["H3", "P"]


def test_a_picture_is_a_figure_with_its_caption_as_alternate_text():
    page = _page(3, Image(50, 50, 100, 80, "photo.jpg", "pic"),
                 _line("科技馆开馆", "caption", "pic", y=140))
    (div,) = structure([page]).root.kids
    assert div.type == "Div"
    figure, caption = div.kids
    assert (figure.type, figure.alt, caption.type) == ("Figure", "科技馆开馆", "Caption")


def test_segments_cover_the_line_around_its_replacement_text():
    line = _line("报告会对省科协2022年工", "body", "a")
    assert segments(line) == [(0, 13, None)]
    line = line._replace(actual=(ActualText(6, 8, "协2"), ActualText(11, 13, "2年")))
    assert segments(line) == [(0, 6, None), (6, 8, "协2"), (8, 11, None), (11, 13, "2年")]
    r = structure([_page(3, line)])
    assert r.marks[0] == ((0, 1, 2, 3),)
    short = line._replace(line=line.line._replace(glyphs=line.line.glyphs[:12]))
    assert segments(short) == [(0, 6, None), (6, 8, "协2"), (8, 11, None), (11, 12, "2年")]


def test_a_warm_memo_gives_what_a_cold_call_gives_edit_after_edit():
    """structure(pages, memo) reuses a run's marks while its items, page and first MCID are
    the same, and an owner's element and thread while all its runs are: after each change
    (a line added before a story, so its MCIDs move; a story's continuation on page 2 taken
    away and given back, so its first run stays the same while its runs do not) the result
    is a cold call's."""
    def pages(before: bool, jump: bool):
        p1 = _page(1, *((_line("插入", "body", "c", y=60),) if before else ()),
                   _line("标题", "headline", "a", y=80),
                   _line("第一段开头", "body", "a", x=50, y=100, para=0, last=False),
                   _line("另一篇", "headline", "b", x=400, y=80),
                   _line("另一篇正文", "body", "b", x=400, y=100))
        p2 = _page(2, _line("标题", "headline", "a", y=80),
                   _line("第一段结束", "body", "a", x=50, y=115, para=0)) if jump else \
            _page(2, _line("别的", "body", "d", x=50, y=115))
        return [p1, p2]

    memo: dict = {}
    for before, jump in ((False, True), (False, True), (True, True), (False, True),
                         (False, False), (False, True), (True, False)):
        ps = pages(before, jump)
        assert structure(ps, memo) == structure(ps), (before, jump)


def test_owner_runs_grouped_in_c_are_the_loops_runs():
    """items.owner_runs (itertools.groupby by owner) gives the runs the item-by-item loop
    gives, items without an owner (counted as "") among them."""
    import random
    from types import SimpleNamespace
    from layout.page.items import _owner_runs, owner_runs
    rng = random.Random(16)
    for _ in range(2000):
        items = tuple(SimpleNamespace(owner=rng.choice(("a", "b", ""))) if rng.random() < 0.9
                      else object() for _ in range(rng.randint(0, 12)))
        assert owner_runs(items) == list(_owner_runs(items))


def test_a_line_of_the_columns_is_content_whatever_its_kind():
    # reading._run marks a line of the columns (FLOW) without asking artifact(): so no kind
    # it carries may be furniture, navigation or decoration, whose lines are artifacts
    from layout.page.reading import FLOW, artifact
    for kind in sorted(FLOW):
        line = _line("会上，省科协", kind, "a")
        assert artifact(line) is None, kind
        assert structure([_page(3, line)]).marks[0] == ((0,),), kind
