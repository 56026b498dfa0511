"""`layout watch ISSUE.yaml`: rebuild whenever the issue file changes, in a warm process.

Fonts stay loaded, the issue file's node tree is kept (an edit inside one story parses that
story only: issue.loader.Parsed), the list items whose text did not change are not checked
again and come back as the same model objects (issue.validate.Checked), and laid-out blocks
are cached by content (cache.BlockCache), so an edit to one story re-composes that story
only, and the PDF is rewritten from what did not change (build.Warm, resident: the page's
head and footer, each line's finished item and operators, each run's glyphs, reading
structure, operators and deflated piece of the page's content, each story's structure
elements and thread, each face's subset and font objects; the file is assembled from the
kept objects' bytes by pdf.file, its seal hashed from the first bytes that changed, and
fsynced after it is in place in a thread); the time of each rebuild is printed, split into
its stages. The sample page after a one-story edit, CPU on this 2-core machine at load ~4:
~6 ms (load 1.1, layout 0.9 — the story composed again 0.4 —, pictures and imposition 0.4,
PDF 3.4); Typst's warm recompile 7.0 ms in the same run. `python benchmarks/bench_speed.py
--warm-only --budget` measures it, with the CPU by part.
The files are polled (every 0.2 s by default): no platform-specific watcher to install, and an
editor's save-by-rename is seen like any other write. When a rebuild happens (Trigger): an edit
is known by its content's hash, not by mtime and size alone (a same-size edit in the same
mtime tick was missed; a save that changes nothing rebuilds nothing); a file still being
written is waited for until it has stood unchanged for `settle` seconds, and read again if it
changed while the build read it (a half-written file that happened to parse was published);
the copy files the issue reads are watched too; a deleted output is built again. A rebuild
that fails on bad input prints the problems and keeps watching; the previous good PDF stays in
place (writes are atomic).
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

from layout.page.cache import BlockCache
from layout.errors import InputError


def _stamp(path: str):
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        return None


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


class Trigger:
    """When to rebuild: the watched files' content changed and has settled, or the output is
    gone. `files` are the issue file and the copy files it read; `clock` and `sleep` are
    injectable for tests."""

    def __init__(self, issue: str, out: Path, settle: float = 0.3, interval: float = 0.2,
                 sleep=time.sleep):
        self.issue, self.out, self.settle, self.interval, self.sleep = (
            issue, out, settle, interval, sleep)
        self.files: tuple[str, ...] = (issue,)
        self.built: dict[str, str | None] = {}      # path -> digest of what the last build read
        self.stamps: dict[str, object] = {}
        self.polls = 0

    def state(self) -> dict[str, str | None]:
        return {f: _digest(f) for f in self.files}

    def changed(self) -> str:
        """'' if nothing calls for a build, else why one is due (one poll)."""
        if not self.built:
            return "first build"
        if self.built.get("__out__") and not self.out.exists():
            return f"{self.out} was deleted"
        self.polls += 1
        stamps = {f: _stamp(f) for f in self.files}
        # a stamp that moved, and every 5th poll regardless: an edit in the same mtime tick
        # of the same size changes no stamp
        if stamps == self.stamps and self.polls % 5:
            return ""
        self.stamps = stamps
        now = self.state()
        return next((f"{f} changed" for f in self.files if now[f] != self.built.get(f)), "")

    def settled(self) -> dict[str, str | None]:
        """Wait until no watched file has changed for `settle` seconds; their digests then."""
        last, quiet = self.state(), 0.0
        while quiet < self.settle:
            self.sleep(self.interval)
            now = self.state()
            quiet = quiet + self.interval if now == last else 0.0
            last = now
        return last

    def done(self, before: dict[str, str | None], copies: tuple[str, ...] = ()) -> bool:
        """Record a build that read the files as `before`; False when one changed while it
        was read (the build must run again)."""
        self.files = (self.issue,) + tuple(c for c in copies if c != self.issue)
        after = self.state()
        self.built = dict(after, __out__="yes" if self.out.exists() else "")
        self.stamps = {f: _stamp(f) for f in self.files}
        return all(after.get(f) == before.get(f) for f in before)


def watch(issue: str, out: Path, *, png: bool = False, interval: float = 0.2,
          rounds: int | None = None, settle: float = 0.3) -> int:
    """Build now, then after every change; `rounds` bounds the number of builds (tests)."""
    from layout.build import BuildOptions, Warm, build_issue

    warm = Warm(None, BlockCache(), resident=True)
    trigger = Trigger(issue, out, settle, interval)
    builds, last_failed = 0, False
    print(f"watching {issue} (Ctrl-C to stop)", flush=True)
    try:
        while rounds is None or builds < rounds:
            why = trigger.changed()
            if not why:
                time.sleep(interval)
                continue
            before = trigger.settled() if builds else trigger.state()
            builds += 1
            warm.cache.new_build(last_failed)
            last_failed = True                # until the build below returns
            t0 = time.perf_counter()
            try:
                r = build_issue(issue, out, BuildOptions(png=png, allow_overset=True), warm)
            except InputError as e:
                trigger.done(before, trigger.files[1:])
                print(e.report().replace("nothing was written", "not rebuilt; the previous "
                                         "PDF is unchanged"), file=sys.stderr, flush=True)
                continue
            except Exception as e:   # a font file gone, a full disk, a bug: keep watching
                trigger.done(before, trigger.files[1:])
                print(f"error: {type(e).__name__}: {e}\nnot rebuilt; the previous PDF is "
                      "unchanged", file=sys.stderr, flush=True)
                continue
            last_failed = False
            if not trigger.done(before, getattr(r.issue, "copies", ())):
                trigger.built = {}            # changed while it was read: build it again
                print("the issue changed while it was read: building again", flush=True)
            ms = (time.perf_counter() - t0) * 1000
            over = [f.owner for p in r.pages for f in p.fits if f.overset_lines]
            split = ", ".join(f"{k} {v * 1000:.0f}" for k, v in r.stages.items())
            print(f"rebuilt {out} in {ms:.0f} ms ({warm.cache.misses} blocks composed, "
                  f"{warm.cache.hits} reused) [{split} ms]"
                  + (f"; OVERSET: {', '.join(over)}" if over else "")
                  + (f" ({why})" if builds > 1 else ""), flush=True)
    except KeyboardInterrupt:
        pass
    return 0
