"""What layout hands to the writers: immutable placed items per page, in page coordinates
(pt, origin at the top-left corner of the trimmed page, y growing downwards). The PDF writer
and the text dump replay these and decide nothing.
"""
from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from typing import NamedTuple, Union

from layout.compose import Line
from layout.page.formats import Format


class Bar(NamedTuple):
    """A run of 破折号 — drawn as one solid bar (docs/fonts.md#glyph-traps: the fonts' — has
    side bearings, so —— would print with a gap): glyphs [first, end) of its line stay as
    invisible text (they still read ——); x from the line start, y the bar's bottom above the
    baseline, in pt. Decided by page.finish, drawn by the writer."""
    first: int
    end: int
    x: float
    y: float
    w: float
    h: float


class ActualText(NamedTuple):
    """Glyphs [first, end) of a line read as `text`, the copy they set (ISO 32000-1 14.9.4,
    replacement text): where the drawn glyphs alone would extract wrongly — a gap a text
    extractor takes for a space (the ¼-em Han–Latin gap, justification, the space after a
    电头), glyphs pulled together by punctuation compression (an extractor breaks the line
    there), a —— drawn as a bar over two dashes with a gap between them, a copy space between
    Latin words, an added hyphen (read as nothing). Decided by page.finish, written by the
    PDF writer around those glyphs."""
    first: int
    end: int
    text: str


class TextLine(NamedTuple):
    x: float            # where the line starts (its glyph x are relative to this)
    baseline: float
    line: Line
    kind: str           # body, headline, kicker, subhead, byline, title, banner, credit, folio …
    owner: str          # story or group id, or "page"
    gray: float = 0.0   # ink: 0 = solid black (100 % K), 1 = paper white (reversed type)
    bars: tuple[Bar, ...] = ()   # —— bars over glyphs of the line (page.finish)
    # which unit of its owner the line belongs to, counted in reading order from 0: a
    # paragraph, a 小标题, a byline or credit, a name of the footer box; the lines of one
    # heading (引题, 主题, 副题 …) share 0. Lines with the same (owner, kind, para) are one
    # element of the PDF's structure tree (page.reading)
    para: int = 0
    actual: tuple[ActualText, ...] = ()   # replacement text of glyph runs (page.finish)
    overprint: bool = False   # solid black that overprints the inks under it (press.sheet)


class VGlyph(NamedTuple):
    """One glyph of a vertical line (竖题): x from the column's left edge to the glyph's
    origin, y from the column's top to its baseline (upright) or to its origin (turned);
    turn 90 = rotated 90° clockwise, its baseline running down the page (page.vertical)."""
    ch: str
    face: str
    size: float
    x: float
    y: float
    turn: int = 0


class VText(NamedTuple):
    """A column of vertical text (竖排): its glyphs placed from the column's top-left corner,
    `w` × `h` pt; `text` the input characters it sets, in reading order."""
    x: float
    top: float
    w: float
    h: float
    glyphs: tuple[VGlyph, ...]
    kind: str           # headline, kicker, subhead
    owner: str
    gray: float = 0.0   # ink: 0 = solid black, 1 = paper white (reversed type)
    text: str = ""


class Frame(NamedTuple):
    """A frame round a block (page.frames): its style and outer rectangle, and every stroke
    decided (paths in page coordinates; the writer strokes or fills them, 100 % K)."""
    x: float
    y: float
    w: float
    h: float
    style: str
    paths: tuple            # tuple[frames.Path, ...]
    owner: str


