"""Every issue we ship passes its own preflight: each file in issues/ (and each focused case in
tests/cases/ that builds without overset) is built to a temporary directory, its PDF read back
and checked against the issue file, and any finding fails the test with the summary."""
from __future__ import annotations

import pytest

from layout.build import BuildOptions, build_issue
from layout.preflight import check_pdf
from tests.kit.paths import ROOT

ISSUES = sorted((ROOT / "issues").glob("*.yaml"))
CASES = sorted(p for p in (ROOT / "tests" / "cases").glob("*.yaml") if p.stem != "overset")
TEXTS = sorted((ROOT / "tests" / "texts").glob("*.yaml"))   # real texts, with hyphenated words


@pytest.mark.parametrize("issue", ISSUES + CASES + TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_issue_passes_the_check(issue, tmp_path):
    out = tmp_path / (issue.stem + ".pdf")
    r = build_issue(str(issue), out)
    report = check_pdf(str(out), str(issue))
    assert report.ok, report.summary(first=30)
    assert [p.page for p in report.pages] == [p.number for p in r.pages]
    assert all(p.glyphs > 0 and p.lines > 0 for p in report.pages)


def test_the_issues_folder_is_not_empty():
    assert len(ISSUES) >= 2


def test_overset_allowed_is_waived_not_hidden(tmp_path):
    """With --allow-overset the text that did not fit is missing from the PDF: the check still
    reports it, marked waived, and only at the end of the overset story."""
    case = ROOT / "tests" / "cases" / "overset.yaml"
    out = tmp_path / "o.pdf"
    build_issue(str(case), out, BuildOptions(allow_overset=True))
    report = check_pdf(str(out), str(case), waive=frozenset({"neijiang"}))
    assert report.ok, report.summary()
    (f,) = report.findings
    assert f.waived and f.kind == "text-missing" and f.story == "neijiang"
    assert f.text.endswith("⟧")          # the tail of the story: nothing drawn after it
    assert not check_pdf(str(out), str(case)).ok
