"""Pictures, ads and logos as the PDF draws them: each where the issue puts it, printed at a
resolution a press can reproduce, nothing drawn over an ad, no RGB anywhere.

Place in the pipeline: beside `pdfread`, reading the file again on its own (pikepdf: the page
content streams interpreted for their graphics — the current matrix through q/Q/cm, every
image and form XObject painted with Do, every path painted — text is pdfread's). Then per
page, against the issue (expect.PageExpect.art):

  - art-missing: a picture with a file, an ad or the 报头 logo that is not drawn inside its
    block (an image or form whose box's centre lies in the block's grid rectangle);
  - art-extra: an image or form drawn where the issue has none;
  - art-outside-block: one drawn across its block's edge (0.5 pt);
  - over-ad: a path, image, form or glyph of the page painted over an ad's box (the ad's own
    text, drawn in its form with its own fonts, is the ad's; 0.5 pt inside its edge);
  - low-ppi: a raster printed below 100 ppi (docs/newspaper-conventions.md: photos want
    170–200 ppi; below 100 the pixels show);
  - rgb: RGB colour anywhere the page draws (issue.sources.artwork_problems: colour spaces,
    operators, images, shadings, in forms and patterns too).

`own_glyphs` tells runner which glyphs are the artwork's own (they are not the issue's text:
fidelity never sees them) and `own_fonts` which fonts are (font-not-allowed does not apply).
"""
from __future__ import annotations

import math
from typing import NamedTuple

from layout.issue.sources import COLOUR_OPS
from layout.preflight.findings import Finding

MIN_PPI = 100.0        # module docstring
EDGE_TOL = 0.5         # pt


class Drawn(NamedTuple):
    kind: str                                   # image, form or path
    box: tuple[float, float, float, float]      # x0, top, x1, bottom: pt, trimmed page, y down
    name: str = ""                              # the XObject's resource name
    ppi: float = 0.0                            # image: its pixels at the size drawn
    fonts: frozenset = frozenset()              # form: BaseFonts it draws with (nested too)


class ArtPage(NamedTuple):
    drawn: list[Drawn]                          # each made empty, filled by the reader
    page_fonts: frozenset                       # BaseFonts of the page's own /Font resources
    problems: list[str]                         # artwork_problems of the whole page


def read_art(path: str) -> list[ArtPage]:
    """Per page: what it draws besides text (module docstring)."""
    from layout import qpdf
    with qpdf.opened(path) as pdf:
        return read_open(pdf, [None] * len(pdf.pages))


def read_open(pdf, tokens: list) -> list[ArtPage]:
    """read_art of an open pikepdf.Pdf; `tokens`: each page's content split by
    pdfread.tokens (the glyph reader's, so that it is split once), None to have qpdf parse
    it."""
    from layout import qpdf
    from layout.issue.sources import artwork_problems
    out = []
    for page, toks in zip(pdf.pages, tokens):
        obj = page.obj
        tb = [float(v) for v in obj.get("/TrimBox", page.mediabox)]
        origin = (min(tb[0], tb[2]), max(tb[1], tb[3]))
        res = obj.get("/Resources") or qpdf.Dictionary()
        art = ArtPage([], frozenset(
            str(f.get("/BaseFont", "")).lstrip("/") for f in (res.get("/Font") or {}).values()),
            [])
        try:       # the page read once for the graphics and the colours
            ops = (_ops(toks) if toks is not None
                   else qpdf.parse_content_stream(page, GRAPHICS + " " + COLOUR_OPS))
        except (qpdf.PdfError, ValueError, TypeError):
            ops = None             # each reader parses it again and says what it finds
        try:
            _interpret(page, res, origin, art.drawn, ops)
        except (qpdf.PdfError, ValueError, TypeError, KeyError):
            art.problems.append("its content stream cannot be read")
        art.problems.extend(artwork_problems(page, ops))
        out.append(art)
    return out


