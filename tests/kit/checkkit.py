"""Helpers for the preflight tests: build a small issue normally, then plant one defect in it —
by altering the placed items the PDF writer replays (a glyph dropped, moved, nudged off its
baseline) and writing the PDF again with the real writer, or by drawing onto the written PDF
with a ReportLab canvas merged in with pypdf (an unembedded Helvetica, a .notdef glyph), then
sealing it again (press.seal), or the check would stop at its broken seal. The checker itself
is never mocked: it reads the defective PDF back like any other."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from layout.build import Warm, build_issue
from layout.fonts.fontset import FontSet
from layout.page.items import TextLine

SMALL = """\
paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 地方科协
    credits: {责任编辑: 张三}
    stories:
      - id: one
        headline: 省科协召开部门年度总结报告会
        dateline: 本报讯
        place: {col: 1, span: 3, row: 1, rows: 24}
        body: |
          1月5日，省科协召开部门（单位）年度总结报告会，对省科协2022年工作进行总结和回顾，对2023年工作进行谋划和展望。省科协党组书记、副主席毛大付主持会议。

          会上，省科协办公室、创新发展部、四川科技馆等机关各部门、直属单位负责人围绕党的建设、部门工作、业务实绩等，相继汇报了2022年度工作成效和亮点、存在的不足及2023年工作打算。与会人员根据汇报情况，对省科协机关各部门、直属单位2022年工作进行了民主测评。
        byline: 本报记者 曾青瑶
      - id: two
        headline: 阿坝州科协积极开展暖冬行动
        dateline: 本报讯
        place: {col: 4, span: 3, row: 1, rows: 24}
        body: |
          1月5日，阿坝州科协联合阿坝州关工委等单位在马尔康市草登乡科拉机村开展了形式多样、内容丰富的暖冬行动。

          一是送党的政策到基层，马尔康市“五老”宣讲员运用通俗易懂的语言向当地群众宣讲了党的二十大精神，号召广大农村干部群众大力弘扬伟大建党精神，坚定不移沿着习近平总书记指引的方向奋勇前进。
        byline: 阿坝州科协
"""


@dataclasses.dataclass
class Built:
    issue: Path
    pdf: Path
    result: object
    fonts: FontSet

    @property
    def page(self):
        return self.result.pages[0]


def build_small(tmp: Path) -> Built:
    issue = tmp / "small.yaml"
    issue.write_text(SMALL, encoding="utf-8")
    fonts = FontSet()
    pdf = tmp / "small.pdf"
    r = build_issue(str(issue), pdf, warm=Warm(fonts))
    return Built(issue, pdf, r, fonts)


def body_lines(b: Built, owner: str) -> list[int]:
    """Indices into the page's items of the owner's body lines, in drawing order."""
    return [k for k, it in enumerate(b.page.items)
            if isinstance(it, TextLine) and it.owner == owner and it.kind == "body"]


def with_glyphs(item: TextLine, glyphs) -> TextLine:
    glyphs = tuple(glyphs)
    line = item.line._replace(glyphs=glyphs, text="".join(g.ch for g in glyphs))
    return item._replace(line=line)


def rewrite(b: Built, items: list, name: str) -> Path:
    """The small issue's PDF written again, by the real writer, from altered items."""
    from layout.pdf.embed import PdfFonts
    from layout.pdf.writer import write_pdf
    from layout.press.icc import load_profile
    from layout.press.pdfx import DocInfo
    from layout.press.sheet import impose
    from layout.page.coverage import used_glyphs
    page = b.page._replace(items=tuple(items))
    out = b.pdf.parent / name
    fonts = PdfFonts(b.fonts)
    fonts.prepare(used_glyphs([page]))
    write_pdf(impose([page], b.result.issue.print), fonts, out,
              DocInfo("planted", profile=load_profile()))
    return out


def overlay(b: Built, name: str, draw) -> Path:
    """The small issue's PDF with `draw(canvas, page_height)` drawn over page 1."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas
    fmt = b.page.format
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(fmt.trim_w, fmt.trim_h))
    draw(c, fmt.trim_h)
    c.save()
    writer = PdfWriter(clone_from=PdfReader(str(b.pdf)))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    out = b.pdf.parent / name
    with open(out, "wb") as fh:
        writer.write(fh)
    return resealed(out)


def resealed(pdf: Path) -> Path:
    """`pdf`, changed by a test after layout wrote it, sealed again (press.seal), as if layout
    had written the defect: the check then looks past its seal at the defect itself."""
    from layout.press.seal import seal
    pdf.write_bytes(seal(pdf.read_bytes()))
    return pdf
