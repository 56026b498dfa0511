"""Preflight: prove from the finished PDF, before it goes to the printer, that every character
of the issue is on its page in reading order, that no Chinese line rule is broken, that nothing
overlaps or leaves its block or the baseline grid, that the fonts are embedded subsets of ours,
and that the pages have the format's size (issue 6).

Place in the pipeline: after the PDF writer; `layout build` runs it on the file it wrote,
`layout check OUT.pdf --issue ISSUE.yaml` on any file. The PDF is read back by our own reader
of its content streams' operators over qpdf's object parser (pikepdf), never from the layout's
own data; the issue file and the format grid are input.

    pdfread   the glyphs, boxes and fonts of the PDF
    expect    what each page must show: blocks, their text and grid rectangles, the 报眉
    fidelity  glyphs -> blocks, the input text against the drawn text (a Myers diff)
    lines     the drawn lines, each tied to its paragraph of the input
    rules     避头尾, split ——/……, 孤字, justification, punctuation compression (clreq)
    geometry  overlaps, outside the block / type area, the baseline grid
    fonts     embedded, subset, allowed, no .notdef
    boxes     page count, size and boxes against the format
    artwork   pictures, ads and logos in their blocks, nothing over an ad, ppi, no RGB
    findings  Finding, Report: the summary and the JSON form (docs/check-report.md)

The PDF's objects are read with pikepdf's core alone (layout.qpdf). The names below are
imported when first read (PEP 562), so that importing the package imports no check.
"""
__all__ = ["KINDS", "REPORT_FORMAT", "CheckInputError", "Finding", "Report", "check_pdf"]


def __getattr__(name: str):
    if name == "check_pdf":
        from layout.preflight.runner import check_pdf
        return check_pdf
    if name in __all__:
        from layout.preflight import findings
        return getattr(findings, name)
    raise AttributeError(f"module 'layout.preflight' has no attribute '{name}'")
