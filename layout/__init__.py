"""layout: a print-layout engine for Chinese newspapers.

Pipeline (each stage its own module, immutable values between them):
    load (issue file -> model.Issue) -> normalize (copy -> typographic text)
    -> style (model -> runs per paragraph) -> compose (paragraph -> lines)
    -> pagelayout (stories on the page grid -> placed items) -> render_pdf / dump.
The top-level function is `build.build_issue`.
"""
__version__ = "0.1.0"
