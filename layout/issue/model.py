"""The issue as the editor wrote it, checked and typed: the output of `load`, the input of the
layout stages. Frozen dataclasses and tuples only; no stage changes them. `Where` keeps the
position in the issue file so that later stages (layout, overset, coverage) can still point
the editor at the line to fix.

The annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple
compiles each string annotation into a ForwardRef, ~2 ms of every start for these classes;
every class is defined before the classes that name it.
"""
from typing import Literal, NamedTuple

PunctStyle = Literal["quanjiao", "kaiming", "banjiao"]   # docs/typesetting-rules.md §2.3
PdfX = Literal["x4", "x1a", "none"]
ColorMode = Literal["cmyk", "gray"]
Overprint = Literal["auto", "black", "none"]

import datetime as _dt

from layout.page.formats import BROADSHEET, Format


class Where(NamedTuple):
    path: str
    line: int
    column: int


class Span(NamedTuple):
    """A piece of a paragraph in one weight: the inline markup `**…**` makes a bold lead."""
    text: str
    bold: bool = False


class Paragraph(NamedTuple):
    spans: tuple[Span, ...]
    where: Where

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


class Place(NamedTuple):
    """A rectangle on the page grid, in the editor's units: basic columns and body lines.
    col and row are 1-based; rows None means "down to the foot of the grid" unless `auto`
    (rows: auto): the depth follows the copy, decided when the page is arranged.
    `layout build` keeps every written place; `layout compose` moves the unlocked ones (a
    recomposition after a late change moves as few as it can) and keeps the locked ones."""
    col: int
    span: int
    row: int
    rows: int | None
    split: int | None      # 破栏: re-divide the span into this many sub-columns
    where: Where
    lock: bool = False     # the composer keeps the block here (`lock: true`, the desk's lock)
    auto: bool = False     # rows: auto — as deep as the copy needs (decided when arranged)
    size: float | None = None   # the headline size the composer chose for this place
    dress: str = ""        # frame | vertical: how the composer dressed the story here (worn
                           # by the story as its own unless the place is recomposed)


class SpanLimits(NamedTuple):
    """How many basic columns the composer may give a block (story `span: {min, max}`)."""
    min: int | None = None
    max: int | None = None


class Jump(NamedTuple):
    """转版: where a story's text goes on (`continued`): the page it continues on, by its
    number or its 版名 (a name follows the page when pages are renumbered), and the place of
    the continuation block on that page's grid."""
    page: int | str
    place: Place
    where: Where


class Story(NamedTuple):
    id: str
    headline: str
    body: tuple[Paragraph, ...]
    place: Place | None          # None: the page composer chooses it (layout.arrange)
    where: Where
    kicker: str = ""
    subhead: str = ""
    dateline: str = ""
    byline: str = ""
    headline_size: float | None = None   # pt; None = chosen from the block width
    vertical: str = ""          # 竖题: "right" or "left" of the text, "" = horizontal heading
    head_span: int | None = None    # 通栏: basic columns the heading zone spans (None = span)
    head_col: int | None = None     # its first column (None = the story's col)
    continued: Jump | None = None   # 转版: the rest of the text on another page
    tint: int = 0               # 网底: % black under the whole block, 0 = none
    frame: str = ""             # 花边/框: a house frame style, "" = none
    reverse: int = 0            # 反白 headline: white on a band of this % black, 0 = not
    ornament: str = ""          # 题花: glyphs before the headline, or an image file path
    rank: int | None = None      # 1 = 头条; None: after the ranked ones, in file order
    picture: str = ""            # id of the page's picture that belongs to this story
    span: SpanLimits = SpanLimits()

    def worn(self) -> "Story":
        """The story as the page composer dressed it in its place (`place: {size, dress}`,
        written by `layout compose`): what the story has of its own wins, and a place whose
        dress or size the story's own keys override keeps none, so that undressing it for a
        recomposition (`unworn`) never takes the editor's own dress away."""
        p = self.place
        if p is None or not (p.dress or p.size):
            return self
        own = bool(self.vertical or self.frame or self.tint or self.head_span)
        p = p._replace(dress="" if own else p.dress,
                       size=None if self.headline_size is not None else p.size)
        return self._replace(place=p, headline_size=p.size or self.headline_size,
                             **COMPOSER_DRESS.get(p.dress, {}))

    def unworn(self) -> "Story":
        """The story without what the composer chose for its place (a recomposition chooses
        again)."""
        p = self.place
        if p is None or not (p.dress or p.size):
            return self
        undo = {k: type(v)() for k, v in COMPOSER_DRESS.get(p.dress, {}).items()}
        return self._replace(place=p._replace(dress="", size=None), **undo,
                             **({"headline_size": None} if p.size else {}))


