"""compose.prepare.prepared: a paragraph is prepared once for all its settings at any measure
(the natural setting, the copyfitter's one line longer and shorter, the page composer's widths),
and the shared table is never changed by a setting."""
import sys

from layout.compose import Run, Settings, compose_paragraph
from layout.compose.looseness import set_in
from layout.compose.prepare import prepared
from tests.kit.fontkit import EM, metrics  # noqa: F401  (the shared fixture)

PREP = sys.modules["layout.compose.prepare"]     # the package's name `prepare` is the function
TEXT = ("1月5日，省科协召开部门（单位）年度总结报告会，对2022年工作进行总结，HTTP/2 and "
        "Kubernetes information，www.example.org/fundraising，U+FF0C。" * 3)


def _snapshot(G):
    return {name: list(getattr(G, name)) for name in PREP._LISTS + ("S", "K")}


def test_one_prepare_for_every_measure_and_variant(metrics, monkeypatch):
    calls = []
    real = PREP.prepare
    monkeypatch.setattr(PREP, "prepare", lambda *a, **k: calls.append(1) or real(*a, **k))
    prepared.cache_clear()
    runs = (Run("本报讯", "hei", EM, space_after=1.0), Run(TEXT, "song", EM))
    for em in (9, 13, 20):
        lines = compose_paragraph(runs, em * EM, metrics)
        set_in(runs, em * EM, metrics, Settings(), len(lines) + 1)
        set_in(runs, em * EM, metrics, Settings(), len(lines) - 1)
    assert len(calls) == 1
    # settings that change the table are prepared apart: another punctuation style, no
    # hyphenation dictionary
    compose_paragraph(runs, 13 * EM, metrics, Settings(punct="kaiming"))
    compose_paragraph(runs, 13 * EM, metrics, Settings(hyphenate=""))
    assert len(calls) == 3


def test_settings_leave_the_shared_table_as_prepared(metrics):
    prepared.cache_clear()
    runs = (Run(TEXT, "song", EM),)
    G = prepared(runs, metrics, Settings())
    before = _snapshot(G)
    fresh = []
    for em in (5, 9, 13, 20, 30):
        prepared.cache_clear()
        lines = compose_paragraph(runs, em * EM, metrics)
        fresh.append((lines, set_in(runs, em * EM, metrics, Settings(), len(lines) + 1)))
    prepared.cache_clear()
    G = prepared(runs, metrics, Settings())
    for k, em in enumerate((5, 9, 13, 20, 30)):
        # the same lines from one shared table as from a table prepared for each setting
        lines = compose_paragraph(runs, em * EM, metrics)
        assert (lines, set_in(runs, em * EM, metrics, Settings(), len(lines) + 1)) == fresh[k]
    assert prepared(runs, metrics, Settings()) is G
    assert _snapshot(G) == before


def test_unhashable_metrics_are_prepared_each_time(metrics):
    class Unhashable:
        __hash__ = None

        def advance(self, face, ch):
            return metrics.advance(face, ch)

    m = Unhashable()
    runs = (Run(TEXT, "song", EM),)
    assert prepared(runs, m, Settings()) is not prepared(runs, m, Settings())
    assert compose_paragraph(runs, 13 * EM, m) == compose_paragraph(runs, 13 * EM, metrics)


def test_a_variant_marks_its_lines_over_the_limits(metrics):
    # compose.looseness: a line of the variant is Line.loose exactly when justification opens
    # a gap between two Han characters wider than ¼ em (docs/typesetting-rules.md §3.6)
    seen = set()
    for k in range(14, 60):
        runs = (Run("中" * k, "song", EM),)
        lines = compose_paragraph(runs, 10 * EM, metrics)
        variant = set_in(runs, 10 * EM, metrics, Settings(), len(lines) + 1) or ()
        for ln in variant:
            xs = [g.x for g in ln.glyphs]
            wide = any(b - a > 1.25 * EM + 1e-6 for a, b in zip(xs, xs[1:]))
            assert ln.loose == wide, (k, ln.text)
            seen.add(ln.loose)
    assert seen == {True, False}


def test_the_lines_found_are_kept_for_every_setting_of_the_table(metrics):
    # compose.looseness keeps the lines it found allowed on the shared table (Glyphs.lines,
    # by first glyph and measure): a paragraph set a line longer, shorter, at another measure
    # or with another indent in any order gives the lines it gives on a table of its own
    runs = (Run("本报讯" + "中文排版" * 30 + "。", "song", EM),)
    asks = [(em * EM, indent, d) for em in (9, 10, 13) for indent in (0.0, 2.0) for d in (1, -1, 2)]
    fresh = []
    for measure, indent, d in asks:
        prepared.cache_clear()
        n = len(compose_paragraph(runs, measure, metrics, Settings(indent=indent)))
        fresh.append(set_in(runs, measure, metrics, Settings(indent=indent), n + d))
    assert any(fresh) and not all(fresh)            # both outcomes are asked (a line
                                                    # shorter is not found here)
    prepared.cache_clear()
    for k in (list(range(len(asks))), list(reversed(range(len(asks))))):
        for i in k:
            measure, indent, d = asks[i]
            n = len(compose_paragraph(runs, measure, metrics, Settings(indent=indent)))
            assert set_in(runs, measure, metrics, Settings(indent=indent), n + d) == fresh[i]
    assert len(prepared(runs, metrics, Settings()).lines) > 1      # the memo was used



def test_the_lines_kept_start_afresh_past_their_limit(metrics, monkeypatch):
    # a table whose memo of lines holds more than LINES_KEPT starts afresh at the next
    # setting (a resident process sets a paragraph at every width it is shown at): it then
    # holds what that setting alone keeps, and the lines are the same
    from layout.compose import looseness
    runs = (Run("本报讯" + "中文排版" * 30 + "。", "song", EM),)

    def setting(w):
        return set_in(runs, w, metrics, Settings(), len(compose_paragraph(runs, w, metrics)) + 1)

    def kept():
        return set(prepared(runs, metrics, Settings()).lines)

    prepared.cache_clear()
    alone = setting(9 * EM), kept()
    for w in (10 * EM, 13 * EM):
        setting(w)
    assert kept() > alone[1]                          # the other widths' lines kept too
    monkeypatch.setattr(looseness, "LINES_KEPT", len(kept()) - 1)
    assert (setting(9 * EM), kept()) == alone
