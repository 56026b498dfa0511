"""Print production, the file: PDF/X-4 (default) or PDF/X-1a:2001, repeatable bytes, and the
atomic write. ReportLab writes the pages; this module finishes the file with pikepdf (qpdf):

- page boxes from marks.Sheet: MediaBox ⊇ BleedBox ⊇ TrimBox (ISO 32000-1:2008 14.11.2;
  ISO 15930-1:2001 and ISO 15930-7:2010 require TrimBox or ArtBox on every page, and the
  BleedBox, when present, inside the MediaBox);
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
  14.4, required by ISO 15930-1/-7);
- the header version: 1.3 for PDF/X-1a:2001 (its base, ISO 15930-1:2001), 1.6 for PDF/X-4
  (ISO 15930-7:2010), no object or cross-reference streams (PDF 1.5 features).

Repeatable: the same input gives the same bytes. The dates are the issue's date (midnight,
China Standard Time), never the clock; the document ID is derived from the content (a hash
of ReportLab's output, itself written with invariant=1, and of the print options), and
qpdf's deterministic ID for the second half of /ID.

Safe: the finished file is written to a temporary file beside the target, flushed to disk,
then os.replace()d over it. A failed or killed build leaves the previous PDF untouched; a
temporary left by a killed build is removed by the next build of the same file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from pathlib import Path
from typing import Literal, NamedTuple

from layout.press import atomic
from layout.press.icc import Profile, deflated
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


_ID_SPACE = uuid.UUID("5f0c7a52-7e8b-5c1e-9a53-6c61796f7574")   # layout's name space


def document_id(content: bytes, settings: str) -> bytes:
    """16 bytes naming this document, a name-based UUID (RFC 4122 version 5) of a hash of
    what was drawn and how it is finished: the same input, the same ID."""
    digest = hashlib.sha256(content + b"\0" + settings.encode()).hexdigest()
    return uuid.uuid5(_ID_SPACE, digest).bytes


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


def xmp_packet(doc: DocInfo, when: dt.datetime, doc_id: bytes) -> bytes:
    """The XMP metadata (ISO 16684-1 / XMP spec); pdfxid:GTS_PDFXVersion for PDF/X-4
    (ISO 15930-7:2010), pdfx: keys mirroring the Info dictionary for PDF/X-1a."""
    version, conformance, _ = VERSIONS[doc.pdfx]
    ident = f"uuid:{uuid.UUID(bytes=doc_id)}"
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
def finish(content: bytes, out: Path, sheets: list[Sheet], doc: DocInfo) -> int:
    """Turn ReportLab's `content` into the print file at `out` (atomically); returns its
    size in bytes."""
    import pikepdf

    if doc.pdfx not in VERSIONS:
        raise ValueError(f"unknown PDF/X level {doc.pdfx!r}")
    profile = doc.profile
    doc_id = document_id(content, f"{doc.pdfx}|{doc.settings}|" + (
        hashlib.sha256(profile.data).hexdigest() if profile else ""))
    with pikepdf.open(io.BytesIO(content)) as pdf:
        if len(pdf.pages) != len(sheets):
            raise ValueError(f"{len(pdf.pages)} pages written for {len(sheets)} sheets")
        _boxes(pdf, sheets)
        _identify(pdf, doc, doc_id)
        _output_intent(pdf, doc)
        # File identifier: ISO 32000-1 14.4, required by ISO 15930-1/-7. The first half is the
        # content-derived document ID (= xmpMM:DocumentID), qpdf derives the second half from
        # the written bytes (deterministic_id), so no clock or random number is involved.
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(doc_id), pikepdf.String(doc_id)])
        # Header version: 1.3 for PDF/X-1a:2001, 1.6 for PDF/X-4; no object streams.
        # Every stream is already compressed (ReportLab's, the profile above) except the XMP,
        # which stays readable: qpdf copies them as they are instead of decoding and
        # compressing all ~350 KB of fonts again (20 ms of 23 for the sample page).
        kw = dict(deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                  compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                  fix_metadata_version=False)
        header = VERSIONS[doc.pdfx][2]
        if header:
            kw["force_version"] = header
        return atomic.save(lambda f: pdf.save(f, **kw), out)


def _boxes(pdf, sheets: list[Sheet]) -> None:
    """Page boxes: ISO 32000-1 14.11.2; TrimBox on every page, BleedBox inside the MediaBox
    (ISO 15930-1:2001, ISO 15930-7:2010). No CropBox (= MediaBox), no ArtBox (PDF/X wants
    TrimBox or ArtBox, not both)."""
    for page, s in zip(pdf.pages, sheets):
        page.obj.MediaBox = _box(s.media)
        page.obj.BleedBox = _box(s.bleed_box)
        page.obj.TrimBox = _box(s.trim_box)
        for key in ("/CropBox", "/ArtBox"):
            if key in page.obj:
                del page.obj[key]


def _identify(pdf, doc: DocInfo, doc_id: bytes) -> None:
    """Document information (ISO 32000-1 14.3.3) and the XMP metadata stream (14.3.2).
    Trapped True or False, never Unknown, and GTS_PDFXVersion (+ GTS_PDFXConformance for
    X-1a): ISO 15930-1:2001 and 15930-7:2010 file identification; PDF/X-4 identifies itself by
    pdfxid:GTS_PDFXVersion in the XMP too and requires the two to agree. Dates fixed
    (repeatable bytes). The XMP is left unfiltered so any preflight tool reads it."""
    from pikepdf import Dictionary, Name, String
    version, conformance, _ = VERSIONS[doc.pdfx]
    when = fixed_time(doc.date)
    info = Dictionary(
        Title=String(doc.title), Creator=String(doc.creator), Producer=String(doc.producer),
        CreationDate=String(pdf_date(when)), ModDate=String(pdf_date(when)),
        Trapped=Name("/False"))
    if version:
        info.GTS_PDFXVersion = String(version)
    if conformance:
        info.GTS_PDFXConformance = String(conformance)
    pdf.trailer.Info = pdf.make_indirect(info)
    xmp = pdf.make_stream(xmp_packet(doc, when, doc_id))
    xmp.Type, xmp.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = xmp


def _output_intent(pdf, doc: DocInfo) -> None:
    """Output intent: ISO 32000-1 14.11.5; one GTS_PDFX intent whose DestOutputProfile is a
    CMYK output profile (N 4), with its (registered) output condition: ISO 15930-1:2001 and
    ISO 15930-7:2010 output intent requirements. None for a plain PDF."""
    from pikepdf import Array, Dictionary, Name, String
    if not VERSIONS[doc.pdfx][0]:
        if "/OutputIntents" in pdf.Root:
            del pdf.Root.OutputIntents
        return
    profile = doc.profile
    if profile is None:
        raise ValueError("PDF/X needs an output profile")
    icc = pdf.make_stream(b"")
    icc.write(deflated(profile.data), filter=Name.FlateDecode)
    icc.N = 4
    icc.Alternate = Name.DeviceCMYK
    intent = Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(profile.condition),
        OutputCondition=String(profile.info),
        Info=String(profile.info),
        DestOutputProfile=icc)
    if profile.condition != "Custom":    # a registered characterisation: say where
        intent.RegistryName = String(REGISTRY)
    pdf.Root.OutputIntents = Array([intent])


def _box(v):
    """A box as a PDF array: whole numbers as integers, others to their 0.0001 pt."""
    import pikepdf
    return pikepdf.Array([int(d) if d == d.to_integral_value() else d.normalize() for d in v])


