"""The fonts as the PDF embeds them: one font object per face, a Type0 font with a
CIDFontType2 descendant (ISO 32000-1 §9.7), so a line switches fonts only where the face
changes (docs/fonts.md, embedding).

- Encoding Identity-H: every glyph is a 2-byte code, and the code is the glyph's id in the
  font (CIDToGIDMap /Identity). A character's code is therefore the same in every document,
  whatever else it draws: content streams do not depend on the rest of the document, and a
  warm rebuild reuses those of unchanged pages.
- One subset per face and document (pdf.subset: glyph ids kept), named with a 6-letter tag
  derived from its glyphs (§9.6.4), so the same glyphs give the same name.
- W: the width of every code drawn, in 1/1000 em rounded to 0.001 (the TJ writer, pdf.text,
  uses exactly these numbers); DW the most common one (1000 for a CJK face).
- ToUnicode (§9.10.3): every code to its character, UTF-16BE, so characters above U+FFFF
  extract as surrogate pairs (196 of the 8105 通用规范汉字, e.g. 𬌗 U+2C317). A second
  character drawn with a glyph already used by another (U+00A0 and the space, a CJK radical
  and its ideograph) gets a code of its own after the font's last glyph, a copy of the glyph,
  so that it extracts as itself.
- Written as ReportLab document objects: the font dictionaries join its document's font
  resources (the BasicFonts dictionary every page's resources name); ReportLab's own font
  classes (a TrueType subset of 256 glyphs per font resource, 5.6 font changes a line on the
  sample page) are no longer used, and ReportLab's TrueType module is not even imported.

Warm (`layout watch`): each face keeps its last subset's compressed program, ToUnicode and
widths; a rebuild that draws the same glyphs of a face writes them again without subsetting
or compressing anything.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from typing import NamedTuple

from layout.errors import FontError
from layout.fonts.fontfile import FontFile
from layout.pdf.subset import FontChanged, Program, header_fields

NBSP = 0xA0
MAX_CODE = 0xFFFF          # 2-byte codes


def _num(v: float) -> str:
    """A number as the PDF writes it: up to 3 decimals, no trailing zeros."""
    if v == int(v):
        return str(int(v))
    return ("%.3f" % v).rstrip("0").rstrip(".")


def _utf16(cp: int) -> str:
    if cp > 0xFFFF:
        v = cp - 0x10000
        return "%04X%04X" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
    return "%04X" % cp


def to_unicode_cmap(codes: dict[int, int]) -> bytes:
    """The ToUnicode CMap (ISO 32000-1 §9.10.3, Adobe TN 5411): code -> character, in bfchar
    blocks of at most 100 entries, destinations in UTF-16BE (surrogate pairs above U+FFFF)."""
    items = sorted(codes.items())
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for k in range(0, len(items), 100):
        block = items[k:k + 100]
        out.append("%d beginbfchar" % len(block))
        out.extend("<%04X> <%s>" % (c, _utf16(u)) for c, u in block)
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out).encode("ascii")


def widths_array(widths: dict[int, float], dw: float) -> str:
    """The W array (§9.7.4.3): runs of consecutive codes as `c [w1 w2 …]`, codes of width DW
    left out."""
    out, run, start = [], [], None
    for c in sorted(widths):
        w = widths[c]
        if w == dw:
            continue
        if run and c == start + len(run):
            run.append(w)
            continue
        if run:
            out.append("%d [%s]" % (start, " ".join(map(_num, run))))
        start, run = c, [w]
    if run:
        out.append("%d [%s]" % (start, " ".join(map(_num, run))))
    return "[" + "\n".join(out) + "]"


def subset_tag(key: bytes) -> str:
    """Six capitals from a hash of what the subset holds (ISO 32000-1 §9.6.4)."""
    d = hashlib.sha256(key).digest()
    return "".join(chr(65 + b % 26) for b in d[:6])


def ps_name(ff: FontFile) -> str:
    """The PostScript name (name ID 6) as a PDF name can carry it, else one made from the
    family and subfamily names."""
    name = ff.name(6) or (ff.name(1) + "-" + ff.name(2)).strip("-") or ff.path.stem
    return re.sub(r"[^A-Za-z0-9_.+-]", "", name.replace(" ", "")) or "Font"


class Embedded(NamedTuple):
    """What one face writes into one document: its font objects' bytes."""
    basefont: str            # TAG+PostScriptName
    program: bytes           # the subset, deflated
    length1: int             # its length before deflating
    to_unicode: bytes        # deflated
    w: str                   # the W array
    dw: float
    descriptor: dict


