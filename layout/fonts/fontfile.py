"""One face of a font file, read cheaply: the cmap, advances, names and the few header fields
the composer, the coverage check and the PDF writer need, straight from the sfnt tables
(OpenType spec: table directory, cmap formats 4 and 12, hmtx, name, OS/2, head, loca/glyf).

Why not fontTools here: it builds glyph names for every glyph before it can give an advance,
45–60 ms per bundled 9.6k-glyph face and about 0.13 s for a 65k-glyph Noto CJK face; this
reader takes a few ms, and it runs before any CFF conversion (docs/fonts.md: metrics must not wait
for conversion). fontTools is only used for the bounds of a CFF glyph (the 破折号 bar).

Works on TTF, OTF (CFF or CFF2 outlines) and TTC/OTC collections, where a face is chosen by
name (name IDs 1, 4, 6, 16 and family + subfamily), never by index. Used by the loader (file
checks with positions), fonts.fontset (roles and chains) and fonts.convert (CFF -> TrueType).
"""
from __future__ import annotations

import mmap
import os
import sys
from array import array
from bisect import bisect_right
from collections.abc import Mapping
from itertools import chain
from pathlib import Path
from struct import error as StructError, unpack_from

from layout.errors import FontError

_SWAP = sys.byteorder == "little"      # sfnt data is big-endian
_CMAP_ORDER = ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 4, 4),
               (0, 1, 4), (0, 0, 4), (3, 0, 4))


