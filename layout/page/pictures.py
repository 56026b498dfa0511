"""Pictures on the page: the crop, the scale and the resolution of a photo in its frame, its
caption (图片说明) and credit (摄影) under it on the body grid — every decision the writer and
the press would otherwise have to take, so the text dump shows them.

    crop_for        frame + image size + fit/focus -> the part of the image shown, where
    resample_px     the pixels to embed: the crop down-sampled to MAX_PPI at printed size
    caption_lines   caption and credit set at a width: names never broken, credit placed
    picture_items   one picture with its caption and credit in a grid Area -> items
    caption_rows    how many grid rows the caption and credit take at a width

`picture_items` serves both a picture block of its own (page.blocks.picture_block) and a
picture inside a story's rectangle (the page composer gives it the Area it chose).

Figures (docs/newspaper-conventions.md, print production): photos want 170–200 ppi at their
printed size; more is not reproduced by a newsprint screen, so what is used is down-sampled
to 300 ppi (line art — ads, logos — to 600 ppi); below `style: min_ppi` (170) the build
warns, below 100 the preflight reports it.
"""
from __future__ import annotations

import math
from typing import NamedTuple

from layout.compose import Line, set_line
from layout.compose import ONE_LINE
from layout.page import style, words
from layout.page.items import Box, Image, Rule, TextLine

MAX_PPI = {"photo": 300.0, "ad": 600.0, "logo": 600.0}   # down-sampling targets (docstring)
PLACEHOLDER_TINT = 0.88      # gray of an empty frame (图框): 12 % K, a light tint
FRAME_RULE = 0.5             # pt, the placeholder's frame (docs/newspaper-conventions.md)
CREDIT_GAP_EM = 1.0          # at least 1 em between a caption's text and its credit (house style)


class Area(NamedTuple):
    """A rectangle of the page grid for one picture and its caption: x and width in pt, the
    first body row and the number of rows (the caption's rows at the bottom, on the grid)."""
    x: float
    w: float
    row: int
    rows: int


class Caption(NamedTuple):
    """How captions are set: the face (楷 or 黑, body size) and where the credit goes."""
    face: str = "kai"        # style: caption_face
    credit: str = "end"      # style: credit — end (end-aligned) or run-on


class Framing(NamedTuple):
    """How a picture takes its frame: fill or fit, the focus kept in view, and its kind
    (photo, ad, logo: its down-sampling target, MAX_PPI)."""
    fit: str = "fill"
    focus: tuple[float, float] = (0.5, 0.5)
    kind: str = "photo"


LINE_ART = Framing("fit", kind="logo")       # logos and 题花: whole, lossless, 600 ppi


def crop_for(src: tuple[float, float], frame: tuple[float, float], fit: str,
             focus: tuple[float, float]):
    """(crop, draw): the part of the image (`src`: its width and height in pixels) shown,
    (x0, y0, x1, y1) in its pixels, and where it is drawn inside the frame (`frame`: width
    and height in pt), (dx, dy, w, h) in pt from the frame's top-left corner.

    fill: scaled to cover the frame (the larger of the two scales), the frame-shaped window
    centred on `focus` and slid back inside the image where it would leave it — so the
    focus stays as central as the image allows and nothing is ever distorted.
    fit: scaled to lie inside the frame whole (the smaller scale), centred across and set at
    the foot of the frame, on its caption (the caption belongs right under its photo)."""
    (src_w, src_h), (frame_w, frame_h) = src, frame
    if fit == "fit":
        s = min(frame_w / src_w, frame_h / src_h)
        w, h = src_w * s, src_h * s
        return (0.0, 0.0, float(src_w), float(src_h)), ((frame_w - w) / 2, frame_h - h, w, h)
    s = max(frame_w / src_w, frame_h / src_h)
    vw, vh = min(src_w, frame_w / s), min(src_h, frame_h / s)
    x0 = min(max(focus[0] * src_w - vw / 2, 0.0), src_w - vw)
    y0 = min(max(focus[1] * src_h - vh / 2, 0.0), src_h - vh)
    return (x0, y0, x0 + vw, y0 + vh), (0.0, 0.0, frame_w, frame_h)


