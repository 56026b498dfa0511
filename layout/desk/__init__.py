"""The editor's desk in the browser: `layout serve ISSUE.yaml`.

In: an issue file, watched. Out: a local web app on 127.0.0.1 showing every page of the last
good build (page images rendered from the PDF), block outlines with badges (overset, spare
lines, preflight findings), the YAML line of a clicked block, and drags on the grid written
back into the issue file (issue.edit).

    session   the resident state: warm builds in a worker thread, the preflight in a child
    render    PNGs of the pages (pypdfium2 on one thread), cut to the trim, tiles for zoom
    blocks    blocks.json: every block's place, rectangle, YAML line, fit and findings
    server    the Starlette app, the Host check, `serve` (uvicorn on a socket of our own)
    routes    the request handlers and the file watcher (watchfiles)
    static/   the page, its script and style (served from the package: no CDN)
"""
