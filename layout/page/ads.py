"""Ads (广告位): a slot on the page grid, its artwork placed first and never composed over.

The artwork box of a slot: the slot's columns across; down, its rows, less the first row when
the house marks ads with the 广告 label (the label stands end-aligned on that row, 黑 小六;
the Advertising Law of the PRC, art. 14: an ad in a mass medium must be clearly marked as
an ad), and less the last row when another block follows below (that row carries the rule
between them, as under every block; docs/issue-format.md, place). `ad_mark: rule` frames the
artwork with a 0.5 pt rule drawn just outside it (never over the ad), `both` does both.

The artwork must be delivered at that size (a press does not rescale an advertiser's file):
within AD_TOLERANCE_MM, it is scaled uniformly onto the box and centred; beyond it, the
loader refuses it and names both sizes (check_ads). A PDF is kept vector (items.Vector); an
image (items.Image) is taken at its declared resolution, or when it declares none, by its
proportions alone.
"""
from __future__ import annotations

from layout.compose import ONE_LINE, set_line
from layout.errors import Diagnostic
from layout.page import style
from layout.page.formats import MM, Format, place_rows
from layout.page.items import Box, TextLine, Vector
from layout.page.pictures import Framing, image_item

AD_TOLERANCE_MM = 0.5     # house style: ads are delivered to the mm; half of one is slack
AD_LABEL = "广告"
AD_RULE = 0.5             # pt, docs/newspaper-conventions.md: rules and frames 0.5 pt


def art_box(place, fmt: Format, mark: str) -> tuple[float, float, float, float]:
    """(x, top, w, h) of the artwork in a slot (module docstring)."""
    rows = place_rows(fmt, place)
    at_foot = place.row + rows - 1 >= fmt.rows
    top_row = place.row + (1 if mark in ("label", "both") else 0)
    bottom = fmt.row_y(place.row + rows) if at_foot else fmt.row_y(place.row + rows - 1)
    x = fmt.col_x(place.col)
    return x, fmt.row_y(top_row), fmt.span_w(place.span), bottom - fmt.row_y(top_row)


def delivered_size(src) -> tuple[float, float] | None:
    """The artwork's own size in pt: a PDF's TrimBox; an image's pixels at its declared
    resolution; None for an image that declares none (its proportions are checked instead)."""
    if src.vector:
        return src.width, src.height
    if src.dpi:
        return src.width / src.dpi * 72, src.height / src.dpi * 72
    return None


def size_problem(src, box_w: float, box_h: float) -> str:
    """'' when the artwork fits its box within the tolerance, else what is wrong, both sizes
    in mm."""
    tol = AD_TOLERANCE_MM * MM
    size = delivered_size(src)
    if size is None:            # no resolution: only the proportions can be wrong
        size = (box_w, src.height * box_w / src.width)
        what = f"its proportions ({int(src.width)} × {int(src.height)} px) give"
    else:
        what = "it is"
    w, h = size
    if abs(w - box_w) <= tol and abs(h - box_h) <= tol:
        return ""
    return (f"{what} {w / MM:.1f} × {h / MM:.1f} mm, its slot takes {box_w / MM:.1f} × "
            f"{box_h / MM:.1f} mm")


def place_ads(page, house) -> tuple[object, list[Diagnostic]]:
    """The page with a slot for every ad given without a place: at the foot of the grid
    (above a co-organiser box across the foot), from the right edge leftwards in file order,
    clear of the ads placed by hand — house style: display ads are sold by the band at the
    foot of a news page, under the stories (docs/newspaper-conventions.md#page-parts). Its
    size is the artwork's: the span as wide as it is and the rows whose box is as tall
    (within AD_TOLERANCE_MM). Problems name the ad and both sizes."""
    from layout.page.places import footer_place, page_format
    todo = [ad for ad in page.ads if ad.place is None]
    if not todo:
        return page, []
    fmt = page_format(page)
    fp = footer_place(page, fmt)
    foot = fp.row - 1 if fp is not None and fp.span == fmt.columns else fmt.rows
    taken = {(r, c) for ad in page.ads if ad.place is not None
             for r in range(ad.place.row, ad.place.row + place_rows(fmt, ad.place))
             for c in range(ad.place.col, ad.place.col + ad.place.span)}
    placed, problems = {}, []
    for ad in todo:
        slot = _slot(ad, (fmt, house.ad_mark, foot), taken)
        if isinstance(slot, Diagnostic):
            problems.append(slot)
            continue
        placed[ad.id] = slot
        taken |= {(r, c) for r in range(slot.row, slot.row + slot.rows)
                  for c in range(slot.col, slot.col + slot.span)}
    ads = tuple(ad._replace(place=placed[ad.id]) if ad.id in placed else ad for ad in page.ads)
    return page._replace(ads=ads), problems


