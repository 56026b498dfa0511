"""Where a Latin unit of a prepared paragraph may be broken: dictionary hyphenation of words,
and the break points of runs that are not words (URLs, paths, code points).

docs/typesetting-rules.md §1.6 is the rule this module implements:
  - A word is the letters of a Latin unit once the punctuation and brackets that touch it are
    set aside ("characters." "(RGB)" "MARK," are the words characters, RGB, MARK): marks never
    make a word into a URL-like run.
  - A word is hyphenated only where the dictionary allows (pyphen, the Hunspell hyphenation
    patterns WeasyPrint and LibreOffice use; en_US by default, ``Settings.hyphenate``), with at
    least ``LEFT`` letters before the break and ``RIGHT`` after it; never a word of capitals
    only (an acronym: BLACK, RGB) or one holding a digit (IPv6). A word with its own hyphen
    breaks after that hyphen first (a soft point, ``Glyphs.soft``; "center-|aligned").
  - A run that is not a word (a URL, a path, a code point, an identifier) has no dictionary
    point: it breaks only after one of ``/ . - _ ? & =`` followed by a letter or digit (a soft
    point, set by compose.prepare), or before the "U+" of a following code point; never between
    two of its letters without a mark.

The dictionary is read on first use, its patterns parsed as a word needs them (_Patterns:
en_US read in ~9 ms where pyphen parses all of its 11,125 patterns in ~42 ms, the same
points), and its answers are cached per word.
"""
from __future__ import annotations

from functools import lru_cache

LEFT, RIGHT = 2, 3            # letters kept before / after a dictionary break
_INNER = frozenset("-'’")     # inside a word: "state-of-the-art", "don't"


@lru_cache(maxsize=8)
def _dictionary(lang: str):
    """The hyphenation patterns pyphen ships for ``lang`` (None when it has none by that
    name): _Patterns, or pyphen's own reading of a file _Patterns does not read."""
    import pyphen
    name = pyphen.language_fallback(lang)
    if name is None:
        return None
    path = pyphen.LANGUAGES[name]
    return _Patterns.read(path) or pyphen.Pyphen(filename=path, left=LEFT, right=RIGHT)


def known_language(lang: str) -> bool:
    """Does pyphen ship hyphenation patterns for ``lang`` (en_US, de_DE, fr …)? (Found as
    pyphen.Pyphen finds them, without reading them.)"""
    import pyphen
    return pyphen.language_fallback(lang) is not None


_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
            "COMPOUNDRIGHTHYPHENMIN")     # pyphen's: lines that are no pattern


class _Patterns:
    """A Hunspell hyphenation file as pyphen.HyphDict reads it, each pattern parsed when a
    word first looks it up: a word of 10 letters looks up ~60 strings, a page's words a few
    hundred patterns of the 11,125 of en_US that pyphen parses all of before the first
    word (42 ms a process; reading the lines and their letters, ~9 ms). `positions` are
    pyphen.Pyphen(left=LEFT, right=RIGHT).positions (tests/compose/test_hyphenate.py
    compares them)."""

    def __init__(self, raw: dict[str, str]):
        self.raw = raw                                  # letters -> the pattern's line
        self.parsed: dict[str, tuple | None] = {}
        self.maxlen = max(map(len, raw), default=0)

    @classmethod
    def read(cls, path) -> "_Patterns | None":
        """The file's patterns by their letters; None for what only pyphen reads: ^^hh
        escapes, nonstandard hyphenation (a "/"), a pattern's letters given twice."""
        import re
        with path.open("rb") as fd:
            encoding = fd.readline().decode()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        text = path.read_text(encoding)
        if "^^" in text or "/" in text:
            return None
        raw: dict[str, str] = {}
        lines = 0
        for line, letters in zip(text.split("\n")[1:], re.sub(r"\d", "", text).split("\n")[1:]):
            line = line.strip()
            if line and not line.startswith(_IGNORED):
                raw[letters.strip()] = line
                lines += 1
        return cls(raw) if len(raw) == lines else None

    def _pattern(self, letters: str):
        """(offset, values) of the pattern of these letters, as pyphen.HyphDict keeps it;
        None: no pattern, or one of zeros only (pyphen drops those). Only the file's
        patterns are kept parsed (at most its 11,125 for en_US): a word looks up ~60
        strings, nearly all no pattern, and keeping those too grew without bound in a
        resident process (20,000 different words: 680,000 kept, 54 MB)."""
        line = self.raw.get(letters)
        if line is None:
            return None
        try:
            return self.parsed[letters]
        except KeyError:
            pass
        import pyphen
        values = [int(i or "0") for i, _ in pyphen.parse(line)]
        got = None
        if max(values):
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            got = start, tuple(values[start:end])
        self.parsed[letters] = got
        return got

    def positions(self, word: str) -> list[int]:
        """pyphen.HyphDict.positions, less the points closer than LEFT / RIGHT letters to
        the word's ends (pyphen.Pyphen.positions)."""
        pointed = f".{word.lower()}."
        refs = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + self.maxlen, len(pointed)) + 1):
                pattern = self._pattern(pointed[i:j])
                if pattern is None:
                    continue
                offset, values = pattern
                at = slice(i + offset, i + offset + len(values))
                refs[at] = map(max, values, refs[at])
        right = len(word) - RIGHT
        return [i - 1 for i, r in enumerate(refs) if r % 2 and LEFT <= i - 1 <= right]


_CACHE: dict[tuple[str, str], tuple[int, ...]] = {}


def word_points(word: str, lang: str) -> tuple[int, ...]:
    """Offsets inside ``word`` (letters only) where the dictionary allows a hyphen."""
    key = (lang, word)
    got = _CACHE.get(key)
    if got is None:
        if word.isupper() or not word.isalpha():
            got = ()                      # an acronym, or a digit inside: never hyphenated
        else:
            dic = _dictionary(lang)
            got = tuple(p for p in dic.positions(word)) if dic is not None else ()
            got = tuple(p for p in got if LEFT <= p <= len(word) - RIGHT)
        if len(_CACHE) > 50_000:
            _CACHE.clear()
        _CACHE[key] = got
    return got


def core(chars: list[str], s: int, e: int) -> tuple[int, int]:
    """The word inside glyphs s..e-1 of a Latin unit: the span left when the punctuation and
    brackets at its two ends are set aside ((-1, -1) when nothing is left)."""
    while s < e and not chars[s].isalnum():
        s += 1
    while e > s and not chars[e - 1].isalnum():
        e -= 1
    return (s, e) if s < e else (-1, -1)


def is_word(chars: list[str], s: int, e: int) -> bool:
    """Letters, with - ' ’ only between letters: a word, not a URL, a number or a code."""
    if s < 0 or not chars[s].isalpha() or not chars[e - 1].isalpha():
        return False
    return all(c.isalpha() or c in _INNER for c in chars[s:e])


def unit_points(chars: list[str], s: int, e: int, lang: str) -> list[int]:
    """Glyph indices i in s..e-1 where the unit s..e-1 may break with an added hyphen: the
    dictionary points of its word (each part between inner hyphens on its own)."""
    a, b = core(chars, s, e)
    if not is_word(chars, a, b):
        return []
    out = []
    p = a
    while p < b:
        q = p
        while q < b and chars[q].isalpha():
            q += 1
        if q - p >= LEFT + RIGHT:
            out += [p + k for k in word_points("".join(chars[p:q]), lang)]
        p = q + 1                         # past the inner - or '
    return out