def resample_px(crop, w_pt: float, kind: str = "photo") -> tuple[tuple[int, int], float]:
    """(pixels to embed, ppi of the file at its printed size): the crop's own pixels, or
    fewer when they would print finer than MAX_PPI[kind] — never more (up-sampling adds no
    detail, only bytes)."""
    cw, ch = crop[2] - crop[0], crop[3] - crop[1]
    ppi = cw / (w_pt / 72.0)
    f = min(1.0, MAX_PPI[kind] / ppi)
    return (max(1, round(cw * f)), max(1, round(ch * f))), ppi


def image_item(source, frame: tuple[float, float, float, float], owner: str,
               how: Framing = Framing()) -> Image:
    """The raster `source` (issue.model.Source) in the frame (x, y, w, h): cropped or
    letterboxed (crop_for), down-sampled (resample_px)."""
    x, y, w, h = frame
    crop, (dx, dy, dw, dh) = crop_for((source.width, source.height), (w, h), how.fit, how.focus)
    px, ppi = resample_px(crop, dw, how.kind)
    return Image(x + dx, y + dy, dw, dh, source.path, owner, tuple(round(v, 2) for v in crop),
                 px, round(ppi, 1), how.kind, source)


def ornament_image(path: str, x: float, y: float, size: float, owner: str):
    """A 题花 image (page.ornament) fitted whole into its size × size square, centred across
    and standing on its foot: a raster as line art (kind logo: down-sampled to 600 ppi,
    embedded losslessly), an SVG or PDF kept vector. The loader checked the file; its header
    is read again here for its size."""
    from layout.issue.model import Where
    from layout.issue.sources import read_source
    from layout.page.items import Vector
    src = read_source(path, Where(path, 0, 0), vector=True)
    if not src.vector:
        return image_item(src, (x, y, size, size), owner, LINE_ART)
    s = size / max(src.width, src.height)
    w, h = src.width * s, src.height * s
    return Vector(x + (size - w) / 2, y + size - h, w, h, src.path, owner, src.box, "logo", src)


# -- captions and credits ------------------------------------------------------------------
def _caption_style(cap: Caption) -> style.TextStyle:
    return style.CAPTION_HEI if cap.face == "hei" else style.CAPTION


def _credit_lines(credit: str, width: float, ctx, st: style.TextStyle) -> list[Line]:
    """The credit on as few lines as it needs, broken only between its words (a name, a
    title, 摄 are words: 本报记者 林晓雯 摄), never inside one; each line is set whole."""
    words, lines, cur = credit.split(), [], ""
    for word in words:
        trial = f"{cur} {word}" if cur else word
        if cur and set_line((style.run(trial, st),), width, ctx.metrics, ONE_LINE).width > width:
            lines.append(cur)
            trial = word
        cur = trial
    lines.append(cur)
    return [set_line((style.run(t, st),), width, ctx.metrics, ONE_LINE) for t in lines if t]


class CaptionLine(NamedTuple):
    line: Line
    x: float        # from the area's left edge
    kind: str       # caption or credit
    row: int        # 0 = the first row under the photo


