"""Benchmark: the preflight check of one broadsheet page (issue 6: under 1 s).

Builds the sample page (issues/sample-difang-kexie.yaml: 对开, ~4400 glyphs, each drawn with
its own Td/Tj) into a temporary directory, then times `layout.check.check_pdf` on it: the first
run in this process (imports, font-name cache), the median of the warm runs, the phases of a
warm run, and `layout check` as a fresh process (interpreter start-up included). A script that
prints figures, not a timed test: timings on shared CI machines are too noisy to assert.

    python benchmarks/bench_check.py [--runs N]
"""
from __future__ import annotations

import argparse
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
        warm = []
        for _ in range(a.runs):
            t = time.perf_counter()
            check_pdf(str(pdf), str(SAMPLE))
            warm.append(time.perf_counter() - t)
        phases = _phases(pdf)
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "layout.cli", "check", str(pdf), "--issue",
                            str(SAMPLE)], capture_output=True, text=True, cwd=ROOT)
        cli = time.perf_counter() - t
    glyphs = sum(s.glyphs for s in r.pages)
    med = statistics.median(warm)
    print(f"broadsheet page: {glyphs} glyphs, {sum(s.lines for s in r.pages)} lines, "
          f"{len(r.findings)} findings")
    print(f"check_pdf, first run in process   {first:6.3f} s")
    print(f"check_pdf, warm median of {a.runs:<2}      {med:6.3f} s "
          f"(min {min(warm):.3f}, max {max(warm):.3f})")
    for name, sec in phases:
        print(f"    {name:<30}{sec:6.3f} s")
    print(f"`layout check` as a new process     {cli:6.3f} s (exit {p.returncode}; "
          "interpreter and imports included)")
    verdict = "within" if max(first, med) < BUDGET else "OVER"
    print(f"budget {BUDGET:.1f} s per page: {verdict}")
    return 0 if verdict == "within" else 1


def _phases(pdf: Path) -> list[tuple[str, float]]:
    """One warm run split into its steps (the same calls check_pdf makes)."""
    from layout.preflight import boxes, expect, fidelity, fonts, geometry, lines, pdfread, rules
    from layout.issue.loader import load_issue
    from layout.issue.normalize import normalize_issue
    out = []

    def step(name, fn, *args):
        t = time.perf_counter()
        v = fn(*args)
        out.append((name, time.perf_counter() - t))
        return v
    model, _ = step("load + normalise the issue", lambda: normalize_issue(load_issue(str(SAMPLE))))
    pages = step("read the PDF (pdfminer, pypdf)", pdfread.read_pdf, str(pdf))
    allowed = step("allowed fonts", fonts.allowed_fonts, ())
    page, ipage = pages[0], model.pages[0]
    exp = step("expected blocks", expect.expect_page, ipage, model)
    at, _ = step("text fidelity (difflib)", fidelity.check_text, page, exp)
    lns = step("lines", lines.build_lines, page, exp, at)
    step("Chinese rules", rules.check_rules, lns, exp)
    step("geometry: blocks, type area", geometry.check_places, lns, exp, at)
    step("geometry: overlaps", geometry.check_overlaps, page, exp, at)
    step("geometry: baseline grid", geometry.check_grid, lns, exp)
    step("fonts", fonts.check_fonts, page, exp, at, allowed)
    step("page boxes", boxes.check_boxes, page, exp)
    return out


if __name__ == "__main__":
    sys.exit(main())
