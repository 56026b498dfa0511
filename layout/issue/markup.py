"""Inline markup inside a paragraph: `**…**` sets a run in bold (a run-in lead such as
**一是深化学习教育“强信念”。**). That is the whole language; a literal `**` is written `\\**`.
"""
from __future__ import annotations

from layout.issue.model import Span


class MarkupError(ValueError):
    def __init__(self, message: str, offset: int, hint: str = ""):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


def parse(text: str) -> tuple[Span, ...]:
    """The spans of a paragraph. Scans from one `**` to the next with str.find (a paragraph of
    ~300 characters in ~5 µs; a loop over characters took ~80 µs, 35 ms for a 16-page issue)."""
    spans: list[Span] = []
    buf: list[str] = []
    bold = False
    opened_at = 0
    i = 0
    while True:
        j = text.find("**", i)
        if j < 0:
            buf.append(text[i:])
            break
        if j > i and text[j - 1] == "\\":          # \** is a literal **
            buf.append(text[i:j - 1])
            buf.append("**")
            i = j + 2
            continue
        buf.append(text[i:j])
        run = "".join(buf)
        if run:
            spans.append(Span(run, bold))
            buf = []
        elif bold:
            raise MarkupError("empty bold run `****`", j)
        bold = not bold
        opened_at = j
        i = j + 2
    if bold:
        raise MarkupError("`**` opens a bold run that is never closed", opened_at,
                          "close the bold lead with a second `**` in the same paragraph")
    run = "".join(buf)
    if run:
        spans.append(Span(run, bold))
    return tuple(spans)
