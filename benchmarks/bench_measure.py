"""The page composer's measuring stage (layout.arrange.needs), timed and written out to
compare two versions (issue 12: time per page). Prints figures, asserts nothing.

    python3 benchmarks/bench_measure.py [--pages 32] [--dump FILE] [--only a,b] [--rounds R]
                                        [--cold [--against DIR]]

The pages: the first N generated pages of benchmarks/bench_arrange.py (tests/kit/genpages.py,
seeds 1…, broadsheet and tabloid in turn), issues/sample-composed.yaml and
issues/sample-difang-kexie.yaml with every `place:` taken out (bench_arrange.strip_places).
Each page is arranged (layout.arrange.arrange_page, gc off as `layout build` runs) with the
measuring functions wrapped: every Block the composer gets (needs.story_block, group_block,
picture_block) and every Need re-measured (needs.exact) is written to `--dump` as its repr,
in call order, then the final places, dress and cost of every block. A speed change to
measuring must leave that file byte-identical:

    python3 benchmarks/bench_measure.py --dump /tmp/new.txt     # in this checkout
    (cd ../before && python3 benchmarks/bench_measure.py --dump /tmp/old.txt)
    cmp /tmp/old.txt /tmp/new.txt

Per page it prints the CPU seconds of measuring (the wrapped calls) and of the whole
arrange_page, the median over `--rounds`. Each round loads the issue and its fonts again,
but some caches are the process's (the hyphenation dictionary, …): later rounds of one page
take ~20 % less (generated broadsheet 12). Round 1 is what a build sees: compare `--rounds
1` runs of the two versions, alternated, medians over several runs, with the load beside.
Figures of 2026-12-02 (3 alternated runs each, load 2–2.5): measuring a broadsheet page
0.50 -> 0.19 s CPU mean (max 1.18 -> 0.28), a tabloid 0.16 -> 0.08 (max 0.40 -> 0.11).

`--cold`: each page in a new process (byte-compiled, as an installed package runs), no page
arranged before it — what `layout build` sees, the process's own loads included (the
hyphenation dictionary, a font's vertical forms, every paragraph prepared afresh), which
the warm-up page above hides; `--rounds` times, with `--against DIR` (another checkout, e.g.
a worktree on the commit a change started from) each page measured by both in turn; the
medians. Figures of 2026-12-02 (b18bb37 against it with this session's measuring commits,
7 rounds, load 1.2-1.5), measuring / the whole arrange_page in ms CPU: the sample without
places 142 -> 118 / 402 -> 377; generated broadsheet 3 294 -> 163 / 1325 -> 1160, broadsheet
9 413 -> 271 / 1221 -> 1075, broadsheet 12 303 -> 231 / 337 -> 263, tabloid 1 218 -> 100 /
347 -> 232, tabloid 4 120 -> 74 / 299 -> 260.
"""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

