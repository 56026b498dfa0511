"""Stage 2, fonts: typographic roles (song, hei, kai …) in, font files and metrics out.

    fontset   FontSet: each role's chain of font files, the font that draws each character,
              advances in em for the composer (the `compose.Metrics` protocol), coverage
    fontfile  one face of a TTF/OTF/TTC read cheaply from its sfnt tables (cmap, advances,
              names, licence bits)
    convert   CFF -> TrueType subsets of a user's font, cached on disk
    listing   `layout fonts`: roles, files, coverage of GB 2312 and the 8105 list, licences

In: the issue's `fonts:` section (or none: the bundled faces in the checkout's fonts/).
Out: a FontSet. Loads no ReportLab: embedding the fonts in a PDF is `layout.pdf.embed`'s job.
"""
