"""Fonts: typographic roles mapped to chains of font files, metrics for the composer, and the
font that draws each character. Reads font files only (fonts.fontfile); embedding them in a
PDF is pdf.embed's job, so composing never loads ReportLab.

Roles (docs/newspaper-conventions.md, article anatomy): song = 宋 body, song-heavy = heavy 宋 for
headlines (小标宋 role), hei = 黑 bold (电头, 小标题, bold leads), hei-regular = 黑 regular,
kai = 楷 (引题, 署名), fangsong = 仿宋, latin = digits and Latin words. Each role is a chain:
the first font that has a character draws it (advance and glyph both come from that font), so
a character the body face lacks is drawn from a fallback rather than printed as an empty box.
The defaults are the subsets bundled in fonts/ (fonts/PROVENANCE.md); an issue's `fonts:`
section puts the editor's files in front of them (FontSet.configure). fangsong has no open font
(docs/fonts.md): unless configured it is set in 楷, with a warning. latin is the song chain unless
configured.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple, Sequence

from layout.errors import FontError
from layout.fonts.fontfile import FontFile, FontFileError, open_face, split_ref

FONT_DIR = Path(os.environ.get("LAYOUT_FONTS_DIR",
                               Path(__file__).resolve().parents[2] / "fonts"))

ROLES = ("song", "song-heavy", "hei", "hei-regular", "kai", "fangsong", "latin")
DEFAULT_ROLES = {
    "song": "song-regular.ttf",
    "song-heavy": "song-heavy.ttf",
    "hei": "hei-bold.ttf",
    "hei-regular": "hei-regular.ttf",
    "kai": "kai-regular.ttf",
}
# The bundled Noto SC subsets and the Kai subset differ at the edges (PROVENANCE.md: Kai has
# Latin Extended-A, Noto has the geometric shapes), so each falls back on the other.
_DEFAULT_FALLBACK = {"song": "kai-regular.ttf", "song-heavy": "kai-regular.ttf",
                     "hei": "kai-regular.ttf", "hei-regular": "kai-regular.ttf",
                     "kai": "song-regular.ttf"}
# The symbol face (Noto Sans Math, OFL; fonts/PROVENANCE.md) ends every bundled chain: math
# operators, arrows and technical signs copy holds that no Han face draws (≒ ⟷ ⌀ …), so they
# print instead of stopping the build (docs/fonts.md).
SYMBOLS = "symbols.ttf"
_DERIVED = {"fangsong": "kai", "latin": "song"}      # roles with no bundled face of their own
# Synthetic bold: the outline is stroked 0.025 em wide, so every stem thickens by 0.025 em
# (half on each side), 0.225 pt at 9 pt: the bundled 楷 丨 stem is 0.092 em, so ~27 % heavier.
BOLD_STROKE_EM = 0.025


class Source(NamedTuple):
    """One face of one font file: `face` names it inside a .ttc/.otc ('' for a single font)."""
    path: Path
    face: str = ""

    @property
    def label(self) -> str:
        return self.path.name + (f"#{self.face}" if self.face else "")


def _config_key(choices: Iterable | None) -> tuple:
    return tuple((c.role, tuple(c.files), c.bold) for c in choices or ())


class FontSet:
    """The faces of one document. Implements compose.Metrics (advance in em) and knows which
    font of a role's chain draws each character, so nothing is drawn that would print as an
    empty box.

    FontSet() is the bundled defaults; FontSet({"song": "x.ttf"}, dir) maps roles to files in
    `dir` (a list = a chain, `file.ttc#Face` = a face by name) with no fallbacks added;
    FontSet.configure(issue.fonts) puts an issue's fonts in front of the defaults."""

    def __init__(self, roles: Mapping[str, str | Sequence[str]] | None = None,
                 font_dir: Path = FONT_DIR, *, bold: Iterable[str] = ()):
        font_dir = Path(font_dir).resolve()
        self._notes: dict[str, str] = {}
        if roles is None:
            chains = {r: (font_dir / f, font_dir / _DEFAULT_FALLBACK[r], font_dir / SYMBOLS)
                      for r, f in DEFAULT_ROLES.items()}
            self._chains = {r: tuple(Source(p) for p in c) for r, c in chains.items()}
            for role, base in _DERIVED.items():
                self._chains[role] = self._chains[base]
            self._notes["fangsong"] = ("no 仿宋 font is configured: the fangsong role is set "
                                       "in 楷 (" + DEFAULT_ROLES["kai"] + ")")
        else:
            self._chains = {}
            for role, files in roles.items():
                files = [files] if isinstance(files, (str, os.PathLike)) else list(files)
                self._chains[role] = tuple(Source(font_dir / p, f)
                                           for p, f in map(split_ref, map(str, files)))
        self._bold = frozenset(bold)
        self.config: tuple | None = () if roles is None else None   # see matches()
        self._ff: dict[Source, FontFile] = {}
        self._resolved: dict[tuple[str, str], Source | None] = {}
        self._adv: dict[tuple[str, str], float] = {}
        self.used_roles: set[str] = set()
        self._dash: dict[Source, tuple[float, float, float] | None] = {}

    @classmethod
    def configure(cls, choices: Iterable, font_dir: Path = FONT_DIR) -> "FontSet":
        """Defaults overlaid with model.FontChoice values (resolved paths): the editor's files
        first, then the role's bundled chain as the last resort. fangsong and latin follow
        the (configured) kai and song chains unless configured themselves."""
        fs = cls(None, font_dir)
        choices = tuple(choices or ())
        given = {c.role for c in choices if c.files}    # {bold: true} alone keeps the chain
        for c in sorted(choices, key=lambda c: c.role in _DERIVED):   # kai before fangsong
            own = tuple(Source(Path(p).resolve(), face) for p, face in c.files)
            base = fs._chains[_DERIVED.get(c.role, c.role)]
            fs._chains[c.role] = own + tuple(s for s in base if s not in own)
        for role, base in _DERIVED.items():
            if role not in given:
                fs._chains[role] = fs._chains[base]
        if "fangsong" in given:
            del fs._notes["fangsong"]
        elif "kai" in given:
            fs._notes["fangsong"] = ("no 仿宋 font is configured: the fangsong role is set in "
                                     "楷 (" + fs._chains["kai"][0].label + ")")
        fs._bold = frozenset(c.role for c in choices if c.bold)
        fs.config = _config_key(choices)
        return fs

    def matches(self, choices: Iterable | None) -> bool:
        """Whether this set is what `configure(choices)` would make (a warm process reuses
        it); a set made from explicit roles is the caller's choice and always matches."""
        return self.config is None or self.config == _config_key(choices)

    # -- the chains ------------------------------------------------------------------------
    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self._chains)

    def chain(self, role: str) -> tuple[Source, ...]:
        c = self._chains.get(role)
        if c is None:
            raise FontError(f"no font is configured for the role '{role}'")
        return c

    def path(self, role: str) -> Path:
        return self.chain(role)[0].path

    def synthetic_bold(self, role: str) -> bool:
        return role in self._bold

    @property
    def bold_roles(self) -> frozenset[str]:
        """The roles set in synthetic bold."""
        return self._bold

    def warnings(self, roles: Iterable[str] | None = None) -> tuple[str, ...]:
        """Notes about the roles used (all roles if None): fangsong set in 楷 and the like."""
        roles = self.used_roles if roles is None else set(roles)
        return tuple(n for r, n in self._notes.items() if r in roles)

    def file(self, src: Source) -> FontFile:
        ff = self._ff.get(src)
        if ff is None:
            if not src.path.is_file():
                raise FontError(f"font file missing: {src.path}; rebuild the bundled fonts with "
                                "`python scripts/build_fonts.py`, or fix the path in `fonts:`")
            try:
                ff = open_face(src.path, src.face)
            except FontFileError as e:
                raise FontError(f"{e.message} ({src.path}); {e.hint}")
            why = ff.embeddable()
            if why:
                raise FontError(f"{src.label} cannot be embedded in the PDF: {why}")
            self._ff[src] = ff
        return ff

    def resolve(self, role: str, ch: str) -> Source | None:
        """The font of the role's chain that draws `ch`: the first that has it; None if none."""
        key = (role, ch)
        if key in self._resolved:
            return self._resolved[key]
        cp, hit = ord(ch), None
        for src in self.chain(role):
            if cp in self.file(src).cmap:
                hit = src
                break
        self._resolved[key] = hit
        return hit

    def covers(self, face: str, ch: str) -> bool:
        return self.resolve(face, ch) is not None

    # -- metrics (compose.Metrics) ---------------------------------------------------------
    def advance(self, face: str, ch: str) -> float:
        key = (face, ch)
        a = self._adv.get(key)
        if a is None:
            src = self.resolve(face, ch) or self.chain(face)[0]
            a = self._adv[key] = self.file(src).advance(ord(ch))
            self.used_roles.add(face)
        return a

    def advances(self, faces, chars) -> list[float]:
        """`advance` of each face and character in turn, the pairs found at once when all
        are known (page.finish asks for every glyph of every line: 62,000 on 16 sample
        pages)."""
        got = list(map(self._adv.get, zip(faces, chars)))
        if None in got:
            got = [self.advance(f, c) for f, c in zip(faces, chars)]
        return got

    def ascent(self, face: str) -> float:
        """Ascent in em, for placing the first baseline of a block."""
        return self.file(self.chain(face)[0]).ascent

    def dash_ink(self, role: str) -> tuple[float, float, float] | None:
        """(advance, bottom, top) in em of the — (U+2014) the role draws, from its outline's
        bounds (the 破折号 bar, page.finish), or None when the font has no — outline."""
        src = self.resolve(role, "—")
        if src is None:
            return None
        if src not in self._dash:
            ff = self.file(src)
            b = ff.bounds(0x2014)
            self._dash[src] = (None if b is None or b[3] <= b[1]
                               else (ff.advance(0x2014), b[1], b[3]))
        return self._dash[src]