class Face:
    """One face of one document: the characters it draws, their codes and widths, and (after
    `embed`) its font objects. `resource` names it in the pages' font resources."""

    def __init__(self, ff: FontFile, resource: str, name: str):
        self.ff, self.resource, self.name = ff, resource, name
        self.k = 1000 / ff.upem
        self.prog = Program(ff.path, ff.tables, ff.num_glyphs, ff.loca_long, len(ff._adv))
        self.codes: dict[int, int] = {}      # code point -> code
        self.extra: list[int] = []           # glyph of each code after the font's last
        self._width: dict[int, float] = {}   # code -> 1/1000 em
        self._last: tuple | None = None      # (key, Embedded) of the last subset made
        self._keyed: tuple | None = None     # _key() of the current codes
        self._fields: dict | None = None

    def glyph(self, cp: int) -> int:
        g = self.ff.cmap.get(cp)
        if g is None and cp == NBSP:         # drawn with the space, as ReportLab did
            g = self.ff.cmap.get(0x20)
        if g is None:
            raise FontError(f"{self.ff.label} has no glyph for U+{cp:04X}")
        return g

    def assign(self, cps) -> None:
        """Codes for the characters this document draws in this face: a character's own
        glyph id, or, when a lower code point already took that glyph, a code after the font's
        last glyph (in code-point order, so the same characters give the same codes)."""
        taken: dict[int, int] = {}
        self.codes, self.extra = {}, []
        for cp in sorted(cps):
            g = self.glyph(cp)
            if g not in taken:
                taken[g] = cp
                self.codes[cp] = g
            elif self.ff.num_glyphs + len(self.extra) < MAX_CODE:
                self.codes[cp] = self.ff.num_glyphs + len(self.extra)
                self.extra.append(g)
            else:               # no code left: it extracts as the character that has the glyph
                self.codes[cp] = g
        self._width = {}
        self._keyed = None

    def width(self, code: int) -> float:
        """The advance of a code in 1/1000 em, rounded as W carries it."""
        w = self._width.get(code)
        if w is None:
            g = code if code < self.ff.num_glyphs else self.extra[code - self.ff.num_glyphs]
            w = self._width[code] = round(self.ff.advance_units(g) * self.k, 3)
        return w

    @property
    def key(self) -> tuple:
        """What this face's codes depend on (content streams drawn with them stay valid
        while it is unchanged)."""
        return (self.resource, str(self.ff.path), tuple(self.extra))

    def _key(self) -> tuple:
        """The glyphs and extra codes of the current characters, made once per `assign`
        (sorting a face's ~1,000 codes twice a build, for `ready` and `embed`, was 0.15 ms
        of a warm edit)."""
        if self._keyed is None:
            gids = sorted(c for c in self.codes.values() if c < self.ff.num_glyphs)
            self._keyed = (tuple(gids), tuple(self.extra))
        return self._keyed

    @property
    def ready(self) -> bool:
        """Whether the font objects of the current characters are made (the last ones)."""
        return self._last is not None and self._last[0] == self._key()

    def embed(self) -> Embedded:
        """The font objects' contents for the current characters (the last ones reused)."""
        key = self._key()
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        return self._deflated(self._made())

    def _made(self) -> tuple:
        """What `embed` writes, before deflating: (key, name, program, ToUnicode CMap, W
        array, DW). Python's half of the work, done while holding the GIL."""
        key = self._key()
        gids = list(key[0])
        try:        # the header's tables are read from the file too: it may have changed
            if self._fields is None:
                self._fields = header_fields(self.prog, self.ff.upem)
            program = self.prog.subset(gids, self.extra, [(cp, g) for cp, g in self.codes.items()
                                                          if g < self.ff.num_glyphs])
        except FontChanged as e:
            raise FontError(str(e))
        to_u = {code: cp for cp, code in self.codes.items()}
        widths = {code: self.width(code) for code in to_u}
        dw = Counter(widths.values()).most_common(1)[0][0] if widths else 0
        tag = subset_tag(repr((self.name, self.ff.num_glyphs, key)).encode())
        return (key, f"{tag}+{self.name}", program, to_unicode_cmap(to_u),
                widths_array(widths, dw), dw)

    def _deflated(self, made: tuple) -> Embedded:
        """`made` (_made) deflated into the face's objects, kept as its last; zlib's half of
        the work, which releases the GIL."""
        key, name, program, to_unicode, w, dw = made
        e = Embedded(name, zlib.compress(program), len(program), zlib.compress(to_unicode),
                     w, dw, self._fields)
        self._last = (key, e)
        return e


def _deflate_quietly(face: Face, made: tuple) -> None:
    """Face._deflated in a thread: a failure leaves the face to be made again where the
    writer embeds it, which raises the error (a thread's would only be printed)."""
    try:
        face._deflated(made)
    except Exception:
        pass


