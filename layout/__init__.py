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


def import_hiding(name: str, hidden: str):
    """Import module `name` with module `hidden` made unimportable for that one import: a
    dependency it imports at load time that our use of it never needs, kept off the cold
    path (pdf.writer: ReportLab's canvas without uharfbuzz)."""
    import importlib
    import sys
    hide = hidden not in sys.modules
    if hide:
        sys.modules[hidden] = None            # `import <hidden>` raises ImportError
    try:
        return importlib.import_module(name)
    finally:
        if hide and sys.modules.get(hidden, 0) is None:
            del sys.modules[hidden]
