"""A part of the check computed beside it, in a forked child process (issue 16: the check's
time on a two-core machine).

The check's first steps are independent: the file's structure (qpdf's check of every
object, stream and page, every Flate checksum, the seal: ~25 ms a page) needs only the PDF's
bytes, as do the glyph and artwork readers (~30 ms). `Side.start(fn)` forks a child that
computes fn() while this process goes on, and `result()` returns what it returned — or raises
what it raised — as if fn() had run here. The same functions on the same file: the check
proves what it proved in one process. A fork's round trip costs ~5–8 ms of CPU here (the
page tables copied, pages copied on write, the child's exit), so only a long part is
worth one (the structure check); the later checks of one page (~8 ms of glyph checks
beside ~20 of line checks) are not. Where there is no fork, or other threads run (a fork
copies them in the middle of their work), or the child cannot answer, fn() runs here.
"""
from __future__ import annotations

import os
import pickle
import struct

_LENGTH = struct.Struct("<Q")     # each answer: its length, then its pickled bytes
_UNREAPED: list[int] = []         # children that answered and had not yet ended (reap_soon)


class Side:
    """fn() being computed in a child process (or, when `pid` is None, to compute here)."""

    def __init__(self, fn, pid: int | None = None, reply: int = -1):
        self._fn, self.pid, self._reply = fn, pid, reply

    @classmethod
    def start(cls, fn) -> Side:
        if not can_fork():
            return cls(fn)
        from_child, to_parent = os.pipe()     # (read end, write end)
        pid = forked(lambda reply: answer(fn, reply), (to_parent,), (from_child,))
        return cls(fn, pid, from_child)

    @classmethod
    def now(cls, fn) -> Side:
        """fn() computed here and now (what it leaves behind serves what follows: the
        structure check's split pages, pdfread.KEPT); result() returns or raises it."""
        try:
            value = fn()
        except Exception as e:
            error = e

            def fn():
                raise error
        else:
            def fn():
                return value
        return cls(fn)

    def result(self):
        """fn()'s value; its exception raised here."""
        if self.pid is None:
            return self._fn()
        kind, value = receive(self._reply, self.pid)
        if kind == "error":
            raise value
        return value if kind == "ok" else self._fn()


def can_fork() -> bool:
    """A fork copies only the thread that calls it: not while other threads run (one could be
    in the middle of its work, holding a lock), nor where there is no fork."""
    import threading
    return hasattr(os, "fork") and threading.active_count() == 1


def forked(body, child_ends: tuple[int, ...], parent_ends: tuple[int, ...]) -> int:
    """The pid of a child process that closes `parent_ends`, runs body(*child_ends) and ends
    there (os._exit: no atexit handlers, no flush of the parent's buffers); in the parent,
    `child_ends` are closed."""
    reap_pending()
    pid = os.fork()
    if pid == 0:                   # the child: never returns into the caller's code
        code = 1
        try:
            for fd in parent_ends:
                os.close(fd)
            body(*child_ends)
            code = 0
        finally:
            os._exit(code)
    for fd in child_ends:
        os.close(fd)
    return pid


def answer(fn, reply: int) -> None:
    """In the child: ("ok", fn()), ("error", its exception) or ("failed", None) when that
    cannot be sent, written to `reply`."""
    try:
        out = ("ok", fn())
    except Exception as e:
        out = ("error", e)
    try:
        data = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
    except Exception:
        data = pickle.dumps(("failed", None))
    send(reply, data)


def send(fd: int, data: bytes) -> None:
    """`data` written to the pipe `fd` with its length before it, and the pipe closed: the
    reader (read_sent) needs no end of file, which every process holding a copy of the
    pipe's write end (a child forked meanwhile, this module's Side) would have to close."""
    with os.fdopen(fd, "wb") as w:
        w.write(_LENGTH.pack(len(data)) + data)


def read_sent(fd: int) -> bytes | None:
    """What send() wrote to the pipe `fd` (which is closed), or None when it was closed
    first or the data is cut short."""
    with os.fdopen(fd, "rb") as r:
        head = r.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return None
        n = _LENGTH.unpack(head)[0]
        data = r.read(n)
    return data if len(data) == n else None


def receive(reply: int, pid: int) -> tuple[str, object]:
    """In the parent: the child's answer from `reply` (("failed", None) when there is none
    or it is cut short). The answer carries its length, so it is read whole without waiting
    for the child to end (a grandchild may hold the pipe open) nor for its exit: a child
    of the check takes 2.5–3 ms to end (its memory unmapped) after it answered, so it is
    reaped later (reap_soon)."""
    try:
        data = read_sent(reply)
        return ("failed", None) if data is None else pickle.loads(data)
    except (OSError, EOFError, pickle.PickleError, ValueError, TypeError, struct.error):
        return "failed", None
    finally:
        reap_soon(pid)


def reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def reap_soon(pid: int) -> None:
    """Reap the child `pid` if it has ended, else at the next fork (reap_pending) or as this
    process ends (atexit: its exit overlaps what this process does after the answer; reaped,
    its CPU time counts in this process's children's, as the benchmarks read it)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return
    if not done:
        if not _UNREAPED:
            import atexit
            atexit.unregister(reap_pending)
            atexit.register(reap_pending, True)
        _UNREAPED.append(pid)


def reap_pending(block: bool = False) -> None:
    """Reap the children that had not ended when they answered (`block`: wait for them)."""
    for pid in list(_UNREAPED):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _UNREAPED.remove(pid)
