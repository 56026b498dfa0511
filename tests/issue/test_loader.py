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


# -- a warm process's incremental parse (loader.Parsed) ---------------------------------------
def _tree(node) -> tuple:
    """Everything of a node tree the loader could read: kinds, tags, values, styles, marks."""
    import yaml as y
    at = (node.start_mark.index, node.start_mark.line, node.start_mark.column,
          node.end_mark.index, node.end_mark.line, node.end_mark.column)
    if isinstance(node, y.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, at)
    if isinstance(node, y.MappingNode):
        kids = tuple((_tree(k), _tree(v)) for k, v in node.value)
    else:
        kids = tuple(_tree(v) for v in node.value)
    return (type(node).__name__, node.tag, node.flow_style, at, kids)


def _composed(text: str, memo=None):
    from layout.issue.limits import Limits
    from layout.issue.loader import _compose
    try:
        return _tree(_compose(text, Limits.from_env(), memo))
    except Exception as e:          # the same error either way
        return type(e).__name__


def _counted(memo):
    """memo, counting the edits it parsed a part of (not the whole file)."""
    parts = []
    edited = memo.edited

    def counting(text, limits):
        root = edited(text, limits)
        parts.append(root is not None)
        return root
    memo.edited = counting
    return parts


EDITS = [("出席会议", "出席了会议"),                         # in a story's body
         ("出席了会议", "出席会议"),
         ("毛大付主持会议。", "毛大付主持会议。\n\n          新的一段。\n\n          又一段。"),  # lines added
         ("\n\n          新的一段。\n\n          又一段。", ""),                      # and taken away
         ("dateline: 本报讯", "dateline: 本报讯  # a comment"),
         ("headline: 阿坝州科协积极开展暖冬行动", "headline: '阿坝州科协: 暖冬'"),
         ("- 资阳市科学技术协会", "- 资阳市科协"),                    # a footer's name
         ("name: 地方科协", "name: 地方科协动态"),                  # the page's own key
         ("byline: 本报记者 曾青瑶\n", "byline: 本报记者 曾青瑶\n        kicker:\n")]  # empty, last


def test_an_edit_to_one_story_parses_it_alone_into_the_tree_a_full_parse_gives():
    from layout.issue.loader import Parsed
    text = SAMPLE.read_text(encoding="utf-8")
    memo = Parsed()
    parts = _counted(memo)
    assert _composed(text, memo) == _composed(text)
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
        assert _composed(text, memo) == _composed(text), (old, new)
    assert sum(parts) >= 6           # most of them parsed the story (or item) alone


def test_random_edits_give_the_tree_a_full_parse_gives():
    """Characters added and cut at random places of the samples (YAML's own syntax among
    them: indentation, `-`, `:`, `|`, quotes, brackets, anchors): the incremental parse
    gives the full parse's tree, or the same error."""
    import random
    from layout.issue.loader import Parsed
    rng = random.Random(16)
    alphabet = list("科协，。、 \n-:|#'\"*&{}[]ab1") + ["\n  ", "  ", "\n      - id: x\n"]
    for path in sorted((ROOT / "issues").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        memo = Parsed()
        parts = _counted(memo)
        _composed(text, memo)
        for _ in range(120):
            k = rng.randrange(len(text))
            if rng.random() < 0.5:
                t = text[:k] + "".join(rng.choice(alphabet)
                                       for _ in range(rng.randint(1, 3))) + text[k:]
            else:
                t = text[:k] + text[k + rng.randint(1, 5):]
            full = _composed(t)
            assert _composed(t, memo) == full, (path.name, k)
            if not isinstance(full, str) and rng.random() < 0.7:
                text = t
        assert sum(parts) > 20, path.name


def test_an_item_with_an_anchor_or_an_alias_is_parsed_whole():
    """A story holding an anchor (or an alias) is parsed with the whole file; an edit to
    another story of the same file is parsed alone, and the alias still stands for its
    anchor's node."""
    from layout.issue.loader import Parsed
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "dateline: 本报讯\n", "dateline: &d 本报讯\n", 1).replace(
        "dateline: 本报讯\n", "dateline: *d\n", 1)
    memo = Parsed()
    _composed(text, memo)
    parts = _counted(memo)
    for old, new in (("换届暨党员代表大会召开", "换届大会召开"),     # the anchor's story
                     ("出席会议", "出席了会议"),                 # the alias's
                     ("阿坝州科协积极开展暖冬行动", "阿坝州科协开展暖冬行动")):  # neither
        text = text.replace(old, new, 1)
        assert _composed(text, memo) == _composed(text), old
    assert parts == [False, False, True]


def test_other_line_breaks_and_directives_are_parsed_whole():
    """Lines are counted by \\n: a file with CRLF line ends is parsed a story at a time; one
    with YAML's other line breaks (CR alone, NEL, LS, PS) or a directive is parsed whole;
    either way the tree is the full parse's."""
    from layout.issue.loader import Parsed
    text = SAMPLE.read_text(encoding="utf-8")
    for odd, edit, alone in (("\r\n", "出席\r\n          了会议", True),
                             ("\n", "出席\u2028了会议", False), ("\n", "出席\r了会议", False),
                             ("\n", "出席了会议\n%YAML 1.1", False)):
        memo = Parsed()
        first = text.replace("\n", odd)
        _composed(first, memo)
        parts = _counted(memo)
        edited = first.replace("出席会议", edit, 1)
        assert _composed(edited, memo) == _composed(edited)
        assert parts == [alone], repr(edit)


