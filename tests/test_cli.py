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
