"""`layout compose ISSUE.yaml [--write] [--alternatives N]`: compose the pages and say how.

Every block without a place, or with a place the composer wrote before and the editor left
unlocked, is composed (a recomposition after a late change moves as few of those as the copy
allows: arrange.score, moved); locked places stay. For each page the command prints where
every composed block went, how it holds its copy, the cost of the page by term, and — when
the copy cannot fill the page or does not fit it — which story to cut by how many
characters, or how many lines the page lacks. `--write` writes the places (and a headline
size the composer stepped down) into the issue file, keeping its comments and formatting
(issue.edit); `--alternatives N` renders the N best compositions of each page as PNGs beside
their scores, for the editor to choose from.

Exit status: 0 composed; 3 when copy is left over or the page is short of copy (as a build
would stop); 2 bad input.
"""
from __future__ import annotations

from pathlib import Path

from layout.arrange.result import Arranged, Options, arrange_page, needs_arranging
from layout.errors import EXIT_OK, EXIT_OVERSET, count


def compose(path: str, write: bool, alternatives: int) -> int:
    from layout.build import load_stage
    issue, _, fonts = load_stage(path)
    done: list[Arranged] = []
    for page in issue.pages:
        if needs_arranging(page, recompose=True):
            arr = arrange_page(page, issue, fonts, Options(recompose=True,
                                                           alternatives=alternatives))
            if arr.report is not None:
                done.append(arr)
                print_report(arr)
    if not done:
        print("nothing to compose: every block is placed and locked")
        return EXIT_OK
    if write:
        changed = write_places(path, done)
        print(f"wrote {count(changed, 'place')} into {path}" if changed
              else f"{path} already holds these places")
    if alternatives:
        render_alternatives(path, (issue, fonts), done, alternatives)
    return EXIT_OVERSET if any(_lacks(a.report) for a in done) else EXIT_OK


def _lacks(report) -> bool:
    return any(f.over or f.spare > 1 for f in report.fits if f.kind != "picture")


def print_report(arr: Arranged) -> None:
    r = arr.report
    terms = ", ".join(f"{k} {v:.0f}" for k, v in r.terms.items() if k != "total" and v)
    print(f"page {r.page}: composed {count(len(r.fits), 'block')} in {r.seconds:.2f} s "
          f"({r.method}); cost {r.cost:.0f}" + (f" = {terms}" if terms else ""))
    for f in r.fits:
        p = f.place
        fit = "" if f.kind == "picture" else (
            f"  {f.used}/{f.held} lines" + (f", {count(f.spare, 'spare line')}" if f.spare else "")
            + (f", OVER by {count(f.over, 'line')}: cut about "
               f"{count(f.over * f.line_chars, 'character')}" if f.over else ""))
        print(f"  {f.id:<16} col {p.col} span {p.span} row {p.row} rows {p.rows}{fit}")
    short = sum(max(0, f.spare - 1) for f in r.fits if f.kind != "picture")
    if short:
        print(f"  the page lacks {count(short, 'line')} of copy: add them, or a brief")


def write_places(path: str, done: list[Arranged]) -> int:
    """The composed places (and stepped-down headline sizes) into the issue file."""
    from layout.issue import edit
    doc = edit.load(path)
    n = 0
    for arr in done:
        page = arr.page
        placed = {b.id: b for b in page.stories + page.groups + page.pictures}
        for f in arr.report.fits:
            n += _write_block(doc, placed[f.id], page.number)
        for s in page.stories:        # a story's own picture, placed inside it
            if s.picture and s.id in placed and any(f.id == s.id for f in arr.report.fits):
                n += _write_block(doc, placed[s.picture], page.number)
    return n if edit.save(doc) else 0


def _write_block(doc, block, page: int) -> int:
    from layout.issue import edit
    p = block.place
    # with the place, what the composer chose for it: a stepped-down headline size, a 竖题
    # or a frame (`place: {…, size, dress}`: the composer's, so a recomposition may change
    # them; the editor's own keys on the story stay the editor's)
    edit.set_place(doc, block.id, {"col": p.col, "span": p.span, "row": p.row, "rows": p.rows,
                                   "split": p.split, "size": p.size,
                                   "dress": p.dress or None}, page)
    return 1


def render_alternatives(path: str, loaded: tuple, done: list[Arranged], n: int) -> None:
    """Each page's best compositions as PNGs (out/<issue>-p<page>-alt<k>.png), best first,
    each with its cost by term."""
    import tempfile
    from layout.build import BuildOptions, build_loaded
    from layout.pdf.preview import write_pngs
    issue, fonts = loaded
    out_dir = Path("out")
    out_dir.mkdir(exist_ok=True)
    stem = Path(path).stem
    for arr in done:
        choices = [(arr.report, arr.page)] + list(arr.others)
        index = [p.number for p in issue.pages].index(arr.page.number)
        for k, (report, page) in enumerate(choices[:max(1, n)], 1):
            variant = issue._replace(pages=tuple(page if p.number == page.number else p
                                                 for p in issue.pages))
            png = out_dir / f"{stem}-p{page.number}-alt{k}.png"
            with tempfile.TemporaryDirectory(dir=out_dir) as tmp:   # same disk: an atomic move
                pdf = Path(tmp) / "alt.pdf"
                build_loaded((variant, None, fonts), pdf, BuildOptions(allow_overset=True))
                write_pngs(pdf, Path(tmp))[index].replace(png)
            terms = ", ".join(f"{t} {v:.0f}" for t, v in report.terms.items()
                              if t != "total" and v)
            print(f"alternative {k} of page {page.number}: cost {report.cost:.0f}"
                  + (f" = {terms}" if terms else "") + f" -> {png}")
