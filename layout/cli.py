"""The `layout` command.

    layout build ISSUE.yaml [-o OUT.pdf] [--png] [--dump FILE] [--allow-overset]
                 [--bleed MM|auto] [--marks] [--colorbar] [--pdfx x4|x1a|none] [--gray]
                 [--overprint auto|black|none]
    layout fit ISSUE.yaml       capacity vs content per story, in lines and characters
    layout watch ISSUE.yaml     rebuild on every change, re-composing only what changed
    layout serve ISSUE.yaml [--port N] [--open]   the desk in the browser (127.0.0.1 only)
    layout fonts [ISSUE.yaml]   roles, their font files, coverage (GB 2312, 8105), licences
    layout check OUT.pdf --issue ISSUE.yaml [--report FILE.json]   preflight a finished PDF
    layout schema               the issue format as a JSON Schema (editors' autocompletion)
    layout import STORY.docx    a story from Word/.txt/.md as YAML to paste into an issue
    layout new NAME             a new issue file with a front page and an inside page

Exit status: 0 built; 2 bad input (every problem printed with file:line:column, nothing
written); 3 overset (nothing written unless --allow-overset); 4 the preflight check found
problems (build: the PDF is written, then checked unless --no-check); 1 an internal error.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from layout.press import atomic
from layout.errors import (EXIT_CHECK, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, Diagnostic,
                           InputError, LayoutError, count)


def _default_out(issue: str) -> Path:
    return Path("out") / (Path(issue).stem + ".pdf")


def _print_fits(result) -> None:
    """Per story: lines and characters the copy needs against what its block holds; the
    last column is what to cut (negative) or add (positive), in characters and lines."""
    print(f"{'page':>4}  {'story':<14}{'cols':>4} {'lines used/held':>16} "
          f"{'chars used/held':>16} {'spare lines':>12} {'spare chars':>12}")
    for page in result.pages:
        for f in page.fits:
            spare_lines = f.capacity_lines - f.used_lines
            spare_chars = f.capacity_chars - f.chars
            flag = "  OVERSET" if f.overset_lines else ""
            print(f"{page.number:>4}  {f.owner:<14}{f.columns:>4} "
                  f"{f.used_lines:>8}/{f.capacity_lines:<7} {f.chars:>8}/{f.capacity_chars:<7} "
                  f"{spare_lines:>12} {spare_chars:>12}{flag}")


LINE_ART_PPI = 300     # ads and logos carry type: docs/newspaper-conventions.md, image resolution


def _print_pictures(result) -> None:
    """Each picture, ad and logo: its file, the resolution it prints at, the crop (in the
    file's pixels) and what is embedded; a warning below the house minimum (style: min_ppi,
    photos) or below LINE_ART_PPI (ads and logos with type)."""
    from layout.page.formats import MM
    from layout.page.items import Image, Vector
    low = result.issue.style.min_ppi
    for page in result.pages:
        for it in page.items:
            if isinstance(it, Vector):
                print(f"{it.kind}: page {page.number} '{it.owner}' {Path(it.path).name}: "
                      f"vector, {it.w / MM:.1f} × {it.h / MM:.1f} mm")
            elif isinstance(it, Image):
                x0, y0, x1, y1 = it.crop
                print(f"{it.kind}: page {page.number} '{it.owner}' {Path(it.path).name}: "
                      f"{it.ppi:.0f} ppi at {it.w / MM:.1f} × {it.h / MM:.1f} mm, crop "
                      f"{x0:.0f},{y0:.0f}–{x1:.0f},{y1:.0f} px, embedded {it.px[0]} × "
                      f"{it.px[1]} px")
                floor = low if it.kind == "photo" else LINE_ART_PPI
                if it.ppi < floor:
                    print(f"warning: page {page.number}: '{it.owner}' prints at {it.ppi:.0f} ppi, "
                          f"below {floor} ppi: it will look soft or jagged; use a larger file "
                          "or a smaller frame")


def _bleed(v: str) -> float | None:
    if v == "auto":
        return None
    try:
        mm = float(v.removesuffix("mm"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bleed is a number of mm or auto, got {v!r}")
    if not 0 <= mm <= 25:
        raise argparse.ArgumentTypeError(f"bleed {mm} mm is outside 0–25 mm")
    return mm


def _print_overrides(a) -> dict:
    """The print options given on the command line (they override the issue's `print:`)."""
    out = {k: getattr(a, k) for k in ("marks", "colorbar", "pdfx", "color", "overprint")
           if getattr(a, k) is not None}
    if a.bleed is not None:
        out["bleed"] = None if a.bleed == "auto" else a.bleed
    return out


def _output(issue: str, output: str | None) -> Path:
    """The PDF to write, refused (as bad input) when it would destroy something: the issue
    file itself, a folder, or a file that is not a .pdf."""
    out = Path(output) if output else _default_out(issue)
    problem = ""
    if out.suffix.lower() != ".pdf":
        problem = "the output must be a .pdf file"
    elif out.is_dir():
        problem = "the output is a folder"
    if problem:
        raise InputError([Diagnostic(str(out), 0, 0, problem,
                                     "give -o a new file name ending in .pdf")])
    return out


def _distinct(inputs: list[tuple[str, str]], outputs: list[tuple[str, str | None]],
              png_of: Path | None = None) -> None:
    """Refuse, before anything is read or written, a run whose outputs would overwrite one of
    its input files or each other (`--dump ISSUE.yaml`, `--report OUT.pdf`, `-o` twice the
    same file): a command must never destroy the file it was given. `png_of`: the PDF whose
    page previews (NAME-pN.png beside it) the run writes too."""
    problems, seen = [], []
    for what, path in outputs:
        if not path:
            continue
        for other, used in inputs + [(f"the {w} file", u) for w, u in seen]:
            if atomic.same_file(path, used):
                problems.append(Diagnostic(path, 0, 0, f"{what} {path} would overwrite "
                                           f"{other} {used}",
                                           f"give {what} another file name"))
        if png_of is not None and what != "-o" and _is_preview(Path(path), png_of):
            problems.append(Diagnostic(path, 0, 0, f"{what} {path} would be overwritten by a "
                                       "page preview (--png)", f"give {what} another file name"))
        seen.append((what, path))
    if png_of is not None:
        for what, path in inputs:
            if _is_preview(Path(path), png_of):
                problems.append(Diagnostic(path, 0, 0, f"a page preview (--png) would "
                                           f"overwrite {what} {path}",
                                           "give -o another name: previews are named after it"))
    if problems:
        raise InputError(problems)


def _is_preview(path: Path, pdf: Path) -> bool:
    import re
    return (atomic.same_file(path.parent, pdf.parent)
            and re.fullmatch(re.escape(pdf.stem) + r"-p\d+\.png", path.name) is not None)


def _cmd_build(a) -> int:
    out = _output(a.issue, a.output)
    _distinct([("the issue file", a.issue)], [("-o", str(out)), ("--dump", a.dump),
                                          ("--report", a.report)], out if a.png else None)
    # No cyclic garbage collection during the build and its check: it allocates ~30k
    # objects a page and almost none in cycles, and the collector's passes over them took
    # ~5 ms of a one-page build, ~80 ms of a 16-page one (+2 MB peak), and turned on again
    # before the check its first pass took 5 ms more. The process ends soon after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_and_check(a, out)
    finally:
        if enabled:
            gc.enable()


def _build_and_check(a, out: Path) -> int:
    from layout.build import BuildOptions, build_issue
    # staged: the PDF is written to a file of this run's own, checked there and only then
    # moved into place, so two builds of one output never check each other's file. The
    # check runs here, after the build: a child forked to import it while the PDF was
    # written (preflight.ahead) saved ~20 ms of wall on an idle core but cost ~19 ms of CPU
    # a build (the fork, pages copied on write, its exit), and no time at all at a load
    # of 2 on two cores (issue 16: the check by CPU)
    r = build_issue(a.issue, out, BuildOptions(
        a.png, a.allow_overset, _print_overrides(a),
        tuple(x for x in (a.dump, a.report) if x), staged=True))
    try:
        code = _after_build(a, r, out)
    finally:
        atomic.settle()       # the staged file's fsync, done beside the check (build._write)
        atomic.publish(r.pdf, out)
    return code


def _after_build(a, r, out: Path) -> int:
    """The dump, the build's summary and the check of the staged PDF `r.pdf`."""
    if a.dump:
        from layout.page.dump import dump_pages
        atomic.write_text(Path(a.dump), dump_pages(r.pages))
    pages = ", ".join(f"第{p.number}版 {p.name}" for p in r.pages)
    print(f"built {out} ({len(r.pages)} page{'s' * (len(r.pages) > 1)}: {pages}; "
          f"{r.pdf_bytes / 1e6:.2f} MB) in {r.seconds:.2f} s")
    for p in r.pngs:
        print(f"preview {p}")
    for n in r.issue.notes:
        print(f"note: {n.path}:{n.line}:{n.column}: {n.message}")
    _print_notes(r)
    if a.no_check:
        return EXIT_OK
    overset = frozenset(f.owner for p in r.pages for f in p.fits if f.overset_lines)
    # the issue as the build read and normalised it: the same file, read the same way, so
    # the check does not parse and normalise it again (~13 ms a page)
    return _check(str(r.pdf), a.issue, a.report, overset, r.issue, shown_as=str(out))


def _print_notes(r) -> None:
    """What normalisation changed, overset and half-empty blocks, widows, font notes."""
    if r.normalized.counts:
        changes = ", ".join(f"{k} {n}" for k, n in sorted(r.normalized.counts.items()))
        print(f"normalised copy: {changes}")
        for kind, first in sorted(r.normalized.first.items()):
            print(f"    first {kind}: {first}")
    for page in r.pages:
        for f in page.fits:
            if f.overset_lines:
                print(f"warning: page {page.number}: '{f.owner}' is overset by "
                      f"{count(f.overset_lines, 'line')} "
                      f"({count(f.overset_chars, 'character')})")
            elif f.empty_lines >= f.columns:
                print(f"note: page {page.number}: '{f.owner}' leaves "
                      f"{count(f.empty_lines, 'empty line')} in its block")
            if f.widows:
                print(f"warning: page {page.number}: '{f.owner}' has {f.widows} widow"
                      f"{'s' * (f.widows > 1)} (a paragraph's last line alone at a column "
                      "top) that balanced columns cannot avoid here: change the block's rows or the "
                      "copy by a line")
            if f.loose:
                print(f"note: page {page.number}: '{f.owner}' has {len(f.loose)} loose line"
                      f"{'s' * (len(f.loose) > 1)} no break of its paragraph avoids (gaps over "
                      f"¼ em): {' / '.join(f.loose[:3])}{' …' * (len(f.loose) > 3)}")
    _print_pictures(r)
    for w in r.font_warnings:
        print(f"warning: {w}")
    for fb in r.fallbacks:
        print(f"note: '{fb.owner}': {fb.ch} (U+{ord(fb.ch):04X}) is not in the first font of "
              f"the role '{fb.role}'; drawn in {fb.font}")


def _check(pdf: str, issue: str, report: str | None, waive: frozenset[str] = frozenset(),
           model=None, shown_as: str = "") -> int:
    """Preflight `pdf` against `issue` (layout.preflight): the summary on stdout, the JSON report
    to `report`; EXIT_CHECK when a problem is found. `shown_as`: the name the PDF is reported
    by (a build checks its staged file before it takes its name)."""
    from layout.preflight import check_pdf
    v = check_pdf(pdf, issue, waive=waive, model=model, shown_as=shown_as)
    pdf = shown_as or pdf
    print(v.summary())
    if report:
        atomic.write_text(Path(report), v.to_json() + "\n")
        print(f"report {report}")
    failures = len(v.failures)
    if not failures:
        return EXIT_OK
    print(f"error: the check found {failures} problem{'s' * (failures > 1)} in "
          f"{pdf}: not ready for print", file=sys.stderr)
    return EXIT_CHECK


def _cmd_check(a) -> int:
    _distinct([("the issue file", a.issue), ("the PDF being checked", a.pdf)], [("--report", a.report)])
    return _check(a.pdf, a.issue, a.report)


def _cmd_watch(a) -> int:
    from layout.watch import watch
    out = _output(a.issue, a.output)
    _distinct([("the issue file", a.issue)], [("-o", str(out))], out if a.png else None)
    return watch(a.issue, out, png=a.png)


def _cmd_serve(a) -> int:
    try:
        from layout.desk.server import serve
    except ImportError as e:
        print(f"error: layout serve needs {e.name}: pip install -e . installs it", file=sys.stderr)
        return EXIT_INTERNAL
    out = _output(a.issue, a.output)
    if not Path(a.issue).is_file():
        raise InputError([Diagnostic(a.issue, 0, 0, "no such file",
                                     "check the path; `layout new NAME` writes a new issue")])
    ready = None
    if a.open:
        import webbrowser
        ready = webbrowser.open
    try:
        return serve(a.issue, out, a.port, check=not a.no_check, ready=ready)
    except OSError as e:
        print(f"error: cannot listen on 127.0.0.1:{a.port}: {e.strerror}\n    hint: another "
              "program uses the port; give --port N (0: any free port)", file=sys.stderr)
        return EXIT_INPUT


def _cmd_fit(a) -> int:
    from layout.build import BuildOptions, build_issue
    r = build_issue(a.issue, None, BuildOptions(allow_overset=True))
    if a.json:
        _print_fits_json(r)
    else:
        _print_fits(r)
        _print_auto_rows(a.issue, r)
    return EXIT_OK


def _print_auto_rows(path: str, result) -> None:
    """For each block with `rows: auto`, the depth its copy took: the number to type to fix
    it there (the editor's `rows`)."""
    from layout.issue.loader import load_issue
    autos = [(p.number, b.id) for p in load_issue(path).pages
             for b in p.stories + p.groups + p.pictures if b.place is not None and b.place.auto]
    places = {(p.number, b.id): b.place for p in result.issue.pages
              for b in p.stories + p.groups + p.pictures}
    for number, bid in autos:
        print(f"page {number}: '{bid}' rows: auto is {places[number, bid].rows} rows "
              f"(type rows: {places[number, bid].rows} to keep that depth)")


def _print_fits_json(result) -> None:
    """One JSON object a line per block (for scripts and the browser desk): its id, page,
    place, the lines its copy uses and its block holds, the spare lines and the characters
    over; for a composed page, the places the composer chose."""
    import json
    places = {(p.number, b.id): b.place for p in result.issue.pages
              for b in p.stories + p.groups + p.pictures}
    composed = {(r.page, f.id) for r in result.arranged for f in r.fits}
    for page in result.pages:
        for f in page.fits:
            pl = places.get((page.number, f.owner))
            print(json.dumps({
                "id": f.owner, "page": page.number, "lines_used": f.used_lines,
                "lines_held": f.capacity_lines, "spare_lines": f.capacity_lines - f.used_lines,
                "chars": f.chars, "chars_over": f.overset_chars, "overset_lines": f.overset_lines,
                "columns": f.columns, "widows": f.widows,
                "place": None if pl is None else {"col": pl.col, "span": pl.span, "row": pl.row,
                                                  "rows": pl.rows},
                "composed": (page.number, f.owner) in composed}, ensure_ascii=False))


def _cmd_compose(a) -> int:
    from layout.arrange.commands import compose
    return compose(a.issue, a.write, a.alternatives)


def _cmd_schema(a) -> int:
    from layout.issue.jsonschema import render
    sys.stdout.write(render())
    return EXIT_OK


def _cmd_import(a) -> int:
    from layout.issue.copy import CopyError
    from layout.issue.scaffold import story_yaml
    try:
        text = story_yaml(a.file, a.id)
    except CopyError as e:
        raise InputError([Diagnostic(a.file, e.line, e.column, str(e), e.hint)])
    sys.stdout.write(text)
    return EXIT_OK


def _cmd_new(a) -> int:
    from layout.issue.scaffold import new_issue
    path = Path(a.name if a.name.endswith((".yaml", ".yml")) else a.name + ".yaml")
    if path.exists():
        raise InputError([Diagnostic(str(path), 0, 0, "the file exists; nothing was written",
                                     "give a new name, or remove the file first")])
    name = path.stem
    atomic.write_text(path, new_issue(path, a.paper or name))
    print(f"wrote {path}: a front page and an inside page to start from\n"
          f"    layout serve {path}     to see it in the browser as you edit")
    return EXIT_OK


def _cmd_fonts(a) -> int:
    from layout.fonts.listing import print_report
    from layout.fonts.fontset import FontSet
    if a.issue:
        from layout.issue.loader import load_issue
        fonts = FontSet.configure(load_issue(a.issue).fonts)
    else:
        fonts = FontSet()
    print_report(fonts)
    return EXIT_OK


def _quiet_stdout() -> None:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):       # no real file descriptor (captured in tests)
        pass


