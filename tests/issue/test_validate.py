"""loadcheck: each scalar kind's accepted values (typed) and rejected ones (the message the
editor reads), and the mapping checks, on small YAML snippets through Checker directly."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from layout.issue import validate
from layout.issue.schema import GROUP, PLACE
from layout.issue.validate import Checker, split_paragraphs
from layout.page.formats import BROADSHEET, MM, TABLOID
from tests.kit.paths import ROOT

BAD = validate._BAD


def check(kind, text: str, path: str = "i.yaml"):
    """The value of `v: <text>` checked as `kind`, and the problems as (line, col, message)."""
    src = f"v: {text}\n"
    ck = Checker(path, src)
    node = yaml.compose(src, Loader=yaml.SafeLoader).value[0][1]
    value = ck.value(node, kind, "v")
    return value, [(p.line, p.column, p.message) for p in ck.problems], ck.problems


def ok(kind, text):
    value, problems, _ = check(kind, text)
    assert problems == [], problems
    return value


def refused(kind, text) -> str:
    value, problems, _ = check(kind, text)
    assert value is BAD and len(problems) == 1, (value, problems)
    return problems[0][2]


@pytest.mark.parametrize("kind, text, want", [
    ("str", "  本报讯 ", "本报讯"), ("str", "12", "12"),
    ("int", "3", 3), ("int", "0", 0), ("int", "'7'", 7), ("int", "010", 10),
    ("rows", "foot", "foot"), ("rows", "auto", "auto"), ("rows", "12", 12),
    ("size", "小初", 36.0), ("size", "小五", 9.0), ("size", "10.5pt", 10.5),
    ("size", "12 pt", 12.0), ("size", "4", 4.0), ("size", "300", 300.0),
    ("date", "2023-01-13", dt.date(2023, 1, 13)),
    ("bool", "true", True), ("bool", "yes", True), ("bool", "off", False),
    ("punct", "全角式", "quanjiao"), ("punct", "开明", "kaiming"), ("punct", "banjiao", "banjiao"),
    ("hyphenate", "en_US", "en_US"), ("hyphenate", "de_DE", "de_DE"),
    ("hyphenate", "false", ""), ("hyphenate", "true", "en_US"),
    ("bleed", "auto", None), ("bleed", "3", 3.0), ("bleed", "2.5mm", 2.5), ("bleed", "0", 0.0),
    ("bleed", "25", 25.0),
    ("pdfx", "X4", "x4"), ("pdfx", "none", "none"), ("colormode", "Gray", "gray"),
    ("names", "[甲, ' 乙 ']", ("甲", "乙")),
    ("pairs", "{责任编辑: 张三, 校对: 李四}", (("责任编辑", "张三"), ("校对", "李四"))),
    ("format", "四开", TABLOID), ("format", "broadsheet", BROADSHEET),
])
def test_accepted(kind, text, want):
    assert ok(kind, text) == want


@pytest.mark.parametrize("kind, text, words", [
    ("str", "[a, b]", "a string, got a list"),
    ("str", "", "a string, got nothing"),
    ("int", "-1", "a whole number, got '-1'"),
    ("int", "1.5", "a whole number, got '1.5'"),
    ("int", "0x10", "a whole number, got '0x10'"),       # YAML 1.1 hex
    ("int", "1:30", "a whole number, got '1:30'"),       # YAML 1.1 sexagesimal
    ("int", "{a: 1}", "a whole number, got a mapping"),
    ("rows", "top", "a whole number, `foot` or `auto`, got 'top'"),
    ("size", "3", "a size in pt or a 号 name such as 小初, got '3'"),
    ("size", "301", "a size in pt or a 号 name such as 小初, got '301'"),
    ("size", "12px", "a size in pt or a 号 name such as 小初, got '12px'"),
    ("size", "五", "a size in pt or a 号 name such as 小初, got '五'"),
    ("date", "2023-02-30", "a date (YYYY-MM-DD), got '2023-02-30'"),
    ("date", "13.1.2023", "a date (YYYY-MM-DD), got '13.1.2023'"),
    ("bool", "'true'", "true or false, got 'true'"),     # a quoted string is not a bool
    ("bool", "1", "true or false, got '1'"),
    ("bleed", "26", "a bleed in mm (0–25) or `auto`, got '26'"),
    ("bleed", "-1", "a bleed in mm (0–25) or `auto`, got '-1'"),
    ("bleed", "3cm", "a bleed in mm (0–25) or `auto`, got '3cm'"),
    ("names", "甲", "a list of names, got '甲'"),
    ("pairs", "[a]", "a mapping of label: name, got a list"),
])
def test_wrong_type_message(kind, text, words):
    assert refused(kind, text) == f"'v' must be {words}"


@pytest.mark.parametrize("kind, text, message, hint", [
    ("punct", "xyz", "unknown punctuation style 'xyz'",
     "punct is quanjiao (全角式), kaiming (开明式) or banjiao (半角式)"),
    ("hyphenate", "xx_YY", "no hyphenation dictionary for 'xx_YY'",
     "hyphenate is a language with a pyphen dictionary, e.g. en_US, en_GB, de_DE, fr, or false"),
    ("pdfx", "x1", "unknown v 'x1'", "did you mean 'x1a'?"),
    ("colormode", "grey", "unknown v 'grey'", "did you mean 'gray'?"),
    ("colormode", "rgb", "unknown v 'rgb'", "v is cmyk or gray"),
    ("format", "A4", "unknown page format 'A4'",
     "formats are: broadsheet, 对开, tabloid, 四开; or a mapping with a preset key"),
    ("format", "{preset: A3}", "unknown format preset 'A3'",
     "presets are: broadsheet, 对开, tabloid, 四开"),
    ("format", "{trim: 300 by 400}", "'trim' must be width x height in mm, got '300 by 400'",
     "e.g. trim: 390x540"),
])
def test_refused_with_hint(kind, text, message, hint):
    value, problems, diags = check(kind, text)
    assert value is BAD and [p[2] for p in problems] == [message]
    assert diags[0].hint == hint
    assert (diags[0].line, diags[0].column) == (1, 4)          # at the value, after `v: `


def test_format_mapping_derives_from_a_preset():
    fmt = ok("format", "{preset: tabloid, columns: 5, trim: 250 × 380 mm}")
    assert fmt.columns == 5 and fmt.column_chars == TABLOID.column_chars
    assert (fmt.trim_w, fmt.trim_h) == (250 * MM, 380 * MM)
    assert ok("format", "{body: 小五, pitch: 16}").pitch == 16.0
    msg = refused("format", "{columns: 9}")
    assert msg.startswith("page format: the type area (397 × 487 mm) does not fit")


def test_empty_names_are_reported_and_dropped():
    value, problems, _ = check("names", "[甲, '', 乙]")
    assert value == ("甲", "乙")
    assert problems == [(1, 8, "an empty name in 'v'")]         # at the '' itself


def test_icc_profile_is_checked(tmp_path):
    icc = (ROOT / "icc" / "default_cmyk.icc").read_bytes()
    (tmp_path / "ok.icc").write_bytes(icc)
    (tmp_path / "rgb.icc").write_bytes(icc[:16] + b"RGB " + icc[20:])
    path = str(tmp_path / "issue.yaml")
    assert check("icc", "ok.icc", path)[0] == str(tmp_path / "ok.icc")
    _, problems, _ = check("icc", "rgb.icc", path)
    assert [p[2] for p in problems] == [
        "'v': rgb.icc cannot be the output profile: its colour space is RGB, not CMYK"]
    _, problems, diags = check("icc", "none.icc", path)
    assert [p[2] for p in problems] == ["'v': no such file 'none.icc'"]
    assert str(tmp_path / "none.icc") in diags[0].hint


def test_mapping_unknown_missing_and_duplicate_keys():
    src = "{col: 1, spam: 2, row: 1, row: 2}"
    value, problems, diags = check(PLACE, src)
    assert sorted(p[2] for p in problems) == [
        "duplicate key 'row' in place", "place is missing the required key 'span'",
        "unknown key 'spam' in place"]
    hints = {d.message: d.hint for d in diags}
    assert hints["unknown key 'spam' in place"] == "did you mean 'span'?"
    assert hints["duplicate key 'row' in place"] == "first given on line 1"


def test_defaults_fill_the_optional_keys():
    d = ok(PLACE, "{col: 2, span: 3, row: 4}")
    assert (d["col"], d["span"], d["row"], d["rows"], d["split"]) == (2, 3, 4, "foot", None)


def test_a_required_list_must_not_be_empty():
    _, problems, _ = check(GROUP, "{id: g, banner: 栏, items: [], place: {col: 1, span: 1, "
                                  "row: 1}}")
    assert [p[2] for p in problems] == ["'items' is empty: group needs at least one"]


def test_text_paragraphs_and_markup_error_position():
    src = "v: |\n  第一段\n  接着\n\n  前**粗\n"
    ck = Checker("i.yaml", src)
    node = yaml.compose(src, Loader=yaml.SafeLoader).value[0][1]
    (para,) = ck.scalar_text(node, "v")      # the bad paragraph is reported, not kept
    assert para.text == "第一段接着" and (para.where.line, para.where.column) == (2, 3)
    assert [p.message for p in ck.problems] == ["`**` opens a bold run that is never closed"]
    d = ck.problems[0]
    assert (d.line, d.column) == (5, 4)      # the `**` itself: line 5, after "  前"


def test_text_without_paragraphs_is_refused():
    value, problems, _ = check("text", "'   '")
    assert value == () and problems == [(1, 4, "'v' has no text")]
    assert check("text", "[a]")[1] == [
        (1, 4, "'v' must be text (paragraphs separated by blank lines), got a list")]


def test_split_paragraphs_joins_hard_wrapped_lines():
    text = "第一行\n第二行\nLatin\nwords\n\n\n  第二段  \n"
    assert split_paragraphs(text) == [(0, "第一行第二行Latin words"), (6, "第二段")]
