"""TrueType subsets for the PDF's CID fonts, read straight from the font file on disk.

A subset keeps the glyph ids of the font it comes from (docs/fonts.md, embedding): glyph 0,
every glyph the document draws and the components of its composite glyphs keep their
outlines at their own index, every other index is an empty glyph. The PDF draws with 2-byte
codes equal to those glyph ids (Identity-H, CIDToGIDMap /Identity: ISO 32000-1 §9.7.4.2), so
the code of a character never depends on which other characters the document draws: a page's
content stream stays the same when a story on another page changes, and a warm rebuild
(`layout watch`) reuses it. The empty glyphs cost little: their loca entries repeat one offset
and their hmtx entries are zeros, both of which deflate to almost nothing.

`extra` glyphs are appended after the font's last glyph, each a copy of one of its glyphs: a
second character drawn with a glyph already drawn for another (U+00A0 with the space glyph,
U+2F00 ⼀ with 一's) needs its own code, so that its ToUnicode entry, and with it the text the
PDF extracts, stays that character (pdf.embed assigns them).

Tables: glyf and loca rebuilt; hmtx (advance and lsb of each kept glyph), hhea and maxp with
the new glyph count; head with the loca format and the checksum adjustment; name, OS/2, cvt,
fpgm and prep copied (hinting); post as version 3 (no glyph names); a (3,1) format 4 cmap of
the document's BMP characters, which a CIDFontType2 does not need but some RIPs look for.
Reading: the header tables once, then only the glyphs of the subset (os.pread), ~1.5 ms for
the ~1,000 glyphs of a broadsheet page's body face.
"""
from __future__ import annotations

import os
import sys
from array import array
from itertools import accumulate
from struct import pack, unpack_from

_SWAP = sys.byteorder == "little"
# composite glyph flags (OpenType glyf): argument size and transform size of a component
_WORDS, _SCALE, _MORE, _XY, _2X2 = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080
COPIED = ("name", "OS/2", "cvt ", "fpgm", "prep")


class FontChanged(Exception):
    """The font file changed on disk after it was loaded (a running `layout watch`)."""


def _components(data: bytes):
    """Glyph ids of the components of a composite glyph."""
    pos, flags = 10, _MORE
    while flags & _MORE:
        flags, gid = unpack_from(">HH", data, pos)
        yield gid
        pos += 4 + (4 if flags & _WORDS else 2)
        pos += 2 if flags & _SCALE else 4 if flags & _XY else 8 if flags & _2X2 else 0


def _be(code: str, values) -> bytes:
    """Big-endian bytes of `values` as an array of `code`."""
    a = array(code, values)
    if _SWAP:
        a.byteswap()
    return a.tobytes()


