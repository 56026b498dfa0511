"""The text dump of each laid-out page is the main regression oracle: the sample page's dump
must match tests/golden/ exactly. After a deliberate layout change, regenerate with
    UPDATE_GOLDEN=1 python -m pytest tests/page
and review the diff like code."""
from __future__ import annotations

from layout.page.dump import dump_pages
from tests.kit.golden import check_golden


def test_sample_page_dump(sample_build):
    check_golden("sample-difang-kexie.txt", dump_pages(sample_build.pages))


def test_dump_is_deterministic(sample_build):
    from layout.build import build_issue
    from layout.press.sheet import impose
    from tests.kit.paths import SAMPLE
    again = build_issue(str(SAMPLE), None)       # laid out only: imposed as the build does
    pages = [p for p, _ in impose(again.pages, again.issue.print)]
    assert dump_pages(pages) == dump_pages(sample_build.pages)


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
