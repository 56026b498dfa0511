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


def by_identity(generations: tuple[dict, dict], obj, make):
    """make(obj), once per object while a warm process uses it build after build:
    `generations` is (the last build's entries, this build's), keyed by id(obj); an entry
    holds its object, so the id stays its own, and is carried into this build's."""
    last, now = generations
    hit = now.get(id(obj)) or last.get(id(obj))
    if hit is None or hit[0] is not obj:
        hit = (obj, make(obj))
    now[id(obj)] = hit
    return hit[1]


def import_hiding(name: str, *hidden: str):
    """Import module `name` with the modules `hidden` made unimportable for that one import:
    dependencies it imports at load time that our use of it never needs, kept off the cold
    path (pdf.writer: ReportLab's canvas without uharfbuzz, and without platform, which its
    utilities import only to ask whether this is PyPy, in a try that says no)."""
    import importlib
    import sys
    hide = [h for h in hidden if h not in sys.modules]
    for h in hide:
        sys.modules[h] = None                 # `import <hidden>` raises ImportError
    try:
        return importlib.import_module(name)
    finally:
        for h in hide:
            if sys.modules.get(h, 0) is None:
                del sys.modules[h]
