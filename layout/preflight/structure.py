"""The first step of the preflight: is the file whole? Before a glyph is read, the PDF's
structure is verified as `qpdf --check` does it (pikepdf, which is qpdf): the header, the
cross-reference table and trailer (a table qpdf had to rebuild is a damaged file), every
object, every stream decoded through its filters, every page's content parsed. A damaged file
gets one finding, `file-damaged`, and no other check runs on it: the readers after this one
are lenient by design (pdfminer and pypdf skip what they cannot read), so they would report a
truncated or corrupted file as a few missing characters, or as no problem at all.

A byte can also change where qpdf sees nothing wrong (inside a string, a number, the XMP
packet): layout's PDFs carry their own digest for that (press.pdfx, ID), checked here too.
"""
from __future__ import annotations

import hashlib
import io
import re

from layout.preflight.findings import Finding

SHOWN = 3          # problems named in the finding; the count says how many more


def check_structure(data: bytes) -> list[Finding]:
    """[] when the PDF in `data` is whole and as layout wrote it; else one finding:
    `file-damaged` (qpdf or zlib cannot read it all) or `file-changed` (it reads, but its
    bytes are not those layout sealed)."""
    problems = _qpdf_problems(data) + _after_eof(data)
    if not problems:
        changed = _seal_broken(data)
        return [Finding(None, None, "file-changed", changed)] if changed else []
    more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
    return [Finding(None, None, "file-damaged",
                    "the PDF file is damaged, so nothing else was checked: "
                    + "; ".join(p[:160] for p in problems[:SHOWN]) + more
                    + "; build it again (a copy may have been cut short or changed)")]


def _qpdf_problems(data: bytes) -> list[str]:
    from layout import qpdf
    if not data.startswith(b"%PDF-"):
        return ["it does not start with %PDF- (not a PDF, or its start is missing)"]
    try:        # the usual case, a whole file, proved by pikepdf's core alone (layout.qpdf)
        with qpdf.opened(data) as pdf:
            inflated: dict = {}
            if _proved_whole(pdf, inflated) and _content_problems(pdf, inflated) == []:
                return []
    except Exception:            # the full check below says what it is
        pass
    import pikepdf
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            problems = [p for p in pdf.check_pdf_syntax()]
            problems += _flate_checksums(pdf)
            if not problems:
                problems = _content_problems(pdf) or []
    except pikepdf.PasswordError:
        return ["it is encrypted (a print file must not be)"]
    except Exception as e:       # pikepdf raises PdfError, and others from its C++ core
        return [f"qpdf cannot read it: {_one_line(e)}"]
    return [_one_line(p) for p in problems]


def _proved_whole(pdf, inflated: dict | None = None) -> bool:
    """The file whole by everything `qpdf --check` (check_pdf_syntax) verifies, in one pass:
    no warning from qpdf while the file is opened, its document structures read and every
    object of its cross-reference table parsed; every stream decoded (each Flate stream once,
    by zlib, which verifies its Adler-32 checksum as qpdf does not; streams with other filters
    or parameters by qpdf to the last filter, as the check decodes them, and their checksums
    as _flate_checksums verifies them); every page's content parsed (by _content_problems,
    after this). False when any of it fails or is not covered here (a linearized file, a page
    whose content qpdf parses in the full check): the full check then says what is wrong, in
    its own words. The same object loop as _flate_checksums, so each stream is inflated once
    instead of twice (qpdf and zlib: ~8 ms a page) and no token calls back into Python.
    `inflated`: filled with the pages' content streams as zlib inflated them, by object
    (for _content_problems: qpdf would inflate them again, ~1.3 ms a page)."""
    import zlib

    from layout import qpdf
    flate, stream, array = qpdf.Name.FlateDecode, qpdf.Stream, qpdf.Array
    if pdf.get_warnings() or pdf.is_linearized:
        return False
    pdf._check_document_structures()
    if not len(pdf.pages):
        return False
    contents = set()
    if inflated is not None:
        for page in pdf.pages:
            c = page.obj.get("/Contents")
            for s in (c if isinstance(c, array) else [c] if c is not None else []):
                if isinstance(s, stream):
                    contents.add(s.objgen)
    for obj in pdf.objects:
        if not isinstance(obj, stream):
            continue
        filters = obj.get("/Filter")
        if isinstance(filters, array) and len(filters) == 1:
            filters = filters[0]
        if filters != flate or "/DecodeParms" in obj:
            obj.read_bytes(qpdf.StreamDecodeLevel.all)
            if _flate_checksums([obj]):
                return False
            continue
        d = zlib.decompressobj()
        data = d.decompress(obj.read_raw_bytes())
        if not d.eof or d.unused_data:
            return False
        if obj.objgen in contents:
            inflated[obj.objgen] = data
    return not pdf.get_warnings()


