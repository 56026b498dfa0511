"""The reading structure (page.reading) as PDF: marked content around every item, the
structure tree, the article threads, and the catalog entries a tagged document carries. It
writes what page.reading decided and decides nothing.

- Marked content (ISO 32000-1 14.6): each content item is one sequence `/P <</MCID n>> BDC …
  EMC`, tagged with its element's type, a line one per segment (page.reading.segments) inside
  its text object, a run with replacement text carrying it in the same property list, tagged Span
  (poppler reads ActualText only there; the element's type is the structure element's /S):
  `/Span <</MCID n /ActualText <FEFF…>>> BDC` (14.9.4); a line's —— bars, drawn over its hidden
  dashes, are layout artifacts. Each artifact is `/Artifact <</Type …>> BDC … EMC` (14.8.2.2),
  a furniture line's replacement text a `/Span <</ActualText …>>` nested in it; the printer's
  marks in the slug are `/Artifact <</Type /Page>>` (production aids).
- The structure tree (14.7.2): StructTreeRoot → Document → Art …, each element with its
  parent /P, its page /Pg, its kids (MCIDs on its page as integers, elsewhere as marked-content
  references), a Figure's /Alt, an Art's /T; the ParentTree (14.7.4.4) maps every page's MCIDs
  back to their elements (page /StructParents = the page's index).
- Catalog: /MarkInfo <</Marked true>> (14.7.1), /Lang (zh-CN) (14.9.2), /ViewerPreferences
  <</DisplayDocTitle true>> (PDF/UA-1, ISO 14289-1 7.1: the title, not the file name, shown).
- Article threads (12.4.3): /Threads in the catalog, a thread per story with its title, its
  beads a circular list (N, V), each with its page /P and rectangle /R; each page's /B lists
  its beads in reading order.
"""
from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc

from layout.page.items import TextLine, VText
from layout.page.reading import (ARTIFACT_HEADER, ARTIFACT_LAYOUT, ARTIFACT_PAGINATION, Node,
                                 Reading, runs, segments)

ARTIFACTS = {ARTIFACT_HEADER: "/Artifact <</Type /Pagination /Subtype /Header>> BDC",
             ARTIFACT_PAGINATION: "/Artifact <</Type /Pagination>> BDC",
             ARTIFACT_LAYOUT: "/Artifact <</Type /Layout>> BDC"}
PRINTER_MARKS = "/Artifact <</Type /Page>> BDC"
EMC = "EMC"
LANG = "zh-CN"


def _utf16(text: str) -> str:
    """A text string as UTF-16BE with its BOM, in hex (ISO 32000-1 7.9.2.2)."""
    return "<FEFF%s>" % text.encode("utf-16-be").hex().upper()


class LineMarks(NamedTuple):
    """The marked content of one line: `outer` around its whole text object (an artifact's),
    or None; `events` (glyph index, close the open sequence first, open this one or None),
    their MCIDs written `%d`, and `ids` the MCIDs, in order; `bars` around its —— bars."""
    outer: str | None
    events: tuple[tuple[int, bool, str | None], ...]
    bars: str | None
    ids: tuple[int, ...] = ()


