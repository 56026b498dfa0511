"""Benchmark: our engine against Typst on the same content, side by side (issues 8 and 16).

Builds the sample page (issues/sample-difang-kexie.yaml) and its Typst equivalent
(benchmarks/typst_doc.py) in one run, alternating engine by engine, for several rounds, and
prints medians and our/Typst ratios, in wall time and in CPU time (user + system of the child:
this machine is shared, and CPU time is what the other processes disturb least):

- one page cold: a new process each time (`python -m layout.cli build … --no-check`, and the
  default build with its preflight check) against a new `python -c` process that runs
  typst.compile;
- 16 and 64 pages cold: the sample's page repeated as pages 2–17 (2–65), ids suffixed (ids are
  unique in an issue), against the Typst document of the same pages; per page, to show the
  64-page build is linear; with `--distinct`, each page's copy its own (the same lines and
  breaks, other characters: memos kept by content find nothing from page to page, as in a
  real issue);
- a one-story edit in a warm process, edit to PDF written (ours: build_issue with one `Warm`
  kept, as `layout watch` and the desk keep it; Typst: typst.Compiler compiling again after
  the same edit to the .typ);
- peak memory (ru_maxrss of each child process) at 1, 16 and 64 pages, and the PDFs' sizes;
- where our cold time goes: a budget by stage — interpreter start, the imports (yaml, our
  package, ReportLab, …, from `python -X importtime`), each build stage, and the preflight.

    pip install -e '.[bench]' && python benchmarks/bench_speed.py [--rounds 5] [--big-rounds 3]
    python benchmarks/bench_speed.py --one-page [--sixteen] [--against ../before] [--rounds 9]

The warm edit alone, against another checkout of ours (a "before" worktree) and Typst, each
in its own child process, alternating, `--rounds` rounds of 20 edits each; prints wall and CPU
medians over all edits and our CPU by stage; `--budget`: our CPU by part (BUDGET_PARTS, the
collector, the edit's write), from extra runs timed inside (every third round):

    python benchmarks/bench_speed.py --warm-only [--against ../before] [--rounds 5] [--budget]
        [--settle]

By default the edits follow each other at once, so an edit's fsync (press.atomic: in a
thread after the replace) runs during the next edit; `--settle` waits for it between edits,
as `layout watch` (a save settles 0.3 s before it is built) and the desk find it done.

Children run with this interpreter (sys.executable), never through a version-manager shim (a
pyenv shim adds ~60 ms to every start). Our package is byte-compiled first, as an installed
package is (this sandbox sets PYTHONDONTWRITEBYTECODE).
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
FONTS = ROOT / "fonts"
EDIT = ("省科协党组领导、厅级干部出席会议", "省科协党组领导、厅级干部出席了会议")   # story zongjie
TYPST = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
         "font_paths=[sys.argv[3]], ignore_system_fonts=True)")
# A cold build of ours, timed from inside the process: the stages of the budget.
# Wall and CPU seconds (os.times: this process and its reaped children) of each part; the
# build's stages are wall only (BuildResult.stages), their CPU measured by the same laps on
# process_time.
COLD_BUDGET = """
import os, sys, time
def now():     # CPU: this process and any children it reaped (the build and its check fork
    import resource   # none), from getrusage: os.times() counts in 10 ms clock ticks here
    s, c = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return time.perf_counter(), s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
t0 = now()
from layout.build import BuildOptions, build_issue
import layout.build as B
cpu = {}
class Clock(B._Clock):
    def __init__(self):
        super().__init__()
        self.c = time.process_time()
    def lap(self, name):
        super().lap(name)
        c = time.process_time()
        cpu[name] = c - self.c
        self.c = c
B._Clock = Clock
t1 = now()
import layout.pdf.writer, layout.press.pictures, layout.press.artwork, layout.press.sheet
t2 = now()
r = build_issue(sys.argv[1], __import__("pathlib").Path(sys.argv[2]), BuildOptions())
t3 = now()
from layout.preflight import check_pdf
try:                       # pikepdf's core, which the check loads on first use (layout.qpdf)
    from layout import qpdf
    qpdf.core()
except ImportError:        # a checkout without it imported pikepdf whole above
    pass
