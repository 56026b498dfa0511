"""Input normalisation (layout.normalize; typesetting-rules.md §5): each kind of change, the
cases that must stay untouched, the report, and the switch."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.loader import load_issue
from layout.normalize import Report, normalize_issue, normalize_text

from conftest import SAMPLE


def norm(text: str) -> str:
    return normalize_text(text, Report(), "t")


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


# --- Latin in the Latin face, interpunct, compatibility forms ------------------------------------
def test_fullwidth_letters_and_digits_to_ascii():
    assert norm("ＡＢＣ１２３ｘｙ") == "ABC123xy"


def test_gb_15834_4_14_interpunct():
    assert norm("马克‧吐温、列奥纳多・达・芬奇") == "马克·吐温、列奥纳多·达·芬奇"


def test_small_form_variants_to_marks():
    assert norm("Britannica.com﹑Infoplease.com﹐好") == "Britannica.com、Infoplease.com，好"


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
