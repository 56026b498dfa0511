"""The desk's HTTP side without a browser (Starlette's TestClient): blocks.json, page images,
the Host check, edits written into the issue file, undo, errors of a bad save."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import time

import pytest
from PIL import Image
from starlette.testclient import TestClient

from layout.desk.server import Desk, make_app
from tests.kit.paths import SAMPLE

LOCAL = "http://127.0.0.1:8017"


def _wait(client, test, timeout: float = 30.0) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        doc = client.get("/blocks.json").json()
        if test(doc):
            return doc
        time.sleep(0.05)
    raise AssertionError(f"timed out; last blocks.json: {doc}")


@contextlib.contextmanager
def _served(tmp_path):
    """A desk on a copy of the sample, its first build done: (client, issue file, desk)."""
    issue = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    d = Desk(str(issue), tmp_path / "out.pdf", check=False)
    d.port = 8017
    with TestClient(make_app(d), base_url=LOCAL) as client:
        _wait(client, lambda doc: doc.get("built"))
        yield client, issue, d


@pytest.fixture
def desk(tmp_path):
    with _served(tmp_path) as served:
        yield served


def test_blocks_json_has_every_block_with_place_fit_and_yaml_line(desk):
    client, issue, _ = desk
    doc = client.get("/blocks.json").json()
    ids = [b["id"] for b in doc["blocks"]]
    assert ids == ["dangwei", "zongjie", "neijiang", "aba", "bazhou", "xuexi", "aba-photo",
                   "bazhou-photo", "footer"]
    lines = issue.read_text(encoding="utf-8").splitlines()
    for b in doc["blocks"]:
        assert set(b) >= {"id", "page", "place", "fit", "findings", "rect", "yaml"}
        assert b["page"] == 3
        if b["kind"] != "footer":
            assert lines[b["yaml"]["line"] - 1].strip() == f"- id: {b['id']}"
            assert lines[b["place_yaml"]["line"] - 1].strip().startswith("place: {")
    z = next(b for b in doc["blocks"] if b["id"] == "zongjie")
    assert z["place"] == {"col": 6, "span": 3, "row": 1, "rows": 21, "rows_given": 21,
                          "split": None, "lock": False}
    from layout.build import BuildOptions, build_issue
    fit = next(f for f in build_issue(str(issue), None, BuildOptions(allow_overset=True)).pages[0].fits
               if f.owner == "zongjie")
    assert (z["fit"]["lines_held"], z["fit"]["lines_used"], z["fit"]["chars_over"],
            z["fit"]["spare_lines"]) == (fit.capacity_lines, fit.used_lines, fit.overset_chars,
                                         fit.empty_lines)
    g = doc["pages"][0]["grid"]
    assert z["rect"] == pytest.approx([g["left"] + 5 * (g["column"] + g["gutter"]), g["top"],
                                       3 * g["column"] + 2 * g["gutter"], 21 * g["pitch"]], abs=0.01)


def test_page_images_whole_and_as_a_tile(desk):
    client, _, _ = desk
    r = client.get("/pages/3.png?dpi=36")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    im = Image.open(io.BytesIO(r.content))
    w, h = 390 / 25.4 * 36, 540 / 25.4 * 36                                # the trim, 36 dpi
    assert abs(im.size[0] - w) < 1 and abs(im.size[1] - h) < 1
    tile = Image.open(io.BytesIO(client.get("/pages/3.png?dpi=300&clip=100,200,72,36").content))
    assert abs(tile.size[0] - 300) <= 1 and abs(tile.size[1] - 150) <= 1   # 72 × 36 pt
    assert client.get("/pages/9.png").status_code == 404
    assert client.get("/pages/3.png?dpi=5000").status_code == 400


@pytest.mark.parametrize("host,status", [("evil.example", 403), ("evil.example:8017", 403),
                                         ("127.0.0.1.nip.io", 403), ("localhost:8017", 200),
                                         ("127.0.0.1:8017", 200)])
def test_only_local_host_names_are_answered(desk, host, status):
    client, _, _ = desk
    assert client.get("/blocks.json", headers={"Host": host}).status_code == status


def test_writes_must_be_json_from_our_origin(desk):
    client, issue, _ = desk
    before = issue.read_text(encoding="utf-8")
    place = {"page": 3, "col": 1, "span": 5, "row": 1, "rows": 20}
    r = client.post("/blocks/dangwei/place", data={"col": "1"})            # a form post
    assert r.status_code == 403
    r = client.post("/blocks/dangwei/place", json=place, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    assert issue.read_text(encoding="utf-8") == before


def test_a_place_is_written_into_the_file_and_rebuilt(desk):
    client, issue, _ = desk
    before = issue.read_text(encoding="utf-8")
    gen = client.get("/blocks.json").json()["built"]
    r = client.post("/blocks/dangwei/place", json={"page": 3, "col": 1, "span": 5, "row": 1,
                                                   "rows": 20}, headers={"Origin": LOCAL})
    assert r.json() == {"ok": True, "changed": True}
    after = issue.read_text(encoding="utf-8")
    assert after == before.replace("place: {col: 1, span: 5, row: 1, rows: 21}",
                                   "place: {col: 1, span: 5, row: 1, rows: 20}", 1)
    doc = _wait(client, lambda d: d.get("built", 0) > gen)
    assert next(b for b in doc["blocks"] if b["id"] == "dangwei")["place"]["rows"] == 20
    r = client.post("/blocks/dangwei/lock", json={"page": 3, "locked": True})
    assert "place: {col: 1, span: 5, row: 1, rows: 20, lock: true}" in issue.read_text(encoding="utf-8")
    doc = _wait(client, lambda d: next(b for b in d["blocks"] if b["id"] == "dangwei")["place"]["lock"])
    assert client.post("/undo", json={}).json() == {"ok": True}
    assert client.post("/undo", json={}).json() == {"ok": True}
    assert issue.read_text(encoding="utf-8") == before
    assert client.post("/undo", json={}).status_code == 409               # nothing left


def test_bad_requests_are_refused_without_touching_the_file(desk):
    client, issue, _ = desk
    before = issue.read_text(encoding="utf-8")
    assert client.post("/blocks/dangwei/place", json={"col": 0, "span": 5, "row": 1,
                                                      "rows": 20}).status_code == 400
    r = client.post("/blocks/nosuch/place", json={"page": 3, "col": 1, "span": 1, "row": 1, "rows": 1})
    assert r.status_code == 409 and "no block 'nosuch'" in r.json()["error"]
    r = client.post("/places", json={"page": 3, "places": {"aba": {"col": 0}}})
    assert r.status_code == 400
    assert issue.read_text(encoding="utf-8") == before


def test_a_bad_save_shows_its_errors_and_keeps_the_last_good_pages(desk):
    client, issue, _ = desk
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("        headline: 阿坝州", "        headlin: 阿坝州", 1), encoding="utf-8")
    doc = _wait(client, lambda d: d["errors"])
    line = next(i for i, s in enumerate(issue.read_text(encoding="utf-8").splitlines(), 1) if "headlin:" in s)
    assert any(e["line"] == line and e["column"] == 9 and "unknown key 'headlin'" in e["message"]
               and e["hint"] == "did you mean 'headline'?" for e in doc["errors"])
    assert doc["blocks"] and client.get("/pages/3.png?dpi=20").status_code == 200
    issue.write_text(text, encoding="utf-8")
    doc = _wait(client, lambda d: not d["errors"])
    assert doc["blocks"] and (doc["composed"], doc["reused"]) == (0, 8)   # the warm cache kept


def test_a_copy_file_is_watched_too(desk):
    client, issue, _ = desk
    story = issue.parent / "aba.txt"
    story.write_text("第一段。\n\n第二段。\n", encoding="utf-8")
    text = issue.read_text(encoding="utf-8")
    head, _, rest = text.partition("      - id: aba\n")
    body_at = rest.index("        body: |\n")
    byline_at = rest.index("        byline: 阿坝州科协")
    issue.write_text(head + "      - id: aba\n" + rest[:body_at] + "        body: {file: aba.txt}\n"
                     + rest[byline_at:], encoding="utf-8")
    doc = _wait(client, lambda d: next(b for b in d["blocks"] if b["id"] == "aba")["fit"]["chars"] < 20)
    chars = next(b for b in doc["blocks"] if b["id"] == "aba")["fit"]["chars"]
    story.write_text("第一段。\n\n第二段，长一些。\n", encoding="utf-8")
    _wait(client, lambda d: next(b for b in d["blocks"] if b["id"] == "aba")["fit"]["chars"] > chars)


def test_compose_moves_the_unlocked_blocks_and_keeps_the_locked(desk):
    """自动组版 on the page composer: a recomposition of the sample, whose blocks are all
    placed by hand, with two of them locked; only place lines (and a stepped-down
    headline size) change, the locked ones not at all, and the page is rebuilt."""
    client, issue, _ = desk
    for bid in ("dangwei", "xuexi"):
        client.post(f"/blocks/{bid}/lock", json={"page": 3, "locked": True})
    before = issue.read_text(encoding="utf-8")
    gen = _wait(client, lambda d: sum(b["place"]["lock"] for b in d["blocks"]) == 2)["built"]
    alts = client.post("/alternatives", json={"page": 3, "n": 2}).json()["choices"]
    assert alts and all(set(a["places"]) == {"zongjie", "neijiang", "aba", "bazhou",
                                              "aba-photo", "bazhou-photo"} for a in alts)
    assert [a["cost"] for a in alts] == sorted(a["cost"] for a in alts)
    r = client.post("/compose", json={"page": 3}).json()
    assert r["ok"] and "dangwei" not in r["moved"]
    after = issue.read_text(encoding="utf-8")
    import difflib
    changed = [line[1:] for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                         lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed and all("place: {" in x or x.strip().startswith(("size:", "vertical:", "frame:"))
                           for x in changed)
    assert "place: {col: 1, span: 5, row: 1, rows: 21, lock: true}" in after
    doc = _wait(client, lambda d: d.get("built", 0) > gen)
    places = {b["id"]: b["place"] for b in doc["blocks"]}
    assert {k: places["zongjie"][k] for k in ("col", "span", "row")} == {
        k: alts[0]["places"]["zongjie"][k] for k in ("col", "span", "row")}
    for bid in ("zongjie", "neijiang", "aba", "bazhou", "dangwei", "xuexi"):
        client.post(f"/blocks/{bid}/lock", json={"page": 3, "locked": True})
    for bid in ("aba-photo", "bazhou-photo"):
        client.post(f"/blocks/{bid}/lock", json={"page": 3, "locked": True})
    r = client.post("/compose", json={"page": 3})
    assert r.status_code == 409 and "every block of the page is locked" in r.json()["error"]


def test_a_shu_ti_or_frame_the_composer_chose_is_written_with_the_places(tmp_path):
    """An alternative's 竖题 and frame come back from the page as `dress` and are written
    in the places (`dress: vertical | frame`: the composer's, not the story's own keys), its
    破栏 in the place; anything else sent as dress is dropped."""
    from layout.desk.compose import write_places
    from layout.desk.routes import _dress_of
    from layout.issue.loader import load_issue
    issue = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    place = {"col": 6, "span": 3, "row": 1, "rows": 22}
    data = {"places": {"zongjie": place, "aba": place},
            "dress": {"zongjie": {"vertical": True, "size": 99}, "aba": {"frame": "thin"},
                      "bazhou": {"frame": "thin"}, "neijiang": "x"}}
    dress = _dress_of(data)
    assert dress == {"zongjie": {"vertical": True}, "aba": {"frame": "thin"}}
    was = {s.id: s.place for s in load_issue(str(issue)).pages[0].stories}
    write_places(str(issue), 3, {k: dict(zip(("col", "span", "row", "rows"), was[k][:4]))
                                 for k in dress}, ({}, dress))
    stories = {s.id: s for s in load_issue(str(issue)).pages[0].stories}
    assert stories["zongjie"].vertical == "right" and stories["aba"].frame == "thin"
    assert (stories["zongjie"].place.dress, stories["aba"].place.dress) == ("vertical", "frame")
    assert not stories["bazhou"].frame
    # a 破栏 the composer chose is written with the place; a place without one keeps its own
    own = {k: dict(zip(("col", "span", "row", "rows"), stories[k].place[:4]))
           for k in ("neijiang", "bazhou")}
    assert own["neijiang"]["span"] >= 3
    write_places(str(issue), 3, {"neijiang": {**own["neijiang"], "split": 2},
                                 "bazhou": own["bazhou"]}, ({}, {}))
    again = {s.id: s for s in load_issue(str(issue)).pages[0].stories}
    assert again["neijiang"].place.split == 2
    assert again["bazhou"].place.split == stories["bazhou"].place.split


def test_the_preflight_runs_after_the_build_and_its_verdict_is_in_blocks_json(tmp_path):
    issue = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    d = Desk(str(issue), tmp_path / "out.pdf", check=True)
    d.port = 8017
    with TestClient(make_app(d), base_url=LOCAL) as client:
        doc = _wait(client, lambda doc: doc["check"]["state"] == "done", timeout=90)
        assert doc["check"]["ok"] is True and doc["check"]["counts"] == {}
        assert all(b["findings"] == [] for b in doc["blocks"]) and doc["page_findings"] == []
        text = issue.read_text(encoding="utf-8")            # a new build: a new check
        issue.write_text(text.replace("出席会议", "出席了会议", 1), encoding="utf-8")
        gen = doc["built"]
        doc = _wait(client, lambda doc: doc.get("built", 0) > gen and doc["check"]["state"] == "done",
                    timeout=90)
        assert doc["check"]["ok"] is True


def test_the_desk_removes_its_temporary_folder_when_it_stops(tmp_path):
    with _served(tmp_path) as (_, _, d):
        folder = d.session._tmp
        assert os.path.isdir(folder)
    assert not os.path.exists(folder)             # the lifespan's end stopped the desk
