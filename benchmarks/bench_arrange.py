"""Benchmark: page composition (layout.arrange, issue 12 "Measure"). Prints figures, asserts
nothing.

    python3 benchmarks/bench_arrange.py [--pages N] [--late M] [--audit K] [--out DIR]
                                        [--only calibration,sample,generated,late] [--png]

1. calibration: the copy figures tests/kit/genpages.py draws pages with, measured again on
   the hand-composed samples.
2. sample: issues/sample-difang-kexie.yaml with every `place:` of its stories, 专栏 and
   pictures taken out (the footer box has none: it keeps its default place) composed by the
   build: spare lines of every story (target 0, at most 1), `layout check` of the PDF, and the
   composing time against the hand-placed build, both measured in this run (in this process
   the best of three of each; as new processes, byte-compiled, in turn, the best of five;
   target: composing adds at most as much time again as the hand-placed build).
3. generated: N pages of tests/kit/genpages.py (seeds 1…, broadsheet and tabloid in turn),
   each built to PDF. Per page: exact fill and the rules of tests/kit/pagerules.py (restated
   from the places and the built page, not from layout.arrange.score); for a page not
   filled exactly, what the build's OversetError says to cut or add and whether that is
   exact — the named characters cut from (or added to) the named block, then built again
   with the composed places kept (does the named block fit?) and composed again (is the page
   filled?); the time to arrange (CPU seconds, and the report's wall seconds) and to build.
   Then pdfaudit (/work/shared/tools/pdfaudit.py, independent of layout) and `layout check`
   on K of the PDFs.
4. late: M generated pages composed, their places written (unlocked, as `layout compose
   --write` writes them), then late changes — a story grows by 200 characters, another is cut
   by half, a photo turns portrait — and the page recomposed with the written places as hints
   (Options(recompose=True), `layout compose` semantics): blocks moved, resized, kept; is the
   page filled again; against composing the changed page from nothing.

Times: the machine is shared, so CPU seconds of this process (time.process_time) are the
figure to compare with the target; wall seconds are printed beside them. Builds run with the
cyclic garbage collector off, as `layout build` runs them.
"""
from __future__ import annotations

import argparse
import compileall
import gc
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import layout.arrange as arrange  # noqa: E402
from layout.build import BuildOptions, build_issue  # noqa: E402
from layout.errors import LayoutError, OversetError  # noqa: E402
from tests.kit import genpages, pagerules  # noqa: E402

SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
AUDIT = Path("/work/shared/tools/pdfaudit.py")
FORMATS = ("broadsheet", "tabloid")

# -- timing: arrange_page wrapped, so its CPU time is known (the build imports it at call time)
_ARRANGE_TIMES: list[tuple[float, float]] = []
_real_arrange = arrange.arrange_page


def _timed_arrange(*a, **k):
    c, t = time.process_time(), time.perf_counter()
    try:
        return _real_arrange(*a, **k)
    finally:
        _ARRANGE_TIMES.append((time.process_time() - c, time.perf_counter() - t))


arrange.arrange_page = _timed_arrange


def timed_build(path, out, opts: BuildOptions):
    """(result or the LayoutError raised, build CPU s, build wall s, arrange CPU s, arrange
    wall s) — arrange summed over the pages composed."""
    _ARRANGE_TIMES.clear()
    gc.collect()
    gc.disable()                # as `layout build` runs (layout.cli: no cyclic collection)
    c, t = time.process_time(), time.perf_counter()
    try:
        r = build_issue(str(path), out, opts)
    except LayoutError as e:
        r = e
    finally:
        cpu, wall = time.process_time() - c, time.perf_counter() - t
        gc.enable()
    return (r, cpu, wall, sum(x for x, _ in _ARRANGE_TIMES),
            sum(y for _, y in _ARRANGE_TIMES))


def load(path):
    """The issue loaded and normalised as a build does, and its fonts."""
    try:
        from layout.build import load_stage
        issue, _, fonts = load_stage(str(path))
        return issue, fonts
    except ImportError:                       # main before `layout compose` landed
        from layout.build import Warm, _fonts, _load
        issue, _ = _load(str(path), None)
        return issue, _fonts(issue, Warm())


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100.0 * n / d:.0f} %" if d else "0/0"