# What the composer's dress is on the page (house style: docs/newspaper-conventions.md
# #composing-a-page, no 碰题): a 竖题 at the right of the text, or a thin frame (细线).
COMPOSER_DRESS = {"vertical": {"vertical": "right"}, "frame": {"frame": "thin"}}


class GroupItem(NamedTuple):
    title: str
    body: tuple[Paragraph, ...]
    where: Where


class Group(NamedTuple):
    """专栏: a column group with a banner, a group headline, items with 小标题, and a credit."""
    id: str
    banner: str
    headline: str
    items: tuple[GroupItem, ...]
    place: Place | None          # None: the page composer chooses it (layout.arrange)
    where: Where
    credit: str = ""
    tint: int = 0               # 网底, as a story's
    frame: str = ""             # 花边/框, as a story's
    reverse: int = 100          # the banner: white on this % black; 0 = black on a ruled band
    ornament: str = ""          # 题花 before the banner text: glyphs or an image file path
    rank: int | None = None      # its rank among the page's stories and groups


class Source(NamedTuple):
    """A picture, ad or logo file as the loader read it from its header (no pixels decoded):
    what layout needs to crop and scale it and the press to convert it. Raster sizes in
    pixels as displayed (the EXIF orientation applied); vector ones (PDF, SVG) in pt."""
    path: str               # resolved path
    kind: str               # JPEG, PNG, TIFF (raster); PDF, SVG (vector)
    width: float            # pixels (raster) or pt (vector: the PDF's TrimBox, the SVG's size)
    height: float
    where: Where            # the `file:` value in the issue file: errors found later point here
    mode: str = ""          # Pillow mode of a raster file (L, RGB, CMYK, I;16, F, LAB …)
    orientation: int = 1    # EXIF orientation 1–8 (raster)
    dpi: float = 0.0        # the resolution the file declares, 0 = none (raster)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)   # the PDF page's TrimBox
    transparent: bool = False   # a PDF that draws with transparency (refused for PDF/X-1a)

    @property
    def vector(self) -> bool:
        return self.kind in ("PDF", "SVG")

    @property
    def pixels(self) -> int:
        return 0 if self.vector else int(self.width) * int(self.height)


class Picture(NamedTuple):
    """A picture frame on the grid: the image file when there is one, else a placeholder
    (图框) where the photo will go; an optional caption (图片说明) and credit (摄影) under it.
    `fit`: fill (cover the frame, crop what is over, never distort) or fit (the whole image,
    letterboxed); `focus`: the point of the image (0–1 across, 0–1 down) kept in view when
    filling crops it."""
    id: str
    place: Place | None     # None: composed; inside its story's rectangle if a story names it
    where: Where
    file: str = ""          # resolved path, or "" for a placeholder
    caption: str = ""
    credit: str = ""        # 本报记者 林晓雯 摄
    fit: str = "fill"
    focus: tuple[float, float] = (0.5, 0.5)
    source: Source | None = None      # what the loader read of `file`


class Ad(NamedTuple):
    """广告位: an ad's slot on the grid and its artwork, a PDF (first page, kept vector) or an
    image; placed before anything else and never composed over."""
    id: str
    place: Place | None     # None: at the foot of the grid, sized to its artwork (page.ads)
    where: Where
    source: Source


