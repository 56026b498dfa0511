"""Golden text dumps: the layout's regression oracle. After a deliberate layout change,
regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/page` and review the diff like code."""
from __future__ import annotations

import difflib
import os

from tests.kit.paths import GOLDEN


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                            "golden/" + name, "now", n=1))
        raise AssertionError(f"layout changed:\n{diff[:6000]}")
