"""House style: the face and size of every part of a page, and the conversion of the model's
paragraphs into composer runs. Defaults follow docs/newspaper-conventions.md (article anatomy);
figures without a source are house style and live here, in one place.
"""
from __future__ import annotations

from typing import NamedTuple


from layout.compose import Line, Metrics, Run, Settings, set_line
from layout.issue.model import Paragraph


class TextStyle(NamedTuple):
    face: str
    size: float     # pt
    latin: str | None = None   # role for Latin letters and digits; None = the face's own


# 小五 body; its Latin letters and digits in the `latin` role (clreq #mixed_text_composition:
# Western text in a Western face), which is the 宋 face's own Latin unless an issue sets one
BODY = TextStyle("song", 9.0, "latin")
BOLD_LEAD = TextStyle("hei", 9.0)         # run-in bold lead **…**: 黑 at body size
DATELINE = TextStyle("hei", 9.0)          # 电头 本报讯: 黑 at body size, then a 1-em space
BYLINE = TextStyle("kai", 9.0)            # 署名 at body size
TITLE = TextStyle("hei", 10.5)            # 小标题 in a 专栏: 黑 one grade up (五号)
BANNER = TextStyle("hei", 16.0)           # 专栏 banner, reversed on a black band (三号)
GROUP_HEADLINE = TextStyle("song-heavy", 22.0)
SECTION = TextStyle("song-heavy", 36.0)   # 版名 地方科协 in the 报眉 (小初)
PINYIN = TextStyle("hei-regular", 8.0)
FOLIO = TextStyle("hei", 14.0)            # 第N版
PAPER_NAME = TextStyle("song-heavy", 15.0)
MASTHEAD_INFO = TextStyle("song", 9.0)     # date, 期号 and the fixed facts beside the 报头
SMALL = TextStyle("song", 8.0)            # date and credits in the 报眉
CAPTION = TextStyle("kai", 9.0, "latin")   # 图片说明 and credit: 楷 at body size, on the grid
CAPTION_HEI = TextStyle("hei", 9.0)       # style: caption_face: hei
AD_LABEL = TextStyle("hei", 6.5)          # 广告 over an ad: 黑 小六 (house style)
FOOTER_TITLE = TextStyle("hei", 12.0)
FOOTER_NOTE = TextStyle("kai", 9.0)
FOOTER_NAME = TextStyle("song", 9.0)

DATELINE_SPACE_EM = 1.0   # clreq: run-in head followed by a 1-em space (newspaper-conventions)


def headline_style(span: int, size: float | None) -> TextStyle:
    """Headline size by block width when the issue gives none: a story across five or more
    columns takes 一号 (26 pt), four 二号 (22 pt), three 小二 (18 pt), fewer 三号 (16 pt)."""
    if size is None:
        size = 26.0 if span >= 5 else 22.0 if span == 4 else 18.0 if span == 3 else 16.0
    return TextStyle("song-heavy", size)


def kicker_style(headline: TextStyle) -> TextStyle:
    """引题 and 副题: 楷, about two grades below the headline (and Kai one grade up, since it
    looks smaller than Song at the same size: docs/newspaper-conventions.md)."""
    return TextStyle("kai", max(10.5, round(headline.size * 0.6 * 2) / 2))


def run(text: str, style: TextStyle, space_after: float = 0.0) -> Run:
    return Run(text, style.face, style.size, latin_face=style.latin, space_after=space_after)


def shrink_to_fit(text: Run, width: float, metrics: Metrics, settings: Settings,
                  smallest: float) -> Line | None:
    """One line of display text at its run's size or, when that is too wide, the largest
    half-point size down to `smallest` that fits; None when nothing fits."""
    size = text.size
    while size >= smallest:
        ln = set_line((text._replace(size=size),), width, metrics, settings)
        if ln.width <= width + 0.01:
            return ln
        size -= 0.5
    return None


def paragraph_runs(para: Paragraph, dateline: str = "") -> tuple[Run, ...]:
    runs = []
    if dateline:
        runs.append(run(dateline, DATELINE, DATELINE_SPACE_EM))
    for span in para.spans:
        runs.append(run(span.text, BOLD_LEAD if span.bold else BODY))
    return tuple(runs)
