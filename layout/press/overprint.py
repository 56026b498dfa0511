"""Print production, black overprint: which solid-black items overprint the inks under them
instead of knocking them out (the `print: {overprint: …}` setting), decided before drawing
(items.TextLine/Rule/Box.overprint; press.sheet.impose calls it, the writer sets the graphics
state).

On a web press the four plates never register perfectly: small black type knocked out of a
tint shows a white fringe where the tint's plates slip. Newspaper plants therefore ask for
solid black (100 % K) text at or below 12 pt and solid black rules thinner than 1 pt to
overprint (Ghent Workgroup GWG 2015 specification, newspaper variants;
docs/newspaper-conventions.md, print production). Larger type and heavy rules knock out
(overprinted, the tint would show through the black as a visibly different black), and
reversed (white) type never overprints: white overprinting is no ink at all, the type would
vanish. The writer sets overprint mode 1 with it (ISO 32000-1 8.6.7: a 0 component of a
DeviceCMYK colour leaves that plate alone), so `0 0 0 1 k` marks the K plate only.

Modes: `auto` the GWG rule above; `black` every solid-black text, rule and frame whatever its
size (plants that overprint all black); `none` nothing (the plant's RIP decides).
"""
from __future__ import annotations

from operator import attrgetter

from layout.page.items import Box, Rule, TextLine

_SIZE = attrgetter("size")

OVERPRINT_TEXT_MAX_PT = 12.0     # GWG 2015: 100 % K text ≤ 12 pt overprints
OVERPRINT_RULE_UNDER_PT = 1.0    # GWG 2015: 100 % K rules thinner than 1 pt overprint


def overprints(item, mode: str, sizes=None) -> bool:
    """Does `item` overprint under `mode` (auto, black, none)? Only solid black does: text in
    100 % K (gray 0), rules (always 100 % K) and unfilled frames (their stroke is 100 % K).
    `sizes`: a warm process's largest glyph size of each line (by the line's identity: the
    entry holds the line), a memo with take/put (pdf.text.Memo: what the last build asked
    for is kept, older entries dropped; set_overprint's memo)."""
    if mode == "none":
        return False
    small = mode == "auto"
    if isinstance(item, TextLine):
        return item.gray == 0.0 and bool(item.line.glyphs) and (
            not small or _largest(item.line, sizes) <= OVERPRINT_TEXT_MAX_PT)
    if isinstance(item, Rule):
        return not small or item.width < OVERPRINT_RULE_UNDER_PT
    if isinstance(item, Box):
        return item.fill is None and item.stroke is not None and (
            not small or item.stroke < OVERPRINT_RULE_UNDER_PT)
    return False


def _largest(line, sizes) -> float:
    """The largest glyph size of the line (max over its glyphs: ~1 µs a line)."""
    if sizes is None:
        return max(map(_SIZE, line.glyphs))
    hit = sizes.take(id(line))
    if hit is None or hit[0] is not line:
        hit = (line, max(map(_SIZE, line.glyphs)))
    sizes.put(id(line), hit)
    return hit[1]


def _overprinting(item):
    """The item with overprint set (NamedTuple._replace is ~6× slower: a page does ~350)."""
    at = type(item)._fields.index("overprint")
    return tuple.__new__(type(item), item[:at] + (True,) + item[at + 1:])


def set_overprint(page, mode: str, gray: bool, memo=None):
    """The page with each item's overprint decided (items.*.overprint). A gray page is
    printed from one plate: nothing lies under its black to knock out, so nothing is set.
    `memo`: a warm process's decisions by item (the items of the blocks it kept come back
    as the same objects) and its lines' sizes (`overprints`)."""
    if gray or mode == "none":
        return page
    if memo is None:
        items = tuple(_overprinting(it) if overprints(it, mode) else it for it in page.items)
        return page._replace(items=items)
    out = []
    # memo.take and memo.put written out (pdf.text.Memo: from the last build's entries, or
    # this one's): two method calls an item were ~0.1 ms of a warm edit's ~400 items
    last, now = memo.last, memo.now
    for it in page.items:
        key = (id(it), mode)
        hit = last.pop(key, None) or now.get(key)
        if hit is None or hit[0] is not it:          # the entry holds the item
            hit = (it, _overprinting(it) if overprints(it, mode, memo) else it)
        now[key] = hit
        out.append(hit[1])
    return page._replace(items=tuple(out))
