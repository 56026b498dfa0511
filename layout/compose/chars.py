"""Character classes for Chinese line composition, and the tokeniser into unbreakable units.

Place in the pipeline: the first step of the line composer (``layout.compose``). Input is the
paragraph's text (already normalised by the loader); output is a tuple of ``Unit`` values, each an
unbreakable piece of text with its class (``spans``: the same as plain triples, for the composer's
hot path), plus the break rule between two units.

Every set cites its source. References:
  - W3C clreq, Requirements for Chinese Text Layout, https://www.w3.org/TR/clreq/
  - GB/T 15834—2011《标点符号用法》§5.1 (placement of marks in horizontal text)
  - docs/typesetting-rules.md (the project's reading of both)
Widths here are in em (em = the body size = one Han character).
"""
from __future__ import annotations

import re
from itertools import repeat
from typing import NamedTuple


# --- Line-start / line-end prohibitions (避头尾) --------------------------------------------------
# clreq #prohibition_rules_for_line_start_end, "GB" level = basic level + solidus may not end a line,
# plus the strict rule for —— and …… (docs/typesetting-rules.md §1).
NO_LINE_START = frozenset(
    "。，、；：？！．‼⁇⁈⁉"              # clreq: stops and pauses never begin a line
    "”’）〕】］｝》〉」』〗"            # clreq: closing brackets and quotes
    "–—～~·‧・/／"                      # clreq: connectors, interpunct (‧ ・ are variants of ·), solidus
    "…"                                 # strict level: —— and …… (U+2014 is already above);
                                        # the first-line exemption (GB's examples open a
                                        # paragraph with ——) is the paragraph start, not a break
    ",.;:?!)]}"                         # half-width marks that survived normalisation
)
NO_LINE_END = frozenset(
    "“‘（〔【［｛《〈「『〖([{"          # clreq: opening brackets and quotes
    "/／"                               # clreq GB level: a solidus may not end a line either
    "¥$€£￥"                            # docs/typesetting-rules.md §1: a currency sign is bound to its number
    "\u2212"                            # the minus sign, bound to its number the same way
)

# --- Full-width marks and their blank halves (标点挤压) --------------------------------------------
# clreq #punctuation_width_adjustment: each mark has a 1-em box with the ink in one half; the other
# half is blank and may be removed. Mainland glyphs (GB/T 15834 §5.1) put the ink of pauses, stops and
# closing marks in the left half, the ink of opening marks in the right half.
OPENING = frozenset("“‘（〔【［｛《〈「『〖")       # ink right, blank left half
CLOSING = frozenset("”’）〕】］｝》〉」』〗")       # ink left, blank right half
PAUSE = frozenset("，、；：")                       # ink left; shrink class "，、；" (colon joins it)
STOP = frozenset("。？！．")                        # ink left; shrink class "。？！", the last to shrink
BRACKETS = OPENING | CLOSING
_MARKS = OPENING | CLOSING | PAUSE | STOP         # is_mark
# GB/T 15834 §5.1.2: consecutive ？/！ share the space: ?? !! ?! !? take 1 em, ??? !!! take 2 em.
QUESTION_EXCLAIM = frozenset("？！")

# Fixed-width marks (docs/typesetting-rules.md §2): never compressed or stretched inside.
# GB/T 15834 §5.1.4/§5.1.5: 破折号 —— and 省略号 …… take 2 em (1 em per code point here, and a
# run of them is one unit, so two ellipses together take 4 em); 浪纹线 ～ takes 1 em.
DASH_ELLIPSIS = frozenset("—…")
FIXED_FULL = frozenset("—…～‼⁇⁈⁉")
# GB/T 15834 §5.1.6 短横线 –, §5.1.7 间隔号 ·, §5.1.9 分隔号 ／ take ½ em, ink centred.
FIXED_HALF = frozenset("–·‧・／")

