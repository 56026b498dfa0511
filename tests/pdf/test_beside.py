"""pdf.writer.Beside: the later pages of a long document drawn by a child process — the same
file byte for byte as when one process draws them all (pictures, whose runs the parent
draws, and overprint states among them), and all drawn here when the child cannot answer."""
from __future__ import annotations

import threading

import pytest
import yaml

from layout.build import build_issue
from layout.pdf import writer
from tests.kit.paths import ROOT

TABLOID = ROOT / "issues" / "sample-tabloid.yaml"        # photos drawn by the parent
BROADSHEET = ROOT / "issues" / "sample-difang-kexie.yaml"   # overprint states on each page


def _six_pages(tmp_path, sample=TABLOID):
    """The sample's pages repeated as six, ids suffixed (ids are unique in an issue), the
    photos named by absolute path."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    pages, first = [], data["pages"][0]["number"]
    for k in range(6):
        page = yaml.safe_load(yaml.safe_dump(data["pages"][k % len(data["pages"])],
                                             allow_unicode=True))
        page["number"] = first + k
        for key in ("stories", "groups", "pictures"):
            for thing in page.get(key) or ():
                thing["id"] = f"{thing['id']}-{k}"
                if thing.get("file"):
                    thing["file"] = str(TABLOID.parent / thing["file"])
        pages.append(page)
    data["pages"] = pages
    out = tmp_path / "six.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _forks():
    if threading.active_count() > 1:
        pytest.skip("other threads run in this test process: Beside does not fork then")


@pytest.mark.parametrize("sample", [TABLOID, BROADSHEET], ids=["tabloid", "broadsheet"])
def test_pages_drawn_beside_make_the_same_file(tmp_path, monkeypatch, sample):
    _forks()
    issue = _six_pages(tmp_path, sample)
    monkeypatch.setattr(writer, "BESIDE_PAGES", 10 ** 6)
    alone = build_issue(str(issue), tmp_path / "alone.pdf").pdf.read_bytes()
    monkeypatch.setattr(writer, "BESIDE_PAGES", 2)
    monkeypatch.setattr("layout.cores.one_idle", lambda: True)
    got = []
    real = writer.Beside.get

    def get(self, i):
        runs = real(self, i)
        got.append((i, self.side.pid is not None, runs))
        return runs
    monkeypatch.setattr(writer.Beside, "get", get)
    beside = build_issue(str(issue), tmp_path / "beside.pdf").pdf.read_bytes()
    drawn = [(i, runs) for i, forked, runs in got if forked and runs is not None]
    assert [i for i, _ in drawn] == [4, 5]          # the last 4/10 of the pages, rounded down
    if sample == TABLOID:
        assert any(run is None for _, runs in drawn for run in runs)      # a picture's run
    assert any(run[2] for _, runs in drawn for run in runs if run)    # an overprint state
    assert beside == alone


def test_what_the_child_cannot_send_is_drawn_here(tmp_path, monkeypatch):
    _forks()
    issue = _six_pages(tmp_path)
    monkeypatch.setattr(writer, "BESIDE_PAGES", 10 ** 6)
    alone = build_issue(str(issue), tmp_path / "alone.pdf").pdf.read_bytes()
    monkeypatch.setattr(writer, "BESIDE_PAGES", 2)
    monkeypatch.setattr("layout.cores.one_idle", lambda: True)
    for broken in (lambda *a: {5: [threading.Lock()]},      # cannot be sent
                   lambda *a: 1 / 0):                      # fails in the child
        monkeypatch.setattr(writer, "_predraw", broken)
        assert build_issue(str(issue), tmp_path / "failed.pdf").pdf.read_bytes() == alone