def test_an_edit_before_an_anchor_and_its_alias_moves_their_node_once():
    """An aliased node is met twice in the tree: an edit before it (parsed alone) moves its
    marks once, as a full parse places them (they were moved twice: its lines were off by
    the edit's)."""
    from layout.issue.loader import Parsed
    text = SAMPLE.read_text(encoding="utf-8")
    at = text.index("id: aba\n")       # the anchor and the alias after the first stories
    tail = text[at:].replace("dateline: 本报讯\n", "dateline: &d 本报讯\n", 1).replace(
        "dateline: 本报讯\n", "dateline: *d\n", 1)
    text = text[:at] + tail
    assert "&d" in text and "*d" in text
    memo = Parsed()
    _composed(text, memo)
    parts = _counted(memo)
    for old, new in (("出席会议", "出席了会议"),
                     ("毛大付主持会议。", "毛大付主持会议。\n\n          新的一段。")):
        text = text.replace(old, new, 1)
        assert _composed(text, memo) == _composed(text), old
    assert parts == [True, True]


def _loaded(path):
    try:
        return load_issue(str(path))
    except InputError as e:
        return [tuple(d) for d in e.diagnostics]


def test_a_warm_load_is_the_cold_load(tmp_path, monkeypatch):
    """A warm process's loads (issue.loader.Parsed: unchanged list items' checked values
    reused, validate.Checked) give the issue a cold load gives, edit after edit — lines
    added and taken away, a problem made and mended, a picture's file — and check fewer
    mappings than the cold load."""
    from layout.issue import validate
    from layout.issue.loader import Parsed
    checked = []
    real = validate.Checker.mapping
    monkeypatch.setattr(validate.Checker, "mapping",
                        lambda self, *a: checked.append(self.memo is not None) or
                        real(self, *a))
    edits = EDITS + [("毛大付主持会议。", "毛大付主持会议。\n\n          加的一段。"),
                     ("dateline: 本报讯", "dateline: 本报讯\n        colour: red"),  # a problem
                     ("\n        colour: red", ""),                                # mended
                     ("出席会议", "出席了会议")]
    for sample, more in ((SAMPLE, edits),
                         (ROOT / "issues" / "sample-tabloid.yaml", [])):
        src = tmp_path / sample.name
        text = sample.read_text(encoding="utf-8")
        src.write_text(text, encoding="utf-8")
        if sample != SAMPLE:                   # its photos, read beside the issue file
            import shutil
            shutil.copytree(sample.parent / "photos", tmp_path / "photos",
                            dirs_exist_ok=True)
            t = text.index("- id:", text.index("stories:"))
            first = text[t:].split("\n", 1)[0]
            more = [(first, first + "x"), (first + "x", first)]
        memo = Parsed()
        load_issue(str(src), memo=memo)
        for old, new in more:
            assert old in text, old
            text = text.replace(old, new, 1)
            src.write_text(text, encoding="utf-8")
            cold = _loaded(src)
            checked.clear()
            try:
                warm = load_issue(str(src), memo=memo)
            except InputError as e:
                warm = [tuple(d) for d in e.diagnostics]
            assert warm == cold, (sample.name, old, new)
            if not isinstance(cold, list):
                n = len(checked)
                checked.clear()
                load_issue(str(src))
                assert n < len(checked), (sample.name, old, n, len(checked))


def test_odd_line_breaks_and_directives_are_found_as_the_expression_finds_them():
    """loader._odd (string scans) says what `\\r(?!\\n)|[\\x85\\u2028\\u2029]|^%` (multiline)
    finds, on short strings of the characters that matter."""
    import random
    import re
    from layout.issue.loader import _odd
    odd = re.compile("\r(?!\n)|[\x85\u2028\u2029]|^%", re.M)
    rng = random.Random(16)
    alphabet = ["a", "\n", "\r", "\r\n", "%", "\x85", "\u2028", "\u2029", " ", "科"]
    for _ in range(20_000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert _odd(t) == bool(odd.search(t)), repr(t)


def test_a_warm_load_keeps_unchanged_stories_as_the_same_objects(tmp_path):
    """After a one-story edit, a warm load (issue.validate.Checked.made) gives the other
    stories, the group and the pictures as the same objects as the load before; the edited
    story is a new one, equal to a cold load's."""
    from layout.issue.loader import Parsed
    src = tmp_path / "issue.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    memo = Parsed()
    before = load_issue(str(src), memo=memo).pages[0]
    src.write_text(text.replace("出席会议", "出席了会议", 1), encoding="utf-8")
    after = load_issue(str(src), memo=memo).pages[0]
    cold = load_issue(str(src)).pages[0]
    assert after == cold
    same = [a is b for a, b in zip(after.stories + after.groups + after.pictures,
                                   before.stories + before.groups + before.pictures)]
    changed = [s.id for s, kept in zip(after.stories, same) if not kept]
    assert changed == ["zongjie"] and sum(same) == len(same) - 1
