"""page.finish, replacement text: every line reads as its copy — the glyphs outside the runs as
themselves, each run as its text — and outside the runs every join is one a text extractor
reads right (the next glyph within 0.05 em of the previous one's advance, same size, nothing of
the copy between, no added hyphen, no no-break space)."""
from __future__ import annotations

import pytest

from layout.build import build_issue
from layout.compose import Line, PlacedGlyph
from layout.fonts.fontset import FontSet
from layout.page.finish import JOIN_SLACK_EM, actual_text
from layout.page.items import TextLine
from tests.kit.paths import ROOT, TEXTS

ISSUES = [ROOT / "issues" / "sample-difang-kexie.yaml", ROOT / "issues" / "sample-tabloid.yaml",
          *sorted(TEXTS.glob("*.yaml"))]


@pytest.fixture(scope="module")
def fonts():
    return FontSet()


def reading(line: Line, runs) -> str:
    """What an extractor that honours the replacement text reads from the line."""
    out, i, k = [], 0, 0
    while i < len(line.glyphs):
        if k < len(runs) and runs[k].first == i:
            out.append(runs[k].text)
            i = runs[k].end
            k += 1
            continue
        g = line.glyphs[i]
        out.append("" if g.added else g.ch)
        i += 1
    return "".join(out)


@pytest.mark.parametrize("path", ISSUES, ids=[p.stem for p in ISSUES])
def test_every_line_reads_as_its_copy(path, fonts):
    r = build_issue(str(path), None, warm=None)
    lines = [it for p in r.pages for it in p.items if isinstance(it, TextLine)]
    assert lines
    runs_seen = 0
    for it in lines:
        runs = it.actual
        assert list(runs) == sorted(runs) and all(a.end <= b.first for a, b in zip(runs, runs[1:]))
        assert reading(it.line, runs) == it.line.text, it.line.text
        inside = {j for a in runs for j in range(a.first + 1, a.end)}   # joins inside a run
        gs = it.line.glyphs
        for j in range(1, len(gs)):
            if j in inside:
                continue
            p, g = gs[j - 1], gs[j]
            gap = g.x - p.x - fonts.advance(p.face, p.ch) * p.size
            assert abs(gap) <= JOIN_SLACK_EM * p.size + 1e-9, (it.line.text, j, gap)
            assert not g.added and p.size == g.size and "\xa0" not in (p.ch, g.ch)
        runs_seen += len(runs)
    assert runs_seen > 20


def _set(fonts, parts, size=9.0):
    """A line from (text, face, gap before in em) parts, glyphs one advance apart."""
    glyphs, x = [], 0.0
    for text, face, gap in parts:
        x += gap * size
        for ch in text:
            added = ch == "-" and face == "added"
            glyphs.append(PlacedGlyph(ch, x, "latin" if added else face, size, added))
            x += fonts.advance("latin" if added else face, ch) * size
    return glyphs


def test_a_clean_chinese_line_has_no_runs(fonts):
    gs = _set(fonts, [("省科协召开部门年度总结", "song", 0)])
    assert actual_text(Line(tuple(gs), 0, False, "省科协召开部门年度总结"), fonts) == ()


def test_han_latin_gap_joins_its_two_glyphs(fonts):
    gs = _set(fonts, [("对", "song", 0), ("2023", "latin", 0.25), ("年工作", "song", 0.25)])
    runs = actual_text(Line(tuple(gs), 0, False, "对2023年工作"), fonts)
    assert [(a.first, a.end, a.text) for a in runs] == [(0, 2, "对2"), (4, 6, "3年")]


def test_added_hyphen_reads_as_nothing(fonts):
    gs = _set(fonts, [("使用Kuber", "song", 0), ("-", "added", 0)])
    runs = actual_text(Line(tuple(gs), 0, False, "使用Kuber"), fonts)
    assert [(a.first, a.end, a.text) for a in runs] == [(len(gs) - 2, len(gs), "r")]


def test_word_space_is_in_the_run(fonts):
    gs = _set(fonts, [("the", "latin", 0), ("word", "latin", 0.3)])
    runs = actual_text(Line(tuple(gs), 0, False, "the word"), fonts)
    assert [(a.first, a.end, a.text) for a in runs] == [(2, 4, "e w")]


def test_compressed_punctuation_is_joined(fonts):
    gs = _set(fonts, [("意识”", "song", 0), ("，坚定", "song", -0.5)])
    runs = actual_text(Line(tuple(gs), 0, False, "意识”，坚定"), fonts)
    assert [(a.first, a.end, a.text) for a in runs] == [(2, 4, "”，")]


def test_no_break_space_reads_as_itself_with_a_neighbour(fonts):
    gs = _set(fonts, [("50", "latin", 0), ("\xa0", "latin", 0), ("km", "latin", 0)])
    runs = actual_text(Line(tuple(gs), 0, False, "50\xa0km"), fonts)
    assert [(a.first, a.end, a.text) for a in runs] == [(1, 4, "0\xa0k")]
