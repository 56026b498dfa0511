"""Damaged picture, ad and logo files: bytes of valid JPEG, PNG, TIFF, PDF and SVG files
changed, cut or doubled (seeded), each read as the loader reads it and, when it passes,
made ready as the press makes it. Every one ends in a Source and press-ready pixels or in a
refusal at its line — never another exception (issue 19: no internal error on any input);
vector files that pass are embedded as the writer embeds them. 40 mutations a format, seeded
by the format's name, in a few seconds."""
from __future__ import annotations

import io
import random
import zlib

import pytest

from layout.errors import InputError
from layout.issue.model import Where
from layout.issue.sources import SourceProblem, read_source
from layout.page.formats import BROADSHEET
from reportlab.pdfgen.canvas import Canvas

from layout.page.items import PageLayout, Vector
from layout.page.pictures import image_item
from layout.press.artwork import draw_form, forms_of
from layout.press.icc import load_profile
from layout.press.pictures import develop_pages
from tests.kit.pictures import pdf_ad, photo, svg_logo

PROFILE = load_profile().data
W = Where("issue.yaml", 3, 9)


def mutations(data: bytes, n: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(n):
        b = bytearray(data)
        how = rnd.choice(("flip", "cut", "zero", "dup"))
        at = rnd.randrange(len(b))
        if how == "flip":
            for _ in range(rnd.randint(1, 8)):
                b[rnd.randrange(len(b))] = rnd.randrange(256)
        elif how == "cut":
            del b[at:]
        elif how == "zero":
            b[at:at + rnd.randint(1, 64)] = bytes(min(64, len(b) - at))
        else:
            b[at:at] = b[at:at + rnd.randint(1, 256)]
        yield bytes(b)


@pytest.mark.parametrize("name", ["p.jpg", "p.png", "p.tif", "ad.pdf", "logo.svg"])
def test_damaged_files_are_read_or_refused(tmp_path, name):
    src = tmp_path / ("src-" + name)
    if name.endswith(".pdf"):
        pdf_ad(src, 200, 100)
    elif name.endswith(".svg"):
        svg_logo(src)
    else:
        photo(src, 64, 48)
    outcomes = {"read": 0, "refused": 0}
    for k, data in enumerate(mutations(src.read_bytes(), 40, zlib.crc32(name.encode()))):
        path = tmp_path / f"{k}-{name}"
        path.write_bytes(data)
        try:
            s = read_source(str(path), W, vector=True)
        except SourceProblem:
            outcomes["refused"] += 1
            continue
        outcomes["read"] += 1
        if s.vector:
            item = Vector(0, 0, 72, 36, s.path, "ad", s.box, "ad", s)
            page = PageLayout(1, "x", BROADSHEET, (item,), ())
        else:
            page = PageLayout(1, "x", BROADSHEET, (image_item(s, (0, 0, 72, 54), "p"),), ())
        try:
            page = develop_pages([page], PROFILE, False)[0]
            forms = dict(forms_of([page], PROFILE, False))
        except InputError as e:
            assert all((d.line, d.column) == (3, 9) and d.hint for d in e.diagnostics)
            continue
        if s.vector:                    # embedded as the writer embeds it
            c = Canvas(io.BytesIO(), pagesize=(100, 100))
            draw_form(c, item, 100, forms)
            c.showPage()
            c.getpdfdata()
    assert sum(outcomes.values()) == 40
