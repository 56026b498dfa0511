"""Benchmark: font setup and user CFF fonts (issue 3). Prints figures; asserts nothing.

1. Font setup for the sample issue (issues/sample-difang-kexie.yaml) with the bundled fonts:
   FontSet(), the metrics of every face the page uses, an advance for every distinct
   (role, character) of the laid-out page, and prepare() (ReportLab registration) — all font
   work of a build. Target < 0.1 s.
2. A 1,500-distinct-character page (one 8-column story; the characters a seeded sample of GB
   2312 hanzi) with a user CFF font as the body face: the first build (empty cache: hb-subset,
   CFF -> TrueType, cache write) and the cached build. Targets < 3 s and < 0.3 s. The font is
   Debian's Noto Serif CJK SC (fonts-noto-cjk, NotoSerifCJK-Regular.ttc, 65,535 glyphs) when
   installed, else a generated CFF font covering GB 2312 (box outlines: conversion of those
   is cheaper than real ones, so the figure then flatters).
3. Peak memory (maximum resident set size) of each of those runs.

Every measurement runs in a fresh Python process, so no cache of an earlier run in the same
process helps it; times are the build's own (`BuildResult.seconds`: load to PDF written),
plus the process's wall time including interpreter start and imports.

    python benchmarks/bench_fonts.py [--font PATH#Face] [--chars 1500]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "issues" / "sample-difang-kexie.yaml"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def _child_setup() -> dict:
    """Font work of the sample build, timed apart from layout."""
    from layout.build import build_issue
    from layout.page.coverage import used_glyphs
    from layout.fonts.fontset import FontSet
    r = build_issue(str(SAMPLE), None)           # layout once: which glyphs the page draws
    used = used_glyphs(list(r.pages))
    from layout.fonts import fontfile
    from layout.pdf import embed
    embed._RL.clear(); fontfile._FACES.clear()    # cold again
    t0 = time.perf_counter()
    fs = FontSet()
    for role, ch in used:
        fs.advance(role, ch)
        fs.ascent(role)
    t1 = time.perf_counter()
    fs.prepare(used)
    t2 = time.perf_counter()
    return {"metrics": t1 - t0, "register": t2 - t1, "setup": t2 - t0,
            "roles": len({r for r, _ in used}), "glyphs": len(used)}


def _child_build(issue: str, out: str) -> dict:
    from layout.fonts import convert
    from layout.build import build_issue
    r = build_issue(issue, Path(out))
    return {"seconds": r.seconds, "conversions": convert.STATS["conversions"],
            "hits": convert.STATS["hits"], "fallbacks": len(r.fallbacks)}


def _run(args: list[str], env: dict) -> dict:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                       env=env)
    wall = time.perf_counter() - t0
    if p.returncode:
        sys.exit(f"child failed:\n{p.stderr}")
    d = json.loads(p.stdout.strip().splitlines()[-1])
    d["wall"] = wall
    return d


def _gb2312() -> list[str]:
    out = []
    for a in range(0xB0, 0xF8):
        for b in range(0xA1, 0xFF):
            try:
                out.append(bytes([a, b]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def _generated_font(path: Path) -> str:
    """A CFF font covering GB 2312's hanzi, for machines without fonts-noto-cjk."""
    sys.path.insert(0, str(ROOT / "tests"))
    import cfffonts
    cfffonts.CFF_CHARS = sorted(set(cfffonts.CFF_CHARS) | set(_gb2312()))
    cfffonts.build_cff_font(str(path), "Bench Serif")
    return str(path)


def _issue(folder: Path, font: str, n: int) -> Path:
    chars = random.Random(3).sample(_gb2312(), n)
    paras = ["".join(chars[i:i + 100]) + "。" for i in range(0, n, 100)]
    body = "\n\n          ".join(paras)
    src = folder / "bench.yaml"
    src.write_text(f"""paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
fonts:
  song: "{font}"
pages:
  - number: 1
    name: 测试
    stories:
      - id: a
        headline: 字体测试
        place: {{col: 1, span: 8, row: 1, rows: foot}}
        body: |
          {body}
""", encoding="utf-8")
    return src


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", help="a CFF font as PATH or PATH#Face (default Noto Serif CJK SC)")
    ap.add_argument("--chars", type=int, default=1500)
    ap.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child is not None:
        d = _child_setup() if a.child[0] == "setup" else _child_build(*a.child[1:])
        d["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(d))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, LAYOUT_CACHE=str(tmp / "cache"))
        s = _run(["--child", "setup"], env)
        print(f"font setup, sample issue, bundled fonts ({s['roles']} roles, {s['glyphs']} "
              f"role/character pairs): {s['setup'] * 1000:.1f} ms (metrics "
              f"{s['metrics'] * 1000:.1f} ms, ReportLab registration {s['register'] * 1000:.1f}"
              f" ms); target < 100 ms; peak RSS {s['maxrss_mb']:.0f} MB")
        font = a.font or (f"{NOTO}#Noto Serif CJK SC" if NOTO.exists()
                          else _generated_font(tmp / "bench.otf"))
        src = _issue(tmp, font, a.chars)
        print(f"user CFF font: {font}; page of {a.chars} distinct hanzi")
        for label, target in (("first build (convert)", 3.0), ("cached build", 0.3)):
            d = _run(["--child", "build", str(src), str(tmp / "bench.pdf")], env)
            print(f"  {label}: {d['seconds']:.2f} s (target < {target} s); process wall "
                  f"{d['wall']:.2f} s; conversions {d['conversions']}, cache hits {d['hits']}; "
                  f"peak RSS {d['maxrss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
