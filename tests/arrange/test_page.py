"""The page composes itself: issues/sample-composed.yaml (a tabloid page 1, a masthead, five
stories given out of rank order, the lead with its photo, no places) composed, built and
checked; its places written back into the file and read again; a late change recomposed.

The rules restated on the composed page (docs/newspaper-conventions.md#composing-a-page):
a modular page — every block a rectangle of whole columns × rows inside the grid, none
overlapping, together filling it; no story with an empty line beyond the one a balanced
block may keep, none overset; the lead (rank 1) at the top left with the largest headline;
the story's own photo inside its story; no lower headline larger than one above it."""
from __future__ import annotations

import json
import shutil

import pytest

from layout.page.dump import dump_pages
from tests.kit.golden import check_golden
from tests.kit.paths import ROOT

COMPOSED = ROOT / "issues" / "sample-composed.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from layout.build import build_issue
    out = tmp_path_factory.mktemp("composed") / "composed.pdf"
    return build_issue(str(COMPOSED), out)


@pytest.fixture()
def desk(tmp_path):
    """A copy of the sample the editor may write into (the photos beside it)."""
    shutil.copy(COMPOSED, tmp_path / COMPOSED.name)
    shutil.copytree(ROOT / "issues" / "photos", tmp_path / "photos")
    return tmp_path / COMPOSED.name


def _headline_sizes(built) -> dict[str, float]:
    return {it.owner: it.line.glyphs[0].size for it in built.pages[0].items
            if getattr(it, "kind", "") == "headline" and it.line.glyphs}


def _cells(p):
    return {(r, c) for r in range(p.row, p.row + p.rows) for c in range(p.col, p.col + p.span)}


def test_the_composed_page_dump(built):
    check_golden("sample-composed.txt", dump_pages(built.pages))


def test_every_block_a_rectangle_filling_the_grid_without_overlap(built):
    page = built.issue.pages[0]
    fmt = built.pages[0].format
    owned = {s.picture for s in page.stories if s.picture}
    seen: set = set()
    for b in page.stories + page.groups + page.pictures:
        if b.id in owned:
            continue
        assert b.place is not None and not b.place.lock, b.id
        cells = _cells(b.place)
        assert all(1 <= r <= fmt.rows and 1 <= c <= fmt.columns for r, c in cells), b.id
        assert not cells & seen, f"{b.id} overlaps another block"
        seen |= cells
    assert len(seen) == fmt.rows * fmt.columns


def test_every_story_filled_and_nothing_overset(built):
    assert [r.page for r in built.arranged] == [1]
    for f in built.pages[0].fits:
        assert f.overset_lines == 0, f.owner
        assert f.empty_lines <= 1, f"{f.owner} leaves {f.empty_lines} empty lines"


def test_the_lead_at_the_top_left_with_the_largest_headline(built):
    page = built.issue.pages[0]
    lead = min(page.stories, key=lambda s: s.rank)
    assert (lead.place.row, lead.place.col) == (1, 1)
    sizes = _headline_sizes(built)
    assert sizes[lead.id] == max(sizes.values())


def test_each_photo_is_measured_as_drawn(built):
    """The composer compares photos by their frames as printed (a lower photo not larger
    than an upper one): arrange.needs.frame_area of each picture's place is the frame drawn."""
    from layout.arrange.needs import frame_area
    from layout.build import load_stage
    from layout.page.blocks import Ctx
    from layout.page.places import page_format, place_rows
    from tests.kit.pagerules import frames
    issue, _, fonts = load_stage(str(COMPOSED))
    page = built.issue.pages[0]
    fmt = page_format(page)
    ctx = Ctx(fmt, fonts, issue.style.punct)
    drawn = frames(built.pages[0])
    assert page.pictures
    for pic in page.pictures:
        p = pic.place
        _, _, w, h = drawn[pic.id]
        area = frame_area(pic, (p.span, place_rows(fmt, p)), ctx)
        assert abs(area - w * h) <= 0.01 * w * h, (pic.id, area, w * h)


@pytest.mark.parametrize("sample", ["sample-difang-kexie.yaml", "sample-tabloid.yaml"])
def test_a_fixed_picture_is_scored_by_its_frame_as_drawn(sample):
    """A picture the editor placed is compared with the composed photos by the same measure:
    its frame as drawn (its caption's rows and the air round the frame not counted), not its
    rows × width, which made a composed photo under it look 3-20 % smaller than it prints."""
    from layout.arrange import result
    from layout.arrange.needs import frame_area
    from layout.build import load_stage
    from layout.page.blocks import Ctx
    from layout.page.places import page_format, place_rows
    issue, _, fonts = load_stage(str(ROOT / "issues" / sample))
    seen = 0
    for page in issue.pages:
        fmt = page_format(page)
        ctx = Ctx(fmt, fonts, issue.style.punct)
        _, placed = result._taken(page, ctx, (result._order(page), False))
        scored = {(q.row, q.col): q.photo for q in placed if q.kind == "picture"}
        for pic in page.pictures:
            p, rows = pic.place, place_rows(fmt, pic.place)
            framed = frame_area(pic, (p.span, rows), ctx)
            assert scored[p.row - 1, p.col - 1] == framed, pic.id
            assert framed < fmt.span_w(p.span) * (rows - 1) * fmt.pitch, pic.id
            seen += 1
    assert seen >= 2


