"""Benchmark: the preflight check of one broadsheet page (issue 6: under 1 s).

Builds the sample page (issues/sample-difang-kexie.yaml: 对开, ~4400 glyphs, each drawn with
its own Td/Tj) into a temporary directory, then times `layout.preflight.check_pdf` on it: the first
run in this process (imports, font-name cache), the median of the warm runs, the phases of a
warm run, and `layout check` as a fresh process (interpreter start-up included). A script that
prints figures, not a timed test: timings on shared CI machines are too noisy to assert.

    python benchmarks/bench_check.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
BUDGET = 1.0   # s per broadsheet page (issue 6)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from layout.build import build_issue
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sample.pdf"
        build_issue(str(SAMPLE), pdf)
        t = time.perf_counter()
        from layout.preflight import check_pdf
        r = check_pdf(str(pdf), str(SAMPLE))
        first = time.perf_counter() - t
        warm, cpu = [], []
        for _ in range(a.runs):
            t, c = time.perf_counter(), _cpu()
            check_pdf(str(pdf), str(SAMPLE))
            warm.append(time.perf_counter() - t)
            cpu.append(_cpu() - c)
        phases = _phases(pdf)
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "layout.cli", "check", str(pdf), "--issue",
                            str(SAMPLE)], capture_output=True, text=True, cwd=ROOT)
        cli = time.perf_counter() - t
    glyphs = sum(s.glyphs for s in r.pages)
    med = statistics.median(warm)
    print(f"broadsheet page: {glyphs} glyphs, {sum(s.lines for s in r.pages)} lines, "
          f"{len(r.findings)} findings; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
          "cores")
    print(f"check_pdf, first run in process   {first:6.3f} s")
    print(f"check_pdf, warm median of {a.runs:<2}      {med:6.3f} s "
          f"(min {min(warm):.3f}, max {max(warm):.3f}; CPU with its children "
          f"{statistics.median(cpu):.3f} s)")
    print("  its steps one after another:")
    for name, sec in phases:
        print(f"    {name:<42}{sec:6.3f} s")
    print(f"`layout check` as a new process     {cli:6.3f} s (exit {p.returncode}; "
          "interpreter and imports included)")
    verdict = "within" if max(first, med) < BUDGET else "OVER"
    print(f"budget {BUDGET:.1f} s per page: {verdict}")
    return 0 if verdict == "within" else 1


def _cpu() -> float:
    """CPU seconds of this process and of the children it reaped (the check's helpers), from
    getrusage (os.times() counts in 10 ms clock ticks here)."""
    import resource
    s, c = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _phases(pdf: Path) -> list[tuple[str, float]]:
    """One warm run split into its steps (the calls check_pdf makes), each in this process
    one after another, as runner runs them: the structure first, and the reader takes the
    page tokens it kept."""
    from layout.issue.loader import load_issue
    from layout.issue.normalize import normalize_issue
    from layout.preflight import (artwork, expect, fidelity, fonts, geometry, inks, lines,
                                  pdfread, rules, structure)
    out = []

    def step(name, fn, *args):
        t = time.perf_counter()
        v = fn(*args)
        out.append((name, time.perf_counter() - t))
        return v
    model, _ = step("load + normalise the issue", lambda: normalize_issue(load_issue(str(SAMPLE))))
    data = pdf.read_bytes()
    step("structure (objects, streams, syntax, seal)", structure.check_structure, data)
    pages, _ = step("read the glyphs and the artwork", pdfread.read_pdf, str(pdf),
                    artwork.read_open)
    allowed = step("allowed fonts", fonts.allowed_fonts, ())
    page, ipage = pages[0], model.pages[0]
    exp = step("expected blocks", expect.expect_page, ipage, model)
    at, _ = step("text fidelity (Myers diff)", fidelity.check_text, page, exp)
    lns = step("lines", lines.build_lines, page, exp, at)
    step("Chinese rules", rules.check_rules, lns, exp)
    step("geometry: blocks, type area", geometry.check_places, lns, exp, at)
    step("geometry: baseline grid", geometry.check_grid, lns, exp)
    step("geometry: overlaps", geometry.check_overlaps, page, exp, at)
    step("fonts", fonts.check_fonts, page, exp, at, allowed)
    step("inks", inks.check_inks, page, exp, at, model.print)
    return out


if __name__ == "__main__":
    sys.exit(main())
