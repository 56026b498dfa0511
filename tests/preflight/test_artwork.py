"""preflight.artwork: pictures, ads and logos found where the issue puts them, nothing drawn
over an ad, resolution — proved on PDFs with one planted defect, written by the real press
and writer from altered items."""
from __future__ import annotations

import pytest

from layout.build import build_issue
from layout.page.items import Box, Image, TextLine, Vector
from layout.preflight import check_pdf
from tests.kit.pictures import art_issue, rewrite_art


@pytest.fixture(scope="module")
def art(tmp_path_factory):
    d = tmp_path_factory.mktemp("artcheck")
    issue = art_issue(d)
    return issue, build_issue(str(issue), d / "art.pdf")


def kinds(report) -> set[str]:
    return {f.kind for f in report.failures}


def planted(art, tmp_path, change) -> set[str]:
    issue, r = art
    out = rewrite_art(r, change(list(r.pages[0].items)), tmp_path / "planted.pdf")
    return kinds(check_pdf(str(out), str(issue)))


def the_ad(items) -> Vector:
    return next(it for it in items if isinstance(it, Vector) and it.kind == "ad")


def test_the_unaltered_page_passes(art, tmp_path):
    assert planted(art, tmp_path, lambda items: items) == set()


def test_a_box_drawn_over_the_ad(art, tmp_path):
    def change(items):
        ad = the_ad(items)
        return items + [Box(ad.x + 20, ad.y + 10, 40, 20, 0.5, None, "a")]
    assert planted(art, tmp_path, change) == {"over-ad"}


def test_a_line_of_text_drawn_over_the_ad(art, tmp_path):
    def change(items):
        ad = the_ad(items)
        line = next(it for it in items if isinstance(it, TextLine) and it.kind == "body")
        return items + [line._replace(x=ad.x + 300, baseline=ad.y + 40)]
    got = planted(art, tmp_path, change)
    assert "over-ad" in got


def test_a_picture_moved_across_its_block_edge(art, tmp_path):
    def change(items):
        return [it._replace(x=it.x + 30) if isinstance(it, Image) and it.owner == "p1" else it
                for it in items]
    assert planted(art, tmp_path, change) == {"art-outside-block"}


def test_a_picture_not_drawn(art, tmp_path):
    def change(items):
        return [it for it in items if not (isinstance(it, Image) and it.owner == "p1")]
    assert planted(art, tmp_path, change) == {"art-missing"}


def test_a_picture_below_100_ppi(tmp_path):
    issue = art_issue(tmp_path, low_ppi=True)
    r = build_issue(str(issue), tmp_path / "low.pdf")
    report = check_pdf(str(tmp_path / "low.pdf"), str(issue))
    (f,) = report.failures
    assert (f.kind, f.story) == ("low-ppi", "p2") and "19 ppi" in f.message