def _build_args(b) -> None:
    b.add_argument("issue", help="the issue file (YAML)")
    b.add_argument("-o", "--output", help="PDF to write (default out/<issue name>.pdf)")
    b.add_argument("--png", action="store_true", help="also write a PNG preview of each page")
    b.add_argument("--dump", metavar="FILE", help="also write the text dump of the layout")
    b.add_argument("--allow-overset", action="store_true",
                   help="write the PDF even when a story does not fit its block")
    b.add_argument("--report", metavar="FILE.json", help="write the check's report as JSON")
    b.add_argument("--no-check", action="store_true",
                   help="do not read the written PDF back to check it")
    p = b.add_argument_group("print production (override the issue's print: section)")
    p.add_argument("--bleed", metavar="MM", type=lambda v: "auto" if v == "auto" else _bleed(v),
                   help="bleed in mm on every side, or auto (3 mm on pages with an element "
                        "at the trim edge)")
    p.add_argument("--marks", action=argparse.BooleanOptionalAction, default=None,
                   help="crop marks and registration targets outside the bleed")
    p.add_argument("--colorbar", action=argparse.BooleanOptionalAction, default=None,
                   help="a colour-bar strip in the slug")
    p.add_argument("--pdfx", choices=("x4", "x1a", "none"),
                   help="PDF/X-4 (default), PDF/X-1a:2001, or plain PDF")
    p.add_argument("--gray", dest="color", action="store_const", const="gray", default=None,
                   help="grayscale output: every colour and picture as gray (K plate only)")
    p.add_argument("--cmyk", dest="color", action="store_const", const="cmyk",
                   help="CMYK output (the default; overrides print: {color: gray})")
    p.add_argument("--overprint", choices=("auto", "black", "none"),
                   help="solid black that overprints: auto (text up to 12 pt, rules under "
                        "1 pt; the default), black (all), none")


