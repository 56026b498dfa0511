"""Display text (headlines, 引题/副题, 小标题, captions, credits) broken between words.

Body text breaks between any two Han characters (docs/typesetting-rules.md §1.4); display text
is read at a glance and a word or a name torn across two lines of a headline reads wrong, so
it breaks only at word boundaries (docs/typesetting-rules.md §4.6):

  - the words come from jieba's dictionary and method (jieba: the Chinese segmenter most
    Chinese text tools use; MIT): the most probable path through the words of the text
    found in the dictionary, its HMM for runs of characters no word covers (names);
  - an editor binds what must stay together with braces: ``{林晓雯}``, ``{四川省科学技术协会}``
    — the braces are marks, not text; a brace without its partner is text;
  - a line break typed in a headline is a break (page.blocks splits on it), not a space.

The package ships the 60,000 most frequent words of jieba's dictionary (data/words-60k.txt),
sorted, and looks words up by binary search in the file's bytes: jieba's own loader builds a
prefix dictionary of every word before the first cut (0.2–0.5 s in a fresh process for these
words, 0.5–4 s for its full dictionary), and a headline needs a few hundred look-ups. The
segmentation is jieba's (`Tokenizer.cut(text, HMM=True)`, reproduced below step by step, the
same words); jieba itself is imported only for its HMM (jieba.finalseg, ~45 ms), when a run of
unknown characters needs it. Results are cached per text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from math import log
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


WORDS = Path(__file__).resolve().parent / "data" / "words-60k.txt"


class _Words:
    """The word list searched in place: `total N`, then `word frequency` lines sorted by
    their UTF-8 bytes (scripts/make_word_list.py). A word sorts before every longer word it
    begins, so the first line not below a fragment tells whether the fragment is a word, the
    beginning of one, or neither."""

    def __init__(self, data: bytes):
        self.first = data.index(b"\n") + 1
        self.total = int(data[:self.first].split()[1])
        self.data = data
        self.seen: dict[str, int | None] = {}

    def freq(self, frag: str) -> int | None:
        """The frequency of `frag`: > 0 a word, 0 only the beginning of words, None neither
        (jieba's prefix dictionary: every prefix of a word with frequency 0)."""
        hit = self.seen.get(frag, -1)
        if hit != -1:
            return hit
        key = frag.encode()
        line = self._line_from(key)
        if not line.startswith(key):
            out = None
        elif line[len(key):len(key) + 1] == b" ":
            out = int(line[len(key) + 1:])
        else:
            out = 0
        self.seen[frag] = out
        return out

    def _line_from(self, key: bytes) -> bytes:
        """The first line not below `key` (b"" past the end): binary search over the lines'
        starts, each found from a midpoint by the newline before it."""
        data, lo, hi = self.data, self.first, len(self.data)
        while lo < hi:               # lo: a line's start; lines before lo < key <= at hi
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo - 1, mid) + 1
            end = data.find(b"\n", start)
            if data[start:end] < key:
                lo = end + 1
            else:
                hi = start
        return data[lo:data.find(b"\n", lo)] if lo < len(data) else b""


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words(WORDS.read_bytes())


# jieba 0.42.1's blocks (jieba/__init__.py re_han_default, re_skip_default)
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")


def _cut(text: str):
    """jieba's `Tokenizer.cut(text, HMM=True)`: word-like blocks segmented, whitespace
    runs and other characters one by one."""
    for blk in _HAN.split(text):
        if not blk:
            continue
        if _HAN.match(blk):
            yield from _cut_block(blk)
            continue
        for x in _SKIP.split(blk):
            if _SKIP.match(x):
                yield x
            else:
                yield from x


def _route(sentence: str, words: _Words) -> list[int]:
    """Where the most probable word starting at each position ends (jieba's get_DAG and
    calc: the words found, the log frequencies summed to the end, the same arithmetic)."""
    n = len(sentence)
    logtotal = log(words.total)
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    for k in range(n - 1, -1, -1):
        ends, i = [], k
        while i < n:
            f = words.freq(sentence[k:i + 1])
            if f is None:
                break
            if f:
                ends.append(i)
            i += 1
        route[k] = max((log(words.freq(sentence[k:x + 1]) or 1) - logtotal
                        + route[x + 1][0], x) for x in ends or (k,))
    return [end for _, end in route]


def _cut_block(sentence: str):
    """jieba's __cut_DAG: the route's words; single characters run together are given to
    the HMM (jieba.finalseg) when the run is not itself a word."""
    words = _words()
    ends = _route(sentence, words)
    x, buf, n = 0, "", len(sentence)
    while x < n:
        y = ends[x] + 1
        if y - x == 1:
            buf += sentence[x:y]
        else:
            yield from _unknown(buf, words)
            buf = ""
            yield sentence[x:y]
        x = y
    yield from _unknown(buf, words)


def _unknown(buf: str, words: _Words):
    if len(buf) < 2:
        if buf:
            yield buf
    elif words.freq(buf):
        yield from buf
    else:
        yield from _hmm()(buf)


@lru_cache(maxsize=1)
def _hmm():
    from layout import import_hiding
    # jieba imports setuptools' pkg_resources (0.25–0.5 s) only to open its own package
    # files; without it, it opens them by path, the same files
    import_hiding("jieba", "pkg_resources")
    from jieba import finalseg
    return finalseg.cut


@lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[int, ...]:
    starts, pos = [], 0
    for word in _cut(text):
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
