"""Print production, the sheet: where the trimmed page sits on the PDF page, and its bleed.

Layout places items in trimmed-page coordinates. The writer puts each page on a larger PDF
page (MediaBox) and *translates* the content by the room around the trim, so nothing is ever
scaled (ReportLab's own bleed option scales the artwork instead):

    MediaBox ⊇ BleedBox ⊇ TrimBox, TrimBox exactly the format's trim

ISO 32000-1:2008 14.11.2 (page boundaries) defines the boxes; ISO 15930-1:2001 (PDF/X-1a) and
ISO 15930-7:2010 (PDF/X-4) require a TrimBox (or ArtBox) on every page and the BleedBox, when
present, inside the MediaBox and around the TrimBox. Figures (docs/newspaper-conventions.md,
print production): bleed 3 mm where elements run to the edge; crop marks outside the bleed
(press.marks draws them in the slug computed here).

Boxes are computed in Decimal, rounded to 0.0001 pt once, so the nesting is exact in the file.
`impose` runs before the writer: elements at a trim edge are carried into the bleed there, so
the text dump shows what the PDF will show.
"""
from __future__ import annotations

from typing import NamedTuple

from decimal import Decimal

from layout.page.formats import MM
from layout.page.items import Box, Image, PageLayout, Rule
from layout.press.overprint import set_overprint

AUTO_BLEED_MM = 3.0      # docs/newspaper-conventions.md: bleed 3 mm where elements run to the edge
EDGE = 0.5               # pt: an item this close to a trim edge "runs to the edge"
MARK_OFFSET_MM = 3.0     # crop marks start this far from the trim, and never inside the bleed
MARK_LEN_MM = 6.0        # crop-mark length; the band that also holds targets and colour bar
SLUG_PAD_MM = 2.0        # paper beyond the marks

_Q = Decimal("0.0001")


def q(v: float) -> Decimal:
    """A length rounded once for the file (0.0001 pt = 35 nm)."""
    return Decimal(repr(float(v))).quantize(_Q)


class Sheet(NamedTuple):
    """One PDF page: the trimmed page, its bleed and the slug around it, all in pt."""
    trim_w: Decimal
    trim_h: Decimal
    bleed: Decimal        # on every side
    slug: Decimal         # room outside the bleed for marks (0 without marks)
    marks: bool
    colorbar: bool

    @property
    def inset(self) -> Decimal:
        """From the MediaBox's edge to the TrimBox's edge."""
        return self.bleed + self.slug

    @property
    def media(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        return (Decimal(0), Decimal(0), self.trim_w + 2 * self.inset,
                self.trim_h + 2 * self.inset)

    @property
    def bleed_box(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        a = self.slug
        return (a, a, a + self.trim_w + 2 * self.bleed, a + self.trim_h + 2 * self.bleed)

    @property
    def trim_box(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        a = self.inset
        return (a, a, a + self.trim_w, a + self.trim_h)

    @property
    def size(self) -> tuple[float, float]:
        m = self.media
        return float(m[2]), float(m[3])


def item_bounds(item) -> tuple[float, float, float, float] | None:
    """The item's extent (x0, y0, x1, y1) in page coordinates (y down), for the graphic items
    that can run to the edge; text never does, and a proof marker is not page content."""
    if isinstance(item, (Box, Image)):
        return item.x, item.y, item.x + item.w, item.y + item.h
    if isinstance(item, Rule):
        half = item.width / 2
        return (min(item.x0, item.x1) - half, min(item.y0, item.y1) - half,
                max(item.x0, item.x1) + half, max(item.y0, item.y1) + half)
    return None


def edges_touched(item, w: float, h: float) -> set[str]:
    """Which trim edges (left, top, right, bottom) the item reaches or crosses."""
    b = item_bounds(item)
    if b is None:
        return set()
    x0, y0, x1, y1 = b
    return {name for name, hit in (("left", x0 <= EDGE), ("top", y0 <= EDGE),
                                   ("right", x1 >= w - EDGE), ("bottom", y1 >= h - EDGE)) if hit}


_GRAPHIC = (Box, Image, Rule)      # the items item_bounds measures; text never runs to an edge


def runs_to_edge(page: PageLayout) -> bool:
    w, h = page.format.trim_w, page.format.trim_h
    return any(edges_touched(it, w, h) for it in page.items if isinstance(it, _GRAPHIC))


def sheet(page: PageLayout, bleed_mm: float | None, marks: bool, colorbar: bool) -> Sheet:
    """The sheet of one page. bleed_mm None = automatic: 3 mm when an item of the page runs to
    a trim edge, else none."""
    if bleed_mm is None:
        bleed_mm = AUTO_BLEED_MM if runs_to_edge(page) else 0.0
    bleed = q(bleed_mm * MM)
    slug = Decimal(0)
    if marks or colorbar:
        offset = max(bleed, q(MARK_OFFSET_MM * MM))
        slug = offset + q((MARK_LEN_MM + SLUG_PAD_MM) * MM) - bleed
    return Sheet(q(page.format.trim_w), q(page.format.trim_h), bleed, slug, marks, colorbar)


def into_bleed(page: PageLayout, s: Sheet) -> PageLayout:
    """Elements that run to a trim edge are carried on into the bleed: a filled box grows by
    the bleed on each edge it touches, a rule is lengthened past the edge. (A picture keeps
    its frame: extending it would recrop the photo; see README, print production.)"""
    b = float(s.bleed)
    if b <= 0:
        return page
    w, h = page.format.trim_w, page.format.trim_h
    items = []
    for it in page.items:
        hit = edges_touched(it, w, h)
        if hit and isinstance(it, Box) and it.fill is not None:
            x0 = it.x - b if "left" in hit else it.x
            y0 = it.y - b if "top" in hit else it.y
            x1 = it.x + it.w + (b if "right" in hit else 0)
            y1 = it.y + it.h + (b if "bottom" in hit else 0)
            it = it._replace(x=x0, y=y0, w=x1 - x0, h=y1 - y0)
        elif hit and isinstance(it, Rule):
            x0, y0, x1, y1 = it.x0, it.y0, it.x1, it.y1
            if y0 == y1:        # horizontal
                x0, x1 = sorted((x0, x1))
                x0 -= b if "left" in hit else 0
                x1 += b if "right" in hit else 0
            elif x0 == x1:      # vertical
                y0, y1 = sorted((y0, y1))
                y0 -= b if "top" in hit else 0
                y1 += b if "bottom" in hit else 0
            it = it._replace(x0=x0, y0=y0, x1=x1, y1=y1)
        items.append(it)
    return page._replace(items=tuple(items))



def impose(pages, options, memo=None) -> tuple:
    """Each page on its sheet, its edge elements carried into the bleed and its black
    overprint decided (press.overprint): (page, sheet) pairs, what the writer draws and the text
    dump shows. `options`: the issue's print options (bleed, marks, colour bar, overprint,
    colour mode); `memo`: a warm process's overprint decisions (press.overprint)."""
    out = []
    for page in pages:
        s = sheet(page, options.bleed, options.marks, options.colorbar)
        page = set_overprint(page, options.overprint, options.color == "gray", memo)
        out.append((into_bleed(page, s), s))
    return tuple(out)
