"""The top-level pipeline: issue file -> PDF (and PNG previews, text dump, fit report).

    load -> normalize -> layout each page -> coverage -> overset -> write PDF -> previews

Bad input stops the build before anything is written (InputError, exit 2); so does a story that
does not fit its block (OversetError, exit 3) unless the editor allows overset.
"""
from __future__ import annotations

from typing import NamedTuple

import dataclasses
import time
from pathlib import Path

from layout.compose.chars import is_han
from layout.errors import Diagnostic, InputError, OversetError
from layout.fonts.fontset import FontSet
from layout.page.items import Fit, PageLayout, TextLine
from layout.issue.loader import load_issue
from layout.issue.model import Issue
from layout.issue.normalize import Report, normalize_issue
from layout.page.assemble import layout_page


class BuildResult(NamedTuple):
    issue: Issue
    pages: tuple[PageLayout, ...]
    normalized: Report
    pdf: Path | None
    pdf_bytes: int
    pngs: tuple[Path, ...]
    seconds: float
    fallbacks: tuple["FontFallback", ...] = ()   # characters drawn from a fallback font
    font_warnings: tuple[str, ...] = ()          # e.g. fangsong set in 楷 for want of a font
    fonts: FontSet | None = None                 # the set used; a warm process keeps it
    stages: dict[str, float] | None = None       # seconds per stage (load, layout, fonts, pdf)


class FontFallback(NamedTuple):
    """A character its role's first font lacks, drawn from a later font of the chain: for the
    build report (first place it occurs)."""
    owner: str
    role: str
    ch: str
    font: str         # the fallback font's file name (#face)


def _owners(issue: Issue) -> dict[str, object]:
    out = {}
    for page in issue.pages:
        for thing in page.stories + page.groups:
            out[thing.id] = thing.where
        if page.footer is not None:
            out["footer"] = page.footer.where
    return out


def check_coverage(issue: Issue, pages: list[PageLayout],
                   fonts: FontSet) -> tuple[FontFallback, ...]:
    """Every glyph about to be drawn must be in a font of its role's chain: a missing one
    would print as an empty box with no warning (fonts.md, glyph traps). Reported with the
    story, the text around it, the character, its code point and the fonts tried, before
    anything is written. Returns the characters drawn from a fallback font."""
    where = _owners(issue)
    problems, fallbacks = [], []
    seen = set()
    for page in pages:
        for it in page.items:
            if not isinstance(it, TextLine):
                continue
            for g in it.line.glyphs:
                if (g.face, g.ch) in seen:
                    continue
                seen.add((g.face, g.ch))
                src = fonts.resolve(g.face, g.ch)
                chain = fonts.chain(g.face)
                if src is not None:
                    if src != chain[0]:
                        fallbacks.append(FontFallback(it.owner, g.face, g.ch, src.label))
                    continue
                w = where.get(it.owner) or where.get("footer") or page
                path, line, col = (w.path, w.line, w.column) if hasattr(w, "path") else (
                    issue.path, 0, 0)
                problems.append(Diagnostic(
                    path, line, col,
                    f"'{it.owner}': the character {g.ch} (U+{ord(g.ch):04X}) in "
                    f"“{it.line.text}” is not in the font for the role '{g.face}' "
                    f"({fonts.path(g.face).name}); fonts tried: "
                    + ", ".join(s.label for s in chain),
                    "replace the character, or configure a font that has it in `fonts:`"
                    + (" (it is a Han character outside the bundled 通用规范汉字表 set)"
                       if is_han(g.ch) else "")))
    if problems:
        raise InputError(problems)
    return tuple(fallbacks)


def used_glyphs(pages: list[PageLayout]) -> set[tuple[str, str]]:
    """(role, character) of every glyph to be drawn: what FontSet.prepare registers."""
    return {(g.face, g.ch) for page in pages for it in page.items if isinstance(it, TextLine)
            for g in it.line.glyphs}


def _load(path: str, press: dict | None) -> tuple[Issue, Report]:
    issue = load_issue(path)
    if press:
        issue = issue._replace(press=issue.press._replace(**press))
    return normalize_issue(issue) if issue.style.normalize else (issue, Report())


def build_issue(path: str, out: Path | None, *, png: bool = False,
                allow_overset: bool = False, fonts: FontSet | None = None,
                cache=None, press: dict | None = None) -> BuildResult:
    """fonts and cache are kept by a warm process (layout watch) between builds. press:
    overrides of the issue's `print:` options (PrintOptions fields), from the command line."""
    t0 = time.perf_counter()
    stages, clock = {}, [t0]

    def lap(name: str) -> None:      # the time since the previous lap, for watch and benchmarks
        now = time.perf_counter()
        stages[name] = now - clock[0]
        clock[0] = now

    issue, report = _load(path, press)
    if fonts is None or not fonts.matches(issue.fonts):
        if fonts is not None:
            cache = None    # the cached blocks were measured with the other fonts
        fonts = FontSet.configure(issue.fonts)   # paths already resolved by the loader
    lap("load")
    pages = [layout_page(p, issue, fonts, cache) for p in issue.pages]
    fallbacks = check_coverage(issue, pages, fonts)
    lap("layout")
    overset = [(p.number, f) for p in pages for f in p.fits if f.overset_lines]
    if overset and not allow_overset:
        raise OversetError(overset)
    size, pngs = 0, ()
    if out is not None:
        fonts.prepare(used_glyphs(pages))   # CFF fonts are converted (or cached) here
        lap("fonts")
        from layout.pdf.writer import write_pdf   # lazy: `layout fit` never loads the PDF writer
        title = f"{issue.paper.name} {issue.issue.date.isoformat()}"
        size = write_pdf(pages, fonts, out, title, issue.press, issue.issue.date)
        lap("pdf")
        if png:
            from layout.pdf.preview import write_pngs
            pngs = tuple(write_pngs(out, out.parent))
            lap("png")
    return BuildResult(issue, tuple(pages), report, out, size, pngs, time.perf_counter() - t0,
                       fallbacks, fonts.warnings({g[0] for g in used_glyphs(pages)}), fonts,
                       stages)