t4 = now()
rep = check_pdf(sys.argv[2], sys.argv[1], model=r.issue)
t5 = now()
def d(a, b):
    return (b[0] - a[0], b[1] - a[1])
out = {"import: layout.build (YAML, composer, page)": d(t0, t1),
       "import: the writer (ReportLab, press)": d(t1, t2),
       "import: the preflight (pikepdf's core)": d(t3, t4), "preflight": d(t4, t5)}
out.update({"build: " + k: (v, cpu[k]) for k, v in r.stages.items()})
print(repr(out))
"""


def child(argv: list[str], cwd: Path = ROOT) -> tuple[float, float, float]:
    """Run a process to its end (in `cwd`: the checkout whose layout it imports): (wall
    seconds, CPU seconds, peak RSS in MB)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv[:4])}… exited {p.returncode}:\n"
                             + err.read().decode(errors="replace"))
    return seconds, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def ours_cold(issue: Path, out: Path, check: bool = False):
    return child([sys.executable, "-m", "layout.cli", "build", str(issue), "-o", str(out)]
                 + ([] if check else ["--no-check"]))


def typst_cold(typ: Path, out: Path):
    return child([sys.executable, "-c", TYPST, str(typ), str(out), str(FONTS)])


def issue_n(tmp: Path, n: int, distinct: bool = False) -> Path:
    """The sample's page as pages 2..n+1, each story, group and picture id suffixed -pN; with
    `distinct`, each page's copy made its own (`_varied`): repeated pages find their lines,
    settings and finished items in memos kept by content (the 16 repeated pages' finishing
    took 12 ms with them, 68 without), which a real issue's pages do not."""
    import yaml
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    page = data["pages"][0]
    pages = []
    for k in range(2, n + 2):
        p = yaml.safe_load(yaml.safe_dump(page, allow_unicode=True))   # a deep copy
        p["number"] = k
        for key in ("stories", "groups", "pictures"):
            for thing in p.get(key) or ():
                thing["id"] = f"{thing['id']}-p{k}"
        if distinct:
            for body in _bodies(p):
                body[0][body[1]] = _varied(body[0][body[1]], 7 * (k - 2))
        pages.append(p)
    data["pages"] = pages
    out = tmp / f"issue{n}{'-distinct' if distinct else ''}.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _bodies(page: dict) -> list[tuple[dict, str]]:
    """(the dict, "body") of every story's and every group item's body on a page."""
    out = [(s, "body") for s in page.get("stories") or () if "body" in s]
    for g in page.get("groups") or ():
        out += [(it, "body") for it in g.get("items") or () if "body" in it]
    return out


def _varied(body: str, shift: int) -> str:
    """The body with the Han characters of each paragraph outside **bold** rotated by `shift`
    among their own positions: every character keeps its width and every mark its place, so
    the page sets to the same lines (the same count, the same breaks), each with other
    glyphs."""
    def rotate(par: str) -> str:
        parts = par.split("**")
        plain = [i for i in range(0, len(parts), 2)]      # outside the bold runs
        han = [(i, j) for i in plain for j, ch in enumerate(parts[i]) if "\u4e00" <= ch <= "\u9fff"]
        if not han:
            return par
        chars = [parts[i][j] for i, j in han]
        k = shift % len(chars)
        chars = chars[k:] + chars[:k]
        lists = [list(x) for x in parts]
        for (i, j), ch in zip(han, chars):
            lists[i][j] = ch
        return "**".join("".join(x) for x in lists)
    return "\n\n".join(rotate(par) for par in body.split("\n\n"))


WARM_CPU: dict[str, list[float]] = {}     # CPU seconds of each warm edit (process_time)


STAGE_CPU: dict[str, list[float]] = {}    # CPU seconds of each stage of each warm edit


def _stage_cpu() -> None:
    """build._Clock's laps timed on process_time too, into STAGE_CPU."""
    import layout.build as B

    class Clock(B._Clock):
        def __init__(self):
            super().__init__()
            self.c = time.process_time()

        def lap(self, name):
            super().lap(name)
            c = time.process_time()
            STAGE_CPU.setdefault(name, []).append(c - self.c)
            self.c = c
    B._Clock = Clock


