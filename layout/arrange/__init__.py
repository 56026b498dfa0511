"""Stage 3½, arrange: the page composes itself. Every block the editor did not place (or
whose place the composer wrote before and the editor left unlocked) gets a rectangle of whole
columns × rows, the free area tiled exactly, chosen by search over its candidate shapes
and scored by the conventions of a Chinese page (docs/newspaper-conventions.md#composing-a-
page); `rows: auto` blocks get the depth their copy needs; a story's own picture is set inside
the story's rectangle.

    needs     the candidate shapes of each block, measured (spans × headline sizes ×
              picture sizes × depths, each filled as the block fills itself: page.copyfit)
    regions   the free area left by the fixed blocks, as rectangles
    slicing   a free rectangle composed by dynamic programming over slicing structures
              (stacks and side-by-side parts, every column stack exactly full)
    choose    the block orders tried, the candidates scored in full, the best and the
              runners-up; the cell search when the free area is not rectangles
    search    branch and bound over exact tilings cell by cell, a node budget
    score     the costs: fit, rank → position, order, size, hierarchy, 碰题, photos, cuts,
              moves since the last composition
    result    the chosen places applied to the page; what to cut or add (copyfit report)
    commands  `layout compose`: the report, --write, --alternatives

In: a page of the Issue and the FontSet (metrics). Out: an `Arranged` page — the same page with
every block placed (places the composer chose are unlocked: lock false) — and its report.
Pages whose blocks are all placed pass through untouched.
"""
from __future__ import annotations

from layout.arrange.result import Arranged, arrange_page, needs_arranging

__all__ = ["Arranged", "arrange_page", "needs_arranging"]
