"""The composer's output, every line and glyph position, written out to compare two versions.

A speed change to layout.compose must give identical lines and positions. This writes, one
line per setting, what the composer produces (each line's text, width, flags and every
glyph's character, x as repr, face, size, added) for:

  - every body paragraph of both sample issues and of the real texts of tests/texts/, at
    measures of 9-20 em (at 11 and 13 em also with the Latin face a build gives), and each one line longer and one line shorter (compose.looseness,
    the copyfitter's lever);
  - N random paragraphs (seeded) mixing Han, every class of mark, numbers, Latin words, long
    words and numbers, URLs, code points and spaces, in one to three runs (a bold lead, a
    run-in head with its fixed space, a Latin face), under random settings (punctuation
    style, indent, alignment, hyphenation on or off), at 5-30 em, with the ±1-line variants.

    python3 benchmarks/compose_oracle.py OUT.txt [--random N] [--seed S]
    git stash; python3 benchmarks/compose_oracle.py /tmp/old.txt; git stash pop
    python3 benchmarks/compose_oracle.py /tmp/new.txt && cmp /tmp/old.txt /tmp/new.txt

Each setting is composed in a fresh order of calls (the variants after the natural
setting, as the copyfitter asks), so caches inside the composer are exercised as a build
exercises them.
"""
from __future__ import annotations

import argparse
import random
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_compose import EM, sample_paragraphs  # noqa: E402
from layout.compose import Run, Settings, compose_paragraph  # noqa: E402
from layout.compose.looseness import set_in  # noqa: E402
from layout.fonts.fontset import FontSet  # noqa: E402

SAMPLES = [ROOT / "issues" / "sample-difang-kexie.yaml", ROOT / "issues" / "sample-tabloid.yaml"]
HANS = "中文排版测试国家人民科学技术的一是在了不和有大这主为上们"
MARKS = list("。，、；：？！“”‘’（）《》【】〔〕「」『』…—～·／%") + ["——", "……", "？！", "！！！"]
WORDS = ["the", "Kubernetes", "HTTP/2", "information", "characters.", "(MARK)", "U+FF0C",
         "U+FF00..U+FFEF", "cent-er-aligned", "BLACK", "iPhone", "Wikinews", "Google",
         "e.g.", "3.14", "1,000", "50%", "¥30", "25℃", "50km", "2024-01-05", "\u221212℃"]


def _token(rnd: random.Random) -> str:
    k = rnd.random()
    if k < 0.45:
        return "".join(rnd.choice(HANS) for _ in range(rnd.randint(1, 12)))
    if k < 0.62:
        return rnd.choice(MARKS)
    if k < 0.80:
        return rnd.choice(WORDS)
    if k < 0.88:
        return " "
    if k < 0.92:
        return "".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(8, 40)))
    if k < 0.95:
        return "".join(rnd.choice(string.digits) for _ in range(rnd.randint(6, 30)))
    if k < 0.98:
        return "https://www." + "".join(rnd.choice(string.ascii_lowercase)
                                        for _ in range(rnd.randint(3, 15))) + ".org/a_b?x=1"
    return " ".join(rnd.choice(WORDS[:8]) for _ in range(rnd.randint(2, 6)))


def _random_case(rnd: random.Random):
    text = "".join(_token(rnd) for _ in range(rnd.randint(1, 60)))
    runs = []
    if rnd.random() < 0.2:
        runs.append(Run("本报讯", "hei", EM, space_after=1.0))
    if rnd.random() < 0.2:
        cut = rnd.randint(0, len(text))
        runs.append(Run(text[:cut], "hei", EM))
        text = text[cut:]
    latin = rnd.choice([None, None, None, "latin", "song"])
    runs.append(Run(text, "song", EM, latin_face=latin))
    settings = Settings(indent=rnd.choice([0.0, 2.0, 2.0]),
                        align=rnd.choice(["justify"] * 6 + ["start", "center", "distribute"]),
                        punct=rnd.choice(["quanjiao", "quanjiao", "kaiming", "banjiao"]),
                        hyphenate=rnd.choice(["en_US", "en_US", "en_US", ""]))
    return tuple(runs), rnd.randint(5, 30) * EM, settings


def _dump(lines) -> str:
    if lines is None:
        return "None"
    return "|".join(f"{ln.text}#{ln.width!r}#{int(ln.is_last)}{int(ln.loose)}#"
                    + ",".join(f"{g.ch}{g.x!r}{g.face}{g.size!r}{'+' if g.added else ''}"
                               for g in ln.glyphs)
                    for ln in lines)


def cases(n_random: int, seed: int):
    for path in SAMPLES + sorted((ROOT / "tests" / "texts").glob("*.yaml")):
        for k, runs in enumerate(sample_paragraphs(path)):
            for em in range(9, 21):
                yield f"{path.stem}#{k}@{em}", runs, em * EM, Settings()
            # as a build sets the body: its Latin letters and digits in the latin role
            built = tuple(r._replace(latin_face="latin") if r.face == "song" else r for r in runs)
            for em in (11, 13):
                yield f"{path.stem}#{k}@{em}/latin", built, em * EM, Settings()
    rnd = random.Random(seed)
    for k in range(n_random):
        runs, measure, settings = _random_case(rnd)
        yield f"random#{k}", runs, measure, settings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--random", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    fonts = FontSet()
    n = 0
    with open(a.out, "w", encoding="utf-8") as f:
        for name, runs, measure, settings in cases(a.random, a.seed):
            lines = compose_paragraph(runs, measure, fonts, settings)
            f.write(f"{name} {measure!r} {settings!r}\n  {_dump(lines)}\n")
            for d in (1, -1):
                v = set_in(runs, measure, fonts, settings, len(lines) + d) if lines else None
                f.write(f"  {d:+d} {_dump(v)}\n")
            n += 1
    print(f"{n} settings (each with its +1 and -1 variants) written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
