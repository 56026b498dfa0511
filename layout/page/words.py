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
words, 0.5–4 s for its full dictionary), and a headline needs a few hundred look-ups. Its HMM
is searched the same way (data/hmm.txt; jieba.finalseg's tables are 1.3 MB of Python
dictionaries, ~30 ms to import with jieba). The segmentation is jieba 0.42.1's
(`Tokenizer.cut(text, HMM=True)`, reproduced below step by step: the same words, tests/page/
test_words.py compares them); a build does not import jieba. Results are cached per text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
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


class _Sorted:
    """Lines sorted by their UTF-8 bytes after `head` header lines, searched in place."""

    def __init__(self, data: bytes, head: int):
        self.first = 0
        for _ in range(head):
            self.first = data.index(b"\n", self.first) + 1
        self.data = data

    def line_from(self, key: bytes) -> bytes:
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


class _Words(_Sorted):
    """The word list: `total N`, then `word frequency` lines sorted by their UTF-8 bytes
    (scripts/make_word_list.py). A word sorts before every longer word it begins, so the
    first line not below a fragment tells whether the fragment is a word, the beginning of
    one, or neither."""

    def __init__(self, data: bytes):
        super().__init__(data, 1)
        self.total = int(data[:self.first].split()[1])
        self.seen: dict[str, int | None] = {}

    def freq(self, frag: str) -> int | None:
        """The frequency of `frag`: > 0 a word, 0 only the beginning of words, None neither
        (jieba's prefix dictionary: every prefix of a word with frequency 0)."""
        hit = self.seen.get(frag, -1)
        if hit != -1:
            return hit
        key = frag.encode()
        line = self.line_from(key)
        if not line.startswith(key):
            out = None
        elif line[len(key):len(key) + 1] == b" ":
            out = int(line[len(key) + 1:])
        else:
            out = 0
        self.seen[frag] = out
        return out


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words(WORDS.read_bytes())


_SIGNS = frozenset("+#&._%-")
_SKIP = re.compile("(\r\n|\\s)")        # jieba/__init__.py re_skip_default


def _word_char(c: str) -> bool:
    """In jieba 0.42.1's re_han_default, [\\u4E00-\\u9FD5a-zA-Z0-9+#&\\._%\\-]: tested
    here, for that character class takes a cold process 5–14 ms to compile."""
    return ("\u4e00" <= c <= "\u9fd5" or "a" <= c <= "z" or "A" <= c <= "Z"
            or "0" <= c <= "9" or c in _SIGNS)


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fd5"        # jieba.finalseg's re_han


def _runs(text: str, inside) -> list[tuple[bool, str]]:
    """`text` split into its longest runs of characters `inside` or not: re.split of the
    class's + with a group, without the empty pieces."""
    return [(k, "".join(g)) for k, g in groupby(text, inside)]


def _cut(text: str):
    """jieba's `Tokenizer.cut(text, HMM=True)`: word-like blocks segmented, whitespace
    runs and other characters one by one."""
    for word_like, blk in _runs(text, _word_char):
        if word_like:
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


HMM = WORDS.parent / "hmm.txt"
MIN_FLOAT = -3.14e100          # jieba.finalseg's log probability of what it never saw
_BEFORE = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}    # jieba.finalseg.PrevStatus
_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


class _Hmm(_Sorted):
    """jieba.finalseg's model (scripts/make_word_list.py wrote it to data/hmm.txt): the start
    and transition log probabilities of the states B M E S (a word's beginning, middle, end,
    a single character), and each character's emission log probabilities, searched in
    place (jieba's module is 1.3 MB of Python dictionaries, ~30 ms to import)."""

    def __init__(self, data: bytes):
        super().__init__(data, 2)
        start, trans = data[:self.first].decode().splitlines()
        self.start = dict(zip("BMES", map(float, start.split())))
        self.trans = {}
        for pair in trans.split():
            states, p = pair.split("=")
            self.trans[states[0], states[2]] = float(p)
        self.seen: dict[str, dict[str, float]] = {}

    def emit(self, ch: str) -> dict[str, float]:
        hit = self.seen.get(ch)
        if hit is None:
            key = ch.encode() + b" "
            line = self.line_from(key)
            ps = line[len(key):].split() if line.startswith(key) else [b"-"] * 4
            hit = self.seen[ch] = {s: MIN_FLOAT if p == b"-" else float(p)
                                   for s, p in zip("BMES", ps)}
        return hit

    def states(self, obs: str) -> list[str]:
        """jieba.finalseg.viterbi: the most probable states of `obs`, the same sums in the
        same order and the same ties (a higher state letter wins)."""
        v = {y: self.start[y] + self.emit(obs[0])[y] for y in "BMES"}
        path = {y: [y] for y in "BMES"}
        for ch in obs[1:]:
            em, nv, npath = self.emit(ch), {}, {}
            for y in "BMES":
                prob, state = max((v[y0] + self.trans.get((y0, y), MIN_FLOAT) + em[y], y0)
                                  for y0 in _BEFORE[y])
                nv[y], npath[y] = prob, path[state] + [y]
            v, path = nv, npath
        return path[max((v[y], y) for y in "ES")[1]]

    def cut(self, sentence: str):
        """jieba.finalseg.cut: Han runs cut by their states, the rest into Latin and digit
        runs (a decimal, a percent) and what lies between."""
        for han, blk in _runs(sentence, _han):
            if han:
                yield from self._words(blk)
            else:
                yield from (x for x in _HMM_SKIP.split(blk) if x)

    def _words(self, text: str):
        begin, nexti = 0, 0
        for i, pos in enumerate(self.states(text)):
            if pos == "B":
                begin = i
            elif pos == "E":
                yield text[begin:i + 1]
                nexti = i + 1
            elif pos == "S":
                yield text[i]
                nexti = i + 1
        if nexti < len(text):
            yield text[nexti:]


@lru_cache(maxsize=1)
def _hmm():
    return _Hmm(HMM.read_bytes()).cut


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