def _ops(toks: list[bytes]) -> list[tuple[list, str]]:
    """The instructions of GRAPHICS and COLOUR_OPS among a content stream's tokens, as
    (operands, operator) with names as text (/Im1) and numbers as their bytes (float() reads
    them as qpdf's numbers): what _interpret and issue.sources.artwork_problems read. Tokens
    come from pdfread.tokens, which leaves no inline image (ID) in them."""
    from layout.preflight.pdfread import _OPERAND_WORDS, _OPSTART
    wanted = _WANTED
    out, args = [], []
    for tok in toks:
        if tok in wanted:
            out.append(([a.decode("latin-1") if a[0] == 47 else a for a in args],
                        tok.decode("ascii")))
            args = []
        elif tok[0] in _OPSTART and tok not in _OPERAND_WORDS:
            args = []
        elif tok[0] != 37:            # % a comment: white space
            args.append(tok)
    return out


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _pt(m, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


PAINT = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
# the operators read here, filtered in qpdf: text (the bulk of a page) is pdfread's
GRAPHICS = "q Q cm w re m l c v y h n Do " + " ".join(sorted(PAINT))
STROKE = frozenset({"S", "s", "B", "B*", "b", "b*"})
_WANTED = frozenset(o.encode() for o in (GRAPHICS + " " + COLOUR_OPS).split())


def _interpret(page, res, origin, drawn: list[Drawn], ops=None) -> None:
    """The page's content: the box of every image, form and painted path, in device space
    turned to trimmed-page coordinates (y down). A stroked path is recorded segment by
    segment (a frame around an ad paints its edge, not its inside); a filled one whole.
    `ops`: the content as qpdf parsed it keeping at least GRAPHICS, or None to parse it."""
    from layout import qpdf
    ctm, stack, lw = (1, 0, 0, 1, 0, 0), [], 1.0
    pts: list = []          # every point of the current path (its fill's box)
    segs: list = []         # its straight or control-polygon segments (its stroke)
    xobjects = res.get("/XObject") or {}

    def box(points, pad=0.0):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return (min(xs) - origin[0] - pad, origin[1] - max(ys) - pad,
                max(xs) - origin[0] + pad, origin[1] - min(ys) + pad)

    for operands, op in ops if ops is not None else qpdf.parse_content_stream(page, GRAPHICS):
        o = str(op)
        if o == "q":
            stack.append((ctm, lw))
        elif o == "Q" and stack:
            ctm, lw = stack.pop()
        elif o == "cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
        elif o == "w":
            lw = float(operands[0])
        elif o == "re":
            x, y, w, h = (float(v) for v in operands)
            c = [_pt(ctm, x, y), _pt(ctm, x + w, y), _pt(ctm, x + w, y + h), _pt(ctm, x, y + h)]
            pts += c
            segs += [(c[i], c[(i + 1) % 4]) for i in range(4)]
        elif o in ("m", "l", "c", "v", "y"):
            vals = [float(v) for v in operands]
            new = [_pt(ctm, vals[i], vals[i + 1]) for i in range(0, len(vals) - 1, 2)]
            if o != "m" and pts:
                chain = [pts[-1]] + new
                segs += list(zip(chain, chain[1:]))
            pts += new
        elif o in PAINT or o == "n":
            if o in PAINT and pts:
                pad = lw * math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) / 2
                if o in ("S", "s"):
                    drawn += [Drawn("path", box(sg, pad)) for sg in segs]
                else:
                    drawn.append(Drawn("path", box(pts, pad if o in STROKE else 0.0)))
            pts, segs = [], []
        elif o == "Do":
            name = str(operands[0])
            xo = xobjects.get(name)
            if xo is not None:
                drawn.append(_xobject(xo, name, ctm, box))


def _xobject(xo, name: str, ctm, box) -> Drawn:
    if xo.get("/Subtype") == "/Image":
        corners = [_pt(ctm, 0, 0), _pt(ctm, 1, 0), _pt(ctm, 0, 1), _pt(ctm, 1, 1)]
        w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
        ppi = min(int(xo.get("/Width", 0)) / max(w_pt, 1e-9),
                  int(xo.get("/Height", 0)) / max(h_pt, 1e-9)) * 72
        return Drawn("image", box(corners), name, ppi)
    m = tuple(float(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0]))
    full = _mul(m, ctm)
    b = [float(v) for v in xo.get("/BBox", [0, 0, 0, 0])]
    corners = [_pt(full, b[0], b[1]), _pt(full, b[2], b[1]), _pt(full, b[0], b[3]),
               _pt(full, b[2], b[3])]
    return Drawn("form", box(corners), name, fonts=frozenset(_form_fonts(xo, 0)))


def _form_fonts(xo, depth: int) -> set[str]:
    res = xo.get("/Resources") or {}
    out = {str(f.get("/BaseFont", "")).lstrip("/") for f in (res.get("/Font") or {}).values()}
    if depth < 8:
        for sub in (res.get("/XObject") or {}).values():
            if sub.get("/Subtype") == "/Form":
                out |= _form_fonts(sub, depth + 1)
    return out


