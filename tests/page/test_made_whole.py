"""Values made with tuple.__new__ — no defaults filled, no check of their length — have every
field of their class, each where it belongs: compose's Slot (compose_paragraph,
looseness.set_in), justify's Line and PlacedGlyph, page.blocks' FlowLine (_flow_lines) and
TextLine (_place_flow), page.flow.numbered's FlowLine and page.finish._finished's TextLine.
A field added to one of these classes (or moved) must be added where they are made: a value
one field short raises IndexError only when the field is read, or shifts the others."""
from __future__ import annotations

import pytest

from layout.compose import Line, PlacedGlyph, Run, Settings, Slot, compose_paragraph
from layout.compose import justify, looseness
from layout.compose.looseness import set_in
from layout.fonts.fontset import FontSet
from layout.page.blocks import _flow_lines
from layout.page.flow import FlowLine, numbered
from layout.page.items import TextLine
from tests.kit.paths import ROOT, TEXTS


def _whole_line(ln: Line) -> None:
    assert type(ln) is Line and len(ln) == len(Line._fields)
    assert isinstance(ln.glyphs, tuple) and isinstance(ln.width, float)
    assert isinstance(ln.is_last, bool) and isinstance(ln.text, str)
    assert isinstance(ln.loose, bool)
    for g in ln.glyphs:
        assert type(g) is PlacedGlyph and len(g) == len(PlacedGlyph._fields)
        assert isinstance(g.ch, str) and isinstance(g.x, float) and isinstance(g.face, str)
        assert isinstance(g.size, float) and isinstance(g.added, bool)


def test_slots_and_lines_made_whole(monkeypatch):
    slots = []
    real = justify.set_glyphs

    def seen(G, slot, *a):
        slots.append(slot)
        return real(G, slot, *a)
    import layout.compose as compose
    monkeypatch.setattr(compose, "set_glyphs", seen)
    monkeypatch.setattr(looseness, "set_glyphs", seen)
    fonts = FontSet()
    runs = [Run("研究人员使用internationalization一词，" * 6, "song", 9.0)]
    lines = compose_paragraph(runs, 9.0 * 7, fonts)      # a hyphen added, the last line
    han = [Run("中华人民共和国科学技术协会今天在北京召开全国代表大会，" * 4, "song", 9.0)]
    natural = compose_paragraph(han, 9.0 * 13, fonts)
    lines += natural + set_in(han, 9.0 * 13, fonts, Settings(), len(natural) + 1)
    assert any(ln.hyphenated for ln in lines) and len(slots) == len(lines)
    for s in slots:
        assert type(s) is Slot and len(s) == len(Slot._fields)
        assert all(isinstance(v, int) for v in s[:2])
        assert all(isinstance(v, float) for v in s[2:])
    for ln in lines:
        _whole_line(ln)


def _whole_flowline(fl: FlowLine) -> None:
    assert type(fl) is FlowLine and len(fl) == len(FlowLine._fields)
    assert type(fl.line) is Line and isinstance(fl.kind, str)
    assert all(isinstance(v, bool) for v in (fl.keep_with_next, fl.para_first, fl.para_last))
    assert type(fl.para) is int


def test_flow_lines_made_whole():
    fonts = FontSet()
    lines = compose_paragraph([Run("中华人民共和国科学技术协会。" * 8, "song", 9.0)], 9.0 * 13,
                              fonts)
    flown = _flow_lines(lines, "title")
    assert flown[0].keep_with_next and flown[0].para_first and flown[-1].para_last
    for fl in flown + numbered(flown + flown):
        _whole_flowline(fl)
    assert [fl.para for fl in numbered(flown + flown)] == [0] * len(flown) + [1] * len(flown)


@pytest.fixture(scope="module")
def tabloid_items():
    from layout.build import build_issue
    pages = [p for path in (ROOT / "issues" / "sample-tabloid.yaml", TEXTS / "fullwidth-forms.yaml")
             for p in build_issue(str(path), None).pages]
    return [it for p in pages for it in p.items if isinstance(it, TextLine)]


def test_text_lines_made_whole(tabloid_items):
    """Every line of the sample tabloid's pages and of tests/texts/fullwidth-forms.yaml (a
    —— bar), the body lines (page.blocks) and the lines with bars or replacement text
    (page.finish) among them."""
    assert any(it.actual for it in tabloid_items) and any(it.bars for it in tabloid_items)
    assert sum(it.kind == "body" for it in tabloid_items) > 100
    for it in tabloid_items:
        assert type(it) is TextLine and len(it) == len(TextLine._fields)
        assert isinstance(it.x, float) and isinstance(it.baseline, float)
        assert isinstance(it.kind, str) and isinstance(it.owner, str)
        assert isinstance(it.gray, float) and isinstance(it.bars, tuple)
        assert type(it.para) is int and isinstance(it.actual, tuple)
        assert isinstance(it.overprint, bool)
        _whole_line(it.line)
