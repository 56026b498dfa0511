"""The top-level pipeline: issue file -> PDF (and PNG previews, text dump, fit report).

    load + normalise (issue) -> fonts -> compose the pages (arrange: every block not placed
    by the editor) -> lay out each page (page) -> finish (page.finish: —— bars) -> coverage
    -> overset -> impose (press.sheet: bleed) -> embed fonts (pdf.embed) -> write the PDF
    (pdf.writer, press.pdfx) -> previews (pdf.preview)

Bad input stops the build before anything is written (InputError, exit 2); so does a story that
does not fit its block (OversetError, exit 3) unless the editor allows overset.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

from layout.errors import Diagnostic, FontError, InputError, OversetError
from layout.fonts.fontset import FontSet
from layout.issue.loader import Parsed, load_issue
from layout.issue.model import Issue, Where
from layout.issue.normalize import Report, normalize_issue
from layout.compose.prepare import prepared
from layout.page.assemble import layout_page
from layout.page.cache import BlockCache
from layout.page import coverage, finish
from layout.page.coverage import FontFallback, check_coverage, used_glyphs, used_roles
from layout.page.finish import finish_page
from layout.page.items import PageLayout


class BuildOptions(NamedTuple):
    """How to build: previews, whether an overset story stops the build, print options
    given on the command line (field: value of issue.model.PrintOptions) over the issue's, and
    the other files the run will write (a dump, a report), which no input may be."""
    png: bool = False
    allow_overset: bool = False
    print: dict | None = None
    outputs: tuple[str, ...] = ()
    staged: bool = False      # write the PDF to a unique file beside `out` (BuildResult.pdf)
                              # for the caller to check, then atomic.publish or discard
                              # (its fsync runs in a thread: atomic.settle before publishing)


class Warm:
    """What a resident process (layout watch, layout serve) keeps between builds: the fonts
    (configured from the issue's `fonts:` section), the issue file's last node tree
    (issue.loader.Parsed), the laid-out blocks by content, each line's finishing decisions
    and finished items (page.finish.Memo), each run's glyphs and the glyphs known to be in
    their first font (page.coverage.Memo), and what the PDF writer reuses (pdf.writer
    .PdfCache: font subsets, line operators, deflated pages). A one-story edit parses and
    re-composes that story, finishes and draws its lines, and rewrites the rest from these."""
    __slots__ = ("fonts", "cache", "parsed", "finish", "glyphs", "pdf", "resident")

    def __init__(self, fonts: FontSet | None = None, cache: BlockCache | None = None,
                 resident: bool = False):
        self.fonts, self.cache = fonts, cache
        self.parsed = Parsed()         # the last node tree: an edit parses its story only
        self.finish = finish.Memo()
        self.glyphs = coverage.Memo()
        self.pdf = None                # pdf.writer.PdfCache, made by the first PDF written
        # watch and the desk: the PDF rewritten at every save is fsynced after it is in
        # place, not before (press.atomic.save)
        self.resident = resident
        if resident:
            _resident_gc()


RESIDENT_GC0 = 10_000    # allocations between young collections in a resident process


def _resident_gc() -> None:
    """The collector of a resident process, tuned for its warm edits: a one-story edit
    allocates a few thousand containers that mostly die by reference counting, and at
    CPython's default threshold (700) its young collections, and the full ones every
    hundredth of them triggers over the ~50,000 objects the caches hold, were ~0.5 ms of
    a ~6.5 ms edit; at 10,000 ~0.2 ms. Cycles are still collected, later."""
    import gc
    first, *rest = gc.get_threshold()
    if first and first < RESIDENT_GC0:       # 0: the collector is off; leave it so
        gc.set_threshold(RESIDENT_GC0, *rest)


class BuildResult(NamedTuple):
    issue: Issue
    pages: tuple[PageLayout, ...]                # as drawn: finished, carried into the bleed
    normalized: Report
    pdf: Path | None
    pdf_bytes: int
    pngs: tuple[Path, ...]
    seconds: float
    fallbacks: tuple[FontFallback, ...] = ()     # characters drawn from a fallback font
    font_warnings: tuple[str, ...] = ()          # e.g. fangsong set in 楷 for want of a font
    fonts: FontSet | None = None                 # the set used; a warm process keeps it
    stages: dict[str, float] | None = None       # seconds per stage (load, layout, fonts, pdf)
    arranged: tuple = ()                         # arrange.Report of each composed page


class _Clock:
    """Seconds per stage, for watch and the benchmarks."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.stages: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.stages[name] = now - self.last
        self.last = now


def _load(path: str, overrides: dict | None, parsed: Parsed | None = None
          ) -> tuple[Issue, Report]:
    issue = load_issue(path, memo=parsed)
    if overrides:
        issue = issue._replace(print=issue.print._replace(**overrides))
    return normalize_issue(issue, issue.style.normalize)


def _fonts(issue: Issue, warm: Warm) -> FontSet:
    """The warm process's fonts when the issue's `fonts:` section did not change, else new
    ones (and the cached blocks, measured with the old ones, are dropped)."""
    if warm.fonts is None or not warm.fonts.matches(issue.fonts):
        if warm.fonts is not None:
            warm.cache = BlockCache() if warm.cache is not None else None
        warm.fonts = FontSet.configure(issue.fonts)   # paths already resolved by the loader
        warm.finish = finish.Memo()
    return warm.fonts


def fonts_for(issue: Issue, warm: Warm) -> FontSet:
    """The resident process's fonts for `issue` (the desk's composer measures with them)."""
    return _fonts(issue, warm)


def load_stage(path: str, overrides: dict | None = None,
               warm: Warm | None = None) -> tuple[Issue, Report, FontSet]:
    """The issue file loaded, checked and normalised, and the fonts it names (kept warm)."""
    warm = warm or Warm()
    issue, report = _load(path, overrides, warm.parsed)
    return issue, report, _fonts(issue, warm)


def build_issue(path: str, out: Path | None, options: BuildOptions = BuildOptions(),
                warm: Warm | None = None) -> BuildResult:
    """Build the issue file at `path` into the PDF `out` (None: lay out only, as `layout
    fit` does). `warm`: the fonts and block cache a resident process keeps."""
    clock, warm = _Clock(), warm or Warm()
    issue, report, fonts = load_stage(path, options.print, warm)
    clock.lap("load")
    return build_loaded((issue, report, fonts), out, options, (warm, clock))


def build_loaded(loaded: tuple, out: Path | None, options: BuildOptions = BuildOptions(),
                 state: tuple | None = None) -> BuildResult:
    """The stages after loading, for an issue already loaded (`loaded`: the issue, the
    normalisation report, the fonts): what `layout compose` renders its alternatives with."""
    issue, report, fonts = loaded
    warm, clock = state or (Warm(fonts), _Clock())
    if out is not None:
        _refuse_overwriting_inputs(issue, (str(out),) + options.outputs, options.png)
    issue, reports = arrange_issue(issue, fonts)
    if reports:
        clock.lap("compose")
    issue, cut = _cut_hopeless(issue)
    done = warm.finish.start()
    pages = []
    for p in issue.pages:
        pages.append(finish_page(layout_page(p, issue, fonts, warm.cache), fonts, done))
        if not (warm.resident or reports):
            # a page's paragraphs are set on no other page: their prepared tables (~0.5 MB a
            # page with their lines) are not kept for the next page of a one-shot build (64
            # pages of copy of their own: 35 MB of the 124 MB traced before the PDF; peak
            # RSS 207 -> 188 MB); a resident process keeps them for the next edit, and an
            # issue the composer arranged for the pages after this one (it prepared every
            # page's paragraphs before this loop: a 4-page composed broadsheet issue's
            # layout took 37 -> 44 ms with them let go, h-review2)
            prepared.cache_clear()
    if cut:
        pages = [p._replace(fits=tuple(_fit_with_cut(f, cut.get(f.owner, 0)) for f in p.fits))
                 for p in pages]
    glyphs = warm.glyphs if warm.cache is not None else None    # a warm process's
    used = used_glyphs(pages, glyphs)
    fallbacks = check_coverage(issue, pages, fonts, used, glyphs)
    clock.lap("layout")
    overset = [(p.number, f) for p in pages for f in p.fits if f.overset_lines]
    short = short_of_copy(pages, reports)
    if (overset or short) and not options.allow_overset:
        raise OversetError(overset, short)
    size, pngs = 0, ()
    pdf = out
    if out is not None:
        from layout.press import atomic
        pdf = atomic.staging(out) if options.staged else out
        try:
            pages, size = _write(issue, pages, used, fonts, pdf, clock, warm,
                                 staged=options.staged)
            if options.png:
                from layout.pdf.preview import write_pngs
                pngs = tuple(write_pngs(pdf, out.parent, stem=out.stem))
                clock.lap("png")
        except BaseException:
            if pdf != out:
                atomic.discard(pdf)
            raise
    return BuildResult(issue, tuple(pages), report, pdf, size, pngs,
                       time.perf_counter() - clock.start, fallbacks,
                       fonts.warnings(used_roles(used, glyphs)), fonts, clock.stages,
                       reports)


def short_of_copy(pages, reports) -> list[tuple[int, int, int, str]]:
    """Pages the composer filled where blocks are left with empty lines beyond the one a
    balanced block may keep in its last column (a page is never finished with blank lines:
    docs/newspaper-conventions.md#composing-a-page): (page, lines lacking, characters, the
    block that has the most room) — what to add, or that a brief is wanted."""
    composed = {r.page: {f.id for f in r.fits if f.kind != "picture"} for r in reports}
    out = []
    for page in pages:
        ids = composed.get(page.number)
        if not ids:
            continue
        gaps = [(f.empty_lines - 1, f) for f in page.fits if f.owner in ids and f.empty_lines > 1]
        if gaps:
            lines = sum(g for g, _ in gaps)
            widest = max(gaps, key=lambda t: (t[0], t[1].owner))[1]
            out.append((page.number, lines, lines * max(1, widest.line_chars), widest.owner))
    return out


def _refuse_overwriting_inputs(issue: Issue, outputs: tuple[str, ...], png: bool) -> None:
    """InputError, at the input's own line, when a file the run writes is a picture, font or
    profile the issue names (`-o photo.pdf` for an advertisement PDF, `--dump logo.png`)."""
    from layout.press.atomic import same_file
    inputs = [(p.source.where if p.source else p.where, f"the picture '{p.id}'", p.file)
              for page in issue.pages for p in page.pictures if p.file]
    inputs += [(a.source.where, f"the ad '{a.id}'", a.source.path)
               for page in issue.pages for a in page.ads]
    if issue.paper.logo is not None:
        inputs.append((issue.paper.logo.where, "the 报头 logo", issue.paper.logo.path))
    inputs += [(c.where, f"a font of '{c.role}'", f) for c in issue.fonts for f, _ in c.files]
    inputs += [(Where(issue.path, 1, 1), "a copy file", f) for f in issue.copies]
    if issue.print.profile:
        inputs.append((Where(issue.path, 1, 1), "the output profile", issue.print.profile))
    pdf = Path(outputs[0])
    problems = []
    for where, what, used in inputs:
        hit = next((o for o in outputs if same_file(o, used)), None)
        if hit is None and png and Path(used).suffix.lower() == ".png":
            hit = next((str(Path(used)) for n in range(1, len(issue.pages) + 1)
                        if same_file(pdf.parent / f"{pdf.stem}-p{n}.png", used)), None)
        if hit is not None:
            problems.append(Diagnostic(where.path, where.line, where.column,
                                       f"{hit} would overwrite {what}, {used}",
                                       "give the output (-o, --dump, --report) another name"))
    if problems:
        raise InputError(problems)


OVERSET_SLACK = 2.0   # copy composed up to twice what its block holds; the rest is measured


def _cut_hopeless(issue: Issue) -> tuple[Issue, dict[str, int]]:
    """Overset found by measuring, not by composing: a story whose copy is more than
    OVERSET_SLACK times what its block can hold (its lines x the characters of a full line) is
    composed only that far, for the rest would never be printed (a 50,000-character story in
    a 54-line block took 9 minutes and 1 GB to compose, to be called overset). The characters
    cut, by story, are added to its fit (_fit_with_cut)."""
    cut: dict[str, int] = {}
    pages = []
    for page in issue.pages:
        fmt, stories = page.format, []
        for s in page.stories:
            if s.place is None or s.place.auto:
                stories.append(s)
                continue
            rows = s.place.rows or max(1, fmt.rows - s.place.row + 1)
            line = s.place.span * fmt.column_chars + (s.place.span - 1) * fmt.gutter_chars
            budget = int(OVERSET_SLACK * rows * line) + 200
            body, n = _first_chars(s.body, budget)
            if n:
                cut[s.id] = n
                s = s._replace(body=body)
            stories.append(s)
        pages.append(page._replace(stories=tuple(stories)))
    return (issue._replace(pages=tuple(pages)) if cut else issue), cut


def _first_chars(body: tuple, budget: int) -> tuple[tuple, int]:
    """The paragraphs of `body` up to `budget` characters (the last one cut short), and how
    many characters were left out."""
    out, used = [], 0
    for k, para in enumerate(body):
        n = len(para.text)
        if used + n <= budget:
            out.append(para)
            used += n
            continue
        spans, room = [], budget - used
        for sp in para.spans:
            if room <= 0:
                break
            spans.append(sp._replace(text=sp.text[:room]))
            room -= len(spans[-1].text)
        if spans:
            out.append(para._replace(spans=tuple(spans)))
        kept = sum(len(p.text) for p in out)
        return tuple(out), sum(len(p.text) for p in body) - kept
    return body, 0


def _fit_with_cut(f, n: int):
    """A story's fit with the `n` characters it was not composed with: overset by them, and
    by the lines they need at a full line's characters."""
    if not n:
        return f
    lines = -(-n // max(1, f.line_chars))
    return f._replace(chars=f.chars + n, used_lines=f.used_lines + lines,
                      overset_lines=f.overset_lines + lines, overset_chars=f.overset_chars + n)


def arrange_issue(issue: Issue, fonts: FontSet) -> tuple[Issue, tuple]:
    """Compose the pages that have blocks to place (layout.arrange, imported only then)."""
    todo = [p for p in issue.pages if _needs_arranging(p)]
    if not todo:
        return issue, ()
    from layout.arrange import arrange_page
    pages, reports = [], []
    for p in issue.pages:
        if p in todo:
            done = arrange_page(p, issue, fonts)
            p = done.page
            if done.report is not None:
                reports.append(done.report)
        pages.append(p)
    return issue._replace(pages=tuple(pages)), tuple(reports)


def _needs_arranging(page) -> bool:
    from layout.page.places import needs_arranging   # light: layout.arrange is not
    return needs_arranging(page)


def _user_fonts(issue: Issue) -> dict[str, Where]:
    """The files of the issue's `fonts:` section -> where the section names them."""
    return {str(Path(f).resolve()): c.where for c in issue.fonts for f, _ in c.files}


def _check_user_fonts(issue: Issue, fonts: FontSet, used) -> None:
    """The outlines of the editor's own fonts that the PDF will copy must be readable: a
    damaged glyph is reported at the font's line of `fonts:` before anything is written
    (the bundled fonts are known good)."""
    mine = _user_fonts(issue)
    if not mine:
        return
    per: dict = {}
    for role, ch in used:
        src = fonts.resolve(role, ch)
        if src is not None and str(src.path.resolve()) in mine:
            per.setdefault(src, set()).add(ord(ch))
    problems = []
    for src, cps in per.items():
        why = fonts.file(src).damaged_glyph(cps)
        if why:
            w = mine[str(src.path.resolve())]
            problems.append(Diagnostic(w.path, w.line, w.column, f"{src.label}: {why}",
                                       "the font file is damaged: copy or install it again, "
                                       "or use another font for this role"))
    if problems:
        raise InputError(problems)


def _font_input_error(issue: Issue, message: str) -> None:
    """Raise a FontError about one of the editor's font files as an InputError at its line
    of `fonts:`; return (for the caller to re-raise) when it is about another font."""
    for path, w in _user_fonts(issue).items():
        if Path(path).name in message:
            raise InputError([Diagnostic(w.path, w.line, w.column, message,
                                         "the font file is damaged or of a kind that cannot "
                                         "be converted: use another font for this role")])


def _write(issue: Issue, pages: list[PageLayout], used: set, fonts: FontSet, out: Path,
           clock: _Clock, warm: Warm, *, staged: bool = False) -> tuple[list[PageLayout], int]:
    """Impose the pages on their sheets, embed the fonts and write the PDF (lazy imports:
    `layout fit` never loads ReportLab). Returns the pages as drawn and the file's size."""
    from layout.pdf.writer import PdfCache, write_pdf
    from layout.press.artwork import forms_of
    from layout.press.icc import load_profile
    from layout.issue.loader import fingerprint
    from layout.press.pdfx import DocInfo
    from layout.press.pictures import develop_pages
    from layout.press.sheet import impose
    options = issue.print
    gray = options.color == "gray"
    profile = load_profile(options.profile or None, options.condition or None)
    warm.pdf = warm.pdf or PdfCache()
    warm.pdf.resident = warm.resident
    sheets = impose(pages, options, warm.pdf.overprint.start(None) if warm.resident else None)
    # pictures made ready for the press (converted, down-sampled, encoded) and the vector
    # artwork as PDF forms: before the writer, which only embeds them
    developed = develop_pages([p for p, _ in sheets], profile.data, gray)
    sheets = tuple((p, s) for p, (_, s) in zip(developed, sheets))
    forms = forms_of(developed, profile.data, gray, options.pdfx == "x1a")
    clock.lap("pictures")
    _check_user_fonts(issue, fonts, used)
    pdf_fonts = warm.pdf.pdf_fonts(fonts)
    try:
        pdf_fonts.prepare(used)   # CFF fonts are converted (or cached) here
    except FontError as e:        # a user's font HarfBuzz or fontTools cannot read
        _font_input_error(issue, str(e))
        raise
    pdf_fonts.embed_ahead()       # subset here, deflated beside the drawing (pdf.embed)
    clock.lap("fonts")
    doc = DocInfo(f"{issue.paper.name} {issue.issue.date.isoformat()}", issue.issue.date,
                  options.pdfx, profile, repr(options), forms=forms,
                  source=issue.fingerprint or fingerprint(issue.path))
    # a staged file is fsynced beside the check (cli: settled before it is published)
    size = write_pdf(sheets, pdf_fonts, out, doc, gray=gray, cache=warm.pdf,
                     sync_behind=staged)
    clock.lap("pdf")
    return [page for page, _ in sheets], size
