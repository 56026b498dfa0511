"""Inks of the type: reversed (white) type too small to hold up, and type printed in a tint
(not solid black) too small to print clean.

Place in the pipeline: after `fidelity` (which block a glyph belongs to). The fill colour of
each glyph is read back from the PDF (pdfread: K in CMYK, 1 − g in gray). On newsprint, fine
serifs of reversed type fill in with ink spread and a tint breaks type into dots, so print
guides for newspapers set minimums — reversed type at least 10 pt, type in a tint at least
8 pt — kept as settings (`print: reverse_min`, `tint_text_min`; docs/check-report.md).
Invisible glyphs (the text under a —— bar) are not ink.
"""
from __future__ import annotations

from layout.preflight.expect import PageExpect
from layout.preflight.fidelity import Attribution
from layout.preflight.findings import Finding
from layout.preflight.pdfread import PdfPage

WHITE = 0.005        # at most this share of black counts as paper white


def _runs(glyphs, bad):
    """Consecutive glyphs (stream order) for which bad(glyph) holds, as lists."""
    out, cur = [], []
    for g in glyphs:
        if bad(g):
            cur.append(g)
        elif cur:
            out.append(cur)
            cur = []
    return out + ([cur] if cur else [])


def check_inks(page: PdfPage, exp: PageExpect, at: Attribution, options) -> list[Finding]:
    rev_min = getattr(options, "reverse_min", 10.0)
    tint_min = getattr(options, "tint_text_min", 8.0)
    gl = [page.glyphs[i] for i in at.visible if not page.glyphs[i].invisible]
    out = []
    tests = (("reversed-small", lambda g: g.ink <= WHITE and g.size < rev_min - 1e-6,
              f"reversed (white) type below {rev_min:g} pt"),
             ("tint-small", lambda g: WHITE < g.ink < 1 - WHITE and g.size < tint_min - 1e-6,
              f"type printed in a tint below {tint_min:g} pt"))
    for kind, bad, what in tests:
        for run in _runs(gl, bad):
            g = run[0]
            k = at.block[g.i]
            out.append(Finding(exp.number, exp.blocks[k].owner if k >= 0 else None, kind,
                               f"{len(run)} glyph{'s' * (len(run) > 1)} of {what}: "
                               f"{g.size:g} pt at {g.ink:.0%} black",
                               "".join(x.text for x in run)[:40],
                               (min(x.ink_x0 for x in run), min(x.top for x in run),
                                max(x.ink_x1 for x in run), max(x.bottom for x in run))))
    return out
