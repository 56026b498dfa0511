"""The rule tables the preflight checks against, restated here from docs/typesetting-rules.md
(§1.2, §1.3, §2.1) and not imported from the composer's `compose.chars`: a character the
composer's table lacks would let the composer break a rule and its own check pass it. The
two are compared by tests/preflight/test_tables.py; where they disagree, one of them is wrong
against the document, and the test says which character.

Han characters: clreq #han_characters, the CJK Unified Ideographs block and its extensions
A–G, the compatibility ideographs, and 〇.
"""
from __future__ import annotations

# §1.2 (clreq #prohibition_rules_for_line_start_end, GB level + strict ——/……): a line may
# not start with these.
STOPS_AND_PAUSES = "。，、；：？！．‼⁇⁈⁉"               # GB/T 15834 §5.1.1, §5.1.2
CLOSING = "”’）〕】］｝》〉」』〗"                      # §5.1.3
CONNECTORS = "–—～~"                                   # §5.1.6 (a single — is 一字线)
INTERPUNCTS = "·‧・"                                   # §5.1.7 and its look-alikes
SOLIDUS = "/／"                                        # §5.1.9
STRICT = "—…"                                          # §5.1.4, §5.1.5: —— and ……
HALF_WIDTH = ",.;:?!)]}"                               # ASCII marks left in the copy
NO_LINE_START = frozenset(STOPS_AND_PAUSES + CLOSING + CONNECTORS + INTERPUNCTS + SOLIDUS
                          + STRICT + HALF_WIDTH)

# §1.3: a line may not end with these.
OPENING = "“‘（〔【［｛《〈「『〖"                      # §5.1.3
CURRENCY = "¥$€£￥\u2212"                              # bound to the number after them (and −)
NO_LINE_END = frozenset(OPENING + "([{" + SOLIDUS + CURRENCY)

# §2.1 (clreq #punctuation_width_adjustment): a full-width mark's ink fills one half of its
# 1-em box; opening marks have the blank on the left, the others on the right.
PAUSES = "，、；："
STOPS = "。？！．"
_BLANK_LEFT = frozenset(OPENING)
_BLANK_RIGHT = frozenset(CLOSING + PAUSES + STOPS)
MARKS = _BLANK_LEFT | _BLANK_RIGHT

# —— and …… are one 2-em unit each (§1.4); ⋯ is the math-axis ellipsis some copy uses.
UNITS = ("—", "…", "⋯")


def is_han(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x323AF
            or 0xF900 <= o <= 0xFAFF or o == 0x3007)


def is_mark(ch: str) -> bool:
    """A full-width Chinese mark with a blank half (§2.1)."""
    return ch in MARKS


def blank_halves(ch: str) -> tuple[float, float]:
    """(left, right) blank of a full-width mark's 1-em box in em, as its glyph is drawn."""
    if ch in _BLANK_LEFT:
        return 0.5, 0.0
    if ch in _BLANK_RIGHT:
        return 0.0, 0.5
    return 0.0, 0.0


# 竖排 (GB/T 15834—2011 §5.2): a vertical line draws a mark in its vertical form; read back,
# each form counts as the mark it stands for (the forms' Unicode names: PRESENTATION FORM FOR
# VERTICAL …), and quotation marks are set as corner brackets (§5.2.3).
VERTICAL_BASE = dict(zip("︐︑︒︓︔︕︖︗︘︙︰︱︲︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄﹇﹈",
                         "，、。：；！？〖〗…‥—–（）｛｝〔〕【】《》〈〉「」『』［］"))
VERTICAL_QUOTES = {"“": "『", "”": "』", "‘": "「", "’": "」"}


def as_horizontal(ch: str) -> str:
    """A vertical presentation form as the mark it stands for; any other character as is."""
    return VERTICAL_BASE.get(ch, ch)
