#!/usr/bin/env python3
"""Build the bundled Chinese fonts in fonts/ from pinned upstream packages.

    python scripts/build_fonts.py [--cache DIR] [--out DIR] [--no-verify]

Why each step is there
----------------------
1. Fetch pinned upstream packages (npm ``npm pack``, Debian ``apt-get download``)
   into a cache directory (default ``~/.cache/layout-fonts``, or $LAYOUT_FONT_CACHE).
   These are the only registries the project's machines reach.  Nothing is
   installed system-wide: the .deb is unpacked with ``dpkg-deb -x`` into a temp dir.
   The Noto SC fonts come from the ``@expo-google-fonts`` npm packages because
   they are *TrueType-outline* (glyf) builds: ReportLab refuses CFF outlines,
   which is what every Noto CJK / Source Han .otf/.ttc is.
2. Verify: the package versions are pinned and the sha256 of every downloaded
   archive and of every upstream font file must match the pins below, so a
   rebuild either gives the same fonts or fails loudly.
3. Subset with HarfBuzz (uharfbuzz ``hb.subset``; ~100x faster than
   fontTools.subset) to one character set shared by every face: GB 2312 (all of
   it, hanzi and symbol rows) + the 8105 characters of the 通用规范汉字表
   (shared data/tygf-8105.txt, including its 196 characters above U+FFFF) +
   ASCII, Latin-1 and the punctuation/symbol blocks Chinese text uses (see
   EXTRA_RANGES; code points a face lacks are just absent and listed in
   PROVENANCE.md).  The upstream files are 10-16 MB; the subsets 2.8-4.5 MB.
4. Drop every table except cmap, hmtx, glyf, loca, head, hhea, maxp, post,
   name, OS/2.  ReportLab ignores GSUB/GPOS/GDEF/BASE/STAT (keeping them
   nearly doubles the size); vertical metrics (vhea/vmtx) are unused; hinting
   (fpgm/prep/cvt/gasp and glyph instructions) is useless for print/PDF.
   Glyph names are dropped (post format 3).  The .notdef box is kept so a
   missing character is at least visible.
5. LXGW WenKai only:
   a. Rename.  Its OFL-1.1 has the Reserved Font Names "LXGW" and "霞鹜" and a
      subset is a Modified Version, so family/full/PostScript/unique names
      (IDs 1,3,4,6,16,17,21,22 in every language) become "Layout Kai" /
      "LayoutKai-Regular".  Copyright (ID 0), trademark and licence records
      (IDs 7,13,14) are kept, as the OFL requires.
   b. Glyph fixes.  Its “ ” ‘ ’ and · (U+00B7) are proportional (350 units),
      which breaks the fixed 1-em grid of Chinese typesetting.  They are set to
      the Han advance (1 em): opening quotes keep their right side bearing
      (ink moves to the right half, next to the quoted text), closing quotes
      keep their left side bearing (ink stays in the left half), · is centred.
      ・ (U+30FB) is checked and centred in 1 em only if it is not already.
      A glyph shared with another code point in the subset is cloned first, so
      only the listed characters change.
   The Noto faces are not modified beyond subsetting and step 5c (their
   metrics are reported, see step 7).
   c. Noto SC faces only: the Han characters of the set (GB 2312, the 8105
      list, their traditional counterparts) that the npm TrueType build lacks
      and the same design in Debian's fonts-noto-cjk has (Noto Serif/Sans CJK
      SC, CFF outlines: 𡻕 U+21ED5 and four more) are added: hb-subset of the
      donor face to those characters, outlines converted to TrueType
      quadratics as layout.fonts.convert does (Cu2QuPen, max error 1 unit),
      appended after the existing glyphs with the donor's advance widths.
      Its licence file is written like LXGW's (LICENSE-OFL-NotoCJK.txt).
6. Make the output deterministic: head.modified is set to FONT_TIMESTAMP (a
   constant, not the build time), head.created is kept from upstream, and the
   fontTools save is otherwise a pure function of its input.  Running the
   script twice gives byte-identical files (checked with sha256).
7. Verify and report: each output must contain only the kept tables, load in
   ``reportlab.pdfbase.ttfonts.TTFont`` and draw a string (incl. a character
   above U+FFFF) into a test PDF; coverage of GB 2312's 6763 hanzi and of the
   8105 list is counted (missing characters listed), and the advance widths of
   — … · “ ” ‘ ’ ， 。 and a Han character are reported, with whether ，。 have
   their ink in the left half (mainland style).
8. Write the licence texts as shipped upstream (fonts/LICENSE-OFL-*.txt) and
   fonts/PROVENANCE.md (versions, upstream files, sha256 of inputs and
   outputs, changes, coverage).  PROVENANCE.md has no timestamps, so it is
   deterministic too.
"""
from __future__ import annotations

import argparse
import atexit
import copy
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from fontTools.misc.timeTools import timestampFromString

ROOT = Path(__file__).resolve().parent.parent
TYGF_CANDIDATES = [
    ROOT / "data" / "tygf-8105.txt",
    ROOT / "layout" / "fonts" / "data" / "tygf-8105.txt",
]

# head.modified of every output (bump when the build logic changes).
FONT_TIMESTAMP = "Thu Jan  1 00:00:00 2026"

KEEP_TABLES = {"cmap", "hmtx", "glyf", "loca", "head", "hhea", "maxp", "post", "name", "OS/2"}
# Name IDs kept (0-22 are the standard ones; 25 and 256+ belong to the dropped STAT/fvar).
KEEP_NAME_IDS = set(range(0, 23))

