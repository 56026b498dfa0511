"""Work of a cold build done by a forked child on the second core (issue 16: Typst builds 16
pages on two cores, 0.18 s of wall for 0.25 s of CPU): a long document's later pages drawn
while this process draws the earlier ones (Halves), or a shorter one's font subsets made
while it draws (pdf.embed.PdfFonts.embed_ahead; a thread's subsetting held the GIL beside
the drawing). Child: fork, compute, result pickled into an anonymous file, exit; the parent
reads it when it needs it, or does the work itself when the child failed, was killed or took
more than WAIT_SECONDS.

pdf.writer forks a child once the canvas, the pen and the reading structure are made, and
before the fonts' thread starts (a fork copies no other thread). The child draws its pages
as this process would — from the canvas's state after a showPage, as every page but the
first starts, with the same fonts' codes (glyph ids), MCIDs and overprint decisions — and
writes each page's operators, the graphics states they name and its runs (for pdf.flate)
into an anonymous file. This process puts them into their pages in order, so the file has
the same bytes. A page with pictures or artwork is drawn here (drawing them registers
objects in the document), and so is every page the child did not deliver: a child that
fails, is killed or takes too long changes nothing but the time (an error, if any, is raised
as this process draws the page). The child writes no file of the build's, runs no exit
handler and flushes no buffer.

Only when it pays (`idle`): a cold build (a warm process's memos keep what it draws), in a
process allowed two cores or more, when no other task is running on the machine at that
moment (/proc/loadavg's count of runnable tasks: on a busy machine the child waits for a
core and this process waits for the child: 16 sample pages at load 3 took 345 ms of wall
without it, 368 with it); the pages in halves from HALVES_PAGES pages.

Measured, forced on (15-21 alternating CLI builds, load 2.4-3.9): 16 sample pages, this
process's CPU 333 -> 315 ms and 329 -> 311 (the child's 7 pages would have cost it ~33 ms;
copy-on-write faults, ~4,400 4-KB pages more, take back ~15), the child's own 43 ms; the
sample page, the fonts apart: 153 -> 139 ms, the child's 23. Why not the pages pickled to a
child forked at the command's start: pickling a laid-out page took ~4 ms and unpickling
~2 ms, against ~5 ms to draw it.
"""
from __future__ import annotations

import os
import pickle
import select

HALVES_PAGES = 8      # fewer pages are drawn here: the copying after the fork (~15 ms of this
                      # process's CPU at 16 pages) would take back most of what the child draws
CHILD_SHARE = 0.45    # of the pages: this process draws the rest and then writes the file
WAIT_SECONDS = 10.0   # for the child's pages, at most: then they are drawn here


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return 1


def _others_running() -> int:
    """Tasks running or runnable on the machine now besides this one (/proc/loadavg's
    fourth field, "runnable/all"); a large number where it cannot be read."""
    try:
        with open("/proc/loadavg", "rb") as f:
            return int(f.read().split()[3].split(b"/")[0]) - 1
    except (OSError, ValueError, IndexError):
        return 1 << 20


def idle() -> bool:
    """Whether a child process would find a core of its own now: two cores or more for
    this process, no other task running, and a system that forks so (Linux)."""
    return (hasattr(os, "fork") and hasattr(os, "memfd_create") and hasattr(os, "pidfd_open")
            and _cores() >= 2 and _others_running() < _cores() - 1)


class Child:
    """A forked child computing `make()`, its result pickled into an anonymous file."""

    def __init__(self, pid: int, pidfd: int, fd: int):
        self.pid, self.pidfd, self.fd = pid, pidfd, fd
        self._got = None
        self._done = False

    @classmethod
    def start(cls, make) -> "Child | None":
        """Fork the child that computes `make()` (None when the fork or its file fails)."""
        try:
            fd = os.memfd_create("layout-child", os.MFD_CLOEXEC)
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(fd)
            return None
        if pid == 0:                  # the child: never returns
            _child(make, fd)
        try:
            pidfd = os.pidfd_open(pid)
        except OSError:
            pidfd = -1
        return cls(pid, pidfd, fd)

    def result(self):
        """What `make()` returned, once the child has ended well; None when it failed, was
        killed or took more than WAIT_SECONDS (it is killed then)."""
        if not self._done:
            self._done = True
            self._got = self._collect()
        return self._got

    def _collect(self):
        try:
            if self.pidfd < 0 or not select.select([self.pidfd], [], [], WAIT_SECONDS)[0]:
                return None            # (close() kills it)
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if status != 0:
                return None
            return pickle.loads(os.pread(self.fd, os.lseek(self.fd, 0, os.SEEK_END), 0))
        except Exception:             # anything the child left unreadable
            return None
        finally:
            self.close()

    def close(self) -> None:
        """The child ended (killed if still at work) and reaped, its file closed."""
        if self.pid:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
        for name in ("pidfd", "fd"):
            fd = getattr(self, name)
            if fd >= 0:
                os.close(fd)
                setattr(self, name, -1)


class Halves:
    """The child drawing pages `pages` (a range) of a document, and what it delivered."""

    def __init__(self, child: Child, pages: range):
        self.child, self.pages = child, pages

    @staticmethod
    def wanted(n: int) -> bool:
        """Whether a document of `n` pages is drawn in halves (module docstring)."""
        return n >= HALVES_PAGES and idle()

    @classmethod
    def start(cls, draw, n: int) -> "Halves | None":
        """Fork the child that calls `draw(i)` for each of the last pages of `n`; `draw`
        returns None for a page it leaves to this process. None when the fork fails."""
        pages = range(n - int(n * CHILD_SHARE), n)

        def make() -> dict:
            out = {}
            for i in pages:
                got = draw(i)
                if got is not None:
                    out[i] = got
            return out
        child = Child.start(make)
        return cls(child, pages) if child is not None else None

    def page(self, i: int) -> tuple | None:
        """Page i as the child drew it ((operators, graphics states, runs)), or None: to be
        drawn here. The first call for a page of the child's waits for it to end."""
        if i not in self.pages:
            return None
        return (self.child.result() or {}).get(i)

    def close(self) -> None:
        self.child.close()


def _child(make, fd: int) -> None:
    """Compute `make()`, write it pickled to `fd` and end the process, never returning:
    exit status 0 only if all went well."""
    code = 1
    try:
        view = memoryview(pickle.dumps(make(), pickle.HIGHEST_PROTOCOL))
        while view:
            view = view[os.write(fd, view):]
        code = 0
    except BaseException:      # noqa: BLE001 — anything: the parent does it itself
        pass
    finally:
        os._exit(code)