class Tagger:
    """The marked-content operators of each item: per page, the type of each MCID's element."""

    def __init__(self, reading: Reading, memo=None):
        self.reading = reading
        self.types: list[dict[int, str]] = [{} for _ in reading.marks]
        self._walk(reading.root)
        # the lines' marks by what they are made of (`line`), the last document's kept by a
        # warm process (pdf.text.Memo in pdf.writer.PdfCache): a one-story edit tags only
        # that story's lines again
        self.memo = memo

    def _walk(self, node: Node) -> None:
        for k in node.kids:
            if isinstance(k, Node):
                self._walk(k)
            else:
                self.types[k[0]][k[1]] = node.type

    def opener(self, page: int, mark: int | str, item=None, template: bool = False) -> str:
        """The BDC before item `mark` (its MCID or its artifact kind) of page `page`. A
        vertical column (items.VText) reads as its text, in reading order, whatever order
        and turn its glyphs are drawn in. `template`: the MCID left as `%d`."""
        if isinstance(mark, str):
            return ARTIFACTS[mark]
        mcid = "%d" if template else "%d" % mark
        if isinstance(item, VText) and item.text:
            return "/Span <</MCID %s /ActualText %s>> BDC" % (mcid, _utf16(item.text))
        return "/%s <</MCID %s>> BDC" % (self.types[page][mark], mcid)

    def line(self, page: int, item: TextLine, mark) -> LineMarks:
        """The marked content of a line: its sequences (content), or the artifact around it
        with its replacement text nested. A function of the line's glyphs (by identity: the
        entry holds the line), its replacement text, whether it has bars, and its artifact
        kind or its elements' types; the MCIDs go in `ids`."""
        if self.memo is None:        # a one-shot build (pdf.writer): each line tagged once
            return self._line(page, item, mark)
        if isinstance(mark, str):
            kinds = mark
        else:
            types = self.types[page]
            kinds = tuple(types[m] for m in mark)
        line = item.line
        key = (id(line), item.actual, bool(item.bars), kinds)
        hit = self.memo.take(key)
        if hit is None or hit[0] is not line:
            hit = (line, self._line(page, item, mark))
        self.memo.put(key, hit)
        marks = hit[1]
        if isinstance(mark, str):
            return marks
        # made whole, not by _replace (namedtuple's _replace goes through a dict: ~1 us a line)
        return LineMarks(marks.outer, marks.events, marks.bars, tuple(mark))

    def _line(self, page: int, item: TextLine, mark) -> LineMarks:
        events: dict[int, tuple[bool, str | None]] = {}
        if isinstance(mark, str):
            for a in runs(item):
                close = events.get(a.first, (False, None))[0]
                events[a.first] = (close, "/Span <</ActualText %s>> BDC" % _utf16(a.text))
                events[a.end] = (True, None)
            return LineMarks(ARTIFACTS[mark], _ordered(events), None)
        types = self.types[page]
        if not item.actual and len(mark) == 1:    # one sequence (nearly every line): made
            opener = "/%s <</MCID %%d>> BDC" % types[mark[0]]   # as the loop below makes it
            n = len(item.line.glyphs)
            events = (((0, False, opener + " " + EMC),) if not n
                      else ((0, False, opener), (n, True, None)))
            return LineMarks(None, events, ARTIFACTS[ARTIFACT_LAYOUT] if item.bars else None,
                             tuple(mark))
        for k, ((first, _, text), mcid) in enumerate(zip(segments(item), mark)):
            if text is None:
                events[first] = (k > 0, "/%s <</MCID %%d>> BDC" % types[mcid])
            else:          # poppler reads ActualText only in a sequence tagged Span
                events[first] = (k > 0, "/Span <</MCID %%d /ActualText %s>> BDC"
                                 % _utf16(text))
        end = len(item.line.glyphs)
        if end in events:    # no glyphs (a zero-width space alone): its sequence is empty
            events[end] = (events[end][0], events[end][1] + " " + EMC)
        else:
            events[end] = (True, None)
        return LineMarks(None, _ordered(events), ARTIFACTS[ARTIFACT_LAYOUT] if item.bars
                         else None, tuple(mark))


def _ordered(events: dict) -> tuple:
    return tuple((i, close, op) for i, (close, op) in sorted(events.items()))


_REF = pdfdoc.PDFObjectReference


def _value(e, document, numbers) -> bytes:
    """One value of the structure tree's dictionaries and arrays, formatted directly."""
    if type(e) is int:
        return b"%d" % e
    if type(e) is str:                         # a name ("/P") or a keyword ("true")
        return e.encode("latin-1")
    if isinstance(e, pdfdoc.PDFObjectReference):
        return b"%d %d R" % numbers[e.name]
    return pdfdoc.format(e, document)


class _Dict(pdfdoc.PDFObject):
    """A dictionary of the structure tree or the threads (StructElem, MCR, Bead …), formatted
    directly: ReportLab's generic PDFDictionary took ~50 µs one (its names are escaped
    character by character), 6 ms of a broadsheet page's file for 76 elements and 30 beads.
    `dict` as ReportLab's, so entries are added the same way."""

    def __init__(self, d: dict):
        self.dict = dict(d)

    def format(self, document) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return b"<< " + b" ".join(b"/%s %s" % (k.encode("ascii"), _value(v, document, numbers))
                                  for k, v in sorted(self.dict.items())) + b" >>"


def _dict(d: dict) -> _Dict:
    return _Dict(d)


