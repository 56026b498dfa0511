"""flow.balance: balanced columns, 背题 and widow rules, overset (typesetting-rules.md §4)."""
from __future__ import annotations

from hypothesis import given, strategies as st

from layout.compose import Line
from layout.page.flow import FlowLine, balance


def para(n: int, tag: str) -> list[FlowLine]:
    return [FlowLine(Line((), 0.0, i == n - 1, f"{tag}{i}"), "body", para_first=(i == 0),
                     para_last=(i == n - 1)) for i in range(n)]


def title(tag: str) -> FlowLine:
    return FlowLine(Line((), 0.0, True, tag), "title", keep_with_next=True, para_first=True,
                    para_last=True)


def texts(flowed):
    return [[fl.line.text for fl in col] for col in flowed.columns]


def test_balanced_only_last_shorter():
    f = balance(tuple(para(5, "a") + para(3, "b")), 3, 10)
    assert [len(c) for c in f.columns] == [3, 3, 2] and not f.overset and f.widows == 0


def test_no_empty_column_to_dodge_a_widow():
    """7 lines in 3 columns: [4, 3, 0] would dodge the widow by leaving a column empty; the
    balanced [3, 3, 1] is kept and its widow reported."""
    f = balance(tuple(para(7, "a")), 3, 10)
    assert [len(c) for c in f.columns] == [3, 3, 1] and f.widows == 1


def test_widow_avoided_by_a_deeper_balance():
    # 3 + 3 lines in 2 columns of depth 3 would open column 2 with a0's last line... no:
    # paragraph a has 4 lines, so depth 3 puts a3 (its last) alone at the top of column 2
    lines = tuple(para(4, "a") + para(2, "b"))
    f = balance(lines, 2, 10)
    assert texts(f) == [["a0", "a1", "a2", "a3"], ["b0", "b1"]] and f.widows == 0


def test_unavoidable_widow_is_counted():
    lines = tuple(para(4, "a") + para(2, "b"))
    f = balance(lines, 2, 3)               # the block holds exactly 6 lines
    assert texts(f) == [["a0", "a1", "a2"], ["a3", "b0", "b1"]]
    assert f.widows == 1 and not f.overset


def test_heading_not_stranded_and_keeps_two_lines():
    lines = tuple(para(2, "a") + [title("T")] + para(3, "b"))
    f = balance(lines, 2, 10)
    for col in f.columns[:-1]:
        assert col[-1].kind != "title"
        assert len(col) < 2 or col[-2].kind != "title"


def test_overset_returned_not_dropped():
    lines = tuple(para(9, "a"))
    f = balance(lines, 2, 4)
    assert sum(len(c) for c in f.columns) == 8 and [fl.line.text for fl in f.overset] == ["a8"]


@given(st.integers(0, 400), st.lists(st.integers(0, 60), min_size=1, max_size=8))
def test_the_shallowest_depth_is_the_least_that_holds_the_lines(n, tops):
    """flow._shallowest (bisection) against its definition: the least depth from one below
    the lowest picture whose columns, less the rows pictures take at their tops, hold n."""
    from layout.page.flow import _shallowest

    def held(d):
        return sum(max(0, d - t) for t in tops)

    d = _shallowest(n, tuple(tops))
    assert held(d) >= n and d >= max(1, min(tops) + 1)
    assert d == max(1, min(tops) + 1) or held(d - 1) < n
