"""A long document's later pages drawn by a second process while this one draws the earlier
ones (issue 16: Typst builds 16 pages on two cores, 0.18 s of wall for 0.25 s of CPU).

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

Only when it pays: a cold build (a warm process's memos keep what it draws), of at least
HALVES_PAGES pages, in a process allowed two cores or more, and when no other task is
running on the machine at that moment (/proc/loadavg's count of runnable tasks: on a busy
machine the child waits for a core and this process waits for the child: 16 sample pages at
load 3 took 345 ms of wall without it, 368 with it).

Measured (16 sample pages, 15 alternating CLI builds, load 3.1-3.3): this process's CPU
333 -> 315 ms and 329 -> 311 (the child's 7 pages would have cost it ~33 ms; copy-on-write
faults, ~4,400 4-KB pages more, take back ~15); the child's own CPU 43 ms. Why not the
pages pickled to a child forked at the command's start: pickling a laid-out page took ~4 ms
and unpickling ~2 ms, against ~5 ms to draw it.
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


class Halves:
    """The child drawing pages `pages` (a range), its anonymous file, and what it delivered."""

    def __init__(self, pid: int, pidfd: int, fd: int, pages: range):
        self.pid, self.pidfd, self.fd, self.pages = pid, pidfd, fd, pages
        self._got: dict | None = None

    @staticmethod
    def wanted(n: int) -> bool:
        """Whether a document of `n` pages is drawn in halves (module docstring)."""
        return (n >= HALVES_PAGES and hasattr(os, "fork") and hasattr(os, "memfd_create")
                and hasattr(os, "pidfd_open") and _cores() >= 2
                and _others_running() < _cores() - 1)

    @classmethod
    def start(cls, draw, n: int) -> "Halves | None":
        """Fork the child that calls `draw(i)` for each of the last pages of `n` (None when
        the fork or its file fails: all pages are drawn here)."""
        pages = range(n - int(n * CHILD_SHARE), n)
        try:
            fd = os.memfd_create("layout-pages", os.MFD_CLOEXEC)
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(fd)
            return None
        if pid == 0:                  # the child: never returns
            _child(draw, pages, fd)
        try:
            pidfd = os.pidfd_open(pid)
        except OSError:
            pidfd = -1
        return cls(pid, pidfd, fd, pages)

    def page(self, i: int) -> tuple | None:
        """Page i as the child drew it ((operators, graphics states, runs)), or None: to be
        drawn here. The first call for a page of the child's waits for it to end."""
        if i not in self.pages:
            return None
        if self._got is None:
            self._got = self._collect()
        return self._got.get(i)

    def _collect(self) -> dict:
        """The child's pages, once it has ended well; {} otherwise."""
        try:
            if self.pidfd < 0 or not select.select([self.pidfd], [], [], WAIT_SECONDS)[0]:
                return {}              # (close() kills it)
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if status != 0:
                return {}
            data = os.pread(self.fd, os.lseek(self.fd, 0, os.SEEK_END), 0)
            return pickle.loads(data)
        except Exception:             # anything the child left unreadable: drawn here
            return {}
        finally:
            self.close()

    def close(self) -> None:
        """The child ended (killed if still drawing) and reaped, its file closed."""
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


def _child(draw, pages: range, fd: int) -> None:
    """Draw `pages` (`draw` returns None for a page it leaves to the parent), write them to
    `fd` and end the process, never returning: exit status 0 only if all went well."""
    code = 1
    try:
        out = {}
        for i in pages:
            got = draw(i)
            if got is not None:
                out[i] = got
        view = memoryview(pickle.dumps(out, pickle.HIGHEST_PROTOCOL))
        while view:
            view = view[os.write(fd, view):]
        code = 0
    except BaseException:      # noqa: BLE001 — anything: the parent draws them itself
        pass
    finally:
        os._exit(code)
