"""Display text (headlines, 引题/副题, 小标题, captions, credits) broken between words.

Body text breaks between any two Han characters (docs/typesetting-rules.md §1.4); display text
is read at a glance and a word or a name torn across two lines of a headline reads wrong, so
it breaks only at word boundaries (docs/typesetting-rules.md §4.6):

  - the words come from jieba (the Chinese segmenter most Chinese text tools use: a prefix
    dictionary of ~350,000 words with an HMM for names and words it does not know; MIT);
  - an editor binds what must stay together with braces: ``{林晓雯}``, ``{四川省科学技术协会}``
    — the braces are marks, not text; a brace without its partner is text;
  - a line break typed in a headline is a break (page.blocks splits on it), not a space.

jieba's full dictionary takes 0.5–4 s to load; the package ships its 60,000 most frequent words
(data/jieba-words-60k.txt), a quarter of that, and loads them only when a piece of display text
needs more than one line; a watch process keeps them. Results are cached per text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_BOUND = re.compile(r"\{([^{}\n]*)\}")


def unmark(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text without its no-break braces, and the spans (start, end) of the clean text
    they bound."""
    out, spans, pos, last = [], [], 0, 0
    for m in _BOUND.finditer(text):
        out.append(text[last:m.start()])
        pos += m.start() - last
        inner = m.group(1)
        out.append(inner)
        spans.append((pos, pos + len(inner)))
        pos += len(inner)
        last = m.end()
    out.append(text[last:])
    return "".join(out), tuple(spans)


def plain(text: str) -> str:
    """The text as printed: the no-break braces taken out (the preflight expects this)."""
    return unmark(text)[0]


WORDS = Path(__file__).resolve().parent / "data" / "jieba-words-60k.txt"


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba with the package's word list (layout/page/data/README.md): the 60,000 most
    frequent words of its dictionary load in a quarter of the full list's time."""
    import logging

    from layout import import_hiding
    # jieba imports setuptools' pkg_resources (0.25–0.5 s) only to open its own package
    # files; without it, it opens them by path, the same files
    jieba = import_hiding("jieba", "pkg_resources")
    jieba.setLogLevel(logging.WARNING)        # no "Building prefix dict…" on the console
    tk = jieba.Tokenizer(dictionary=str(WORDS))
    tk.initialize()
    return tk


@lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[int, ...]:
    starts, pos = [], 0
    for word in _tokenizer().cut(text, HMM=True):
        starts.append(pos)
        pos += len(word)
    return tuple(starts)


def compose_display(text: str, run_of, measure: float, metrics, settings):
    """Display text composed at ``measure``: as one line when it fits, else again broken only
    between words (``settings.breaks``); ``run_of(clean text)`` gives its composer Run."""
    from layout.compose import compose_paragraph
    clean, bound = unmark(text)
    run = (run_of(clean),)
    lines = compose_paragraph(run, measure, metrics, settings)
    if len(lines) < 2:
        return lines
    return compose_paragraph(run, measure, metrics,
                             settings._replace(breaks=word_breaks(clean, bound)))


def forced_splits(text: str, lines, breaks: frozenset[int] | None) -> int:
    """How many of the lines of ``text`` end inside a word (a word wider than the measure
    must be split): the line ends that are not in ``breaks``."""
    if breaks is None:
        return 0
    count, pos = 0, 0
    for ln in lines[:-1]:
        pos = text.index(ln.text, pos) + len(ln.text) if ln.text else pos
        nxt = pos
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        count += nxt not in breaks
    return count


def word_breaks(text: str, bound: tuple[tuple[int, int], ...] = ()) -> frozenset[int]:
    """Offsets of ``text`` where a line may break: the starts of its words, none inside a
    bound span."""
    return frozenset(k for k in _segments(text)
                     if not any(a < k < b for a, b in bound))
