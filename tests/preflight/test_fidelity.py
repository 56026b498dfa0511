"""check.fidelity: the emergency line-end hyphen is accepted, any other extra hyphen is not."""
from __future__ import annotations

from layout.preflight.fidelity import _line_end_hyphen
from layout.preflight.pdfread import Glyph


def glyphs(spec: list[tuple[str, float, float]]) -> list[Glyph]:
    return [Glyph(i, t, 0, "F", 0, 9.0, x, x + 4.5, base, False)
            for i, (t, x, base) in enumerate(spec)]


def test_hyphen_at_line_end_between_letters_accepted():
    gl = glyphs([("o", 100, 50), ("-", 104.5, 50), ("w", 10, 65)])
    assert _line_end_hyphen(gl, 1)


def test_hyphen_inside_a_line_or_next_to_a_non_letter_refused():
    assert not _line_end_hyphen(glyphs([("o", 100, 50), ("-", 104.5, 50), ("w", 109, 50)]), 1)
    assert not _line_end_hyphen(glyphs([("2", 100, 50), ("-", 104.5, 50), ("w", 10, 65)]), 1)
    assert not _line_end_hyphen(glyphs([("o", 100, 50), ("-", 104.5, 50), ("中", 10, 65)]), 1)
    assert not _line_end_hyphen(glyphs([("o", 100, 50), ("–", 104.5, 50), ("w", 10, 65)]), 1)
