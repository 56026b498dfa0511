"""Write layout/page/data/words-60k.txt: the 60,000 most frequent words of the jieba
dictionary installed by pip (jieba 0.42.1, MIT), for page.words to segment display text with.

    python scripts/make_word_list.py

The format is made to be searched without being loaded (layout/page/data/README.md): a first
line `total N` (the frequencies summed, as jieba sums them), then one `word frequency` line per
word, sorted by the word's UTF-8 bytes, so that page.words finds a word or a prefix by binary
search in the file's bytes. jieba's own loader builds a prefix dictionary of every word first
(0.1–0.5 s in a fresh process for these words, 0.5–4 s for its full dictionary)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "layout" / "page" / "data" / "words-60k.txt"
N = 60_000


def main() -> int:
    import jieba
    src = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    rows = [line.split(" ") for line in src.read_text(encoding="utf-8").splitlines()]
    top = sorted(range(len(rows)), key=lambda i: (-int(rows[i][1]), i))[:N]
    freq = {}
    for i in sorted(top):                       # the dictionary's order: a later line wins
        freq[rows[i][0]] = rows[i][1]
    total = sum(int(rows[i][1]) for i in top)   # every line counted, as jieba counts
    lines = sorted(f"{w} {f}\n".encode() for w, f in freq.items())
    OUT.write_bytes(f"total {total}\n".encode() + b"".join(lines))
    print(f"{OUT}: {len(freq)} of {len(rows)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
