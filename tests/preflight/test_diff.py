"""The text diff of the fidelity check (preflight.fidelity.opcodes): a correct edit script, no
longer than difflib's, one change for one lost run; benchmarks/bench_diff.py times it (difflib
took 3.3 s at 1,000 repeated characters and over 90 s at 3,000)."""
from __future__ import annotations

import difflib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.preflight.fidelity import opcodes

TEXT = st.text(alphabet="好的。ab", max_size=60)


def _apply(a: str, b: str, ops) -> str:
    out, i, j = [], 0, 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        else:
            assert tag == ("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert")
        out.append(b[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(a=TEXT, b=TEXT)
def test_the_script_turns_one_text_into_the_other_no_longer_than_difflib(a, b):
    ops = opcodes(a, b)
    assert _apply(a, b, ops) == b
    edits = sum(i2 - i1 + j2 - j1 for t, i1, i2, j1, j2 in ops if t != "equal")
    common = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False)
                 .get_matching_blocks())
    assert edits <= len(a) + len(b) - 2 * common


def test_a_lost_run_of_common_characters_is_one_change():
    rng = random.Random(19)
    a = "".join(rng.choice("的一是了我不人在他有这个上们来") for _ in range(10_000))
    b = a[:3000] + a[3100:7000] + "插入" + a[7000:]
    assert [op for op in opcodes(a, b) if op[0] != "equal"] == [
        ("delete", 3000, 3100, 3000, 3000), ("insert", 7000, 7000, 6900, 6902)]


def test_repeated_characters_and_texts_with_nothing_in_common():
    a = "好" * 50_000
    b = "好" * 20_000 + "坏" + "好" * 29_990
    ops = [op for op in opcodes(a, b) if op[0] != "equal"]
    assert len(ops) == 2 or (len(ops) == 1 and ops[0][0] == "replace")
    assert opcodes("甲" * 5000, "乙" * 5000) == [("replace", 0, 5000, 0, 5000)]
