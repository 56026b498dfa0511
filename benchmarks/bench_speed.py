"""Benchmark: our engine against Typst on the same content, side by side (issue 8).

Builds the sample page (issues/sample-difang-kexie.yaml) and its Typst equivalent
(benchmarks/typst_doc.py) in one run, alternating engine by engine, for several rounds, and
prints medians and our/Typst ratios:

- one page cold: a new process each time (`python -m layout.cli build … --no-check` against a
  new `python -c` process that runs typst.compile); our cold time with the preflight check on
  is reported on its own row (Typst has no such check);
- one page rebuilt in a warm process after an edit to one story (ours: build_issue with the
  FontSet and BlockCache kept, as `layout watch` does; Typst: typst.Compiler compiling again
  after the same edit to the .typ), with our time split into its stages;
- a 16-page issue cold: the sample's page repeated as pages 2–17 (ids suffixed: ids are unique
  in an issue), and the Typst document of the same 16 pages;
- peak memory (ru_maxrss of each child process) and the size of each PDF.

    pip install -e '.[bench]' && python benchmarks/bench_speed.py [--rounds 5]

Children run with this interpreter (sys.executable), never through a version-manager shim (a
pyenv shim adds ~60 ms to every start). Our package is byte-compiled first, as a non-editable
install would be (this sandbox sets PYTHONDONTWRITEBYTECODE).
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
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


def child(argv: list[str]) -> tuple[float, float]:
    """Run a process to its end: (wall seconds, peak RSS in MB)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv[:4])}… exited {p.returncode}:\n"
                             + err.read().decode(errors="replace"))
    return seconds, ru.ru_maxrss / 1024


def ours_cold(issue: Path, out: Path, check: bool = False) -> tuple[float, float]:
    return child([sys.executable, "-m", "layout.cli", "build", str(issue), "-o", str(out)]
                 + ([] if check else ["--no-check"]))


def typst_cold(typ: Path, out: Path) -> tuple[float, float]:
    return child([sys.executable, "-c", TYPST, str(typ), str(out), str(FONTS)])


def issue16(tmp: Path) -> Path:
    """The sample's page as pages 2..17, each story, group and picture id suffixed -pN."""
    import yaml
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    page = data["pages"][0]
    pages = []
    for n in range(2, 18):
        p = yaml.safe_load(yaml.safe_dump(page, allow_unicode=True))   # a deep copy
        p["number"] = n
        for key in ("stories", "groups", "pictures"):
            for thing in p.get(key) or ():
                thing["id"] = f"{thing['id']}-p{n}"
        pages.append(p)
    data["pages"] = pages
    out = tmp / "issue16.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def warm_ours(tmp: Path, rounds: int) -> tuple[list[float], dict[str, list[float]]]:
    """Rebuild times after editing one story, in this process, fonts and blocks kept."""
    from layout.build import Warm, build_issue
    from layout.page.cache import BlockCache
    issue, out = tmp / "warm.yaml", tmp / "warm.pdf"
    text = SAMPLE.read_text(encoding="utf-8")
    issue.write_text(text, encoding="utf-8")
    cache = BlockCache()
    fonts = build_issue(str(issue), out, warm=Warm(None, cache)).fonts
    times, stages = [], {}
    for k in range(rounds + 1):             # the first edit warms the caches up
        edited = text.replace(*EDIT) if k % 2 == 0 else text
        issue.write_text(edited, encoding="utf-8")
        cache.new_build()
        t0 = time.perf_counter()
        r = build_issue(str(issue), out, warm=Warm(fonts, cache))
        dt = time.perf_counter() - t0
        assert cache.misses == 1, (cache.misses, cache.hits)
        if k:
            times.append(dt)
            for name, s in r.stages.items():
                stages.setdefault(name, []).append(s)
    return times, stages


