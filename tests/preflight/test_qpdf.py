"""layout.qpdf: the check reads PDFs with pikepdf's core alone; pikepdf's Python layer is
not loaded on that path, and a later `import pikepdf` in the same process is the whole
pikepdf. Each in a new process (this one may have imported pikepdf already)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from layout import qpdf
from tests.kit.paths import ROOT, SAMPLE


def _run(script: str, *args: str) -> str:
    p = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


def test_the_core_alone_reads_and_pikepdf_is_whole_when_imported_later(sample_build):
    out = _run("""
import sys
from layout import qpdf
with qpdf.opened(sys.argv[1]) as pdf:
    pages, info = len(pdf.pages), pdf.trailer.Info.LayoutIssue
print('layer loaded:', 'pikepdf.models' in sys.modules or 'pikepdf._methods' in sys.modules)
import pikepdf
from pikepdf import Pdf, Name
assert pikepdf.open is Pdf.open and Name is qpdf.Name and pikepdf._core is qpdf.core()
with pikepdf.open(sys.argv[1]) as doc:
    assert len(doc.pages) == pages and doc.docinfo.LayoutIssue == info
assert pikepdf.DecompressionBombError and pikepdf.__version__
try:
    pikepdf.no_such_name
except AttributeError:
    print('whole')
""", str(sample_build.pdf))
    assert out.splitlines() == ["layer loaded: False", "whole"]


def test_the_checks_path_does_not_load_pikepdfs_python_layer(sample_build):
    out = _run("""
import sys
from layout.preflight import check_pdf
r = check_pdf(sys.argv[1], sys.argv[2])
print(r.ok, [m for m in ('pikepdf._methods', 'pikepdf.models', 'pikepdf.objects')
             if m in sys.modules])
data = open(sys.argv[1], 'rb').read()
cut = data[:len(data) // 2] + data[len(data) // 2 + 1:]       # one byte less
from layout.preflight.structure import check_structure
print([f.kind for f in check_structure(cut)])
""", str(sample_build.pdf), str(SAMPLE))
    assert out.splitlines() == ["True []", "['file-damaged']"]


def test_opened_raises_what_pikepdf_open_raises(tmp_path):
    with pytest.raises(qpdf.PdfError):
        with qpdf.opened(b"%PDF-1.7\n1 0 obj garbage"):
            pass
    with pytest.raises(FileNotFoundError):
        with qpdf.opened(str(tmp_path / "missing.pdf")):
            pass


def test_a_defect_is_found_through_the_core_alone(tmp_path):
    """A PDF with a character dropped mid-line, checked in a new process that reads it with
    pikepdf's core alone: the one text-missing finding, as in this process."""
    from tests.kit.checkkit import body_lines, build_small, rewrite, with_glyphs
    small = build_small(tmp_path)
    items = list(small.page.items)
    k = body_lines(small, "two")[1]
    gs = items[k].line.glyphs
    items[k] = with_glyphs(items[k], gs[:5] + gs[6:])
    bad = rewrite(small, items, "bad.pdf")
    out = _run("""
import sys
from layout.preflight import check_pdf
r = check_pdf(sys.argv[1], sys.argv[2])
print([(f.page, f.story, f.kind) for f in r.failures],
      'pikepdf._methods' in sys.modules or 'pikepdf.models' in sys.modules)
""", str(bad), str(small.issue))
    assert out == "[(2, 'two', 'text-missing')] False"
