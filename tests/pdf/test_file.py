"""pdf.file: the file assembled from the document's objects has the bytes ReportLab's own
PDFDocument.format writes — on the samples (pictures, artwork, two pages, printer's marks,
PDF/X-1a), cold and in a warm process whose kept objects are written as stored bytes."""
from __future__ import annotations

import pytest

from layout.build import BuildOptions, Warm, build_issue
from layout.page.cache import BlockCache
from layout.pdf import file as pdf_file
from tests.kit.paths import ROOT, SAMPLE

CASES = [(SAMPLE, None), (ROOT / "issues" / "sample-tabloid.yaml", {"marks": True}),
         (ROOT / "issues" / "sample-elements.yaml", {"pdfx": "x1a"})]


def _reportlabs(monkeypatch):
    """Builds from here on write their file with ReportLab's own format."""
    monkeypatch.setattr("layout.pdf.writer.assembled", lambda d, last=None: None)


@pytest.mark.parametrize("path,options", CASES, ids=[c[0].stem for c in CASES])
def test_the_assembled_file_is_reportlabs(tmp_path, monkeypatch, path, options):
    opts = BuildOptions(allow_overset=True, print=options)
    build_issue(str(path), tmp_path / "ours.pdf", opts)
    warm = Warm(None, BlockCache(), resident=True)
    for _ in range(2):                  # the second build writes kept objects as bytes
        warm.cache.new_build()
        build_issue(str(path), tmp_path / "warm.pdf", opts, warm=warm)
    _reportlabs(monkeypatch)
    build_issue(str(path), tmp_path / "rl.pdf", opts)
    rl = (tmp_path / "rl.pdf").read_bytes()
    assert (tmp_path / "ours.pdf").read_bytes() == rl
    assert (tmp_path / "warm.pdf").read_bytes() == rl


def test_an_encrypted_document_is_refused():
    from types import SimpleNamespace
    d = SimpleNamespace(encrypt=SimpleNamespace(info=lambda: {"Filter": "/Standard"}))
    with pytest.raises(ValueError, match="encrypted"):
        pdf_file.document_bytes(d)