def warm_typst(tmp: Path, typ_text: str, rounds: int) -> list[float]:
    import typst
    typ = tmp / "warm.typ"
    typ.write_text(typ_text, encoding="utf-8")
    c = typst.Compiler(str(typ), font_paths=[str(FONTS)], ignore_system_fonts=True)
    c.compile(output=str(tmp / "warm-typst.pdf"))
    times = []
    for k in range(rounds + 1):
        typ.write_text(typ_text.replace(*EDIT) if k % 2 == 0 else typ_text, encoding="utf-8")
        t0 = time.perf_counter()
        c.compile(output=str(tmp / "warm-typst.pdf"))
        if k:
            times.append(time.perf_counter() - t0)
    return times


def med(v: list[float]) -> float:
    return statistics.median(v)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    import typst
    from typst_doc import issue_typst

    compileall.compile_dir(str(ROOT / "layout"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    typ1, typ16 = tmp / "page.typ", tmp / "issue16.typ"
    typ1.write_text(issue_typst(str(SAMPLE)), encoding="utf-8")
    typ16.write_text(issue_typst(str(SAMPLE), pages=16), encoding="utf-8")
    yaml16 = issue16(tmp)
    pdf = {k: tmp / f"{k}.pdf" for k in ("o1", "t1", "oc", "o16", "t16")}

    ours_cold(SAMPLE, pdf["o1"])          # warm the disk cache for both before timing
    typst_cold(typ1, pdf["t1"])
    r: dict[str, list[tuple[float, float]]] = {k: [] for k in pdf}
    for i in range(a.rounds):
        first_ours = i % 2 == 0             # alternate which engine goes first
        pairs = [("o1", lambda: ours_cold(SAMPLE, pdf["o1"])),
                 ("t1", lambda: typst_cold(typ1, pdf["t1"]))]
        pairs16 = [("o16", lambda: ours_cold(yaml16, pdf["o16"])),
                   ("t16", lambda: typst_cold(typ16, pdf["t16"]))]
        for key, run in (pairs if first_ours else pairs[::-1]) + \
                (pairs16 if first_ours else pairs16[::-1]):
            r[key].append(run())
        r["oc"].append(ours_cold(SAMPLE, pdf["oc"], check=True))
        print(f"round {i + 1}/{a.rounds}: " + ", ".join(
            f"{k} {v[-1][0]:.3f} s" for k, v in r.items()), file=sys.stderr)

    wo, stages = warm_ours(tmp, a.rounds * 2)
    wt = warm_typst(tmp, typ1.read_text(encoding="utf-8"), a.rounds * 2)

    def t(k):
        return med([s for s, _ in r[k]])

    def m(k):
        return max(mb for _, mb in r[k])

    rows = [
        ("one page cold (s)", t("o1"), t("t1")),
        ("one page cold, with the check (s)", t("oc"), None),
        ("warm rebuild after a 1-story edit (ms)", med(wo) * 1000, med(wt) * 1000),
        ("16-page issue cold (s)", t("o16"), t("t16")),
        ("peak RSS, one page (MB)", m("o1"), m("t1")),
        ("peak RSS, 16 pages (MB)", m("o16"), m("t16")),
        ("PDF size, one page (KB)", pdf["o1"].stat().st_size / 1024,
         pdf["t1"].stat().st_size / 1024),
        ("PDF size, 16 pages (KB)", pdf["o16"].stat().st_size / 1024,
         pdf["t16"].stat().st_size / 1024),
    ]
    print(f"\n{platform.python_implementation()} {platform.python_version()}, typst "
          f"{typst.__version__}, {os.cpu_count()} cores; medians of {a.rounds} rounds "
          f"(warm: {len(wo)} edits)\n")
    print(f"{'':40} {'ours':>9} {'Typst':>9} {'ours/Typst':>11}")
    for name, ours, theirs in rows:
        ratio = f"{ours / theirs:11.2f}" if theirs else f"{'':11}"
        other = f"{theirs:9.3f}" if theirs is not None else f"{'—':>9}"
        print(f"{name:40} {ours:9.3f} {other} {ratio}")
    print("\nwarm rebuild, our stages (median ms): " + ", ".join(
        f"{k} {med(v) * 1000:.1f}" for k, v in stages.items()))


if __name__ == "__main__":
    main()
