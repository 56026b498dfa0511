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
with an inline image (BI … ID binary data … EI) or a literal string nested deeper than the
tokenizer splits — and qpdf's parser decides alone (preflight.structure).
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

# The same grammar as one regular expression, for the common case: a stream it matches whole
# is one content_problems finds nothing in (tokens split at the same delimiters; only direct
# objects as operands, arrays and dictionaries nested at most two deep; each operator after
# the operands of its arity, or after 1–6 for the variable ones). ~4 ms for the sample page's
# 77 KB, against ~10 for the tokens and the loop. A stream it does not match is read by the
# loop, which says what is wrong.
_END = rb"(?=[\0\t\n\f\r ()<>\[\]{}/%]|\Z)"           # a regular token ends (§7.2.2)
_WS = rb"(?:[\0\t\n\f\r ]++|%[^\r\n]*+)*+"              # white space and comments
_NAME = rb"/[^\0\t\n\f\r ()<>\[\]{}/%#]*(?:#[0-9A-Fa-f]{2}[^\0\t\n\f\r ()<>\[\]{}/%#]*)*"
_SIMPLE = b"(?:" + b"|".join((
    rb"[+-]?+(?:\d++\.?+\d*+|\.\d++)" + _END,                  # number (§7.3.3)
    _NAME,                                                     # name (§7.3.5)
    rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)",         # literal string (§7.3.4.2)
    rb"<[0-9A-Fa-f\0\t\n\f\r ]*+>",                           # hexadecimal string
    rb"(?:true|false|null)" + _END)) + b")"                    # boolean, null
_ARRAY1 = rb"\[" + _WS + b"(?:" + _SIMPLE + _WS + rb")*\]"
_ARRAY = rb"\[" + _WS + b"(?:(?:" + _SIMPLE + b"|" + _ARRAY1 + b")" + _WS + rb")*\]"
_DICT = (b"<<" + _WS + b"(?:" + _NAME + _WS + b"(?:" + _SIMPLE + b"|" + _ARRAY + b")" + _WS
         + b")*>>")
_OPERAND = b"(?:" + _SIMPLE + b"|" + _ARRAY + b"|" + _DICT + b")"


def _instruction() -> bytes:
    """Operands then the operator: nested by count, so that no operand is read twice."""
    def ops(k: int) -> bytes:
        names = sorted((o for o, n in ARITY.items() if n == k or (n is None and k >= 1)),
                       key=len, reverse=True)
        return b"(?:" + b"|".join(re.escape(o) for o in names) + b")" + _END
    inner = ops(6)
    for k in range(5, -1, -1):
        inner = b"(?:" + ops(k) + b"|" + _OPERAND + _WS + inner + b")"
    return inner


_STREAM = re.compile(_WS + b"(?:" + _instruction() + _WS + b")*", re.S)
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)\Z")
_NAME_ESCAPE = re.compile(rb"#(?![0-9A-Fa-f]{2})")      # §7.3.5: # and two hex digits
_WORDS = frozenset((b"true", b"false", b"null"))
SHOWN = 3             # problems of one stream named


def content_problems(data: bytes) -> list[str] | None:
    """What breaks §7.8.2 in the content stream `data` (module docstring); None when the
    stream holds what this reader leaves to qpdf."""
    if _STREAM.fullmatch(data):
        return []
    toks = tokens(data)
    if toks is None:
        return None
    out: list[str] = []
    operands = 0            # complete operands before the next operator
    nest: list[bytes] = []  # open [ and <<
    compat = 0              # depth of BX … EX
    arity, number, words = ARITY, _NUMBER.match, _WORDS
    for tok in toks:
        c = tok[0]
        if c == 37:                                   # % a comment: white space (§7.2.3)
            continue
        if c == 91 or tok == b"<<":                   # [ or <<
            nest.append(tok)
            continue
        if c == 93 or tok == b">>":                   # ] or >>
            if not nest or (nest[-1] == b"[") != (c == 93):
                out.append(f"an unmatched {tok.decode()}")
                nest = []
            else:
                nest.pop()
            if not nest:
                operands += 1
            continue
        if c == 47:                                   # /Name
            if b"#" in tok and _NAME_ESCAPE.search(tok):
                return None                           # qpdf says what it makes of it
        elif c not in (40, 60) and tok not in words and not number(tok):
            # an operator (a word that is no number, string or keyword object)
            if nest:
                out.append(f"the operator {_show(tok)} inside an array or dictionary")
                nest = []
            want = arity.get(tok, -1)
            if tok == b"BX":
                compat += 1
            elif tok == b"EX":
                compat = max(compat - 1, 0)
            if want == -1:
                if tok in (b"BI", b"ID", b"EI"):
                    return None
                if not compat:
                    out.append(f"an operator the PDF format does not have: {_show(tok)}")
            elif want is not None and operands != want:
                out.append(f"{_show(tok)} with {operands} operand{'s' * (operands != 1)}, "
                           f"not {want}")
            elif want is None and not operands:
                out.append(f"{_show(tok)} without operands")
            operands = 0
            continue
        if not nest:
            operands += 1
    if nest:
        out.append(f"an unclosed {nest[-1].decode()} at the end")
    elif operands:
        out.append(f"{operands} operand{'s' * (operands != 1)} without an operator at the end")
    if len(out) > SHOWN:
        out[SHOWN:] = [f"and {len(out) - SHOWN} more"]
    return out


def _show(tok: bytes) -> str:
    return tok[:20].decode("latin-1")
