"""A part of the check computed beside it, in a forked child process (issue 16: the check's
time on a two-core machine).

The check's steps are in part independent: the file's structure (qpdf's check of every
object, stream and page, every Flate checksum, the seal: ~25 ms a page) needs only the PDF's
bytes, as do the glyph and artwork readers (~30 ms); once the glyphs are attributed to their
blocks, the checks of single glyphs (overlaps, fonts, inks) need no lines. `Side.start(fn)`
forks a child that computes fn() while this process goes on, and `result()` returns what it
returned — or raises what it raised — as if fn() had run here. The same functions on the
same file: the check proves what it proved in one process. Where there is no fork, or other
threads run (a fork copies them in the middle of their work), or the child cannot answer,
fn() runs here.
"""
from __future__ import annotations

import os
import pickle


class Side:
    """fn() being computed in a child process (or, when `pid` is None, to compute here)."""

    def __init__(self, fn, pid: int | None = None, reply: int = -1):
        self._fn, self.pid, self._reply = fn, pid, reply

    @classmethod
    def start(cls, fn) -> Side:
        import threading
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return cls(fn)
        from_child, to_parent = os.pipe()
        pid = os.fork()
        if pid == 0:                   # the child: never returns into the caller's code
            code = 1
            try:
                os.close(from_child)
                _answer(fn, to_parent)
                code = 0
            finally:
                os._exit(code)         # no atexit handlers, no flush of the parent's buffers
        os.close(to_parent)
        return cls(fn, pid, from_child)

    def result(self):
        """fn()'s value; its exception raised here."""
        if self.pid is None:
            return self._fn()
        try:
            with os.fdopen(self._reply, "rb") as r:
                kind, value = pickle.loads(r.read())
        except (OSError, EOFError, pickle.PickleError, ValueError, TypeError):
            kind, value = "failed", None
        finally:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        if kind == "error":
            raise value
        return value if kind == "ok" else self._fn()


def _answer(fn, reply: int) -> None:
    """("ok", fn()), ("error", its exception) or ("failed", None) when that cannot be sent."""
    try:
        answer = ("ok", fn())
    except Exception as e:
        answer = ("error", e)
    try:
        out = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
    except Exception:
        out = pickle.dumps(("failed", None))
    with os.fdopen(reply, "wb") as w:
        w.write(out)