class _Array(pdfdoc.PDFObject):
    """An array of the structure tree (MCIDs, references, marked-content references),
    formatted here: ReportLab's generic formatting took ~7 µs an element, 10 ms of a
    broadsheet page's file for its ~600 ParentTree references and MCIDs."""

    def __init__(self, items):
        self.items = list(items)

    def format(self, document) -> bytes:
        items = self.items
        if all(type(e) is int for e in items):     # MCIDs only: most K arrays
            return ("[%s]" % " ".join(map(str, items))).encode("ascii")
        numbers = document.idToObjectNumberAndVersion
        if all(type(e) is _REF for e in items):    # the ParentTree's elements of a page
            return b"[" + b" ".join([b"%d %d R" % numbers[e.name] for e in items]) + b"]"
        return b"[" + b" ".join(_value(e, document, numbers) for e in items) + b"]"


def _page_ref(d, pages, i: int):
    return d.Reference(pages[i])


def write(d, reading: Reading, sheets, kept=None) -> None:
    """The structure tree, the threads and the catalog entries into ReportLab's document `d`
    (every page shown; `sheets` the pages' press.sheet.Sheet, for bead rectangles). `kept`:
    a warm process's formatted objects (a pdf.text.Memo): each story's subtree and thread
    whose objects would be the same, numbered the same, is written as it was (`_kept`)."""
    pages = d.Pages.pages
    numbers = d.idToObjectNumberAndVersion
    where = (tuple(numbers[d.Reference(p).name] for p in pages), tuple(sheets))
    parents: list[dict[int, object]] = [{} for _ in pages]     # page -> MCID -> element ref
    root = _dict({"Type": "/StructTreeRoot"})
    root_ref = d.Reference(root)
    top = reading.root
    doc = _dict({"Type": "/StructElem", "S": "/" + top.type, "P": root_ref})
    doc_ref = d.Reference(doc)
    kids = [_kept(d, kept, ("elem", k, numbers[doc_ref.name], where),
                  lambda k=k: _element(d, pages, k, doc_ref, parents), parents)
            for k in top.kids]
    doc.dict["K"] = kids[0] if len(kids) == 1 else _Array(kids)
    nums = []
    for i, by_mcid in enumerate(parents):
        nums += [i, _Array([by_mcid[m] for m in sorted(by_mcid)])]
        page = pages[i]
        page.__NoDefault__ = list(page.__NoDefault__) + ["StructParents"]
        page.StructParents = i
    root.dict.update({"K": doc_ref, "ParentTreeNextKey": len(pages),
                      "ParentTree": d.Reference(_dict({"Nums": _Array(nums)}))})
    cat = d.Catalog
    cat.StructTreeRoot = root_ref
    cat.MarkInfo = _dict({"Marked": "true"})
    cat.Lang = pdfdoc.PDFString(LANG)
    cat.ViewerPreferences = _dict({"DisplayDocTitle": "true"})
    _threads(d, pages, reading, sheets, kept, where)