# -- 1. calibration -------------------------------------------------------------------------
def calibration() -> None:
    from layout.page.formats import place_rows
    from layout.page.places import page_format
    print("== calibration: the hand-composed samples (tests/kit/genpages.py uses these)")
    per = {}
    for name in ("sample-difang-kexie.yaml", "sample-tabloid.yaml"):
        r = build_issue(str(ROOT / "issues" / name), None, BuildOptions(allow_overset=True))
        for page, lay in zip(r.issue.pages, r.pages):
            fmt = page_format(page)
            fits = {f.owner: f for f in lay.fits}
            acc = per.setdefault(fmt.name, {"chars": 0, "lines": 0, "story": [], "group": [],
                                            "gross": []})
            chars = 0
            for b in page.stories + page.groups:
                f = fits[b.id]
                cells = b.place.span * place_rows(fmt, b.place)
                acc["group" if hasattr(b, "items") else "story"].append(
                    cells - f.capacity_lines)
                acc["chars"] += f.chars
                acc["lines"] += f.used_lines
                chars += f.chars
            acc["gross"].append(chars / (fmt.rows * fmt.columns * fmt.column_chars))
    for fmt, a in per.items():
        print(f"  {fmt:<10} chars per body line {a['chars'] / a['lines']:.2f} "
              f"(genpages {genpages.CHARS_PER_LINE[fmt]}); heading cells a story "
              f"{statistics.mean(a['story']):.1f}, a 专栏 {statistics.mean(a['group']):.1f} "
              f"(genpages {genpages.HEAD_CELLS[fmt]}); gross fill "
              + ", ".join(f"{g:.3f}" for g in a["gross"]))
    print(f"  generated pages draw their copy within ±{genpages.SPREAD:.0%} of the estimate")


# -- 2. the broadsheet sample without places --------------------------------------------------
def strip_places(text: str) -> str:
    """Every `place:` line of the sample's stories, 专栏 and pictures taken out (the sample
    writes each on one line; its footer has none)."""
    return re.sub(r"(?m)^[ \t]+place:.*\n", "", text)


