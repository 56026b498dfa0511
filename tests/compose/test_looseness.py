"""compose.looseness._lines prices with totalfit.line_costs only the lines that could be over
the limits of the whole-paragraph search (since 4611cb1): a line with no hyphen whose points
take at most ¼ em each (its word spaces' and Han–Latin gaps' stretch aside) is given its
badness without it.
That shortcut repeats line_costs' rules for OVER, so the lines and their badness must stay
what pricing every line gives — on Han copy, mixed sizes, Latin words, a run-in head and a
no-break space — and a change to those rules in totalfit must be made in _lines too."""
from __future__ import annotations

import pytest

from layout.compose import Run, looseness, totalfit
from layout.compose.prepare import prepare
from layout.fonts.fontset import FontSet

HAN = "中华人民共和国科学技术协会今天在北京召开全国代表大会，会议听取并审议了“工作报告”。"
PARAGRAPHS = {
    "han": (Run(HAN * 4, "song", 9.0),),
    "sizes": (Run(HAN, "song", 9.0), Run(HAN, "hei", 12.0), Run(HAN, "song", 7.5)),
    "latin": (Run("研究人员使用internationalization和HTTP/2测试，长度为5\u00a0km。" * 3, "song",
                  9.0, "latin"),),
    "head": (Run("本报讯", "hei", 9.0, space_after=1.0), Run(HAN * 3, "song", 9.0)),
}


@pytest.fixture(scope="module")
def fonts():
    return FontSet()


@pytest.mark.parametrize("name", PARAGRAPHS)
def test_the_lines_not_priced_are_priced_as_line_costs_would(name, fonts, monkeypatch):
    G = prepare(PARAGRAPHS[name], fonts, "quanjiao", True)
    counts = looseness._points(G)
    priced = {"fast": 0, "all": 0}
    real = totalfit.line_costs

    def counted(way):
        def line_costs(G, T, start, ends):
            ends = list(ends)
            priced[way] += len(ends)
            return real(G, T, start, ends)
        return line_costs

    for em in (*range(4, 21), 9.5, 11.7, 13.3):
        for a in (a for a in range(G.n - 1) if a == 0 or G.brk[a]):
            monkeypatch.setattr(looseness, "line_costs", counted("fast"))
            fast = looseness._lines(G, a, em * 9.0, counts)
            monkeypatch.setattr(looseness, "line_costs", counted("all"))
            monkeypatch.setattr(looseness, "HAN_GAP_EM", -1.0)     # every line priced
            every = looseness._lines(G, a, em * 9.0, counts)
            monkeypatch.undo()
            assert fast == every, (em, a)
    assert 0 < priced["fast"] < priced["all"]          # the shortcut was taken