# --- Latin, digits, numbers (docs/typesetting-rules.md §1, GB/T 15835) -------------------------------------------
# A number keeps its prefix/suffix: "¥50", "5%", "3‰", "25℃", "30°" never break (docs/typesetting-rules.md §1).
NUMBER_PREFIX = frozenset("¥$€£￥\u2212")     # currency signs and the minus sign U+2212
NUMBER_SUFFIX = frozenset("%‰℃°％")
# Characters that may sit at the edge of a Latin/digit run and still take the ¼-em Han–Latin gap
# (clreq #mixed_text_composition: the gap is between Han and Latin letters/digits, not marks).
_SPACED_SYMBOLS = frozenset("%‰$¥€£°")

SPACES = frozenset(" \u3000\t\n\r\u00a0\u2002\u2003\u2009")

# Unit kinds.
HAN, LATIN, MARK, FIXED, SPACE = "han", "latin", "mark", "fixed", "space"


def is_han(ch: str) -> bool:
    """CJK ideograph (URO, extensions A-G, compatibility) or 〇. clreq #han_characters."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x323AF
            or 0xF900 <= o <= 0xFAFF or o == 0x3007)


def is_latin(ch: str) -> bool:
    """Latin letters, digits and ASCII/Latin-1 symbols: set in the Latin face, proportionally.

    The interpunct · (U+00B7) is Chinese punctuation here (GB/T 15834 间隔号), not Latin."""
    o = ord(ch)
    return (0x21 <= o < 0x2B0 and o != 0xB7 and o != 0xA0) or ch in "€‰"


def is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def is_alnum_latin(ch: str) -> bool:
    """A letter or digit of a Latin run (the things that take the Han–Latin gap), or the
    minus sign that starts a number (气温 −12℃ takes the gap before the minus)."""
    return (is_latin(ch) and (ch.isalnum() or ch in _SPACED_SYMBOLS)) or ch == "\u2212"


# is_latin as a character class (the tokeniser's runs): U+0021–U+02AF but U+00A0 and U+00B7, € ‰
_LATIN_RUN = re.compile("[\x21-\x9f\xa1-\xb6\xb8-\u02af\u20ac\u2030]*")


def is_mark(ch: str) -> bool:
    """A full-width Chinese mark with a removable blank half."""
    return ch in OPENING or ch in CLOSING or ch in PAUSE or ch in STOP


def blank_halves(ch: str) -> tuple[float, float]:
    """(left, right) blank of a full-width mark's 1-em box in em, as the glyph is drawn.

    clreq #punctuation_width_adjustment: the ink of opening marks is in the right half, of all other
    marks in the left half. Marks set at ½ em in 开明式/半角式 keep the same glyph: only the blank is
    not set."""
    if ch in OPENING:
        return 0.5, 0.0
    if ch in CLOSING or ch in PAUSE or ch in STOP:
        return 0.0, 0.5
    return 0.0, 0.0


# --- Tokeniser ------------------------------------------------------------------------------------
class Unit(NamedTuple):
    """An unbreakable piece of text: ``text[start:end]`` of the paragraph, of one kind."""
    start: int
    end: int
    kind: str


def spans(text: str, bind_units: bool = True) -> list[tuple[int, int, str]]:
    """The units of ``text`` as (start, end, kind) triples: ``tokenize`` without the objects,
    for the composer's hot path (one call per paragraph; ~75 % of a news page is URO Han, one
    unit a character, found a run at a time by a regular expression)."""
    return _scan(text, bind_units, False)


_URO_RUN = re.compile("[\u4e00-\u9fff]+")

# A run of URO Han after its first character, for compose.prepare: every character of it a
# unit of its own and a break allowed before each (no URO character is on a line-start or
# line-end list above; tests/compose/test_chars.py checks it).
HAN_RUN = "hanrun"


def grouped_spans(text: str, bind_units: bool = True) -> list[tuple[int, int, str]]:
    """``spans`` with the rest of each run of URO Han, after its first character's own
    (start, start + 1, HAN), as one (start + 1, end, HAN_RUN): the units are the same, and
    compose.prepare sets the rest of a run at once (~two thirds of the characters of a page)."""
    return _scan(text, bind_units, True)


def _scan(text: str, bind_units: bool, grouped: bool) -> list[tuple[int, int, str]]:
    """``spans`` (``grouped``: ``grouped_spans``)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    for m in _URO_RUN.finditer(text):
        a, b = m.span()
        if i < a:
            _other_units(text, i, a, bind_units, out)
        if not grouped:
            out += zip(range(a, b), range(a + 1, b + 1), repeat(HAN, b - a))
        else:
            out.append((a, a + 1, HAN))
            if b > a + 1:
                out.append((a + 1, b, HAN_RUN))
        i = b
    if i < len(text):
        _other_units(text, i, len(text), bind_units, out)
    return out


