"""Run every check family on a finished PDF against its issue file.

Place in the pipeline: after the PDF is written (`layout build` runs it unless --no-check) or on
its own (`layout check OUT.pdf --issue ISSUE.yaml`). The PDF is read back (pdfread); what it
must show comes from the issue file and the format grid (expect), never from the layout's
placed items; then, per page: text fidelity, the Chinese line rules, geometry, fonts, boxes.
"""
from __future__ import annotations

import gc
import time

from layout.preflight.artwork import check_art, own_fonts, own_glyphs, read_open
from layout.preflight.boxes import check_boxes, check_count
from layout.preflight.expect import expect_page
from layout.preflight.fidelity import attribute, check_text, jump_cut
from layout.preflight.inks import check_inks
from layout.preflight.findings import Finding, PageStats, Report
from layout.preflight.fonts import allowed_fonts, check_fonts
from layout.preflight.geometry import check_grid, check_overlaps, check_places
from layout.preflight.lines import build_lines
from layout.preflight.pdfread import KEPT, read_pdf
from layout.preflight.rules import check_rules
from layout.preflight.structure import check_structure


def _expect(pdfpage, page, model, cuts: dict):
    """The page's expectation; a story that jumps (转版) from this page is cut where its block
    ends (fidelity.jump_cut), and the cut is kept for the page it continues on."""
    exp = expect_page(page, model, cuts)
    jumping = [s.id for s in page.stories if s.continued is not None]
    if jumping:
        at = attribute(pdfpage, exp)
        for sid in jumping:
            cuts[sid] = jump_cut(pdfpage, exp, at, sid)
        exp = expect_page(page, model, cuts)
    return exp


def without_art(page, own: set[int], fonts: frozenset[str]):
    """The page without the ads' and logos' own text (preflight.artwork), the glyphs
    renumbered in drawing order; their fonts marked as artwork: the advertiser's, not the
    issue's, so only their embedding is checked."""
    if not own and not fonts:
        return page
    glyphs = [g._replace(i=k) for k, g in enumerate(g for g in page.glyphs if g.i not in own)]
    return page._replace(glyphs=glyphs, fonts=[
        dict(f, artwork=f["basefont"] in fonts) for f in page.fonts])


def _other_version(pdf: str, issue: str) -> Finding | None:
    """One finding when the PDF says it was built from another version of the issue file (its
    /LayoutIssue fingerprint differs; a PDF without one is checked in full): every difference
    would follow from that one, and the cure is to build again."""
    from layout import qpdf
    from layout.issue.loader import fingerprint
    try:
        with qpdf.opened(pdf) as doc:
            info = doc.trailer.get("/Info")
            built = info.get("/LayoutIssue") if isinstance(info, qpdf.Dictionary) else None
    except Exception:          # read_pdf already read it: an odd Info dictionary is no proof
        return None
    if not built or str(built) == fingerprint(issue):
        return None
    return Finding(None, None, "wrong-issue",
                   f"this PDF was not built from this issue: it was built from another "
                   f"version of {issue} (fingerprint {str(built)[:8]}, the file now "
                   f"{fingerprint(issue)[:8]}); build it again")


def _arranged(model):
    """The issue with the blocks it leaves to the page composer placed, as the build places
    them: the composer is deterministic, and reads only the issue (and the fonts' metrics)."""
    from layout.page.places import needs_arranging
    if not any(needs_arranging(p) for p in model.pages):
        return model
    from layout.build import arrange_issue
    from layout.fonts.fontset import FontSet
    return arrange_issue(model, FontSet.configure(model.fonts))[0]


def check_pdf(pdf: str, issue: str, *, waive: frozenset[str] = frozenset(),
              fonts: frozenset[str] | None = None, model=None, shown_as: str = "") -> Report:
    """The preflight report of `pdf` built from the issue file `issue`.

    `waive`: ids of stories the build let run overset; the text missing at their end is
    reported but waived. `fonts`: PostScript names allowed (default: configured and bundled).
    `model`: the issue file already loaded and normalised, as the build that wrote `pdf` read
    it (`layout build` passes its own; the check reads only the PDF and this). `shown_as`:
    the name the report gives the PDF (a build checks its staged file before the file takes
    its name), else `pdf`.
    Raises layout.errors.InputError for a bad issue file, CheckInputError for an unreadable PDF.
    """
    enabled = gc.isenabled()
    gc.disable()        # tens of thousands of small acyclic objects: collections only cost time
    try:
        return _check(pdf, issue, waive, fonts, model, shown_as or str(pdf))
    finally:
        KEPT.clear()
        if enabled:
            gc.enable()


def _check(pdf: str, issue: str, waive: frozenset[str], fonts: frozenset[str] | None,
           model, shown_as: str) -> Report:
    t0 = time.perf_counter()
    if model is None:
        from layout.issue.loader import load_issue
        from layout.issue.normalize import normalize_issue
        model = load_issue(issue)
        style = getattr(model, "style", None)
        if style is None or getattr(style, "normalize", True):   # as the build does
            model, _ = normalize_issue(model)
    model = _arranged(model)
    data = _pdf_bytes(pdf)
    # The file whole first: nothing read from a damaged one is reported; the readers take
    # the pages it split (pdfread.KEPT). (A forked child checked it beside the reads when a
    # core stood idle: ~10 ms less wall, 5–8 ms more CPU a page; taken back, issue 16.)
    damaged = check_structure(data)
    if damaged:
        return Report(shown_as, str(issue), tuple(damaged), (), time.perf_counter() - t0)
    pages, arts = read_pdf(pdf, also=read_open)
    other = _other_version(pdf, issue)
    if other:
        return Report(shown_as, str(issue), (other,), (), time.perf_counter() - t0)
    allowed = fonts if fonts is not None else allowed_fonts(getattr(model, "fonts", ()))
    findings = check_count(pages, len(model.pages))
    stats, cuts = [], {}
    for pdfpage, page, art in zip(pages, model.pages, arts):
        exp = _expect(pdfpage, page, model, cuts)
        own = own_glyphs(pdfpage, art, exp)
        findings += check_art(pdfpage, art, exp, own)
        pdfpage = without_art(pdfpage, own, own_fonts(art))
        at, text = check_text(pdfpage, exp, waive)
        lines = build_lines(pdfpage, exp, at)
        findings += text
        findings += check_rules(lines, exp)
        findings += check_places(lines, exp, at)
        findings += check_overlaps(pdfpage, exp, at)
        findings += check_grid(lines, exp)
        findings += check_fonts(pdfpage, exp, at, allowed)
        findings += check_boxes(pdfpage, exp)
        findings += check_inks(pdfpage, exp, at, model.print)
        stats.append(PageStats(page.number, pdfpage.index, len(at.visible), len(lines)))
    return Report(shown_as, str(issue), tuple(findings), tuple(stats),
                  time.perf_counter() - t0)


def _pdf_bytes(pdf: str) -> bytes:
    """The file's bytes; a missing or unreadable file is CheckInputError, as read_pdf
    reports it."""
    from layout.preflight.findings import CheckInputError
    try:
        with open(pdf, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise CheckInputError(f"{pdf}: no such PDF file") from None
    except OSError as e:
        raise CheckInputError(f"{pdf}: cannot read it: {e.strerror or e}") from None
