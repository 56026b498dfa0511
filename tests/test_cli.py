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
