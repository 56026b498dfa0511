"""PyYAML, imported with its reader's one slow regular expression compiled in a fast form.

yaml.reader compiles, as it is imported, the characters YAML forbids as the complement of
those it allows (YAML 1.1 §4.1.1): `[^\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD
\\U00010000-\\U0010ffff]`. Python's re compiles that complement into a set over all 1.1
million code points: ~9 ms of every start of `layout` (the whole of `import yaml` is ~18).
The same characters written as the set they are (FORBIDDEN) compile in well under a
millisecond and match exactly the same code points (tests/issue/test_pyyaml.py compares the
two on every code point). The build parses with libyaml, which never uses the expression;
the Python parser, which reports a file libyaml rejects, does.

    from layout.issue.pyyaml import yaml
"""
from __future__ import annotations

import re
import sys

ALLOWED_COMPLEMENT = ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                      "\U00010000-\U0010ffff]")            # yaml.reader.Reader.NON_PRINTABLE
FORBIDDEN = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"


def _import():
    """`import yaml`, with re.compile handing FORBIDDEN for ALLOWED_COMPLEMENT meanwhile
    (a PyYAML that compiles another expression is imported as it is)."""
    if "yaml" in sys.modules:
        return sys.modules["yaml"]
    real = re.compile

    def compile(pattern, flags=0):
        return real(FORBIDDEN if pattern == ALLOWED_COMPLEMENT else pattern, flags)
    re.compile = compile
    try:
        import yaml
    finally:
        re.compile = real
    return yaml


yaml = _import()
