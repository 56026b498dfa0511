"""`layout watch ISSUE.yaml`: rebuild whenever the issue file changes, in a warm process.

Fonts stay loaded and laid-out blocks are cached by content (cache.BlockCache), so an edit to
one story re-composes that story only, and the PDF is rewritten from what did not change
(build.Warm: each line's finishing and operators, each page's deflated content, each face's
subset); the time of each rebuild is printed, split into its stages. The sample page after a
one-story edit: ~38 ms of CPU here (load 5, layout 11 — the story composed again —, impose 3,
PDF 16: the page's operators joined 5, ReportLab's file 4.5, the page deflated 2, the atomic
write 2.5, its fsync 4–9 ms more of waiting); benchmarks/bench_speed.py has the figures.
The file is polled (every 0.2 s by default): no platform-specific watcher to install, and an
editor's save-by-rename is seen like any other write. A rebuild that fails on bad input
prints the problems and keeps watching; the previous good PDF stays in place (writes are
atomic).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from layout.page.cache import BlockCache
from layout.errors import InputError


def _stamp(path: str):
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return None


def watch(issue: str, out: Path, *, png: bool = False, interval: float = 0.2,
          rounds: int | None = None) -> int:
    """Build now, then after every change; `rounds` bounds the number of builds (tests)."""
    from layout.build import BuildOptions, Warm, build_issue

    warm = Warm(None, BlockCache())
    last, builds = None, 0
    print(f"watching {issue} (Ctrl-C to stop)", flush=True)
    try:
        while rounds is None or builds < rounds:
            stamp = _stamp(issue)
            if stamp == last:
                time.sleep(interval)
                continue
            last = stamp
            builds += 1
            warm.cache.new_build()
            t0 = time.perf_counter()
            try:
                r = build_issue(issue, out, BuildOptions(png=png, allow_overset=True), warm)
            except InputError as e:
                for d in e.diagnostics:
                    print(d.format(), file=sys.stderr)
                print("not rebuilt; the previous PDF is unchanged", file=sys.stderr, flush=True)
                continue
            except Exception as e:   # a font file gone, a full disk, a bug: keep watching
                print(f"error: {type(e).__name__}: {e}\nnot rebuilt; the previous PDF is "
                      "unchanged", file=sys.stderr, flush=True)
                continue
            ms = (time.perf_counter() - t0) * 1000
            over = [f.owner for p in r.pages for f in p.fits if f.overset_lines]
            split = ", ".join(f"{k} {v * 1000:.0f}" for k, v in r.stages.items())
            print(f"rebuilt {out} in {ms:.0f} ms ({warm.cache.misses} blocks composed, "
                  f"{warm.cache.hits} reused) [{split} ms]"
                  + (f"; OVERSET: {', '.join(over)}" if over else ""), flush=True)
    except KeyboardInterrupt:
        pass
    return 0
