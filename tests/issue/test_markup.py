"""markup: `**…**` bold runs, `\\**` for a literal `**`, and the errors with their offsets
(the loader turns an offset into the line of the issue file)."""
from __future__ import annotations

import random

import pytest

from layout.issue.markup import MarkupError, parse
from layout.issue.model import Span


@pytest.mark.parametrize("text, spans", [
    ("", ()),
    ("正文", (Span("正文"),)),
    ("**一是强信念。**不断强化", (Span("一是强信念。", True), Span("不断强化"))),
    ("前**中**后", (Span("前"), Span("中", True), Span("后"))),
    ("**全粗**", (Span("全粗", True),)),
    ("**甲****乙**", (Span("甲", True), Span("乙", True))),     # two bold runs back to back
    ("a*b", (Span("a*b"),)),                                   # a single * is text
    ("a\\b", (Span("a\\b"),)),                                 # so is a lone backslash
])
def test_spans(text, spans):
    assert parse(text) == spans


@pytest.mark.parametrize("text, spans", [
    ("2\\**3", (Span("2**3"),)),
    ("\\**", (Span("**"),)),
    ("**a\\**b**", (Span("a**b", True),)),                    # escaped inside a bold run
    ("\\****粗**", (Span("**"), Span("粗", True))),          # literal, then a real opener
])
def test_escaped_stars_are_literal(text, spans):
    assert parse(text) == spans


@pytest.mark.parametrize("text, offset", [("前**粗", 1), ("**", 0), ("***", 0),
                                          ("**甲**乙**丙", 6)])
def test_unclosed_bold_run_points_at_its_opener(text, offset):
    with pytest.raises(MarkupError) as e:
        parse(text)
    assert str(e.value) == "`**` opens a bold run that is never closed"
    assert e.value.offset == offset and text[offset:offset + 2] == "**"
    assert "close the bold lead" in e.value.hint


@pytest.mark.parametrize("text, offset", [("前****后", 3), ("****", 2)])
def test_empty_bold_run_points_at_its_closer(text, offset):
    with pytest.raises(MarkupError) as e:
        parse(text)
    assert str(e.value) == "empty bold run `****`"
    assert e.value.offset == offset and text[offset:offset + 2] == "**"
    assert isinstance(e.value, ValueError)


def test_spans_rejoin_to_the_text_without_markup():
    rng = random.Random(3)
    for _ in range(500):
        words = [rng.choice(["甲", "乙丙", "a", " "]) for _ in range(rng.randint(1, 6))]
        bold = [rng.random() < 0.5 for _ in words]
        text = "".join(f"**{w}**" if b else w for w, b in zip(words, bold))
        spans = parse(text)
        assert "".join(s.text for s in spans) == "".join(words)
        assert "".join(s.text for s in spans if s.bold) == "".join(
            w for w, b in zip(words, bold) if b)


def _old_parse(text):
    """The character loop markup.parse replaced (issue 8, the speed work)."""
    spans, buf, bold, opened, i = [], [], False, 0, 0
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
            bold, opened, i = not bold, i, i + 2
            continue
        buf.append(text[i])
        i += 1
    if bold:
        raise MarkupError("`**` opens a bold run that is never closed", opened)
    if buf:
        spans.append(Span("".join(buf), bold))
    return tuple(spans)


def test_markup_parser_as_before():
    rng = random.Random(8)
    pieces = ["*", "**", "\\", "\\**", "a", "中"]

    def outcome(f, t):
        try:
            return f(t)
        except MarkupError as e:
            return (str(e), e.offset)
    for _ in range(5000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert outcome(parse, t) == outcome(_old_parse, t), t
