"""What layout reports to the editor when it cannot finish, and the exit status of each.

Every error a user can cause is a `LayoutError`: it carries its exit status and the text the
command line prints (never a traceback); any other exception is a bug in layout (exit 1).
Bad input is reported as diagnostics that name the file, line and column, say what is wrong
and, where we can guess, how to fix it; all problems of a file are collected in one pass and
reported together (Typst-style diagnostics).
"""
from __future__ import annotations

from typing import NamedTuple

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2      # the issue file (or a file it names) is wrong; nothing was written
EXIT_OVERSET = 3    # a story does not fit its block; nothing was written (unless allowed)
EXIT_CHECK = 4      # the PDF was written but the preflight found problems (layout.preflight)


class Diagnostic(NamedTuple):
    path: str
    line: int          # 1-based; 0 when the problem has no position (a missing file)
    column: int        # 1-based
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        text = f"{where}: error: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class LayoutError(Exception):
    """An error the editor can fix; `report()` is what the command line prints, `exit_code`
    its status."""
    exit_code = EXIT_INPUT

    def report(self) -> str:
        return f"error: {self}"


class InputError(LayoutError):
    """Every diagnostic found in the input, all at once; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def report(self) -> str:
        n = len(self.diagnostics)
        return f"{self}\n{n} problem{'s' * (n > 1)} found; nothing was written"


class FontError(LayoutError):
    """A font file that cannot be used: missing, damaged, not embeddable."""


class OutputError(LayoutError):
    """An output that cannot be written: a full disk, a read-only folder."""


class OversetError(LayoutError):
    """Stories that do not fit their blocks; the PDF is not written unless overset is allowed.
    `fits`: (page number, the story's fit report)."""
    exit_code = EXIT_OVERSET

    def __init__(self, fits):
        self.fits = tuple(fits)
        super().__init__("\n".join(
            f"page {n}: '{f.owner}' is overset by {f.overset_lines} lines "
            f"({f.overset_chars} characters): it needs {f.used_lines} lines, its block holds "
            f"{f.capacity_lines}" for n, f in self.fits))

    def report(self) -> str:
        return (f"error: {self}\nnothing was written; cut the copy, enlarge the block, or "
                "build with --allow-overset")
