"""Ads without a place: a slot at the foot of the page sized to the artwork, placed before
the composer runs, never composed over (page.ads.place_ads)."""
from __future__ import annotations

import pytest

from layout.errors import InputError
from layout.page.formats import MM, TABLOID
from tests.kit.pictures import pdf_ad

ISSUE = """paper: {{name: 测试报}}
issue: {{date: 2023-01-13, number: 1}}
style: {{ad_mark: label}}
pages:
  - number: 2
    name: 综合
    format: tabloid
    stories:
{stories}
    ads:
      - id: spring
        file: ad.pdf
"""

PARA = "科协组织开展科普活动，推动全民科学素质提升，服务经济社会发展大局，取得明显成效。" * 3


def _issue(d, ad_w: float, ad_h: float):
    pdf_ad(d / "ad.pdf", ad_w, ad_h)
    stories = "".join(
        f"      - id: s{i}\n        headline: 第{i}篇报道的标题\n        body: |\n"
        + "\n\n".join("          " + PARA for _ in range(n)) + "\n"
        for i, n in enumerate((6, 5, 4), 1))
    path = d / "page.yaml"
    path.write_text(ISSUE.format(stories=stories), encoding="utf-8")
    return path


def test_an_ad_without_a_place_sits_at_the_foot_from_the_right_and_is_composed_around(tmp_path):
    from layout.build import BuildOptions, build_issue
    # three columns wide, 10 rows of artwork under the 广告 label's row
    path = _issue(tmp_path, TABLOID.span_w(3), 10 * TABLOID.pitch)
    r = build_issue(str(path), None, BuildOptions(allow_overset=True))
    page = r.issue.pages[0]
    ad = page.ads[0].place
    assert (ad.col, ad.span, ad.rows) == (4, 3, 11)
    assert ad.row + ad.rows - 1 == TABLOID.rows                # at the foot
    cells = {(y, x) for y in range(ad.row, ad.row + ad.rows) for x in range(4, 7)}
    for s in page.stories:
        p = s.place
        mine = {(y, x) for y in range(p.row, p.row + p.rows) for x in range(p.col, p.col + p.span)}
        assert not mine & cells, f"{s.id} composed over the ad"


def test_an_ad_no_span_is_as_wide_as_is_refused_at_its_line(tmp_path):
    from layout.issue.loader import load_issue
    path = _issue(tmp_path, 83 * MM, 10 * TABLOID.pitch)
    with pytest.raises(InputError) as e:
        load_issue(str(path))
    d = e.value.diagnostics[0]
    assert "ad 'spring' is 83.0 mm wide" in d.message and d.line > 1
    assert "give the ad its place" in d.hint
