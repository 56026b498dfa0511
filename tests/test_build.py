"""The sample page end to end: the PDF read back independently (pdfplumber, from the file's
own content streams) must hold every paragraph of every story, in reading order, with no
character missing; fonts are embedded; PNG previews are written."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

from layout.issue.loader import load_issue
from layout.issue.normalize import normalize_issue
from tests.kit.paths import SAMPLE

WS = re.compile(r"\s+")


@pytest.fixture(scope="module")
def drawn(sample_build):
    """All characters drawn, in content-stream order (the order they were laid out: story
    by story, column by column, line by line), whitespace dropped."""
    with pdfplumber.open(str(sample_build.pdf)) as pdf:
        return "".join(c["text"] for p in pdf.pages for c in p.chars if c["text"].strip())


def _stories():
    issue, _ = normalize_issue(load_issue(str(SAMPLE)))
    page = issue.pages[0]
    out = {}
    for s in page.stories:
        out[s.id] = [s.headline] + [p.text for p in s.body] + [f"（{s.byline}）"]
    for g in page.groups:
        paras = [g.banner, g.headline]
        for item in g.items:
            paras += [item.title] + [p.text for p in item.body]
        out[g.id] = paras + [f"（{g.credit}）"]
    out["footer"] = list(page.footer.names)
    return out


def test_every_paragraph_in_reading_order(drawn):
    for story, paras in _stories().items():
        pos = 0
        for para in paras:
            want = WS.sub("", para)
            found = drawn.find(want, pos)
            assert found >= 0, f"{story}: paragraph not found in order: {want[:30]}…"
            pos = found + len(want)


def test_no_character_missing_or_extra(drawn):
    from collections import Counter
    expected = Counter()
    for paras in _stories().values():
        for p in paras:
            expected.update(WS.sub("", p))
    got = Counter(drawn)
    missing = expected - got
    assert not missing, f"missing characters: {dict(missing)}"


def test_sample_has_every_story_of_the_seed(sample_build):
    page = sample_build.issue.pages[0]
    assert [s.id for s in page.stories] == ["dangwei", "zongjie", "neijiang", "aba", "bazhou"]
    assert [i.title for i in page.groups[0].items] == ["成都市科协", "德阳市科协", "东兴区科协"]
    assert len(page.footer.names) == 19
    assert page.pinyin == "DI FANG KE XIE"


def test_nothing_overset_in_the_sample(sample_build):
    fits = sample_build.pages[0].fits
    assert fits and all(f.overset_lines == 0 for f in fits)


def test_fonts_embedded_no_helvetica(sample_build):
    reader = PdfReader(str(sample_build.pdf))
    names = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert desc is not None, font["/BaseFont"]
            assert "/FontFile2" in desc.get_object(), f"{font['/BaseFont']} not embedded"
    assert not any("Helvetica" in n for n in names), names
    assert len(reader.pages) == 1
    w, h = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(w - 390 * 72 / 25.4) < 0.01 and abs(h - 540 * 72 / 25.4) < 0.01


def test_png_preview_written(sample_build):
    from PIL import Image
    assert len(sample_build.pngs) == 1
    with Image.open(sample_build.pngs[0]) as im:
        w, h = im.size
    assert h > w > 1000    # a portrait broadsheet page at 100 dpi


def test_a_hopelessly_overset_story_is_measured_not_composed(tmp_path):
    """A 49,500-character story in a 54-line block: overset by what is measured beyond twice
    its block's capacity, without composing it all (it took 9 minutes and 1 GB); the
    characters overset are exact, the lines estimated at a full line's characters."""
    from layout.build import build_issue
    from layout.errors import OversetError
    from tests.kit.corpus import _with_body
    src = tmp_path / "long.yaml"
    src.write_bytes(_with_body("正文很长。" * 9_900))
    with pytest.raises(OversetError) as e:
        build_issue(str(src), None)
    (page, fit), = e.value.fits
    assert fit.owner == "one" and fit.chars == 49_500 + 13      # the body and its byline etc.
    assert fit.overset_chars > 48_000 and fit.used_lines > fit.capacity_lines * 60


@pytest.mark.parametrize("resident", [False, True])
def test_a_one_shot_build_keeps_no_page_s_prepared_paragraphs_for_the_next(resident,
                                                                          monkeypatch):
    """A page's paragraphs are set on no other page: a one-shot build lets their prepared
    tables go when the page is laid out (64 pages of copy of their own peaked ~19 MB lower);
    a resident process (watch, the desk) keeps them for the next edit."""
    from layout import build
    from layout.compose.prepare import _prepared, prepared
    from layout.page.cache import BlockCache
    from tests.kit.paths import ROOT
    kept = []
    real = build.layout_page

    def counted(page, *a):
        kept.append(_prepared.cache_info().currsize)
        return real(page, *a)
    monkeypatch.setattr(build, "layout_page", counted)
    prepared.cache_clear()
    warm = build.Warm(None, BlockCache(), resident=True) if resident else None
    build.build_issue(str(ROOT / "issues" / "sample-tabloid.yaml"), None, warm=warm)
    assert len(kept) == 2 and kept[0] == 0
    assert (kept[1] > 0) == resident


def test_a_composed_issue_keeps_the_later_pages_prepared_paragraphs(tmp_path, monkeypatch):
    """The composer prepares every page's paragraphs before the pages are laid out: a
    one-shot build of a composed issue keeps them for the later pages (letting them go after
    each page made a 4-page composed issue's layout 37 -> 44 ms)."""
    import shutil
    from layout import build
    from layout.compose.prepare import _prepared, prepared
    from tests.kit.paths import ROOT
    src = (ROOT / "issues" / "sample-composed.yaml").read_text(encoding="utf-8")
    head, page = src.split("pages:\n", 1)
    second = page.replace("- number: 1", "- number: 2", 1)
    for bid in ("zongjie", "dangwei-photo", "dangwei", "aba", "neijiang", "bazhou"):
        second = second.replace(f"id: {bid}\n", f"id: {bid}-2\n").replace(
            f"picture: {bid}\n", f"picture: {bid}-2\n")
    issue = tmp_path / "two.yaml"
    issue.write_text(head + "pages:\n" + page + second, encoding="utf-8")
    shutil.copytree(ROOT / "issues" / "photos", tmp_path / "photos")
    kept, real = [], build.layout_page
    monkeypatch.setattr(build, "layout_page", lambda page, *a: kept.append(
        _prepared.cache_info().currsize) or real(page, *a))
    prepared.cache_clear()
    result = build.build_issue(str(issue), None)
    assert len(result.pages) == 2 and len(kept) == 2 and kept[1] > 0