def test_the_photo_inside_its_story(built):
    page = built.issue.pages[0]
    pics = {p.id: p for p in page.pictures}
    for s in page.stories:
        if s.picture:
            assert _cells(pics[s.picture].place) <= _cells(s.place)


def test_no_lower_headline_larger_than_one_above_it(built):
    page = built.issue.pages[0]
    sizes = _headline_sizes(built)
    for up in page.stories:
        for low in page.stories:
            over = {c for _, c in _cells(up.place)} & {c for _, c in _cells(low.place)}
            if over and low.place.row > up.place.row:
                assert sizes[low.id] <= sizes[up.id], (up.id, low.id)


def test_the_composed_page_passes_the_check(built):
    from layout.preflight import check_pdf
    report = check_pdf(str(built.pdf), str(COMPOSED))
    assert not report.findings, [f.kind for f in report.findings]


def _layout(argv, capsys):
    from layout.cli import main
    rc = main(argv)
    return rc, capsys.readouterr().out


def test_compose_write_keeps_the_comments_and_builds_the_same_page(desk, built, capsys):
    from layout.build import build_issue
    before = desk.read_text(encoding="utf-8")
    rc, out = _layout(["compose", str(desk), "--write"], capsys)
    assert rc == 0, out
    assert "wrote 6 places" in out
    after = desk.read_text(encoding="utf-8")
    for line in before.splitlines():          # every line of the editor's file is kept
        assert line in after
    assert after.count("place: {col:") == 6
    from layout.press.sheet import impose
    again = build_issue(str(desk), None)       # laid out only: imposed as the build does
    assert again.arranged == ()                 # every block placed: nothing to compose
    pages = [p for p, _ in impose(again.pages, again.issue.print)]
    assert dump_pages(pages) == dump_pages(built.pages)
    rc, out = _layout(["compose", str(desk), "--write"], capsys)
    assert "already holds these places" in out and "moved" not in out


def test_a_late_cut_moves_only_the_blocks_under_the_cut_story(desk, capsys):
    _layout(["compose", str(desk), "--write"], capsys)
    from layout.issue.loader import load_issue
    placed = {s.id: s.place[:4] for s in load_issue(str(desk)).pages[0].stories}
    text = desk.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(text) if "二是深入查摆问题" in line)
    del text[k:k + 2]                          # 内江 loses a paragraph (199 characters)
    desk.write_text("\n".join(text), encoding="utf-8")
    rc, out = _layout(["compose", str(desk), "--write"], capsys)
    assert rc == 0, out
    now = {s.id: s.place[:4] for s in load_issue(str(desk)).pages[0].stories}
    moved = {k for k in now if now[k] != placed[k]}
    assert "neijiang" in moved and len(moved) <= 3, moved
    # the other column stack stays as it was
    assert {k for k in moved if placed[k][0] == 1} == set()


def test_fit_json_reports_every_block_of_the_composed_page(capsys):
    rc, out = _layout(["fit", str(COMPOSED), "--json"], capsys)
    assert rc == 0
    rows = [json.loads(line) for line in out.splitlines()]
    stories = {r["id"]: r for r in rows if r["id"] != "dangwei-photo"}
    assert set(stories) == {"zongjie", "dangwei", "aba", "neijiang", "bazhou"}
    for r in stories.values():
        assert {"id", "page", "lines_used", "lines_held", "spare_lines", "chars_over"} <= set(r)
        assert r["composed"] and r["place"] is not None
        assert r["spare_lines"] == r["lines_held"] - r["lines_used"] <= 1
        assert r["chars_over"] == 0


def test_compose_alternatives_renders_the_best_pages_with_their_costs(desk, capsys, monkeypatch):
    monkeypatch.chdir(desk.parent)
    rc, out = _layout(["compose", str(desk), "--alternatives", "2"], capsys)
    assert rc == 0, out
    lines = [ln for ln in out.splitlines() if ln.startswith("alternative")]
    assert len(lines) == 2
    costs = [float(ln.split("cost ")[1].split()[0]) for ln in lines]
    assert costs == sorted(costs)
    for k in (1, 2):
        png = desk.parent / "out" / f"sample-composed-p1-alt{k}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in (desk.parent / "out").iterdir()) == [
        "sample-composed-p1-alt1.png", "sample-composed-p1-alt2.png"]
