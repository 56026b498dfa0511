"""Generated pages composed by the build (issue 12): the rules restated independently of the
composer's score (tests/kit/pagerules.py) on a few small pages of tests/kit/genpages.py — a
valid tiling without overlap or hole, the lead on the first row, a story's picture inside
the story; a page that fills keeps every rule (碰题, hierarchy, photos, text no wider than
its headline); and every page either filled exactly or stopped by an OversetError that names
what to cut (which story, how many characters) or what the page lacks. The full run over 30
and more pages, with times and the other rules, is benchmarks/bench_arrange.py."""
from __future__ import annotations

import pytest
import yaml

from layout.build import BuildOptions, build_issue, build_loaded, load_stage
from layout.errors import OversetError
from layout.issue.loader import load_issue
from tests.kit import genpages, pagerules
from tests.kit.paths import SAMPLE
from layout.page.places import page_format

# small pages (3–5 stories), both formats: a page 1 with the 报头, a 专栏, a footer, photos
# and placeholder frames, pictures owned by a story and standing alone
PAGES = [("tabloid", 3), ("tabloid", 8), ("tabloid", 14), ("broadsheet", 25)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("generated")


def _compose(path):
    """The page built as an editor builds it: (the result, the OversetError the strict build
    raised or None)."""
    try:
        return build_issue(str(path), None), None
    except OversetError as e:
        return build_issue(str(path), None, BuildOptions(allow_overset=True)), e


def _check_page(path):
    r, err = _compose(path)
    page, laid = r.issue.pages[0], r.pages[0]
    rules = pagerules.check(page, laid)
    assert rules["tiling"] == [], rules["tiling"]
    assert rules["lead"] == [], rules["lead"]
    assert rules["own-picture"] == [], rules["own-picture"]
    over = {f.owner: f.overset_chars for f in laid.fits if f.overset_lines}
    gaps = {f.owner: f.empty_lines for f in laid.fits if f.empty_lines > 1}
    if not over and not gaps:
        assert err is None
        # a page that fills keeps every rule (on tabloid 14 a lower photo came out larger
        # until the composer capped it to the upper one's size: arrange.result._photo_caps)
        broken = {k: v for k, v in rules.items() if v and k != "fill"}
        assert not broken, broken
        return err
    if over:
        assert err is not None, f"{over} overset and the build is silent"
        said = {f.owner: f.overset_chars for _, f in err.fits}
        assert said == over and all(c > 0 for c in said.values())
    if gaps:
        assert err is not None, f"{gaps} empty lines and the build is silent"
        lacking = sum(n - 1 for n in gaps.values())
        assert sum(lines for _, lines, _, _ in err.short) == lacking
        assert all(chars > 0 and owner in gaps for _, _, chars, owner in err.short)
    return err


@pytest.mark.parametrize("fmt,seed", PAGES, ids=[f"{f}-{s}" for f, s in PAGES])
def test_generated_page_composed_by_the_rules(fmt, seed, folder):
    _check_page(genpages.write(seed, fmt, folder))


def test_a_page_with_too_much_copy_says_what_to_cut(folder):
    """A page without pictures given 40 % more copy than it holds: the build stops and names
    the stories to cut, with their characters."""
    doc = genpages.page_dict(8, "tabloid")
    lead = next(s for s in doc["pages"][0]["stories"] if s["rank"] == 1)
    genpages.add(doc, lead["id"], 900)
    err = _check_page(genpages.write(8, "tabloid", folder / "over", doc))
    assert err is not None and err.fits


# -- the generator ---------------------------------------------------------------------------
SEEDS = range(1, 41)


@pytest.mark.parametrize("fmt", ["broadsheet", "tabloid"])
def test_generated_pages_are_what_the_issue_asks_for(fmt, tmp_path):
    genpages.place_photos(tmp_path)
    seen = {"group": 0, "footer": 0, "pictures": set(), "front": 0, "file": 0, "placeholder": 0,
            "owned": 0, "alone": 0}
    in_order = 0
    for seed in SEEDS:
        text = genpages.generate(seed, fmt)
        assert text == genpages.generate(seed, fmt)            # deterministic
        page = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["pages"][0]
        stories = page["stories"]
        assert 3 <= len(stories) <= 10
        assert all(150 <= len(s["body"].replace("\n", "")) <= 3000 for s in stories)
        ranks = [s["rank"] for s in stories] + [g["rank"] for g in page.get("groups", ())]
        assert sorted(ranks) == list(range(1, len(ranks) + 1))
        assert all("place" not in b for k in ("stories", "groups", "pictures")
                   for b in page.get(k, ()))
        pics = page.get("pictures", [])
        assert len(pics) <= 3
        owned = {s["picture"] for s in stories if "picture" in s}
        assert owned <= {p["id"] for p in pics}
        seen["group"] += bool(page.get("groups"))
        seen["footer"] += bool(page.get("footer"))
        seen["front"] += page["number"] == 1
        seen["pictures"].add(len(pics))
        seen["file"] += sum("file" in p for p in pics)
        seen["placeholder"] += sum("file" not in p for p in pics)
        seen["owned"] += len(owned)
        seen["alone"] += len(pics) - len(owned)
        if seed % 5 == 0:                                       # valid input
            path = tmp_path / f"{fmt}-{seed}.yaml"
            path.write_text(text, encoding="utf-8")
            issue = load_issue(str(path))
            assert [s.id for s in issue.pages[0].stories] == [s["id"] for s in stories]
        in_order += [s["rank"] for s in stories] == sorted(s["rank"] for s in stories)
    assert 0 < seen["group"] < len(SEEDS) and 0 < seen["footer"] < len(SEEDS)
    assert seen["pictures"] == {0, 1, 2, 3}
    assert min(seen["file"], seen["placeholder"], seen["owned"], seen["alone"]) > 0
    assert (seen["front"] > 0) == (fmt == "tabloid")
    assert in_order < len(SEEDS) // 4           # the file order is not the rank order


def test_generated_copy_is_drawn_around_the_calibrated_fill():
    for fmt in ("broadsheet", "tabloid"):
        for seed in SEEDS:
            pl = genpages.plan(seed, fmt)
            assert abs(pl["u"]) <= genpages.SPREAD
            got = genpages.copy_chars(genpages.page_dict(seed, fmt))
            # cut at sentence ends and kept within 150–3,000 a story: near the drawn copy
            assert abs(got - pl["chars"]) <= 0.07 * pl["chars"], (fmt, seed, got, pl["chars"])


# -- the rules themselves catch a bad page -----------------------------------------------------
def test_the_rules_find_what_is_wrong_on_a_page():
    """The hand-placed sample leaves a cell uncovered (row 47, column 5) and sets two
    headlines side by side at row 1; blocks of it moved, or their fit changed, make overlaps,
    a lead not on the first row, a picture outside its story, a block short or over."""
    r = build_issue(str(SAMPLE), None, BuildOptions(allow_overset=True))
    page, laid = r.issue.pages[0], r.pages[0]
    rules = pagerules.check(page, laid)
    assert any("row 47 column 5" in m for m in rules["tiling"])
    assert any("dangwei (row 1) beside zongjie (row 1)" == m for m in rules["碰题"])
    assert rules["fill"] == []
    short = laid._replace(fits=tuple(f._replace(used_lines=f.capacity_lines - 3)
                                     if f.owner == "bazhou" else f for f in laid.fits))
    assert pagerules.check_fill(page, short) == ["bazhou leaves 3 empty lines"]
    over = laid._replace(fits=tuple(f._replace(overset_lines=2, overset_chars=20)
                                    if f.owner == "aba" else f for f in laid.fits))
    assert pagerules.check_fill(page, over) == ["aba over by 2 lines (20 chars)"]
    stories = {s.id: s for s in page.stories}
    moved = stories["zongjie"]._replace(place=stories["zongjie"].place._replace(col=5))
    lead_low = stories["dangwei"]._replace(place=stories["dangwei"].place._replace(row=2),
                                           rank=1)
    bad = page._replace(stories=tuple({"zongjie": moved, "dangwei": lead_low}.get(s.id, s)
                                      for s in page.stories))
    fmt = page_format(bad)
    assert any("overlaps" in m for m in pagerules.check_tiling(bad, fmt))
    assert pagerules.check_lead(bad) == ["the lead dangwei starts on row 2"]
    own = bad._replace(stories=tuple(s._replace(picture="aba-photo") if s.id == "zongjie"
                                     else s for s in bad.stories))
    assert pagerules.check_own_pictures(own, fmt, laid)


def test_a_shu_ti_or_a_box_beside_a_headline_is_no_pengti():
    """The sample's two headlines side by side at row 1 (dangwei, zongjie): with zongjie's
    headline set top to bottom (竖题), or zongjie in a frame, they no longer line up."""
    issue, report, fonts = load_stage(str(SAMPLE))
    page = issue.pages[0]
    turned = page._replace(stories=tuple(s._replace(vertical="right") if s.id == "zongjie"
                                         else s for s in page.stories))
    r = build_loaded((issue._replace(pages=(turned,) + issue.pages[1:]), report, fonts), None,
                     BuildOptions(allow_overset=True))
    assert "zongjie" in pagerules.turned_heads(r.pages[0])
    assert not any("zongjie" in m for m in pagerules.check_collisions(
        r.issue.pages[0], page_format(turned), r.pages[0]))
    # a frame round zongjie separates the two as well (a box: the rule reads the issue)
    plain = build_loaded((issue, report, fonts), None, BuildOptions(allow_overset=True))
    framed = plain.issue.pages[0]
    framed = framed._replace(stories=tuple(s._replace(frame="thin") if s.id == "zongjie"
                                           else s for s in framed.stories))
    fmt = page_format(framed)
    assert any("zongjie" in m for m in pagerules.check_collisions(plain.issue.pages[0], fmt,
                                                                  plain.pages[0]))
    assert not any("zongjie" in m for m in pagerules.check_collisions(framed, fmt,
                                                                      plain.pages[0]))


def test_a_dress_the_composer_chose_is_written_back_and_builds_the_same_page(folder, capsys):
    """Generated tabloid page 9 (seven stories, no picture): the composer frames a side
    story (加框) or turns its headline (竖题) rather than set two headlines level;
    `layout compose --write` writes `dress: frame` or `dress: vertical` in its place (the
    composer's, not the editor's story keys), and the page built from the written file is
    the composed page."""
    from layout.cli import main
    from layout.page.dump import dump_pages
    from layout.press.sheet import impose
    path = genpages.write(9, "tabloid", folder, name="dressed")
    first = build_issue(str(path), None)
    dressed = [s.id for s in first.issue.pages[0].stories if s.vertical or s.frame]
    assert dressed, "no story framed or turned on this page"
    assert main(["compose", str(path), "--write"]) == 0, capsys.readouterr().out
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    stories = doc["pages"][0]["stories"]
    assert [s["id"] for s in stories if s["place"].get("dress")] == dressed
    assert not any(s.get("vertical") or s.get("frame") for s in stories)
    again = build_issue(str(path), None)
    assert again.arranged == ()
    assert dump_pages([p for p, _ in impose(again.pages, again.issue.print)]) == dump_pages(
        [p for p, _ in impose(first.pages, first.issue.print)])
    # recomposing, the composer takes its own dress off the places it may move (and chooses
    # it again: the same page), never off a locked one
    from layout.arrange.result import _undressed
    page = load_issue(str(path)).pages[0]
    assert _undressed(page, False) == page
    bare = {s.id: s for s in _undressed(page, True).stories}
    assert not any(bare[i].frame or bare[i].vertical for i in dressed)
    first_id = dressed[0]
    locked = page._replace(stories=tuple(
        s._replace(place=s.place._replace(lock=True)) if s.id == first_id else s
        for s in page.stories))
    kept = {s.id: s for s in _undressed(locked, True).stories}[first_id]
    assert kept.frame or kept.vertical
    assert main(["compose", str(path), "--write"]) == 0
    assert "already holds these places" in capsys.readouterr().out


def test_compose_writes_a_shu_ti_a_frame_and_a_size_with_the_place(tmp_path):
    """The composer's dress and headline size go into the place; loaded, the story wears
    them; recomposing (Story.unworn) takes them off again — but never the editor's own."""
    from layout.arrange.commands import _write_block
    from layout.issue import edit
    path = tmp_path / "issue.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    page = load_issue(str(path)).pages[0]
    stories = {s.id: s for s in page.stories}
    doc = edit.load(str(path))
    for sid, dress, size in (("neijiang", "vertical", 18.0), ("aba", "frame", None)):
        s = stories[sid]
        _write_block(doc, s._replace(place=s.place._replace(dress=dress, size=size)),
                     page.number)
    assert edit.save(doc)
    text = path.read_text(encoding="utf-8")
    assert "size: 18, dress: vertical}" in text and "dress: frame}" in text
    again = {s.id: s for s in load_issue(str(path)).pages[0].stories}
    assert again["neijiang"].vertical == "right" and again["neijiang"].headline_size == 18
    assert again["aba"].frame == "thin"
    assert again["neijiang"].place[:4] == stories["neijiang"].place[:4]
    bare = again["aba"].unworn()
    assert bare.frame == "" and bare.place.dress == ""
    assert again["neijiang"].unworn()[:3] == stories["neijiang"][:3]
    assert again["neijiang"].unworn().headline_size is None
    # the editor's own frame and size win over the place's, and stay when recomposing
    own = stories["aba"]._replace(frame="double", headline_size=22.0, place=stories[
        "aba"].place._replace(dress="frame", size=18.0)).worn()
    assert (own.frame, own.headline_size, own.place.dress, own.place.size) == (
        "double", 22.0, "", None)
    assert own.unworn() == own


def test_a_block_whose_copy_still_fills_its_place_stays_there(tmp_path):
    """Recomposing after a late change, a block whose copy still fills its place exactly —
    flowed there, not counted (arrange.result._hinted_flowed) — stays where it stood:
    generated broadsheet 11 with its photo turned portrait keeps aba where it was (its
    count said a line short at its place, so it was composed again with the photo: 7 blocks
    moved, now 6)."""
    from layout.arrange.result import Options, arrange_page
    doc = genpages.page_dict(11, "broadsheet")
    first = build_issue(str(genpages.write(11, "broadsheet", tmp_path)), None).issue.pages[0]
    changed = genpages.placed(doc, first)
    photo = next(p for p in changed["pages"][0]["pictures"] if p["id"] == "photo1")
    photo["file"] = genpages.portrait(tmp_path)
    issue, _, fonts = load_stage(str(genpages.write(11, "broadsheet", tmp_path, changed,
                                                    "portrait")))
    again = arrange_page(issue.pages[0], issue, fonts, Options(recompose=True)).page
    before = {b.id: b.place for b in first.stories}
    after = {b.id: b.place for b in again.stories}
    assert after["aba"][:4] == before["aba"][:4]
    assert photo["id"] in {p.id for p in again.pictures}
