"""TrueType subsets for the PDF, byte for byte what ReportLab's TTFontFile.makeSubset writes,
but from the font file on disk: ReportLab's needs the whole file in memory and per-glyph
tables built when a font is registered (~9 ms a bundled face: 45 ms, 18 MB read, for the five).
This reads the header tables once and only the glyphs of the subset (os.pread): ~1.8 ms a
256-code subset (ReportLab's own: 2.0 ms with rl_accel).

A subset is what ReportLab embeds for one 256-code font resource (docs/fonts.md): glyph 0, the
subset's glyphs in code order and the components of its composite glyphs; tables name, OS/2,
cvt, fpgm, prep copied, post as version 3 (no glyph names), hmtx, hhea, maxp, a format 6
(1, 0) cmap of the codes, glyf, loca, head with its checksum adjustment. tests/test_ttsubset.py
compares the output with ReportLab's own makeSubset.
"""
from __future__ import annotations

import sys
from array import array
from struct import pack, unpack_from

_SWAP = sys.byteorder == "little"
# composite glyph flags (OpenType glyf): argument size and transform size of a component
_WORDS, _SCALE, _MORE, _XY, _2X2 = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080


def _components(data: bytes):
    """(offset of the glyph index, glyph index) of each component of a composite glyph."""
    pos, flags = 10, _MORE
    while flags & _MORE:
        flags, gid = unpack_from(">HH", data, pos)
        yield pos + 2, gid
        pos += 4 + (4 if flags & _WORDS else 2)
        pos += 2 if flags & _SCALE else 4 if flags & _XY else 8 if flags & _2X2 else 0


def checksum(data: bytes) -> int:
    """The sfnt table checksum: the sum of big-endian uint32s, zero-padded, modulo 2**32."""
    if len(data) & 3:
        data = data + b"\0" * (4 - (len(data) & 3))
    a = array("I", data)
    if _SWAP:
        a.byteswap()
    return sum(a) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """ReportLab's TTFontMaker.makeStream: tables sorted by tag, 4-byte aligned, with the
    whole-file checksum adjustment written into head."""
    n = len(tables)
    sr, sel = 1, 0
    while sr * 2 <= n:
        sr, sel = sr * 2, sel + 1
    out = [pack(">lHHHH", 0x00010000, n, sr * 16, sel, n * 16 - sr * 16)]
    offset, head_at = 12 + n * 16, 0
    items = sorted(tables.items())
    for tag, data in items:
        if tag == "head":
            head_at = offset
        out.append(tag.encode("latin-1") + pack(">LLL", checksum(data), offset, len(data)))
        offset += (len(data) + 3) & ~3
    for _, data in items:
        out.append(data + b"\0" * (-len(data) & 3))
    font = bytearray(b"".join(out))
    font[head_at + 8:head_at + 12] = pack(">L", (0xB1B0AFBA - checksum(font)) & 0xFFFFFFFF)
    return bytes(font)


def make_subset(subset, *, cmap, table, glyphs, loca, hmetrics) -> bytes:
    """The TrueType program of `subset` (code points in code order, index = char code).
    cmap: code point -> glyph; table(tag) -> bytes or None; glyphs(offsets) -> the glyf data
    of each (start, end) range; loca: glyph -> offset in glyf (numGlyphs + 1 entries);
    hmetrics(gid) -> (advance, lsb) in font units."""
    glyph_map, glyph_set, code_to_glyph = [0], {0: 0}, []
    for code in subset:
        g = cmap.get(code, 0)
        if g not in glyph_set:
            glyph_set[g] = len(glyph_map)
            glyph_map.append(g)
        code_to_glyph.append(glyph_set[g])
    data: dict[int, bytes] = {}
    n = 0
    while n < len(glyph_map):          # components of composites join the subset at its end
        todo = glyph_map[n:]
        n = len(glyph_map)
        for g, d in zip(todo, glyphs([(loca[g], loca[g + 1]) for g in todo])):
            data[g] = d
            if len(d) > 2 and d[0] & 0x80:        # numberOfContours < 0: a composite
                for _, c in _components(d):
                    if c not in glyph_set:
                        glyph_set[c] = len(glyph_map)
                        glyph_map.append(c)
    out = {}
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        t = table(tag)
        if t is not None:
            out[tag] = t
    out["post"] = b"\x00\x03\x00\x00" + table("post")[4:16] + b"\x00" * 16
    count = len(glyph_map)
    hmtx = []
    for g in glyph_map:
        hmtx.extend(hmetrics(g))
    k = len(hmtx) - 2                  # trailing glyphs of one advance keep only their lsb
    while k and hmtx[k] == hmtx[k - 2]:
        k -= 2
    k += 2
    hmtx = hmtx[:k] + hmtx[k + 1::2]
    out["hmtx"] = pack(">%dH" % len(hmtx), *hmtx)
    hhea = table("hhea")
    out["hhea"] = hhea[:34] + pack(">H", k >> 1) + hhea[36:]
    maxp = table("maxp")
    out["maxp"] = maxp[:4] + pack(">H", count) + maxp[6:]
    cmap6 = [0, 1, 1, 0, 0, 12, 6, 10 + 2 * len(code_to_glyph), 0, 0, len(code_to_glyph)]
    out["cmap"] = pack(">%dH" % (len(cmap6) + len(code_to_glyph)), *cmap6, *code_to_glyph)
    parts, offsets, pos = [], [], 0
    for g in glyph_map:
        offsets.append(pos)
        d = data[g]
        if len(d) > 2 and d[0] & 0x80:            # renumber the components
            b = bytearray(d)
            for at, c in _components(d):
                b[at:at + 2] = pack(">H", glyph_set[c])
            d = bytes(b)
        parts.append(d)
        pos += len(d)
        if pos & 3:
            parts.append(b"\0" * (4 - (pos & 3)))
            pos += 4 - (pos & 3)
    offsets.append(pos)
    out["glyf"] = b"".join(parts)
    long_loca = (pos + 1) >> 1 > 0xFFFF
    out["loca"] = (pack(">%dL" % len(offsets), *offsets) if long_loca
                   else pack(">%dH" % len(offsets), *(o >> 1 for o in offsets)))
    head = table("head")
    out["head"] = head[:8] + b"\0\0\0\0" + head[12:50] + pack(">H", int(long_loca)) + head[52:]
    return _sfnt(out)
