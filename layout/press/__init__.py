"""Stage 5 and 7, print production: what the printer needs around and in the file.

    marks    the sheet: trim, bleed, the boxes, items carried into the bleed, crop and
             registration marks, colour bar
    inks     CMYK or gray only; the ink limit
    pictures every picture made ready before the writer: decoded (any mode), cropped,
             down-sampled, converted to the output CMYK or gray by littleCMS, encoded
    artwork  PDF ads and logos, SVG logos (svglib, colours converted): vector forms the
             writer embeds as form XObjects
    pdfx     PDF/X-4 or PDF/X-1a finishing, as document objects written with the file:
             boxes, output intent, XMP and Info, /ID
    atomic   every output written to a temporary file and moved into place

In: laid-out pages and the issue's `print:` options. Out: each page on its sheet (before the
writer) and the finished print file on disk (after it).
"""
