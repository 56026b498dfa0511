"""Stage 6, the PDF: placed pages in, a PDF file out (ReportLab's canvas and document objects).

    writer   PageLayouts (already on their sheets) -> PDF pages; replays items, decides nothing
    text     one placed line -> PDF text operators (a TJ array per run of one font)
    embed    the fonts as the PDF embeds them: registration with ReportLab, subsets, the
             ToUnicode fix above U+FFFF
    subset   TrueType subsets read straight from the font file
    preview  PNG previews of a written PDF (pypdfium2)

In: `page.items.PageLayout` values, the FontSet, the print options. Out: the PDF's bytes,
handed to `layout.press.pdfx` to be finished and written atomically.
"""