def checksum(data: bytes) -> int:
    """The sfnt table checksum: the sum of big-endian uint32s, zero-padded, modulo 2**32."""
    if len(data) & 3:
        data = data + b"\0" * (4 - (len(data) & 3))
    a = array("I", data)
    if _SWAP:
        a.byteswap()
    return sum(a) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """An sfnt file: tables sorted by tag, 4-byte aligned, with the whole-file checksum
    adjustment written into head (OpenType spec, table directory and head)."""
    n = len(tables)
    sr, sel = 1, 0
    while sr * 2 <= n:
        sr, sel = sr * 2, sel + 1
    out = [pack(">lHHHH", 0x00010000, n, sr * 16, sel, n * 16 - sr * 16)]
    offset, head_at, total = 12 + n * 16, 0, 0
    items = sorted(tables.items())
    for tag, data in items:
        if tag == "head":
            head_at = offset
        sum_ = checksum(data)
        total += sum_
        out.append(tag.encode("latin-1") + pack(">LLL", sum_, offset, len(data)))
        offset += (len(data) + 3) & ~3
    # the whole file's sum: its header's and directory's words and each table's (every
    # table starts on a 4-byte boundary, padded with zeros), not a second pass over the
    # file (~1.7 ms of the sample's 330 KB body face)
    total += checksum(b"".join(out))
    for _, data in items:
        out.append(data + b"\0" * (-len(data) & 3))
    font = bytearray(b"".join(out))
    font[head_at + 8:head_at + 12] = pack(">L", (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(font)


def cmap4(pairs: list[tuple[int, int]]) -> bytes:
    """A cmap table with one (3,1) format 4 subtable: one segment per (code point, glyph) of
    the BMP, sorted, and the closing 0xFFFF segment."""
    pairs = [(c, g) for c, g in pairs if c < 0xFFFF]
    seg = len(pairs) + 1
    sr, sel = 1, 0
    while sr * 2 <= seg:
        sr, sel = sr * 2, sel + 1
    ends = [c for c, _ in pairs] + [0xFFFF]
    deltas = [(g - c) & 0xFFFF for c, g in pairs] + [1]
    body = (pack(">7H", 4, 16 + 8 * seg, 0, 2 * seg, 2 * sr, sel, 2 * seg - 2 * sr)
            + _be("H", ends) + b"\0\0" + _be("H", ends) + _be("H", deltas)
            + b"\0\0" * seg)
    return pack(">HHHHL", 0, 1, 3, 1, 12) + body


class Program:
    """The glyph data of one TrueType face, read from its file when a subset is made: the
    header tables once, loca and hmtx once, the glyphs of each subset by pread. Refuses to
    read (FontChanged) when the file is not the version whose tables were read."""

    def __init__(self, path, tables: dict[str, tuple[int, int]], num_glyphs: int,
                 loca_long: bool, n_hmetrics: int):
        self.path = str(path)
        st = os.stat(self.path)
        self.stamp = (st.st_size, st.st_mtime_ns)
        self.tables, self.n = tables, num_glyphs
        self.loca_long, self.nhm = loca_long, n_hmetrics
        self._loca: array | None = None
        self._hmtx: array | None = None
        self._raw: dict[str, bytes] = {}

    def open(self):
        f = open(self.path, "rb")
        st = os.fstat(f.fileno())
        if (st.st_size, st.st_mtime_ns) != self.stamp:
            f.close()
            raise FontChanged(f"the font {self.path} changed on disk after it was loaded: "
                              "restart the build (or `layout watch`)")
        return f

    def table(self, tag: str) -> bytes | None:
        if tag not in self._raw:
            at = self.tables.get(tag)
            if at is None:
                return None
            with self.open() as f:
                self._raw[tag] = os.pread(f.fileno(), at[1], at[0])
        return self._raw[tag]

    def _arrays(self) -> tuple[array, array]:
        if self._loca is None:
            loca = array("I" if self.loca_long else "H", self.table("loca")[
                :(4 if self.loca_long else 2) * (self.n + 1)])
            hm = array("h", self.table("hmtx")[:4 * self.nhm + 2 * (self.n - self.nhm)])
            if _SWAP:
                loca.byteswap()
                hm.byteswap()
            self._loca = loca if self.loca_long else array("I", (v << 1 for v in loca))
            self._hmtx = hm
        return self._loca, self._hmtx

    def hmetric(self, g: int) -> tuple[int, int]:
        """(advance, lsb) of glyph g in font units (hmtx: the last advance repeats)."""
        hm, nhm = self._arrays()[1], self.nhm
        if g < nhm:
            return hm[2 * g] & 0xFFFF, hm[2 * g + 1]
        return hm[2 * nhm - 2] & 0xFFFF, hm[2 * nhm + g - nhm]

    def glyphs(self, gids) -> dict[int, bytes]:
        """The glyf data of each glyph of `gids` and of the components they use."""
        loca = self._arrays()[0]
        glyf = self.tables["glyf"][0]
        out: dict[int, bytes] = {}
        todo = sorted(set(gids))
        with self.open() as f:
            fd = f.fileno()
            while todo:
                more = []
                for g in todo:
                    a, b = (loca[g], loca[g + 1]) if g < self.n else (0, 0)
                    d = out[g] = os.pread(fd, b - a, glyf + a) if b > a else b""
                    if len(d) > 10 and d[0] & 0x80:       # numberOfContours < 0: composite
                        more.extend(c for c in _components(d) if c not in out and c < self.n)
                todo = sorted(set(more) - out.keys())
        return out

    def subset(self, used, extra=(), cmap_pairs=()) -> bytes:
        """The program of glyph 0, the glyphs `used` (and their components) at their own
        index, and `extra` glyphs (copies of the glyphs listed) appended after the last."""
        data = self.glyphs({0, *used, *extra})
        count = self.n + len(extra)
        kept = [(g, data[g]) for g in sorted(data)]
        kept += [(self.n + k, data[g]) for k, g in enumerate(extra)]
        parts = [d + b"\0" * (-len(d) & 3) for _, d in kept]     # each padded to 4 bytes
        long_loca = sum(map(len, parts)) > 0x1FFFE
        shift = 0 if long_loca else 1          # the short form stores offsets / 2
        lengths = [0] * count
        for (g, _), d in zip(kept, parts):
            lengths[g] = len(d) >> shift
        offsets = [0, *accumulate(lengths)]    # accumulated in C: a face has ~10k glyphs
        hm = array("h", bytes(4 * count))
        for g in data:
            a, lsb = self.hmetric(g)
            hm[2 * g], hm[2 * g + 1] = a - 0x10000 if a > 0x7FFF else a, lsb
        for k, g in enumerate(extra):
            hm[2 * (self.n + k)], hm[2 * (self.n + k) + 1] = hm[2 * g], hm[2 * g + 1]
        if _SWAP:
            hm.byteswap()
        out = {t: d for t in COPIED if (d := self.table(t)) is not None}
        out["glyf"] = b"".join(parts)
        out["loca"] = _be("I" if long_loca else "H", offsets)
        out["hmtx"] = hm.tobytes()
        post = self.table("post")
        out["post"] = b"\x00\x03\x00\x00" + post[4:16] + b"\x00" * 16
        hhea, maxp, head = self.table("hhea"), self.table("maxp"), self.table("head")
        out["hhea"] = hhea[:34] + pack(">H", count) + hhea[36:]
        out["maxp"] = maxp[:4] + pack(">H", count) + maxp[6:]
        out["head"] = (head[:8] + b"\0\0\0\0" + head[12:50] + pack(">H", int(long_loca))
                       + head[52:])
        out["cmap"] = cmap4(sorted(cmap_pairs))
        return _sfnt(out)


def header_fields(prog: Program, upem: int) -> dict:
    """The FontDescriptor's fields (ISO 32000-1 §9.8, in 1/1000 em), read from head, OS/2,
    hhea and post as ReportLab's TrueType parser read them: ascent, descent and cap height
    from OS/2 (the hhea values and the bbox without it), flags Symbolic (a CJK font's
    characters are outside the standard Latin set) plus FixedPitch, Italic and ForceBold
    (weight 600 or more), StemV estimated from the weight (no TrueType table holds it)."""
    k = 1000 / upem
    head, post = prog.table("head"), prog.table("post")
    bbox = [round(v * k, 3) for v in unpack_from(">4h", head, 36)]
    os2 = prog.table("OS/2")
    weight = 500
    if os2 is not None:
        version, weight = unpack_from(">HxxH", os2, 0)
        asc, desc = unpack_from(">hh", os2, 68)
        cap = unpack_from(">h", os2, 88)[0] if version > 1 and len(os2) >= 90 else asc
    else:
        asc, desc = unpack_from(">hh", prog.table("hhea"), 4)
        cap = asc
    italic = unpack_from(">h", post, 4)[0] + unpack_from(">H", post, 6)[0] / 65536
    flags = 4 | (1 if unpack_from(">L", post, 12)[0] else 0) | (64 if italic else 0)
    flags |= (1 << 18) if weight >= 600 else 0
    return {"Ascent": round(asc * k, 3), "Descent": round(desc * k, 3),
            "CapHeight": round(cap * k, 3), "Flags": flags, "FontBBox": bbox,
            "ItalicAngle": round(italic, 3), "StemV": 50 + int((weight / 65.0) ** 2)}
