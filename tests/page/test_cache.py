"""cache: content keys that ignore source positions, and the one-issue BlockCache."""
from __future__ import annotations

from layout.issue.model import Paragraph, Place, Span, Story, Where
from layout.page.cache import BlockCache, content_key
from layout.page.formats import BROADSHEET, TABLOID


def story(line: int, body: str = "正文", col: int = 1, headline: str = "标题") -> Story:
    w = Where("issue.yaml", line, 3)
    return Story("s", headline, (Paragraph((Span(body),), Where("issue.yaml", line + 2, 5)),),
                 Place(col, 2, 1, None, None, Where("issue.yaml", line + 4, 7)), w)


def test_content_key_ignores_where_at_every_level():
    a, b = story(10), story(250)             # the story moved down the file: same content
    assert a != b
    assert content_key(a) == content_key(b)
    assert hash(content_key(a)) == hash(content_key(b))


def test_content_key_sees_copy_place_and_headline():
    base = content_key(story(10))
    assert content_key(story(10, body="正文。")) != base
    assert content_key(story(10, col=2)) != base
    assert content_key(story(10, headline="标题二")) != base


def test_content_key_names_the_type_and_turns_lists_into_tuples():
    assert content_key([Span("a"), Span("b", True)]) == (("Span", "a", False),
                                                          ("Span", "b", True))
    assert content_key(Where("p", 1, 2)) == ("Where", "p", 1, 2)   # only fields named where go
    assert content_key(BROADSHEET) != content_key(TABLOID)
    assert content_key(3.5) == 3.5


def _maker(calls: list):
    """make(v): a builder of the value v that notes each call in `calls`."""
    return lambda v: (lambda: calls.append(v) or v)


def test_hits_and_misses_counted_and_make_called_once():
    calls, cache = [], BlockCache()
    make = _maker(calls)
    assert cache.get("a", make("A")) == "A"
    assert cache.get("a", make("other")) == "A"          # a hit never calls make
    assert cache.get("b", make("B")) == "B"
    assert (cache.hits, cache.misses, calls) == (1, 2, ["A", "B"])


def test_new_build_keeps_only_what_the_last_build_used():
    calls, cache = [], BlockCache()
    make = _maker(calls)
    cache.get("a", make(1)), cache.get("b", make(2))     # build 1: a and b
    cache.new_build()
    assert (cache.hits, cache.misses) == (0, 0)           # counts are per build
    cache.get("a", make(1))                               # build 2 uses a only
    assert (cache.hits, cache.misses) == (1, 0)
    cache.new_build()                                     # b was not used by build 2: dropped
    cache.get("b", make(2))
    cache.get("a", make(1))
    assert (cache.hits, cache.misses) == (1, 1)
    assert calls == [1, 2, 2]


def test_a_failed_build_drops_nothing():
    calls, cache = [], BlockCache()
    make = _maker(calls)
    cache.get("a", make(1)), cache.get("b", make(2))     # build 1: a good one
    cache.new_build()
    cache.get("a", make(1))                               # build 2 fails after a only
    cache.new_build(last_failed=True)                     # build 3 after the fix
    cache.new_build(last_failed=True)                     # … or a second failure first
    cache.get("a", make(1)), cache.get("b", make(2))
    assert (cache.hits, cache.misses, calls) == (2, 0, [1, 2])


def test_a_remembered_sound_grid_answers_as_a_fresh_check():
    """page.places.check_places remembers sound grids (grid_key): over random moves of the
    sample page's blocks and heading keys, some sound, most not, and each seen twice, it
    answers what check_grid finds on the page."""
    import random
    from layout.issue.loader import load_issue
    from layout.page import places
    from layout.page.places import check_grid, check_places, page_format, resolve_foot
    from tests.kit.paths import SAMPLE
    page = load_issue(str(SAMPLE)).pages[0]
    rng = random.Random(16)
    pages = [page]
    for _ in range(60):
        stories = list(page.stories)
        k = rng.randrange(len(stories))
        s = stories[k]
        p = s.place._replace(col=max(1, s.place.col + rng.choice((-1, 0, 0, 1))),
                             row=max(1, s.place.row + rng.choice((-2, 0, 0, 2))))
        s = s._replace(place=p, head_span=rng.choice((None, None, 2, 9)))
        stories[k] = s
        pages.append(page._replace(stories=tuple(stories)))
    places._SOUND.clear()
    found = set()
    for p in pages + pages:
        fmt = page_format(p)
        fresh = check_grid(resolve_foot(p, fmt), fmt)
        assert check_places(p) == fresh
        found.add(bool(fresh))
    assert found == {True, False}
