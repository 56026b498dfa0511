"""Print production, the file: PDF/X-4 (default) or PDF/X-1a:2001 and repeatable bytes, written
with the PDF itself: ReportLab's document gets the boxes, the identification and the output
intent as document objects before it is written, so the file is final as it comes out of the
writer (no second pass: the qpdf rewrite this replaced cost ~25 ms and pikepdf's import
another 40–60 ms of a cold build).

- page boxes from press.sheet.Sheet: MediaBox ⊇ BleedBox ⊇ TrimBox (ISO 32000-1:2008 14.11.2;
  ISO 15930-1:2001 and ISO 15930-7:2010 require TrimBox or ArtBox on every page, and the
  BleedBox, when present, inside the MediaBox), written to 0.0001 pt, whole numbers as
  integers; no CropBox (= MediaBox), no ArtBox (PDF/X wants TrimBox or ArtBox, not both);
- the output intent: /S /GTS_PDFX with OutputConditionIdentifier, RegistryName, Info and the
  CMYK profile embedded as DestOutputProfile (ISO 32000-1 14.11.5; ISO 15930-1:2001 and
  ISO 15930-7:2010, output intent requirements: exactly one GTS_PDFX intent, its profile an
  output ("prtr") profile; PDF/X-4 requires the profile embedded, PDF/X-1a when the
  condition is not a registered one — we always embed it);
- identification: GTS_PDFXVersion in the Info dictionary (PDF/X-1a:2001 adds
  GTS_PDFXConformance, ISO 15930-1:2001) and, for PDF/X-4, pdfxid:GTS_PDFXVersion in the XMP
  metadata (ISO 15930-7:2010, identification in XMP; ISO 32000-1 14.3.2 metadata streams);
- Trapped set to False (ISO 15930-1/-7 forbid Unknown; ISO 32000-1 14.11.6: the file is not
  trapped, the printer's RIP may trap it);
- title, creation and modification dates in both Info and XMP, consistent (ISO 15930-7
  requires the XMP and Info to agree); the file identifier /ID in the trailer (ISO 32000-1
  14.4, required by ISO 15930-1/-7), the first half the document ID, the second the seal, a
  digest of the file's own bytes (press.seal);
- the header version: 1.3 for PDF/X-1a:2001 (its base, ISO 15930-1:2001), 1.6 for PDF/X-4
  (ISO 15930-7:2010); ReportLab writes no object or cross-reference streams (PDF 1.5
  features), and the XMP stays unfiltered so any preflight tool reads it.

Repeatable: the same input gives the same bytes. The dates are the issue's date (midnight,
China Standard Time), never the clock; the document ID is derived from the content (a hash of
what the pages draw with which font subsets, and of the print options).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal, NamedTuple

from reportlab.pdfbase import pdfdoc

from layout.pdf.kept import Kept
from layout.press import atomic
from layout.press.seal import sealed
from layout.press.icc import Profile
from layout.press.sheet import Sheet

PdfX = Literal["x4", "x1a", "none"]

REGISTRY = "http://www.color.org"
CST = dt.timezone(dt.timedelta(hours=8), "CST")

VERSIONS = {"x4": ("PDF/X-4", None, "1.6"),
            "x1a": ("PDF/X-1:2001", "PDF/X-1a:2001", "1.3"),
            "none": (None, None, None)}


# -- dates and identifiers ----------------------------------------------------------------
def fixed_time(date: dt.date | None) -> dt.datetime:
    """The file's creation and modification time: the issue's date at midnight, China
    Standard Time; 2000-01-01 when there is no date."""
    d = date or dt.date(2000, 1, 1)
    return dt.datetime(d.year, d.month, d.day, tzinfo=CST)


def pdf_date(t: dt.datetime) -> str:
    off = t.utcoffset() or dt.timedelta(0)
    sign = "-" if off < dt.timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return t.strftime("D:%Y%m%d%H%M%S") + f"{sign}{mins // 60:02d}'{mins % 60:02d}'"


def xmp_date(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def escape(text: str) -> str:
    """XML character data: & < > escaped (xml.sax.saxutils.escape, without its 18 ms import
    of urllib and http.client)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ID_SPACE = bytes.fromhex("5f0c7a527e8b5c1e9a536c61796f7574")   # layout's name space (a UUID)


