"""Is a page's content stream well-formed PDF? Read by the PDF specification itself, over the
stream's bytes, in one pass (issue 16: qpdf's parse of the same stream called back into
Python once per token, 8–13 ms a page).

ISO 32000-1 §7.8.2: a content stream is a sequence of instructions, each of operands (direct
objects: numbers, strings, names, arrays, dictionaries, booleans, null — §7.3) followed by its
operator; the operators are those of Annex A (Table A.1), each with the operands its own table
gives (§8.4.4 Table 57, §8.5.2–3 Tables 59–60, §8.6.8 Table 74, §8.7.4.2, §8.8, §8.9.7 Table
92, §9.3.1 Table 105, §9.4 Tables 107–109, §9.6.5 Table 113, §14.6 Table 320, §14.11.2);
an operator not in Annex A is an error except inside a compatibility section (BX … EX, §7.8.2
Table 32), where it is ignored with its operands. Tokens by §7.2 (white space, delimiters,
comments) and §7.3 (the objects' syntax).

`content_problems` says what is wrong, [] when nothing; None when it cannot tell — a stream
with an inline image (BI … ID binary data … EI), a literal string nested deeper than the
tokenizer splits, a name qpdf would warn about — and qpdf's parser decides alone
(preflight.structure). The tokens are pdfread's (one split of a page serves both).
"""
from __future__ import annotations

import re

from layout.preflight.pdfread import tokens

# operands each operator takes (Annex A and the tables named above); None: a variable count
# (SC sc SCN scn: one per colour component, and a pattern name for SCN/scn)
ARITY: dict[bytes, int | None] = {
    # general graphics state (Table 57), special graphics state
    b"w": 1, b"J": 1, b"j": 1, b"M": 1, b"d": 2, b"ri": 1, b"i": 1, b"gs": 1,
    b"q": 0, b"Q": 0, b"cm": 6,
    # path construction and painting (Tables 59, 60), clipping (Table 61)
    b"m": 2, b"l": 2, b"c": 6, b"v": 4, b"y": 4, b"h": 0, b"re": 4,
    b"S": 0, b"s": 0, b"f": 0, b"F": 0, b"f*": 0, b"B": 0, b"B*": 0, b"b": 0, b"b*": 0,
    b"n": 0, b"W": 0, b"W*": 0,
    # colour (Table 74)
    b"CS": 1, b"cs": 1, b"SC": None, b"SCN": None, b"sc": None, b"scn": None,
    b"G": 1, b"g": 1, b"RG": 3, b"rg": 3, b"K": 4, b"k": 4,
    # shading, XObjects, Type 3 glyphs (Table 113)
    b"sh": 1, b"Do": 1, b"d0": 2, b"d1": 6,
    # text objects, state, positioning, showing (Tables 105, 107, 108, 109)
    b"BT": 0, b"ET": 0, b"Tc": 1, b"Tw": 1, b"Tz": 1, b"TL": 1, b"Tf": 2, b"Tr": 1,
    b"Ts": 1, b"Td": 2, b"TD": 2, b"Tm": 6, b"T*": 0, b"Tj": 1, b"TJ": 1, b"'": 1,
    b'"': 3,
    # marked content (Table 320), compatibility (Table 32)
    b"MP": 1, b"DP": 2, b"BMC": 1, b"BDC": 2, b"EMC": 0, b"BX": 0, b"EX": 0,
}
# inline images (BI ID EI, §8.9.7) are left to qpdf: tokens() does not split their data
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)\Z")
_NAME_ESCAPE = re.compile(rb"#(?![0-9A-Fa-f]{2})")      # §7.3.5: # and two hex digits
_WORDS = frozenset((b"true", b"false", b"null"))
VARIABLE, OPERAND, OPEN, CLOSE, COMMENT, UNKNOWN = -1, -2, -3, -4, -5, -6
# an operator's operand count (VARIABLE: one or more), or the kind of another token
_PART = {**{op: (VARIABLE if n is None else n) for op, n in ARITY.items()},
         b"[": OPEN, b"<<": OPEN, b"]": CLOSE, b">>": CLOSE}
