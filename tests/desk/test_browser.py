"""The desk in a real browser (Playwright driving Debian's chromium, which .ci/run installs):
the page loads, an edit of the YAML updates the page image, dragging a block rewrites its
place in the file, clicking a block shows its YAML line, a bad save shows its errors, and
the Host check refuses a page that reaches the desk under another name (DNS rebinding)."""
from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request

import pytest

from tests.kit.browser import CHROMIUM, browser_page, desk_server, playwright
from tests.kit.paths import SAMPLE

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(.ci/run installs Debian's chromium)")

SMALL = """\
paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 要闻
    stories:
      - id: left     # the story the test drags
        headline: 标题
        place: {col: 1, span: 2, row: 1, rows: 20}   # hand-placed
        body: |
          正文第一段。

          正文第二段。
      - id: right
        headline: 另一篇
        place: {col: 5, span: 2, row: 1, rows: 20}
        body: 正文。
"""


@pytest.fixture(scope="module")
def pw():
    with playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def sample_desk(pw, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("desk")
    issue = tmp / "sample.yaml"
    shutil.copy(SAMPLE, issue)
    with desk_server(issue, tmp / "sample.pdf", "--no-check") as (url, _):
        with browser_page(pw) as page:
            page.goto(url)
            page.wait_for_function("window.desk && window.desk.imageGen > 0", timeout=30000)
            yield page, issue, url


def _line_of(issue, text: str) -> int:
    return next(i for i, s in enumerate(issue.read_text(encoding="utf-8").splitlines(), 1) if text in s)


def test_the_page_loads_with_its_image_and_every_block(sample_desk):
    page, issue, _ = sample_desk
    width = page.eval_on_selector('.page[data-number="3"] img.base', "i => i.naturalWidth")
    assert width > 300
    ids = page.eval_on_selector_all(".block", "bs => bs.map(b => b.dataset.id)")
    assert ids == ["dangwei", "zongjie", "neijiang", "aba", "bazhou", "xuexi", "aba-photo",
                   "bazhou-photo", "footer"]
    assert "已更新" in page.inner_text("#status")
    badges = page.evaluate("""() => window.desk.data.blocks.map(b => [b.id,
        (b.fit && b.fit.spare_lines) || 0,
        (document.querySelector(`.block[data-id="${b.id}"] .badge.spare`) || {}).textContent || ""])""")
    for bid, spare, text in badges:                     # 空 N 行 exactly where lines are spare
        assert text == (f"空 {spare} 行" if spare else ""), bid


def test_clicking_a_block_shows_its_yaml_line_and_fit(sample_desk):
    page, issue, _ = sample_desk
    page.click('.block[data-id="zongjie"]', position={"x": 40, "y": 60})
    page.wait_for_selector("#yaml-link")
    line = _line_of(issue, "- id: zongjie")
    assert page.inner_text("#yaml-link") == f"{issue.name}:{line}:9"
    assert page.get_attribute("#yaml-link", "href").endswith(f"{issue.name}:{line}:9")
    highlighted = page.eval_on_selector_all("#panel .yaml .at", "ds => ds.map(d => d.textContent)")
    assert any("- id: zongjie" in t for t in highlighted)
    assert any("place: {col: 6, span: 3, row: 1, rows: 21}" in t for t in highlighted)
    fit = page.evaluate("window.desk.data.blocks.find(b => b.id === 'zongjie').fit")
    assert f"{fit['lines_used']} / {fit['lines_held']}" in page.inner_text("#panel")


def test_an_edit_of_the_yaml_updates_the_page_image(sample_desk):
    page, issue, _ = sample_desk
    before = page.evaluate("window.desk.imageGen")
    src = page.get_attribute('.page[data-number="3"] img.base', "src")
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("省科协党组领导、厅级干部出席会议", "省科协党组领导、厅级干部出席了会议"),
                     encoding="utf-8")
    page.wait_for_function(f"window.desk.imageGen > {before}", timeout=15000)
    assert page.get_attribute('.page[data-number="3"] img.base', "src") != src
    assert page.eval_on_selector('.page[data-number="3"] img.base', "i => i.complete && i.naturalWidth") > 0


def test_dragging_the_bottom_edge_rewrites_the_place_in_the_file(sample_desk):
    page, issue, _ = sample_desk
    before = issue.read_text(encoding="utf-8")
    gen = page.evaluate("window.desk.imageGen")
    page.click('.block[data-id="dangwei"]', position={"x": 60, "y": 60})
    box = page.eval_on_selector('.block[data-id="dangwei"]', "b => { const r = b.getBoundingClientRect(); "
                                "return [r.left, r.bottom, r.width] }")
    pitch = page.evaluate("window.desk.scale * 15")           # one body line in CSS px
    x, y = box[0] + box[2] / 2, box[1] - 1
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 0.6 * pitch, steps=3)
    page.mouse.move(x, y - 1.2 * pitch, steps=3)
    assert "行 1–20" in page.inner_text(".ghost")
    page.mouse.up()
    deadline = time.time() + 10
    while "rows: 20}" not in issue.read_text(encoding="utf-8") and time.time() < deadline:
        time.sleep(0.05)
    assert issue.read_text(encoding="utf-8") == before.replace(
        "place: {col: 1, span: 5, row: 1, rows: 21}", "place: {col: 1, span: 5, row: 1, rows: 20}", 1)
    page.wait_for_function(f"window.desk.imageGen > {gen}", timeout=15000)