def _other_units(text: str, i: int, n: int, bind_units: bool, out: list) -> None:
    """The units of text[i:n], which holds no URO Han character, appended to ``out``."""
    append = out.append
    while i < n:
        ch = text[i]
        j = i + 1
        if ch in SPACES:
            while j < n and text[j] in SPACES:
                j += 1
            append((i, j, SPACE))
        elif ch in DASH_ELLIPSIS:
            # GB/T 15834 §5.1.4/§5.1.5: —— and …… are one 2-em unit; never split.
            while j < n and text[j] == ch:
                j += 1
            append((i, j, FIXED))
        elif bind_units and (is_latin(ch) or (ch in NUMBER_PREFIX and j < n
                                                and is_digit(text[j]))):
            # the loop below, a run at a time: the Latin characters after the first, then a
            # suffix that is not Latin (℃ ％) when a digit comes before it
            j = _LATIN_RUN.match(text, j, n).end()
            if j < n and text[j] in NUMBER_SUFFIX and not is_latin(text[j]) and is_digit(
                    text[j - 1]):
                j += 1
            append((i, j, LATIN))
        elif is_latin(ch) or (ch in NUMBER_PREFIX and j < n and is_digit(text[j])):
            while j < n:
                c = text[j]
                if c in NUMBER_SUFFIX and not is_latin(c):
                    # ℃ ％ only join a number (docs/typesetting-rules.md §1: a number with its suffix), and
                    # end it: "25℃abc" may break after ℃.
                    if is_digit(text[j - 1]):
                        j += 1
                    break
                elif not is_latin(c):
                    # A full-width currency sign (￥) binds only to the number after it (rules
                    # file §1, NO_LINE_END): it starts a new unit, so "2022￥30" may break
                    # before ￥ rather than forming one 4-em unbreakable run.
                    break
                elif not bind_units and c.isalpha() and is_digit(text[j - 1]):
                    # Style switch: without bound units "50km" may break as "50" | "km".
                    break
                j += 1
            append((i, j, LATIN))
        elif ch in _MARKS:                          # is_mark
            append((i, j, MARK))
        elif ch in FIXED_FULL or ch in FIXED_HALF:
            append((i, j, FIXED))
        else:
            append((i, j, HAN))
        i = j


def tokenize(text: str, *, bind_units: bool = True) -> tuple[Unit, ...]:
    """Split ``text`` into units. Break opportunities lie only between units (``may_break``).

    Units (docs/typesetting-rules.md §1 "Unbreakable sequences"): one Han character; one full-width mark; a run of
    —— or …… (a 2-em unit per pair, a run stays together); a Latin/digit run = Latin word, number
    with . , separators, % ‰ ℃ ° suffix, currency prefix, and (``bind_units``) its Latin unit as in
    "50km"; a run of spaces. Anything else (kana, symbols) is set like a Han character.
    """
    return tuple(Unit(a, b, k) for a, b, k in spans(text, bind_units))


def may_break(text: str, left: Unit, right: Unit) -> bool:
    """May a line break fall between two adjacent non-space units (spaces between them ignored)?

    clreq #prohibition_rules_for_line_start_end: not before NO_LINE_START, not after NO_LINE_END.
    Between any other pair of units a break is allowed: between two Han, at a Latin space, at the
    boundary of a Latin/digit run (docs/typesetting-rules.md §1) — but not at a no-break space (U+00A0 in the
    spaces between them: "5\u00a0km", as the composer sets it)."""
    return (text[right.start] not in NO_LINE_START and text[left.end - 1] not in NO_LINE_END
            and "\u00a0" not in text[left.end:right.start])
