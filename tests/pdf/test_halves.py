"""pdf.halves: a long document's later pages drawn by a forked child give the file the
bytes one process writes; a child that fails or takes too long changes nothing but the
time; pages with pictures are drawn by the parent."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from layout.build import build_issue
from layout.pdf import embed, halves, writer

ROOT = Path(__file__).resolve().parents[2]
_START = halves.Halves.start
pytestmark = pytest.mark.skipif(not (hasattr(os, "fork") and hasattr(os, "memfd_create")
                                     and hasattr(os, "pidfd_open")),
                                reason="the child is forked (Linux)")


def _pages(tmp: Path, sample: str, n: int) -> Path:
    """The sample's first page as pages 2..n+1, ids suffixed (ids are unique in an issue)."""
    src = ROOT / "issues" / sample
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    pages = []
    for k in range(2, n + 2):
        p = yaml.safe_load(yaml.safe_dump(data["pages"][0], allow_unicode=True))
        p["number"] = k
        for key in ("stories", "groups", "pictures"):
            for thing in p.get(key) or ():
                thing["id"] = f"{thing['id']}-p{k}"
        pages.append(p)
    data["pages"] = pages
    out = src.parent / f".halves-{os.getpid()}-{sample}"     # beside it: its photos' paths
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _build(issue: Path, out: Path, monkeypatch, split: bool) -> tuple[bytes, dict]:
    """The PDF's bytes, and the pages the child delivered."""
    monkeypatch.setattr(halves.Halves, "wanted", staticmethod(lambda n: split))
    got: dict = {}

    def start(draw, n):
        h = _START(draw, n)
        if h is not None:
            real = h.child.result

            def result():
                got.update(real() or {})
                return got
            h.child.result = result
        return h
    monkeypatch.setattr(halves.Halves, "start", staticmethod(start))
    build_issue(str(issue), out)
    return out.read_bytes(), got


@pytest.fixture
def eight(tmp_path):
    issue = _pages(tmp_path, "sample-difang-kexie.yaml", 8)
    yield issue
    issue.unlink()


def test_the_child_draws_the_later_pages_and_the_file_is_the_same(eight, tmp_path,
                                                                    monkeypatch):
    one, none = _build(eight, tmp_path / "one.pdf", monkeypatch, False)
    two, drawn = _build(eight, tmp_path / "two.pdf", monkeypatch, True)
    assert not none
    assert sorted(drawn) == [5, 6, 7]          # 8 - int(8 * 0.45): the last three
    assert one == two


def test_a_child_that_fails_changes_nothing(eight, tmp_path, monkeypatch):
    one, _ = _build(eight, tmp_path / "one.pdf", monkeypatch, False)

    def fails(c, pen, sheets, i):
        raise RuntimeError("a bug in the child")
    monkeypatch.setattr(writer, "_drawn_apart", fails)
    two, drawn = _build(eight, tmp_path / "two.pdf", monkeypatch, True)
    assert not drawn and one == two


def test_a_child_that_takes_too_long_is_not_waited_for(eight, tmp_path, monkeypatch):
    one, _ = _build(eight, tmp_path / "one.pdf", monkeypatch, False)
    monkeypatch.setattr(halves, "WAIT_SECONDS", 0.05)
    real = writer._drawn_apart

    def slow(*args):
        time.sleep(5)
        return real(*args)
    monkeypatch.setattr(writer, "_drawn_apart", slow)
    t = time.perf_counter()
    two, drawn = _build(eight, tmp_path / "two.pdf", monkeypatch, True)
    assert not drawn and one == two
    assert time.perf_counter() - t < 4          # killed, not waited for


def test_pages_with_pictures_are_drawn_by_the_parent(tmp_path, monkeypatch):
    issue = _pages(tmp_path, "sample-tabloid.yaml", 8)
    try:
        one, _ = _build(issue, tmp_path / "one.pdf", monkeypatch, False)
        two, drawn = _build(issue, tmp_path / "two.pdf", monkeypatch, True)
    finally:
        issue.unlink()
    assert not drawn and one == two


def test_not_on_one_core_nor_for_a_short_document(monkeypatch):
    monkeypatch.setattr(halves, "_others_running", lambda: 0)
    monkeypatch.setattr(halves, "_cores", lambda: 1)
    assert not halves.idle()
    assert not halves.Halves.wanted(16)
    monkeypatch.setattr(halves, "_cores", lambda: 2)
    assert halves.Halves.wanted(16) and not halves.Halves.wanted(halves.HALVES_PAGES - 1)
    monkeypatch.setattr(halves, "_others_running", lambda: 1)      # the other core is busy
    assert not halves.Halves.wanted(16)


def test_the_fonts_made_by_a_child_are_the_same(tmp_path, monkeypatch):
    sample = ROOT / "issues" / "sample-difang-kexie.yaml"
    monkeypatch.setattr(writer, "idle", lambda: False)
    build_issue(str(sample), tmp_path / "one.pdf")
    monkeypatch.setattr(writer, "idle", lambda: True)
    delivered = []
    real_result = halves.Child.result

    def result(self):
        got = real_result(self)
        delivered.append(got)
        return got
    monkeypatch.setattr(halves.Child, "result", result)
    build_issue(str(sample), tmp_path / "two.pdf")
    assert delivered and len(delivered[0]) == 5          # the page's five faces
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()

    def fails(faces):
        raise RuntimeError("a bug in the child")
    monkeypatch.setattr(embed, "_embedded_apart", fails)
    delivered.clear()
    build_issue(str(sample), tmp_path / "three.pdf")
    assert delivered == [None]
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "three.pdf").read_bytes()
