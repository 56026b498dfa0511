"""The text dump of each laid-out page is the main regression oracle: the sample page's dump
must match tests/golden/ exactly. After a deliberate layout change, regenerate with
    UPDATE_GOLDEN=1 python -m pytest tests/test_dump.py
and review the diff like code."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from layout.page.dump import dump_pages

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                            "golden/" + name, "now", n=1))
        raise AssertionError(f"layout changed:\n{diff[:6000]}")


def test_sample_page_dump(sample_build):
    check_golden("sample-difang-kexie.txt", dump_pages(sample_build.pages))


def test_dump_is_deterministic(sample_build):
    from layout.build import build_issue
    from conftest import SAMPLE
    again = build_issue(str(SAMPLE), None)
    assert dump_pages(again.pages) == dump_pages(sample_build.pages)


def test_every_body_line_on_the_page_grid(sample_build):
    """typesetting-rules.md §4: body baselines sit on one page-wide grid."""
    page = sample_build.pages[0]
    f = page.format
    first = None
    checked = 0
    for line in dump_pages([page]).splitlines():
        if line.startswith("T body ") or line.startswith("T title "):
            y = float(line.split(" y=")[1].split()[0])
            first = y if first is None else first
            offset = (y - first) / f.pitch
            assert abs(offset - round(offset)) < 0.01 / f.pitch, line
            checked += 1
    assert checked > 300
