"""subset: the TrueType subsets embedded in the PDF keep the font's glyph ids; every kept glyph
is byte for byte the font's own (read back with fontTools, independently of our reader), its
components come along, every other glyph is empty, and an extra glyph is a copy."""
from __future__ import annotations

import io
import random

import pytest
from fontTools.ttLib import TTFont

from layout.fonts.fontfile import open_face
from layout.fonts.fontset import FontSet
from layout.pdf.subset import Program


def _glyf_bytes(font: TTFont, gid: int) -> bytes:
    """The raw glyf data of glyph `gid`, sliced with the font's own loca."""
    loca = font["loca"]
    raw = font.reader["glyf"]
    return raw[loca[gid]:loca[gid + 1]].rstrip(b"\0") if loca[gid + 1] > loca[gid] else b""


@pytest.mark.parametrize("role", ["song", "hei", "kai"])
def test_glyph_ids_kept_and_glyphs_unchanged(role):
    ff = open_face(FontSet().path(role))
    prog = Program(ff.path, ff.tables, ff.num_glyphs, ff.loca_long, len(ff._adv))
    rng = random.Random(16)
    cps = rng.sample(sorted(ff.cmap), 300) + [0x20]
    gids = sorted({ff.cmap[c] for c in cps})
    extra = gids[:3]
    data = prog.subset(gids, extra, [(c, ff.cmap[c]) for c in cps])
    sub, orig = TTFont(io.BytesIO(data)), TTFont(str(ff.path))
    n = ff.num_glyphs
    assert sub["maxp"].numGlyphs == n + 3 and len(sub["loca"]) == n + 4
    kept = set(gids) | {0}
    for g in list(kept):     # the components of composites come along
        glyph = orig["glyf"][orig.getGlyphName(g)]
        if glyph.isComposite():
            kept |= {orig.getGlyphID(c.glyphName) for c in glyph.components}
    for g in range(n):
        want = _glyf_bytes(orig, g).rstrip(b"\0") if g in kept else b""
        assert _glyf_bytes(sub, g) == want, g
    for k, g in enumerate(extra):
        assert _glyf_bytes(sub, n + k) == _glyf_bytes(orig, g)
    sub_hmtx, orig_hmtx = sub["hmtx"].metrics, orig["hmtx"].metrics
    for g in gids:
        assert sub_hmtx[sub.getGlyphName(g)] == orig_hmtx[orig.getGlyphName(g)]
    cmap = sub["cmap"].getcmap(3, 1).cmap       # format 4: the BMP's characters
    bmp = [c for c in cps if c < 0xFFFF]
    assert {c: sub.getGlyphID(cmap[c]) for c in bmp} == {c: ff.cmap[c] for c in bmp}
    assert sub["head"].unitsPerEm == orig["head"].unitsPerEm


def test_subsets_are_repeatable():
    ff = open_face(FontSet().path("song"))
    prog = Program(ff.path, ff.tables, ff.num_glyphs, ff.loca_long, len(ff._adv))
    gids = sorted({ff.cmap[ord(c)] for c in "省科协召开部门年度总结报告会"})
    assert prog.subset(gids) == prog.subset(list(reversed(gids)))
