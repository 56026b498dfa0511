"""compose.hyphenate reads pyphen's hyphenation files itself, parsing a pattern when a word
first needs it: its points must be pyphen's own (pyphen.Pyphen(left=LEFT, right=RIGHT)), for
every word, in every language it reads (and a file it does not read is left to pyphen)."""
import random
import re
from pathlib import Path

import pytest

from layout.compose import hyphenate

pyphen = pytest.importorskip("pyphen")
TEXTS = Path(__file__).resolve().parent.parent / "texts"


def _words(lang: str) -> list[str]:
    """Words of the test texts, the letters of every tenth pattern of the language's file
    (each a part some word holds) and random strings of its letters, upper and lower case."""
    words = set(re.findall(r"[A-Za-z]{2,}", " ".join(
        p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.yaml")))))
    hd = pyphen.Pyphen(lang=lang).hd
    parts = sorted(hd.patterns)[::10]
    words |= {p.strip(".") for p in parts if len(p.strip(".")) > 1}
    letters = sorted(set("".join(parts)) - {"."})
    rnd = random.Random(lang)
    for _ in range(3000):
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(2, 16)))
        words.add(w if rnd.random() < 0.8 else w.capitalize())
    return sorted(words)


@pytest.mark.parametrize("lang", ["en_US", "en_GB", "nl_NL", "ru_RU", "fr", "de_DE"])
def test_the_points_are_pyphens(lang):
    hyphenate._dictionary.cache_clear()
    ours = hyphenate._dictionary(lang)
    theirs = pyphen.Pyphen(lang=lang, left=hyphenate.LEFT, right=hyphenate.RIGHT)
    words = _words(lang)
    assert len(words) > 2000
    assert [list(ours.positions(w)) for w in words] == [theirs.positions(w) for w in words]


def test_en_us_is_read_by_its_patterns():
    # the file the issues hyphenate with by default is the one read pattern by pattern (a
    # file with ^^ escapes or nonstandard hyphenation goes to pyphen)
    hyphenate._dictionary.cache_clear()
    assert isinstance(hyphenate._dictionary("en_US"), hyphenate._Patterns)
    assert hyphenate._Patterns.read(pyphen.LANGUAGES["de_DE"]) is None      # has "/"
    assert hyphenate._dictionary("xx_XX") is None


@pytest.mark.parametrize("lang,known", [("en_US", True), ("en", True), ("de-DE", True),
                                         ("fr", True), ("xx", False), ("", False)])
def test_known_language_is_what_pyphen_finds(lang, known):
    assert hyphenate.known_language(lang) is known
    try:
        pyphen.Pyphen(lang=lang)
        found = True
    except KeyError:
        found = False
    assert found is known


def test_only_the_files_patterns_are_kept_parsed():
    # a resident process hyphenates ever new words: what _Patterns keeps is bounded by the
    # file (its patterns), not by the strings the words looked up, nearly all no pattern
    hyphenate._dictionary.cache_clear()
    ours = hyphenate._dictionary("en_US")
    rnd = random.Random(7)
    for _ in range(500):
        ours.positions("".join(rnd.choice("etaoinshrdlu") for _ in range(rnd.randint(6, 12))))
    assert ours.parsed and set(ours.parsed) <= set(ours.raw)
