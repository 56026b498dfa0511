"""The preflight check finds each planted defect, at the right place: a small issue is built
normally, one defect is planted in its PDF (checkkit), and the report must name the page, the
story, the text around the defect and its coordinates. Where the shared audit tool measures the
same thing, it must count the same number (../shared/tools/pdfaudit.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from layout.compose.chars import is_han
from layout.preflight import check_pdf
from tests.kit.checkkit import body_lines, build_small, overlay, resealed, rewrite, with_glyphs
from tests.kit.paths import SHARED

AUDIT = SHARED / "tools" / "pdfaudit.py"
EM = 9.0


def audit(pdf: Path) -> dict | None:
    """The shared audit tool's figures for `pdf`, or None when the tool is not beside us."""
    if not AUDIT.exists():
        return None
    spec = importlib.util.spec_from_file_location("pdfaudit", AUDIT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.audit(str(pdf), None)


@pytest.fixture
def small(tmp_path):
    return build_small(tmp_path)


def kinds(report) -> set[str]:
    return {f.kind for f in report.failures}


def han_pair(item) -> int:
    """Index j of a glyph in the middle of the line with Han characters at j-1 and j."""
    gs = item.line.glyphs
    for j in range(len(gs) // 2, len(gs)):
        if is_han(gs[j - 1].ch) and is_han(gs[j].ch):
            return j
    raise AssertionError(f"no Han pair in {item.line.text}")


def test_the_small_issue_is_clean(small):
    r = check_pdf(str(small.pdf), str(small.issue))
    assert r.ok, r.summary()
    assert [p.page for p in r.pages] == [2] and r.pages[0].glyphs > 300


def test_dropped_character(small):
    items = list(small.page.items)
    k = body_lines(small, "one")[1]
    item = items[k]
    j = han_pair(item)
    gone = item.line.glyphs[j]
    items[k] = with_glyphs(item, item.line.glyphs[:j] + item.line.glyphs[j + 1:])
    r = check_pdf(str(rewrite(small, items, "dropped.pdf")), str(small.issue))
    assert kinds(r) == {"text-missing"}, r.summary()
    (f,) = r.failures
    assert (f.page, f.story) == (2, "one")
    assert gone.ch in f.message and f"⟦{gone.ch}⟧" in f.text
    assert item.line.text[j - 3:j] + f"⟦{gone.ch}⟧" in f.text      # the text before it
    before = item.line.glyphs[j - 1]                                # located at its neighbour
    assert f.bbox[0] == pytest.approx(item.x + before.x, abs=0.01)
    assert f.bbox[3] == pytest.approx(item.baseline + 0.12 * EM, abs=0.01)


def _line_ending_with_comma(small):
    items = small.page.items
    for owner in ("one", "two"):
        lines = body_lines(small, owner)
        for a, b in zip(lines, lines[1:]):
            if items[a].line.text[-1:] in "，、；：。”）" and not items[a].line.is_last:
                return owner, a, b
    raise AssertionError("no body line of the small issue ends with a mark")


def test_forbidden_line_start(small):
    """The composer's 避头尾 undone: the mark (，、；：。”）) that ended a line moved to the
    start of the next."""
    owner, a, b = _line_ending_with_comma(small)
    items = list(small.page.items)
    comma = items[a].line.glyphs[-1]
    items[a] = with_glyphs(items[a], items[a].line.glyphs[:-1])
    nxt = items[b]
    moved = [comma._replace(x=0.0)]
    moved += [g._replace(x=g.x + EM) for g in nxt.line.glyphs]
    items[b] = with_glyphs(nxt, moved)
    pdf = rewrite(small, items, "line-start.pdf")
    r = check_pdf(str(pdf), str(small.issue))
    starts = [f for f in r.failures if f.kind == "line-start"]
    assert len(starts) == 1, r.summary()
    f = starts[0]
    assert (f.page, f.story) == (2, owner)
    assert f.text.startswith(items[a].line.text[-6:] + f" / ⟦{comma.ch}⟧" + nxt.line.text[:3])
    assert f.bbox[1] == pytest.approx(nxt.baseline - 0.88 * EM, abs=0.01)
    assert f.bbox[0] == pytest.approx(nxt.x, abs=0.01)       # the comma's ink, at the column
    # the text is intact, in order: only the rules and the measure are broken
    assert not {k for k in kinds(r) if k.startswith("text")}, r.summary()
    assert kinds(r) <= {"line-start", "not-flush", "outside-block"}
    if (au := audit(pdf)) is not None:
        assert au["start_viol"] == 1 == len(starts)


def test_overlapping_glyph(small):
    items = list(small.page.items)
    k = body_lines(small, "two")[2]
    item = items[k]
    j = han_pair(item)
    gs = list(item.line.glyphs)
    gs[j] = gs[j]._replace(x=gs[j].x - EM / 2)     # half onto its neighbour
    items[k] = with_glyphs(item, gs)
    pdf = rewrite(small, items, "overlap.pdf")
    r = check_pdf(str(pdf), str(small.issue))
    assert kinds(r) == {"overlap"}, r.summary()
    (f,) = r.failures
    assert (f.page, f.story) == (2, "two")
    assert f.text == f"⟦{gs[j - 1].ch}⟧⟦{gs[j].ch}⟧"
    assert f.bbox[0] == pytest.approx(item.x + gs[j].x, abs=0.01)
    assert f.bbox[2] == pytest.approx(item.x + gs[j - 1].x + EM, abs=0.01)
    if (au := audit(pdf)) is not None:
        assert au["overlaps"] == 1


def test_glyph_off_the_grid(small):
    """One glyph of a body line drawn 4 pt below its baseline (its own text object)."""
    items = list(small.page.items)
    k = body_lines(small, "one")[3]
    item = items[k]
    j = han_pair(item)
    gs = item.line.glyphs
    low = with_glyphs(item, gs[j:j + 1])._replace(baseline=item.baseline + 4)
    items[k:k + 1] = [with_glyphs(item, gs[:j]), low, with_glyphs(item, gs[j + 1:])]
    pdf = rewrite(small, items, "off-grid.pdf")
    r = check_pdf(str(pdf), str(small.issue))
    assert kinds(r) == {"off-grid"}, r.summary()
    (f,) = r.failures
    assert (f.page, f.story) == (2, "one")
    assert "4.00 pt below" in f.message and f"⟦{gs[j].ch}⟧" in f.text
    assert f.bbox[3] == pytest.approx(item.baseline + 4 + 0.12 * EM, abs=0.01)
    if (au := audit(pdf)) is not None:
        assert au["off_grid"] == 1


def test_orphan_last_line(small):
    """孤字: a paragraph's last line (持会议。) cut to its last Han character and the
    punctuation after it (议。), the glyphs before dropped."""
    items = list(small.page.items)
    k = next(k for k in body_lines(small, "one")
             if items[k].line.is_last and sum(map(is_han, items[k].line.text)) >= 2)
    item = items[k]
    gs = item.line.glyphs
    j = max(i for i, g in enumerate(gs) if is_han(g.ch))
    shift = gs[j].x - gs[0].x
    items[k] = with_glyphs(item, [g._replace(x=g.x - shift) for g in gs[j:]])
    r = check_pdf(str(rewrite(small, items, "orphan.pdf")), str(small.issue))
    assert kinds(r) == {"orphan", "text-missing"}, r.summary()
    (f,) = [f for f in r.failures if f.kind == "orphan"]
    assert (f.page, f.story) == (2, "one")
    assert f.text.endswith(" / " + "".join(g.ch for g in gs[j:]))
    assert f.bbox[0] == pytest.approx(item.x, abs=0.01)


def test_text_outside_its_block_and_the_type_area(small):
    """A line of story one drawn 2 pt left of the type area; another drawn over story two's
    block, in an empty row: both still count for story one, and both are located."""
    fmt = small.page.format
    items = list(small.page.items)
    a, b = body_lines(small, "one")[1:3]
    items[a] = items[a]._replace(x=fmt.margin_left - 2)
    items[b] = items[b]._replace(x=fmt.col_x(4), baseline=fmt.row_y(22) + 11)
    r = check_pdf(str(rewrite(small, items, "outside.pdf")), str(small.issue))
    assert not {k for k in kinds(r) if k.startswith("text")}, r.summary()
    (out,) = [f for f in r.failures if f.kind == "outside-type-area"]
    assert (out.page, out.story) == (2, "one") and out.bbox[0] < fmt.margin_left
    (moved,) = [f for f in r.failures if f.kind == "outside-block"]
    assert moved.story == "one" and moved.bbox[0] == pytest.approx(fmt.col_x(4), abs=0.01)
    assert moved.text == f"⟦{items[b].line.text}⟧"


def _empty_spot(small) -> tuple[float, float]:
    """(x, baseline) in story two's block, on a row below its text: page coordinates."""
    fmt = small.page.format
    return fmt.col_x(5) + 20, fmt.row_y(22) + 11


def test_unembedded_font(small):
    x, y = _empty_spot(small)

    def draw(c, h):
        c.setFont("Helvetica", 9)       # one of the 14 standard fonts: never embedded
        c.drawString(x, h - y, "Extra")
    r = check_pdf(str(overlay(small, "helvetica.pdf", draw)), str(small.issue))
    (f,) = [f for f in r.failures if f.kind == "font-not-embedded"]
    assert (f.page, f.story) == (2, "two")
    assert "Helvetica" in f.message and "Extra" in f.text
    assert f.bbox[0] == pytest.approx(x, abs=0.01)
    assert f.bbox[3] == pytest.approx(y + 0.12 * 9, abs=0.01)
    assert kinds(r) == {"font-not-embedded", "font-not-allowed", "text-extra"}


def test_notdef_glyph(small):
    from reportlab.pdfbase import pdfmetrics, ttfonts

    from layout.fonts.fontset import FONT_DIR
    pdfmetrics.registerFont(ttfonts.TTFont("PlantSong", str(FONT_DIR / "song-regular.ttf")))
    x, y = _empty_spot(small)

    def draw(c, h):
        c.setFont("PlantSong", 9)
        c.drawString(x, h - y, "中\ue000")      # U+E000 is not in the font: .notdef
    r = check_pdf(str(overlay(small, "notdef.pdf", draw)), str(small.issue))
    (f,) = [f for f in r.failures if f.kind == "notdef"]
    assert (f.page, f.story) == (2, "two")
    assert "中⟦" in f.text and f.bbox[0] == pytest.approx(x + 9, abs=0.01)


def test_page_size(small):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject
    w = PdfWriter(clone_from=PdfReader(str(small.pdf)))
    fmt = small.page.format
    page = w.pages[0]
    for box in ("mediabox", "bleedbox", "trimbox"):      # the page 20 pt too tall, at the foot
        setattr(page, box, RectangleObject([0, -20, fmt.trim_w, fmt.trim_h]))
    out = small.pdf.parent / "size.pdf"
    with open(out, "wb") as fh:
        w.write(fh)
    r = check_pdf(str(resealed(out)), str(small.issue))
    assert kinds(r) == {"page-size"}, r.summary()
    (size,) = r.failures
    assert size.page == 2 and "TrimBox" in size.message
    assert "390.0 × 547.1 mm" in size.message


# the audit's figure -> the kinds of this check that count the same defect
AUDIT_KINDS = {"start_viol": {"line-start"}, "end_viol": {"line-end"},
               "split_units": {"split-unit"}, "orphans": {"orphan"},
               "ragged": {"not-flush", "line-end-uncompressed"}, "off_grid": {"off-grid"},
               "overlaps": {"overlap"}}


def test_agrees_with_the_audit_on_the_sample(sample_build):
    """The sample page, measured by both: every defect the audit counts, the check counts
    too (both find none); fonts embedded; no Han character of the seed missing."""
    au = audit(sample_build.pdf)
    if au is None:
        pytest.skip("../shared/tools/pdfaudit.py is not beside this checkout")
    from tests.kit.paths import SAMPLE
    r = check_pdf(str(sample_build.pdf), str(SAMPLE))
    counts = r.counts()
    for figure, ks in AUDIT_KINDS.items():
        assert au[figure] == sum(counts.get(k, 0) for k in ks), (figure, r.summary())
    assert au["fonts_embedded"] == au["fonts"] and "font-not-embedded" not in counts
    assert au["halfwidth_punct"] == 0 and r.ok, r.summary()


def test_a_changed_file_fails_on_its_seal_alone(small):
    """The same planted page size without the test's resealing: the file is not what layout
    wrote, and that is the one finding (nothing else is read from such a file)."""
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(str(small.pdf)))
    out = small.pdf.parent / "changed.pdf"
    with open(out, "wb") as fh:
        w.write(fh)
    r = check_pdf(str(out), str(small.issue))
    assert kinds(r) == {"file-changed"} and len(r.failures) == 1, r.summary()
    assert r.failures[0].page is None and "not byte for byte" in r.failures[0].message
