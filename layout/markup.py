"""Inline markup inside a paragraph: `**…**` sets a run in bold (a run-in lead such as
**一是深化学习教育“强信念”。**). That is the whole language; a literal `**` is written `\\**`.
"""
from __future__ import annotations

from .model import Span


class MarkupError(ValueError):
    def __init__(self, message: str, offset: int, hint: str = ""):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


def parse(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    buf: list[str] = []
    bold = False
    opened_at = 0
    i = 0
    while i < len(text):
        if text.startswith("\\**", i):
            buf.append("**")
            i += 3
            continue
        if text.startswith("**", i):
            if buf:
                spans.append(Span("".join(buf), bold))
                buf = []
            elif bold:
                raise MarkupError("empty bold run `****`", i)
            bold = not bold
            opened_at = i
            i += 2
            continue
        buf.append(text[i])
        i += 1
    if bold:
        raise MarkupError("`**` opens a bold run that is never closed", opened_at,
                          "close the bold lead with a second `**` in the same paragraph")
    if buf:
        spans.append(Span("".join(buf), bold))
    return tuple(spans)
