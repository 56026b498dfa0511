"""The command line as a shell uses it."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.kit.paths import ROOT, SAMPLE


def test_fit_into_a_closed_pipe_prints_no_error():
    """`layout fit ISSUE | head -1`: the reader goes away after one line; the command stops
    quietly (no "Broken pipe" on stderr, no traceback at exit) and exits 0."""
    r, w = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "layout.cli", "fit", str(SAMPLE)],
                            stdout=w, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(w)
    os.close(r)                      # nobody reads: the first write fails with EPIPE
    _, err = proc.communicate(timeout=120)
    assert err.decode() == ""
    assert proc.returncode == 0


def test_fit_gives_the_rows_to_type_for_a_block_with_rows_auto(tmp_path, capsys):
    """`rows: auto`: the depth follows the copy; `layout fit` says the number to type."""
    from layout.cli import main
    text = SAMPLE.read_text(encoding="utf-8")
    fixed = "place: {col: 6, span: 3, row: 1, rows: 21}"
    assert fixed in text
    issue = tmp_path / SAMPLE.name
    issue.write_text(text.replace(fixed, "place: {col: 6, span: 3, row: 1, rows: auto}"),
                     encoding="utf-8")
    assert main(["fit", str(issue)]) == 0
    out = capsys.readouterr().out
    assert "page 3: 'zongjie' rows: auto is 21 rows (type rows: 21 to keep that depth)" in out


def test_a_one_shot_command_ends_its_process_with_atexit_run_and_output_flushed(tmp_path):
    """`main()` on the process's own command line ends the process itself (cli._end_process,
    skipping Python's slow teardown): the atexit functions still run, everything printed
    reaches stdout, and the exit status is the command's, for a build (0) and bad input (2)."""
    prog = ("import atexit, sys\n"
            "atexit.register(lambda: print('atexit ran', flush=True))\n"
            "from layout.cli import main\n"
            "sys.argv = ['layout'] + sys.argv[1:]\n"
            "main()\n"
            "print('main returned')\n")
    pdf = tmp_path / "out.pdf"
    ok = subprocess.run([sys.executable, "-c", prog, "build", str(SAMPLE), "-o", str(pdf),
                         "--no-check"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"built {pdf} (1 page")
    assert ok.stdout.rstrip().endswith("atexit ran")
    assert "main returned" not in ok.stdout
    assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    bad = tmp_path / "bad.yaml"
    bad.write_text("paper: {name: x\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", prog, "fit", str(bad)], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2
    assert f"{bad}:" in r.stderr and r.stdout.strip() == "atexit ran"


def test_a_build_publishes_its_pdf_only_once_it_is_synced(tmp_path, monkeypatch):
    """`layout build` writes the PDF to a staged file, fsyncs it in a thread beside the check
    and publishes it under its name only after that fsync (no sync thread left running)."""
    import threading
    import time

    from layout.cli import main
    from layout.press import atomic
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):                     # a slow disk: the publish must wait for it
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd
        time.sleep(0.3)
        real_fsync(fd)
        events.append(("fsync", name))

    def replace(a, b):
        events.append(("replace", str(a), str(b)))
        real_replace(a, b)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    out = tmp_path / "s.pdf"
    assert main(["build", str(SAMPLE), "-o", str(out), "--no-check"]) == 0
    published = [k for k, e in enumerate(events) if e[0] == "replace" and e[2] == str(out)]
    assert out.is_file() and len(published) == 1
    staged = events[published[0]][1]
    synced = [k for k, e in enumerate(events)
              if e[0] == "fsync" and str(e[1]).startswith(str(tmp_path))]
    assert synced and synced[0] < published[0], events
    assert not [t for t in threading.enumerate() if t.name == "fsync"]
    assert not os.path.exists(staged)
