"""preflight.ahead: the build's check made by a child process that imported the preflight while
the PDF was written — the same report as runner.check_pdf, its errors raised in the parent,
and no process left behind when the build fails."""
from __future__ import annotations

import json
import re
import threading

import pytest

from layout.build import build_issue
from layout.preflight import check_pdf
from layout.preflight.ahead import Ahead, Verdict
from layout.preflight.findings import CheckInputError
from tests.kit.checkkit import child_gone
from tests.kit.paths import ROOT

SAMPLE = str(ROOT / "issues" / "sample-difang-kexie.yaml")


def _ahead() -> Ahead:
    if threading.active_count() > 1:
        pytest.skip("other threads run in this test process: Ahead does not fork then")
    ahead = Ahead.start()
    assert ahead is not None
    return ahead


def _timeless(v: Verdict) -> tuple:
    """A verdict without the seconds the check took."""
    report = json.loads(v.json)
    report.pop("seconds")
    return re.sub(r"read back in [\d.]+ s", "", v.summary), report, v.failures


def test_the_childs_report_is_the_check_in_this_process(tmp_path):
    ahead = _ahead()
    r = build_issue(SAMPLE, tmp_path / "s.pdf")
    theirs = ahead.check(str(r.pdf), SAMPLE, frozenset({"zongjie"}), r.issue, "shown.pdf", True)
    ours = check_pdf(str(r.pdf), SAMPLE, waive=frozenset({"zongjie"}), model=r.issue)
    assert theirs is not None and child_gone(ahead.pid)
    assert _timeless(theirs) == _timeless(Verdict.of(ours, "shown.pdf", json=True))
    assert json.loads(theirs.json)["pdf"] == "shown.pdf" and "glyphs" in theirs.summary
    assert json.loads(theirs.json)["pages"][0]["glyphs"] > 1000


def test_a_damaged_pdfs_verdict_names_its_problems(tmp_path):
    ahead = _ahead()
    r = build_issue(SAMPLE, tmp_path / "s.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(r.pdf.read_bytes()[:30000])
    theirs = ahead.check(str(cut), SAMPLE, frozenset(), r.issue)
    ours = check_pdf(str(cut), SAMPLE, model=r.issue)
    assert theirs.failures == len(ours.failures) == 1 and theirs.json is None
    assert "file-damaged" in theirs.summary and child_gone(ahead.pid)


def test_an_error_in_the_child_is_raised_here(tmp_path):
    ahead = _ahead()
    with pytest.raises(CheckInputError, match="no such PDF file"):
        ahead.check(str(tmp_path / "missing.pdf"), SAMPLE, frozenset(), None)
    assert child_gone(ahead.pid)


def test_a_cancelled_child_ends():
    ahead = _ahead()
    ahead.cancel()
    assert child_gone(ahead.pid)


def test_a_child_forked_meanwhile_does_not_hold_the_check(tmp_path):
    """A process forked after the check's child holds copies of the pipes to it until it
    ends: the request and the answer are read by their length, not to the end of the pipe,
    so the check does not wait for that process."""
    import os
    import signal
    ahead = _ahead()
    release_r, release_w = os.pipe()
    pid = os.fork()
    if pid == 0:                           # ends only when the test lets it
        os.read(release_r, 1)
        os._exit(0)
    old = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the check waited"))
    signal.alarm(60)
    try:
        r = build_issue(SAMPLE, tmp_path / "s.pdf")
        v = ahead.check(str(r.pdf), SAMPLE, frozenset(), r.issue)
        assert v is not None and v.failures == 0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        os.write(release_w, b"x")
        os.waitpid(pid, 0)
        for fd in (release_r, release_w):
            os.close(fd)