class FontFileError(FontError):
    """A font file that cannot be used; message and hint are written for the editor."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def _arr(code: str, data, off: int, count: int) -> array:
    a = array(code)
    a.frombytes(data[off:off + count * a.itemsize])
    if _SWAP:
        a.byteswap()
    return a


def _directory(data, off: int) -> dict[str, tuple[int, int]]:
    (n,) = unpack_from(">H", data, off + 4)
    out = {}
    for i in range(n):
        tag, _, o, ln = unpack_from(">4sLLL", data, off + 12 + 16 * i)
        out[tag.decode("latin-1")] = (o, ln)
    return out


def _names(data, off: int) -> dict[int, list[str]]:
    """name ID -> strings, Windows English first (the spec's preferred record), then the rest."""
    _, count, store = unpack_from(">HHH", data, off)
    ranked: dict[int, list[tuple[int, str]]] = {}
    for i in range(count):
        pid, eid, lang, nid, ln, o = unpack_from(">6H", data, off + 6 + 12 * i)
        raw = data[off + store + o: off + store + o + ln]
        if pid == 3 or pid == 0:
            s, rank = raw.decode("utf-16-be", "replace"), (0 if lang == 0x409 else 1)
        elif pid == 1 and eid == 0:
            s, rank = raw.decode("mac-roman", "replace"), 2
        else:
            continue
        ranked.setdefault(nid, []).append((rank, s.strip("\0 ")))
    return {k: [s for _, s in sorted(v, key=lambda t: t[0])] for k, v in ranked.items()}


def _cmap(data, off: int) -> Mapping[int, int]:
    (n,) = unpack_from(">H", data, off + 2)
    subs = {}
    for i in range(n):
        pid, eid, o = unpack_from(">HHL", data, off + 4 + 8 * i)
        (fmt,) = unpack_from(">H", data, off + o)
        subs.setdefault((pid, eid, fmt), off + o)
    for key in _CMAP_ORDER:
        if key in subs:
            return (_cmap12 if key[2] == 12 else _cmap4)(data, subs[key])
    raise FontFileError("the font has no Unicode character map (cmap format 4 or 12)",
                        "use a Unicode font")


def _cmap4(data, o: int) -> dict[int, int]:
    seg2 = unpack_from(">H", data, o + 6)[0]
    seg = seg2 // 2
    ends = _arr("H", data, o + 14, seg)
    starts = _arr("H", data, o + 16 + seg2, seg)
    deltas = _arr("h", data, o + 16 + 2 * seg2, seg)
    ro_at = o + 16 + 3 * seg2
    ros = _arr("H", data, ro_at, seg)
    length = unpack_from(">H", data, o + 2)[0]
    gia = _arr("H", data, ro_at + seg2, max(0, (o + length - ro_at - seg2) // 2))
    m: dict[int, int] = {}
    for i in range(seg):
        s, e, d, r = starts[i], ends[i], deltas[i], ros[i]
        if s == 0xFFFF:
            continue
        if r == 0:
            m.update((c, (c + d) & 0xFFFF) for c in range(s, e + 1) if (c + d) & 0xFFFF)
        else:
            base = r // 2 - (seg - i) - s    # idRangeOffset counts from its own slot
            for c in range(s, e + 1):
                k = base + c
                g = gia[k] if 0 <= k < len(gia) else 0
                if g:
                    m[c] = (g + d) & 0xFFFF
    return m


class Groups(Mapping):
    """A format 12 cmap read-only as a mapping code point -> glyph, looked up by bisection in
    its sequential groups (OpenType cmap §format 12: sorted, non-overlapping). Expanding a
    bundled face's ~4k groups into a 9.6k-entry dict took 2.5 ms a face, 12 ms of a cold
    build; a document looks up ~1,000 characters (~1 µs each), memoised by fonts.FontSet."""

    def __init__(self, starts: array, ends: array, gids: array):
        self._s, self._e, self._g = starts, ends, gids
        self._n = sum(ends) - sum(starts) + len(starts)

    def get(self, cp, default=None):
        i = bisect_right(self._s, cp) - 1
        if i >= 0 and cp <= self._e[i]:
            return self._g[i] + cp - self._s[i]
        return default

    def __getitem__(self, cp):
        g = self.get(cp)
        if g is None:
            raise KeyError(cp)
        return g

    def __contains__(self, cp) -> bool:
        return self.get(cp) is not None

    def __iter__(self):
        return chain.from_iterable(map(range, self._s, (e + 1 for e in self._e)))

    def __len__(self) -> int:
        return self._n


def _cmap12(data, o: int) -> Groups:
    (n,) = unpack_from(">L", data, o + 12)
    groups = _arr("I", data, o + 16, 3 * n)
    return Groups(groups[0::3], groups[1::3], groups[2::3])


class FontFile:
    """One face. `cmap` maps code point -> glyph id; advances and bounds are in em."""

    def __init__(self, path: Path, index: int, data, offset: int, face: str):
        self.path, self.index, self.face = path, index, face
        self.tables = _directory(data, offset)
        t = self.tables
        for tag in ("head", "hhea", "hmtx", "maxp", "cmap"):
            if tag not in t:
                raise FontFileError(f"the font has no '{tag}' table", "the file is damaged")
        for tag, (off, length) in t.items():      # a cut-short file fails here, at load
            if off + length > len(data):
                raise FontFileError(f"the font's '{tag.strip()}' table runs past the end of "
                                    "the file", "the file is cut short or damaged: copy or "
                                                "install it again")
        self.cff = "glyf" not in t
        if self.cff and "CFF " not in t and "CFF2" not in t:
            raise FontFileError("the font has no outlines (neither glyf nor CFF)",
                                "bitmap-only fonts cannot be printed")
        self.upem = unpack_from(">H", data, t["head"][0] + 18)[0]
        self.loca_long = unpack_from(">h", data, t["head"][0] + 50)[0] == 1
        self.num_glyphs = unpack_from(">H", data, t["maxp"][0] + 4)[0]
        nhm = unpack_from(">H", data, t["hhea"][0] + 34)[0]
        if not (16 <= self.upem <= 16384 and 0 < nhm <= self.num_glyphs
                and 4 * nhm <= t["hmtx"][1]):       # OpenType: head, hhea, hmtx
            raise FontFileError("the font's header tables disagree (units per em "
                                f"{self.upem}, {nhm} advances for {self.num_glyphs} glyphs)",
                                "the file is damaged: copy or install it again")
        hm = _arr("H", data, t["hmtx"][0], 2 * nhm)
        self._adv = hm[0::2]
        self.names = _names(data, t["name"][0]) if "name" in t else {}
        self.fs_type = 0
        asc, desc = unpack_from(">hh", data, t["hhea"][0] + 4)
        if "OS/2" in t:
            self.fs_type = unpack_from(">H", data, t["OS/2"][0] + 8)[0]
            asc, desc = unpack_from(">hh", data, t["OS/2"][0] + 68)
        self.ascent, self.descent = asc / self.upem, desc / self.upem
        self.cmap = _cmap(data, t["cmap"][0])

    # -- metrics ---------------------------------------------------------------------------
    def advance_units(self, gid: int) -> int:
        """The advance of glyph `gid` in font units (hmtx: the last advance repeats)."""
        a = self._adv
        return a[gid] if gid < len(a) else a[-1]

    def gid_advance(self, gid: int) -> float:
        a = self._adv
        return (a[gid] if gid < len(a) else a[-1]) / self.upem

    def advance(self, cp: int) -> float:
        return self.gid_advance(self.cmap.get(cp, 0))

    def bounds(self, cp: int) -> tuple[float, float, float, float] | None:
        """(xMin, yMin, xMax, yMax) of the glyph's outline in em, None for an empty glyph."""
        gid = self.cmap.get(cp)
        if gid is None:
            return None
        u = self.upem
        if not self.cff:     # loca gives the glyph's offset; its header starts with the bbox
            lo, code = self.tables["loca"][0], ">2L" if self.loca_long else ">2H"
            step, mul = (4, 1) if self.loca_long else (2, 2)
            with open(self.path, "rb") as f:
                a, b = unpack_from(code, os.pread(f.fileno(), 2 * step, lo + step * gid))
                if a == b:
                    return None
                x0, y0, x1, y1 = unpack_from(">4h", os.pread(
                    f.fileno(), 10, self.tables["glyf"][0] + a * mul), 2)
            return (x0 / u, y0 / u, x1 / u, y1 / u)
        from fontTools.pens.boundsPen import BoundsPen
        from fontTools.ttLib import TTFont
        f = TTFont(str(self.path), fontNumber=self.index if self.index >= 0 else -1, lazy=True)
        gs = f.getGlyphSet()
        pen = BoundsPen(gs)
        gs[f.getGlyphName(gid)].draw(pen)
        if pen.bounds is None:
            return None
        x0, y0, x1, y1 = pen.bounds
        return (x0 / u, y0 / u, x1 / u, y1 / u)

    def damaged_glyph(self, cps) -> str:
        """'' if the TrueType outlines of the characters `cps` (and the components of their
        composite glyphs) are readable, else which is not: the glyf records the PDF subset
        will copy, checked before writing (OpenType glyf/loca: offsets inside the table,
        contour ends increasing, component glyph ids below numGlyphs). CFF fonts are read
        by HarfBuzz and fontTools when converted."""
        if self.cff:
            return ""
        todo = [(cp, self.cmap.get(cp, 0)) for cp in sorted(cps)]
        seen: set[int] = set()
        lo_at, glyf_at, glyf_len = self.tables["loca"][0], *self.tables["glyf"]
        code, step, mul = (">2L", 4, 1) if self.loca_long else (">2H", 2, 2)
        with open(self.path, "rb") as f:
            fd = f.fileno()
            while todo:
                cp, gid = todo.pop()
                if gid in seen:
                    continue
                seen.add(gid)
                a, b = unpack_from(code, os.pread(fd, 2 * step, lo_at + step * gid))
                a, b = a * mul, b * mul
                why = "" if a <= b <= glyf_len else "its offsets lie outside the glyf table"
                rec = os.pread(fd, b - a, glyf_at + a) if not why and b > a else b""
                why = why or _glyph_problem(rec, self.num_glyphs, todo, cp)
                if why:
                    return f"the outline of {chr(cp)} (U+{cp:04X}, glyph {gid}) is damaged: {why}"
        return ""

    # -- names -----------------------------------------------------------------------------
    def name(self, nid: int) -> str:
        v = self.names.get(nid)
        return v[0] if v else ""

    @property
    def label(self) -> str:
        return self.path.name + (f"#{self.face}" if self.face else "")

    def licence(self) -> str:
        """Short licence statement: name ID 13 (licence), else 14 (URL), else 0 (copyright)."""
        lic = self.name(13)
        if "Open Font License" in lic:
            m = "1.1" if "1.1" in lic else ""
            lic = f"SIL Open Font License {m}".strip()
        lic = lic or self.name(14)
        cr = self.name(0)
        text = " ".join("; ".join(x for x in (lic, cr) if x).split()) or \
            "no licence or copyright record"
        return text if len(text) <= 110 else text[:107] + "…"

    def embeddable(self) -> str:
        """'' if the font allows embedding a subset in a PDF, else why not (OS/2 fsType)."""
        if self.fs_type & 0x000F == 0x0002:
            return "its licence bits forbid embedding (OS/2 fsType 0x0002, restricted)"
        if self.fs_type & 0x0100:
            return "its licence bits forbid subsetting (OS/2 fsType 0x0100)"
        if self.fs_type & 0x0200:
            return "it allows only bitmap embedding (OS/2 fsType 0x0200)"
        return ""


def _glyph_problem(rec: bytes, num_glyphs: int, todo: list, cp: int) -> str:
    """What is wrong with one glyf record (empty is fine); components are queued on `todo`."""
    if not rec:
        return ""
    if len(rec) < 10:
        return "its record is cut short"
    n, x0, y0, x1, y1 = unpack_from(">h4h", rec)
    if x0 > x1 or y0 > y1:
        return "its bounding box is inverted"
    if n >= 0:                       # simple: n contour end points, increasing
        if len(rec) < 10 + 2 * n + 2:
            return "its record is cut short"
        ends = unpack_from(f">{n}H", rec, 10)
        if any(e2 <= e1 for e1, e2 in zip(ends, ends[1:])):
            return "its contours are out of order"
        return ""
    pos, flags = 10, 0x20           # composite: components while MORE_COMPONENTS (0x20)
    while flags & 0x20:
        if pos + 4 > len(rec):
            return "a component is cut short"
        flags, gid = unpack_from(">HH", rec, pos)
        if gid >= num_glyphs:
            return f"a component names glyph {gid}, past the font's {num_glyphs}"
        todo.append((cp, gid))
        pos += 4 + (4 if flags & 1 else 2)
        pos += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
    return "a component is cut short" if pos > len(rec) else ""


def _face_names(names: dict[int, list[str]]) -> set[str]:
    out = set()
    for nid in (1, 4, 6, 16, 21):
        out.update(s.casefold() for s in names.get(nid, ()))
    for fam in names.get(16, names.get(1, [])):
        for sub in names.get(17, names.get(2, [])):
            out.add(f"{fam} {sub}".casefold())
    return out


_FACES: dict[tuple, "FontFile"] = {}


class _Mapped:
    """The file mapped for the time of one parse: no map outlives it, so a font file replaced
    in place later can never fault a reader (parsed values are copied out)."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.f = open(self.path, "rb")
        size = os.fstat(self.f.fileno()).st_size
        self.m = mmap.mmap(self.f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return self.m

    def __exit__(self, *exc):
        if self.m:
            self.m.close()
        self.f.close()


def _faces(data) -> list[tuple[int, int, str]]:
    if len(data) < 12:
        raise FontFileError("not a font file (too short)", "fonts are .ttf, .otf, .ttc or .otc")
    tag = bytes(data[:4])
    if tag == b"ttcf":
        (n,) = unpack_from(">L", data, 8)
        offs = [unpack_from(">L", data, 12 + 4 * i)[0] for i in range(n)]
    elif tag in (b"\0\1\0\0", b"OTTO", b"true"):
        offs = [0]
    elif tag in (b"wOFF", b"wOF2"):
        raise FontFileError("a WOFF web font", "convert it to .ttf/.otf first (fontTools ttx)")
    else:
        raise FontFileError("not a TrueType/OpenType font file",
                            "fonts are .ttf, .otf, .ttc or .otc")
    out = []
    for i, o in enumerate(offs):
        t = _directory(data, o)
        names = _names(data, t["name"][0]) if "name" in t else {}
        full = (names.get(4) or names.get(1) or [f"face {i}"])[0]
        out.append((i if tag == b"ttcf" else -1, o, full))
    return out


def faces(path: str | os.PathLike) -> list[tuple[int, int, str]]:
    """(index, sfnt offset, full name) of every face in the file; index -1 for a single font."""
    with _Mapped(Path(path)) as data:
        return _faces(data)


def _pick(data, path: Path, face: str) -> tuple[int, int]:
    fl = _faces(data)
    if not face:
        if len(fl) > 1:
            raise FontFileError(
                f"{path.name} is a collection of {len(fl)} faces: choose one by name",
                f"write {path.name}#Face Name; its faces: " + ", ".join(f[2] for f in fl))
        return fl[0][0], fl[0][1]
    want = face.casefold()
    hits = []
    for idx, off, full in fl:
        t = _directory(data, off)
        names = _names(data, t["name"][0]) if "name" in t else {}
        exact = want in {s.casefold() for s in names.get(4, []) + names.get(6, [])}
        if exact or want in _face_names(names):
            hits.append((not exact, idx, off))
    hits.sort()
    if not hits or (len(hits) > 1 and hits[0][0] == hits[1][0]):
        what = "no face" if not hits else "more than one face"
        raise FontFileError(f"{path.name} has {what} named '{face}'",
                            "its faces: " + ", ".join(f[2] for f in fl))
    return hits[0][1], hits[0][2]


def open_face(path: str | os.PathLike, face: str = "") -> FontFile:
    """The face of `path` named `face` ('' for a single-font file), parsed once per file
    version (path, size, mtime) and process. FontFileError if the file is not a usable font,
    or the face is missing or ambiguous."""
    path, face = Path(path), face.strip()
    try:
        st = path.stat()
        key = (str(path.resolve()), face, st.st_size, st.st_mtime_ns)
        ff = _FACES.get(key)
        if ff is None:
            with _Mapped(path) as data:
                idx, off = _pick(data, path, face)
                ff = _FACES[key] = FontFile(path, idx, data, off, face)
        return ff
    except (StructError, IndexError, KeyError, ValueError) as e:
        raise FontFileError(f"cannot read the font {path.name}: its tables are cut short "
                            "or damaged", "the file is damaged or not a font: copy or install "
                                          "it again")
    except OSError as e:
        raise FontFileError(f"cannot read the font {path.name}: {e.strerror or e}",
                            "check the path and permissions")


def split_ref(text: str) -> tuple[str, str]:
    """'file.ttc#Face Name' -> ('file.ttc', 'Face Name'); a plain path -> (path, '')."""
    if "#" in text:
        p, _, f = text.rpartition("#")
        return p.strip(), f.strip()
    return text.strip(), ""
