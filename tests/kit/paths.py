"""Where things are: the checkout, the sample issue, the test inputs, the shared references."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
CASES = TESTS / "cases"
TEXTS = TESTS / "texts"
GOLDEN = TESTS / "golden"
# beside the checkout when it is there (tests skip otherwise); LAYOUT_SHARED_DIR names it for a
# checkout elsewhere (a git worktree)
SHARED = Path(os.environ.get("LAYOUT_SHARED_DIR") or ROOT.parent / "shared")
