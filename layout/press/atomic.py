"""Atomic output: every file layout writes (PDF, PNG, dump, JSON report) is written to a
temporary file beside its destination, flushed to disk, given the usual file mode and moved
into place with os.replace, so a failed or killed build never leaves a truncated file where
the previous good one was. Temporaries of killed builds (their process gone) are swept.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from layout.errors import OutputError


def _tmp_pattern(out: Path) -> re.Pattern:
    # OUT.PID.RANDOM.tmp, and the temporaries written beside a staged file, OUT.PID.RANDOM.tmp.
    # PID.RANDOM.tmp: both named after the process that made them
    return re.compile(re.escape(out.name) + r"\.(\d+)\.[^.]+\.tmp(\.\d+\.[^.]+\.tmp)?$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(out: Path) -> list[Path]:
    """Remove temporaries of `out` left by builds that were killed (their process is gone)."""
    gone = []
    pat = _tmp_pattern(out)
    try:
        names = os.listdir(out.parent)
    except OSError:
        return gone
    for name in names:
        m = pat.match(name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            try:
                os.unlink(out.parent / name)
                gone.append(out.parent / name)
            except OSError:
                pass
    return gone


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether the paths name one file: the same inode when both exist (a hard link, a
    symbolic link, another spelling of the path), else the same absolute path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def save(write, out: Path, behind: bool = False) -> int:
    """write(file) into a temporary beside `out`, fsync, then os.replace over `out`. A file
    system error (a full disk, a read-only folder) is an OutputError naming `out`; the
    previous file at `out` is untouched. `behind`: the fsync done after the replace, in a
    thread (a resident process rewriting its PDF at every save: the fsync took 2–8 ms of a
    warm edit here); a killed process still leaves the old file or the whole new one, only a
    crash of the machine within those milliseconds may not."""
    try:
        return _save(write, out, behind)
    except OSError as e:
        raise OutputError(f"cannot write {out}: {e.strerror or e}") from None


def _sync_and_close(fd: int) -> None:
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _behind(job) -> None:
    """Run job() in a thread of its own, which ends with it (named "fsync": `settle` waits
    for these)."""
    import threading
    threading.Thread(target=job, name="fsync", daemon=True).start()


def settle() -> None:
    """Wait until the saves' syncs are done (tests; a process about to exit)."""
    import threading
    for t in threading.enumerate():
        if t.name == "fsync":
            t.join()


def _hold(path: Path) -> int | None:
    """A descriptor of the file at `path` (None if there is none): the replace then only
    unlinks its name, and its blocks are freed when the sync thread closes it (freeing 0.4 MB on
    this file system, mounted with discard, held the replace ~0.6–1.3 ms of wall)."""
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


_SWEPT: dict[Path, float] = {}    # output -> when a resident process last swept beside it
SWEEP_EVERY = 10.0                # s: a resident process's saves sweep at most this often


def _sweep(out: Path, behind: bool) -> None:
    """sweep_stale before a save; a resident process (`behind`: watch, the desk, saving at
    every edit) sweeps once every SWEEP_EVERY seconds (listing the folder was ~0.05–0.1 ms
    of a warm edit here): a killed build's temporary stays at most that long."""
    now = time.monotonic()
    if behind and now - _SWEPT.get(out, -SWEEP_EVERY) < SWEEP_EVERY:
        return
    sweep_stale(out)
    _SWEPT[out] = now


def _save(write, out: Path, behind: bool = False) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    _sweep(out, behind)
    fd, tmp = tempfile.mkstemp(prefix=f"{out.name}.{os.getpid()}.", suffix=".tmp",
                               dir=out.parent)
    later = old = None
    try:
        with os.fdopen(fd, "w+b") as f:       # readable too: press.seal reads it back
            write(f)
            f.flush()
            if behind:
                later = os.dup(f.fileno())
            else:
                os.fsync(f.fileno())
        # mkstemp makes the file private (0600); a PDF is for the print shop and colleagues:
        # give it the mode any new file gets here (0666 less the umask)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if behind and os.name == "posix":   # elsewhere an open file cannot be replaced
            old = _hold(out)
        os.replace(tmp, out)
    except BaseException:
        for d in (later, old):
            if d is not None:
                os.close(d)
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    if later is not None:
        _behind(lambda: (_sync_and_close(later), old is not None and os.close(old)))
    return out.stat().st_size


def staging(out: Path) -> Path:
    """A new, unique file beside `out` for a whole build to write and check before it is
    published (two builds of the same output at once each check their own file, never the
    other's); named like the temporaries above, so a killed build's is swept."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        sweep_stale(out)
        fd, tmp = tempfile.mkstemp(prefix=f"{out.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=out.parent)
        os.close(fd)
    except OSError as e:
        raise OutputError(f"cannot write {out}: {e.strerror or e}") from None
    return Path(tmp)


def publish(staged: Path, out: Path) -> None:
    """Move a staged file into place (atomically: readers see the old file or the new)."""
    try:
        os.replace(staged, out)
    except OSError as e:
        raise OutputError(f"cannot write {out}: {e.strerror or e}") from None


def discard(staged: Path) -> None:
    try:
        os.unlink(staged)
    except OSError:
        pass


def write_text(out: Path, text: str) -> int:
    return save(lambda f: f.write(text.encode("utf-8")), Path(out))
