"""preflight.side: a part of the check computed in a forked child — its value or its
exception as if computed here, no process left behind, and computed here when the child
cannot send it or other threads run."""
from __future__ import annotations

import os
import threading

import pytest

from layout.preflight.findings import CheckInputError
from layout.preflight.side import Side
from tests.kit.checkkit import child_gone


def _forks() -> None:
    if threading.active_count() > 1:
        pytest.skip("other threads run in this test process: Side does not fork then")


def test_the_value_is_computed_in_another_process():
    _forks()
    side = Side.start(lambda: (os.getpid(), [1.5, "两"]))
    assert side.pid is not None
    pid, value = side.result()
    assert pid == side.pid != os.getpid() and value == [1.5, "两"]
    assert child_gone(side.pid)


def test_its_exception_is_raised_here():
    _forks()

    def fail():
        raise CheckInputError("x.pdf: not a readable PDF")
    side = Side.start(fail)
    with pytest.raises(CheckInputError, match="not a readable PDF"):
        side.result()
    assert child_gone(side.pid)


def test_a_value_that_cannot_be_sent_is_computed_here():
    _forks()
    side = Side.start(lambda: (os.getpid(), threading.Lock()))    # a lock does not pickle
    pid, _ = side.result()
    assert pid == os.getpid()


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        side = Side.start(os.getpid)
        assert side.pid is None and side.result() == os.getpid()
    finally:
        stop.set()
        t.join()


def test_the_check_reports_the_same_with_the_structure_beside_it_or_not(tmp_path, monkeypatch):
    """runner checks the structure in a child only when a core is idle: the report is the
    same either way, for a whole file and for a damaged one."""
    import dataclasses

    from layout.build import build_issue
    from layout.preflight import runner
    from tests.kit.paths import SAMPLE
    r = build_issue(str(SAMPLE), tmp_path / "s.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(r.pdf.read_bytes()[:30000])
    reports = {}
    for idle in (True, False):
        monkeypatch.setattr(runner, "_core_idle", lambda: idle)
        for pdf in (r.pdf, cut):
            rep = runner.check_pdf(str(pdf), str(SAMPLE), model=r.issue)
            reports[idle, pdf.name] = dataclasses.replace(rep, seconds=0)
    assert reports[True, "s.pdf"] == reports[False, "s.pdf"]
    assert reports[True, "s.pdf"].ok
    assert reports[True, "cut.pdf"] == reports[False, "cut.pdf"]
    assert [f.kind for f in reports[True, "cut.pdf"].failures] == ["file-damaged"]


def test_the_answer_is_read_before_the_child_ends():
    """receive() reads the answer by its length: it returns while the child that sent it has
    not ended and a grandchild still holds the pipe open (no wait for their exit or EOF), and
    the child is reaped once it ends."""
    import signal

    from layout.preflight.side import answer, forked, receive
    _forks()
    release_r, release_w = os.pipe()

    def child(reply: int) -> None:
        keep = os.dup(reply)                 # the pipe held open after the answer, as a
        answer(lambda: "done", reply)        # grandchild forked by the check would hold it
        os.read(release_r, 1)                # ends only when the test lets it
        os.close(keep)
    from_child, to_parent = os.pipe()
    pid = forked(child, (to_parent,), (from_child,))
    old = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("receive() waited for the child"))
    signal.alarm(20)
    try:
        assert receive(from_child, pid) == ("ok", "done")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert os.waitpid(pid, os.WNOHANG) == (0, 0)       # still running: not waited for
    os.write(release_w, b"x")
    os.close(release_w)
    os.close(release_r)
    assert child_gone(pid)
