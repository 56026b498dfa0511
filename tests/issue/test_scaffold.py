"""`layout new` and `layout import` (issue.scaffold): what they write builds."""
from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from layout.cli import main
from layout.issue.jsonschema import issue_schema
from layout.issue.loader import load_issue
from tests.kit.docxkit import make_docx


def test_layout_new_writes_an_issue_that_builds_and_checks_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "wanbao", "--paper", "晚报"]) == 0
    path = tmp_path / "wanbao.yaml"
    text = path.read_text(encoding="utf-8")
    ref = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    schema = json.loads((tmp_path / ref).read_text(encoding="utf-8"))
    from ruamel.yaml import YAML
    data = YAML(typ="safe", pure=True).load(text)
    data["issue"]["date"] = data["issue"]["date"].isoformat()
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    issue = load_issue(str(path))
    assert [p.number for p in issue.pages] == [1, 2] and issue.paper.name == "晚报"
    assert issue.pages[1].groups and issue.pages[1].footer and issue.pages[0].pictures
    assert main(["build", str(path), "-o", str(tmp_path / "w.pdf")]) == 0
    assert "no problems" in capsys.readouterr().out
    assert main(["new", "wanbao"]) == 2                    # never overwrites
    assert path.read_text(encoding="utf-8") == text
    assert issue_schema()                                  # the schema it names is ours


def test_layout_import_prints_a_story_to_paste(tmp_path, capsys):
    docx = make_docx(tmp_path / "zongjie.docx", [
        ("heading", "省科协召开部门年度总结报告会"),
        "本报讯（记者 曾青瑶）1月5日，省科协召开部门（单位）年度总结报告会。",
        [("一是深化学习教育。", True), ("不断强化理论武装。", False)],
        "（本报记者 曾青瑶）"])
    assert main(["import", str(docx)]) == 0
    story = capsys.readouterr().out
    assert "      - id: zongjie" in story
    assert "        headline: 省科协召开部门年度总结报告会" in story
    assert "        dateline: 本报讯（记者 曾青瑶）" in story
    assert "          1月5日，省科协召开部门（单位）年度总结报告会。\n\n" \
           "          **一是深化学习教育。**不断强化理论武装。\n" in story
    assert "        byline: 本报记者 曾青瑶" in story
    issue = tmp_path / "i.yaml"
    issue.write_text("paper: {name: 报}\nissue: {date: 2023-01-13}\npages:\n  - number: 2\n"
                     "    name: 要闻\n    stories:\n" + story, encoding="utf-8")
    s = load_issue(str(issue)).pages[0].stories[0]
    assert (s.id, s.dateline, s.byline) == ("zongjie", "本报讯（记者 曾青瑶）", "本报记者 曾青瑶")
    assert [sp.bold for sp in s.body[1].spans] == [True, False]


def test_layout_import_of_a_gbk_text_file_and_an_odd_headline(tmp_path, capsys):
    txt = tmp_path / "稿件.txt"
    txt.write_bytes("“两会”特别报道：代表委员热议\r\n\u3000\u3000正文第一段。\r\n\u3000\u3000正文第二段。\r\n".encode("gbk"))
    assert main(["import", str(txt), "--id", "lianghui"]) == 0
    story = capsys.readouterr().out
    assert '        headline: "“两会”特别报道：代表委员热议"' not in story   # plain is fine here
    assert "        headline: “两会”特别报道：代表委员热议" in story
    assert "          正文第一段。\n\n          正文第二段。\n" in story
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"abc\x80\x80\xff")
    assert main(["import", str(bad)]) == 2
    assert "neither UTF-8 nor GB 18030" in capsys.readouterr().err