def _slot(ad, grid: tuple, taken: set):
    """The ad's slot at the foot (`grid`: the format, the house's ad mark, the last free
    row), the rightmost clear of `taken`; or a Diagnostic."""
    from layout.issue.model import Place
    fmt, mark, foot = grid
    w_ = ad.where
    size = delivered_size(ad.source)
    if size is None:
        return Diagnostic(w_.path, w_.line, w_.column, f"ad '{ad.id}': an image without a "
                          "resolution has no size of its own", "give the ad its place "
                          "(col, span, row, rows), or deliver it with its resolution (dpi)")
    w, h = size
    tol = AD_TOLERANCE_MM * MM
    span = next((s for s in range(1, fmt.columns + 1) if abs(fmt.span_w(s) - w) <= tol), None)
    if span is None:
        near = min(range(1, fmt.columns + 1), key=lambda s: abs(fmt.span_w(s) - w))
        return Diagnostic(w_.path, w_.line, w_.column, f"ad '{ad.id}' is {w / MM:.1f} mm wide: "
                          f"no span has that width ({near} columns are "
                          f"{fmt.span_w(near) / MM:.1f} mm)", "ask for the artwork a whole "
                          "number of columns wide, or give the ad its place")
    for rows in range(1, foot + 1):
        probe = Place(1, span, foot - rows + 1, rows, None, w_)
        box_h = art_box(probe, fmt, mark)[3]
        if abs(box_h - h) <= tol:
            break
        if box_h > h + tol:
            return Diagnostic(w_.path, w_.line, w_.column, f"ad '{ad.id}' is {h / MM:.1f} mm "
                              f"tall: no whole number of rows gives its box that height "
                              f"({rows} rows give {box_h / MM:.1f} mm)", "ask for the artwork "
                              "a whole number of rows tall (the 广告 label takes a row: style "
                              "ad_mark), or give the ad its place")
    else:
        return Diagnostic(w_.path, w_.line, w_.column, f"ad '{ad.id}' is taller than the page",
                          "give the ad its place")
    for col in range(fmt.columns - span + 1, 0, -1):
        cells = {(r, c) for r in range(foot - rows + 1, foot + 1) for c in range(col, col + span)}
        if not cells & taken:
            return Place(col, span, foot - rows + 1, rows, None, w_)
    return Diagnostic(w_.path, w_.line, w_.column, f"ad '{ad.id}' ({span} columns × {rows} rows) "
                      "finds no room at the foot of the page beside the other ads",
                      "give it a place, or move the other ads")


def check_ads(page, house) -> list[Diagnostic]:
    """Every ad of the page at its slot's size (module docstring), for the loader."""
    from layout.page.places import page_format, resolve_foot
    fmt = page_format(page)
    out = []
    for ad in resolve_foot(page, fmt).ads:
        _, _, w, h = art_box(ad.place, fmt, house.ad_mark)
        if h <= 0:
            w_ = ad.place.where
            out.append(Diagnostic(w_.path, w_.line, w_.column, f"ad '{ad.id}': its slot leaves "
                                  "no room for the artwork", "give the slot more rows"))
            continue
        why = size_problem(ad.source, w, h)
        if why:
            at = ad.source.where
            out.append(Diagnostic(at.path, at.line, at.column, f"ad '{ad.id}' does not match "
                                  f"its slot: {why}", "ask for the artwork at the slot's size, "
                                  "or change the slot (span, rows; the 广告 label takes a row: "
                                  "style ad_mark)"))
    return out


def ad_items(ad, ctx, mark: str) -> list:
    """The ad's artwork in its box, its mark (label, frame), and the rules that part the
    slot from its neighbours."""
    from layout.page.blocks import _block_rows, _separators, band_baseline
    fmt, p = ctx.fmt, ad.place
    x, top, w, h = art_box(p, fmt, mark)
    src = ad.source
    size = delivered_size(src) or (w, src.height * w / src.width)
    s = min(w / size[0], h / size[1])           # uniform: never distorted
    dw, dh = size[0] * s, size[1] * s
    ax, ay = x + (w - dw) / 2, top + (h - dh) / 2
    items: list = []
    if src.vector:
        items.append(Vector(ax, ay, dw, dh, src.path, ad.id, src.box, "ad", src))
    else:
        items.append(image_item(src, (ax, ay, dw, dh), ad.id, Framing("fit", kind="ad")))
    if mark in ("rule", "both"):
        half = AD_RULE / 2                       # the stroke's inner edge on the artwork's
        items.append(Box(ax - half, ay - half, dw + AD_RULE, dh + AD_RULE, None, AD_RULE,
                         ad.id))
    if mark in ("label", "both"):
        st = style.AD_LABEL
        ln = set_line((style.run(AD_LABEL, st),), w, ctx.metrics, ONE_LINE)
        base = band_baseline(fmt.row_y(p.row), fmt.pitch, fmt.body_size)
        items.append(TextLine(x + w - ln.width, base, ln, "ad-label", ad.id))
    rows, at_foot = _block_rows(p, fmt)
    return items + _separators(p, rows, at_foot, fmt, ad.id)
