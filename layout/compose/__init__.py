"""Chinese line composer: a paragraph (runs of text) and a measure in, lines of placed glyphs out.

Place in the pipeline: after styling, before flowing lines into columns. Pure Python; knows
nothing of PDF or pages. The PDF writer only replays the ``PlacedGlyph`` positions decided here.

    compose_paragraph = prepare (compose.prepare: glyph widths, gaps, break opportunities)
                      → break (compose.linebreak: first fit, push-in before push-out;
                        Latin words hyphenated at compose.hyphenate's dictionary points)
                      → fix 孤字 (compose.lonely: look back over the last lines)
                      → re-break (compose.totalfit: the paragraph's breaks chosen together
                        when the first fit leaves a line over the limits, a split or a 孤字;
                        a line no sequence avoids is marked ``Line.loose``)
                      → set each line (compose.justify: compress / expand to the measure)

This module is the public face: the values (``compose.types``) and the two entry points. The
documented exceptions to the rules — a chain with no break point that cannot be set whole, or
whose push-down would leave a loose line, is split at a soft or emergency point, a Latin word
with an added hyphen (``PlacedGlyph.added``, ``Line.hyphenated``) — are described in
``compose.linebreak``.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
docs/typesetting-rules.md; the rule's anchor is cited beside the code.
Units: sizes and positions in pt; ``Run.space_after``, ``indent`` and ``Metrics.advance`` in em.
"""
from __future__ import annotations

from typing import Sequence

from layout.compose.justify import set_glyphs
from layout.compose.linebreak import greedy
from layout.compose.lonely import fix_lonely
from layout.compose.prepare import prepare, prepared
from layout.compose.totalfit import loose_line, needs_search, total_fit
from layout.compose.types import (EPS, Align, Line, Metrics, PlacedGlyph, PunctStyle, Run,
                                  Settings, Slot)

__all__ = ["Align", "EPS", "Line", "Metrics", "PlacedGlyph", "PunctStyle", "Run", "Settings",
           "BODY", "ONE_LINE", "compose_paragraph", "set_line"]

BODY = Settings()                               # a body paragraph: 2-em indent, justified
ONE_LINE = Settings(indent=0.0, align="start")  # display text set on one line (set_line)


def _check(measure: float, settings: Settings) -> None:
    """Bad settings are caller bugs: say which value and what is allowed."""
    if not measure > 0:
        raise ValueError(f"measure must be > 0 pt, got {measure!r}")
    if settings.align not in ("justify", "start", "center", "end", "distribute"):
        raise ValueError(f"align must be justify/start/center/end/distribute, "
                         f"got {settings.align!r}")
    if settings.punct not in ("quanjiao", "kaiming", "banjiao"):
        raise ValueError(f"punct must be quanjiao/kaiming/banjiao, got {settings.punct!r}")


def compose_paragraph(runs: Sequence[Run], measure: float, metrics: Metrics,
                      settings: Settings = BODY) -> tuple[Line, ...]:
    """Break a paragraph into lines of ``measure`` pt, set by ``settings`` (types.Settings:
    indent, alignment, punctuation style, units bound, 孤字 look-back). An empty or all-space
    paragraph gives ()."""
    _check(measure, settings)
    G = prepared(runs, metrics, settings)
    if G.n == 0:
        return ()
    ind = settings.indent * runs[0].size if runs else 0.0
    lines, avails = greedy(G, measure, ind)
    if settings.fix_orphans:
        fix_lonely(G, lines, avails)        # the cheap local repair of a 孤字 first
    searched = (settings.align == "justify" and settings.total_fit and len(lines) > 1
                and needs_search(G, lines, avails, settings.fix_orphans))
    if searched:
        best = total_fit(G, measure, ind, lines, settings.fix_orphans)
        if best is not None:
            lines, avails = best, [measure - ind] + [measure] * (len(best) - 1)
    last = len(lines) - 1
    out = []
    new = tuple.__new__          # Slot(...) without its Python frame (every line of a page)
    for k, (s, e) in enumerate(lines):
        ln = set_glyphs(G, new(Slot, (s, e, avails[k], ind if k == 0 else 0.0)),
                        settings.align, k == last)
        if searched and k < last and loose_line(G, s, e, avails[k]):
            ln = ln._replace(loose=True)
        out.append(ln)
    return tuple(out)


def set_line(runs: Sequence[Run], width: float, metrics: Metrics,
             settings: Settings = ONE_LINE) -> Line:
    """One line, no breaking. 'distribute' = 均排: spread so the first character starts at 0 and
    the last ends at ``width``; 'justify' the same but by the justification order; a line longer
    than ``width`` is compressed (docs/typesetting-rules.md §3 shrink order) and may still overflow."""
    _check(width, settings)
    G = prepare(runs, metrics, settings.punct, True)
    if not G.n:
        return Line((), 0.0, True, "")
    return set_glyphs(G, Slot(0, G.n - 1, width, 0.0), settings.align,
                      settings.align != "justify")