# ---------------------------------------------------------------------------
# Pinned upstream sources
# ---------------------------------------------------------------------------
NPM_PACKAGES = {
    "noto-serif-sc": {
        "spec": "@expo-google-fonts/noto-serif-sc",
        "version": "0.4.3",
        "tarball": "expo-google-fonts-noto-serif-sc-0.4.3.tgz",
        "sha256": "ff6bcf5ba68d92dfecc05544bb150f9e724741a932354a0dd97e7289c40a3f5e",
        "license_member": "package/LICENSE_FONT",
    },
    "noto-sans-sc": {
        "spec": "@expo-google-fonts/noto-sans-sc",
        "version": "0.4.3",
        "tarball": "expo-google-fonts-noto-sans-sc-0.4.3.tgz",
        "sha256": "0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59",
        "license_member": "package/LICENSE_FONT",
    },
    # The symbol face, last link of every chain (≒ ⟷ ∑ ⌀ …): Noto Sans Math, OFL-1.1.
    "noto-sans-math": {
        "spec": "@expo-google-fonts/noto-sans-math",
        "version": "0.4.2",
        "tarball": "expo-google-fonts-noto-sans-math-0.4.2.tgz",
        "sha256": "652041ca903e7adcc1502a0621350526463e91416757310391370ff5f8fb3ce8",
        "license_member": "package/LICENSE_FONT",
    },
    # Not a font: OpenCC's simplified -> traditional character tables (STCharacters,
    # TWVariants, HKVariants), as the opencc-js package (MIT) ships them; they give the
    # traditional counterparts of the 8105 list (data/trad-8105.txt).
    "opencc-js": {
        "spec": "opencc-js",
        "version": "1.4.2",
        "tarball": "opencc-js-1.4.2.tgz",
        "sha256": "acde2ed46fecc53eb1c329ff093886bf702975be24ace4caa3d01321167d69c8",
        "license_member": "package/LICENSE",
    },
}
DEB_PACKAGES = {
    "fonts-lxgw-wenkai": {
        "version": "1.250+repack-1",
        "file": "fonts-lxgw-wenkai_1.250+repack-1_all.deb",
        "sha256": "6d1e4c4aac78ad32062aefa2c836ee4d6e58f9dcf8b3f4407c9eefe304615318",
        "copyright": "usr/share/doc/fonts-lxgw-wenkai/copyright",
    },
    # Not a bundled face: the donor of the few 通用规范汉字表 / traditional characters the Noto
    # SC TrueType builds lack (𡻕 U+21ED5 …). Its Noto Serif/Sans CJK SC faces are the same
    # designs in CFF outlines (supplement_glyphs converts the few glyphs taken).
    "fonts-noto-cjk": {
        "version": "1:20220127+repack1-1",
        "file": "fonts-noto-cjk_1%3a20220127+repack1-1_all.deb",
        "sha256": "4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502",
        "copyright": "usr/share/doc/fonts-noto-cjk/copyright",
    },
}

FACES = [
    {
        "out": "song-regular.ttf",
        "role": "宋 body text",
        "source": ("npm", "noto-serif-sc"),
        "member": "package/400Regular/NotoSerifSC_400Regular.ttf",
        "sha256": "c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742",
        "font": "Noto Serif SC Regular",
        "license": "LICENSE-OFL-NotoSerifSC.txt",
        "supplement": ("usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    },
    {
        "out": "song-heavy.ttf",
        "role": "宋 heavy, headlines (小标宋 role)",
        "source": ("npm", "noto-serif-sc"),
        "member": "package/700Bold/NotoSerifSC_700Bold.ttf",
        "sha256": "9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6",
        "font": "Noto Serif SC Bold",
        "license": "LICENSE-OFL-NotoSerifSC.txt",
        "supplement": ("usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold"),
    },
    {
        "out": "hei-bold.ttf",
        "role": "黑 bold",
        "source": ("npm", "noto-sans-sc"),
        "member": "package/700Bold/NotoSansSC_700Bold.ttf",
        "sha256": "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
        "font": "Noto Sans SC Bold",
        "license": "LICENSE-OFL-NotoSansSC.txt",
        "supplement": ("usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold"),
    },
    {
        "out": "hei-regular.ttf",
        "role": "黑 regular",
        "source": ("npm", "noto-sans-sc"),
        "member": "package/400Regular/NotoSansSC_400Regular.ttf",
        "sha256": "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
        "font": "Noto Sans SC Regular",
        "license": "LICENSE-OFL-NotoSansSC.txt",
        "supplement": ("usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    },
    {
        "out": "kai-regular.ttf",
        "role": "楷",
        "source": ("deb", "fonts-lxgw-wenkai"),
        "member": "usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
        "sha256": "bbf534b0ca093928f94d1782855e65a19a32cde82b075d495d072025521953c8",
        "font": "LXGW WenKai Regular",
        "license": "LICENSE-OFL-LXGWWenKai.txt",
        "rename": {"family": "Layout Kai", "subfamily": "Regular", "ps": "LayoutKai-Regular"},
        "reserved_names": ("LXGW", "霞鹜"),
        "fix_punct": True,
    },
    {
        "out": "symbols.ttf",
        "role": "symbols, the last link of every chain (math operators, arrows, technical signs)",
        "source": ("npm", "noto-sans-math"),
        "member": "package/400Regular/NotoSansMath_400Regular.ttf",
        "sha256": None,          # pinned by the package's tarball sha256 above
        "font": "Noto Sans Math Regular",
        "license": "LICENSE-OFL-NotoSansMath.txt",
        "ranges": "SYMBOL_RANGES",
    },
]

# ---------------------------------------------------------------------------
# Character set
# ---------------------------------------------------------------------------
EXTRA_RANGES = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement: letters and ¥ § ° ± × ÷ · etc.
    (0x0100, 0x017F),  # Latin Extended-A (ā ē ī ō ū, foreign names)
    (0x01CD, 0x01DC),  # pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x01F9, 0x01F9),  # ǹ
    (0x0251, 0x0251), (0x0261, 0x0261),  # ɑ ɡ (GB 2312 row 8)
    (0x02C7, 0x02C7), (0x02C9, 0x02CB), (0x02D9, 0x02D9),  # ˇ ˉ ˊ ˋ ˙ tone marks
    (0x1E3F, 0x1E3F),  # ḿ
    (0x2002, 0x200B),  # en/em/thin spaces, zero-width space
    (0x2010, 0x2027),  # ‐ – — ― ‖ ‘ ’ “ ” † ‡ • ‥ … ‧
    (0x2030, 0x205E),  # ‰ ′ ″ ‵ ‹ › ※ ‼ ‾ ⁇ ⁈ ⁉ …
    (0x2E3A, 0x2E3B),  # ⸺ ⸻ two-/three-em dash
    (0x20AC, 0x20AC),  # €
    (0x2103, 0x2103), (0x2109, 0x2109), (0x2116, 0x2116),  # ℃ ℉ №
    (0x2121, 0x2122),  # ℡ ™
    (0x2160, 0x217F),  # Ⅰ–Ⅻ ⅰ–ⅻ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (what the face has; the rest: symbols.ttf)
    (0x2460, 0x24FF),  # ① ⑴ ⒈ ⓐ …
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes ■ □ ▲ △ ◆ ◇ ○ ◎ ●
    (0x2605, 0x2606), (0x260E, 0x260E), (0x2610, 0x2612),  # ★ ☆ ☎ ☐ ☑ ☒
    (0x261C, 0x261F), (0x2640, 0x2640), (0x2642, 0x2642),  # ☜–☟ ♀ ♂
    (0x2660, 0x2667), (0x266A, 0x266B),  # card suits, notes
    (0x2713, 0x2718),  # ✓ ✔ ✕ ✖ ✗ ✘
    (0x2776, 0x277F),  # ❶–❿
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3220, 0x3243),  # ㈠–㈩ …
    (0x3280, 0x32B0),  # ㊀ …
    (0x3380, 0x33DF),  # ㎎ ㎏ ㎜ ㎝ ㎞ ㎡ ㏄ …
    (0xFE10, 0xFE19),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0xFFE0, 0xFFE6),  # ￠ ￡ ￢ ￣ ￤ ￥ ￦
]

# The symbol face (symbols.ttf): what copy holds beyond the Han faces, in these blocks only.
SYMBOL_RANGES = [
    (0x2010, 0x205E),  # general punctuation: ‼ ⁇ ⁈ ⁉ ‱ …
    (0x2100, 0x214F),  # letterlike symbols: ℓ ℮ ℗ …
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≒ ≌ ∽ …
    (0x2300, 0x23FF),  # miscellaneous technical: ⌀ ⌒ ⏎ …
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2600, 0x27BF),  # miscellaneous symbols, dingbats
    (0x27C0, 0x27FF),  # math symbols A, supplemental arrows A: ⟷ ⟶ …
    (0x2900, 0x2AFF),  # supplemental arrows B, math symbols B, supplemental operators
    (0x2B00, 0x2BFF),  # miscellaneous symbols and arrows
]