def test_a_bad_save_shows_the_error_with_its_position_in_the_page(sample_desk):
    page, issue, _ = sample_desk
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("        headline: 阿坝州", "        headlin: 阿坝州", 1), encoding="utf-8")
    page.wait_for_selector("#errors:not([hidden])", timeout=15000)
    line = _line_of(issue, "headlin:")
    shown = page.inner_text("#errors")
    assert f"{issue.name}:{line}:9" in shown and "unknown key 'headlin' in story" in shown
    assert "did you mean 'headline'?" in shown
    assert page.eval_on_selector('.page[data-number="3"] img.base', "i => i.naturalWidth") > 0
    issue.write_text(text, encoding="utf-8")
    page.wait_for_selector("#errors", state="hidden", timeout=15000)


def test_alternatives_are_shown_and_one_is_applied_and_compose_asks_first(sample_desk):
    """备选方案 shows the page composer's best compositions as thumbnails with their costs;
    采用 writes the chosen places; 自动组版 asks before it moves anything."""
    page, issue, _ = sample_desk
    page.wait_for_function("!document.querySelector('#alternatives').disabled", timeout=15000)
    page.click("#alternatives")
    page.wait_for_selector("#panel .alt svg.thumb", timeout=60000)
    costs = page.eval_on_selector_all("#panel .alt-head", "hs => hs.map(h => h.textContent)")
    assert costs and "最佳 best" in costs[0] and "代价 cost" in costs[0]
    chosen = page.evaluate("""async () => (await (await fetch('/alternatives', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({page: 3, n: 3})})).json()).choices""")
    gen = page.evaluate("window.desk.imageGen")
    page.click("#panel .alt button")
    want = chosen[0]["places"]["zongjie"]
    line = f"place: {{col: {want['col']}, span: {want['span']}, row: {want['row']}, rows: {want['rows']}}}"
    deadline = time.time() + 15
    while line not in issue.read_text(encoding="utf-8") and time.time() < deadline:
        time.sleep(0.05)
    assert line in issue.read_text(encoding="utf-8")
    page.wait_for_function(f"window.desk.imageGen > {gen}", timeout=30000)
    before = issue.read_text(encoding="utf-8")
    page.once("dialog", lambda d: d.dismiss())            # the editor says no: nothing moves
    page.click("#compose")
    time.sleep(1.0)
    assert issue.read_text(encoding="utf-8") == before


def test_dragging_a_block_moves_it_on_the_grid_and_lock_is_written(pw, tmp_path):
    issue = tmp_path / "small.yaml"
    issue.write_text(SMALL, encoding="utf-8")
    with desk_server(issue, tmp_path / "small.pdf", "--no-check") as (url, _):
        with browser_page(pw) as page:
            page.goto(url)
            page.wait_for_function("window.desk && window.desk.imageGen > 0", timeout=30000)
            block = page.query_selector('.block[data-id="left"]')
            r = block.bounding_box()
            step = page.evaluate("window.desk.scale * (117 + 9)")    # one column and gutter
            x, y = r["x"] + 30, r["y"] + 30
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + 0.7 * step, y + 2, steps=4)
            page.mouse.move(x + 1.1 * step, y + 2, steps=4)          # snaps to column 2
            page.mouse.up()
            deadline = time.time() + 10
            while "col: 2" not in issue.read_text(encoding="utf-8") and time.time() < deadline:
                time.sleep(0.05)
            assert issue.read_text(encoding="utf-8") == SMALL.replace(
                "place: {col: 1, span: 2, row: 1, rows: 20}   # hand-placed",
                "place: {col: 2, span: 2, row: 1, rows: 20}   # hand-placed")
            page.wait_for_function("window.desk.data.blocks[0].place.col === 2", timeout=15000)
            page.click('.block[data-id="left"]', position={"x": 20, "y": 20})
            page.check("#lock")
            deadline = time.time() + 10
            while "lock: true" not in issue.read_text(encoding="utf-8") and time.time() < deadline:
                time.sleep(0.05)
            assert "place: {col: 2, span: 2, row: 1, rows: 20, lock: true}   # hand-placed" in \
                issue.read_text(encoding="utf-8")
            page.wait_for_selector('.block[data-id="left"] .badge.lock', timeout=15000)


def test_the_host_check_refuses_a_foreign_name(pw, tmp_path):
    """A page on evil.test whose name is made to resolve to 127.0.0.1 (what DNS rebinding
    does) gets a refusal, not the desk; the desk under its own name loads."""
    issue = tmp_path / "small.yaml"
    issue.write_text(SMALL, encoding="utf-8")
    with desk_server(issue, tmp_path / "small.pdf", "--no-check") as (url, _):
        port = url.rstrip("/").rsplit(":", 1)[1]
        rules = ("--host-resolver-rules=MAP evil.test 127.0.0.1",)
        with browser_page(pw, extra_args=rules) as page:
            r = page.goto(f"http://evil.test:{port}/blocks.json")
            assert r.status == 403 and "refused" in page.inner_text("body")
            r = page.goto(f"http://localhost:{port}/blocks.json")
            assert r.status == 200 and '"blocks"' in page.inner_text("body")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(urllib.request.Request(url + "blocks.json",
                                                          headers={"Host": "evil.test"}))
        assert e.value.code == 403