# The warm edit's CPU budget (--warm-only): (name, module, attribute) of functions timed on
# process_time in the warm child, in the order of the build; each is timed at its outermost
# call only, and none holds another of the list, so the parts add up (with "other": the
# rest of each stage, and the edit written to the file, which Typst's side writes too).
BUDGET_PARTS = (
    ("load: read the file", "layout.issue.loader", "_read"),
    ("load: YAML (the edited story parsed)", "layout.issue.loader", "_compose"),
    ("load: validation", "layout.issue.validate", "Checker.mapping"),
    ("load: grid check", "layout.issue.loader", "check_places"),
    ("load: normalisation", "layout.build", "normalize_issue"),
    ("layout: the edited story composed", "layout.page.assemble", "story_block"),
    ("layout: finishing (bars, replacement text)", "layout.build", "finish_page"),
    ("layout: glyphs used and covered", "layout.build", "used_glyphs"),
    ("pictures: imposition and overprint", "layout.press.sheet", "impose"),
    ("pictures: pictures, artwork, profile", "layout.press.pictures", "develop_pages"),
    ("pdf: canvas", "layout.pdf.writer", "PressCanvas"),
    ("pdf: reading structure", "layout.pdf.writer", "structure"),
    ("pdf: drawing (runs of operators)", "layout.pdf.writer", "_draw"),
    ("pdf: structure tree and threads", "layout.pdf.tags", "write"),
    ("pdf: deflate (content streams)", "layout.pdf.writer", "_deflate_pages"),
    ("pdf: font objects", "layout.pdf.writer", "add_fonts"),
    ("pdf: PDF/X (boxes, Info, XMP, ID)", "layout.press.pdfx", "finish"),
    ("pdf: file assembly", "layout.pdf.file", "_assembled"),
    ("pdf: seal", "layout.press.pdfx", "sealed"),
    ("pdf: atomic write (temporary, replace, fsync thread)", "layout.press.atomic", "_save"),
    ("fonts: codes assigned, subsets made ahead", "layout.pdf.embed", "PdfFonts.prepare"),
)
BUDGET: dict[str, list[float]] = {}       # part -> CPU seconds of each timed edit
_BUDGET_NOW: dict[str, float] = {}


def _budget_hooks() -> None:
    """Wrap BUDGET_PARTS (those the checkout has) and the collector (gc.callbacks) to time
    each edit's parts into _BUDGET_NOW."""
    import gc
    import importlib
    for name, module, attr in BUDGET_PARTS:
        try:
            owner = importlib.import_module(module)
            *path, last = attr.split(".")
            for p in path:
                owner = getattr(owner, p)
            real = getattr(owner, last)
        except (ImportError, AttributeError):
            continue
        setattr(owner, last, _timed(name, real))
    start = [0.0]

    def collector(phase, info):
        if phase == "start":
            start[0] = time.process_time()
        else:
            _BUDGET_NOW["garbage collection"] = (_BUDGET_NOW.get("garbage collection", 0.0)
                                                 + time.process_time() - start[0])
    gc.callbacks.append(collector)


def _timed(name: str, real):
    depth = [0]

    def timed(*args, **kw):
        if depth[0]:
            return real(*args, **kw)
        depth[0] += 1
        c = time.process_time()
        try:
            return real(*args, **kw)
        finally:
            depth[0] -= 1
            _BUDGET_NOW[name] = _BUDGET_NOW.get(name, 0.0) + time.process_time() - c
    return timed