# the checkout measured: this one, or (a --cold child for --against) the one named
ROOT = Path(os.environ.get("BENCH_MEASURE_CHECKOUT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from layout.arrange import needs, result  # noqa: E402
from layout.build import load_stage  # noqa: E402
from layout.page.places import needs_arranging  # noqa: E402
from tests.kit import genpages  # noqa: E402

FORMATS = ("broadsheet", "tabloid")
SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
WARM = 99          # the seed of the tabloid page arranged first, untimed


class Meter:
    """The wrapped measuring functions: their CPU seconds, and the reprs of what they
    return (when a dump is written)."""

    def __init__(self, dump):
        self.cpu = 0.0
        self.dump = dump
        self.depth = 0

    def wrap(self, name: str):
        real = getattr(needs, name)

        def timed(*a, **k):
            self.depth += 1
            c = time.process_time()
            try:
                out = real(*a, **k)
            finally:
                if self.depth == 1:
                    self.cpu += time.process_time() - c
                self.depth -= 1
            if self.dump is not None:
                self.dump.write(f"{name} {out!r}\n")
            return out
        setattr(needs, name, timed)


def issues(n: int, folder: Path) -> list[tuple[str, Path]]:
    """(name, path) of the pages to arrange."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        fmt, seed = FORMATS[i % 2], i // 2 + 1
        out.append((f"{fmt[0]}{seed}", genpages.write(seed, fmt, folder)))
    out.append(("composed", ROOT / "issues" / "sample-composed.yaml"))
    import re
    free = folder / "sample-unplaced.yaml"
    free.write_text(re.sub(r"(?m)^[ \t]+place:.*\n", "",
                           SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    free_photos = folder / "photos"
    if not free_photos.exists():
        genpages.place_photos(folder)
    out.append(("unplaced", free))
    return out


def arrange(path: Path, meter: Meter) -> tuple[float, float, list]:
    """(measuring CPU s, arrange CPU s, the arranged pages) of every page to arrange."""
    from layout.arrange import arrange_page
    issue, _, fonts = load_stage(str(path))
    meter.cpu, total, done = 0.0, 0.0, []
    gc.collect()
    gc.disable()
    try:
        for p in issue.pages:
            if not needs_arranging(p):
                continue
            c = time.process_time()
            a = arrange_page(p, issue, fonts)
            total += time.process_time() - c
            done.append(a)
    finally:
        gc.enable()
    return meter.cpu, total, done


def write_result(dump, name: str, done: list) -> None:
    for a in done:
        rep = a.report
        dump.write(f"== {name} page {a.page.number} cost {rep.cost!r} {rep.method} "
                   f"{sorted(rep.terms.items())!r}\n")
        for b in a.page.stories + a.page.groups + a.page.pictures:
            dump.write(f"  {b.id} {b.place._replace(where=None)!r}\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=32)
    ap.add_argument("--dump", default=None, help="write every Block and the places here")
    ap.add_argument("--only", default="", help="page names, e.g. b12,t3,composed,unplaced")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "out" / "bench-measure"))
    ap.add_argument("--cold", action="store_true", help="each page in a new process")
    ap.add_argument("--against", default="", help="with --cold: another checkout, in turn")
    ap.add_argument("--no-warm", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cold:
        return cold(args)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    meter = Meter(None)
    for name in ("story_block", "group_block", "picture_block", "exact"):
        meter.wrap(name)
    todo = issues(args.pages, Path(args.out))
    only = set(filter(None, args.only.split(",")))
    # fonts loaded and the composer's imports done before the first page is timed, on a
    # page not measured (its copy warms no cache of the others)
    if not args.no_warm:
        arrange(genpages.write(WARM, "tabloid", Path(args.out) / "warm"), meter)
    rows = {}
    for name, path in todo:
        if only and name not in only:
            continue
        runs = []
        for r in range(args.rounds):
            meter.dump = dump if r == 0 else None
            if dump is not None and r == 0:
                dump.write(f"#### {name}\n")
            m, t, done = arrange(path, meter)
            runs.append((m, t))
            if dump is not None and r == 0:
                write_result(dump, name, done)
        m = statistics.median(x for x, _ in runs)
        t = statistics.median(y for _, y in runs)
        rows[name] = (m, t)
        print(f"{name:<9} measuring {m:6.3f} s CPU  arrange {t:6.3f} s CPU", flush=True)
    for kind in ("b", "t"):
        got = [v for k, v in rows.items() if k[0] == kind and k[1:].isdigit()]
        if got:
            print(f"{'broadsheet' if kind == 'b' else 'tabloid'}: {len(got)} pages, measuring "
                  f"mean {statistics.mean(m for m, _ in got):.2f} (max "
                  f"{max(m for m, _ in got):.2f}), arrange mean "
                  f"{statistics.mean(t for _, t in got):.2f} (max {max(t for _, t in got):.2f})"
                  " s CPU")
    if dump is not None:
        dump.close()
    return 0


def cold(args) -> int:
    """Each page measured in a new process of this script (--no-warm) in each checkout, in
    turn (the first side alternating round by round), `args.rounds` times: the medians, and
    the load average."""
    import compileall
    import subprocess
    sides = [("ours", ROOT)] + ([("against", Path(args.against).resolve())]
                               if args.against else [])
    for _, root in sides:
        compileall.compile_dir(str(root / "layout"), quiet=1)
    names = [n for n, _ in issues(args.pages, Path(args.out) / "ours")]
    only = set(filter(None, args.only.split(",")))
    names = [n for n in names if not only or n in only]
    got: dict = {}
    loads = []
    for r in range(args.rounds):
        for name in names:
            # the side run first alternates round by round, so that neither is always
            # the one run after the other (before/after alternated, as the project measures)
            for side, root in (sides if r % 2 == 0 else sides[::-1]):
                env = dict(os.environ, PYTHONPATH=str(root), BENCH_MEASURE_CHECKOUT=str(root))
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                out = subprocess.run(             # this script, timing that checkout
                    [sys.executable, str(Path(__file__).resolve()),
                     "--pages", str(args.pages), "--only", name, "--no-warm",
                     "--out", str(Path(args.out) / side)],
                    cwd=root, env=env, capture_output=True, text=True, check=True).stdout
                row = next(ln for ln in out.splitlines() if ln.startswith(name + " "))
                m, t = (float(x) for x in row.split()[2::4][:2])
                got.setdefault((name, side), []).append((m, t))
            loads.append(os.getloadavg()[0])
    for name in names:
        print(f"{name:<9}" + "".join(
            f"  {side}: measuring {statistics.median(m for m, _ in got[name, side]) * 1000:5.0f}"
            f" ms, arrange {statistics.median(t for _, t in got[name, side]) * 1000:5.0f} ms"
            for side, _ in sides) + " CPU (medians)", flush=True)
    print(f"{args.rounds} rounds, new processes in turn; load average {min(loads):.1f}-"
          f"{max(loads):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