def _watch_args(w) -> None:
    w.add_argument("issue")
    w.add_argument("-o", "--output", help="PDF to write (default out/<issue name>.pdf)")
    w.add_argument("--png", action="store_true", help="also write PNG previews")


def _fit_args(f) -> None:
    f.add_argument("issue")
    f.add_argument("--json", action="store_true",
                   help="one JSON object a line per block (id, page, lines_used, lines_held, "
                        "spare_lines, chars_over …)")


def _compose_args(cp) -> None:
    cp.add_argument("issue")
    cp.add_argument("--write", action="store_true",
                    help="write the chosen places into the issue file (comments and "
                         "formatting kept); lock a block there to keep it")
    cp.add_argument("--alternatives", type=int, default=0, metavar="N",
                    help="also render the N best compositions as PNGs with their scores")


def _fonts_args(fo) -> None:
    fo.add_argument("issue", nargs="?", help="an issue file with a fonts section "
                    "(default: the bundled fonts)")


def _serve_args(sv) -> None:
    sv.add_argument("issue")
    sv.add_argument("--port", type=int, default=8017, help="port on 127.0.0.1 (default 8017; "
                    "0: any free port)")
    sv.add_argument("-o", "--output", help="PDF to write (default out/<issue name>.pdf)")
    sv.add_argument("--open", action="store_true", help="open the desk in the web browser")
    sv.add_argument("--no-check", action="store_true",
                    help="do not run the preflight after each build")


