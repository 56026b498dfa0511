"""Page furniture: the 报眉 above the top rule (版名 with its pinyin, paper name, date, 第N版,
credits), the top and bottom rules (天线 / 地线), and the co-organiser box at the foot.
Positions follow the page grid (formats.Format); sizes are house style (page.style).
"""
from __future__ import annotations

import datetime as dt
import math

from layout.page import style
from layout.page.blocks import EM_TOP, band_baseline
from layout.compose import ONE_LINE, Line, Metrics, PlacedGlyph, set_line
from layout.errors import Diagnostic, InputError
from layout.page.formats import Format, place_rows
from layout.page.places import footer_grid
from layout.page.items import Box, Rule, TextLine
from layout.issue.model import Footer, IssueInfo, Page, Paper, Place

DISTRIBUTE = ONE_LINE._replace(align="distribute")   # 均排: names spread to their cell
END = ONE_LINE._replace(align="end")
CENTER = ONE_LINE._replace(align="center")
WEEKDAYS = "一二三四五六日"


def date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日　星期{WEEKDAYS[d.weekday()]}"


def letterspaced(text: str, width: float, st: style.TextStyle, metrics: Metrics) -> Line:
    """Spaced capitals (the pinyin under a 版名): every letter spread evenly over `width`, a
    word space counting three letter gaps. The composer keeps Latin words whole, so this
    display setting is done here, letter by letter. Letters are never drawn into each other:
    pinyin longer than its 版名 is wide (a one-character name) keeps 0.1 em between letters
    and runs past it (house style)."""
    words = text.split()
    ink = sum(metrics.advance(st.face, ch) * st.size for w in words for ch in w)
    gaps = sum(len(w) - 1 for w in words) + 3 * (len(words) - 1)
    g = max((width - ink) / gaps, 0.1 * st.size) if gaps else 0.0
    width = max(width, ink + g * gaps)
    glyphs, x = [], 0.0
    for i, word in enumerate(words):
        if i:
            x += 3 * g - g
        for ch in word:
            glyphs.append(PlacedGlyph(ch, x, st.face, st.size))
            x += metrics.advance(st.face, ch) * st.size + g
    return Line(tuple(glyphs), width, True, " ".join(words))


def fit_line(text: str, st: style.TextStyle, width: float, metrics: Metrics, page: Page) -> Line:
    """A furniture line at its style's size or, when that is too wide for its slot, the
    largest half-point size down to 6 pt that fits; bad input (at the page) when none does:
    the furniture never runs off the type area. End-aligned."""
    return _shrunk(text, st, (width, metrics, END),
                   (page.where, f"page {page.number}: “{text}” does not fit the head of the "
                    f"page ({width:.0f} pt) even at 6 pt",
                    "shorten the name, the credits or the facts"))


def _shrunk(text: str, st: style.TextStyle, slot: tuple, refusal: tuple) -> Line:
    """One line of furniture at its style's size or the largest half-point size down to
    6 pt that fits `slot` (width, metrics, alignment); else bad input: `refusal` is (where,
    message, hint)."""
    width, metrics, align = slot
    ln = style.shrink_to_fit(style.run(text, st), width, metrics, align, smallest=6.0)
    if ln is not None:
        return ln
    w, message, hint = refusal
    raise InputError([Diagnostic(w.path, w.line, w.column, message, hint)])


def header(page: Page, paper: Paper, info: IssueInfo, fmt: Format, metrics: Metrics) -> list:
    """Page 1 carries the 报头 (masthead), every other page the 报眉."""
    if page.number == 1:
        return masthead(page, paper, info, fmt, metrics)
    return running_head(page, paper, info, fmt, metrics)


def _top_rule(fmt: Format) -> list:
    """天线: a thick rule over a thin one (文武线), clear of the first row's em boxes."""
    x0, w = fmt.margin_left, fmt.type_w
    return [Rule(x0, fmt.grid_top - 4, x0 + w, fmt.grid_top - 4, 2.0, "page"),
            Rule(x0, fmt.grid_top - 1, x0 + w, fmt.grid_top - 1, 0.5, "page")]


