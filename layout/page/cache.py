"""A cache of laid-out blocks, keyed by content, for rebuilds in a warm process (`layout
watch`): after an edit only the blocks whose copy, place or style changed are composed again.

The key of a block is its content with every source position (`where`) left out, so moving
a story down the issue file, or editing the story above it, does not invalidate it; plus
everything else its layout depends on (the page format, the punctuation style). A cache
belongs to one FontSet: metrics are part of what a block's layout depends on.
"""
from __future__ import annotations

from typing import Callable, Hashable

from layout import by_identity
from layout.issue.model import GroupItem, Paragraph


_KEYS: dict[int, tuple] = {}    # id of a tuple of paragraphs -> (the tuple, its key)
KEYS_KEPT = 4096
_COPY = (Paragraph, GroupItem)


def content_key(value) -> Hashable:
    """A hashable rendering of a model value without its source positions. The key of a
    tuple of paragraphs (a story's body, a group's items) is remembered by its identity
    (the model is immutable; the entry holds the tuple, so its id stays its own): a warm
    process's loader brings an unchanged story's paragraphs back as the same tuple
    (issue.validate.Checked), and walking them was ~0.1 ms of every warm edit."""
    fields = getattr(value, "_fields", None)       # a model value (a named tuple)
    if fields is not None:
        return (type(value).__name__,) + tuple(
            content_key(getattr(value, f)) for f in fields if f != "where")
    if type(value) is tuple and value and isinstance(value[0], _COPY):
        hit = _KEYS.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        key = tuple(content_key(v) for v in value)
        if len(_KEYS) >= KEYS_KEPT:
            _KEYS.clear()
        _KEYS[id(value)] = (value, key)
        return key
    if isinstance(value, (tuple, list)):
        return tuple(content_key(v) for v in value)
    return value


class BlockCache:
    """Laid-out blocks by content key. Bounded: entries not used by the last build are
    dropped at the start of the next one (`new_build`), so the cache holds one issue."""

    def __init__(self) -> None:
        self._entries: dict = {}
        self._used: set = set()
        self.hits = self.misses = 0
        self._keys: tuple[dict, dict] = ({}, {})    # id(value) -> (value, content key)

    def key(self, value) -> Hashable:
        """content_key(value), once per value object (a tuple: per element) while it is
        used build after build: a warm process's loader makes an unchanged story the same
        Story object (issue.validate.Checked.made), whose key was ~30 calls to make."""
        if type(value) is tuple:
            return tuple(self.key(v) for v in value)
        return by_identity(self._keys, value, content_key)

    def new_build(self, last_failed: bool = False) -> None:
        """Start counting a build. After a failed build (`last_failed`) nothing is dropped:
        it stopped before using the blocks of the last good one, which the next build will
        want again (a typo fixed at 10 p.m. must not make the next build cold)."""
        if last_failed:
            self._used |= set(self._entries)
            self._keys = ({**self._keys[0], **self._keys[1]}, {})
        else:
            self._entries = {k: v for k, v in self._entries.items() if k in self._used}
            self._used = set()
            self._keys = (self._keys[1], {})
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], object], counted: bool = True):
        """The value kept for `key`, else make() kept. `counted`: a block (hits and misses
        are what watch and the desk report); the page furniture is kept uncounted."""
        self._used.add(key)
        if key in self._entries:
            self.hits += counted
            return self._entries[key]
        self.misses += counted
        value = self._entries[key] = make()
        return value
