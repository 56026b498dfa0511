"""Fonts as the PDF carries them: every font embedded and subset, none outside the configured
or bundled ones, and no glyph drawn as .notdef (the empty box, 豆腐块, a print shop finds
after the plates are made).

Place in the pipeline: after `pdfread`; uses the font resources of each page and the glyphs
drawn with them. References (docs/fonts.md; PDF 32000-1 §9.6.4 font subsets, §9.8 font
descriptors):
  - embedded: the descriptor has /FontFile, /FontFile2 or /FontFile3 (a Type3 font has no
    program the print shop can check and is not one of ours);
  - subset: BaseFont starts with a tag of six capitals and "+" (§9.6.4), as the writer names
    its one subset per face;
  - an ad's or logo's own fonts (preflight.artwork) are only checked for being embedded;
  - allowed: BaseFont after the tag is the PostScript name (name ID 6) of a configured role's
    font or of a font bundled in fonts/. The names are read by fonts.fontfile's header reader
    (its parse is shared with the build in one process), not by fontTools, which took
    64–108 ms to open the allowed fonts;
  - .notdef: the char code maps to glyph 0 or to no glyph in the embedded program's cmap
    (a simple TrueType font), or is CID 0 (a CID font: its code is the glyph).
"""
from __future__ import annotations

import functools
import io
import os
import re
from pathlib import Path

from layout.preflight.expect import PageExpect
from layout.preflight.fidelity import Attribution
from layout.preflight.findings import Finding
from layout.preflight.pdfread import PdfPage

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
DEDUP = re.compile(r"-\d+$")
MAX_NOTDEF = 20      # per page


@functools.lru_cache(maxsize=None)
def _ps_names(path: str, size: int, mtime: int) -> frozenset[str]:
    """PostScript names (name ID 6) of a font file, of every face of a collection, once per
    file version and process."""
    from layout.fonts.fontfile import FontFileError, faces, open_face
    try:
        fl = faces(path)
        names = (open_face(path, full if idx >= 0 else "").name(6) for idx, _, full in fl)
        return frozenset(n for n in names if n)
    except (FontFileError, OSError):
        return frozenset()


def allowed_fonts(choices=()) -> frozenset[str]:
    """PostScript names of the fonts of every role's chain as the issue configures them
    (its `fonts:` section over the bundled defaults) and of every font bundled in fonts/."""
    from layout.fonts.fontset import FONT_DIR, FontSet
    fs = FontSet.configure(choices) if choices else FontSet()
    paths = {str(src.path) for role in fs.roles for src in fs.chain(role)}
    if FONT_DIR.is_dir():
        paths |= {str(p) for p in FONT_DIR.iterdir()
                  if p.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc")}
    out = set()
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            continue
        out |= _ps_names(p, st.st_size, st.st_mtime_ns)
    return frozenset(out)


def _bare(basefont: str) -> str:
    """BaseFont without the subset tag, and without the "-2" ReportLab's writer adds when two
    fonts of one document share a PostScript name (layout.fonts._register)."""
    return DEDUP.sub("", SUBSET_TAG.sub("", basefont))


def _notdef_codes(program: tuple[str, bytes | None]) -> frozenset[int] | None:
    """Codes of the font that draw .notdef, or None when we cannot tell (no TrueType program).
    Simple TrueType fonts map codes through the (3,0) or (1,0) cmap of their program (PDF
    32000-1 §9.6.6.4); CID fonts with an Identity CIDToGIDMap draw .notdef for CID 0."""
    kind, data = program
    if kind == "cid":
        return frozenset({0})
    if data is None:
        return None
    from fontTools.ttLib import TTFont, TTLibError     # a simple TrueType font only (~50 ms)
    try:
        tt = TTFont(io.BytesIO(data), lazy=True)
        order = tt.getGlyphOrder()
        table = tt["cmap"].getcmap(3, 0) or tt["cmap"].getcmap(1, 0) or tt["cmap"].getcmap(3, 1)
    except (TTLibError, KeyError, AssertionError, ValueError, OSError):
        return None
    if table is None:
        return None
    cmap = table.cmap
    sym = table.platformID == 3 and table.platEncID == 0
    bad = set()
    for code in range(256):
        name = cmap.get(0xF000 + code if sym else code) or cmap.get(code)
        if name is None or name == order[0]:
            bad.add(code)
    return frozenset(bad)


def _where(page: PdfPage, exp: PageExpect, at: Attribution, basefont: str):
    for i in at.visible:
        g = page.glyphs[i]
        if g.font == basefont:
            k = at.block[i]
            owner = exp.blocks[k].owner if k >= 0 else None
            text = "".join(x.text for x in page.glyphs[max(0, i - 6):i + 7])
            return owner, text, g.box()
    return None, "", None


def check_fonts(page: PdfPage, exp: PageExpect, at: Attribution,
                allowed: frozenset[str]) -> list[Finding]:
    out: list[Finding] = []
    for f in page.fonts:
        name = f["basefont"]
        bare = SUBSET_TAG.sub("", name)
        owner, text, box = _where(page, exp, at, name)
        if f["subtype"] == "/Type3":
            out.append(Finding(exp.number, owner, "font-not-allowed",
                               f"Type3 font {f['resource']} ({name or 'no name'}): not one of "
                               "the configured fonts", text, box))
            continue
        if not f["embedded"]:
            out.append(Finding(exp.number, owner, "font-not-embedded",
                               f"font {name} ({f['subtype'].lstrip('/')}) is not embedded: the "
                               "printer would substitute its own", text, box))
        elif f.get("artwork"):          # an ad's or logo's own font: embedded is all we ask
            continue
        elif not SUBSET_TAG.match(name):
            out.append(Finding(exp.number, owner, "font-not-subset",
                               f"font {name} is embedded whole, not as a subset", text, box))
        if bare not in allowed and _bare(name) not in allowed:
            out.append(Finding(exp.number, owner, "font-not-allowed",
                               f"font {bare} is none of the configured or bundled fonts "
                               f"({', '.join(sorted(allowed))})", text, box))
    cache: dict[int, frozenset[int] | None] = {}
    n = 0
    for i in at.visible + [g.i for g in page.glyphs if not g.text.strip()]:
        g = page.glyphs[i]
        if g.fid not in cache:
            cache[g.fid] = _notdef_codes(page.programs[g.fid])
        bad = cache[g.fid]
        if bad is None or g.code not in bad:
            continue
        n += 1
        if n <= MAX_NOTDEF:
            k = at.block[i]
            ctx = "".join(x.text for x in page.glyphs[max(0, i - 8):i])
            after = "".join(x.text for x in page.glyphs[i + 1:i + 9])
            out.append(Finding(exp.number, exp.blocks[k].owner if k >= 0 else None, "notdef",
                               f"code {g.code} of {g.font} draws .notdef (an empty box); it "
                               f"reads as {g.text!r}", f"{ctx}⟦{g.text}⟧{after}", g.box()))
    if n > MAX_NOTDEF:
        out.append(Finding(exp.number, None, "notdef", f"and {n - MAX_NOTDEF} more .notdef "
                           "glyphs on this page"))
    return out