class Rule(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    owner: str
    overprint: bool = False   # a thin solid-black rule that overprints (press.sheet)


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: float | None      # gray level of the fill, None = no fill
    stroke: float | None    # stroke width in pt, None = no stroke
    owner: str
    overprint: bool = False  # an unfilled frame of thin solid black that overprints (press.sheet)


class Image(NamedTuple):
    """A raster picture, ad or logo, every decision taken: the rectangle it fills on the page
    (x, y, w, h: the pixels are drawn exactly there, never distorted), the part of the file
    it shows (`crop`, in the file's pixels as displayed), the pixels embedded (`px`, the crop
    down-sampled to at most 300 ppi at the printed size, page.pictures) and the resolution
    the file gives at that size (`ppi`). The press fills `data` (press.pictures: converted to
    the output CMYK or gray, ink-limited, encoded); the writer only embeds it."""
    x: float
    y: float
    w: float
    h: float
    path: str
    owner: str
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    px: tuple[int, int] = (0, 0)
    ppi: float = 0.0
    kind: str = "photo"         # photo, ad or logo
    source: object = None       # issue.model.Source: mode, orientation, where for errors
    data: bytes = b""           # the encoded image (JPEG or raw+Flate), set by press.pictures
    encoding: str = ""          # "jpeg" or "raw": how `data` is to be embedded


class Vector(NamedTuple):
    """Vector artwork (a PDF ad or logo, an SVG logo), kept vector as a form XObject: the
    rectangle it fills (x, y, w, h) and the box of the source it shows (`box`, in the source's
    own pt: a PDF page's TrimBox), scaled without distortion. The press turns an SVG into a
    one-page CMYK PDF first (press.artwork); the finished file gets the page as a form."""
    x: float
    y: float
    w: float
    h: float
    path: str
    owner: str
    box: tuple[float, float, float, float]
    kind: str = "ad"            # ad or logo
    source: object = None       # issue.model.Source


class Marker(NamedTuple):
    """A proof mark, not part of the page: `overset` is drawn at the foot of a block whose
    copy did not fit (only when the editor built with --allow-overset)."""
    x: float
    y: float
    size: float
    kind: str
    owner: str


class Fit(NamedTuple):
    """How a story's copy fits its block, in the units editors cut copy by."""
    owner: str
    columns: int
    capacity_lines: int     # body lines the block holds (all its columns)
    used_lines: int         # body lines the copy needs
    chars: int              # characters of copy
    overset_lines: int      # lines that did not fit (0 when it fits)
    overset_chars: int
    line_chars: int = 0     # characters in one full body line of the block
    widows: int = 0         # widows the block had no room to avoid (flow.balance)
    loose: tuple[str, ...] = ()   # lines justified over the limits (a Han gap over ¼ em, a
                                  # word space over 1 em) that no sequence of breaks of their
                                  # paragraph avoids (compose.totalfit): the copy to change

    @property
    def capacity_chars(self) -> int:
        return self.capacity_lines * self.line_chars

    @property
    def empty_lines(self) -> int:
        return max(0, self.capacity_lines - self.used_lines)


Item = Union[TextLine, VText, Rule, Box, Frame, Image, Vector, Marker]   # what a page holds, in drawing order


class PageLayout(NamedTuple):
    number: int
    name: str
    format: Format
    items: tuple[Item, ...]   # in drawing order
    fits: tuple[Fit, ...]


def owner_runs(items: tuple) -> list[tuple[str, tuple]]:
    """The runs of consecutive items of one owner, in order: (owner, the run's items); what
    the writer draws as one piece and the warm memos keep as one (page.reading,
    page.coverage). Grouped in C (itertools.groupby by the owner field every item has: a
    Python loop over a page's ~400 items ran three times a build); an object without an
    owner counts as owner ""."""
    try:
        return [(owner, tuple(run)) for owner, run in groupby(items, _OWNER)]
    except AttributeError:
        return list(_owner_runs(items))


_OWNER = attrgetter("owner")


def _owner_runs(items: tuple):
    i, n = 0, len(items)
    while i < n:
        owner = getattr(items[i], "owner", "")
        j = i + 1
        while j < n and getattr(items[j], "owner", "") == owner:
            j += 1
        yield owner, items[i:j]
        i = j
