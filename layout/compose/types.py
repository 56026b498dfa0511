"""The composer's values: what goes in (``Run``, ``Settings``, a ``Metrics``) and what comes
out (``Line`` of ``PlacedGlyph``). Re-exported by ``layout.compose``, which is where callers
import them from.

Units: sizes and positions in pt; ``Run.space_after``, ``Settings.indent`` and
``Metrics.advance`` in em (em = the run's size = the width of one Han character).
Named tuples, not dataclasses: immutable all the same, and a tenth of the cost to define at
import (a frozen dataclass is ~1.5 ms to create here, a named tuple ~0.25 ms) and to build
(a page makes ~5,000 PlacedGlyphs).
"""
from __future__ import annotations

from typing import Literal, NamedTuple, Protocol

PunctStyle = Literal["quanjiao", "kaiming", "banjiao"]   # 全角式 (default) / 开明式 / 半角式
Align = Literal["justify", "start", "center", "end", "distribute"]

# pt. Widths are sums of floats: compare with a hair of slack (a millionth of a point is far
# below anything a printer or the 0.01-pt tests can see).
EPS = 1e-6


class Metrics(Protocol):
    def advance(self, face: str, ch: str) -> float: ...   # advance width in em; Han = 1.0


class Run(NamedTuple):
    text: str
    face: str                       # font key given to Metrics.advance, e.g. "song", "hei"
    size: float                     # pt
    latin_face: str | None = None   # face for Latin letters and digits (None = same as face)
    space_after: float = 0.0        # fixed space in em after the run (run-in head); never stretched


class Settings(NamedTuple):
    """How a paragraph is set (docs/typesetting-rules.md §2–§4)."""
    indent: float = 2.0             # first-line indent in em of the first run's size (§4.1);
                                    # leading U+3000/U+0020 of the copy are never set as space
    align: Align = "justify"        # justify: every line but the last flush both edges (§3);
                                    # distribute 均排: every line flush, the last too;
                                    # start / center / end: natural width, aligned
    punct: PunctStyle = "quanjiao"  # the punctuation style of the whole issue (§2.3)
    bind_units: bool = True         # a number keeps its Latin unit on its line: 50km (§1.4)
    fix_orphans: bool = True        # the 孤字 look-back (§4.2); off only to measure its effect
    hyphenate: str = "en_US"        # the dictionary Latin words are hyphenated by (§1.6);
                                    # "" = never hyphenate (a split still gets a hyphen)
    total_fit: bool = True          # choose a justified paragraph's breaks together (§3.6);
                                    # off only to measure its effect (first fit)
    breaks: frozenset[int] | None = None   # text offsets where a line may break, if only there:
                                    # word starts of a headline (§4.6); None = wherever the
                                    # rules allow


class Slot(NamedTuple):
    """One line to set: glyphs first..last of the prepared paragraph, in ``avail`` pt, starting
    ``start`` pt from the line's origin (the first line's indent)."""
    first: int
    last: int
    avail: float
    start: float = 0.0


class PlacedGlyph(NamedTuple):
    ch: str       # one character of the input; spaces are not emitted
    x: float      # pt from the line start to the glyph's ORIGIN (not its ink)
    face: str
    size: float
    # True for a glyph the composer adds that is NOT a character of the input: only the "-"
    # (U+002D) drawn at the end of a line whose Latin word was split by emergency hyphenation
    # (compose.linebreak). It is drawn like any glyph and counted in ``Line.width``, but it is
    # not in ``Line.text``; at most one per line, always the line's last glyph.
    added: bool = False


class Line(NamedTuple):
    glyphs: tuple[PlacedGlyph, ...]
    width: float     # pt from 0 to the end of the last glyph's box (line-end mark counted ½ em)
    is_last: bool    # last line of its paragraph
    text: str        # this line's characters exactly as in the input (break spaces dropped;
                     # an added hyphen, ``PlacedGlyph.added``, is not in it)
    loose: bool = False  # justified with a Han gap over ¼ em or a word space over 1 em: no
                         # sequence of breaks of the paragraph avoids it (compose.totalfit)

    @property
    def hyphenated(self) -> bool:
        """The line ends with an added hyphen (an emergency split of a Latin word)."""
        return bool(self.glyphs) and self.glyphs[-1].added