def warm_ours(tmp: Path, rounds: int, budget: bool = False, settle: bool = False
              ) -> tuple[list[float], dict[str, list[float]]]:
    """Rebuild times after editing one story, in this process, one Warm kept (as `layout
    watch` keeps it): edit written to the file -> PDF written. `budget`: each edit's CPU
    by part too (BUDGET_PARTS, into BUDGET). `settle`: each edit's fsync (press.atomic:
    after the replace, in a thread) waited for before the next edit, its CPU in the edit's,
    its wall not (the PDF is in place before it); else the edits follow each other at once,
    and an edit's fsync runs during the next edit, in its wall and CPU."""
    from layout.build import Warm, build_issue
    from layout.page.cache import BlockCache
    _stage_cpu()
    if budget:
        _budget_hooks()
    issue, out = tmp / "warm.yaml", tmp / "warm.pdf"
    text = SAMPLE.read_text(encoding="utf-8")
    issue.write_text(text, encoding="utf-8")
    warm = Warm(None, BlockCache(), resident=True)
    build_issue(str(issue), out, warm=warm)
    times, stages = [], {}
    from layout.press import atomic
    for k in range(rounds + 1):             # the first edit warms the caches up
        edited = text.replace(*EDIT) if k % 2 == 0 else text
        warm.cache.new_build()
        _BUDGET_NOW.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        issue.write_text(edited, encoding="utf-8")
        t1 = time.process_time()
        r = build_issue(str(issue), out, warm=warm)
        dt = time.perf_counter() - t0       # the PDF is in place
        built = time.process_time()
        if settle:
            # its fsync, which a resident process runs in a thread after the replace, done
            # before the next edit, as saves seconds apart find it done; its CPU counted
            atomic.settle()
        c1 = time.process_time()
        assert warm.cache.misses == 1, (warm.cache.misses, warm.cache.hits)
        if not k:
            STAGE_CPU.clear()
        if k:
            WARM_CPU.setdefault("ours", []).append(c1 - c0)
            times.append(dt)
            for name, s in r.stages.items():
                stages.setdefault(name, []).append(s)
            if budget:
                _budget_edit(t1 - c0, built - c0, c1 - built)
    return times, stages


def _budget_edit(write: float, built: float, synced: float) -> None:
    """One edit's parts into BUDGET: BUDGET_PARTS, each stage's rest ("load: other": its
    lap on process_time less its parts), the edit's write, what lies outside the stages,
    the fsync thread's CPU after the build (`synced`, with --settle); all of them (0 for a
    part this edit did not reach) add up to its total. The collector's time is inside the
    parts it interrupted: listed apart, not added."""
    now = dict(_BUDGET_NOW)
    gc_time = now.pop("garbage collection", 0.0)
    row = {name: now.get(name, 0.0) for name, _, _ in BUDGET_PARTS}
    laps = {stage: v[-1] for stage, v in STAGE_CPU.items()}
    for stage, lap in laps.items():
        row[f"{stage}: other"] = lap - sum(v for k, v in row.items()
                                           if k.startswith(stage + ": ") and k in now)
    row["the edit written to the file (Typst's side writes its .typ too)"] = write
    row["outside the stages (build_issue, the clock)"] = built - write - sum(laps.values())
    row["the fsync thread after the PDF is in place (--settle)"] = synced
    row["total"] = built + synced
    row["(of these: garbage collection)"] = gc_time
    for name, v in row.items():
        BUDGET.setdefault(name, []).append(v)


