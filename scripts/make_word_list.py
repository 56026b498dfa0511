"""Write layout/page/data/jieba-words-60k.txt: the 60,000 most frequent words of the jieba
dictionary installed by pip (jieba 0.42.1, MIT), in the dictionary's own order.

    python scripts/make_word_list.py

The build segments headlines with it (layout.page.words): the full dictionary costs a cold
build 0.5–4 s to load, this one a quarter of that (layout/page/data/README.md)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "layout" / "page" / "data" / "jieba-words-60k.txt"
N = 60_000


def main() -> int:
    import jieba
    src = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    rows = [line.split(" ") for line in src.read_text(encoding="utf-8").splitlines()]
    top = sorted(range(len(rows)), key=lambda i: (-int(rows[i][1]), i))[:N]
    OUT.write_text("".join(f"{rows[i][0]} {rows[i][1]} {rows[i][2]}\n" for i in sorted(top)),
                   encoding="utf-8")
    print(f"{OUT}: {N} of {len(rows)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
