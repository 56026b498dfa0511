"""Write layout/page/data/words-60k.txt: the 60,000 most frequent words of the jieba
dictionary installed by pip (jieba 0.42.1, MIT), for page.words to segment display text with;
and layout/page/data/hmm.txt, jieba's HMM for the characters no word covers (jieba.finalseg:
start and transition log probabilities, the emission log probability of each character).

    python scripts/make_word_list.py

The format is made to be searched without being loaded (layout/page/data/README.md): a first
line `total N` (the frequencies summed, as jieba sums them), then one `word frequency` line per
word, sorted by the word's UTF-8 bytes, so that page.words finds a word or a prefix by binary
search in the file's bytes. jieba's own loader builds a prefix dictionary of every word first
(0.1–0.5 s in a fresh process for these words, 0.5–4 s for its full dictionary).

hmm.txt: a first line with the start log probabilities of B M E S, a second with the
transitions (`from>to=p` pairs), then one `character pB pM pE pS` line per character that jieba
gives an emission probability, sorted by UTF-8 bytes (`-` where jieba has none: it uses
MIN_FLOAT). Floats are written with repr, which reads back the same double. Importing
jieba.finalseg loads 1.3 MB of Python dictionaries (~12 ms, ~30 ms with jieba's package)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "layout" / "page" / "data"
OUT = DATA / "words-60k.txt"
HMM = DATA / "hmm.txt"
STATES = "BMES"
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
    write_hmm()
    return 0


def write_hmm() -> None:
    from jieba import finalseg
    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    head = " ".join(repr(start[s]) for s in STATES) + "\n"
    head += " ".join(f"{a}>{b}={trans[a][b]!r}" for a in STATES for b in sorted(trans[a])) + "\n"
    chars = sorted(set().union(*(emit[s] for s in STATES)), key=lambda c: c.encode())
    rows = [c + " " + " ".join(repr(emit[s][c]) if c in emit[s] else "-" for s in STATES)
            for c in chars]
    HMM.write_bytes((head + "".join(r + "\n" for r in rows)).encode())
    print(f"{HMM}: {len(chars)} characters")


if __name__ == "__main__":
    sys.exit(main())