def warm_typst(tmp: Path, typ_text: str, rounds: int) -> list[float]:
    import typst
    typ = tmp / "warm.typ"
    typ.write_text(typ_text, encoding="utf-8")
    c = typst.Compiler(str(typ), font_paths=[str(FONTS)], ignore_system_fonts=True)
    c.compile(output=str(tmp / "warm-typst.pdf"))
    times = []
    for k in range(rounds + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        typ.write_text(typ_text.replace(*EDIT) if k % 2 == 0 else typ_text, encoding="utf-8")
        c.compile(output=str(tmp / "warm-typst.pdf"))
        if k:
            WARM_CPU.setdefault("typst", []).append(time.process_time() - c0)
            times.append(time.perf_counter() - t0)
    return times


def budget(tmp: Path, rounds: int, sides=(("ours", ROOT),)
           ) -> dict[str, dict[str, tuple[float, float]]]:
    """Per side (name, checkout): median (wall, CPU) seconds per part of a cold one-page
    build with its check in the same process (as `layout build` runs it), the sides
    alternating round by round."""
    parts: dict[str, dict[str, list[tuple[float, float]]]] = {n: {} for n, _ in sides}
    for i in range(rounds):
        for name, root in (sides if i % 2 == 0 else sides[::-1]):
            wall, cpu, _ = child([sys.executable, "-c", "pass"])
            parts[name].setdefault("interpreter start (python -c pass)", []).append(
                (wall, cpu))
            out = subprocess.run([sys.executable, "-c", COLD_BUDGET, str(SAMPLE),
                                  str(tmp / "b.pdf")],
                                 cwd=root, capture_output=True, text=True, check=True)
            for k, v in eval(out.stdout).items():
                parts[name].setdefault(k, []).append(v)
    return {n: {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
                for k, v in p.items()} for n, p in parts.items()}


def imports(tmp: Path) -> dict[str, float]:
    """Import time of a cold --no-check build by top-level package: the modules' own times
    (python -X importtime's "self" column) summed per package, seconds, one run."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-m", "layout.cli", "build",
                          str(SAMPLE), "-o", str(tmp / "i.pdf"), "--no-check"], cwd=ROOT,
                         capture_output=True, text=True).stderr
    out: dict[str, float] = {}
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            name = m.group(2)
            top = ".".join(name.split(".")[:2]) if name.startswith("layout.") else \
                name.split(".")[0]
            out[top] = out.get(top, 0.0) + int(m.group(1)) / 1e6
    return out


def med(v: list[float]) -> float:
    return statistics.median(v)


def run_pairs(pairs, rounds: int, r: dict, label: str) -> None:
    for i in range(rounds):
        order = pairs if i % 2 == 0 else pairs[::-1]    # alternate which engine goes first
        for key, run in order:
            r.setdefault(key, []).append(run())
        print(f"{label} round {i + 1}/{rounds}: " + ", ".join(
            f"{k} {r[k][-1][0]:.3f} s" for k, _ in pairs), file=sys.stderr)


WARM_CHILD = """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[2])
import bench_speed as b
sys.path.insert(0, sys.argv[1])            # the checkout measured, before this one's
import layout
assert layout.__file__.startswith(sys.argv[1]), layout.__file__
tmp = Path(tempfile.mkdtemp(prefix="bench-warm-"))
if sys.argv[3] == "typst":
    from typst_doc import issue_typst
    wall = b.warm_typst(tmp, issue_typst(str(b.SAMPLE)), int(sys.argv[4]))
    print(json.dumps({"wall": wall, "cpu": b.WARM_CPU["typst"], "stages": {}}))
else:
    wall, _ = b.warm_ours(tmp, int(sys.argv[4]), budget=sys.argv[5] == "budget",
                          settle=sys.argv[6] == "settle")
    print(json.dumps({"wall": wall, "cpu": b.WARM_CPU["ours"], "stages": b.STAGE_CPU,
                      "budget": b.BUDGET}))