# -- against the issue -----------------------------------------------------------------------
def _centre_in(b, r) -> bool:
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return r[0] <= cx <= r[2] and r[1] <= cy <= r[3]


def _within(b, r, tol: float = EDGE_TOL) -> bool:
    return b[0] >= r[0] - tol and b[1] >= r[1] - tol and b[2] <= r[2] + tol and b[3] <= r[3] + tol


def _overlaps(a, b, tol: float = EDGE_TOL) -> bool:
    return (min(a[2], b[2]) - max(a[0], b[0]) > tol and min(a[3], b[3]) - max(a[1], b[1]) > tol)


def match(art: ArtPage, exp) -> dict[int, list[Drawn]]:
    """Expected artwork (index into exp.art) -> the images and forms drawn for it."""
    out: dict[int, list[Drawn]] = {}
    for d in art.drawn:
        if d.kind == "path":
            continue
        for k, a in enumerate(exp.art):
            if _centre_in(d.box, a.rect):
                out.setdefault(k, []).append(d)
                break
    return out


def own_glyphs(pdfpage, art: ArtPage, exp) -> set[int]:
    """Indices of the glyphs that are an ad's or a logo's own text: drawn inside the box of a
    form drawn for it, in a font of that form and none of the page's."""
    found = match(art, exp)
    out: set[int] = set()
    for k, ds in found.items():
        for d in ds:
            if d.kind != "form":
                continue
            mine = d.fonts - art.page_fonts
            for g in pdfpage.glyphs:
                if g.font in mine and _centre_in(g.box(), d.box):
                    out.add(g.i)
    return out


def own_fonts(art: ArtPage) -> frozenset[str]:
    """BaseFonts that only artwork forms use."""
    fonts = set()
    for d in art.drawn:
        fonts |= d.fonts
    return frozenset(fonts - art.page_fonts)


def check_art(pdfpage, art: ArtPage, exp, own: set[int]) -> list[Finding]:
    out: list[Finding] = []
    found = match(art, exp)
    for k, a in enumerate(exp.art):
        ds = found.get(k, [])
        if not ds:
            out.append(Finding(exp.number, a.owner, "art-missing",
                               f"the {a.kind} of '{a.owner}' is not drawn in its block", "",
                               a.rect))
        for d in ds:
            if not _within(d.box, a.rect):
                out.append(Finding(exp.number, a.owner, "art-outside-block",
                                   f"the {a.kind} ({d.kind} {d.name}) reaches outside its "
                                   "block", "", d.box))
            if d.kind == "image" and d.ppi < MIN_PPI:
                out.append(Finding(exp.number, a.owner, "low-ppi",
                                   f"the {a.kind} prints at {d.ppi:.0f} ppi, below {MIN_PPI:.0f}",
                                   "", d.box))
    matched = {id(d) for ds in found.values() for d in ds}
    for d in art.drawn:
        if d.kind != "path" and id(d) not in matched:
            out.append(Finding(exp.number, None, "art-extra",
                               f"an {d.kind} ({d.name}) is drawn where the issue has none",
                               "", d.box))
    out += _over_ads(pdfpage, art, exp, found, own)
    for why in art.problems:        # fonts are preflight.fonts' (the page's and the art's)
        if "RGB" in why:
            out.append(Finding(exp.number, None, "rgb", f"the page draws {why}"))
    return out


def _over_ads(pdfpage, art: ArtPage, exp, found, own: set[int]) -> list[Finding]:
    out: list[Finding] = []
    for k, a in enumerate(exp.art):
        if a.kind != "ad":
            continue
        for ad in found.get(k, []):
            for d in art.drawn:
                if d is not ad and _overlaps(d.box, ad.box):
                    out.append(Finding(exp.number, a.owner, "over-ad",
                                       f"a {d.kind} is drawn over the ad", "", d.box))
            hits = [g for g in pdfpage.glyphs if g.i not in own and g.text.strip()
                    and _overlaps(g.box(), ad.box)]
            if hits:
                out.append(Finding(exp.number, a.owner, "over-ad",
                                   f"{len(hits)} glyph{'s' * (len(hits) > 1)} drawn over the ad",
                                   "".join(g.text for g in hits[:20]), hits[0].box()))
    return out
