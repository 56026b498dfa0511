"""Stage 6, the PDF: placed pages in, a PDF file out (ReportLab's canvas and document objects).

    writer   PageLayouts (already on their sheets) -> PDF pages; replays items, decides
             nothing; draws a page block by block (a warm process keeps each block's run)
    flate    a content stream deflated in pieces, one per block's run (a warm process
             deflates again only the pieces that changed)
    text     one placed line -> PDF text operators (a TJ array of 2-byte codes per run of
             one face), its marked-content sequences between them
    tags     page.reading -> marked content, the structure tree, the article threads,
             /MarkInfo, /Lang (the tagged PDF for readers)
    embed    the fonts as the PDF embeds them: one Type0 font per face, codes = glyph ids,
             ToUnicode (surrogates above U+FFFF), W widths
    subset   TrueType subsets read straight from the font file, glyph ids kept
    preview  PNG previews of a written PDF (pypdfium2)

In: `page.items.PageLayout` values, the FontSet, the print options. Out: the PDF file, its
document finished by `layout.press.pdfx` (boxes, output intent, metadata) before it is
written, atomically.
"""