"""


def warm_only(a) -> None:
    """The warm edit only: ours (this checkout, and `--against` another one) and Typst, each
    a child process of 20 edits, alternating, `--rounds` rounds; medians over all edits."""
    sides = [("ours", ROOT)] + ([("before", Path(a.against).resolve())] if a.against else [])
    for _, root in sides:
        compileall.compile_dir(str(root / "layout"), quiet=1)
    runs = sides + [("typst", ROOT)]
    got: dict[str, dict[str, list]] = {}
    loads = []
    budget: dict[str, list[float]] = {}
    for i in range(a.rounds):
        for name, root in (runs if i % 2 == 0 else runs[::-1]):
            # the budget's timers in a run of their own (every third round), so that the
            # figures compared above are of builds nobody times inside
            timed = a.budget and name == "ours" and i % 3 == 2
            out = subprocess.run([sys.executable, "-c", WARM_CHILD, str(root),
                                  str(ROOT / "benchmarks"),
                                  "typst" if name == "typst" else "ours", "20",
                                  "budget" if timed else "-",
                                  "settle" if a.settle else "-"],
                                 cwd=root, capture_output=True, text=True, check=True)
            r = eval(out.stdout.replace("true", "True"))
            if timed:
                for k, v in r["budget"].items():
                    budget.setdefault(k, []).extend(v)
                continue
            g = got.setdefault(name, {"wall": [], "cpu": [], "stages": {}})
            g["wall"] += r["wall"]
            g["cpu"] += r["cpu"]
            for k, v in r["stages"].items():
                g["stages"].setdefault(k, []).extend(v)
        loads.append(os.getloadavg()[0])
        print(f"warm round {i + 1}/{a.rounds}: " + ", ".join(
            f"{k} {med(v['cpu'][-20:]) * 1000:.1f} ms CPU" for k, v in got.items()),
            file=sys.stderr)
    t = got["typst"]
    print(f"\nwarm one-story edit, edit to PDF written: medians of {len(t['wall'])} edits "
          f"each ({a.rounds} rounds of 20, alternating); load {min(loads):.1f}-{max(loads):.1f}")
    print(f"{'':10} {'wall ms':>8} {'CPU ms':>8} {'/Typst wall':>12} {'/Typst CPU':>11}")
    for name, g in got.items():
        w, c = med(g["wall"]) * 1000, med(g["cpu"]) * 1000
        print(f"{name:10} {w:8.1f} {c:8.1f} {w / med(t['wall']) / 1000:12.2f} "
              f"{c / med(t['cpu']) / 1000:11.2f}")
    for name, g in got.items():
        if g["stages"]:
            print(f"{name} CPU by stage (median ms): " + ", ".join(
                f"{k} {med(v) * 1000:.2f}" for k, v in g["stages"].items()))
    if budget:
        _print_budget(budget)


def _print_budget(budget: dict[str, list[float]]) -> None:
    """The warm edit's CPU by part (--budget): median and mean ms of the timed edits; the
    means above the total add up to it."""
    n = len(budget["total"])
    mean = {k: sum(v) / n for k, v in budget.items()}

    def rank(k: str) -> tuple:
        stages = ["load", "compose", "layout", "pictures", "fonts", "pdf"]
        stage = k.split(":")[0]
        return (stages.index(stage) if stage in stages else len(stages),
                k.endswith(": other"), k.startswith("("), k == "total")
    print(f"\nours, where a warm edit's CPU goes ({n} edits timed inside, in runs of their "
          "own; ms):")
    print(f"  {'':64} {'median':>7} {'mean':>7}")
    for k in sorted(budget, key=rank):
        print(f"  {k:64} {med(budget[k]) * 1000:7.3f} {mean[k] * 1000:7.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--big-rounds", type=int, default=3, help="rounds of the 64-page builds")
    ap.add_argument("--warm-only", action="store_true",
                    help="only the warm one-story edit (children alternating; see above)")
    ap.add_argument("--against", help="with --warm-only or --one-page: another checkout of "
                    "ours to compare")
    ap.add_argument("--settle", action="store_true",
                    help="with --warm-only: each edit's fsync (a thread after the replace) "
                         "waited for before the next edit, as saves seconds apart find it "
                         "done: its CPU in the edit's, its wall not")
    ap.add_argument("--budget", action="store_true",
                    help="with --warm-only: also ours' CPU by part of the build, from runs "
                         "of their own (every third round)")
    ap.add_argument("--one-page", action="store_true",
                    help="only the one-page cold builds (--no-check and with the check, "
                         "alternating with --against's when given), their budget and imports")
    ap.add_argument("--sixteen", action="store_true",
                    help="with --one-page: the 16-page cold builds too, in the same rounds")
    ap.add_argument("--distinct", action="store_true",
                    help="the 16 and 64 pages each with copy of its own (the sample's Han "
                         "characters rotated within each paragraph, page by page), for both "
                         "engines: no page repeats another's lines")
    a = ap.parse_args()
    if a.warm_only:
        return warm_only(a)
    if a.one_page:
        return one_page(a)
    import typst
    from typst_doc import issue_typst

    compileall.compile_dir(str(ROOT / "layout"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    typ = {n: tmp / f"page{n}.typ" for n in (1, 16, 64)}
    yml = {1: SAMPLE, 16: issue_n(tmp, 16, a.distinct), 64: issue_n(tmp, 64, a.distinct)}
    for n, path in typ.items():
        path.write_text(issue_typst(str(SAMPLE), pages=None if n == 1 else n)
                        if n == 1 or not a.distinct else issue_typst(str(yml[n])),
                        encoding="utf-8")
    pdf = {k: tmp / f"{k}.pdf" for k in ("o1", "t1", "oc", "o16", "t16", "o64", "t64")}

    ours_cold(SAMPLE, pdf["o1"])          # warm the disk cache for both before timing
    typst_cold(typ[1], pdf["t1"])
    r: dict[str, list[tuple[float, float, float]]] = {}
    run_pairs([("o1", lambda: ours_cold(SAMPLE, pdf["o1"])),
               ("oc", lambda: ours_cold(SAMPLE, pdf["oc"], check=True)),
               ("t1", lambda: typst_cold(typ[1], pdf["t1"]))], a.rounds, r, "1 page")
    run_pairs([("o16", lambda: ours_cold(yml[16], pdf["o16"])),
               ("t16", lambda: typst_cold(typ[16], pdf["t16"]))], a.rounds, r, "16 pages")
    run_pairs([("o64", lambda: ours_cold(yml[64], pdf["o64"])),
               ("t64", lambda: typst_cold(typ[64], pdf["t64"]))], a.big_rounds, r, "64 pages")
    wo, stages = warm_ours(tmp, a.rounds * 4)
    wt = warm_typst(tmp, typ[1].read_text(encoding="utf-8"), a.rounds * 4)
    parts = budget(tmp, a.rounds)["ours"]
    imp = imports(tmp)
    report(a, typst.__version__, r, wo, wt, stages, parts, imp, pdf)


def one_page(a) -> None:
    """--one-page: the one-page cold builds (--no-check, with the check) against Typst, and
    `--against`'s (another checkout, e.g. a worktree at main) in the same rounds,
    alternating; medians of wall and CPU, the load; then where our time goes."""
    import typst
    from typst_doc import issue_typst
    tmp = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    typ = tmp / "page1.typ"
    typ.write_text(issue_typst(str(SAMPLE), pages=None), encoding="utf-8")
    sides = [("ours", ROOT)] + ([("before", Path(a.against).resolve())] if a.against else [])
    for _, root in sides:
        compileall.compile_dir(str(root / "layout"), quiet=1)

    def cold(root: Path, check: bool):
        return child([sys.executable, "-m", "layout.cli", "build", str(SAMPLE), "-o",
                      str(tmp / f"{root.name}-{check}.pdf")] + ([] if check else ["--no-check"]),
                     cwd=root)
    pairs = [("typst", lambda: typst_cold(typ, tmp / "t1.pdf"))]
    for name, root in sides:
        pairs += [(f"{name}, --no-check", lambda r=root: cold(r, False)),
                  (f"{name}, with the check", lambda r=root: cold(r, True))]
    if a.sixteen:                      # 16 pages cold, --no-check, in the same rounds
        typ16, yml16 = tmp / "page16.typ", issue_n(tmp, 16, a.distinct)
        typ16.write_text(issue_typst(str(yml16)) if a.distinct
                         else issue_typst(str(SAMPLE), pages=16), encoding="utf-8")
        pairs.append(("typst, 16 pages", lambda: typst_cold(typ16, tmp / "t16.pdf")))
        for name, root in sides:
            pairs.append((f"{name}, 16 pages", lambda r=root: child(
                [sys.executable, "-m", "layout.cli", "build", str(yml16), "-o",
                 str(tmp / f"{r.name}-16.pdf"), "--no-check"], cwd=r)))
    for _, run in pairs:               # the disk caches warmed for each first
        run()
    r: dict = {}
    loads: list[float] = []
    for i in range(a.rounds):
        run_pairs(pairs if i % 2 == 0 else pairs[::-1], 1, r, f"one page {i + 1}/{a.rounds}")
        loads.append(os.getloadavg()[0])
    print(f"\ntypst {typst.__version__}, {os.cpu_count()} cores, load {min(loads):.1f}-"
          f"{max(loads):.1f}; cold builds, medians of {a.rounds} rounds\n")
    print(f"{'':26} {'wall s':>8} {'CPU s':>8} {'/Typst wall':>12} {'/Typst CPU':>11}")
    for key, v in r.items():
        t = r["typst, 16 pages" if "16 pages" in key else "typst"]
        tw, tc = med([x[0] for x in t]), med([x[1] for x in t])
        w, c = med([x[0] for x in v]), med([x[1] for x in v])
        print(f"{key:26} {w:8.3f} {c:8.3f} {w / tw:12.2f} {c / tc:11.2f}")
    parts = budget(tmp, a.rounds, sides)
    print(f"\ncold one-page build with its check, where the time goes (median ms of "
          f"{a.rounds} rounds, sides alternating; the check in the same process; load "
          f"{os.getloadavg()[0]:.1f}):")
    print(f"  {'':46}" + "".join(f" {n + ' wall':>13} {n + ' CPU':>13}" for n in parts))
    names = list(dict.fromkeys(k for p in parts.values() for k in p))
    for k in names:
        print(f"  {k:46}" + "".join(
            f" {p[k][0] * 1000:13.1f} {p[k][1] * 1000:13.1f}" if k in p else f" {'':27}"
            for p in parts.values()))
    imp = imports(tmp)
    print(f"\nimports of a cold --no-check build, by package (ms, one run; all "
          f"{sum(imp.values()) * 1000:.0f}):")
    for k, v in sorted(imp.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {k:46} {v * 1000:8.1f}")


def report(a, typst_version, r, wo, wt, stages, parts, imp, pdf) -> None:
    def t(k, cpu=False):
        return med([x[1] if cpu else x[0] for x in r[k]])

    def m(k):
        return max(x[2] for x in r[k])

    rows = [
        ("one page cold, --no-check (s)", t("o1"), t("t1"), "≤ 2.0"),
        ("  CPU (s)", t("o1", True), t("t1", True), ""),
        ("one page cold, with the check (s)", t("oc"), t("t1"), "≤ 2.5"),
        ("  CPU (s)", t("oc", True), t("t1", True), ""),
        ("16 pages cold, --no-check (s)", t("o16"), t("t16"), "≤ 2.0"),
        ("  CPU (s)", t("o16", True), t("t16", True), ""),
        ("64 pages cold, --no-check (s)", t("o64"), t("t64"), ""),
        ("  CPU (s)", t("o64", True), t("t64", True), ""),
        ("  per page at 16 (ms)", t("o16") / 16 * 1000, t("t16") / 16 * 1000, ""),
        ("  per page at 64 (ms)", t("o64") / 64 * 1000, t("t64") / 64 * 1000,
         "≤ per page at 16"),
        ("warm one-story edit, edit to PDF (ms)", med(wo) * 1000, med(wt) * 1000, "≤ 1.0"),
        ("peak RSS, one page (MB)", m("o1"), m("t1"), "< 1"),
        ("peak RSS, with the check (MB)", m("oc"), m("t1"), ""),
        ("peak RSS, 16 pages (MB)", m("o16"), m("t16"), "< 1"),
        ("peak RSS, 64 pages (MB)", m("o64"), m("t64"), "< 1"),
        ("PDF size, one page (KB)", pdf["o1"].stat().st_size / 1024,
         pdf["t1"].stat().st_size / 1024, ""),
        ("PDF size, 16 pages (KB)", pdf["o16"].stat().st_size / 1024,
         pdf["t16"].stat().st_size / 1024, ""),
    ]
    print(f"\n{platform.python_implementation()} {platform.python_version()}, typst "
          f"{typst_version}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; medians of "
          f"{a.rounds} rounds ({a.big_rounds} at 64 pages; warm: {len(wo)} edits)\n")
    print(f"{'':42} {'ours':>9} {'Typst':>9} {'ours/Typst':>11}  target")
    for name, ours, theirs, target in rows:
        ratio = f"{ours / theirs:11.2f}" if theirs else f"{'':11}"
        print(f"{name:42} {ours:9.3f} {theirs:9.3f} {ratio}  {target}")
    print("\nwarm rebuild, our stages (median ms): " + ", ".join(
        f"{k} {med(v) * 1000:.1f}" for k, v in stages.items()))
    print("warm edit CPU (median ms): " + ", ".join(
        f"{k} {med(v) * 1000:.1f}" for k, v in WARM_CPU.items()))
    print("\ncold one-page build with its check, where the time goes (median ms; the check "
          "in the same process):")
    print(f"  {'':46} {'wall':>8} {'CPU':>8}")
    for k, (wall, cpu) in parts.items():
        print(f"  {k:46} {wall * 1000:8.1f} {cpu * 1000:8.1f}")
    print(f"\nimports of a cold --no-check build, by package (ms, one run; all "
          f"{sum(imp.values()) * 1000:.0f}):")
    for k, v in sorted(imp.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {k:46} {v * 1000:8.1f}")


if __name__ == "__main__":
    main()