class Footer(NamedTuple):
    names: tuple[str, ...]
    where: Where
    title: str = "本版协办单位"
    note: str = "排名不分先后"
    place: Place | None = None      # None: full width at the foot of the grid


class Page(NamedTuple):
    number: int
    name: str
    where: Where
    pinyin: str = ""
    format: Format = BROADSHEET
    credits: tuple[tuple[str, str], ...] = ()
    stories: tuple[Story, ...] = ()
    groups: tuple[Group, ...] = ()
    pictures: tuple[Picture, ...] = ()
    footer: Footer | None = None
    ads: tuple[Ad, ...] = ()


class Paper(NamedTuple):
    name: str
    pinyin: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    logo: Source | None = None      # the 报头 art (PDF or SVG kept vector, or an image)


class IssueInfo(NamedTuple):
    date: _dt.date
    number: int | None = None     # 期号 of the year
    total: int | None = None      # 总第N期


class HouseStyle(NamedTuple):
    """The `style:` section. Its defaults are set here only; the schema documents them."""
    punct: PunctStyle = "quanjiao"   # 全角式 / kaiming 开明式 / banjiao 半角式 (docs/typesetting-rules.md §2)
    normalize: bool = True           # input normalisation (docs/typesetting-rules.md §5), reported
    upright: int = 2                 # 竖题: Latin/digit runs up to this long stand upright (clreq)
    jump_steps: int = 2              # 接题: the headline this many 号 steps smaller (house style)
    hyphenate: str = "en_US"         # the hyphenation dictionary of Latin words, "" = none (§1.6)
    caption_face: str = "kai"        # 图片说明 in 楷 (or hei 黑) at body size, on the grid
    credit: str = "end"              # photo credit end-aligned (end) or run on after the caption
    min_ppi: int = 170               # a picture printed below this resolution is warned about
    ad_mark: str = "label"           # 广告 over each ad (label), a frame (rule), both, or none
    picture_megapixels: int = 120    # a picture file over this many pixels is refused


class FontChoice(NamedTuple):
    """One role of the `fonts:` section: its files in chain order, each (resolved path,
    face name in a .ttc/.otc or ""), and whether to embolden it by stroking (楷, 仿宋)."""
    role: str
    files: tuple[tuple[str, str], ...]
    bold: bool
    where: Where


class PrintOptions(NamedTuple):
    """The `print:` section, what the printer asked for (print production; CLI overrides on
    `layout build`; see layout.press). Its defaults are set here only; the schema documents
    them."""
    bleed: float | None = None    # mm on every side; None = 3 mm where an item runs to the edge
    marks: bool = False           # crop marks and registration targets outside the bleed
    colorbar: bool = False        # a colour-bar strip in the slug
    pdfx: PdfX = "x4"             # x4 (PDF/X-4), x1a (PDF/X-1a:2001) or none
    color: ColorMode = "cmyk"     # cmyk, or gray: everything DeviceGray (black-and-white pages)
    profile: str = ""             # CMYK output profile (.icc); "" = the bundled one (icc/)
    condition: str = ""           # its OutputConditionIdentifier; "" = the bundled one's / Custom
    overprint: Overprint = "auto"  # auto: small black text and thin rules (GWG 2015); black; none
    reverse_min: float = 10.0     # pt: reversed (white) type smaller than this is a finding
    tint_text_min: float = 8.0    # pt: type printed in a tint smaller than this is a finding


class Issue(NamedTuple):
    path: str
    paper: Paper
    issue: IssueInfo
    pages: tuple[Page, ...] = ()
    style: HouseStyle = HouseStyle()
    fonts: tuple[FontChoice, ...] = ()     # the `fonts:` section; () = the bundled defaults
    print: PrintOptions = PrintOptions()   # the `print:` section
    notes: tuple = ()                      # errors.Diagnostic worth saying, not wrong: a copy
                                           # file read as GB 18030, a Word table left out
    copies: tuple[str, ...] = ()           # copy files read (body: {file: …}); watch them too
    fingerprint: str = ""                  # issue.loader.fingerprint of the bytes loaded