class _Bytes(pdfdoc.PDFObject):
    """An object already formatted."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document) -> bytes:
        return self.data


def _kept(d, kept, key: tuple, make, parents=None):
    """The objects `make` registers (a story's structure elements, or a thread and its
    beads), formatted once and, in a warm process, registered again as those bytes while
    `key` — what they are made of, where they point (the pages' numbers, the parent's) —
    and the number of the first of them are the same: their numbers, and so ReportLab's
    names for them ("R" and the number), are then those of the last time, and what `make`
    returned (references) holds again. `parents` (page -> MCID -> element) gets the
    elements of the subtree `key[1]` back."""
    key = key + (d.objectcounter + 1,)
    hit = kept.take(key) if kept is not None else None
    if hit is None:
        first = d.objectcounter + 1
        made = make()
        if kept is None:
            return made
        data = []
        for n in range(first, d.objectcounter + 1):    # formatted now, written as bytes
            name = d.numberToId[n]
            data.append(d.idToObject[name].format(d))
            d.idToObject[name] = _Bytes(data[-1])
        marks: dict[int, dict] = {}
        if parents is not None:
            for pi, m in _leaves(key[1]):
                marks.setdefault(pi, {})[m] = parents[pi][m]
        hit = (tuple(data), made, tuple(marks.items()))
    else:
        for b in hit[0]:
            _register(d, _Bytes(b))
        for pi, by_mcid in hit[2]:
            parents[pi].update(by_mcid)
    kept.put(key, hit)
    return hit[1]


def _register(d, obj) -> None:
    """`obj` registered in document `d` as its next object, as d.Reference(obj) registers a
    new unnamed object (named "R" and its number), without the checks a reference to an
    object already registered needs (~4 µs each: a story's elements are ~20 objects)."""
    n = d.objectcounter = d.objectcounter + 1
    name = "R%d" % n
    obj.__InternalName__ = name
    d.idToObjectNumberAndVersion[name] = (n, 0)
    d.numberToId[n] = name
    d.idToObject[name] = obj


def _leaves(node: Node):
    """The (page, MCID) of a subtree's marked content."""
    for k in node.kids:
        if isinstance(k, Node):
            yield from _leaves(k)
        else:
            yield k


def _element(d, pages, node: Node, parent_ref, parents) -> object:
    """One structure element and, depth first, its kids; returns its reference."""
    elem = _dict({"Type": "/StructElem", "S": "/" + node.type, "P": parent_ref})
    ref = d.Reference(elem)
    first = _first_page(node)
    kids = []
    for k in node.kids:
        if isinstance(k, Node):
            kids.append(_element(d, pages, k, ref, parents))
            continue
        pi, mcid = k
        parents[pi][mcid] = ref
        kids.append(mcid if pi == first else _dict(
            {"Type": "/MCR", "Pg": _page_ref(d, pages, pi), "MCID": mcid}))
    if first is not None:
        elem.dict["Pg"] = _page_ref(d, pages, first)
    if node.alt:
        elem.dict["Alt"] = pdfdoc.PDFString(node.alt)
    if node.title:
        elem.dict["T"] = pdfdoc.PDFString(node.title)
    elem.dict["K"] = kids[0] if len(kids) == 1 else _Array(kids)
    return ref


def _first_page(node: Node) -> int | None:
    for k in node.kids:
        if not isinstance(k, Node):
            return k[0]
    return None


class _Numbers(pdfdoc.PDFObject):
    """An array of numbers as ReportLab's PDFArray writes it ("[ a b … ]", fp_str), in one
    call instead of one generic formatting an element."""

    def __init__(self, *numbers: float):
        self.numbers = numbers

    def format(self, document) -> bytes:
        return b"[ %s ]" % fp_str(*self.numbers).encode("ascii")


def _rect(r, sheet) -> _Numbers:
    """A rectangle in page coordinates (y down, from the trim's corner) on its sheet."""
    inset, h = float(sheet.inset), float(sheet.trim_h)
    x0, y0, x1, y1 = r
    return _Numbers(round(x0 + inset, 2), round(inset + h - y1, 2),
                    round(x1 + inset, 2), round(inset + h - y0, 2))


def _threads(d, pages, reading: Reading, sheets, kept=None, where=()) -> None:
    if not reading.threads:
        return
    on_page: list[list] = [[] for _ in pages]
    threads = []
    for t in reading.threads:
        t_ref, beads = _kept(d, kept, ("thread", t, where),
                             lambda t=t: _thread(d, pages, t, sheets))
        for pi, ref in beads:
            on_page[pi].append(ref)
        threads.append(t_ref)
    d.Catalog.Threads = pdfdoc.PDFArray(threads)
    for page, refs in zip(pages, on_page):
        if refs:
            page.B = pdfdoc.PDFArray(refs)


def _thread(d, pages, t, sheets) -> tuple:
    """One article thread and its beads: (its reference, (page, bead reference) each)."""
    thread = _dict({"Type": "/Thread", "I": _dict({"Title": pdfdoc.PDFString(t.title)})})
    t_ref = d.Reference(thread)
    beads = [_dict({"Type": "/Bead", "P": _page_ref(d, pages, pi),
                    "R": _rect(r, sheets[pi])}) for pi, r in t.beads]
    refs = [d.Reference(b) for b in beads]
    for k, b in enumerate(beads):
        b.dict["N"] = refs[(k + 1) % len(refs)]
        b.dict["V"] = refs[k - 1]
    beads[0].dict["T"] = t_ref
    thread.dict["F"] = refs[0]
    return t_ref, tuple((pi, ref) for (pi, _), ref in zip(t.beads, refs))
