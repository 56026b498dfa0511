"""Chinese line composer: a paragraph (runs of text) and a measure in, lines of placed glyphs out.

Place in the pipeline: after styling, before flowing lines into columns. Pure Python; knows
nothing of PDF or pages. The PDF writer only replays the ``PlacedGlyph`` positions decided here.

    compose_paragraph = prepare (compose_prepare: glyph widths, gaps, break opportunities)
                      → break (compose_break: greedy, push-in before push-out)
                      → fix 孤字 (compose_lonely: look back over the last lines)
                      → set each line (compose_set: compress / expand to the measure)

This module is the public face: the values (``compose_types``) and the two entry points. The
documented exceptions to the rules — a chain with no break point that cannot be set whole, or
whose push-down would leave a loose line, is split at a soft or emergency point, a Latin word
with an added hyphen (``PlacedGlyph.added``, ``Line.hyphenated``) — are described in
``compose_break``.

References: W3C clreq (https://www.w3.org/TR/clreq/), GB/T 15834—2011 §5.1, and
../shared/reference/typesetting-rules.md; the rule's anchor is cited beside the code.
Units: sizes and positions in pt; ``Run.space_after``, ``indent`` and ``Metrics.advance`` in em.
"""
from __future__ import annotations

from typing import Sequence

from layout.compose.linebreak import greedy
from layout.compose.lonely import fix_lonely
from layout.compose.prepare import prepare
from layout.compose.justify import set_glyphs
from layout.compose.types import EPS, Align, Line, Metrics, PlacedGlyph, PunctStyle, Run

__all__ = ["Align", "EPS", "Line", "Metrics", "PlacedGlyph", "PunctStyle", "Run",
           "compose_paragraph", "set_line"]


def _check_options(measure: float, align: str, punct: str) -> None:
    """Bad options are caller bugs: say which value and what is allowed."""
    if not measure > 0:
        raise ValueError(f"measure must be > 0 pt, got {measure!r}")
    if align not in ("justify", "start", "center", "end", "distribute"):
        raise ValueError(f"align must be justify/start/center/end/distribute, got {align!r}")
    if punct not in ("quanjiao", "kaiming", "banjiao"):
        raise ValueError(f"punct must be quanjiao/kaiming/banjiao, got {punct!r}")


def compose_paragraph(runs: Sequence[Run], measure: float, metrics: Metrics, *,
                      indent: float = 2.0, align: Align = "justify",
                      punct: PunctStyle = "quanjiao", bind_units: bool = True) -> tuple[Line, ...]:
    """Break a paragraph into lines of ``measure`` pt.

    indent = first-line indent in em of the first run's size (clreq #first_line_indents; leading
    U+3000/U+0020 of the input are dropped, never set as space). align 'justify': every non-final
    line flush both edges, the last start-aligned; 'distribute': every line flush, the last too;
    'start'/'center'/'end': broken the same way, set at natural width. ``bind_units`` keeps a number
    with its Latin unit (50km) on one line. An empty or all-space paragraph gives ()."""
    return compose_lines(runs, measure, metrics, indent=indent, align=align, punct=punct,
                         bind_units=bind_units)


def compose_lines(runs: Sequence[Run], measure: float, metrics: Metrics, *, indent: float = 2.0,
                  align: str = "justify", punct: str = "quanjiao", bind_units: bool = True,
                  fix_orphans: bool = True) -> tuple[Line, ...]:
    """``compose_paragraph`` with the 孤字 look-back switchable off (``fix_orphans``), so that
    its effect can be measured against plain greedy breaking (benchmarks/bench_compose.py)."""
    _check_options(measure, align, punct)
    G = prepare(runs, metrics, punct, bind_units)
    if G.n == 0:
        return ()
    ind = indent * runs[0].size if runs else 0.0
    lines, avails = greedy(G, measure, ind)
    if fix_orphans:
        fix_lonely(G, lines, avails)
    last = len(lines) - 1
    return tuple(set_glyphs(G, s, e, avails[k], ind if k == 0 else 0.0, align, k == last)
                 for k, (s, e) in enumerate(lines))


def set_line(runs: Sequence[Run], width: float, metrics: Metrics, *,
             align: Align = "start", punct: PunctStyle = "quanjiao") -> Line:
    """One line, no breaking. 'distribute' = 均排: spread so the first character starts at 0 and
    the last ends at ``width``; 'justify' the same but by the justification order; a line longer
    than ``width`` is compressed (rules file §3 shrink order) and may still overflow."""
    _check_options(width, align, punct)
    G = prepare(runs, metrics, punct, True)
    if not G.n:
        return Line((), 0.0, True, "")
    return set_glyphs(G, 0, G.n - 1, width, 0.0, align, False if align == "justify" else True)
