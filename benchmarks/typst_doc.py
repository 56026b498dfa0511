"""Write the Typst equivalent of an issue, for the side-by-side speed benchmark (bench_speed.py).

The Typst document is what a Typst user would write for the same page: the same bundled fonts
(fonts/, given to Typst with font_paths), the same trim, type area, sizes, column counts and
text; each block placed at its grid position with `place`, its heading centred, its body in
`columns` with justified, first-line-indented paragraphs and `lang: "zh"` (Typst then applies
its own CJK rules: punctuation compression, Han–Latin spacing). It does not reproduce our
baseline grid or balanced columns: Typst has no such feature (peers.md), and faking it would
not be idiomatic.

    python benchmarks/typst_doc.py issues/sample-difang-kexie.yaml benchmarks/sample.typ
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.page.formats import MM, with_masthead  # noqa: E402
from layout.issue.loader import load_issue  # noqa: E402
from layout.issue.normalize import normalize_issue  # noqa: E402
from layout.page import style  # noqa: E402

SONG, HEI, KAI = "Noto Serif SC", "Noto Sans SC", "Layout Kai"


def esc(text: str) -> str:
    """Typst markup escapes for copy."""
    for ch in "\\#*_`$<>@[]~/\"'=-+":
        text = text.replace(ch, "\\" + ch)
    return text


def _block(fmt, place, body: str) -> str:
    x = fmt.col_x(place.col) - fmt.margin_left
    y = fmt.row_y(place.row) - fmt.margin_top
    rows = place.rows if place.rows is not None else fmt.rows - place.row + 1
    return (f"#place(top + left, dx: {x:.2f}pt, dy: {y:.2f}pt, block(width: "
            f"{fmt.span_w(place.span):.2f}pt, height: {rows * fmt.pitch:.2f}pt, clip: true)[\n"
            f"{body}\n])\n")


def _paras(paragraphs, dateline: str = "") -> str:
    out = []
    for k, p in enumerate(paragraphs):
        text = "".join(f"#text(font: \"{HEI}\", weight: \"bold\")[{esc(s.text)}]" if s.bold
                       else esc(s.text) for s in p.spans)
        if k == 0 and dateline:
            text = f"#text(font: \"{HEI}\", weight: \"bold\")[{esc(dateline)}]#h(1em)" + text
        out.append(text)
    return "\n\n".join(out)


def _heading(text: str, st: style.TextStyle, bold: bool = True) -> str:
    font = SONG if st.face.startswith("song") else HEI if st.face.startswith("hei") else KAI
    weight = ', weight: "bold"' if bold and font != KAI else ""
    return (f"#align(center, text(font: \"{font}\", size: {st.size}pt{weight})"
            f"[{esc(text)}])\n#v(0.5em)\n")


def _columns(n: int, gutter: float, body: str) -> str:
    return f"#columns({n}, gutter: {gutter:.2f}pt)[\n{body}\n]"


def page_typst(page, issue) -> str:
    fmt = with_masthead(page.format) if page.number == 1 else page.format
    out = [f"#set page(width: {fmt.trim_w / MM:.1f}mm, height: {fmt.trim_h / MM:.1f}mm, "
           f"margin: (x: {fmt.margin_left:.2f}pt, y: {fmt.margin_top:.2f}pt))",
           f"#text(font: \"{SONG}\", size: {style.SECTION.size}pt, weight: \"bold\", "
           f"tracking: 0.25em)[{esc(page.name)}] #h(1fr) "
           f"#text(font: \"{HEI}\", weight: \"bold\", size: 14pt)[{esc(issue.paper.name)} "
           f"第{page.number}版]",
           f"#place(top + left, dy: {fmt.head_rows * fmt.pitch - 4:.2f}pt, "
           f"line(length: 100%, stroke: 2pt))"]
    for s in page.stories:
        head = style.headline_style(s.place.span, s.headline_size)
        body = ""
        if s.kicker:
            body += _heading(s.kicker, style.kicker_style(head), bold=False)
        body += _heading(s.headline, head)
        text = _paras(s.body, s.dateline)
        if s.byline:
            text += f"\n\n#align(right, text(font: \"{KAI}\")[（{esc(s.byline)}）])"
        body += _columns(s.place.split or s.place.span, fmt.gutter, text)
        out.append(_block(fmt, s.place, body))
    for g in page.groups:
        body = (f"#block(fill: black, width: 100%, inset: 6pt, align(center, text(fill: white, "
                f"font: \"{HEI}\", weight: \"bold\", size: {style.BANNER.size}pt)"
                f"[{esc(g.banner)}]))\n")
        body += _heading(g.headline, style.GROUP_HEADLINE)
        parts = []
        for item in g.items:
            parts.append(f"#align(center, text(font: \"{HEI}\", weight: \"bold\", "
                         f"size: {style.TITLE.size}pt)[{esc(item.title)}])\n\n"
                         + _paras(item.body))
        text = "\n\n".join(parts)
        if g.credit:
            text += f"\n\n#align(right, text(font: \"{KAI}\")[（{esc(g.credit)}）])"
        body += _columns(g.place.span, fmt.gutter, text)
        out.append(_block(fmt, g.place, body))
    if page.footer:
        names = ", ".join(f"[{esc(n)}]" for n in page.footer.names)
        out.append(f"#place(bottom + left, block(width: 100%, stroke: 0.75pt, inset: 8pt)[\n"
                   f"#grid(columns: (1fr, 6fr), text(font: \"{HEI}\", weight: \"bold\", "
                   f"size: 12pt)[{esc(page.footer.title)}],\n"
                   f"grid(columns: 7, gutter: 6pt, {names}))])")
    return "\n".join(out)


def issue_typst(path: str, pages: int | None = None) -> str:
    """The whole issue; with `pages`, the issue's pages repeated (renumbered) to that count, for
    the 16-page benchmark."""
    issue, _ = normalize_issue(load_issue(path))
    head = ("#set text(font: \"Noto Serif SC\", size: 9pt, lang: \"zh\", region: \"cn\")\n"
            "#set par(justify: true, first-line-indent: (amount: 2em, all: true), "
            "leading: 6pt, spacing: 6pt)\n")
    src = list(issue.pages)
    chosen = [src[i % len(src)] for i in range(pages or len(src))]
    return head + "\n#pagebreak()\n".join(page_typst(p, issue) for p in chosen)


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(issue_typst(sys.argv[1]), encoding="utf-8")
