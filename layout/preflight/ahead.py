"""The build's preflight, started before the PDF is written (issue 16: a lean cold start).

`layout build` checks the PDF it wrote; the check's imports (pikepdf and qpdf, our checks:
~100 ms of a one-page build) do not depend on the PDF. So the build forks a child process
first, which imports them on the machine's other core while the parent lays out and writes
the PDF; the parent then hands the child the same arguments it would give runner.check_pdf
(the staged PDF, the issue file, the waived stories, the issue as the build read it) and
gets back what the build prints and writes of the report (a Verdict: the report's classes
are dataclasses, whose import, with inspect's, took the parent 4.5 ms). The check is the same
function with the same arguments: it still reads only the PDF and the issue. Where there is
no fork (or other threads run, which a fork would copy in the middle of their work), or the
child fails, the parent checks itself.
"""
from __future__ import annotations

import os
import pickle
from typing import NamedTuple

from layout.preflight.side import answer, can_fork, forked, read_sent, reap, receive, send


class Verdict(NamedTuple):
    """What `layout build` and `layout check` print and write of a preflight report."""
    summary: str              # Report.summary(), the PDF named as `shown_as`
    json: str | None          # Report.to_json(), when asked for
    failures: int             # problems not waived: 0 is "ready for print"

    @classmethod
    def of(cls, report, shown_as: str = "", json: bool = False) -> Verdict:
        """The verdict of `report` (preflight.findings.Report), its PDF named `shown_as`
        (a build checks its staged file before the file takes its name)."""
        if shown_as:
            import dataclasses
            report = dataclasses.replace(report, pdf=shown_as)
        return cls(report.summary(), report.to_json() if json else None,
                   len(report.failures))


class Ahead:
    """A child process with the preflight imported, waiting for one PDF to check."""

    def __init__(self, pid: int, request: int, reply: int):
        self.pid, self._request, self._reply = pid, request, reply

    @classmethod
    def start(cls) -> Ahead | None:
        if not can_fork():
            return None
        from_parent, to_child = os.pipe()      # (read end, write end)
        from_child, to_parent = os.pipe()
        pid = forked(_serve, (from_parent, to_parent), (to_child, from_child))
        return cls(pid, to_child, from_child)

    def check(self, pdf: str, issue: str, waive: frozenset[str], model, shown_as: str = "",
              json: bool = False) -> Verdict | None:
        """The Verdict of runner.check_pdf(pdf, issue, waive=waive, model=model), checked
        in the child (`shown_as`, `json`: Verdict.of's); its exception raised here. None when
        the child could not answer (the caller checks)."""
        try:
            send(self._request, pickle.dumps((pdf, issue, waive, model, shown_as, json),
                                             pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PickleError, TypeError, ValueError):
            try:
                os.close(self._request)    # the child answers nothing: "failed" below
            except OSError:
                pass
        kind, value = receive(self._reply, self.pid)
        if kind == "error":
            raise value
        return value if kind == "ok" else None

    def cancel(self) -> None:
        """No PDF to check (the build failed): the child sees its request pipe closed."""
        for fd in (self._request, self._reply):
            try:
                os.close(fd)
            except OSError:
                pass
        reap(self.pid)


def _serve(request: int, reply: int) -> None:
    """The child: import the check, wait for its arguments, answer with ("ok", verdict),
    ("error", the exception) or ("failed", None) when the exception cannot be sent."""
    from layout.preflight.runner import check_pdf
    _warm()
    data = read_sent(request)
    if data is None:                   # cancelled
        return
    pdf, issue, waive, model, shown_as, json = pickle.loads(data)
    # the parent raises an exception of the check as check_pdf would have
    answer(lambda: Verdict.of(check_pdf(pdf, issue, waive=waive, model=model), shown_as,
                              json), reply)


def _warm() -> None:
    """What every check does first and no PDF changes, done while the parent still builds:
    the PostScript names of the bundled fonts read (fonts.allowed_fonts keeps them per file:
    7–11 ms) and the modules the check imports on first use. Only a head start: what fails
    here is done again, and reported, by the check itself."""
    try:
        import encodings.utf_16_be  # noqa: F401  (ToUnicode CMaps)
        import heapq  # noqa: F401  (Counter.most_common: lines, geometry)

        import layout.fonts.fontset  # noqa: F401
        import layout.issue.sources  # noqa: F401
        import layout.preflight.syntax  # noqa: F401  (the structure check's, on first use)
        from layout import qpdf
        qpdf.core()         # pikepdf's core alone (layout.qpdf): ~7 ms
        import pikepdf._io  # noqa: F401  (the core imports it to open a file)
        from layout.preflight.fonts import allowed_fonts
        allowed_fonts()
    except Exception:
        pass
