"""The preflight cannot be fooled by a damaged file: its structure is verified first (qpdf's
check, zlib's checksums, the %%EOF end, layout's seal) and a damaged file gets one finding and
nothing else; it reads the PDF it was asked to read even while another build writes the same
output. benchmarks/fuzz_inputs.py runs 100 damaged copies of each sample through `layout
check`; here a fast part of them."""
from __future__ import annotations

import random
import re
import subprocess
import sys
import zlib

import pytest

from layout.cli import main
from layout.errors import EXIT_CHECK, EXIT_OK
from layout.preflight import check_pdf
from layout.preflight.structure import check_structure
from layout.press.seal import seal
from tests.kit.checkkit import build_small
from tests.kit.corpus import damage
from tests.kit.paths import ROOT, SAMPLE


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return build_small(tmp_path_factory.mktemp("structure"))


def test_the_written_pdf_is_whole_and_sealed(small, sample_build):
    for pdf in (small.pdf, sample_build.pdf):
        assert check_structure(pdf.read_bytes()) == []


@pytest.mark.parametrize("seed", range(12))
def test_damaged_copies_never_pass(small, sample_build, seed):
    for pdf in (small.pdf, sample_build.pdf):
        how, data = damage(pdf.read_bytes(), random.Random(seed))
        found = check_structure(data)
        assert len(found) == 1 and found[0].kind in ("file-damaged", "file-changed"), how


def _stream_span(data: bytes, kind: bytes) -> tuple[int, int]:
    """Where the compressed data of the first stream whose dictionary has `kind` lies."""
    m = re.search(rb"<<[^>]*" + kind + rb"[^>]*/Length (\d+)[^>]*>>\s*stream\r?\n", data)
    if m is None:      # the key order of the dictionary may put /Length first
        m = re.search(rb"<<[^>]*/Length (\d+)[^>]*" + kind + rb"[^>]*>>\s*stream\r?\n", data)
    return m.end(), m.end() + int(m.group(1))


def test_a_changed_byte_in_a_font_program_is_found(small):
    """qpdf inflates without verifying Adler-32, so `qpdf --check` passes this file; the
    preflight verifies every Flate stream's checksum."""
    data = bytearray(small.pdf.read_bytes())
    a, b = _stream_span(bytes(data), b"/Length1")
    data[(a + b) // 2] ^= 0x10
    data = seal(bytes(data))     # even re-sealed, the stream itself does not decode
    with pytest.raises(zlib.error):
        zlib.decompress(data[a:b])
    (f,) = check_structure(data)
    assert f.kind == "file-damaged" and "compressed data is damaged" in f.message


def test_a_change_qpdf_cannot_see_breaks_the_seal(small):
    """A letter of the document information changed: a valid PDF, not the one layout wrote."""
    data = small.pdf.read_bytes()
    m = re.search(rb"/Producer \((\w)", data)
    assert m is not None
    changed = data[:m.start(1)] + (b"X" if m.group(1) != b"X" else b"Y") + data[m.end(1):]
    (f,) = check_structure(changed)
    assert f.kind == "file-changed"


def test_bytes_after_the_end_marker(small):
    (f,) = check_structure(small.pdf.read_bytes() + b"%%EOF\nleft over from a copy\n")
    assert f.kind == "file-damaged" and "follow its %%EOF" in f.message


def test_a_truncated_file_is_one_finding_and_nothing_else(small, tmp_path):
    cut = tmp_path / "cut.pdf"
    data = small.pdf.read_bytes()
    cut.write_bytes(data[:len(data) * 2 // 3])
    r = check_pdf(str(cut), str(small.issue))
    assert [f.kind for f in r.failures] == ["file-damaged"] and not r.ok
    assert main(["check", str(cut), "--issue", str(small.issue)]) == EXIT_CHECK


def test_an_unsealed_pdf_is_still_checked(small, tmp_path):
    """A PDF without a hex /ID (not written by layout) has no seal to compare: the other
    checks run on it."""
    data = small.pdf.read_bytes()
    plain = re.sub(rb"/ID \[<[0-9A-Fa-f]{32}> ?<[0-9A-Fa-f]{32}>\]",
                   lambda m: b" " * len(m.group()), data)
    assert plain != data and len(plain) == len(data)
    assert check_structure(plain) == []


CONCURRENT = """
import sys
from layout.cli import main
sys.exit(main(["build", sys.argv[1], "-o", sys.argv[2]] + sys.argv[3:]))
"""


def test_two_builds_of_one_output_each_check_their_own_pdf(tmp_path):
    """Two builds of the same output at once, one of them in grayscale: each checks the PDF
    it wrote (before, each read the other's half the time, exit 4); the output is whole."""
    out = tmp_path / "same.pdf"
    runs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(SAMPLE), str(out), *extra],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for extra in ([], ["--gray"])]
    for p in runs:
        stdout, stderr = p.communicate(timeout=600)
        assert p.returncode == EXIT_OK, stdout + stderr
        assert "no problems" in stdout
    assert check_structure(out.read_bytes()) == []
    assert not list(tmp_path.glob("*.tmp"))


def test_a_pdf_re_saved_by_another_program_is_checked_in_full(small, tmp_path):
    """Another program's ID in place of the seal (pikepdf here): not called changed; the
    other checks run on it."""
    import pikepdf
    out = tmp_path / "resaved.pdf"
    with pikepdf.open(small.pdf) as pdf:
        pdf.save(out)
    r = check_pdf(str(out), str(small.issue))
    assert not {f.kind for f in r.failures} & {"file-damaged", "file-changed"}, r.summary()