def _content_problems(pdf, inflated: dict | None = None) -> list[str] | None:
    """ISO 32000-1 §7.8.2 in every page's content (preflight.syntax: qpdf's parser accepts any
    word as an operator, with any operands); None when a page holds what only qpdf's parser
    reads (an inline image). `inflated`: content streams already inflated, by object."""
    from layout.preflight.pdfread import KEPT
    from layout.preflight.syntax import content_problems
    KEPT.clear()                # only this file's pages are kept for the reader
    out, unsure = [], False
    for k, page in enumerate(pdf.pages, start=1):
        found = content_problems(_page_content(page, inflated or {}), keep=True)
        unsure |= found is None
        if found:
            out.append(f"page {k}: its content stream is not PDF syntax: " + "; ".join(found))
    return None if unsure and not out else out


def _page_content(page, inflated: dict) -> bytes:
    """The page's content, its streams joined as qpdf joins them to parse (§7.8.2: the
    division between streams may fall only at token boundaries); a stream in `inflated`
    (by object) taken from there."""
    from layout import qpdf

    def read(s) -> bytes:
        got = inflated.get(s.objgen) if s.objgen != (0, 0) else None
        return got if got is not None else s.read_bytes()
    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, qpdf.Array):
        return b"\n".join(read(s) for s in contents)
    return read(contents)


def _flate_checksums(objects) -> list[str]:
    """qpdf inflates a Flate stream without verifying its Adler-32 checksum (RFC 1950 §2.2), so
    a changed byte in a font or the output profile passes `qpdf --check`; zlib verifies it.
    `objects`: a Pdf's (all of them) or a list."""
    import zlib

    from layout import qpdf
    out = []
    for obj in getattr(objects, "objects", objects):
        if not isinstance(obj, qpdf.Stream):
            continue
        filters = obj.get("/Filter")
        first = filters[0] if isinstance(filters, qpdf.Array) and len(filters) else filters
        if first != qpdf.Name.FlateDecode:
            continue
        try:
            d = zlib.decompressobj()
            d.decompress(obj.read_raw_bytes())
            if not d.eof:
                out.append(f"object {obj.objgen[0]}: its compressed data is cut short")
        except zlib.error as e:
            out.append(f"object {obj.objgen[0]}: its compressed data is damaged ({e})")
    return out


def _after_eof(data: bytes) -> list[str]:
    """ISO 32000-1 §7.5.5: the file ends with %%EOF (and an end-of-line at most)."""
    end = data.rstrip(b"\r\n\0 \t")
    if end.endswith(b"%%EOF"):
        return []
    at = data.rfind(b"%%EOF")
    if at < 0:
        return ["it has no %%EOF end marker (cut short?)"]
    return [f"{len(data) - at - 5:,} bytes follow its %%EOF end marker"]


# The seal (press.seal, restated here: the preflight does not take the writer's word): the
# second half of the last /ID is the first 12 bytes of the SHA-256 of the file with those 32
# hex digits read as zeros, then the bytes LYT1; an ID without them is another program's.
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")


def _seal_broken(data: bytes) -> str:
    """What is wrong with the seal, or '' (sealed and intact, or a PDF without a seal: not
    one layout wrote, or re-saved by another program, so there is nothing to compare)."""
    tail = data[-4096:]
    found = list(_ID.finditer(tail))
    if not found:
        return ""
    m = found[-1]
    seal = m.group(2).decode().lower()
    if not seal.endswith(b"LYT1".hex()):      # an ID of another program's: nothing to compare
        return ""
    a = len(data) - len(tail) + m.start(2)
    want = hashlib.sha256(data[:a] + b"0" * 32 + data[a + 32:]).hexdigest()[:24]
    if want == seal[:24]:
        return ""
    return ("the file is not byte for byte what layout wrote: the digest in its /ID does not "
            "match its content, so it was damaged or changed after it was written (a copy cut "
            "or altered, or re-saved by another program); nothing else was checked; build it "
            "again")


# qpdf names a file opened from memory by the stream object's repr, which holds its address
# in memory: called "the PDF" instead, so that a report is the same from run to run
_MEMORY_NAME = re.compile(r"(?:stream )?<_io\.BytesIO object at 0x[0-9a-fA-F]+>")


def _one_line(e) -> str:
    return _MEMORY_NAME.sub("the PDF", " ".join(str(e).split()))
