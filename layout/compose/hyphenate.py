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

The dictionary is loaded on first use (~15 ms for en_US) and its answers are cached per word.
"""
from __future__ import annotations

from functools import lru_cache

LEFT, RIGHT = 2, 3            # letters kept before / after a dictionary break
_INNER = frozenset("-'’")     # inside a word: "state-of-the-art", "don't"


@lru_cache(maxsize=8)
def _dictionary(lang: str):
    """The pyphen dictionary of ``lang`` (None when pyphen has none by that name)."""
    import pyphen
    try:
        return pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)
    except KeyError:
        return None


def known_language(lang: str) -> bool:
    """Does pyphen ship hyphenation patterns for ``lang`` (en_US, de_DE, fr …)?"""
    import pyphen
    try:
        pyphen.Pyphen(lang=lang)
    except KeyError:
        return False
    return True


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