def _import_args(im) -> None:
    im.add_argument("file", help="story.docx, story.txt (UTF-8 or GB 18030/GBK) or story.md")
    im.add_argument("--id", help="the story's id (default: the file's name)")


def _new_args(nw) -> None:
    nw.add_argument("name", help="the new file (NAME.yaml)")
    nw.add_argument("--paper", help="the paper's name (default: NAME)")


def _check_args(c) -> None:
    c.add_argument("pdf", help="the PDF to check")
    c.add_argument("--issue", required=True, help="the issue file the PDF was built from")
    c.add_argument("--report", metavar="FILE.json", help="write the full report as JSON")


# name, help, its arguments; the desk's commands are serve, import, new and schema
COMMANDS = (
    ("build", "build the PDF of an issue", _build_args),
    ("watch", "rebuild whenever the issue file changes", _watch_args),
    ("fit", "capacity vs content of every story, in lines", _fit_args),
    ("compose", "compose the pages: place every block not placed (or placed by the composer "
     "and not locked), report the score", _compose_args),
    ("fonts", "roles, their font files, coverage and licences", _fonts_args),
    ("serve", "the desk in the browser: pages, blocks, drag to place", _serve_args),
    ("import", "print a story from a Word, text or Markdown file as YAML to paste into an "
     "issue", _import_args),
    ("new", "write a new issue file to start from", _new_args),
    ("schema", "print the issue format as a JSON Schema (draft 2020-12) for editors' "
     "autocompletion", None),
    ("check", "preflight a finished PDF against its issue file", _check_args),
)


