"""Preflight findings and the report: what `layout check` (and `layout build` after writing)
says about a finished PDF, as a one-screen summary or as the JSON form of docs/check-report.md.

Place in the pipeline: the last step of `layout.preflight`; every check family (fidelity, rules,
geometry, fonts, boxes) returns a list of `Finding`, the runner collects them into a `Report`.
Coordinates are PDF points with the origin at the top-left corner of the trimmed page (the
TrimBox, or the MediaBox without one; y grows downwards), as in the layout's own items and in pdfplumber's `top`, so a proof-reader can find
a finding with a ruler from the trimmed corner.
"""
from __future__ import annotations

import collections
from typing import NamedTuple

from layout.errors import LayoutError

REPORT_FORMAT = "layout-check/1"


class CheckInputError(LayoutError):
    """The PDF (or the issue file) cannot be read: reported as bad input (exit 2)."""

# kind -> (family, what it means). The order is the order of the summary and of the docs.
KINDS: dict[str, tuple[str, str]] = {
    "file-damaged": ("file", "the PDF cannot be read whole: a damaged cross-reference table, "
                             "object or stream (nothing else is checked)"),
    "file-changed": ("file", "the PDF is not byte for byte what layout wrote: its seal (a "
                             "digest in /ID) does not match (nothing else is checked)"),
    "text-missing": ("text", "characters of the input not drawn"),
    "text-extra": ("text", "characters drawn that are not in the input"),
    "text-changed": ("text", "characters drawn in place of others, or out of order"),
    "furniture-missing": ("text", "a piece of the 报眉/报头 (版名, date, 第N版 …) not drawn"),
    "furniture-extra": ("text", "text in the 报眉/报头 zone that belongs to nothing"),
    "line-start": ("rules", "a line begins with a mark that may not start a line"),
    "line-end": ("rules", "a line ends with a mark that may not end a line"),
    "split-unit": ("rules", "—— or …… broken across two lines"),
    "orphan": ("rules", "孤字: a paragraph's last line holds one Han character"),
    "not-flush": ("rules", "a justified line misses the column edge"),
    "marks-uncompressed": ("rules", "adjacent marks keep the blank half between them"),
    "line-end-uncompressed": ("rules", "a mark at the end of a justified line takes 1 em"),
    "overlap": ("geometry", "two glyphs' ink boxes overlap"),
    "outside-block": ("geometry", "a glyph lies outside the block of its story"),
    "outside-type-area": ("geometry", "a glyph lies outside the type area (版心)"),
    "off-grid": ("geometry", "a body glyph's baseline is off the page's baseline grid"),
    "reversed-small": ("inks", "reversed (white) type smaller than print: reverse_min"),
    "tint-small": ("inks", "type printed in a tint smaller than print: tint_text_min"),
    "art-missing": ("pictures", "a picture, ad or logo of the issue not drawn in its block"),
    "art-extra": ("pictures", "an image or form drawn where the issue has none"),
    "art-outside-block": ("pictures", "a picture, ad or logo reaching outside its block"),
    "over-ad": ("pictures", "something drawn over an ad"),
    "low-ppi": ("pictures", "a picture printed below 100 ppi"),
    "rgb": ("pictures", "RGB colour in the page's content, images or artwork"),
    "font-not-embedded": ("fonts", "a font without an embedded font program"),
    "font-not-subset": ("fonts", "an embedded font that is not a subset"),
    "font-not-allowed": ("fonts", "a font outside the configured/bundled ones"),
    "notdef": ("fonts", "a glyph drawn as .notdef (an empty box, 豆腐块)"),
    "wrong-issue": ("pages", "the PDF was built from another version of the issue file"),
    "page-count": ("pages", "the PDF has another number of pages than the issue"),
    "page-size": ("pages", "a page's trimmed size (TrimBox, else MediaBox) is not the format's"),
    "page-box": ("pages", "TrimBox/CropBox/BleedBox/Rotate inconsistent with the trim"),
}


class Finding(NamedTuple):
    page: int | None            # the issue's page number (第N版); None for file-level findings
    story: str | None           # story / group / picture id, "footer", or None (furniture, file)
    kind: str                   # a key of KINDS
    message: str
    text: str = ""              # the text around it; ⟦…⟧ marks the offending characters
    bbox: tuple[float, float, float, float] | None = None   # x0, top, x1, bottom in pt
    waived: bool = False        # accepted by the build (overset allowed); does not fail

    @property
    def family(self) -> str:
        return KINDS[self.kind][0]

    def as_dict(self) -> dict:
        d = self._asdict()
        d["family"] = self.family
        d["bbox"] = None if self.bbox is None else [round(v, 2) for v in self.bbox]
        return d

    def one_line(self) -> str:
        where = f"p{self.page}" if self.page is not None else "file"
        at = f" at {self.bbox[0]:.1f},{self.bbox[1]:.1f}" if self.bbox else ""
        text = f"  {self.text}" if self.text else ""
        return f"{where} {self.story or '-'} {self.kind}: {self.message}{text}{at}"


class PageStats(NamedTuple):
    page: int
    pdf_page: int
    glyphs: int
    lines: int


class Report(NamedTuple):
    pdf: str
    issue: str
    findings: tuple[Finding, ...]
    pages: tuple[PageStats, ...] = ()
    seconds: float = 0.0

    @property
    def failures(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.waived)

    @property
    def ok(self) -> bool:
        return not self.failures

    def counts(self) -> dict[str, int]:
        c = collections.Counter(f.kind for f in self.failures)
        return {k: c[k] for k in KINDS if c[k]}

    def as_dict(self) -> dict:
        return {
            "format": REPORT_FORMAT,
            "pdf": self.pdf,
            "issue": self.issue,
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
            "pages": [p._asdict() for p in self.pages],
            "counts": self.counts(),
            "waived": sum(f.waived for f in self.findings),
            "findings": [f.as_dict() for f in self.findings],
        }

    def to_json(self) -> str:
        import json         # only for --report: 2–4 ms of the check's imports otherwise
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=1)

    def summary(self, first: int = 8) -> str:
        """One screen: the verdict, counts per kind, the first problems with page, story and
        text, and where the rest are."""
        glyphs = sum(p.glyphs for p in self.pages)
        head = (f"check: {len(self.pages)} page{'s' * (len(self.pages) != 1)}, {glyphs} glyphs "
                f"read back in {self.seconds:.2f} s: ")
        waived = sum(f.waived for f in self.findings)
        note = f" ({waived} waived: overset allowed)" if waived else ""
        if self.ok:
            return head + "no problems" + note
        fails = self.failures
        out = [head + f"{len(fails)} problem{'s' * (len(fails) > 1)}" + note,
               "    " + ", ".join(f"{k} {n}" for k, n in self.counts().items())]
        out += ["    " + f.one_line() for f in fails[:first]]
        if len(fails) > first:
            out.append(f"    … {len(fails) - first} more (write them all with --report FILE.json)")
        return "\n".join(out)