SHOWN = 3             # problems of one stream named


def content_problems(data: bytes, keep: bool = False) -> list[str] | None:
    """What breaks §7.8.2 in the content stream `data` (module docstring); None when the
    stream holds what this reader leaves to qpdf. `keep`: its tokens kept for the glyph
    reader (pdfread.tokens).

    Each distinct token is classified once (the sample page: 1,700 of 15,000), then one pass
    counts the operands of each operator (~3 ms a page)."""
    toks = tokens(data, keep)
    if toks is None:
        return None
    kinds = _kinds(toks)
    if kinds is None:
        return None
    out: list[str] = []
    operands = 0            # complete operands before the next operator
    nest: list[list] = []   # open arrays and dictionaries: [is a dictionary, items in it]
    compat = 0              # depth of BX … EX (§7.8.2 Table 32)
    for tok in toks:
        want = kinds[tok]
        if want == OPERAND:
            if not nest:
                operands += 1
            else:
                _item(nest[-1], tok[0] == 47, out)
        elif want >= VARIABLE:                        # an operator of Annex A
            if nest:
                out.append(f"the operator {_show(tok)} inside an array or dictionary")
                nest = []
            if want == VARIABLE:
                if not operands:
                    out.append(f"{_show(tok)} without operands")
            elif operands != want:
                out.append(f"{_show(tok)} with {operands} operand{'s' * (operands != 1)}, "
                           f"not {want}")
            if tok == b"BX":
                compat += 1
            elif tok == b"EX" and compat:
                compat -= 1
            operands = 0
        elif want == OPEN:
            if nest:
                _item(nest[-1], False, out)
            nest.append([tok == b"<<", 0])
        elif want == CLOSE:
            if not nest or nest[-1][0] != (tok == b">>"):
                out.append(f"an unmatched {tok.decode()}")
                nest = []
            elif nest.pop()[1] % 2 and tok == b">>":
                out.append("a dictionary key without a value")     # §7.3.7
            if not nest:
                operands += 1
        elif want == UNKNOWN:
            if not compat:
                out.append(f"an operator the PDF format does not have: {_show(tok)}")
            operands, nest = 0, []
    if nest:
        out.append(f"an unclosed {'<<' if nest[-1][0] else '['} at the end")
    elif operands:
        out.append(f"{operands} operand{'s' * (operands != 1)} without an operator at the end")
    if len(out) > SHOWN:
        out[SHOWN:] = [f"and {len(out) - SHOWN} more"]
    return out


def _item(into: list, name: bool, out: list[str]) -> None:
    """One more object in an open array or dictionary; a dictionary's keys are names
    (§7.3.7)."""
    if into[0] and into[1] % 2 == 0 and not name:
        out.append("a dictionary key that is not a name")
    into[1] += 1


def _kinds(toks: list[bytes]) -> dict[bytes, int] | None:
    """Each distinct token's _PART: an operand (a number by §7.3.3, a string, a name, true,
    false, null), a comment, or an operator PDF does not have; None for what qpdf reads alone
    (an inline image's operators, a name with a stray #)."""
    kinds = {}
    for tok in set(toks):
        kind = _PART.get(tok)
        if kind is None:
            c = tok[0]
            if c == 47:
                if b"#" in tok and _NAME_ESCAPE.search(tok):
                    return None
                kind = OPERAND
            elif c == 40 or c == 60 or tok in _WORDS:
                kind = OPERAND
            elif c == 37:
                kind = COMMENT
            elif tok in (b"BI", b"ID", b"EI"):
                return None
            else:
                kind = OPERAND if _NUMBER.match(tok) else UNKNOWN
        kinds[tok] = kind
    return kinds


def _show(tok: bytes) -> str:
    return tok[:20].decode("latin-1")
