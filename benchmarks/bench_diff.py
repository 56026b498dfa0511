"""Time of the preflight's text diff (preflight.fidelity.opcodes) on long and repetitive
blocks, and difflib's on the small ones for comparison (difflib.SequenceMatcher grew with the
cube of a run of repeated characters: 3.3 s at 1,000, over 90 s at 3,000).

    python3 benchmarks/bench_diff.py
"""
from __future__ import annotations

import difflib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.preflight.fidelity import opcodes  # noqa: E402


def _time(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main() -> None:
    rng = random.Random(19)
    print(f"{'case':<44}{'opcodes':>10}{'difflib':>10}")
    for n in (1000, 3000, 20_000, 100_000):
        a = "好" * n
        b = "好" * (n // 3) + "坏" + "好" * (n // 3) + "了" + "好" * (n - 2 * (n // 3) - 5)
        d = (f"{_time(lambda: difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()):>9.3f}s"
             if n <= 1000 else "   (skip)")
        print(f"{f'{n:,} repeated, 3 changes':<44}{_time(lambda: opcodes(a, b)):>9.3f}s{d}")
    for n in (10_000, 100_000):
        a = "".join(rng.choice("的一是了我不人在他有这个上们来") for _ in range(n))
        b = a[: n // 3] + a[n // 3 + 100: 2 * n // 3] + "插入" + a[2 * n // 3:]
        print(f"{f'{n:,} common characters, a line lost':<44}{_time(lambda: opcodes(a, b)):>9.3f}s")
    a = "".join(rng.choice("的一是了我不人在他有这个上们来") for _ in range(20_000))
    b = "".join(rng.choice("的一是了我不人在他有这个上们来") for _ in range(20_000))
    print(f"{'20,000 vs 20,000 unrelated':<44}{_time(lambda: opcodes(a, b)):>9.3f}s")


if __name__ == "__main__":
    main()