def caption_lines(caption: str, credit: str, width: float, ctx,
                  cap: Caption = Caption()) -> list[CaptionLine]:
    """The caption and its credit set at `width`, row by row.

    The caption is justified to the width with no indent; the credit (摄影) follows it by the
    house setting: `end` — end-aligned on the caption's last line when at least 1 em is left
    between them, else on a line of its own, end-aligned; `run-on` — 1 em after the
    caption's last character, or at the start of the next line when it does not fit there.
    A credit is never broken inside a name (_credit_lines)."""
    st = _caption_style(cap)
    out: list[CaptionLine] = []
    if caption:
        # broken between words only, {braces} binding a name (page.words)
        for k, ln in enumerate(words.compose_display(caption, lambda t: style.run(t, st), width,
                                                     ctx.metrics, ctx.settings(indent=0))):
            out.append(CaptionLine(ln, 0.0, "caption", k))
    if not credit:
        return out
    credits = _credit_lines(credit, width, ctx, st)
    if out and len(credits) == 1:
        last, cw = out[-1].line, credits[0].width
        if last.width + CREDIT_GAP_EM * st.size + cw <= width + 1e-6:
            x = width - cw if cap.credit == "end" else last.width + CREDIT_GAP_EM * st.size
            return out + [CaptionLine(credits[0], x, "credit", out[-1].row)]
    row = len(out)
    for k, ln in enumerate(credits):
        out.append(CaptionLine(ln, width - ln.width if cap.credit == "end" else 0.0, "credit",
                               row + k))
    return out


def caption_rows(caption: str, credit: str, width: float, ctx, cap: Caption = Caption()) -> int:
    """Grid rows the caption and credit take at `width`."""
    lines = caption_lines(caption, credit, width, ctx, cap)
    return lines[-1].row + 1 if lines else 0


# -- one picture in an area ----------------------------------------------------------------
def frame_box(area: Area, frame_rows: int, fmt) -> tuple[float, float, float, float]:
    """The photo's frame (x, top, w, h) over the first `frame_rows` rows of the area: half a
    row of air above (clear of a rule above the block), its foot 1/2 (pitch - body) above the
    next row so the caption's first em box stands a clear line gap below it."""
    top = fmt.row_y(area.row) + fmt.pitch / 2
    bottom = fmt.row_y(area.row + frame_rows) - (fmt.pitch - fmt.body_size) / 2
    return area.x, top, area.w, bottom - top


def picture_items(pic, area: Area, ctx, cap: Caption = Caption()) -> list:
    """One picture (issue.model.Picture) with its caption and credit in `area`: the photo
    filling or fitting its frame (or a placeholder, 图框: a light tint crossed by its
    diagonals, as layout programs mark a frame still waiting for its photo), the caption and
    credit lines on the body grid under it. Raises TooSmall when the area leaves the photo
    fewer than MIN_FRAME_ROWS rows; the caller reports it at the place it was given."""
    from layout.page.blocks import band_baseline
    fmt = ctx.fmt
    lines = caption_lines(pic.caption, pic.credit, area.w, ctx, cap)
    cap_rows = lines[-1].row + 1 if lines else 0
    frame_rows = area.rows - cap_rows
    if frame_rows < MIN_FRAME_ROWS:
        raise TooSmall(cap_rows)
    x, top, w, h = frame_box(area, frame_rows, fmt)
    items: list = []
    if pic.source is not None:
        items.append(image_item(pic.source, (x, top, w, h), pic.id, Framing(pic.fit, pic.focus)))
    else:
        items.append(Box(x, top, w, h, PLACEHOLDER_TINT, FRAME_RULE, pic.id))
        items.append(Rule(x, top, x + w, top + h, 0.25, pic.id))
        items.append(Rule(x, top + h, x + w, top, 0.25, pic.id))
    for cl in lines:
        base = band_baseline(fmt.row_y(area.row + frame_rows + cl.row), fmt.pitch,
                             fmt.body_size)
        items.append(TextLine(x + cl.x, base, cl.line, cl.kind, pic.id))
    return items


class TooSmall(ValueError):
    """The area leaves the photo too few rows; `caption_rows`: what the caption took."""

    def __init__(self, caption_rows: int):
        super().__init__(caption_rows)
        self.caption_rows = caption_rows


MIN_FRAME_ROWS = 2     # a photo frame needs two rows of its own to be a photo at all
