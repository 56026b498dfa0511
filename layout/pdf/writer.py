"""Stage: pages on their sheets -> one PDF file. Replays the placed items; decides nothing.

Every glyph is drawn at the x the composer chose (pdf.text: one TJ array per run of one font,
the gaps as numbers), so compression and justification are exactly what layout measured; the
—— bars and the bleed were decided before (page.finish, press.sheet). Colours are DeviceCMYK
with black as 100 % K only (docs/newspaper-conventions.md, print production: no rich black
text). The canvas is created with `initialFontName` set to an embedded font, so the file
references no unembedded Helvetica, and with `invariant=1`, so the same input gives the same
bytes. Print production is in its own modules: press.marks (crop and registration marks,
colour bar), press.inks (CMYK/gray only, the grayscale mode, pictures converted to CMYK) and
press.pdfx (PDF/X-4 or X-1a, output intent, metadata, repeatable bytes, written into
ReportLab's document before it is saved, and the atomic write: an interrupted build never
leaves a truncated PDF where the previous good one was).

Fonts: one Type0 font object per face (pdf.embed), added to the font resources every page
names; the canvas's initial font is a stand-in ReportLab writes nothing for, so the file names
no font it does not draw (no unembedded Helvetica).
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import NamedTuple

from layout import import_hiding


class _LazyImage(types.ModuleType):
    """Stands for PIL.Image until a picture uses it: the first attribute read or written
    imports the real module and goes to it (module attributes like __spec__ are the
    stand-in's own, so importing it does not load it)."""

    def _real(self):
        real = sys.modules.get("PIL.Image")
        if real is None or real is self:
            sys.modules.pop("PIL.Image", None)
            real = importlib.import_module("PIL.Image")
        return real

    def __getattr__(self, name):
        return getattr(self._real(), name)

    def __setattr__(self, name, value):
        setattr(self._real(), name, value)


SAFE_EVAL = "reportlab.lib.rl_safe_eval"


def _safe_eval(name: str):
    """A stand-in for function `name` of ReportLab's sandboxed eval module: the first call
    imports the real module (and puts it in sys.modules) and goes to its function."""
    def call(*args, **kw):
        real = sys.modules.get(SAFE_EVAL)
        if not getattr(real, "__file__", None):       # still the stand-in module
            sys.modules.pop(SAFE_EVAL, None)
            real = importlib.import_module(SAFE_EVAL)
        return getattr(real, name)(*args, **kw)
    call.__name__ = name
    return call


def _lean_imports() -> None:
    """Three imports ReportLab makes that a build does not use, kept off the cold path:
    its canvas imports its TrueType module, which imports uharfbuzz (9–60 ms) for shaping
    (glyphs are placed one by one here, and the fonts are our own objects): uharfbuzz is hidden
    for that one import (fonts.convert imports it itself for CFF subsetting); its utilities
    import Pillow's Image module (15–40 ms, most of it the EXIF tables) for pictures a page
    may not have: a stand-in takes its place until a picture uses it; and they import its
    sandboxed eval (rl_safe_eval: ast, inspect, dis, tokenize; 10–30 ms) for colours given as
    expressions and platypus's document templates, neither of which a build uses: four
    stand-in functions take the places of its four names until one is called."""
    if "reportlab.pdfgen.canvas" in sys.modules:
        return
    if "PIL.Image" not in sys.modules and importlib.util.find_spec("PIL") is not None:
        import PIL
        # the package's attribute too: `import PIL.Image` finds the module in sys.modules but
        # reads PIL.Image from the package (pypdfium2's PNG rendering does); the real import
        # sets it to the real module
        sys.modules["PIL.Image"] = PIL.Image = _LazyImage("PIL.Image")
    if SAFE_EVAL not in sys.modules:
        stand_in = types.ModuleType(SAFE_EVAL)
        for name in ("rl_safe_exec", "rl_safe_eval", "safer_globals",
                     "rl_extended_literal_eval"):
            setattr(stand_in, name, _safe_eval(name))
        sys.modules[SAFE_EVAL] = stand_in
    import_hiding("reportlab.pdfgen.canvas", "uharfbuzz", "platform")   # platform: 1.1 ms


_lean_imports()

from reportlab import rl_config  # noqa: E402
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.page.items import (Box, Frame, Image, Marker, PageLayout, Rule, TextLine,  # noqa: E402
                               Vector, VText, owner_runs)
from layout.page.reading import structure  # noqa: E402
from layout.pdf import tags  # noqa: E402
from layout.pdf.embed import PdfFonts  # noqa: E402
from layout.pdf.file import Last, assembled  # noqa: E402
from layout.pdf.flate import Pieces, cut  # noqa: E402
from layout.pdf.kept import Kept  # noqa: E402
from layout.pdf.text import LineWriter, Memo, draw_vertical  # noqa: E402
from layout.press import marks, pdfx  # noqa: E402
from layout.press.artwork import draw_form  # noqa: E402
from layout.press.inks import PressCanvas  # noqa: E402
from layout.press.pdfx import DocInfo  # noqa: E402

NO_FONT = "layout-no-initial-font"


class _NoFont:
    """The canvas's initial font: ReportLab writes a `Tf` for it into every page's preamble
    unless the font is "dynamic" (its text objects choose their own font resources), so this
    stand-in is dynamic and draws nothing."""
    fontName = NO_FONT
    _dynamicFont = 1
    _multiByte = 1
    shapable = False


pdfmetrics._fonts.setdefault(NO_FONT, _NoFont())


def _ink(gray: float) -> tuple[float, float, float, float]:
    return (0.0, 0.0, 0.0, 1.0 - gray)


class Pen(NamedTuple):
    """What every page of the document is drawn with: the line writer, the artwork forms
    (press.artwork: form name -> one-page PDF), the marked content (pdf.tags) and the runs'
    templates a warm process keeps (`_run`; None in a one-shot build)."""
    lines: LineWriter
    forms: dict
    tagger: tags.Tagger
    runs: Memo | None


def _draw(c: Canvas, page: PageLayout, pen: Pen, index: int) -> list[str]:
    """The items of page number `index` (from 0) of the document, each in its marked-content
    sequence (pdf.tags: an element's MCID, or an artifact), block by block: each run of
    consecutive items of one owner is one piece of the content stream (returned, in order,
    for pdf.flate), its operators kept by a warm process (`_run`)."""
    h = page.format.trim_h
    marks = pen.tagger.reading.marks[index]
    overprint = False      # decided per item by press.overprint; set when it changes
    runs: list[str] = []
    seen: dict[str, int] = {}
    i = 0
    for owner, items in owner_runs(page.items):
        j = i + len(items)
        k = seen[owner] = seen.get(owner, -1) + 1
        piece, overprint = _run(c, (items, marks[i:j]), pen, (index, owner, k, h), overprint)
        c._code.append(piece)
        runs.append(piece)
        i = j
    return runs


_SIDE_EFFECTS = (Image, Vector)    # drawing them registers objects in the document


def _run(c: Canvas, run: tuple, pen: Pen, key: tuple, overprint: bool) -> tuple[str, bool]:
    """The operators of one run of items (`run`: the items and their marks) and the
    overprint state after it. Drawn as a template, the MCIDs left as `%d` and filled in
    here, so a warm process reuses a run whose items, elements and entering overprint
    state are the same when an edit earlier on the page renumbers its MCIDs (`key`: page,
    owner, the owner's run number on the page, page height). A run with pictures or artwork
    is drawn every time (drawing them registers their objects in the document)."""
    items, marks = run
    types = pen.tagger.types[key[0]]
    ids: list[int] = []
    shape: list = []          # a line's count of MCIDs, another item's MCID or artifact kind
    for m in marks:           # one loop for both (it runs for every item of every page)
        kind = type(m)
        if kind is tuple:
            ids.extend(m)
            shape.append(len(m))
        else:
            if kind is int:
                ids.append(m)
            shape.append(m)
    ids = tuple(ids)
    if pen.runs is None:          # a one-shot build: nothing kept
        template, _, overprint = _template(c, items, marks, pen, key, overprint)
        return template % ids, overprint
    sig = (items, tuple(shape), tuple(map(types.__getitem__, ids)), overprint)
    hit = pen.runs.take(key)
    if hit is not None and hit[0] == sig:
        (template, states, overprint), filled = hit[1], hit[2]
        for name in states:
            c.use_state(name)
        if filled[0] != ids:      # the same MCIDs: the same operators, not filled again
            filled = (ids, template % ids)
    elif any(isinstance(it, _SIDE_EFFECTS) for it in items):
        template, states, overprint = _template(c, items, marks, pen, key, overprint)
        return template % ids, overprint
    else:
        made = _template(c, items, marks, pen, key, overprint)
        template, states, overprint = made
        filled = (ids, template % ids)
    # (what it is drawn from, the template, the template filled with its MCIDs: a page's
    # ~100 KB of operators formatted again at every warm edit was ~0.1 ms)
    pen.runs.put(key, (sig, (template, states, overprint), filled))
    return filled[1], overprint


def _template(c: Canvas, items, marks, pen: Pen, key: tuple, overprint: bool) -> tuple:
    """Draw a run as a template (its MCIDs as `%d`, any other % doubled): (the template, the
    graphics states it sets, the overprint state after it)."""
    index, h = key[0], key[3]
    code = c._code
    start = len(code)
    states = []
    for item, mark in zip(items, marks):
        if getattr(item, "overprint", False) != overprint:
            overprint = not overprint
            states.append(c.set_overprint(overprint))
        if isinstance(item, TextLine):        # its sequences are inside its text object
            pen.lines.draw(item, h, _ink(item.gray), pen.tagger.line(index, item, mark),
                           fill=False)
            continue
        code.append(pen.tagger.opener(index, mark, item, template=True))
        at = len(code)
        _item(c, item, h, pen)
        code[at:] = [op.replace("%", "%%") for op in code[at:]]
        code.append(tags.EMC)
    template = "\n".join(code[start:])
    del code[start:]
    return template, tuple(states), overprint


def _item(c: Canvas, item, h: float, pen: Pen) -> None:
    if isinstance(item, VText):
        draw_vertical(pen.lines, item, h, _ink(item.gray))
    elif isinstance(item, Frame):
        _frame(c, item, h)
    elif isinstance(item, Rule):
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(item.width)
        c.line(item.x0, h - item.y0, item.x1, h - item.y1)
    elif isinstance(item, Box):
        if item.fill is not None:
            c.setFillColorCMYK(*_ink(item.fill))
        if item.stroke is not None:
            c.setStrokeColorCMYK(0, 0, 0, 1)
            c.setLineWidth(item.stroke)
        c.rect(item.x, h - item.y - item.h, item.w, item.h,
               stroke=int(item.stroke is not None), fill=int(item.fill is not None))
    elif isinstance(item, Marker):
        # proof mark in 100 % M + 100 % Y (red): a boxed plus, as layout programs mark
        # overset text; only present when the editor built with --allow-overset
        c.setStrokeColorCMYK(0, 1, 1, 0)
        c.setLineWidth(0.75)
        y = h - item.y - item.size
        c.rect(item.x, y, item.size, item.size, stroke=1, fill=0)
        m = item.size / 2
        c.line(item.x + 2, y + m, item.x + item.size - 2, y + m)
        c.line(item.x + m, y + 2, item.x + m, y + item.size - 2)
    elif isinstance(item, Image):
        _image(c, item, h)
    elif isinstance(item, Vector):
        draw_form(c, item, h, pen.forms)


def _frame(c: Canvas, item: Frame, h: float) -> None:
    """A frame's paths as page.frames decided them: stroked (width > 0) or filled, 100 % K."""
    c.saveState()
    c.setStrokeColorCMYK(0, 0, 0, 1)
    c.setFillColorCMYK(0, 0, 0, 1)
    for p in item.paths:
        path = c.beginPath()
        (x0, y0), rest = p.points[0], p.points[1:]
        path.moveTo(x0, h - y0)
        for x, y in rest:
            path.lineTo(x, h - y)
        if p.closed:
            path.close()
        c.setLineCap(1 if p.round else 0)
        c.setLineJoin(1 if p.round else 0)
        if p.width:
            c.setLineWidth(p.width)
        c.drawPath(path, stroke=int(p.width > 0), fill=int(p.width == 0))
    c.restoreState()


def _image(c: Canvas, item: Image, page_h: float) -> None:
    """A picture as press.pictures made it (item.data: JPEG or Flate bytes, CMYK or gray, at
    item.px pixels), drawn exactly over its rectangle; embedded once however often drawn."""
    if not item.data:
        raise ValueError(f"picture '{item.owner}' was not made ready for the press")
    flt, space = item.encoding.split("/")
    name = "Img" + hashlib.sha256(item.data + item.encoding.encode()).hexdigest()[:24]
    reg = c._doc.getXObjectName(name)
    if reg not in c._doc.idToObject:
        xo = pdfdoc.PDFImageXObject(name)
        xo.width, xo.height = item.px
        xo.bitsPerComponent, xo.colorSpace = 8, space
        xo._filters, xo.streamContent, xo.mask = (flt,), item.data, None
        # Pillow writes CMYK JPEGs as Adobe does, inverted: the Decode array undoes it
        # (ISO 32000-1 8.9.5.2; ReportLab's own JPEG path does the same)
        xo._dotrans = int(flt == "DCTDecode" and space == "DeviceCMYK")
        c._setXObjects(xo)
        c._doc.Reference(xo, reg)
        c._doc.addForm(name, xo)
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(item.x, page_h - item.y - item.h)
    c.scale(item.w, item.h)
    c._code.append(f"/{reg} Do")
    c.restoreState()
    c._formsinuse.append(name)


class _Raw(pdfdoc.PDFObject):
    def __init__(self, data: str):
        self.data = data.encode("latin-1")

    def format(self, document) -> bytes:
        return self.data


class PdfCache:
    """What a warm process (`layout watch`, the desk) keeps between the PDFs it writes, so a
    one-story edit rewrites only what changed: the fonts' subsets (pdf.embed: a face whose
    glyphs did not change is neither subset nor compressed again), the operators of every
    run of a block's items (`_run`: only the edited block's run is drawn again), those and
    the marked content of every line (pdf.text.Memo: only the edited story's new lines are
    drawn and tagged again), the deflated pieces of the content streams (pdf.flate: a
    run whose operators did not change is not compressed again) and the formatted objects
    of the fonts, the profile, and each story's structure elements and thread (pdf.kept,
    pdf.tags). A cold build uses a fresh one."""

    def __init__(self) -> None:
        self.fonts: PdfFonts | None = None
        self.lines = Memo()
        self.marks = Memo()           # the lines' marked content (pdf.tags.Tagger)
        self.runs = Memo()            # the runs' templates (_run)
        self.pieces = Pieces()
        self.objects = Memo(keep=0)   # formatted objects (pdf.kept): fonts, the profile — the
        # last document's only: an entry holds a subset program (~0.1–1 MB)
        self.tree = Memo(keep=0)      # the structure tree's and threads' objects (pdf.tags)
        self.reading: dict = {}       # page.reading.structure's runs, elements, threads
        self.overprint = Memo(keep=0)  # overprint decisions by item, sizes by line (press)
        self.last = Last()            # the last file's objects and seal states (pdf.file)
        # a resident process (build.Warm.resident): the memos of whole stories (structure
        # subtrees, threads, overprint) are kept — a cold build's would cost without
        # paying back —, and its PDF is fsynced after the replace (press.atomic)
        self.resident = False

    def pdf_fonts(self, fontset) -> PdfFonts:
        """The embedding half of `fontset`, the same object while the set is the same."""
        if self.fonts is None or self.fonts.fonts is not fontset:
            self.fonts = PdfFonts(fontset)
        return self.fonts


def _deflate_pages(c: Canvas, runs: list[list[str]], pieces: Pieces) -> None:
    """Each page's content stream deflated here (ReportLab would at save), in pieces cut
    after its runs (pdf.flate), each piece once while its operators stay the same."""
    for page, page_runs in zip(c._doc.Pages.pages, runs):
        page.Contents = _stream(pieces.deflate(cut(page.stream, page_runs)))


def _stream(data: bytes, **entries) -> pdfdoc.PDFStream:
    """A stream whose data is already deflated."""
    return pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": "/FlateDecode", **entries}), data)


def add_fonts(d, fonts: PdfFonts, kept: Memo | None = None) -> list[str]:
    """Each face's Type0 font, its CIDFontType2, descriptor, program and ToUnicode CMap
    (ISO 32000-1 §9.7.4, §9.8, §9.10.3) into ReportLab's document `d`, named in the font
    resources all pages share; returns the BaseFont of each (for the document ID). `kept`:
    a warm process's formatted objects (pdf.kept): a face whose objects are the same and
    numbered the same is not formatted again."""
    res = d.idToObject[pdfdoc.BasicFonts].dict
    names = []
    for face in fonts.embedded():
        e = face.embed()
        first = d.objectcounter + 1          # the number ReportLab gives its first object

        def ref(k: int, obj, name=None):
            return d.Reference(Kept(kept, e, (first, k), obj), name)
        name = "/" + e.basefont
        desc = {"Type": "/FontDescriptor", "FontName": name,
                "FontFile2": ref(0, _stream(e.program, Length1=e.length1))}
        desc.update(e.descriptor)
        desc["FontBBox"] = pdfdoc.PDFArray(e.descriptor["FontBBox"])
        cid = {"Type": "/Font", "Subtype": "/CIDFontType2", "BaseFont": name,
               "CIDSystemInfo": _Raw("<< /Registry (Adobe) /Ordering (Identity) "
                                     "/Supplement 0 >>"),
               "FontDescriptor": ref(1, pdfdoc.PDFDictionary(desc)),
               "DW": e.dw, "W": _Raw(e.w), "CIDToGIDMap": "/Identity"}
        font = {"Type": "/Font", "Subtype": "/Type0", "BaseFont": name,
                "Encoding": "/Identity-H",
                "DescendantFonts": pdfdoc.PDFArray([ref(2, pdfdoc.PDFDictionary(cid))]),
                "ToUnicode": ref(3, _stream(e.to_unicode))}
        res[face.resource] = ref(4, pdfdoc.PDFDictionary(font), "Font:" + face.resource)
        names.append(e.basefont)
    return names


def _content_digest(c: Canvas, fonts: list[str]) -> bytes:
    """What the document draws, for its ID: every page's content stream (pictures are named
    there by a hash of their data) and the font subsets (their tags hash their glyphs)."""
    h = hashlib.sha256()
    for page in c._doc.Pages.pages:
        h.update(page.stream.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(" ".join(fonts).encode("ascii"))
    return h.digest()


def write_pdf(sheets, fonts: PdfFonts, out: Path, doc: DocInfo, gray: bool = False,
              cache: PdfCache | None = None, sync_behind: bool = False) -> int:
    """Write every (page, sheet) pair of `sheets` (press.sheet.impose: items already carried
    into the bleed) to `out` as a print file, atomically; returns the size in bytes. Each
    page is drawn translated onto its sheet, never scaled; press.pdfx.finish sets the boxes,
    the output intent and the metadata (`doc`), and press.pdfx.write moves the file into
    place. `gray`: every colour and picture as DeviceGray. `cache`: what a warm process
    keeps between PDFs (PdfCache). `sync_behind`: the file fsynced in a thread after it is
    in place (press.atomic.save; a resident process's always are), for a caller that waits
    for it (atomic.settle) before it publishes the file."""
    cache = cache or PdfCache()
    # No ASCII85 on the streams: it only makes binary data printable, +25 % in size, and
    # ReportLab's pure-Python encoder took 10 ms for the sample page. Restored afterwards:
    # the switch is ReportLab's global.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        c = PressCanvas(None, gray=gray, pagesize=sheets[0][1].size, invariant=1,
                        pageCompression=1, initialFontName=NO_FONT, initialFontSize=9)
        # what the kept operators were drawn with: the fonts' codes and the colour mode
        drawn_with = (fonts.key, gray)
        # the memos of lines, their marks and runs kept only by a resident process: a
        # one-shot build draws each once, and keying, finding and keeping them was ~15 ms
        # of 16 pages (~1 ms a page)
        warm = cache.resident
        lines = LineWriter(c, fonts, cache.lines.start(drawn_with) if warm else None)
        forms = dict(doc.forms)     # artwork: form name -> one-page PDF (press.artwork)
        reading = structure([page for page, _ in sheets], cache.reading if warm else None)
        pen = Pen(lines, forms, tags.Tagger(reading, cache.marks.start(None) if warm else None),
                  cache.runs.start(drawn_with) if warm else None)
        runs = []
        for i, (page, sheet) in enumerate(sheets):
            c.setPageSize(sheet.size)
            c.saveState()
            c.translate(float(sheet.inset), float(sheet.inset))
            runs.append(_draw(c, page, pen, i))
            c.restoreState()
            if sheet.marks or sheet.colorbar:
                c._code.append(tags.PRINTER_MARKS)
                marks.draw(c, sheet, gray)
                c._code.append(tags.EMC)
            c.showPage()
        tags.write(c._doc, reading, [s for _, s in sheets],
                   cache.tree.start(None) if cache.resident else None)
        _deflate_pages(c, runs, cache.pieces.start())
        kept = cache.objects.start(None)
        names = add_fonts(c._doc, fonts, kept)
        pdfx.finish(c, [s for _, s in sheets], doc, _content_digest(c, names), kept)
        assembled(c._doc, cache.last)   # the file written by pdf.file: the same bytes
        return pdfx.write(c, out, cache.resident or sync_behind, cache.last)
    finally:
        rl_config.useA85 = a85
