"""The resident state of `layout serve`: one issue file, built warm after every change, its
last good build, the errors of a bad one, and the preflight's findings when they come.

One build at a time, in a worker thread (the fonts and the block cache of build.Warm are
not shared between threads); a change that arrives during a build is built right after it,
once, whatever number of saves came meanwhile. Each build gets a generation number: page
images, blocks.json and the server-sent events all carry it, so the browser never mixes two
builds. A build that fails keeps the last good PDF and pages (the writes are atomic) and
publishes its diagnostics.

The preflight (layout check) reads the PDF back for ~1 s, too long to wait for: it runs in
a child process after the page image is out, is stopped when a newer build starts, and its
findings are kept only when the issue file is still the one it was checked against.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import weakref
from pathlib import Path
from typing import Callable, NamedTuple

from layout.errors import Diagnostic, InputError, LayoutError


class Built(NamedTuple):
    """A good build, as the desk shows it."""
    gen: int
    result: object              # build.BuildResult
    source: str                 # the issue file's text it was built from
    digest: str                 # hash of the issue text and the copy files it read
    ms: float                   # save (or request) to PDF written
    pdf: bytes                  # the PDF as written (the file may be replaced meanwhile)
    composed: int = 0           # blocks laid out anew (the rest came from the warm cache)
    reused: int = 0


class Session:
    """The issue being edited. `publish(event, data)` is called from the worker thread for
    every state change (the server turns it into a server-sent event)."""

    def __init__(self, issue: str, out: Path, publish: Callable[[str, dict], None],
                 check: bool = True):
        from layout.build import Warm
        from layout.page.cache import BlockCache
        self.issue, self.out, self.publish, self.check_enabled = issue, out, publish, check
        self.warm = Warm(None, BlockCache(), resident=True)
        self.gen = 0
        self.built: Built | None = None             # the last good build
        self.errors: tuple[Diagnostic, ...] = ()    # of the last build, if it failed
        self.building = False
        self.findings: dict | None = None           # the preflight's report of `built`
        self.checking = False
        self._lock = threading.Lock()               # guards the fields above
        self.build_lock = threading.Lock()          # one user of the warm fonts at a time
        self._wake = threading.Event()
        self._pending_since: float | None = None
        self._last_digest = ""
        self._check_proc: subprocess.Popen | None = None
        self._tmp = tempfile.mkdtemp(prefix="layout-desk-")
        # the preflight's copies live here: removed when the desk stops, or when the session
        # is collected or the process ends without stop() (930 were left in /tmp before)
        self._remove_tmp = weakref.finalize(self, shutil.rmtree, self._tmp, True)
        self._stop = False
        self.settle: Callable[[int], None] | None = None   # waits for a build's page images
        self._thread = threading.Thread(target=self._run, name="desk-build", daemon=True)

    # -- the worker ---------------------------------------------------------------------
    def start(self) -> None:
        self.request()
        self._thread.start()

    def stop(self) -> None:
        self._stop = True
        self._wake.set()
        self._kill_check()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)            # a build in flight finishes first
        self._remove_tmp()

    def request(self, since: float | None = None) -> None:
        """A change was seen (at `since`, perf_counter): build soon. Cheap; any thread."""
        with self._lock:
            if self._pending_since is None:
                self._pending_since = since or time.perf_counter()
        self._wake.set()

    def fonts(self, issue):
        """The warm fonts for `issue` (call with build_lock held)."""
        from layout.build import fonts_for
        return fonts_for(issue, self.warm)

    def inputs(self) -> set[str]:
        """The files a build reads that the desk watches: the issue and its copy files."""
        files = {str(Path(self.issue).resolve())}
        if self.built is not None:
            files |= {str(Path(p).resolve()) for p in self.built.result.issue.copies}
        return files

    def _run(self) -> None:
        while not self._stop:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                since, self._pending_since = self._pending_since, None
            if since is None or self._stop:
                continue
            try:
                self._build(since)
            except Exception:                   # a bug must not end the desk
                traceback.print_exc()

    def digest(self) -> tuple[str, str]:
        """The issue's text and a hash of it with its copy files (size, time), so a save
        that changes nothing (an editor's touch, the desk's own write seen again) builds
        nothing."""
        try:
            source = Path(self.issue).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            source = ""
        h = hashlib.sha256(source.encode("utf-8", "surrogatepass"))
        for p in sorted(self.inputs()):
            try:
                st = os.stat(p)
                h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
            except OSError:
                h.update(f"{p}:gone".encode())
        return source, h.hexdigest()

    def _build(self, since: float) -> None:
        from layout.build import BuildOptions, build_issue
        source, digest = self.digest()
        if digest == self._last_digest and not self.errors:
            return
        self._kill_check()
        with self._lock:
            self.gen += 1
            gen, self.building = self.gen, True
        self.publish("building", {"gen": gen})
        self.warm.cache.new_build(last_failed=bool(self.errors))
        try:
            with self.build_lock:
                result = build_issue(self.issue, self.out, BuildOptions(allow_overset=True),
                                     self.warm)
        except LayoutError as e:
            self._failed(gen, digest, getattr(e, "diagnostics", None) or (
                Diagnostic(self.issue, 0, 0, e.report().removeprefix("error: ")),))
            return
        except Exception as e:
            self._failed(gen, digest, (Diagnostic(
                self.issue, 0, 0, f"internal error: {type(e).__name__}: {e}",
                "this is a bug in layout; please report it with the issue file"),))
            return
        ms = (time.perf_counter() - since) * 1000
        pdf = self.out.read_bytes()
        with self._lock:
            self.built = Built(gen, result, source, digest, ms, pdf, self.warm.cache.misses,
                               self.warm.cache.hits)
            self.errors, self.building, self.findings = (), False, None
            self._last_digest = digest
        self.publish("built", {"gen": gen, "ms": round(ms, 1),
                               "stages": {k: round(v * 1000, 1) for k, v in
                                          (result.stages or {}).items()},
                               "composed": self.warm.cache.misses,
                               "reused": self.warm.cache.hits})
        if self.check_enabled:
            threading.Thread(target=self._check_later, args=(gen, source),
                             name="desk-check-start", daemon=True).start()

    def _failed(self, gen: int, digest: str, diagnostics) -> None:
        with self._lock:
            self.errors, self.building = tuple(diagnostics), False
            self._last_digest = digest
        self.publish("failed", {"gen": gen, "errors": [d._asdict() for d in self.errors]})

    # -- the preflight, in a child process ----------------------------------------------
    def _check_later(self, gen: int, source: str) -> None:
        """Start the preflight once the page images of this build are rendered (`settle`,
        set by the server; at most 2 s): on two cores its start-up (~0.5 s of imports)
        would otherwise slow the image the editor waits for."""
        if self.settle is not None:
            self.settle(gen)
        with self._lock:
            current = self.built is not None and self.built.gen == gen and not self._stop
        if current:
            self._start_check(gen, source)

    def _start_check(self, gen: int, source: str) -> None:
        report = os.path.join(self._tmp, f"check-{gen}.json")
        pdf = os.path.join(self._tmp, f"check-{gen}.pdf")
        try:        # a copy: the next build may replace the PDF while it is being read
            Path(pdf).write_bytes(self.built.pdf)
        except OSError:
            return
        with self._lock:
            self.checking = True
        self.publish("checking", {"gen": gen})
        waive = ",".join(f.owner for p in self.built.result.pages for f in p.fits
                         if f.overset_lines)     # overset is shown by its own badge
        cmd = [sys.executable, "-m", "layout.desk.session", pdf, self.issue, report, waive]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._check_proc = proc
        threading.Thread(target=self._await_check, args=(proc, gen, source, report, pdf),
                         name="desk-check", daemon=True).start()

    def _await_check(self, proc, gen: int, source: str, report: str, pdf: str) -> None:
        _, err = proc.communicate()
        try:
            still = Path(self.issue).read_text(encoding="utf-8") == source
            data = json.loads(Path(report).read_text(encoding="utf-8")) \
                if os.path.exists(report) else None
        except (OSError, ValueError, UnicodeDecodeError):
            still, data = False, None
        finally:
            for p in (report, pdf):
                if os.path.exists(p):
                    os.unlink(p)
        with self._lock:
            current = self.built is not None and self.built.gen == gen
            if current:
                self.checking = False
            if not (current and still and data is not None):
                if current and proc.returncode not in (0, 4) and proc.returncode > 0:
                    self.findings = {"error": err.decode("utf-8", "replace").strip()[-2000:]}
                    self.publish("checked", {"gen": gen, "error": True})
                return
            self.findings = data
        self.publish("checked", {"gen": gen, "ok": data.get("ok"),
                                 "counts": data.get("counts", {})})

    def _kill_check(self) -> None:
        proc, self._check_proc = self._check_proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
        with self._lock:
            self.checking = False


def _check_child(pdf: str, issue: str, report: str, waive: str) -> int:
    """The preflight child: check `pdf` against `issue`, the report as JSON to `report`."""
    from layout.preflight import check_pdf
    from layout.press import atomic
    r = check_pdf(pdf, issue, waive=frozenset(w for w in waive.split(",") if w))
    atomic.write_text(Path(report), r.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(_check_child(*sys.argv[1:5]))
