"""The composer's values: what goes in (``Run``, a ``Metrics``) and what comes out (``Line`` of
``PlacedGlyph``). Re-exported by ``layout.compose``, which is where callers import them from.

Units: sizes and positions in pt; ``Run.space_after`` and ``Metrics.advance`` in em (em = the
run's size = the width of one Han character).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

PunctStyle = Literal["quanjiao", "kaiming", "banjiao"]   # 全角式 (default) / 开明式 / 半角式
Align = Literal["justify", "start", "center", "end", "distribute"]

# pt. Widths are sums of floats: compare with a hair of slack (a millionth of a point is far
# below anything a printer or the 0.01-pt tests can see).
EPS = 1e-6


class Metrics(Protocol):
    def advance(self, face: str, ch: str) -> float: ...   # advance width in em; Han = 1.0


@dataclass(frozen=True)
class Run:
    text: str
    face: str                       # font key given to Metrics.advance, e.g. "song", "hei"
    size: float                     # pt
    latin_face: str | None = None   # face for Latin letters and digits (None = same as face)
    space_after: float = 0.0        # fixed space in em after the run (run-in head); never stretched


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    ch: str       # one character of the input; spaces are not emitted
    x: float      # pt from the line start to the glyph's ORIGIN (not its ink)
    face: str
    size: float
    # True for a glyph the composer adds that is NOT a character of the input: only the "-"
    # (U+002D) drawn at the end of a line whose Latin word was split by emergency hyphenation
    # (compose_break). It is drawn like any glyph and counted in ``Line.width``, but it is not
    # in ``Line.text``; at most one per line, always the line's last glyph.
    added: bool = False


@dataclass(frozen=True)
class Line:
    glyphs: tuple[PlacedGlyph, ...]
    width: float     # pt from 0 to the end of the last glyph's box (line-end mark counted ½ em)
    is_last: bool    # last line of its paragraph
    text: str        # this line's characters exactly as in the input (break spaces dropped;
                     # an added hyphen, ``PlacedGlyph.added``, is not in it)

    @property
    def hyphenated(self) -> bool:
        """The line ends with an added hyphen (an emergency split of a Latin word)."""
        return bool(self.glyphs) and self.glyphs[-1].added