def masthead(page: Page, paper: Paper, info: IssueInfo, fmt: Format, metrics: Metrics) -> list:
    """报头: the paper's name large at the left (heavy 宋, letter-spaced, its pinyin spaced
    under it); at the right, stacked and end-aligned, the date, 期号 and 总第N期, the page and
    the fixed facts the paper prints (国内统一刊号, 邮发代号 …; docs/newspaper-conventions.md)."""
    x0, y0, w = fmt.margin_left, fmt.margin_top, fmt.type_w
    zone = fmt.head_rows * fmt.pitch - 8          # above the 天线
    size = min(72.0, zone * 0.55)
    name_w = min(w * 0.55, len(paper.name) * size * 1.3)
    size = min(size, name_w / max(1, len(paper.name)))   # a long name is set smaller
    st = style.TextStyle("song-heavy", size)
    items: list = []
    base = y0 + 6 + EM_TOP * size
    if paper.logo is not None:          # the paper's own 报头 art instead of the typeset name
        items.append(logo_item(paper.logo, x0, y0 + 6, w * 0.55, min(72.0, zone * 0.55)))
        name_w = items[-1].w
        base = y0 + 6 + items[-1].h - 0.12 * size      # the pinyin goes under the logo
    else:
        items.append(TextLine(x0, base, set_line((style.run(paper.name, st),), name_w, metrics,
                                                 DISTRIBUTE), "masthead", "page"))
    if paper.pinyin:
        items.append(TextLine(x0, base + 0.12 * size + 6 + EM_TOP * style.PINYIN.size * 1.25,
                              letterspaced(paper.pinyin, name_w,
                                           style.TextStyle(style.PINYIN.face,
                                                           style.PINYIN.size * 1.25), metrics),
                              "pinyin", "page"))
    number = "　".join(t for t in (f"第{info.number}期" if info.number else "",
                                   f"总第{info.total}期" if info.total else "") if t)
    lines = [date_text(info.date), number, f"第{page.number}版　{page.name}"]
    lines += [f"{k}：{v}" for k, v in paper.facts]
    lines.append("　".join(f"{k}：{v}" for k, v in page.credits))   # credits, as on the 报眉
    lines = [ln for ln in lines if ln]
    right_w = w - name_w - 2 * fmt.em
    # body-size lines sit on the page's baseline grid, continued above the top rule: the
    # last one in the row just over the rule's row, the others above it, one pitch apart
    # (docs/typesetting-rules.md §4); more lines than the zone holds close up to 1.2 × their size
    fits = len(lines) <= fmt.head_rows - 1
    lead = fmt.pitch if fits else style.MASTHEAD_INFO.size * 1.2
    y = (band_baseline(fmt.row_y(-1), fmt.pitch, fmt.body_size) if fits
         else fmt.grid_top - 8) - (len(lines) - 1) * lead
    for ln in lines:
        items.append(TextLine(x0 + w - right_w, y, fit_line(
            ln, style.MASTHEAD_INFO, right_w, metrics, page), "masthead-info", "page"))
        y += lead
    return items + _top_rule(fmt)


def logo_item(src, x: float, y: float, max_w: float, h: float):
    """The 报头 logo (issue.model.Source) at the top left of the head zone, as tall as the
    typeset name would be (`h`) or narrower when it would be wider than `max_w`; vector art
    stays vector (items.Vector), a raster logo is an Image of kind logo (its ppi reported)."""
    from layout.page.items import Vector
    from layout.page.pictures import LINE_ART, image_item
    s = min(h / src.height, max_w / src.width)
    w, h = src.width * s, src.height * s
    if src.vector:
        return Vector(x, y, w, h, src.path, "page", src.box, "logo", src)
    return image_item(src, (x, y, w, h), "page", LINE_ART)


