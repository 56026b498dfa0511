"""What the speed work (issue 8) must not change, checked against the slow originals:

- TJ text: every glyph read back from the PDF sits where the composer placed it;
- font subsets: byte for byte ReportLab's own makeSubset;
- font tables read lazily: the same widths and cmap as a full parse;
- the C YAML parser: the same node marks, and syntax errors reported as the Python parser does;
- the inline markup parser, the ICC description reader: as the code they replaced.
"""
from __future__ import annotations

import io
import random
from struct import unpack_from

import pytest
import yaml

from layout import fontfile, markup
from layout.check.pdfread import read_pdf
from layout.fonts import FontSet
from layout.items import TextLine
from layout.loader import load_issue
from layout.errors import InputError

from conftest import ROOT, SAMPLE


def test_every_glyph_where_the_composer_put_it(sample_build):
    """pdfminer interprets the TJ arrays: origins and baselines equal the layout's."""
    (page,) = read_pdf(str(sample_build.pdf))
    want = [(g.ch, it.x + g.x, it.baseline) for it in sample_build.pages[0].items
            if isinstance(it, TextLine) for g in it.line.glyphs]
    got = [(g.text, g.x0, g.base) for g in page.glyphs]
    assert [w[0] for w in want] == [g[0] for g in got]
    worst = max(max(abs(w[1] - g[1]), abs(w[2] - g[2])) for w, g in zip(want, got))
    assert worst < 1e-3, worst          # pt; the numbers carry 0.0005/1000 em


@pytest.mark.parametrize("role", ["song", "hei", "kai"])
def test_subsets_are_reportlabs_bytes(role):
    from reportlab.pdfbase.ttfonts import TTFontFile
    face = FontSet().font(role).face
    ref = TTFontFile(face.filename, charInfo=1)
    cps = sorted(face.charToGlyph)
    rng = random.Random(8)
    for n in (1, 40, 255):
        subset = [0] + [32] * 32 + rng.sample(cps, n)
        assert face.makeSubset(subset) == ref.makeSubset(subset)
    assert all(face.getCharWidth(c) == ref.charWidths.get(c, ref.defaultWidth)
               for c in cps[::7] + [0x20, 0xA0, 0x10FFFF])
    assert (face.name, face.bbox, face.flags, face.ascent, face.descent) == (
        ref.name, ref.bbox, ref.flags, ref.ascent, ref.descent)


def test_format_12_cmap_as_the_full_expansion():
    ff = fontfile.open_face(ROOT / "fonts" / "song-regular.ttf")
    assert isinstance(ff.cmap, fontfile.Groups)
    with open(ff.path, "rb") as f:
        data = f.read()
    o, _ = ff.tables["cmap"]
    full = {}
    (n,) = unpack_from(">H", data, o + 2)
    for i in range(n):
        _, _, off = unpack_from(">HHL", data, o + 4 + 8 * i)
        if unpack_from(">H", data, o + off)[0] == 12:
            (groups,) = unpack_from(">L", data, o + off + 12)
            for k in range(groups):
                s, e, g = unpack_from(">3L", data, o + off + 16 + 12 * k)
                full.update(zip(range(s, e + 1), range(g, g + e - s + 1)))
            break
    assert dict(ff.cmap) == full and len(ff.cmap) == len(full)
    assert ff.cmap.get(0x10FFFF) is None and 0x10FFFF not in ff.cmap


def _marks(node, out):
    out.append((node.tag, node.start_mark.line, node.start_mark.column,
                node.end_mark.line, node.end_mark.column, getattr(node, "style", None) or None))
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _marks(k, out)
            _marks(v, out)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _marks(v, out)
    return out


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_c_parser_gives_the_same_marks():
    for path in [SAMPLE, *sorted((ROOT / "tests" / "cases").glob("*.yaml"))]:
        src = path.read_text(encoding="utf-8")
        assert _marks(yaml.compose(src, Loader=yaml.CSafeLoader), []) == \
            _marks(yaml.compose(src, Loader=yaml.SafeLoader), []), path


def test_syntax_errors_reported_by_the_python_parser(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("paper: {name: 报}\n\tissue: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_issue(str(p))
    (d,) = e.value.diagnostics
    assert (d.line, d.column) == (2, 1) and "'\\t'" in d.message    # libyaml does not say


def _old_parse(text):
    """The character loop markup.parse replaced."""
    spans, buf, bold, opened, i = [], [], False, 0, 0
    while i < len(text):
        if text.startswith("\\**", i):
            buf.append("**")
            i += 3
            continue
        if text.startswith("**", i):
            if buf:
                spans.append(markup.Span("".join(buf), bold))
                buf = []
            elif bold:
                raise markup.MarkupError("empty bold run `****`", i)
            bold, opened, i = not bold, i, i + 2
            continue
        buf.append(text[i])
        i += 1
    if bold:
        raise markup.MarkupError("`**` opens a bold run that is never closed", opened)
    if buf:
        spans.append(markup.Span("".join(buf), bold))
    return tuple(spans)


def test_markup_parser_as_before():
    rng = random.Random(8)
    pieces = ["*", "**", "\\", "\\**", "a", "中"]

    def outcome(f, t):
        try:
            return f(t)
        except markup.MarkupError as e:
            return (str(e), e.offset)
    for _ in range(5000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert outcome(markup.parse, t) == outcome(_old_parse, t), t


def test_icc_description_as_pillow_reads_it():
    from PIL import ImageCms
    from layout import pdfx
    data = (ROOT / "icc" / "default_cmyk.icc").read_bytes()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()   # v4, mluc
    for d in (data, srgb):
        want = ImageCms.ImageCmsProfile(io.BytesIO(d)).profile.profile_description
        assert pdfx._description(d) == want.strip()
