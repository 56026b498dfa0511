"""Input normalisation (layout.normalize; typesetting-rules.md §5): each kind of change, the
cases that must stay untouched, the report, and the switch."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose import Run, compose_paragraph
from layout.issue.loader import load_issue
from layout.issue.normalize import (
    Report,
    normalize_issue,
    normalize_paragraph,
    normalize_text,
)
from tests.kit.fontkit import EM, metrics  # noqa: F401  (the composer tests' test font)
from tests.kit.paths import SAMPLE


def norm(text: str) -> str:
    return normalize_text(text, Report(), "t")


def para(text: str) -> str:
    """A body paragraph of one span, normalised."""
    (out,) = normalize_paragraph([text], Report(), "t")
    return out


# --- GB/T 15834 §5.1: full-width marks in Chinese text ------------------------------------------
@pytest.mark.parametrize("src, want", [
    ("中文,中文;问题:答案?好!", "中文，中文；问题：答案？好！"),
    ("2月23日:一个", "2月23日：一个"),
    ("Alexa.com,比较", "Alexa.com，比较"),             # the nearest neighbour is Han
    ("”,“", "”，“"),                                    # next to Chinese marks
    ("共 1,000 人", "共 1,000 人"),                      # a digit separator stays
    ("10:30开会", "10:30开会"),
    ("见http://a.org/x中", "见http://a.org/x中"),
    ("Hello, world", "Hello, world"),                  # Latin text stays Latin
])
def test_gb_15834_ascii_punctuation_next_to_chinese(src, want):
    assert norm(src) == want


@pytest.mark.parametrize("src, want", [
    ("总条目数(含所有语言)50万", "总条目数（含所有语言）50万"),
    ("维基百科 (wikipedia.org) 今天", "维基百科 （wikipedia.org） 今天"),
    ("系统,MediaWiki(mediawiki.org),以", "系统，MediaWiki（mediawiki.org），以"),
    ("see (foo) bar", "see (foo) bar"),
    ("f(x) = 1", "f(x) = 1"),
])
def test_gb_15834_parentheses_converted_as_pairs(src, want):
    assert norm(src) == want


# --- GB/T 15834 §4.8: quotation marks by nesting --------------------------------------------------
@pytest.mark.parametrize("src, want", [
    ('他说:"你好"。', "他说：“你好”。"),
    ('他说"你好"', "他说“你好”"),                       # Han on both sides: by nesting
    ('"你好",他说', "“你好”，他说"),
    ('"a" "b"', "“a” “b”"),
    ("\"他说'好'\"", "“他说‘好’”"),                    # ' inside " -> ‘ ’
    ('他说:"我说:"好"。"', "他说：“我说：‘好’。”"),     # " typed inside " -> ‘ ’
    ("don't 中文", "don't 中文"),                       # an apostrophe stays
    ("'单引号'", "‘单引号’"),
])
def test_gb_15834_4_8_straight_quotes_by_nesting(src, want):
    assert norm(src) == want


def test_gb_15834_4_8_quotes_nest_across_the_spans_of_a_paragraph(tmp_path):
    issue = _issue(tmp_path, 'body: |\n          **"一是**强信念"。')
    out, _ = normalize_issue(issue)
    assert out.pages[0].stories[0].body[0].text == "“一是强信念”。"


# --- GB/T 15834 §4.11 省略号, §4.10 破折号 -----------------------------------------------------------
@pytest.mark.parametrize("src, want", [
    ("等等...", "等等……"), ("等等......", "等等……"), ("等等。。。", "等等……"),
    ("等等…", "等等……"), ("等等……", "等等……"), ("等等⋯⋯", "等等……"),
])
def test_gb_15834_4_11_ellipsis(src, want):
    assert norm(src) == want


@pytest.mark.parametrize("src, want", [
    ("中--文", "中——文"), ("中 -- 文", "中 —— 文"), ("--开头", "——开头"),
    ("结尾--", "结尾——"), ("组织──基金会", "组织——基金会"), ("组织－－基金会", "组织——基金会"),
    ("答案一一。", "答案——。"),                          # 一一 before a mark: a dash
    ("2020一一2021年", "2020——2021年"),                  # between non-Han
    ("说一一“好”", "说——“好”"),
    ("--help", "--help"), ("a--b", "a--b"), ("中文--Python", "中文--Python"),
    ("一一对应", "一一对应"), ("，一一对应", "，一一对应"),  # the word 一一 stays
    ("他们一一握手", "他们一一握手"), ("统一一下", "统一一下"), ("一一一", "一一一"),
])
def test_gb_15834_4_10_dashes(src, want):
    assert norm(src) == want


# --- GB/T 15835: the minus sign of a negative number ----------------------------------------------
@pytest.mark.parametrize("src, want", [
    ("气温-12℃", "气温\u221212℃"), ("降至 -5℃左右", "降至 \u22125℃左右"), ("-3.5", "\u22123.5"),
    ("（-1）", "（\u22121）"),
    ("COVID-19", "COVID-19"), ("2024-01-05", "2024-01-05"), ("A-1", "A-1"), ("3.-2", "3.-2"),
    ("U+FF0C-3", "U+FF0C-3"), ("a_-1", "a_-1"), ("--5", "--5"),
])
def test_gb_15835_minus_sign(src, want):
    assert norm(src) == want


# --- Latin in the Latin face, interpunct, compatibility forms ------------------------------------
def test_fullwidth_letters_and_digits_to_ascii():
    assert norm("ＡＢＣ１２３ｘｙ") == "ABC123xy"


def test_gb_15834_4_14_interpunct():
    assert norm("马克‧吐温、列奥纳多・达・芬奇") == "马克·吐温、列奥纳多·达·芬奇"


def test_small_form_variants_to_marks():
    assert norm("Britannica.com﹑Infoplease.com﹐好") == "Britannica.com、Infoplease.com，好"


# --- clreq: no typed space between Han characters; one word space between Latin words ---------
@pytest.mark.parametrize("src, want", [
    ("正文第一段，测\u00a0试\u3000文字。", "正文第一段，测试文字。"),    # NBSP, U+3000
    ("第一段  有", "第一段有"), ("第一段\t有", "第一段有"), ("第一段 \u3000 有", "第一段有"),
    ("中文\u2003中文", "中文中文"),
    ("他说 “好” 。", "他说“好”。"),                      # next to Chinese marks too
    ("中 , 中", "中，中"),                                # the comma becomes Chinese context
    ("维基百科 (wikipedia.org) 今天", "维基百科（wikipedia.org）今天"),
])
def test_clreq_typed_space_between_han_removed_in_body(src, want):
    assert para(src) == want


def test_clreq_single_space_between_han_kept_as_phrase_separator():
    # The sample page's “深入学习贯彻党的二十大精神 助力创新驱动发展”: one plain space between
    # two Han characters separates two phrases on purpose; it is set as a word space.
    assert para("二十大精神 助力创新") == "二十大精神 助力创新"


@pytest.mark.parametrize("src, want", [
    ("foo   bar\tbaz", "foo bar baz"),
    ("使用  Python\t\t语言", "使用 Python 语言"),
    ("5\u00a0km", "5\u00a0km"),                         # a no-break space stays
    ("use\u00a0 \u00a0Python", "use\u00a0Python"),     # a run holding one: one U+00A0
    ("a\u3000b", "a b"),
])
def test_clreq_latin_word_space_runs_collapsed(src, want):
    assert para(src) == want


def test_clreq_typed_spaces_only_in_body_paragraphs():
    # Headlines, bylines and credits separate names on purpose: normalize_text keeps them.
    assert norm("本报记者  曾青瑶") == "本报记者  曾青瑶"
    assert norm("中文\u3000中文") == "中文\u3000中文"


def test_clreq_typed_space_across_the_spans_of_a_paragraph(tmp_path):
    issue = _issue(tmp_path, "body: |\n          **一是 **　深化学习。")
    out, report = normalize_issue(issue)
    p = out.pages[0].stories[0].body[0]
    assert [(s.text, s.bold) for s in p.spans] == [("一是", True), ("深化学习。", False)]
    assert report.counts == {"han-space": 1, "ascii-punct": 1}     # (the headline's colon)


def test_space_report_kinds_and_first_place():
    r = Report()
    normalize_paragraph(["正文第一段，测\u00a0试\u3000文字 and  more"], r, "s line 3")
    assert r.counts == {"han-space": 2, "space-run": 1}
    assert r.first["han-space"] == "s line 3: …文第一段，测试文字 and …"
    assert r.first["space-run"] == "s line 3: …文字 and more…"


def test_clreq_adjustments_of_orphans_typed_spaces_no_lone_han(metrics):
    # The review's case: NBSP and U+3000 inside the paragraph set "字。" alone on a 13-em
    # line (the U+3000 a fixed 1-em gap). Normalised, the paragraph fits its first line:
    # 2-em indent, 11 characters 1 em apart, 。 at the end counted ½ em.
    src = "正文第一段，测\u00a0试\u3000文字。"
    before = compose_paragraph([Run(src, "song", EM)], 13 * EM, metrics)
    assert [l.text for l in before][-1] == "字。"
    (line,) = compose_paragraph([Run(para(src), "song", EM)], 13 * EM, metrics)
    assert [round(g.x, 4) for g in line.glyphs] == [18 + 9 * i for i in range(11)]
    assert line.text == "正文第一段，测试文字。" and line.width == pytest.approx(112.5)


# --- invisible characters ----------------------------------------------------------------------------
@pytest.mark.parametrize("src, want", [
    ("中\u200b文", "中文"), ("中\u200c\u200d文", "中文"), ("\ufeff中文", "中文"),
    ("super\u00adcali", "supercali"), ("a\u2060b", "ab"),
])
def test_invisible_zero_width_and_soft_hyphen_removed(src, want):
    r = Report()
    assert normalize_text(src, r, "t") == want
    assert r.counts == {"invisible": len(src) - len(want)}


def test_clreq_adjustments_of_orphans_zero_width_space_not_drawn(metrics):
    # A ZWSP (U+200B) was set as a glyph (.notdef, 1 em: "drawn in kai-regular.ttf") and
    # pushed "试文字。" down; removed, the paragraph is two full lines' worth: 8 characters
    # after the indent, then "文字。".
    src = "正文第一段，测\u200b试文字。"
    lines = compose_paragraph([Run(norm(src), "song", EM)], 10 * EM, metrics)
    assert [l.text for l in lines] == ["正文第一段，测试", "文字。"]
    assert [round(g.x, 4) for g in lines[0].glyphs] == [18 + 9 * i for i in range(8)]
    assert all("\u200b" not in g.ch for l in lines for g in l.glyphs)


# --- the report and the switch -------------------------------------------------------------------
def test_report_counts_and_first_place():
    r = Report()
    normalize_text('他说:"你好..."', r, "zongjie line 12")
    assert r.counts == {"ascii-punct": 1, "straight-quote": 2, "ellipsis": 1}
    assert r.first["ascii-punct"] == "zongjie line 12: …他说：“你好……”…"
    assert r.first["ellipsis"].startswith("zongjie line 12: …") and "……" in r.first["ellipsis"]


def _issue(tmp_path, story_body: str):
    src = textwrap.dedent("""\
        paper: {name: 测试报}
        issue: {date: 2024-01-01}
        pages:
          - number: 1
            name: 新闻
            stories:
              - id: s
                headline: 标题:测试
                place: {col: 1, span: 3, row: 1, rows: 20}
                %s
        """) % story_body
    p = tmp_path / "x.yaml"
    p.write_text(src, encoding="utf-8")
    return load_issue(str(p))


def test_normalize_issue_switched_off(tmp_path):
    issue = _issue(tmp_path, "body: |\n          中文,中文...")
    out, report = normalize_issue(issue, enabled=False)
    assert out is issue and not report.counts and not report.first
    on, report = normalize_issue(issue)
    assert on.pages[0].stories[0].body[0].text == "中文，中文……"
    assert on.pages[0].stories[0].headline == "标题：测试"
    assert report.counts == {"ascii-punct": 2, "ellipsis": 1}
    assert report.first["ascii-punct"].startswith("s: …")


def test_sample_issue_needs_no_normalisation():
    out, report = normalize_issue(load_issue(str(SAMPLE)))
    assert not report.counts


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="中文一对应说好abc12 ,.;:?!()\"'-…。‧Ａ“”（）─－", max_size=30))
def test_normalisation_is_idempotent(text):
    once = norm(text)
    assert norm(once) == once


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="中文说好ab12 ,.;:\"'(…。“”\t\u00a0\u3000\u200b\u00ad",
                        min_size=1, max_size=15), min_size=1, max_size=3))
def test_paragraph_normalisation_is_idempotent(texts):
    once = normalize_paragraph(texts, Report(), "t")
    assert normalize_paragraph(once, Report(), "t") == once
    assert len(once) == len(texts)