# Characters whose advances are reported for every face.
REPORT_CHARS = "—…·“”‘’，。・永"


def gb2312_sets() -> tuple[set[str], set[str]]:
    """(hanzi, non-hanzi) of GB 2312: every double byte that the gb2312 codec decodes."""
    han, other = set(), set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                ch = bytes((b1, b2)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            (han if b1 >= 0xB0 else other).add(ch)
    assert len(han) == 6763, len(han)
    return han, other


def tygf_list() -> list[str]:
    for p in TYGF_CANDIDATES:
        if p.exists():
            chars = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
            assert len(chars) == 8105 and len(set(chars)) == 8105, (p, len(chars))
            assert all(len(c) == 1 for c in chars)
            return chars
    sys.exit("tygf-8105.txt not found in: " + ", ".join(map(str, TYGF_CANDIDATES)))


TRAD_OUT = ROOT / "layout" / "fonts" / "data" / "trad-8105.txt"


def traditional_list(archive: Path, tygf: list[str]) -> list[str]:
    """The traditional counterparts of the 8105 list that are not in it: every traditional
    character OpenCC's STCharacters gives for one of them (发 -> 發 髮) or its TSCharacters
    simplifies to one of them (簽 -> 签), with the Taiwan and
    Hong Kong standard forms of those (TWVariants, HKVariants: 裏 裡, 着 著 …), in code-point
    order. Written to layout/fonts/data/trad-8105.txt, which `layout fonts` counts against."""
    def table(name: str) -> dict[str, list[str]]:
        with tarfile.open(archive) as tf:
            js = tf.extractfile(f"package/dist/esm-lib/dict/{name}.js").read().decode("utf-8")
        out: dict[str, list[str]] = {}
        for entry in js[js.index('"') + 1:js.rindex('"')].split("|"):
            parts = entry.split(" ")
            if len(parts) >= 2:
                out.setdefault(parts[0], []).extend(parts[1:])
        return out
    st, tw, hk = table("STCharacters"), table("TWVariants"), table("HKVariants")
    ts = table("TSCharacters")
    have = set(tygf)
    trad: set[str] = set()
    for c in tygf:
        trad.update(t for t in st.get(c, []) if len(t) == 1)
    # and the other way round: every traditional character OpenCC simplifies to one of them
    # (簽 -> 签, which STCharacters gives only as 籤)
    trad.update(t for t, simp in ts.items() if len(t) == 1 and any(s in have for s in simp))
    for t in list(trad):
        trad.update(v for v in tw.get(t, []) + hk.get(t, []) if len(v) == 1)
    out = sorted(trad - have, key=ord)
    TRAD_OUT.write_text(
        "# Traditional counterparts of the 通用规范汉字表 (8105) characters that are not in it:\n"
        "# OpenCC STCharacters, TSCharacters reversed, TWVariants, HKVariants (opencc-js 1.4.2,\n"
        "# MIT), one a line.\n"
        "# Generated by scripts/build_fonts.py; do not edit by hand.\n"
        + "".join(c + "\n" for c in out), encoding="utf-8")
    return out


def charset() -> tuple[set[int], set[str], set[str], list[str]]:
    gb_han, gb_other = gb2312_sets()
    tygf = tygf_list()
    cps = {ord(c) for c in gb_han | gb_other} | {ord(c) for c in tygf}
    for lo, hi in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    cps.add(0x2014)  # GB 2312's dash decodes to U+2015 in Python's codec; U+2014 is the common one
    return cps, gb_han, gb_other, tygf


# ---------------------------------------------------------------------------
# Fetching and verification
# ---------------------------------------------------------------------------
def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_sha(path: Path, expected: str, what: str) -> None:
    got = sha256_file(path)
    if got != expected:
        sys.exit(f"sha256 mismatch for {what} ({path}):\n  expected {expected}\n  got      {got}\n"
                 "Upstream changed: check the new release and update the pins in scripts/build_fonts.py.")


def fetch_npm(key: str, cache: Path) -> Path:
    pkg = NPM_PACKAGES[key]
    dest = cache / pkg["tarball"]
    if not (dest.exists() and sha256_file(dest) == pkg["sha256"]):
        spec = f'{pkg["spec"]}@{pkg["version"]}'
        print(f"  npm pack {spec}", flush=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            subprocess.run(["npm", "pack", "--silent", spec], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
            shutil.move(str(Path(tmp) / pkg["tarball"]), dest)
    check_sha(dest, pkg["sha256"], f'npm {pkg["spec"]}@{pkg["version"]}')
    with tarfile.open(dest) as tf:
        meta = json.load(tf.extractfile("package/package.json"))
    if meta.get("name") != pkg["spec"] or meta.get("version") != pkg["version"]:
        sys.exit(f"{dest}: package.json says {meta.get('name')}@{meta.get('version')}")
    return dest


def fetch_deb(key: str, cache: Path) -> Path:
    pkg = DEB_PACKAGES[key]
    dest = cache / pkg["file"]
    if not (dest.exists() and sha256_file(dest) == pkg["sha256"]):
        spec = f'{key}={pkg["version"]}'
        cmd = ["apt-get", "download", "-q", "-o", "APT::Sandbox::User=root", spec]
        print(f"  apt-get download {spec}", flush=True)
        r = subprocess.run(cmd, cwd=cache, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            print("  (apt-get download failed; running apt-get update and retrying)", flush=True)
            subprocess.run(["apt-get", "update", "-q"], check=True, stdout=subprocess.DEVNULL)
            subprocess.run(cmd, cwd=cache, check=True, stdout=subprocess.DEVNULL)
    check_sha(dest, pkg["sha256"], f'deb {key} {pkg["version"]}')
    out = subprocess.run(["dpkg-deb", "-f", str(dest), "Package", "Version"], check=True,
                         capture_output=True, text=True).stdout.split("\n")
    if out[0] != f"Package: {key}" or out[1] != f'Version: {pkg["version"]}':
        sys.exit(f"{dest}: control says {out[:2]}")
    return dest


_DEB_DIRS: dict[Path, Path] = {}


def extract(kind: str, key: str, archive: Path, member: str, cache: Path) -> bytes:
    """Return the bytes of one member of an npm tarball or a .deb.

    A .deb is unpacked once per run with ``dpkg-deb -x`` into a temp dir under
    the cache (removed at exit): nothing is installed system-wide.
    """
    if kind == "npm":
        with tarfile.open(archive) as tf:
            return tf.extractfile(member).read()
    if archive not in _DEB_DIRS:
        tmp = Path(tempfile.mkdtemp(prefix="deb-", dir=cache))
        atexit.register(shutil.rmtree, tmp, True)
        subprocess.run(["dpkg-deb", "-x", str(archive), str(tmp)], check=True)
        _DEB_DIRS[archive] = tmp
    return (_DEB_DIRS[archive] / member).read_bytes()


# ---------------------------------------------------------------------------
# Licence files
# ---------------------------------------------------------------------------
def debian_copyright_to_ofl(text: str, font_copyright: str,
                            package: tuple[str, str] = ("fonts-lxgw-wenkai", "OFL-1.1")) -> str:
    """A Debian font package's licence: copyright notices + RFN statement + OFL text.

    The .deb ships no OFL.txt; its machine-readable copyright file carries a
    copyright line, the Reserved Font Names comment (LXGW) and the full OFL-1.1
    text (indented, with '.' for blank lines, which is undone here) under the
    licence name ``package[1]`` ("SIL-1.1" in fonts-noto-cjk).  The font's own
    copyright record (name ID 0; LXGW's also credits the Klee Project the design
    derives from) is put first, as upstream's OFL.txt does.
    """
    paras, cur = [], []
    for line in text.splitlines():
        if not line.strip():
            if cur:
                paras.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        paras.append(cur)

    def fields(par):
        d, last = {}, None
        for ln in par:
            if ln[:1] in (" ", "\t") and last:
                d[last].append(ln[1:])
            else:
                k, _, v = ln.partition(":")
                last = k
                d[k] = [v.strip()] if v.strip() else []
        return d

    files_star = next(fields(p) for p in paras if fields(p).get("Files") == ["*"])
    lic = next(fields(p) for p in paras
               if fields(p).get("License", [""])[0] == package[1] and len(fields(p)["License"]) > 1)
    body = ["" if ln.strip() == "." else ln for ln in lic["License"][1:]]
    while body and body[-1] == "":
        body.pop()
    out = [ln.strip() for ln in font_copyright.splitlines() if ln.strip()]
    out.append("")
    out.append(f"Debian's copyright file ({package[0]}) states:")
    for c in files_star["Copyright"]:
        out.append("  Copyright " + c.strip())
    out.extend("  " + ln.strip() for ln in files_star.get("Comment", []))
    out.append("")
    out.append("This Font Software is licensed under the SIL Open Font License, Version 1.1.")
    out.append("This license is copied below, and is also available with a FAQ at:")
    out.append("https://openfontlicense.org")
    out.append("")
    out.append("(Text taken verbatim from the Debian package's copyright file,")
    out.append(f" /usr/share/doc/{package[0]}/copyright, with Debian's indentation removed.)")
    out.append("")
    out.extend(body)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Subsetting and post-processing
# ---------------------------------------------------------------------------
def _tag(tag: str) -> int:
    return int.from_bytes(tag.encode("latin-1"), "big")


def hb_subset(data: bytes, unicodes: set[int]) -> bytes:
    face = hb.Face(data)
    tags = {t for t in face.table_tags}
    inp = hb.SubsetInput()
    inp.unicode_set.update(sorted(unicodes))
    drop = inp.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in sorted(tags - KEEP_TABLES):
        drop.add(_tag(tag))
    names = inp.sets(hb.SubsetInputSets.NAME_ID)
    names.clear()
    names.update(sorted(KEEP_NAME_IDS))
    langs = inp.sets(hb.SubsetInputSets.NAME_LANG_ID)
    langs.clear()
    langs.update(range(0, 0x10000))  # keep localized records too (renamed later where needed)
    inp.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    out = hb.subset(face, inp)
    if out is None:
        raise RuntimeError("hb-subset failed")
    return out.blob.data


def donor_face(ttc: bytes, name: str) -> int:
    """The index of the face of a collection whose full name (name ID 4) is ``name``."""
    from fontTools.ttLib import TTCollection
    for i, f in enumerate(TTCollection(io.BytesIO(ttc), lazy=True).fonts):
        if f["name"].getDebugName(4) == name:
            return i
    sys.exit(f"no face {name!r} in the donor collection")


def supplement_glyphs(data: bytes, donor: tuple[bytes, int], cps: set[int]) -> tuple[bytes, list[int]]:
    """Add to the subset ``data`` the glyphs of the code points of ``cps`` it lacks and the
    donor face (a .ttc and a face index, CFF outlines) has: each outline converted to
    TrueType quadratics as layout.fonts.convert does (fontTools Cu2QuPen, max error 1 font
    unit, reversed to TrueType's clockwise direction), appended after the existing glyphs
    (whose glyph IDs stay) with the donor's advance, and mapped in every Unicode cmap
    subtable that can hold it. Returns (the font, the code points added)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    # head's bounding box and maxp's maxima stay as hb-subset wrote them (upstream's, which
    # hold the added glyphs too): renderers read the box, and the pages drawn with the other
    # glyphs stay the same
    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    want = sorted(u for u in cps if u not in font.getBestCmap())
    ttc, index = donor
    face = hb.Face(hb.Blob(ttc), index)
    inp = hb.SubsetInput()
    inp.unicode_set.update(want)
    inp.flags = hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING
    cff = TTFont(io.BytesIO(hb.subset(face, inp).blob.data))
    assert cff["head"].unitsPerEm == font["head"].unitsPerEm
    dcmap, dgs, dhmtx = cff.getBestCmap(), cff.getGlyphSet(), cff["hmtx"]
    added = [u for u in want if u in dcmap]
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    for u in added:
        gname = f"u{u:X}.notocjk"
        pen = TTGlyphPen(None)
        dgs[dcmap[u]].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        order.append(gname)
        glyf.glyphs[gname] = pen.glyph()
        glyf.glyphs[gname].recalcBounds(glyf)
        hmtx.metrics[gname] = (dhmtx[dcmap[u]][0], getattr(glyf.glyphs[gname], "xMin", 0))
        for st in font["cmap"].tables:
            if st.isUnicode() and (u <= 0xFFFF or st.format in (12, 13)):
                st.cmap[u] = gname
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["maxp"].numGlyphs = len(order)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    return buf.getvalue(), added


def glyph_bounds(font: TTFont, gname: str):
    gs = font.getGlyphSet()
    bp = BoundsPen(gs)
    gs[gname].draw(bp)
    return bp.bounds


def clone_glyph(font: TTFont, gname: str, codepoint: int) -> str:
    """Give `codepoint` its own copy of `gname` (which other code points share)."""
    new = f"uni{codepoint:04X}.layoutfw"
    glyf = font["glyf"]
    order = list(font.getGlyphOrder()) + [new]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    glyf.glyphs[new] = copy.deepcopy(glyf[gname])
    font["hmtx"].metrics[new] = font["hmtx"][gname]
    font["maxp"].numGlyphs = len(order)
    for st in font["cmap"].tables:
        if st.isUnicode() and codepoint in st.cmap:
            st.cmap[codepoint] = new
    return new


def shift_glyph(font: TTFont, gname: str, dx: int) -> None:
    g = font["glyf"][gname]
    glyf = font["glyf"]
    if g.isComposite():
        for comp in g.components:
            comp.x += dx
    elif g.numberOfContours > 0:
        coords = g.coordinates
        coords.translate((dx, 0))
    g.recalcBounds(glyf)


def fix_kai_punct(font: TTFont) -> list[tuple[str, int, int, tuple, tuple]]:
    """Set “ ” ‘ ’ · (and ・ if needed) to a 1-em advance. Returns the change log."""
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    han = ord("永") if ord("永") in cmap else ord("中")
    em = hmtx[cmap[han]][0]
    users: dict[str, list[int]] = {}
    for u, g in cmap.items():
        users.setdefault(g, []).append(u)
    log = []
    for ch, mode in (("“", "open"), ("‘", "open"), ("”", "close"), ("’", "close"),
                     ("·", "centre"), ("・", "centre")):
        u = ord(ch)
        g = cmap[u]
        adv, _lsb = hmtx[g]
        x0, _, x1, _ = glyph_bounds(font, g)
        before = (adv, (int(x0), int(x1)))
        if mode == "centre" and adv == em and abs((x0 + x1) / 2 - em / 2) <= 2:
            log.append((ch, adv, adv, before[1], before[1]))
            continue
        if len(users[g]) > 1:
            g = clone_glyph(font, g, u)
        if mode == "open":
            dx = em - adv  # keep the right side bearing: ink moves to the right half
        elif mode == "close":
            dx = 0  # keep the left side bearing
        else:
            dx = round(em / 2 - (x0 + x1) / 2)
        shift_glyph(font, g, dx)
        gl = font["glyf"][g]
        hmtx[g] = (em, getattr(gl, "xMin", 0))
        nx0, _, nx1, _ = glyph_bounds(font, g)
        half = em / 2
        if mode == "open":
            assert nx0 >= half, (ch, nx0)
        elif mode == "close":
            assert nx1 <= half, (ch, nx1)
        log.append((ch, adv, em, before[1], (int(nx0), int(nx1))))
    return log


def rename(font: TTFont, family: str, subfamily: str, ps: str) -> None:
    name = font["name"]
    full = family if subfamily == "Regular" else f"{family} {subfamily}"
    version = name.getDebugName(5) or ""
    ver_num = version.split(";")[0].replace("Version", "").strip()
    new = {1: family, 2: subfamily, 3: f"{ver_num};{ps}", 4: full, 6: ps,
           16: family, 17: subfamily, 21: family, 22: subfamily}
    for rec in name.names:  # every platform and language; 16/17/21/22 only where present
        if rec.nameID in new:
            rec.string = new[rec.nameID]


def postprocess(data: bytes, face: dict, upstream: TTFont) -> tuple[bytes, list]:
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    log = []
    if face.get("fix_punct"):
        log = fix_kai_punct(font)
    name = font["name"]
    version = name.getDebugName(5) or ""
    if "layout subset" not in version:
        for rec in name.names:
            if rec.nameID == 5:
                rec.string = rec.toUnicode() + "; layout subset"
    if "rename" in face:
        r = face["rename"]
        rename(font, r["family"], r["subfamily"], r["ps"])
        for rec in name.names:
            if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22, 25):
                s = rec.toUnicode()
                for rfn in face["reserved_names"]:
                    assert rfn.lower() not in s.lower(), (rec.nameID, s)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))
    head = font["head"]
    head.created = upstream["head"].created
    head.modified = timestampFromString(FONT_TIMESTAMP)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    return buf.getvalue(), log


# ---------------------------------------------------------------------------
# Checks and report
# ---------------------------------------------------------------------------
def metrics_report(font: TTFont) -> dict:
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    out = {}
    for ch in REPORT_CHARS:
        g = cmap.get(ord(ch))
        if g is None:
            out[ch] = None
            continue
        b = glyph_bounds(font, g)
        out[ch] = (hmtx[g][0], None if b is None else (int(b[0]), int(b[2])))
    return out


def reportlab_check(path: Path, tmpdir: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas
    fname = "chk-" + path.stem
    pdfmetrics.registerFont(RLFont(fname, str(path)))
    c = canvas.Canvas(str(tmpdir / f"{path.stem}.pdf"), initialFontName=fname, initialFontSize=12)
    c.setFont(fname, 14)
    c.drawString(40, 780, "中华人民共和国 “引号” ‘单引号’ ·，。——…… ①№℃ 123 ABC 𬌗 啰")
    c.showPage()
    c.save()


def table_check(data: bytes) -> list[str]:
    f = TTFont(io.BytesIO(data), lazy=True)
    tags = sorted(t for t in f.keys() if t != "GlyphOrder")
    extra = set(tags) - KEEP_TABLES
    if extra:
        raise SystemExit(f"unexpected tables left: {sorted(extra)}")
    if "glyf" not in tags:
        raise SystemExit("no glyf table")
    return tags


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path,
                    default=Path(os.environ.get("LAYOUT_FONT_CACHE", Path.home() / ".cache" / "layout-fonts")))
    ap.add_argument("--out", type=Path, default=ROOT / "fonts")
    ap.add_argument("--no-verify", action="store_true", help="skip the ReportLab test PDF")
    args = ap.parse_args()
    t_start = time.monotonic()
    args.cache.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)

    cps, gb_han, gb_other, tygf = charset()

    print("fetching (cache: %s)" % args.cache, flush=True)
    archives = {}
    for key in NPM_PACKAGES:
        archives[("npm", key)] = fetch_npm(key, args.cache)
    for key in DEB_PACKAGES:
        archives[("deb", key)] = fetch_deb(key, args.cache)
    t_fetch = time.monotonic()
    trad = traditional_list(archives[("npm", "opencc-js")], tygf)
    cps |= {ord(c) for c in trad}
    han_cps = {ord(c) for c in gb_han} | {ord(c) for c in tygf} | {ord(c) for c in trad}
    symbol_cps = {u for lo, hi in SYMBOL_RANGES for u in range(lo, hi + 1)}
    print(f"charset: {len(cps)} code points requested ({len(trad)} traditional); "
          f"symbols {len(symbol_cps)}")

    # Licences, as shipped upstream.
    licences = {}
    for key, pkg in NPM_PACKAGES.items():
        with tarfile.open(archives[("npm", key)]) as tf:
            licences[key] = tf.extractfile(pkg["license_member"]).read()
    (args.out / "LICENSE-OFL-NotoSerifSC.txt").write_bytes(licences["noto-serif-sc"])
    (args.out / "LICENSE-OFL-NotoSansSC.txt").write_bytes(licences["noto-sans-sc"])
    (args.out / "LICENSE-OFL-NotoSansMath.txt").write_bytes(licences["noto-sans-math"])
    deb_copyright = extract("deb", "fonts-lxgw-wenkai", archives[("deb", "fonts-lxgw-wenkai")],
                            DEB_PACKAGES["fonts-lxgw-wenkai"]["copyright"], args.cache).decode("utf-8")
    kai = next(f for f in FACES if f["source"] == ("deb", "fonts-lxgw-wenkai"))
    kai_raw = extract("deb", "fonts-lxgw-wenkai", archives[("deb", "fonts-lxgw-wenkai")], kai["member"],
                      args.cache)
    kai_copyright = TTFont(io.BytesIO(kai_raw), lazy=True)["name"].getDebugName(0)
    (args.out / "LICENSE-OFL-LXGWWenKai.txt").write_text(
        debian_copyright_to_ofl(deb_copyright, kai_copyright), encoding="utf-8")
    cjk = archives[("deb", "fonts-noto-cjk")]
    cjk_member = next(f["supplement"][0] for f in FACES if f.get("supplement"))
    cjk_copyright = TTFont(io.BytesIO(extract("deb", "fonts-noto-cjk", cjk, cjk_member, args.cache)),
                           fontNumber=0, lazy=True)["name"].getDebugName(0)
    (args.out / "LICENSE-OFL-NotoCJK.txt").write_text(debian_copyright_to_ofl(
        extract("deb", "fonts-noto-cjk", cjk, DEB_PACKAGES["fonts-noto-cjk"]["copyright"],
                args.cache).decode("utf-8"), cjk_copyright, ("fonts-noto-cjk", "SIL-1.1")),
        encoding="utf-8")

    results = []
    for face in FACES:
        t0 = time.monotonic()
        kind, key = face["source"]
        raw = extract(kind, key, archives[(kind, key)], face["member"], args.cache)
        if face["sha256"] is None:
            face["sha256"] = sha256_bytes(raw)     # the tarball's own sha256 pins it
        if sha256_bytes(raw) != face["sha256"]:
            sys.exit(f'{face["member"]}: sha256 {sha256_bytes(raw)} != pinned {face["sha256"]}')
        upstream = TTFont(io.BytesIO(raw), lazy=True)
        before = metrics_report(upstream) if face.get("fix_punct") else None
        face_cps = symbol_cps if face.get("ranges") else cps
        sub = hb_subset(raw, face_cps)
        added, donor_member = [], None
        if face.get("supplement"):
            member, name = face["supplement"]
            ttc = extract("deb", "fonts-noto-cjk", archives[("deb", "fonts-noto-cjk")], member,
                          args.cache)
            donor_member = (member, name, len(ttc), sha256_bytes(ttc))
            sub, added = supplement_glyphs(sub, (ttc, donor_face(ttc, name)), han_cps)
        data, fixlog = postprocess(sub, face, upstream)
        tags = table_check(data)
        out_path = args.out / face["out"]
        out_path.write_bytes(data)
        font = TTFont(io.BytesIO(data))
        cmap = font.getBestCmap()
        have = {chr(u) for u in cmap}
        res = {
            "face": face, "tags": tags, "size": len(data), "sha256": sha256_bytes(data),
            "upstream_size": len(raw), "glyphs": font["maxp"].numGlyphs,
            "upstream_glyphs": upstream["maxp"].numGlyphs, "upem": font["head"].unitsPerEm,
            "gb_missing": sorted(gb_han - have), "gb_other_missing": sorted(gb_other - have),
            "tygf_missing": [c for c in tygf if c not in have],
            "trad_missing": [c for c in trad if c not in have], "trad": len(trad),
            "requested": len(face_cps),
            "requested_missing": sorted(u for u in face_cps if u not in cmap),
            "metrics": metrics_report(font), "metrics_before": before, "fixlog": fixlog,
            "cmap_size": len(cmap), "added": added, "donor": donor_member,
            "version": upstream["name"].getDebugName(5),
            "seconds": time.monotonic() - t0,
        }
        results.append(res)
        print(f'  {face["out"]}: {len(data):,} bytes, {res["glyphs"]} glyphs, '
              f'GB2312 hanzi {6763 - len(res["gb_missing"])}/6763, '
              f'8105 list {8105 - len(res["tygf_missing"])}/8105, '
              f'traditional {len(trad) - len(res["trad_missing"])}/{len(trad)} '
              f'({res["seconds"]:.1f} s)', flush=True)

    if not args.no_verify:
        with tempfile.TemporaryDirectory() as tmp:
            for r in results:
                reportlab_check(args.out / r["face"]["out"], Path(tmp))
        print("  ReportLab: all faces register and draw")

    (args.out / "PROVENANCE.md").write_text(provenance(results, args.out, cps), encoding="utf-8")
    print_report(results)
    print(f"done in {time.monotonic() - t_start:.1f} s (fetch/verify {t_fetch - t_start:.1f} s)")


# ---------------------------------------------------------------------------
# Provenance and console report
# ---------------------------------------------------------------------------
def fmt_metrics(m: dict) -> str:
    parts = []
    for ch, v in m.items():
        if v is None:
            parts.append(f"{ch} missing")
        else:
            adv, ink = v
            parts.append(f"{ch} {adv}" + ("" if ink is None else f" [{ink[0]}..{ink[1]}]"))
    return "; ".join(parts)


def left_half(m: dict, ch: str, em: int) -> str:
    v = m.get(ch)
    if v is None or v[1] is None:
        return "n/a"
    return "yes" if v[1][1] <= em / 2 else "no"


def print_report(results: list) -> None:
    print("\nadvance widths (advance [ink xMin..xMax], units per em in brackets):")
    for r in results:
        em = r["upem"]
        print(f'  {r["face"]["out"]} (upem {em}): {fmt_metrics(r["metrics"])}')
        print(f'    ，。 ink in left half: ，{left_half(r["metrics"], "，", em)} '
              f'。{left_half(r["metrics"], "。", em)}')
        for ch, a0, a1, ink0, ink1 in r["fixlog"]:
            print(f"    fixed {ch}: advance {a0} -> {a1}, ink {ink0[0]}..{ink0[1]} -> {ink1[0]}..{ink1[1]}")
        if (r["gb_missing"] or r["tygf_missing"]) and not r["face"].get("ranges"):
            print(f'    missing GB2312: {"".join(r["gb_missing"])}  missing 8105: {"".join(r["tygf_missing"])}')
        if r["gb_other_missing"]:
            print(f'    missing GB2312 non-Han: {" ".join(r["gb_other_missing"])}')


def ranges(cps: list[int]) -> str:
    """'U+0104–U+0109, U+2017, ...' for a sorted list of code points."""
    out, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append(f"U+{cps[i]:04X}" if i == j else f"U+{cps[i]:04X}–U+{cps[j]:04X}")
        i = j + 1
    return ", ".join(out)


def provenance(results: list, outdir: Path, cps: set[int]) -> str:
    L = []
    L.append("# Bundled fonts: provenance\n")
    L.append("Generated by `scripts/build_fonts.py`; do not edit by hand. Rebuild with\n")
    L.append("```\npython scripts/build_fonts.py\n```\n")
    L.append("It downloads the pinned upstream packages (npm `npm pack`, Debian `apt-get download`) into "
             "`~/.cache/layout-fonts` (or `$LAYOUT_FONT_CACHE`), checks their sha256, subsets with "
             "HarfBuzz (uharfbuzz hb-subset), post-processes with fontTools, and writes byte-identical "
             "files on every run (head.modified is pinned to "
             f"`{FONT_TIMESTAMP}`; head.created is kept from upstream).\n")
    L.append("All fonts are under the SIL Open Font License 1.1; the licence texts as shipped upstream are "
             "in the `LICENSE-OFL-*.txt` files next to the fonts. The outputs are Modified Versions "
             "(subsets) in the OFL's sense.\n")
    L.append("## Changes common to every file\n")
    L.append(f"- Subset to {len(cps)} requested code points: GB 2312 (all 6763 hanzi and all "
             "682 non-Han characters that Python's gb2312 codec decodes; note that codec maps GB 2312's "
             "dash A1AA to U+2015 and its middle dot A1A4 to U+30FB, so U+2014 and U+00B7 are added "
             "explicitly) ∪ the 8105 characters of 通用规范汉字表 (`data/tygf-8105.txt`, including its "
             "196 characters above U+FFFF) ∪ their traditional counterparts not in it "
             "(`layout/fonts/data/trad-8105.txt`, written by the script from OpenCC's "
             "STCharacters, TSCharacters, TWVariants and HKVariants as the npm package `opencc-js` "
             "1.4.2 ships them) ∪ the ranges listed in `EXTRA_RANGES` in the script "
             "(ASCII, Latin-1, Latin Extended-A, pinyin, General Punctuation U+2010–U+2027 and "
             "U+2030–U+205E, ⸺ ⸻, ℃ ℉ № ™, Roman numerals, arrows U+2190–U+21FF, mathematical "
             "operators U+2200–U+22FF, enclosed alphanumerics "
             "①–⑳ ⑴ ⒈ ⓐ, box drawing, geometric shapes, ❶–❿, CJK Symbols and Punctuation "
             "U+3000–U+303F, ㈠ ㊀, ㎡ ㎏ units, vertical and compatibility forms, full-width forms "
             "U+FF01–U+FF5E and U+FFE0–U+FFE6 incl. ￥). Code points a face lacks are simply absent. "
             "The symbol face (`symbols.ttf`) is cut to `SYMBOL_RANGES` instead.")
    L.append("- Tables kept: " + ", ".join(sorted(KEEP_TABLES)) + ". Dropped: GSUB, GPOS, GDEF, BASE, "
             "STAT, vhea, vmtx, gasp, fpgm, prep, cvt and any other (ReportLab ignores layout tables; "
             "they roughly double the size). Hinting instructions removed. Glyph names dropped "
             "(post format 3). The .notdef box outline is kept.")
    L.append("- name table: records with IDs 0–22 kept in every language (IDs 25 and 256+ that "
             "belonged to the dropped STAT table removed); \"; layout subset\" appended to the version "
             "string (ID 5).")
    L.append(f"- head.modified set to the constant `{FONT_TIMESTAMP}`.\n")
    for r in results:
        f = r["face"]
        kind, key = f["source"]
        if kind == "npm":
            pkg = NPM_PACKAGES[key]
            src = f'npm `{pkg["spec"]}` version `{pkg["version"]}` (tarball `{pkg["tarball"]}`, sha256 `{pkg["sha256"]}`)'
        else:
            pkg = DEB_PACKAGES[key]
            src = f'Debian package `{key}` version `{pkg["version"]}` (`{pkg["file"]}`, sha256 `{pkg["sha256"]}`)'
        L.append(f'## fonts/{f["out"]}\n')
        L.append(f'- Role: {f["role"]}. Font: {f["font"]} (`{r["version"]}`), licence `{f["license"]}`.')
        L.append(f"- Upstream: {src}.")
        L.append(f'- Upstream file: `{f["member"]}`, {r["upstream_size"]:,} bytes, '
                 f'{r["upstream_glyphs"]} glyphs, sha256 `{f["sha256"]}`.')
        L.append(f'- Output: {r["size"]:,} bytes, {r["glyphs"]} glyphs, {r["cmap_size"]} mapped code points, '
                 f'sha256 `{r["sha256"]}`. Tables: {", ".join(r["tags"])}.')
        gbm, tym = r["gb_missing"], r["tygf_missing"]
        if f.get("ranges"):
            L.append(f'- Coverage: {r["requested"] - len(r["requested_missing"])}/{r["requested"]} of '
                     "the symbol blocks of `SYMBOL_RANGES` (general punctuation, letterlike symbols, "
                     "arrows, mathematical operators, miscellaneous technical, geometric shapes, "
                     "miscellaneous symbols and dingbats, supplemental arrows and mathematical "
                     "symbols); no Han characters: the face only ends the chains.")
        else:
            L.append(f"- Coverage: GB 2312 hanzi {6763 - len(gbm)}/6763"
                 + (f' (missing: {"".join(gbm)})' if gbm else "")
                 + f"; 通用规范汉字表 {8105 - len(tym)}/8105"
                 + (f' (missing: {" ".join(f"{c} U+{ord(c):04X}" for c in tym)})' if tym else "")
                 + f'; GB 2312 non-Han {682 - len(r["gb_other_missing"])}/682'
                 + (f' (missing: {" ".join(r["gb_other_missing"])})' if r["gb_other_missing"] else "")
                 + f'; traditional counterparts {r["trad"] - len(r["trad_missing"])}/{r["trad"]}'
                 + f'; {r["requested"] - len(r["requested_missing"])}/{r["requested"]} of all requested code points'
                 + (f' (absent from upstream: {ranges(r["requested_missing"])})' if r["requested_missing"] else "")
                 + ".")
        if "rename" in f:
            rn = f["rename"]
            L.append(f'- Renamed (OFL Reserved Font Names {" and ".join(repr(x) for x in f["reserved_names"])}): '
                     f'family "{rn["family"]}", subfamily "{rn["subfamily"]}", full name "{rn["family"]}", '
                     f'PostScript name "{rn["ps"]}", unique ID "<version>;{rn["ps"]}", in every language '
                     "(name IDs 1, 2, 3, 4, 6 and 16, 17, 21, 22 where present). Copyright (ID 0), "
                     "trademark (ID 7) and licence (IDs 13, 14) records kept unchanged. "
                     "Mac-platform (legacy) name records dropped by the subsetter.")
        if r["fixlog"]:
            fixes = "; ".join(f"{ch} advance {a0}→{a1}, ink x {i0[0]}..{i0[1]}→{i1[0]}..{i1[1]}"
                              + (" (already 1 em and centred: unchanged)" if a0 == a1 and i0 == i1 else "")
                              for ch, a0, a1, i0, i1 in r["fixlog"])
            L.append("- Glyph fixes (proportional quotes and interpunct set in a 1-em box: opening quotes "
                     "keep their right side bearing so the ink sits in the right half, closing quotes keep "
                     f"their left side bearing, · centred): {fixes}.")
        elif not r["added"]:
            L.append("- Glyphs: unchanged.")
        if r["added"]:
            member, name, size, sha = r["donor"]
            pkg = DEB_PACKAGES["fonts-noto-cjk"]
            L.append(f'- Glyphs added: {len(r["added"])} characters the upstream file lacks ('
                     + " ".join(f"{chr(u)} U+{u:04X}" for u in r["added"])
                     + f'), from {name} (the same design in CFF outlines) in Debian package '
                     f'`fonts-noto-cjk` version `{pkg["version"]}` (`{pkg["file"]}`, sha256 '
                     f'`{pkg["sha256"]}`), file `{member}` ({size:,} bytes, sha256 `{sha}`), '
                     "licence `LICENSE-OFL-NotoCJK.txt`: outlines converted to TrueType "
                     "quadratics (fontTools Cu2QuPen, max error 1 unit), the donor's advance "
                     "widths, appended after the upstream glyphs (their glyph IDs unchanged); "
                     "the upstream glyphs unchanged.")
        em = r["upem"]
        L.append(f'- Metrics (units per em {em}; advance [ink x-extent]): {fmt_metrics(r["metrics"])}. '
                 f'，and 。 ink in the left half (mainland style): ，{left_half(r["metrics"], "，", em)}, '
                 f'。{left_half(r["metrics"], "。", em)}.\n')
    L.append("## Notes\n")
    L.append("- Noto SC's U+2014 — is proportional (advance < 1 em, with side bearings), so —— prints with "
             "a gap: the layout engine draws the 破折号 as one continuous 2-em bar.")
    L.append("- The expo packages' `LICENSE_FONT` files are copied unchanged. The Noto Serif SC one "
             "carries a generic \"Copyright 2012 Google Inc.\" header while the font's own copyright "
             "record says \"(c) 2017-2024 Adobe\"; the Noto Sans SC one carries Adobe's header with the "
             "Reserved Font Name 'Source', which the Noto names do not use.")
    L.append("- Three traditional counterparts, U+2144D, U+23236 and U+255FD, are in no Noto SC "
             "TrueType build and in no face of Debian's `fonts-noto-cjk` either: the 宋 and 黑 "
             "chains draw them from 楷 (their fallback), which has them.")
    L.append("- The LXGW licence file is built from the Debian package's `copyright` file (the .deb "
             "ships no OFL.txt): its copyright line, its Reserved Font Names comment, and its OFL-1.1 "
             "text with Debian's indentation removed. The font's own copyright record also names "
             "\"Copyright 2020 The Klee Project Authors\" (kept in name ID 0). The Noto CJK "
             "licence file is built the same way from `fonts-noto-cjk`'s `copyright` file (its "
             "OFL text under the name SIL-1.1), headed by the font's copyright record.")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
