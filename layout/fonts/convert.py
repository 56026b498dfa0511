"""CFF -> TrueType, for the PDF writer: ReportLab embeds TrueType outlines only and refuses
CFF-flavoured OpenType (docs/fonts.md), which is what most CJK .otf/.otc files and many foundry
fonts are. Runs between layout and writing (FontSet.prepare), once the characters a document
draws in each font are known.

    font file + face + the document's characters
        -> hb-subset (uharfbuzz; ~0.1 s on a 65k-glyph CJK font where fontTools takes ~12 s)
        -> cubic outlines to quadratics (fontTools Cu2QuPen, max error 1 font unit,
           reversed to TrueType's clockwise direction) into a glyf table
        -> a small .ttf in the cache, keyed by the font's content hash + face + character set

Converting a whole CJK font takes ~60 s and 0.9 GB (docs/fonts.md); a 1,500-character subset takes
about a second, and a second build of the same document finds the file in the cache
(`$LAYOUT_CACHE`, default `~/.cache/layout`) and converts nothing. `STATS` counts conversions
and cache hits so tests can tell the two apart without timing anything.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from io import BytesIO
from pathlib import Path

from layout.fonts.fontfile import FontFile

VERSION = "2"        # part of the cache key: bump when the conversion changes its output
MAX_ERR = 1.0        # font units; docs/fonts.md: 1 unit is invisible at any newspaper size
STATS = {"conversions": 0, "hits": 0}
# Layout and variation tables are dropped: ReportLab ignores them (docs/fonts.md) and they are most
# of a CJK font's size; VORG/vhea/vmtx serve vertical CFF text only.
_DROP = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG",
         "STAT", "HVAR", "MVAR", "VVAR", "fvar", "avar", "gasp", "hdmx", "LTSH", "VDMX", "kern",
         "meta", "SVG ", "COLR", "CPAL", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC")
_HASHES: dict[tuple, str] = {}


def cache_dir() -> Path:
    return Path(os.environ.get("LAYOUT_CACHE") or Path.home() / ".cache" / "layout")


def content_hash(path: Path) -> str:
    """sha256 of the file (40 ms for a 26 MB CJK collection), remembered per (path, size,
    mtime) in the process and in the cache folder, so a cached build does not read it again;
    a changed file has a new size or mtime and is hashed afresh."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    h = _HASHES.get(key)
    if h is None:
        memo = cache_dir() / "hash" / hashlib.sha1(repr(key).encode()).hexdigest()
        try:
            h = memo.read_text(encoding="ascii").strip()
        except OSError:
            h = ""
        if len(h) != 64:
            with open(path, "rb") as f:
                h = hashlib.file_digest(f, "sha256").hexdigest()
            try:
                memo.parent.mkdir(parents=True, exist_ok=True)
                memo.write_text(h, encoding="ascii")
            except OSError:
                pass       # a read-only cache still works, it only hashes every time
        _HASHES[key] = h
    return h


def cached_path(src: FontFile, cps: frozenset[int]) -> Path:
    key = hashlib.sha256("|".join((
        VERSION, content_hash(src.path), str(src.index),
        ",".join(f"{c:x}" for c in sorted(cps)))).encode()).hexdigest()[:32]
    return cache_dir() / "ttf" / f"{src.path.stem}-{key}.ttf"


def truetype_subset(src: FontFile, cps: frozenset[int]) -> Path:
    """A TrueType-outline font with the glyphs of `cps` (those the face has), from the cache
    or converted now and cached. A cached file is used only when its bytes still have the
    digest written beside it (a file cut short or changed on disk is converted again, not
    blamed on the editor's font); a cache that cannot be written (read-only, full) is done
    without, with one warning."""
    out = cached_path(src, cps)
    if _intact(out):
        STATS["hits"] += 1
        return out
    data = _convert(_hb_subset(src, cps))
    STATS["conversions"] += 1
    try:
        _store(out, data)
        return out
    except OSError as e:
        return _uncached(out.name, data, e)


def _digest_path(out: Path) -> Path:
    return out.with_name(out.name + ".sha256")


def _intact(out: Path) -> bool:
    try:
        want = _digest_path(out).read_text(encoding="ascii").strip()
        return hashlib.sha256(out.read_bytes()).hexdigest() == want
    except OSError:
        return False


def _store(out: Path, data: bytes) -> None:
    """The font, then its digest, each written atomically (a concurrent build never reads
    half a font; a font without its digest is not used)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for path, payload in ((out, data),
                          (_digest_path(out), hashlib.sha256(data).hexdigest().encode())):
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


_PRIVATE: list[str] = []


def _uncached(name: str, data: bytes, why: OSError) -> Path:
    """The converted font in a folder of this process's own, removed when it ends."""
    import atexit
    import shutil
    import sys
    if not _PRIVATE:
        _PRIVATE.append(tempfile.mkdtemp(prefix="layout-fonts-"))
        atexit.register(shutil.rmtree, _PRIVATE[0], True)
        print(f"warning: the font cache {cache_dir()} cannot be written "
              f"({why.strerror or why}); converting fonts without it (set LAYOUT_CACHE to a "
              "writable folder to keep conversions between builds)", file=sys.stderr)
    path = Path(_PRIVATE[0]) / name
    path.write_bytes(data)
    return path


def _tag(t: str) -> int:
    return int.from_bytes(t.encode("latin-1"), "big")


def _hb_subset(src: FontFile, cps: frozenset[int]) -> bytes:
    import uharfbuzz as hb
    face = hb.Face(hb.Blob.from_file_path(str(src.path)), max(src.index, 0))
    inp = hb.SubsetInput()
    inp.unicode_set.update(c for c in cps if c in src.cmap)
    inp.drop_table_tag_set.update(_tag(t) for t in _DROP)
    # desubroutinized charstrings draw faster in fontTools; hinting is lost in conversion anyway
    inp.flags = (hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING
                 | hb.SubsetFlags.NOTDEF_OUTLINE
                 | getattr(hb.SubsetFlags, "DOWNGRADE_CFF2", 0))    # HarfBuzz >= 10
    res = hb.subset(face, inp)
    if res is None:
        raise RuntimeError(f"hb-subset failed on {src.label}")
    return bytes(res.blob.data)


def _convert(otf: bytes) -> bytes:
    """CFF/CFF2 outlines -> glyf, after fontTools' Snippets/otf2ttf.py."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(BytesIO(otf), recalcTimestamp=False)   # same input, same bytes
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        gs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        g.recalcBounds(glyf)
        adv, _ = hmtx[name]
        hmtx[name] = (adv, getattr(g, "xMin", 0))    # TrueType: lsb == xMin
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones",):
        setattr(maxp, k, 1)
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    post = font["post"]
    post.formatType = 3.0     # no glyph names: ReportLab does not need them
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    buf = BytesIO()
    font.save(buf)
    return buf.getvalue()
