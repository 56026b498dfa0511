"""The composer judged by the shared, independent audit (../shared/tools/pdfaudit.py, which reads
only the PDF): the sample page and the three real texts of tests/texts/ — news with numbers and
English names, a text dense with quotes and 《》, a list-like text — built to PDF must show
0 forbidden line starts, 0 forbidden line ends, 0 split ——/……, 0 ragged non-final lines,
0 孤字 and 0 overlapping glyphs (issue 4). Skipped when the shared tool is not there."""
from __future__ import annotations

import importlib.util

import pytest

from layout.build import build_issue
from tests.kit.paths import SHARED
from tests.kit.paths import TEXTS as TEXTS_DIR

AUDIT = SHARED / "tools" / "pdfaudit.py"
TEXTS = sorted(TEXTS_DIR.glob("*.yaml"))
ZERO = ("start_viol", "end_viol", "split_units", "ragged", "orphans", "overlaps")


@pytest.fixture(scope="module")
def audit():
    if not AUDIT.exists():
        pytest.skip(f"the shared audit tool is not at {AUDIT}")
    pytest.importorskip("pdfplumber")
    spec = importlib.util.spec_from_file_location("pdfaudit", AUDIT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.audit


def _check(result: dict) -> None:
    assert result["lines"] > 50, result                 # the audit did find the body text
    bad = {k: result[k] for k in ZERO if result[k]}
    assert not bad, (bad, result.get("start_viol_examples"))


def test_audit_sample_page(audit, sample_build):
    _check(audit(str(sample_build.pdf), None))


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_audit_real_texts(audit, path, tmp_path):
    out = tmp_path / f"{path.stem}.pdf"
    r = build_issue(str(path), out)
    assert all(f.overset_lines == 0 for p in r.pages for f in p.fits)
    _check(audit(str(out), None))


def test_real_texts_are_the_three_kinds():
    assert [p.stem for p in TEXTS] == ["kubernetes-list", "nahan-zixu", "news-wikipedia"]
    for p in TEXTS:
        head = p.read_text(encoding="utf-8").split("\npaper:")[0]
        assert "http" in head and ("CC BY" in head or "public domain" in head), p.name
