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
        text = f"{where}: error: {visible(self.message)}"
        if self.hint:
            text += f"\n    hint: {visible(self.hint)}"
        return text


def visible(text: str) -> str:
    """`text` with control, format and line/paragraph-separator characters shown as ⟨U+XXXX⟩:
    a message quoting the editor's copy must stay one line on the terminal, and an invisible
    character it complains about must be seen."""
    import unicodedata
    return "".join(f"⟨U+{ord(c):04X}⟩" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp",
                                                                        "Cs") else c
                   for c in text)


class LayoutError(Exception):
    """An error the editor can fix; `report()` is what the command line prints, `exit_code`
    its status."""
    exit_code = EXIT_INPUT

    def report(self) -> str:
        return f"error: {self}"


class InputError(LayoutError):
    """Every diagnostic found in the input, all at once; nothing was written. The first
    `shown` are printed in full, the rest counted (a file with thousands of problems must not
    bury the first ones under megabytes of text)."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], shown: int = 50):
        self.diagnostics = tuple(diagnostics)
        self.shown = max(1, shown)
        text = "\n".join(d.format() for d in self.diagnostics[:self.shown])
        rest = len(self.diagnostics) - self.shown
        if rest > 0:
            text += f"\n… and {rest:,} more problem{'s' * (rest > 1)} not shown"
        super().__init__(text)

    def report(self) -> str:
        n = len(self.diagnostics)
        return f"{self}\n{n:,} problem{'s' * (n > 1)} found; nothing was written"


class FontError(LayoutError):
    """A font file that cannot be used: missing, damaged, not embeddable."""


class OutputError(LayoutError):
    """An output that cannot be written: a full disk, a read-only folder. The previous file
    (if any) is untouched: writes go through a temporary file (press.atomic)."""

    def report(self) -> str:
        return (f"error: {self}\n    hint: free some space or choose another folder (-o); "
                "the previous file, if any, is unchanged")


def count(n: int, word: str) -> str:
    """'1 line', '2 lines': every count the editor reads."""
    return f"{n} {word}{'' if n == 1 else 's'}"


class OversetError(LayoutError):
    """Copy that does not fit: stories overset in their blocks (`fits`: (page number, the
    story's fit report)), and pages the composer filled that have too little copy (`short`:
    (page number, the lines it lacks, characters, the block to add them to)). The PDF is not
    written unless the editor allows it (--allow-overset): nothing is cut or left empty
    silently."""
    exit_code = EXIT_OVERSET

    def __init__(self, fits, short=()):
        self.fits, self.short = tuple(fits), tuple(short)
        over = [f"page {n}: '{f.owner}' is overset by {count(f.overset_lines, 'line')} "
                f"({count(f.overset_chars, 'character')}): it needs "
                f"{count(f.used_lines, 'line')}, its block holds {f.capacity_lines}: cut "
                f"{count(f.overset_chars, 'character')}" for n, f in self.fits]
        lack = [f"page {n} lacks {count(lines, 'line')} of copy: add about "
                f"{count(chars, 'character')} (to '{owner}'), or a brief"
                for n, lines, chars, owner in self.short]
        super().__init__("\n".join(over + lack))

    def report(self) -> str:
        return (f"error: {self}\nnothing was written; cut or add copy, change the blocks, or "
                "build with --allow-overset")