def parser(args: list[str]) -> argparse.ArgumentParser:
    """The command line's parser. Where `args` name a command first, only that command's
    parser is made: argparse looks up every help text through gettext as it builds a parser
    (files searched for each), ~3 ms for all ten commands, and a command's own parser is all
    that reads its arguments and reports their errors (the usage names every command);
    `layout -h`, no command or an unknown one get every command, to list them."""
    ap = argparse.ArgumentParser(prog="layout", description="Chinese newspaper page layout")
    named = args[0] if args and any(args[0] == c[0] for c in COMMANDS) else None
    # with one command made, the usage still names every command (argparse's own form), as
    # an error after the command's arguments shows it
    sub = ap.add_subparsers(dest="cmd", required=True, metavar=None if named is None else
                            "{" + ",".join(c[0] for c in COMMANDS) + "}")
    for name, text, arguments in COMMANDS:
        if named in (None, name):
            p = sub.add_parser(name, help=text)
            if arguments is not None:
                arguments(p)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args            # anywhere on the line: show the traceback of a bug
    args = [x for x in args if x != "--debug"]
    ap = parser(args)
    a = ap.parse_args(args)
    if argv is None and a.cmd in ("build", "check"):
        # a one-shot build or check: no cyclic garbage collection from here to the end of
        # the process (_end_process), its imports included (~20 collections, ~2.5 ms)
        gc.disable()
    if getattr(a, "no_check", False) and getattr(a, "report", None):
        ap.error("--report needs the check: leave out --no-check")
    code = _run(a, debug)
    if argv is None and a.cmd not in ("watch", "serve"):
        _end_process(code)
    return code


