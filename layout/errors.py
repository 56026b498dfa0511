"""Diagnostics for bad input: every problem names the file, line and column, says what is wrong
and, where we can guess, how to fix it. All problems of a file are collected in one pass and
reported together (Typst-style diagnostics), never as a traceback.

Exit statuses of the command line are defined here so the CLI and tests agree on them.
"""
from __future__ import annotations

from typing import NamedTuple


EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2      # the issue file (or a file it names) is wrong; nothing was written
EXIT_OVERSET = 3    # a story does not fit its block; nothing was written (unless allowed)
EXIT_CHECK = 4      # the PDF was written but the preflight check found problems (layout.check)


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


class InputError(Exception):
    """Raised with every diagnostic found; the CLI prints them and exits with EXIT_INPUT."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
