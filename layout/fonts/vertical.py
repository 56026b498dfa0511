"""Vertical forms (竖排) of a font: which character each character is drawn as in a vertical
line, for the 竖题 (page.vertical).

The source is the font's own `vert` and `vrt2` GSUB features (OpenType spec, feature tags
`vert` "Vertical Writing" and `vrt2` "Vertical Alternates and Rotation"), read with fontTools:
a single substitution (lookup type 1, or type 7 wrapping it) from the glyph of a character to
a glyph that the font's cmap also maps from a code point — the vertical presentation forms
U+FE10–FE19 and U+FE30–FE4F, which a CJK font maps to the same glyphs — is used. A substitute
glyph with no code point of its own (a rotated glyph some fonts keep unmapped) cannot be drawn
by code point: that character is left to the page's own fallback (page.vertical turns it).

The bundled fonts are subsets without GSUB (docs/fonts.md#bundled-fonts: ReportLab ignores
layout tables, and they double the size), but they keep the vertical presentation forms. For a
font without GSUB the table comes from Unicode itself: each presentation form's `<vertical>`
decomposition (UnicodeData.txt, via unicodedata) names the character it is the vertical form
of, and full-width forms reach the same base through NFKC (，→ , → ︐). Only forms the font's
cmap has are listed, so the chain (fonts.fontset) still decides which font draws what.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

FORM_RANGES = (range(0xFE10, 0xFE1A), range(0xFE30, 0xFE50))   # vertical presentation forms


def unicode_forms(cmap) -> dict[str, str]:
    """base character -> vertical presentation form, for every form in `cmap`, from the
    forms' `<vertical>` decompositions; full-width characters whose NFKC is the base too."""
    base_to_form: dict[str, str] = {}
    for r in FORM_RANGES:
        for cp in r:
            d = unicodedata.decomposition(chr(cp))
            if cp in cmap and d.startswith("<vertical>"):
                base_to_form.setdefault(chr(int(d.split()[1], 16)), chr(cp))
    out = dict(base_to_form)
    for cp in list(range(0xFF01, 0xFF5F)) + [0x2014, 0x2013, 0x2026, 0x2025]:
        ch = chr(cp)
        base = unicodedata.normalize("NFKC", ch)
        if ch not in out and base in base_to_form:
            out[ch] = base_to_form[base]
    return out


def _single_subst(gsub, tags: tuple[str, ...]) -> dict[str, str]:
    """glyph -> glyph of the single substitutions of the features `tags` (the first one of
    them that the font has wins for a glyph: vert before vrt2)."""
    table = gsub.table
    out: dict[str, str] = {}
    if table.FeatureList is None or table.LookupList is None:
        return out
    for tag in tags:
        idx = sorted({i for rec in table.FeatureList.FeatureRecord if rec.FeatureTag == tag
                      for i in rec.Feature.LookupListIndex})
        for i in idx:
            lookup = table.LookupList.Lookup[i]
            for sub in lookup.SubTable:
                if lookup.LookupType == 7:
                    sub = sub.ExtSubTable
                mapping = getattr(sub, "mapping", None)
                if mapping:
                    for a, b in mapping.items():
                        out.setdefault(a, b)
    return out


# id(FontFile) -> (the FontFile, forms_of's answer): one entry a version of a font file, as
# fonts.fontfile.open_face reads one (path, size, mtime), so a font replaced while a
# resident process runs (watch, the desk) has its own forms; the entry holds the FontFile,
# so its id stays its own
_OF: dict = {}


def forms_of(ff) -> dict[str, str]:
    """vertical_forms of a face the font set has read (fonts.fontfile.FontFile): for a font
    without GSUB (the bundled subsets) the Unicode forms its cmap has, from the cmap read
    already — fontTools parsing song-heavy's 12,657 code points again took ~45 ms of the
    first 竖题 a process sets (the page composer tries one for every short headline)."""
    hit = _OF.get(id(ff))
    if hit is not None and hit[0] is ff:
        return hit[1]
    got = (unicode_forms(ff.cmap) if "GSUB" not in ff.tables
           else vertical_forms.__wrapped__(str(ff.path), ff.index))   # not by path alone
    _OF[id(ff)] = (ff, got)
    return got


@lru_cache(maxsize=32)
def vertical_forms(path: str, index: int = -1) -> dict[str, str]:
    """character -> the character drawn in its place in a vertical line, for the font file
    at `path` (face `index` of a collection; -1 for a single font)."""
    from fontTools.ttLib import TTFont
    font = TTFont(path, fontNumber=index, lazy=True)
    cmap = font.getBestCmap() or {}
    if "GSUB" not in font:
        return unicode_forms(cmap)
    subst = _single_subst(font["GSUB"], ("vert", "vrt2"))
    reverse: dict[str, int] = {}
    for cp, g in sorted(cmap.items()):
        reverse.setdefault(g, cp)
    out = {}
    for cp, g in cmap.items():
        target = subst.get(g)
        if target is not None and target in reverse and reverse[target] != cp:
            out[chr(cp)] = chr(reverse[target])
    return out