def _end_process(code: int) -> None:
    """End a one-shot command's process here, with `code` (called for the process's own
    command line, not for main(argv) from a test). Python's shutdown frees every object the
    run made one at a time (a collection, then each module torn down): 50–140 ms after a
    one-page build, more after 16 pages, where the operating system frees the process's
    memory at once. What that shutdown does that matters is done first: the atexit functions
    (the font converter's private folder, tempfile's finalizers) and stdout and stderr
    flushed. The build's files are already closed and in place (press.atomic). Returns,
    for the ordinary shutdown, when another thread runs (it would be cut off) or a flush
    fails (Python then reports it and exits 120, as it does)."""
    import atexit
    import threading
    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _run(a, debug: bool) -> int:
    """The command `a.cmd`, its exit status; a layout error reported as such."""
    try:
        return {"build": _cmd_build, "fit": _cmd_fit, "watch": _cmd_watch, "compose": _cmd_compose,
                "fonts": _cmd_fonts, "check": _cmd_check, "schema": _cmd_schema, "import": _cmd_import,
                "new": _cmd_new, "serve": _cmd_serve}[a.cmd](a)
    except LayoutError as e:
        print(e.report(), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `layout fit | head`: the reader closed the pipe; what it wanted it has. Nothing more
        # is written (stdout is pointed at the null device so the flush at exit cannot fail).
        _quiet_stdout()
        return EXIT_OK
    except OSError as e:    # the output cannot be written: a full disk, a read-only folder
        print(f"error: cannot write: {e}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as e:  # a bug in layout, not bad input: say so plainly
        print(f"internal error: {type(e).__name__}: {e}\n"
              "this is a bug in layout; please report it with the issue file",
              file=sys.stderr)
        if debug:
            raise
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