def running_head(page: Page, paper: Paper, info: IssueInfo, fmt: Format,
                 metrics: Metrics) -> list:
    """报眉: 版名 large at the left with its pinyin spaced to the same width under it; the
    paper name and 第N版 at the right, the date and credits under them; then the top rule."""
    x0, y0, w = fmt.margin_left, fmt.margin_top, fmt.type_w
    items: list = []
    # loose tracking, ¼ em between; a long 版名 is set smaller to keep to the left half
    sec = style.SECTION
    sec = style.TextStyle(sec.face, min(sec.size, (w / 2 - 2 * fmt.em)
                                        / (max(1, len(page.name)) * 1.25)))
    name_w = len(page.name) * sec.size * 1.25
    name = set_line((style.run(page.name, sec),), name_w, metrics, DISTRIBUTE)
    name_base = y0 + 4 + EM_TOP * sec.size
    items.append(TextLine(x0, name_base, name, "section", "page"))
    if page.pinyin:
        py = letterspaced(page.pinyin, name_w, style.PINYIN, metrics)
        items.append(TextLine(x0, name_base + 0.12 * sec.size + 4 + EM_TOP * style.PINYIN.size,
                              py, "pinyin", "page"))
    right_w = w / 2
    rx = x0 + w - right_w
    top_line = set_line((style.run(paper.name, style.PAPER_NAME),
                         style.run("　　", style.PAPER_NAME),
                         style.run(f"第{page.number}版", style.FOLIO)), right_w, metrics,
                        END)
    if top_line.width > right_w + 0.01:
        top_line = fit_line(f"{paper.name}　　第{page.number}版", style.FOLIO, right_w,
                            metrics, page)
    items.append(TextLine(rx, y0 + 4 + EM_TOP * 24, top_line, "folio", "page"))
    credits = "　".join(f"{k}：{v}" for k, v in page.credits)
    small = date_text(info.date) + ("　　" + credits if credits else "")
    items.append(TextLine(rx, fmt.grid_top - 8, fit_line(small, style.SMALL, right_w, metrics,
                                                         page), "dateline-bar", "page"))
    return items + _top_rule(fmt)


def foot_rule(fmt: Format) -> Rule:
    """地线 under the last row of the grid."""
    y = fmt.row_y(fmt.rows + 1) + 1
    return Rule(fmt.margin_left, y, fmt.margin_left + fmt.type_w, y, 0.75, "page")


def _footer_line(text: str, st: style.TextStyle, slot: tuple, footer: Footer) -> Line:
    """The footer's title or note, centred in its column: at its style's size or the largest
    half-point size down to 6 pt that fits; bad input at the footer when none does (a title
    wider than its column ran into the names)."""
    width, metrics = slot
    return _shrunk(text, st, (width, metrics, CENTER),
                   (footer.where, f"the footer's “{text}” does not fit its column "
                    f"({width:.0f} pt) even at 6 pt", "shorten the footer's title or note"))


def footer_box(footer: Footer, fmt: Format, metrics: Metrics, place: Place) -> list:
    """The co-organiser box in its place (rows resolved): title and note at the left, the
    names in an even grid (均排) at the right."""
    col, span, row, rows = place.col, place.span, place.row, place_rows(fmt, place)
    x, w = fmt.col_x(col), fmt.span_w(span)
    top = fmt.row_y(row) + fmt.pitch / 2
    bottom = fmt.row_y(row + rows) - fmt.pitch / 2
    items: list = [Box(x, top, w, bottom - top, None, 0.75, "footer")]
    # title zone: one basic column at the left, title over note, centred in the box
    tw = fmt.column_w
    # title over note, centred on the name rows; the note is body size, so it sits on the
    # body grid like every body-size line (docs/typesetting-rules.md §4)
    nrows = footer_grid(footer, fmt, w)[0]
    title = _footer_line(footer.title, style.FOOTER_TITLE, (tw, metrics), footer)
    title_row = row + max(1, nrows // 2) if footer.note else row + 1 + nrows // 2
    items.append(TextLine(x + fmt.em / 2, band_baseline(fmt.row_y(title_row), fmt.pitch,
                                                       fmt.body_size), title, "footer-title",
                          "footer"))
    if footer.note:
        note = _footer_line(f"（{footer.note}）", style.FOOTER_NOTE, (tw, metrics), footer)
        items.append(TextLine(x + fmt.em / 2, band_baseline(fmt.row_y(title_row + 1),
                                                            fmt.pitch, fmt.body_size),
                              note, "footer-note", "footer"))
    items.append(Rule(x + tw + fmt.em, top + fmt.pitch / 3, x + tw + fmt.em,
                      bottom - fmt.pitch / 3, 0.5, "footer"))
    _, ncols, cell, gap = footer_grid(footer, fmt, w)
    nx = x + tw + fmt.gutter + 1.5 * fmt.em
    # the grid's cells are a body em a character: names are never set larger than the body
    # (a 7 pt body with 9 pt names ran the last name past the type area)
    name_st = style.TextStyle(style.FOOTER_NAME.face, min(style.FOOTER_NAME.size, fmt.em))
    for i, name in enumerate(footer.names):
        r, c = divmod(i, ncols)
        ln = set_line((style.run(name, name_st),), cell, metrics, DISTRIBUTE)
        base = band_baseline(fmt.row_y(row + 1 + r), fmt.pitch, fmt.body_size)
        items.append(TextLine(nx + c * (cell + gap), base, ln, "footer-name", "footer",
                              para=i))
    return items