class PdfFonts:
    """The fonts of one PDF document: the faces that draw its glyphs, and per (role, character)
    the face, code and width the writer draws it with. The metrics half is fonts.FontSet;
    this is the half that embeds.

    `prepare(used)` after layout assigns the codes of every (role, character) the document
    draws — a CFF font is converted to a cached TrueType subset of exactly those characters
    (fonts.convert) — and the writer asks `glyph(role, ch)` for each. A character is drawn
    only from a font prepared for it: nothing ever prints .notdef. A warm process keeps one
    PdfFonts across builds (its faces keep their last subsets)."""

    def __init__(self, fonts):
        self.fonts = fonts
        self._faces: dict = {}          # Source -> Face
        self._cff: dict = {}            # Source -> frozenset of code points converted
        self._order: dict = {}          # Source -> resource number (configured order)
        self._glyph: dict[tuple[str, str], tuple[Face, int]] = {}
        self.used: list[Face] = []      # the faces this document draws, in resource order
        self._prepared: frozenset | None = None    # the pairs the faces' codes were made for
        self._ahead: list = []          # the threads deflating the faces (embed_ahead)

    @property
    def bold_roles(self) -> frozenset[str]:
        return self.fonts.bold_roles

    def _resource(self, src) -> str:
        """L1, L2 … by the source's place in the configured roles' chains: the same fonts
        configuration gives every face the same resource name in every build."""
        if not self._order:
            for role in self.fonts.roles:
                for s in self.fonts.chain(role):
                    self._order.setdefault(s, len(self._order) + 1)
        n = self._order.get(src)
        if n is None:
            n = self._order[src] = len(self._order) + 1
        return f"L{n}"

    def prepare(self, used) -> None:
        """Assign the codes of every (role, character) pair of `used` (nothing to do in a warm
        process when the document draws the same pairs as the last one)."""
        used = frozenset(used)
        if used is self._prepared or used == self._prepared:
            return
        per: dict = {}
        for role, ch in used:
            src = self.fonts.resolve(role, ch)
            if src is None:
                raise FontError(f"no font of the role '{role}' has {ch} (U+{ord(ch):04X})")
            per.setdefault(src, set()).add(ord(ch))
        faces = []
        for src, cps in per.items():
            face = self._face(src, cps)
            face.assign(cps)
            faces.append(face)
        faces.sort(key=lambda f: int(f.resource[1:]))
        names: Counter = Counter()
        for f in faces:       # two faces with one PostScript name: the second is name-2
            base = ps_name(f.ff)
            names[base] += 1
            f.name = base if names[base] == 1 else f"{base}-{names[base]}"
        self.used = faces
        self._glyph = {}
        self._prepared = used

    def embed_ahead(self) -> None:
        """Make the faces' font objects (Face.embed) while the pages are drawn: each face's
        subset, CMap and widths here, then its deflating in a thread of its own, which
        zlib runs without the GIL on a second core (~8 ms of the sample page's ~18: its
        body face's 330 KB program ~6.5 ms). Made so, the deflating starts at once; one
        thread subsetting and deflating them all had its Python half slowed by the drawing
        that held the GIL, began deflating late, and the writer waited ~12 ms for it on the
        sample page. The objects are the same; `embedded` waits for the threads. A face
        that could not be made (a damaged font) is made again by `embedded`'s caller,
        which then raises the error."""
        import threading
        self.embedded()
        for face in self.used:
            if face.ready:       # a warm process's faces, unchanged: nothing to make
                continue
            try:
                made = face._made()
            except Exception:    # raised again where the writer embeds it
                continue
            t = threading.Thread(target=_deflate_quietly, args=(face, made),
                                 name="deflate-font", daemon=True)
            t.start()
            self._ahead.append(t)

    def embedded(self) -> list[Face]:
        """The faces this document draws, once embed_ahead's threads (if any) have ended."""
        for t in self._ahead:
            t.join()
        self._ahead = []
        return self.used

    def _face(self, src, cps: set[int]) -> Face:
        ff = self.fonts.file(src)
        face = self._faces.get(src)
        if not ff.cff:
            if face is None:
                face = self._faces[src] = Face(ff, self._resource(src), "")
            return face
        have = self._cff.get(src, frozenset())
        if face is None or not cps <= have:     # a CFF font: convert (or find) a subset
            from layout.fonts import convert
            from layout.fonts.fontfile import open_face
            have = frozenset(cps) | have
            try:
                tff = open_face(convert.truetype_subset(ff, have))
            except FontError:
                raise
            except Exception as e:     # a font fontTools or HarfBuzz cannot read is bad input
                raise FontError(f"{src.label}: cannot convert its CFF outlines to TrueType: "
                                f"{type(e).__name__}: {e}")
            face = self._faces[src] = Face(tff, self._resource(src), "")
            self._cff[src] = have
        return face

    def glyph(self, role: str, ch: str) -> tuple[Face, int]:
        """The face and code that draw `ch` in `role` (after `prepare`)."""
        key = (role, ch)
        hit = self._glyph.get(key)
        if hit is None:
            src = self.fonts.resolve(role, ch)
            face = self._faces.get(src) if src is not None else None
            code = face.codes.get(ord(ch)) if face is not None else None
            if code is None:      # drawing it would print .notdef
                raise RuntimeError(f"{ch} (U+{ord(ch):04X}) was not prepared for role {role}")
            hit = self._glyph[key] = (face, code)
        return hit

    @property
    def key(self) -> tuple:
        """What the codes of this document depend on: unchanged, drawn lines stay valid."""
        return tuple(f.key for f in self.used)
