"""Page furniture: the 报眉 above the top rule (版名 with its pinyin, paper name, date, 第N版,
credits), the top and bottom rules (天线 / 地线), and the co-organiser box at the foot.
Positions follow the page grid (formats.Format); sizes are house style (style.py).
"""
from __future__ import annotations

import datetime as dt
import math

from . import style
from .blocks import EM_TOP, band_baseline
from .compose import Line, Metrics, PlacedGlyph, set_line
from .formats import Format
from .items import Box, Rule, TextLine
from .model import Footer, IssueInfo, Page, Paper

WEEKDAYS = "一二三四五六日"


def date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日　星期{WEEKDAYS[d.weekday()]}"


def letterspaced(text: str, width: float, st: style.TextStyle, metrics: Metrics) -> Line:
    """Spaced capitals (the pinyin under a 版名): every letter spread evenly over `width`, a
    word space counting three letter gaps. The composer keeps Latin words whole, so this
    display setting is done here, letter by letter."""
    words = text.split()
    ink = sum(metrics.advance(st.face, ch) * st.size for w in words for ch in w)
    gaps = sum(len(w) - 1 for w in words) + 3 * (len(words) - 1)
    g = (width - ink) / gaps if gaps else 0.0
    glyphs, x = [], 0.0
    for i, word in enumerate(words):
        if i:
            x += 3 * g - g
        for ch in word:
            glyphs.append(PlacedGlyph(ch, x, st.face, st.size))
            x += metrics.advance(st.face, ch) * st.size + g
    return Line(tuple(glyphs), width, True, " ".join(words))


def header(page: Page, paper: Paper, info: IssueInfo, fmt: Format, metrics: Metrics) -> list:
    """报眉: 版名 large at the left with its pinyin spaced to the same width under it; the
    paper name and 第N版 at the right, the date and credits under them; then the top rule."""
    x0, y0, w = fmt.margin_left, fmt.margin_top, fmt.type_w
    items: list = []
    sec = style.SECTION
    name_w = len(page.name) * sec.size * 1.25            # loose tracking: ¼ em between
    name = set_line((style.run(page.name, sec),), name_w, metrics, align="distribute")
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
                        align="end")
    items.append(TextLine(rx, y0 + 4 + EM_TOP * 24, top_line, "folio", "page"))
    credits = "　".join(f"{k}：{v}" for k, v in page.credits)
    small = date_text(info.date) + ("　　" + credits if credits else "")
    items.append(TextLine(rx, fmt.grid_top - 8, set_line((style.run(small, style.SMALL),),
                                                         right_w, metrics, align="end"),
                          "dateline-bar", "page"))
    # 天线: a thick rule over a thin one (文武线), clear of the first row's em boxes
    items.append(Rule(x0, fmt.grid_top - 4, x0 + w, fmt.grid_top - 4, 2.0, "page"))
    items.append(Rule(x0, fmt.grid_top - 1, x0 + w, fmt.grid_top - 1, 0.5, "page"))
    return items


def foot_rule(fmt: Format) -> Rule:
    """地线 under the last row of the grid."""
    y = fmt.row_y(fmt.rows + 1) + 1
    return Rule(fmt.margin_left, y, fmt.margin_left + fmt.type_w, y, 0.75, "page")


def footer_rows(footer: Footer, fmt: Format) -> int:
    """Rows the co-organiser box needs when the issue gives no place: its name rows plus half
    a row of air above and below inside the box (one row each)."""
    return _grid(footer, fmt, fmt.type_w)[0] + 2


def _grid(footer: Footer, fmt: Format, w: float) -> tuple[int, int, float, float]:
    """Even grid for the names: every cell as wide as the longest name (均排 evens out the
    shorter ones); as few rows as fit, then as few columns as those rows need, so the last row
    is as full as it can be. Returns rows, columns, cell width and the gap between cells."""
    names_w = w - fmt.column_w - fmt.gutter - 2 * fmt.em
    cell = max(len(n) for n in footer.names) * fmt.em
    min_gap = 1.5 * fmt.em
    max_cols = max(1, int((names_w + min_gap) // (cell + min_gap)))
    rows = math.ceil(len(footer.names) / max_cols)
    cols = math.ceil(len(footer.names) / rows)
    gap = (names_w - cols * cell) / (cols - 1) if cols > 1 else 0.0
    return rows, cols, cell, gap


def footer_box(footer: Footer, fmt: Format, metrics: Metrics, col: int, span: int, row: int,
               rows: int) -> list:
    x, w = fmt.col_x(col), fmt.span_w(span)
    top = fmt.row_y(row) + fmt.pitch / 2
    bottom = fmt.row_y(row + rows) - fmt.pitch / 2
    items: list = [Box(x, top, w, bottom - top, None, 0.75, "footer")]
    # title zone: one basic column at the left, title over note, centred in the box
    tw = fmt.column_w
    title = set_line((style.run(footer.title, style.FOOTER_TITLE),), tw, metrics, align="center")
    mid = (top + bottom) / 2
    items.append(TextLine(x + fmt.em / 2, mid - 2, title, "footer-title", "footer"))
    if footer.note:
        note = set_line((style.run(f"（{footer.note}）", style.FOOTER_NOTE),), tw, metrics,
                        align="center")
        items.append(TextLine(x + fmt.em / 2, mid + 2 + EM_TOP * style.FOOTER_NOTE.size, note,
                              "footer-note", "footer"))
    items.append(Rule(x + tw + fmt.em, top + fmt.pitch / 3, x + tw + fmt.em,
                      bottom - fmt.pitch / 3, 0.5, "footer"))
    nrows, ncols, cell, gap = _grid(footer, fmt, w)
    nx = x + tw + fmt.gutter + 1.5 * fmt.em
    for i, name in enumerate(footer.names):
        r, c = divmod(i, ncols)
        ln = set_line((style.run(name, style.FOOTER_NAME),), cell, metrics, align="distribute")
        base = band_baseline(fmt.row_y(row + 1 + r), fmt.pitch, fmt.body_size)
        items.append(TextLine(nx + c * (cell + gap), base, ln, "footer-name", "footer"))
    return items