def _uuid5(space: bytes, name: str) -> bytes:
    """RFC 4122 §4.3 name-based UUID, version 5 (SHA-1), as uuid.uuid5 makes it; written out
    so that a build does not import uuid (~3 ms: it probes the platform)."""
    b = bytearray(hashlib.sha1(space + name.encode("utf-8")).digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x50
    b[8] = (b[8] & 0x3F) | 0x80
    return bytes(b)


def uuid_text(b: bytes) -> str:
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def document_id(content: bytes, settings: str) -> bytes:
    """16 bytes naming this document, a name-based UUID (RFC 4122 version 5) of a hash of
    what was drawn and how it is finished: the same input, the same ID."""
    digest = hashlib.sha256(content + b"\0" + settings.encode()).hexdigest()
    return _uuid5(_ID_SPACE, digest)


class DocInfo(NamedTuple):
    """What the finished file says about itself: its title, its date (the issue's: the file's
    dates never come from the clock), the PDF/X level and output profile, and the print
    settings that, with the drawn content, make its document ID."""
    title: str
    date: dt.date | None = None
    pdfx: PdfX = "x4"
    profile: Profile | None = None
    settings: str = ""
    creator: str = "layout"
    producer: str = "layout"
    forms: tuple = ()          # (name, one-page PDF) artwork the pages draw (press.artwork)
    source: str = ""        # the issue file's fingerprint (issue.loader.fingerprint), written
                            # as /LayoutIssue: the preflight tells a PDF of another version


def xmp_packet(doc: DocInfo, when: dt.datetime, doc_id: bytes) -> bytes:
    """The XMP metadata (ISO 16684-1 / XMP spec); pdfxid:GTS_PDFXVersion for PDF/X-4
    (ISO 15930-7:2010), pdfx: keys mirroring the Info dictionary for PDF/X-1a."""
    version, conformance, _ = VERSIONS[doc.pdfx]
    ident = f"uuid:{uuid_text(doc_id)}"
    extra = ns = ""
    if doc.pdfx == "x4":
        ns = '\n    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"'
        extra = f"\n   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>"
    elif doc.pdfx == "x1a":
        ns = '\n    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"'
        extra = (f"\n   <pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>"
                 f"\n   <pdfx:GTS_PDFXConformance>{conformance}</pdfx:GTS_PDFXConformance>")
    when_s = xmp_date(when)
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"{ns}>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(doc.title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{when_s}</xmp:CreateDate>
   <xmp:ModifyDate>{when_s}</xmp:ModifyDate>
   <xmp:MetadataDate>{when_s}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(doc.creator)}</xmp:CreatorTool>
   <pdf:Producer>{escape(doc.producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{ident}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{ident}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>{extra}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


# -- finishing the file ---------------------------------------------------------------------
class _Lit(pdfdoc.PDFObject):
    """PDF syntax written as it is."""

    def __init__(self, text: str):
        self.data = text.encode("latin-1")

    def format(self, document) -> bytes:
        return self.data


class _Info(pdfdoc.PDFObject):
    """The document information dictionary (ISO 32000-1 14.3.3), in place of ReportLab's."""

    def __init__(self, entries: dict):
        self.entries = entries

    def digest(self, md5) -> None:      # ReportLab's own ID is not used (finish sets /ID)
        pass

    def format(self, document) -> bytes:
        return pdfdoc.PDFDictionary(self.entries).format(document)


def _box(v) -> _Lit:
    """A box as a PDF array: whole numbers as integers, others to their 0.0001 pt."""
    return _Lit("[%s]" % " ".join(
        str(int(d) if d == d.to_integral_value() else d.normalize()) for d in v))


def finish(c, sheets: list[Sheet], doc: DocInfo, content: bytes, kept=None) -> None:
    """Make the document of canvas `c` (every page shown, not yet saved) a print file: page
    boxes from `sheets`, Info, XMP, the output intent, /ID from `content` (what the pages
    draw) and the print settings, and the header version. `kept`: a warm process's formatted
    objects (pdf.kept: the profile's stream is formatted once)."""
    if doc.pdfx not in VERSIONS:
        raise ValueError(f"unknown PDF/X level {doc.pdfx!r}")
    d = c._doc
    pages = d.Pages.pages
    if len(pages) != len(sheets):
        raise ValueError(f"{len(pages)} pages written for {len(sheets)} sheets")
    for page, s in zip(pages, sheets):
        page.MediaBox, page.BleedBox, page.TrimBox = (
            _box(s.media), _box(s.bleed_box), _box(s.trim_box))
        page.CropBox = page.ArtBox = None
    profile = doc.profile
    doc_id = document_id(content, f"{doc.pdfx}|{doc.settings}|" + (
        profile_hash(profile) if profile else ""))
    _identify(d, doc, doc_id)
    _output_intent(d, doc, kept)
    # File identifier: ISO 32000-1 14.4, required by ISO 15930-1/-7: the content-derived
    # document ID (= xmpMM:DocumentID) in both halves, so no clock or random number is involved;
    # `write` then seals the second half (press.seal).
    h = doc_id.hex().upper()
    d._ID = f"[<{h}> <{h}>]".encode("ascii")
    header = VERSIONS[doc.pdfx][2]
    if header:
        d._pdfVersion = tuple(int(v) for v in header.split("."))


_HASHED: list = [None, ""]      # the last profile's deflated bytes and their hash


def profile_hash(profile: Profile) -> str:
    """A digest of the profile's bytes, once per profile in a warm process (press.icc keeps
    the same bytes object while the file is unchanged; hashing its 139 KB was 0.1 ms of
    every warm edit)."""
    if _HASHED[0] is not profile.deflated:
        _HASHED[:] = [profile.deflated, hashlib.sha256(profile.deflated).hexdigest()]
    return _HASHED[1]


def write(c, out: Path, behind: bool = False, last=None) -> int:
    """Write the finished document of canvas `c` to `out` atomically, sealed (press.seal: a
    digest of the file in the second half of /ID); its size in bytes. `behind`: the fsync
    after the file is in place (atomic.save). `last`: a warm process's last file
    (pdf.file.Last), which the seal resumes from."""
    parts = sealed(c.getpdfdata(), last)
    return atomic.save(lambda f: f.writelines(parts), out, behind)


def _string(text: str):
    return pdfdoc.PDFString(text)


def _identify(d, doc: DocInfo, doc_id: bytes) -> None:
    """Document information (ISO 32000-1 14.3.3) and the XMP metadata stream (14.3.2).
    Trapped True or False, never Unknown, and GTS_PDFXVersion (+ GTS_PDFXConformance for
    X-1a): ISO 15930-1:2001 and 15930-7:2010 file identification; PDF/X-4 identifies itself by
    pdfxid:GTS_PDFXVersion in the XMP too and requires the two to agree. Dates fixed
    (repeatable bytes). The XMP is left unfiltered so any preflight tool reads it."""
    version, conformance, _ = VERSIONS[doc.pdfx]
    when = fixed_time(doc.date)
    info = {"Title": _string(doc.title), "Creator": _string(doc.creator),
            "Producer": _string(doc.producer), "CreationDate": _string(pdf_date(when)),
            "ModDate": _string(pdf_date(when)), "Trapped": "/False"}
    if version:
        info["GTS_PDFXVersion"] = _string(version)
    if conformance:
        info["GTS_PDFXConformance"] = _string(conformance)
    if doc.source:
        info["LayoutIssue"] = _string(doc.source)   # a private key (ISO 32000-1 14.3.3 allows)
    d.info = _Info(info)
    xmp = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": "/Metadata", "Subtype": "/XML"}),
                           xmp_packet(doc, when, doc_id))
    d.Catalog.Metadata = xmp


def _output_intent(d, doc: DocInfo, kept=None) -> None:
    """Output intent: ISO 32000-1 14.11.5; one GTS_PDFX intent whose DestOutputProfile is a
    CMYK output profile (N 4), with its (registered) output condition: ISO 15930-1:2001 and
    ISO 15930-7:2010 output intent requirements. None for a plain PDF."""
    if not VERSIONS[doc.pdfx][0]:
        return
    profile = doc.profile
    if profile is None:
        raise ValueError("PDF/X needs an output profile")
    icc = pdfdoc.PDFStream(pdfdoc.PDFDictionary(
        {"N": 4, "Alternate": "/DeviceCMYK", "Filter": "/FlateDecode"}), profile.deflated)
    intent = {"Type": "/OutputIntent", "S": "/GTS_PDFX",
              "OutputConditionIdentifier": _string(profile.condition),
              "OutputCondition": _string(profile.info), "Info": _string(profile.info),
              "DestOutputProfile": d.Reference(Kept(kept, profile.deflated, (), icc))}
    if profile.condition != "Custom":    # a registered characterisation: say where
        intent["RegistryName"] = _string(REGISTRY)
    cat = d.Catalog
    cat.__NoDefault__ = [*type(cat).__NoDefault__, "OutputIntents"]
    cat.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(intent)])
