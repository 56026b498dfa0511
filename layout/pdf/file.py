"""The file: ReportLab's document objects written out in number order, then the
cross-reference table and the trailer — the bytes PDFDocument.format writes (ISO 32000-1
§7.5: header, body, xref, trailer), without its machinery around every object (an indirect-
object wrapper, two encodings and an offset count an object, and a second pass over the
objects for the table: ~1 ms of the sample page's ~150 objects). tests/pdf/test_file.py
compares the two on the samples, cold and warm.

A document is written with this by setting it as the document's `format` (`assembled`), so
ReportLab's GetPDFData prepares the document as before (its outlines, the info's digest) and
then calls it.
"""
from __future__ import annotations

import functools

from reportlab.pdfbase import pdfdoc

_PDF_NAME = pdfdoc.PDFName
_STRING_FORMAT = pdfdoc.PDFString.format


@functools.lru_cache(maxsize=4096)
def _name(data, lo=chr(0x21), hi=chr(0x7e)) -> str:
    """ReportLab's PDFName (a pure function: a name escaped character by character, ~65
    of them a page), remembered."""
    return _PDF_NAME(data, lo, hi)


_FORMAT = pdfdoc.format
_REF = pdfdoc.PDFObjectReference
_ENCODED: dict = {}      # str or number -> its bytes in the file


def _format(element, document, toplevel=0):
    """ReportLab's pdfdoc.format (what every dictionary and array formats its values with),
    with its answer for a str or a number remembered: `extpdfdoc`-encoding a name such as
    /FlateDecode, or fp_str of a number, is a pure function of it and ~1 µs, ~100 times a
    file; a reference (~240 a file) written directly. Anything else goes to ReportLab's
    own."""
    t = type(element)
    if t is _REF:                  # "n 0 R", as PDFObjectReference.format writes it
        found = document.idToObjectNumberAndVersion.get(element.name)
        if found is not None:
            return b"%d %d R" % found
        return _FORMAT(element, document, toplevel)     # its error
    if t is str or t is int or t is float:
        key = (t, element)
        out = _ENCODED.get(key)
        if out is None:
            if len(_ENCODED) >= 4096:
                _ENCODED.clear()
            out = _ENCODED[key] = _FORMAT(element, document, toplevel)
        return out
    return _FORMAT(element, document, toplevel)


_STRINGS: dict = {}


def _string(self, document) -> bytes:
    """ReportLab's PDFString.format, remembered by the string, its encoding and escaping:
    for an unencrypted document (the only kind written here) a pure function of them, and
    ~5 µs each (the catalog's output intent and the document information: ~15 a file)."""
    s = self.s
    if type(s) is not str:
        return _STRING_FORMAT(self, document)
    key = (s, getattr(self, "enc", "auto"), getattr(self, "escape", 1))
    out = _STRINGS.get(key)
    if out is None:
        if len(_STRINGS) >= 4096:
            _STRINGS.clear()
        out = _STRINGS[key] = _STRING_FORMAT(self, document)
    return out


class Last:
    """A warm process's last file, for the next one: each object's body by number, and
    how many of the new file's first bytes are the last file's (`same`: up to the first
    object whose number or body differs; press.seal then hashes only the rest)."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.same = 0
        self.states: list = []     # the seal's hash states over a file (press.seal)
        self.states_of = None      # the bodies of that file: `same` counts only for them


def assembled(d, last: Last | None = None) -> None:
    """Make ReportLab's document `d` write its file with `document_bytes`."""
    d.format = lambda: document_bytes(d, last)


def document_bytes(d, last: Last | None = None) -> bytes:
    """The file of document `d` (every page shown, finished), as PDFDocument.format writes
    it for an unencrypted, invariant document. Objects registered while others are
    formatted (a reference made on the way) are written too, in number order. `last`: a
    warm process's (Last), compared with and then replaced by this file's."""
    if d.encrypt.info() is not None:
        raise ValueError("an encrypted document is written by ReportLab")
    d.encrypt.prepare(d)
    cat, info = d.Catalog, d.info
    d.Reference(cat)
    d.Reference(info)
    pdfdoc.PDFName = _name        # what every dictionary formats its keys with, meanwhile
    pdfdoc.PDFString.format = _string
    pdfdoc.format = _format
    try:
        return _assembled(d, cat, info, last or Last())
    finally:
        pdfdoc.PDFName = _PDF_NAME
        pdfdoc.PDFString.format = _STRING_FORMAT
        pdfdoc.format = _FORMAT


def _assembled(d, cat, info, last: Last) -> bytes:
    number_to_id, objects, offsets = d.numberToId, d.idToObject, d.idToOffset
    head = pdfdoc.PDFFile(d._pdfVersion).strings[0]
    parts, at = [head], len(head)
    entries = ["0000000000 65535 f "]
    n = 1
    before, bodies = last.bodies, [head]
    # bytes in common with a file the seal's states were not taken over are of no use
    same = bool(before) and before is last.states_of and head == before[0]
    last.same = 0
    while n in number_to_id:
        oid = number_to_id[n]
        body = pdfdoc.format(objects[oid], d, toplevel=1)
        bodies.append(body)
        if same and not (n < len(before) and before[n] == body):
            same, last.same = False, at
        # the object's parts, not copied into one chunk (the font programs and the profile
        # are ~350 KB of the sample's 392: copied once, by the join at the end)
        opening = b"%d 0 obj\n" % n
        closing = b"endobj\n" if body.endswith(b"\n") else b"\nendobj\n"
        offsets[oid] = at
        entries.append("%0.10d 00000 n " % at)
        parts += (opening, body, closing)
        at += len(opening) + len(body) + len(closing)
        n += 1
    count = len(number_to_id)
    if n - 1 != count:
        raise ValueError(f"objects numbered to {n - 1}, {count} registered")
    if same:
        last.same = at
    last.bodies = bodies
    parts.append(b"xref\n0 %d\n" % (count + 1) + "\n".join(entries).encode("ascii") + b"\n")
    trailer = pdfdoc.PDFTrailer(startxref=at, Size=count + 1, Root=d.Reference(cat),
                                Info=d.Reference(info), ID=d.ID())
    parts.append(trailer.format(d))
    return b"".join(parts)
