"""`layout check` and the check inside `layout build` on the command line: exit statuses
(0 clean, 4 problems found, 2 an unreadable PDF or issue file — never a traceback), the
one-screen summary, and the JSON report of docs/check-report.md."""
from __future__ import annotations

import json
import subprocess
import sys

from layout.cli import main
from layout.errors import EXIT_CHECK, EXIT_INPUT, EXIT_OK
from layout.preflight import KINDS, REPORT_FORMAT
from tests.kit.checkkit import body_lines, build_small, rewrite, with_glyphs
from tests.kit.paths import ROOT

SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"


def test_build_checks_and_writes_the_report(tmp_path, capsys):
    out, rep = tmp_path / "s.pdf", tmp_path / "s.json"
    assert main(["build", str(SAMPLE), "-o", str(out), "--report", str(rep)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "check: 1 page, " in printed and ": no problems" in printed
    d = json.loads(rep.read_text(encoding="utf-8"))
    assert d["format"] == REPORT_FORMAT and d["ok"] is True and d["findings"] == []
    assert d["pages"] == [{"page": 3, "pdf_page": 1, "glyphs": d["pages"][0]["glyphs"],
                           "lines": d["pages"][0]["lines"]}]
    assert set(d) == {"format", "pdf", "issue", "ok", "seconds", "pages", "counts", "waived",
                      "findings"}


def test_build_without_check(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "s.pdf"), "--no-check"]) == EXIT_OK
    assert "check:" not in capsys.readouterr().out


def test_check_a_defective_pdf(tmp_path, capsys):
    small = build_small(tmp_path)
    items = list(small.page.items)
    k = body_lines(small, "two")[1]
    gs = items[k].line.glyphs
    items[k] = with_glyphs(items[k], gs[:5] + gs[6:])       # a character dropped mid-line
    bad = rewrite(small, items, "bad.pdf")
    rep = tmp_path / "bad.json"
    code = main(["check", str(bad), "--issue", str(small.issue), "--report", str(rep)])
    captured = capsys.readouterr()
    assert code == EXIT_CHECK
    assert "1 problem" in captured.out and "p2 two text-missing:" in captured.out
    assert "not ready for print" in captured.err
    d = json.loads(rep.read_text(encoding="utf-8"))
    assert d["ok"] is False and d["counts"] == {"text-missing": 1}
    (f,) = d["findings"]
    assert set(f) == {"page", "story", "kind", "family", "message", "text", "bbox", "waived"}
    assert (f["page"], f["story"], f["family"]) == (2, "two", "text")
    assert len(f["bbox"]) == 4 and f["bbox"][0] < f["bbox"][2] and f["bbox"][1] < f["bbox"][3]


def test_missing_pdf_is_bad_input_and_a_corrupt_one_one_finding(tmp_path):
    """No file: bad input (exit 2). A file that is not a whole PDF: one file-damaged finding
    and nothing else (exit 4), never a traceback."""
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    for pdf, code in ((tmp_path / "nothing.pdf", EXIT_INPUT), (junk, EXIT_CHECK)):
        p = subprocess.run([sys.executable, "-m", "layout.cli", "check", str(pdf), "--issue",
                            str(SAMPLE)], capture_output=True, text=True)
        assert p.returncode == code, p.stderr
        assert "Traceback" not in p.stderr and str(pdf) in p.stderr + p.stdout
    assert "1 problem" in p.stdout and "file-damaged 1" in p.stdout


def test_check_needs_a_readable_issue(tmp_path, capsys):
    small = build_small(tmp_path)
    code = main(["check", str(small.pdf), "--issue", str(tmp_path / "none.yaml")])
    assert code == EXIT_INPUT and "none.yaml" in capsys.readouterr().err


def test_every_kind_is_documented():
    doc = (ROOT / "docs" / "check-report.md").read_text(encoding="utf-8")
    for kind, (family, _) in KINDS.items():
        assert f"| `{kind}` | {family} |" in doc, kind


def test_a_pdf_of_another_version_of_the_issue_is_one_finding(tmp_path, capsys):
    """The issue file edited after the build (a paragraph added): the check says so once, with
    the cure, instead of listing every difference that follows from it."""
    small = build_small(tmp_path)
    edited = small.issue.read_text(encoding="utf-8").replace(
        "        byline: 阿坝州科协\n",
        "\n          二是送科普知识到农户，发放科普读物。\n        byline: 阿坝州科协\n")
    assert edited != small.issue.read_text(encoding="utf-8")
    small.issue.write_text(edited, encoding="utf-8")
    rep = tmp_path / "r.json"
    assert main(["check", str(small.pdf), "--issue", str(small.issue), "--report",
                 str(rep)]) == EXIT_CHECK
    d = json.loads(rep.read_text(encoding="utf-8"))
    assert [f["kind"] for f in d["findings"]] == ["wrong-issue"]
    assert "not built from this issue" in capsys.readouterr().out
    # built again from the edited file, the same check passes
    from layout.build import build_issue
    build_issue(str(small.issue), small.pdf)
    assert main(["check", str(small.pdf), "--issue", str(small.issue)]) == EXIT_OK
