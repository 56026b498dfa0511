"""Copy from the files it comes in (issue.copy): Word, text in UTF-8/UTF-16/GB 18030,
Markdown; `body: {file: …}` in an issue file, with positions in the copy file."""
from __future__ import annotations

import pytest

from layout.errors import InputError
from layout.issue.copy import CopyError, decode, markdown_paragraphs, read_copy, text_paragraphs
from layout.issue.loader import load_issue
from tests.kit.docxkit import add_tracked_change, make_docx

COPY = "近日，内江市科协认真落实内江市委干部队伍各项部署，研究制定了工作方案，有序组织干部认真学习教育。"


def test_word_paragraphs_and_bold_runs(tmp_path):
    path = make_docx(tmp_path / "s.docx", [
        ("heading", "省科协召开年度总结报告会"),
        "\u3000\u3000本报讯 1月5日，省科协召开年度总结报告会。",
        [("一是深化", True), ("学习教育“强信念”。", True), ("不断强化理论武装，", False),
         (" ", True), ("利用 **党组会**。", False)],
        "",
        ("table", "表格里的字"),
        ("break", "第一行", "第二行"),
    ])
    copy = read_copy(str(path))
    assert copy.encoding == "docx"
    assert [t for _, t in copy.paragraphs] == [
        "**省科协召开年度总结报告会**",                 # Heading 1 is bold by its style
        "本报讯 1月5日，省科协召开年度总结报告会。",    # typed indentation dropped
        "**一是深化学习教育“强信念”。**不断强化理论武装， 利用 \\**党组会\\**。",
        "第一行", "第二行"]                              # a manual break: two paragraphs
    assert [n for n, _ in copy.paragraphs] == [1, 2, 3, 5, 5]
    assert copy.notes == ("1 table left out: only the paragraphs of the body are copy",)


def test_word_tracked_changes_read_as_accepted(tmp_path):
    path = add_tracked_change(make_docx(tmp_path / "t.docx", ["正文。"]), "删掉的字", "插入的字")
    copy = read_copy(str(path))
    assert [t for _, t in copy.paragraphs] == ["正文。", "保留插入的字"]
    assert any("tracked changes" in n for n in copy.notes)


def test_a_damaged_word_file_is_refused_with_a_hint(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CopyError) as e:
        read_copy(str(bad))
    assert "docx" in str(e.value) and "save it as .docx again" in e.value.hint


@pytest.mark.parametrize("encoding,name", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"),
                                           ("utf-16", "utf-16"), ("gbk", "gb18030"),
                                           ("gb2312", "gb18030"), ("gb18030", "gb18030")])
def test_text_in_every_chinese_encoding_is_decoded(encoding, name):
    text, found = decode((COPY + "\r\n\r\n𠀀" * (encoding == "gb18030")).encode(encoding))
    assert found == name and text.startswith(COPY) and "\r" not in text


def test_big5_is_not_mistaken_for_gbk():
    data = "近日，內江市科協認真落實內江市委幹部隊伍各項部署，研究制定了工作方案，有序組織幹部認真學習教育。".encode("big5")
    data.decode("gb18030")        # the bytes pass as GB 18030 …
    with pytest.raises(CopyError) as e:
        decode(b"\n" + data)      # … but read as rare characters: refused at the first byte
    assert (e.value.line, e.value.column) == (2, 1) and "UTF-8" in e.value.hint


def test_text_paragraphs_blank_lines_or_one_a_line():
    assert text_paragraphs("第一段\n接着写\n\n第二段 **字**\n") == [(1, "第一段接着写"), (4, "第二段 \\**字\\**")]
    assert text_paragraphs("\u3000\u3000第一段\n\u3000\u3000第二段\n") == [(1, "第一段"), (2, "第二段")]
    assert text_paragraphs("Latin words\nwrapped here\n\nx") == [(1, "Latin words wrapped here"), (4, "x")]


def test_markdown_keeps_bold_and_drops_the_rest_of_its_marks():
    md = ("# 小标题\n\n这是 *强调*、**加粗**、__也加粗__、[链接](http://x) 和 `代码`，\\*\\*字面。\n\n"
          "- 列表项\n\n---\n\n> 引文\n")
    assert markdown_paragraphs(md) == [(1, "**小标题**"), (3, "这是 强调、**加粗**、**也加粗**、链接 和 代码，\\**字面。"),
                                       (5, "列表项"), (9, "引文")]


def _issue(tmp_path, body: str) -> str:
    path = tmp_path / "i.yaml"
    path.write_text("paper: {name: 报}\nissue: {date: 2023-01-13}\npages:\n  - number: 2\n"
                    "    name: 要闻\n    stories:\n      - id: a\n        headline: 标题\n"
                    f"        place: {{col: 1, span: 4, row: 1, rows: 30}}\n        body: {body}\n",
                    encoding="utf-8")
    return str(path)


def test_body_from_a_gbk_file_is_read_and_reported(tmp_path):
    (tmp_path / "story.txt").write_bytes(f"{COPY}\r\n二是**重点**。\r\n".encode("gbk"))
    issue = load_issue(_issue(tmp_path, "{file: story.txt}"))
    body = issue.pages[0].stories[0].body
    assert [p.text for p in body] == [COPY, "二是**重点**。"]       # literal in a .txt
    assert body[1].where == (str(tmp_path / "story.txt"), 2, 1)
    assert [(n.line, n.column) for n in issue.notes] == [(10, 22)]
    assert "story.txt: read as GB 18030 (GBK) text" in issue.notes[0].message
    assert issue.copies == (str(tmp_path / "story.txt"),)


def test_body_from_word_keeps_bold_leads(tmp_path):
    make_docx(tmp_path / "s.docx", [[("一是", True), ("正文。", False)]])
    para = load_issue(_issue(tmp_path, "{file: s.docx}")).pages[0].stories[0].body[0]
    assert [(s.text, s.bold) for s in para.spans] == [("一是", True), ("正文。", False)]


@pytest.mark.parametrize("body,message,line,column", [
    ("{file: nosuch.docx}", "'body': no such file 'nosuch.docx'", 10, 22),
    ("{files: s.txt}", "unknown key 'files' in the copy file of 'body'", 10, 16),
    ("{file: s.pdf}", "'body': s.pdf: 's.pdf' is not a copy file this reads", 10, 22),
    ("{file: bad.txt}", "'body': bad.txt: neither UTF-8 nor GB 18030", 2, 4),
    ("{file: open.md}", "line 3: `**` opens a bold run that is never closed", 3, 1),
])
def test_bad_copy_files_are_positioned_errors(tmp_path, body, message, line, column):
    (tmp_path / "s.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "bad.txt").write_bytes(b"ok\nabc\xff\xfe\xfd")
    (tmp_path / "open.md").write_text("第一段\n\n**没有关上。\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_issue(_issue(tmp_path, body))
    d = e.value.diagnostics[0]
    assert message in d.message and (d.line, d.column) == (line, column) and d.hint


def test_an_unchanged_copy_file_is_read_once(tmp_path, monkeypatch):
    import layout.issue.copy as copy_mod
    path = tmp_path / "s.txt"
    path.write_text(COPY, encoding="utf-8")
    first = read_copy(str(path))
    monkeypatch.setattr(copy_mod, "text_paragraphs", lambda text: pytest.fail("read again"))
    assert read_copy(str(path)) is first
