"""The preflight's own rule tables (restated from docs/typesetting-rules.md) agree with the
composer's: a character missing from one of them is a bug in that one, caught here rather than
shared by the composer and its check."""
from __future__ import annotations

import pytest

from layout.compose import chars
from layout.preflight import tables


@pytest.mark.parametrize("name", ["NO_LINE_START", "NO_LINE_END"])
def test_prohibition_lists_agree(name):
    mine, theirs = getattr(tables, name), getattr(chars, name)
    assert mine - theirs == set(), f"the composer's {name} lacks these"
    assert theirs - mine == set(), f"the preflight's {name} lacks these"


def test_marks_and_their_blank_halves_agree():
    assert tables.MARKS == chars.OPENING | chars.CLOSING | chars.PAUSE | chars.STOP
    for ch in sorted(tables.MARKS) + ["中", "a", "—", "·"]:
        assert tables.blank_halves(ch) == chars.blank_halves(ch), ch
        assert tables.is_mark(ch) == chars.is_mark(ch), ch


def test_han_ranges_agree():
    for cp in (0x3007, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2C317,
               0x323AF, 0x323B0, 0x3006, 0x33FF, 0xA000):
        assert tables.is_han(chr(cp)) == chars.is_han(chr(cp)), hex(cp)


def test_the_check_does_not_import_the_composers_tables():
    import ast
    import pathlib
    pkg = pathlib.Path(tables.__file__).parent
    for f in pkg.glob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("layout.compose"), f.name
