"""`layout fonts [ISSUE.yaml]`: every role, the files its chain resolves to, how much of the
character sets a newspaper needs each covers, and each font's licence — what an editor checks
before a paper goes to print with a new font.

Coverage is counted against GB 2312's 6763 hanzi (from Python's gb2312 codec, rows B0–F7), the
8105 characters of 通用规范汉字表 (2013) and their traditional counterparts, from the lists the
package ships (layout/fonts/data/tygf-8105.txt, one character a line in the table's order;
data/trad-8105.txt, made by scripts/build_fonts.py from OpenCC's tables). The licence is the font's own name table: licence
description (ID 13) or URL (ID 14), and copyright (ID 0).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from layout.fonts.fontset import FontSet

TYGF = Path(__file__).resolve().parent / "data" / "tygf-8105.txt"
TRAD = Path(__file__).resolve().parent / "data" / "trad-8105.txt"
ROLE_NAMES = {"song": "宋, body", "song-heavy": "heavy 宋, headlines", "hei": "黑 bold",
              "hei-regular": "黑 regular", "kai": "楷", "fangsong": "仿宋",
              "latin": "digits, Latin words"}


@lru_cache(maxsize=1)
def gb2312_hanzi() -> frozenset[int]:
    out = set()
    for a in range(0xB0, 0xF8):
        for b in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([a, b]).decode("gb2312")))
            except UnicodeDecodeError:    # D7FA–D7FE are unassigned
                pass
    return frozenset(out)


@lru_cache(maxsize=1)
def tygf_8105() -> frozenset[int] | None:
    if not TYGF.exists():
        return None
    return frozenset(ord(l.strip()) for l in TYGF.read_text(encoding="utf-8").splitlines()
                     if l.strip())


@lru_cache(maxsize=1)
def trad_8105() -> frozenset[int]:
    """The traditional counterparts of the 8105 list that are not in it (comments start #)."""
    return frozenset(ord(l.strip()) for l in TRAD.read_text(encoding="utf-8").splitlines()
                     if l.strip() and not l.startswith("#"))


@dataclass(frozen=True)
class FileReport:
    label: str
    path: Path
    outlines: str            # "TrueType" or "CFF (converted when used)"
    gb2312: int
    tygf: int | None
    licence: str
    trad: int = 0


@dataclass(frozen=True)
class RoleReport:
    role: str
    files: tuple[FileReport, ...]
    gb2312: int              # of the whole chain
    tygf: int | None
    bold: bool
    notes: tuple[str, ...]
    trad: int = 0


def report(fonts: FontSet) -> tuple[RoleReport, ...]:
    gb, ty, tr = gb2312_hanzi(), tygf_8105(), trad_8105()
    files: dict = {}
    out = []
    for role in fonts.roles:
        have: set[int] = set()
        reps = []
        for src in fonts.chain(role):
            ff = fonts.file(src)
            cm = set(ff.cmap)
            have |= cm
            if src not in files:
                files[src] = FileReport(src.label, src.path,
                                        "CFF (converted when used)" if ff.cff else "TrueType",
                                        len(gb & cm), None if ty is None else len(ty & cm),
                                        ff.licence(), len(tr & cm))
            reps.append(files[src])
        out.append(RoleReport(role, tuple(reps), len(gb & have),
                              None if ty is None else len(ty & have),
                              fonts.synthetic_bold(role), fonts.warnings([role]),
                              len(tr & have)))
    return tuple(out)


def _short(p: Path) -> str:
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def print_report(fonts: FontSet) -> None:
    gb_n = len(gb2312_hanzi())
    ty = tygf_8105()
    ty_n = "n/a" if ty is None else len(ty)
    tr_n = len(trad_8105())

    def cov(n, total):
        return "n/a" if n is None else f"{n}/{total}"
    for r in report(fonts):
        bold = ", synthetic bold" if r.bold else ""
        print(f"{r.role} ({ROLE_NAMES.get(r.role, r.role)}{bold}): GB 2312 "
              f"{cov(r.gb2312, gb_n)}, 8105 {cov(r.tygf, ty_n)}, traditional "
              f"{cov(r.trad, tr_n)}")
        for i, f in enumerate(r.files, 1):
            print(f"  {i}. {_short(f.path)}" + ("" if i == 1 else "  (fallback)"))
            print(f"     {f.outlines}; GB 2312 {cov(f.gb2312, gb_n)}, 8105 {cov(f.tygf, ty_n)}, "
                  f"traditional {cov(f.trad, tr_n)}; licence: {f.licence}")
        for n in r.notes:
            print(f"  warning: {n}")
