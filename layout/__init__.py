"""layout: a print-layout engine for Chinese newspapers.

One package per stage, immutable values between them; `build.build_issue` lists the stages:

    issue      issue file (YAML) -> Issue: checked, typed, copy normalised
    fonts      the issue's font roles -> FontSet: chains of font files, metrics
    compose    a paragraph (runs) and a measure -> justified lines of placed glyphs
    page       each page of the Issue -> PageLayout: blocks on the grid, furniture, fits;
               then the last decisions before drawing (page.finish: —— bars)
    press      each page on its sheet (bleed), marks, inks, PDF/X finishing, atomic output
    pdf        pages on sheets -> the PDF file (ReportLab), fonts embedded; PNG previews
    preflight  the written PDF read back and proved against the issue file

The command line is `cli`, warm rebuilds `watch`, the errors users see `errors`.
"""
__version__ = "0.1.0"