def sample(out: Path) -> None:
    print("\n== the broadsheet sample with every place removed")
    free = out / "sample-unplaced.yaml"
    free.write_text(strip_places(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    timed_build(SAMPLE, out / "warm.pdf", BuildOptions())          # fonts, caches warm
    hand, comp = [], []
    for _ in range(3):
        hand.append(timed_build(SAMPLE, out / "sample-hand.pdf", BuildOptions()))
        comp.append(timed_build(free, out / "sample-composed.pdf",
                                BuildOptions(allow_overset=True)))
    h = min(hand, key=lambda x: x[1])
    c = min(comp, key=lambda x: x[1])
    r = c[0]
    if isinstance(r, LayoutError):
        print(f"  the composed build failed: {r}")
        return
    rep = r.arranged[0]
    print(f"  composed: method {rep.method}, cost {rep.cost:.1f} = "
          + ", ".join(f"{k} {v:.1f}" for k, v in rep.terms.items() if k != "total"))
    for b in r.issue.pages[0].stories + r.issue.pages[0].groups + r.issue.pages[0].pictures:
        p = b.place
        fit = next((f for f in r.pages[0].fits if f.owner == b.id), None)
        line = f"    {b.id:<14} col {p.col} span {p.span} row {p.row:>2} rows {p.rows:>2}"
        if fit is not None:
            line += (f"  spare {fit.empty_lines}" + (f"  OVER {fit.overset_lines}"
                                                      if fit.overset_lines else ""))
        print(line)
    spare = [f.empty_lines for f in r.pages[0].fits]
    over = sum(f.overset_lines for f in r.pages[0].fits)
    print(f"  spare lines per story and 专栏: {spare} (target 0, at most 1): "
          f"{'met' if max(spare) <= 1 and not over else 'NOT met'}; lines over {over}")
    rules = pagerules.check(r.issue.pages[0], r.pages[0])
    print("  rules broken: " + ("none" if not any(rules.values()) else "; ".join(
        f"{k}: {v}" for k, v in rules.items() if v)))
    from layout.preflight import check_pdf
    rep_check = check_pdf(str(out / "sample-composed.pdf"), str(free))
    print(f"  layout check: {'clean' if rep_check.ok else 'NOT clean'}"
          + "".join(f"\n    {f.one_line()}" for f in rep_check.failures))
    print(f"  time, best of 3: hand-placed build {h[1]:.2f} s CPU ({h[2]:.2f} s wall); "
          f"composed build {c[1]:.2f} s CPU ({c[2]:.2f} s wall), of which arranging "
          f"{c[3]:.2f} s CPU ({c[4]:.2f} s wall)")
    added = c[1] - h[1]
    print(f"  in this process (fonts loaded): composing adds {added:.2f} s CPU = "
          f"{added / h[1]:.2f} × the hand-placed build (target at most 1.00 ×): "
          f"{'met' if added <= h[1] else 'NOT met'}")
    # byte-compiled first, as an installed package is (this sandbox sets
    # PYTHONDONTWRITEBYTECODE: each new process would compile every module it imports, and
    # the composed build imports layout.arrange besides); hand and composed in turn
    compileall.compile_dir(str(ROOT / "layout"), quiet=1)
    runs = [(cli_build(SAMPLE, out / "cli-hand.pdf"), cli_build(free, out / "cli-composed.pdf"))
            for _ in range(5)]
    hand_cli = min(h for h, _ in runs)
    comp_cli = min(c for _, c in runs)
    added = comp_cli[0] - hand_cli[0]
    print(f"  as the editor runs it (`layout build --no-check`, a new process, byte-compiled, "
          f"in turn, best of 5): "
          f"hand-placed {hand_cli[0]:.2f} s CPU ({hand_cli[1]:.2f} s wall), composed "
          f"{comp_cli[0]:.2f} s CPU ({comp_cli[1]:.2f} s wall): composing adds "
          f"{added / hand_cli[0]:.2f} × (target at most 1.00 ×): "
          f"{'met' if added <= hand_cli[0] else 'NOT met'}")


def cli_build(issue: Path, pdf: Path) -> tuple[float, float]:
    """CPU and wall seconds of `python3 -m layout.cli build ISSUE -o PDF --no-check` (the
    layout of this checkout), a new process each time."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "layout.cli", "build", str(issue), "-o", str(pdf),
                    "--no-check", "--allow-overset"], cwd=ROOT, check=True,
                   capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, time.perf_counter() - t


# -- 3. generated pages -----------------------------------------------------------------------
def pages_of(n: int) -> list[tuple[str, int]]:
    """(format, seed) of the first n generated pages: seeds 1…, the formats in turn."""
    return [(FORMATS[i % 2], i // 2 + 1) for i in range(n)]


def what_is_on(doc: dict) -> str:
    pg = doc["pages"][0]
    pics = pg.get("pictures", ())
    owned = {s.get("picture") for s in pg["stories"]}
    files = sum(1 for p in pics if "file" in p)
    return (f"{len(pg['stories'])}s" + ("+专栏" if pg.get("groups") else "")
            + f" {files}f{len(pics) - files}p" + (f"({sum(p['id'] in owned for p in pics)}own)"
                                                  if pics else "")
            + (" foot" if pg.get("footer") else "") + (" p1" if pg["number"] == 1 else ""))


def copy_report(err) -> tuple[list, list]:
    """What the build's OversetError says: stories to cut (id, characters) and pages short of
    copy (lines, characters, block) — `short` is there once the build reports it."""
    if not isinstance(err, OversetError):
        return [], []
    over = [(f.owner, f.overset_chars) for _, f in err.fits]
    short = [(lines, chars, owner) for _, lines, chars, owner in getattr(err, "short", ())]
    return over, short


def follow(doc: dict, over: list, short: list, seed: int) -> dict:
    """The page after the editor does what the build said: each named story cut by its
    characters, the named block given the characters the page lacks."""
    import copy
    doc = copy.deepcopy(doc)
    for owner, chars in over:
        genpages.cut(doc, owner, chars)
    for _, chars, owner in short:
        genpages.add(doc, owner, chars, seed)
    return doc


def verify(fmt: str, seed: int, composed_page, report: tuple, folder: Path) -> dict:
    """Is the build's instruction exact? Followed with the composed places kept (do the named
    blocks then hold their copy, at most 1 line empty?) and composed again (is the page
    filled, every rule kept?)."""
    over, short = report
    named = [o for o, _ in over] + [o for _, _, o in short]
    doc = genpages.page_dict(seed, fmt)
    out = {}
    fixed = genpages.placed(follow(doc, over, short, seed), composed_page)
    path = genpages.write(seed, fmt, folder, fixed, "fixed")
    r = timed_build(path, None, BuildOptions(allow_overset=True))[0]
    if isinstance(r, LayoutError):
        out["fixed"] = f"error: {str(r)[:80]}"
    else:
        fits = {f.owner: f for f in r.pages[0].fits}
        bad = [f"{o}: {fits[o].overset_lines} over, {fits[o].empty_lines} empty"
               for o in named if o in fits and (fits[o].overset_lines or fits[o].empty_lines > 1)]
        out["fixed"] = "fits" if not bad else "; ".join(bad)
    again = genpages.write(seed, fmt, folder, follow(doc, over, short, seed), "again")
    r = timed_build(again, None, BuildOptions(allow_overset=True))[0]
    if isinstance(r, LayoutError):
        out["again"] = f"error: {str(r)[:80]}"
    else:
        rules = pagerules.check(r.issue.pages[0], r.pages[0])
        out["again"] = "filled" if not rules["fill"] else "; ".join(rules["fill"])
        out["again_rules"] = [k for k, v in rules.items() if v and k != "fill"]
    return out


def one_page(fmt: str, seed: int, folder: Path, png: bool) -> dict:
    doc = genpages.page_dict(seed, fmt)
    path = genpages.write(seed, fmt, folder)
    pdf = folder / f"gen-{fmt}-{seed}.pdf"
    rec = {"page": f"{fmt[0]}{seed}", "fmt": fmt, "seed": seed, "on": what_is_on(doc),
           "u": genpages.plan(seed, fmt)["u"], "chars": genpages.copy_chars(doc), "pdf": pdf,
           "issue": path}
    strict = timed_build(path, pdf, BuildOptions(png=png))
    r, err = strict[0], None
    if isinstance(r, OversetError):
        err = r
        strict = timed_build(path, pdf, BuildOptions(allow_overset=True, png=png))
        r = strict[0]
    if isinstance(r, LayoutError):
        rec["error"] = str(r)
        return rec
    rec.update(build_cpu=strict[1], build_wall=strict[2], arrange_cpu=strict[3],
               arrange_wall=strict[4])
    rep = r.arranged[0]
    rec.update(report_s=rep.seconds, method=rep.method, cost=rep.cost, terms=dict(rep.terms),
               nodes=rep.nodes)
    rules = pagerules.check(r.issue.pages[0], r.pages[0])
    rec["rules"] = {k: v for k, v in rules.items() if v}
    rec["empty"] = sum(max(0, f.empty_lines - 1) for f in r.pages[0].fits)
    rec["over"] = sum(f.overset_lines for f in r.pages[0].fits)
    rec["waive"] = frozenset(f.owner for f in r.pages[0].fits if f.overset_lines)
    over, short = copy_report(err)
    rec["said"] = (over, short)
    if rules["fill"]:
        gaps = any(f.empty_lines > 1 for f in r.pages[0].fits)
        oversets = {f.owner for f in r.pages[0].fits if f.overset_lines}
        rec["named"] = oversets <= {o for o, _ in over} and (bool(short) or not gaps)
        if over or short:
            rec.update(verify(fmt, seed, r.issue.pages[0], (over, short), folder))
    return rec


def said(rec: dict) -> str:
    over, short = rec.get("said", ([], []))
    parts = [f"cut {o} {c}" for o, c in over] + [f"add {c} to {o} ({n} lines)"
                                                 for n, c, o in short]
    return ", ".join(parts) or ("-" if "fill" not in rec.get("rules", {}) else "SILENT")


def generated(n: int, folder: Path, png: bool) -> list[dict]:
    print(f"\n== {n} generated pages (tests/kit/genpages.py; seeds 1…{(n + 1) // 2}, "
          "broadsheet and tabloid in turn)")
    folder.mkdir(parents=True, exist_ok=True)
    genpages.place_photos(folder)
    timed_build(genpages.write(1, "tabloid", folder / "warm"), None,
                BuildOptions(allow_overset=True))                      # fonts loaded
    recs = []
    for fmt, seed in pages_of(n):
        rec = one_page(fmt, seed, folder, png)
        recs.append(rec)
        print_row(rec)
    summary(recs)
    return recs


HEADER = (f"  {'page':<5} {'on the page':<24} {'u':>6} {'chars':>5} {'arr s':>5} "
          f"{'(wall)':>6} {'build':>5} {'(wall)':>6} {'cost':>6}  result")


def print_row(rec: dict) -> None:
    if not getattr(print_row, "done", False):
        print(HEADER)
        print_row.done = True
    if "error" in rec:
        print(f"  {rec['page']:<5} {rec['on']:<24} ERROR {rec['error'][:200]}")
        return
    broken = [k for k in rec["rules"] if k != "fill"]
    res = ("exact" if "fill" not in rec["rules"] else
           f"NOT exact ({rec['empty']} empty lines beyond 1 a block, {rec['over']} over)")
    res += ("; rules: " + ", ".join(broken)) if broken else ""
    if "fill" in rec["rules"]:
        res += f"; build says: {said(rec)}"
        if "fixed" in rec:
            res += f"; followed, places kept: {rec['fixed']}; composed again: {rec['again']}"
    print(f"  {rec['page']:<5} {rec['on']:<24} {rec['u']:>+6.1%} {rec['chars']:>5} "
          f"{rec['arrange_cpu']:>5.2f} {rec['arrange_wall']:>6.2f} {rec['build_cpu']:>5.2f} "
          f"{rec['build_wall']:>6.2f} {rec['cost']:>6.0f}  {res}")
    for rule in broken:
        text = "; ".join(rec["rules"][rule])
        print(f"        {rule}: {text if len(text) < 160 else text[:157] + '…'}")


def summary(recs: list[dict]) -> None:
    ok = [r for r in recs if "error" not in r]
    n = len(recs)
    clean = [r for r in ok if not r["rules"]]
    print(f"\n  composed exactly with no rule broken: {pct(len(clean), n)} (target ≥ 95 %)")
    for fmt in FORMATS:
        sub = [r for r in recs if r["fmt"] == fmt]
        print(f"    {fmt}: {pct(sum(1 for r in sub if r in clean), len(sub))}")
    if len(ok) < n:
        print(f"  pages the build refused: {n - len(ok)}")
    for rule in pagerules.RULES:
        hit = [r["page"] for r in ok if rule in r["rules"]]
        print(f"  {rule:<12} broken on {pct(len(hit), n)}" + (f": {' '.join(hit)}" if hit else ""))
    short = [r for r in ok if "fill" in r["rules"]]
    if short:
        named = [r for r in short if r.get("named")]
        fixed = [r for r in short if r.get("fixed") == "fits"]
        again = [r for r in short if r.get("again") == "filled"]
        print(f"  pages not filled exactly: {len(short)}; the build names every block to cut "
              f"and what the page lacks on {pct(len(named), len(short))}; following it with "
              f"the places kept, the named blocks fit on {pct(len(fixed), len(short))}; "
              f"composed again, the page is filled on {pct(len(again), len(short))}")
    keys = sorted({k for r in ok for k in r["terms"]}, key=lambda k: (k == "total", k))
    print("  score by term, mean over the pages (lower is better): " + ", ".join(
        f"{k} {statistics.mean(r['terms'].get(k, 0.0) for r in ok):.1f}" for k in keys))
    for fmt in FORMATS + ("all",):
        sub = [r for r in ok if fmt in ("all", r["fmt"])]
        if not sub:
            continue

        def mm(key):
            v = [r[key] for r in sub]
            return f"{statistics.mean(v):.2f}/{max(v):.2f}"
        slow = sum(1 for r in sub if r["arrange_cpu"] >= 1.0)
        print(f"  time a page, mean/max, {fmt:<10}: arrange {mm('arrange_cpu')} s CPU "
              f"({mm('arrange_wall')} s wall; report.seconds {mm('report_s')}), whole build "
              f"to PDF {mm('build_cpu')} s CPU ({mm('build_wall')} s wall); arranging in "
              f"under 1 s CPU: {pct(len(sub) - slow, len(sub))}")


def audit(recs: list[dict], k: int) -> None:
    """pdfaudit and `layout check` on k of the built pages (the formats in turn)."""
    from layout.preflight import check_pdf
    picked = [r for r in recs if "error" not in r][:k]
    print(f"\n== pdfaudit ({AUDIT}) and layout check on {len(picked)} built pages")
    keys = ("chars", "lines", "start_viol", "end_viol", "split_units", "overflow", "orphans",
            "off_grid", "overlaps", "loose_gaps", "halfwidth_punct", "word_splits", "fonts",
            "fonts_embedded")
    for r in picked:
        if AUDIT.exists():
            res = subprocess.run([sys.executable, str(AUDIT), str(r["pdf"]), "--json"],
                                 capture_output=True, text=True, timeout=300)
            try:
                a = json.loads(res.stdout)
                got = " ".join(f"{key}={a.get(key)}" for key in keys if key in a)
            except ValueError:
                got = f"pdfaudit failed: {res.stderr.strip()[-200:]}"
        else:
            got = "pdfaudit not found"
        rep = check_pdf(str(r["pdf"]), str(r["issue"]), waive=r["waive"])
        chk = "clean" if rep.ok else "; ".join(f.one_line() for f in rep.failures[:5])
        print(f"  {r['page']:<5} pdfaudit: {got}\n        layout check: {chk}")


# -- 4. late changes ----------------------------------------------------------------------------
def _places(page) -> dict:
    """Block id -> (col, span, row, rows) of the blocks the composer places on its own (a
    story's own picture goes with its story)."""
    owned = {s.picture for s in page.stories if getattr(s, "picture", None)}
    return {b.id: (b.place.col, b.place.span, b.place.row, b.place.rows)
            for b in page.stories + page.groups + page.pictures
            if b.id not in owned and b.place is not None}


def moves(before: dict, after: dict) -> tuple[int, int, int, list[str]]:
    """(moved, resized, kept, the moved blocks): moved = its top-left corner changed;
    resized = the same corner, another span or depth."""
    moved = [k for k in before if k in after and after[k][::2] != before[k][::2]]
    resized = sum(1 for k in before if k in after and after[k][::2] == before[k][::2]
                  and after[k] != before[k])
    return len(moved), resized, len(before) - len(moved) - resized, moved


CHANGES = ("grow", "halve", "portrait")


def late_changes(doc: dict, folder: Path, seed: int, which=CHANGES) -> list[str]:
    """Late changes made in `doc` (which holds the composed places): the second story grows
    by 200 characters ("grow"), the third (else the last) is cut by half ("halve"), the first
    photo (else the first picture) turns portrait ("portrait")."""
    pg = doc["pages"][0]
    by_rank = sorted(pg["stories"], key=lambda s: s["rank"])
    grow, cut = by_rank[1], by_rank[2] if len(by_rank) > 3 else by_rank[-1]
    done = []
    if "grow" in which:
        genpages.add(doc, grow["id"], 200, seed)
        done.append(f"{grow['id']} +200")
    if "halve" in which:
        done.append(f"{cut['id']} -{genpages.halve(doc, cut['id'])}")
    pics = pg.get("pictures", [])
    pic = next((p for p in pics if "file" in p), pics[0] if pics else None)
    if "portrait" in which and pic is not None:
        pic["file"] = genpages.portrait(folder)
        done.append(f"{pic['id']} portrait")
    return done


def recompose(path: Path) -> tuple:
    """`layout compose` semantics: the written, unlocked places are hints. (the page, CPU s)"""
    from layout.arrange.result import Options
    issue, fonts = load(path)
    c = time.process_time()
    arr = _real_arrange(issue.pages[0], issue, fonts, Options(recompose=True))
    return arr.page, time.process_time() - c


def late_page(fmt: str, seed: int, folder: Path) -> list[tuple]:
    """Each late change alone, then all three, on the composed page: (changes, moves
    recomposed, filled, moves composed from nothing or None, filled)."""
    doc = genpages.page_dict(seed, fmt)
    first = timed_build(genpages.write(seed, fmt, folder), None,
                        BuildOptions(allow_overset=True))[0].issue.pages[0]
    out = []
    for which in [(c,) for c in CHANGES] + [CHANGES]:
        changed = genpages.placed(doc, first)
        what = late_changes(changed, folder, seed, which)
        name = "-".join(which)
        path = genpages.write(seed, fmt, folder, changed, name)
        kept = _fill_word(timed_build(path, None, BuildOptions(allow_overset=True))[0])
        page, secs = recompose(path)
        mv = moves(_places(first), _places(page))
        again = genpages.write(seed, fmt, folder, genpages.placed(genpages.unplaced(changed),
                                                                  page), name + "-again")
        filled = _fill_word(timed_build(again, None, BuildOptions(allow_overset=True))[0])
        fresh = mv2 = None
        if which == CHANGES:
            path2 = genpages.write(seed, fmt, folder, genpages.unplaced(changed), "fresh")
            r2 = timed_build(path2, None, BuildOptions(allow_overset=True))[0]
            fresh = _fill_word(r2)
            mv2 = None if isinstance(r2, LayoutError) else moves(_places(first),
                                                                 _places(r2.issue.pages[0]))
        out.append((what, kept, mv, filled, secs, mv2, fresh))
    return out


def late(m: int, folder: Path) -> None:
    print(f"\n== late changes on {m} composed pages: each alone, then all three; recomposed "
          "with the written places as hints (Options(recompose=True))")
    print(f"  {'page':<5} {'changes':<44} {'kept as placed':<18} {'recomposed':<46} "
          "composed from nothing")
    picked = [(f, s) for f, s in pages_of(4 * m)
              if genpages.plan(s, f)["pictures"] and genpages.plan(s, f)["stories"] >= 4][:m]
    rows = []
    for fmt, seed in picked:
        for what, kept, mv, filled, secs, mv2, fresh in late_page(fmt, seed, folder):
            rows.append((len(what), mv, filled.startswith("filled"), mv2, fresh))
            rec = f"{mv[0]} moved, {mv[1]} resized, {mv[2]} kept; {filled} ({secs:.1f} s)"
            fr = "" if fresh is None else (f"{mv2[0]} moved, {mv2[1]} resized, {mv2[2]} kept; "
                                           f"{fresh}" if mv2 else fresh)
            print(f"  {fmt[0]}{seed:<4} {'; '.join(what):<44} {kept:<18} {rec:<46} {fr}")
            print(f"        moved: {', '.join(mv[3]) or 'none'}")
    for label, sel in (("one change", lambda r: r[0] == 1), ("all three", lambda r: r[0] > 1)):
        sub = [r for r in rows if sel(r)]
        if sub:
            print(f"  {label}: recomposed, filled again on {pct(sum(r[2] for r in sub), len(sub))}"
                  f"; blocks moved {statistics.mean(r[1][0] for r in sub):.1f}, resized "
                  f"{statistics.mean(r[1][1] for r in sub):.1f}, kept "
                  f"{statistics.mean(r[1][2] for r in sub):.1f} a page (mean)")
    full = [r for r in rows if r[3]]
    if full:
        print(f"  all three, composed from nothing instead: filled on "
              f"{pct(sum(r[4].startswith('filled') for r in full), len(full))}; blocks moved "
              f"{statistics.mean(r[3][0] for r in full):.1f}, kept "
              f"{statistics.mean(r[3][2] for r in full):.1f} a page (mean)")


def _fill_word(r) -> str:
    if isinstance(r, LayoutError):
        return f"error: {str(r)[:60]}"
    rules = pagerules.check(r.issue.pages[0], r.pages[0])
    if not rules["fill"]:
        broken = [k for k, v in rules.items() if v]
        return "filled" + (f" ({', '.join(broken)})" if broken else "")
    over = sum(f.overset_lines for f in r.pages[0].fits)
    empty = sum(max(0, f.empty_lines - 1) for f in r.pages[0].fits)
    return f"{over} over, {empty} empty"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=30, help="generated pages (default 30)")
    ap.add_argument("--late", type=int, default=6, help="pages for the late changes")
    ap.add_argument("--audit", type=int, default=4, help="pages for pdfaudit and layout check")
    ap.add_argument("--out", default=str(ROOT / "out" / "bench-arrange"))
    ap.add_argument("--only", default="calibration,sample,generated,late")
    ap.add_argument("--png", action="store_true", help="PNG previews of the generated pages")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    only = set(a.only.split(","))
    print(f"bench_arrange: {time.strftime('%Y-%m-%d %H:%M')}; python {sys.version.split()[0]}")
    if "calibration" in only:
        calibration()
    if "sample" in only:
        sample(out)
    if "generated" in only:
        recs = generated(a.pages, out / "generated", a.png)
        if a.audit:
            audit(recs, a.audit)
    if "late" in only and a.late:
        late(a.late, out / "late")
    return 0


if __name__ == "__main__":
    sys.exit(main())
