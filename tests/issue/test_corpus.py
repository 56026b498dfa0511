"""Every input ends in a build or in positioned diagnostics with hints (issue 19): the fast part
of the malformed-input corpus (tests/kit/corpus.py) and a mutation fuzzer over the samples.
The whole corpus, built and checked case by case with its time and memory, is
benchmarks/fuzz_inputs.py."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.errors import InputError
from layout.issue.limits import Limits
from layout.issue.loader import load_issue
from layout.issue.normalize import normalize_issue
from tests.kit import corpus

KEY_PLAN = corpus.key_plan()


def _load(case: corpus.Case, folder) -> str:
    """'loaded' or 'refused'; fails on any other exception or on a diagnostic without a
    position or a hint."""
    corpus.write_case(case, folder)
    try:
        normalize_issue(load_issue(str(folder / "issue.yaml")))
        return "loaded"
    except InputError as e:
        bad = [d for d in e.diagnostics if not (d.line and d.column and d.hint)]
        assert not bad, f"{case.name}: {bad[0]}"
        assert all("\n" not in d.format().split("\n    hint: ")[0] for d in e.diagnostics)
        return "refused"


@pytest.mark.parametrize("k", range(0, len(KEY_PLAN), 31))
def test_every_key_with_wrong_values_loads_or_is_refused_with_positions(k, tmp_path):
    """Each key of the format (one in 31 of the cases here, all of them in the script)."""
    _load(corpus.key_case(*KEY_PLAN[k]), tmp_path)


@pytest.mark.parametrize("case", list(corpus.yaml_cases()) + list(corpus.encoding_cases()),
                         ids=lambda c: c.name)
def test_yaml_features_and_encodings(case, tmp_path):
    _load(case, tmp_path)


def test_inputs_past_a_limit_are_refused_before_the_work(tmp_path):
    """Refused at load (the 50 MB body is measured, not composed; 1,200 pages and 3,000
    stories counted before any is checked); time and memory of each are measured by
    benchmarks/fuzz_inputs.py."""
    for case in corpus.limit_cases():
        if "60MB" not in case.name:
            assert _load(case, tmp_path / case.name.replace(":", "-")) == "refused", case.name


def test_the_alias_bomb_stops_while_it_is_composed(tmp_path):
    """The issue's 7 KB of aliases for 1,000 pages of 1,000 stories: one diagnostic, at the
    alias where the count passed the limit."""
    (case,) = [c for c in corpus.yaml_cases() if c.name == "yaml:page-bomb"]
    corpus.write_case(case, tmp_path)
    with pytest.raises(InputError) as e:
        load_issue(str(tmp_path / "issue.yaml"))
    (d,) = e.value.diagnostics
    assert "more than 200,000 values" in d.message and d.line > 1 and "LAYOUT_LIMITS" in d.hint


def test_deep_nesting_is_a_diagnostic_not_a_crash(tmp_path):
    """50,000 unclosed brackets crashed PyYAML's C composer (a segmentation fault)."""
    src = tmp_path / "deep.yaml"
    src.write_text("paper: " + "[" * 50_000 + "x: : ]", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_issue(str(src))
    assert "nesting deeper than 64 levels" in e.value.diagnostics[0].message


def test_limits_can_be_raised_for_one_run(tmp_path):
    assert Limits.from_env("story_chars=200000, pages=9").story_chars == 200_000
    assert Limits.from_env("nonsense=1,pages=-3") == Limits()


def test_many_problems_print_the_first_and_count_the_rest():
    from layout.errors import Diagnostic
    e = InputError([Diagnostic("f.yaml", i + 1, 1, "bad", "fix it") for i in range(500)], 50)
    text = e.report()
    assert text.count(": error: ") == 50 and "… and 450 more problems not shown" in text
    assert text.endswith("500 problems found; nothing was written")


@pytest.mark.parametrize("seed", range(3))
def test_whole_builds_of_corpus_cases(seed, tmp_path):
    """A few cases all the way through `layout build` and its check: built, refused with
    positions, or overset; never an internal error, a wrong output or a changed input."""
    rng = random.Random(seed)
    case = corpus.key_case(*KEY_PLAN[rng.randrange(len(KEY_PLAN))])
    out = corpus.run_case(case, tmp_path)
    assert out.kind in ("built", "refused", "overset", "flagged"), (case.name, out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 6))
def test_mutated_samples_load_or_are_refused_with_positions(seed, edits, tmp_path):
    """The mutation fuzzer: random edits of the kinds a hurried edit or a damaged save makes
    (lines dropped, doubled, swapped, re-indented; YAML tokens inserted; numbers changed)."""
    rng = random.Random(seed)
    text = (corpus.SAMPLE if seed % 2 else corpus.TABLOID).read_text(encoding="utf-8")
    case = corpus.Case("mutant", {"issue.yaml": corpus.mutate(text, rng, edits).encode(
        "utf-8", "surrogatepass")})
    _load(case, tmp_path)


REPRODUCERS = ["key:pages.0.format.columns:word", "key:pages.0.format.trim:null",
               "key:pages.0.name:empty-str", "key:pages.0.stories.0.place.rows:missing",
               "key:fonts.song:trunc.otf", "key:fonts.song:glyfnoise.ttf",
               "key:fonts.kai:noise.otf", "key:pages.0.pictures.0.file:bomb.png",
               "key:print.profile:noise.icc", "key:print.profile:trunc.icc"]


@pytest.mark.parametrize("name", REPRODUCERS)
def test_the_probes_internal_errors_are_positioned_errors_or_builds(name, tmp_path):
    """The probe's internal errors (a place without rows, a bad figure in a format mapping,
    an empty page name, a picture over the pixel limit, a truncated CFF font, a corrupt glyf
    table, damaged ICC profiles), each through `layout build` with its check."""
    (item,) = [p for p in KEY_PLAN if p[0] == name]
    out = corpus.run_case(corpus.key_case(*item), tmp_path)
    assert out.kind in ("built", "refused"), (name, out)


# the full run of benchmarks/fuzz_inputs.py (2026-12-02, 6,355 cases): 3 internal errors and 6
# wrong outputs of layout's own making, each now a build that checks clean
FUZZ_FOUND = ["key:pages.0.name:word", "key:pages.0.name:zwsp", "key:pages.0.format.body:int",
              "key:pages.0.groups.0.banner:zwsp", "key:pages.0.footer.title:empty-str",
              "key:pages.0.footer.title:huge-int"]


@pytest.mark.parametrize("name", FUZZ_FOUND)
def test_what_the_fuzzer_found_builds_and_checks_clean(name, tmp_path):
    (item,) = [p for p in KEY_PLAN if p[0] == name]
    out = corpus.run_case(corpus.key_case(*item), tmp_path)
    assert out.kind == "built", (name, out)


def test_a_photo_under_100_ppi_is_flagged_by_the_check_not_called_wrong(tmp_path):
    (item,) = [p for p in KEY_PLAN if p[0] == "key:pages.0.pictures.0.file:good.png"]
    out = corpus.run_case(corpus.key_case(*item), tmp_path)
    assert (out.kind, out.code, out.detail) == ("flagged", 4, "low-ppi")
