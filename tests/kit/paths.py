"""Where things are: the checkout, the sample issue, the test inputs, the shared references."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
CASES = TESTS / "cases"
TEXTS = TESTS / "texts"
GOLDEN = TESTS / "golden"
SHARED = ROOT.parent / "shared"          # beside the checkout when it is there (tests skip)
