"""Stage: PageLayouts -> a deterministic text rendering, one line per placed item, coordinates
in pt rounded to 0.01. It is the main regression oracle for layout (golden files diff well in
review) and a way for an editor or a bug report to say exactly where something landed.

    T <kind> <owner> p=<unit> x=<line start> y=<baseline> w=<width> [op] |<text>| <glyph steps>
      D glyphs=<first>-<last> x=… y=… w=… h=…   (a —— bar over glyphs of the line above,
                                                 from the line start and its baseline)
      A glyphs=<first>-<last> |<text>|          (glyphs of the line above read as text:
                                                 replacement text, page.finish)
    R <owner> <x0>,<y0> <x1>,<y1> w=<width> [op]
    B <owner> x=… y=… w=… h=… fill=<gray|-> stroke=<width|-> [op]
    (p=: the paragraph or other unit of its owner the line belongs to, items.TextLine.para;
     op: solid black that overprints, press.sheet)
    V <kind> <owner> x=<column left> top=… w=… h=… [gray=…] |<text>| <glyphs>  (竖排: a
                                                 column; each glyph form@x,y, ⟲ turned 90°)
    G <owner> <style> x=… y=… w=… h=… strokes=<n>       (a frame, page.frames)
    (T and V: gray=1.00 is reversed type, paper white)
    I <owner> <kind> x=… y=… w=… h=… <file> crop=x0,y0,x1,y1 px=W×H ppi=…
                                          (a raster picture: the part of the file shown, in
                                          its pixels, the pixels embedded, its resolution)
    X <owner> <kind> x=… y=… w=… h=… <file> box=x0,y0,x1,y1   (vector artwork, a form)
    M <kind> <owner> x=… y=… size=…       (a proof mark such as overset)
    F <owner> columns=… capacity=… used=… chars=… overset=…   (fit of a story's copy)
"""
from __future__ import annotations

from layout.page.items import Box, Frame, Image, Marker, PageLayout, Rule, TextLine, Vector, VText


def _n(v: float) -> str:
    s = f"{v:.2f}"
    return "0.00" if s == "-0.00" else s


def glyph_steps(line) -> str:
    """The glyph positions of a line, compactly: the first glyph's x, then each step to the
    next glyph, in hundredths of a pt, runs of equal steps as step×count. A change in
    compression or justification inside a line shows here even when the line's width (the
    measure) does not change: `@1800 900×11 450 900×3`."""
    xs = [round(g.x * 100) for g in line.glyphs]
    if not xs:
        return "@-"
    out, steps = [f"@{xs[0]}"], [b - a for a, b in zip(xs, xs[1:])]
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(f"{steps[i]}×{j - i}" if j - i > 1 else str(steps[i]))
        i = j
    return " ".join(out)


def _op(item) -> str:
    return " op" if item.overprint else ""


def vertical_steps(col: VText) -> str:
    """The glyphs of a vertical column: each glyph's form, x in hundredths of a pt and y
    (baseline, or origin when turned ⟲), so a change of form, place or turning shows."""
    return " ".join(f"{'⟲' if g.turn else ''}{g.ch}@{round(g.x * 100)},{round(g.y * 100)}"
                    for g in col.glyphs)


def _file(path: str) -> str:
    return path.replace(chr(92), "/").rsplit("/", 1)[-1]


def dump_page(page: PageLayout) -> str:
    f = page.format
    out = [f"page {page.number} {page.name} {f.name} {_n(f.trim_w)}x{_n(f.trim_h)} "
           f"grid {f.columns}x{f.rows} pitch {_n(f.pitch)}"]
    for it in page.items:
        if isinstance(it, TextLine):
            out.append(f"T {it.kind} {it.owner} p={it.para} x={_n(it.x)} "
                       f"y={_n(it.baseline)} w={_n(it.line.width)}{_op(it)}"
                       f"{' gray=' + _n(it.gray) if it.gray else ''} "
                       f"|{it.line.text}| {glyph_steps(it.line)}")
            for b in it.bars:
                out.append(f"  D glyphs={b.first}-{b.end - 1} x={_n(b.x)} y={_n(b.y)} "
                           f"w={_n(b.w)} h={_n(b.h)}")
            for a in it.actual:
                out.append(f"  A glyphs={a.first}-{a.end - 1} |{a.text}|")
        elif isinstance(it, VText):
            out.append(f"V {it.kind} {it.owner} x={_n(it.x)} top={_n(it.top)} w={_n(it.w)} "
                       f"h={_n(it.h)}{' gray=' + _n(it.gray) if it.gray else ''} |{it.text}| "
                       f"{vertical_steps(it)}")
        elif isinstance(it, Frame):
            out.append(f"G {it.owner} {it.style} x={_n(it.x)} y={_n(it.y)} w={_n(it.w)} "
                       f"h={_n(it.h)} strokes={len(it.paths)}")
        elif isinstance(it, Rule):
            out.append(f"R {it.owner} {_n(it.x0)},{_n(it.y0)} {_n(it.x1)},{_n(it.y1)} "
                       f"w={_n(it.width)}{_op(it)}")
        elif isinstance(it, Box):
            fill = "-" if it.fill is None else _n(it.fill)
            stroke = "-" if it.stroke is None else _n(it.stroke)
            out.append(f"B {it.owner} x={_n(it.x)} y={_n(it.y)} w={_n(it.w)} h={_n(it.h)} "
                       f"fill={fill} stroke={stroke}{_op(it)}")
        elif isinstance(it, Image):
            out.append(f"I {it.owner} {it.kind} x={_n(it.x)} y={_n(it.y)} w={_n(it.w)} "
                       f"h={_n(it.h)} {_file(it.path)} crop={','.join(_n(v) for v in it.crop)} "
                       f"px={it.px[0]}×{it.px[1]} ppi={it.ppi:.0f}")
        elif isinstance(it, Vector):
            out.append(f"X {it.owner} {it.kind} x={_n(it.x)} y={_n(it.y)} w={_n(it.w)} "
                       f"h={_n(it.h)} {_file(it.path)} box={','.join(_n(v) for v in it.box)}")
        elif isinstance(it, Marker):
            out.append(f"M {it.kind} {it.owner} x={_n(it.x)} y={_n(it.y)} size={_n(it.size)}")
    for fit in page.fits:
        out.append(f"F {fit.owner} columns={fit.columns} capacity={fit.capacity_lines} "
                   f"used={fit.used_lines} chars={fit.chars} overset={fit.overset_lines}")
    return "\n".join(out) + "\n"


def dump_pages(pages) -> str:
    return "\n".join(dump_page(p) for p in pages)
