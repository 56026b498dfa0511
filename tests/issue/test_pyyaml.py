"""issue.pyyaml: PyYAML imported with its reader's forbidden characters compiled as the set
they are — the same characters, on every code point, and the reader's report of one."""
from __future__ import annotations

import re

import pytest

from layout.issue.pyyaml import ALLOWED_COMPLEMENT, FORBIDDEN, yaml


def test_the_fast_expression_matches_what_yamls_own_matches_on_every_code_point():
    every = "".join(map(chr, range(0x110000)))
    ours = [m.start() for m in re.finditer(FORBIDDEN, every)]
    theirs = [m.start() for m in re.finditer(ALLOWED_COMPLEMENT, every)]
    assert ours == theirs
    assert 2000 < len(ours) < 2200            # C0 and C1 controls, surrogates, U+FFFE/F


def test_yamls_reader_got_the_fast_expression_and_reports_a_control_character():
    assert yaml.reader.Reader.NON_PRINTABLE.pattern in (FORBIDDEN, ALLOWED_COMPLEMENT)
    with pytest.raises(yaml.reader.ReaderError) as e:
        yaml.load("a: b\x07c\n", Loader=yaml.SafeLoader)     # the Python reader
    assert e.value.character == 7 and e.value.position == 4
