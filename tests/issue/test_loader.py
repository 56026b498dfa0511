"""The issue-file loader: paragraphs, markup, defaults, and positions kept for later errors."""
from __future__ import annotations

import pytest
import yaml

from layout.errors import InputError
from layout.issue.loader import load_issue
from layout.issue.markup import MarkupError, parse
from layout.issue.model import Span
from layout.issue.validate import split_paragraphs
from tests.kit.paths import ROOT, SAMPLE


def test_paragraphs_split_at_blank_lines_and_joined_without_spaces():
    text = "第一段第一行\n接着第一行。\n\n第二段 with\nLatin words。\n"
    assert split_paragraphs(text) == [(0, "第一段第一行接着第一行。"),
                                       (3, "第二段 with Latin words。")]


def test_bold_markup():
    assert parse("**一是深化。**不断强化") == (Span("一是深化。", True), Span("不断强化", False))
    assert parse(r"a\**b") == (Span("a**b", False),)
    try:
        parse("**一是")
    except MarkupError as e:
        assert e.offset == 0
    else:
        raise AssertionError("unclosed ** must fail")


def test_sample_loads_with_positions_and_defaults():
    issue = load_issue(str(SAMPLE))
    page = issue.pages[0]
    assert page.name == "地方科协" and page.format.name == "broadsheet"
    assert dict(page.credits)["责任编辑"]
    s = page.stories[0]
    assert s.dateline == "本报讯" and s.kicker == "" and s.place.rows == 21
    # the first paragraph's position points at the text in the file
    line = SAMPLE.read_text(encoding="utf-8").splitlines()[s.body[0].where.line - 1]
    assert line.strip().startswith(s.body[0].text[:10])
    assert page.footer.title == "本版协办单位" and page.footer.note == "排名不分先后"
    neijiang = next(x for x in page.stories if x.id == "neijiang")
    assert neijiang.body[1].spans[0] == Span("一是深化学习教育“强信念”。", True)


def test_format_preset_overrides(tmp_path):
    from layout.page.formats import MM
    src = tmp_path / "f.yaml"
    src.write_text("""paper: {name: 报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 版
    format: {preset: tabloid, body: 五号, pitch: 16, columns: 5, column_chars: 13, trim: 280x400}
""", encoding="utf-8")
    fmt = load_issue(str(src)).pages[0].format
    assert (fmt.name, fmt.body_size, fmt.pitch, fmt.columns, fmt.column_chars) == (
        "tabloid", 10.5, 16.0, 5, 13)
    assert abs(fmt.trim_w - 280 * MM) < 1e-9 and abs(fmt.type_w - (5 * 13 + 4) * 10.5) < 1e-9


def test_format_that_does_not_fit_is_an_error(tmp_path):
    import pytest

    from layout.errors import InputError
    src = tmp_path / "f.yaml"
    src.write_text("""paper: {name: 报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 版
    format: {preset: tabloid, columns: 9}
""", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_issue(str(src))
    msg = e.value.diagnostics[0].format()
    assert "f.yaml:6:13: error: page format: the type area (" in msg and "does not fit" in msg


def test_hao_size_names_and_points(tmp_path):
    """rules §6: sizes are stored in pt and accepted as 号 names."""
    src = tmp_path / "h.yaml"
    src.write_text("""paper: {name: 报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 版
    stories:
      - {id: a, headline: 标题, size: 小初, body: 正文。, place: {col: 1, span: 2, row: 1, rows: 8}}
      - {id: b, headline: 标题, size: 20pt, body: 正文。, place: {col: 3, span: 2, row: 1, rows: 8}}
      - {id: c, headline: 标题, size: 五号, body: 正文。, place: {col: 5, span: 2, row: 1, rows: 8}}
""", encoding="utf-8")
    sizes = [s.headline_size for s in load_issue(str(src)).pages[0].stories]
    assert sizes == [36.0, 20.0, 10.5]


# The C YAML parser (speed, issue 8) must give the same node marks, and syntax errors
# are reported as the Python parser reports them.


def _marks(node, out):
    out.append((node.tag, node.start_mark.line, node.start_mark.column,
                node.end_mark.line, node.end_mark.column, getattr(node, "style", None) or None))
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _marks(k, out)
            _marks(v, out)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _marks(v, out)
    return out


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_c_parser_gives_the_same_marks():
    for path in [SAMPLE, *sorted((ROOT / "tests" / "cases").glob("*.yaml"))]:
        src = path.read_text(encoding="utf-8")
        assert _marks(yaml.compose(src, Loader=yaml.CSafeLoader), []) == \
            _marks(yaml.compose(src, Loader=yaml.SafeLoader), []), path


def test_syntax_errors_reported_by_the_python_parser(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("paper: {name: 报}\n\tissue: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_issue(str(p))
    (d,) = e.value.diagnostics
    assert (d.line, d.column) == (2, 1) and "'\\t'" in d.message    # libyaml does not say
