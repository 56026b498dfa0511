"""Text extraction by tools that are not ours, and the paragraphs of the copy to find in it.

Extractors: poppler's `pdftotext -raw` (content-stream order, what a search engine or a
digital-edition indexer sees) and pdfium's text API through pypdfium2 (what Chrome's viewer
copies). The expected paragraphs come from the issue file (loaded and normalised, nothing of
the layout): every body paragraph of every story and 专栏 item, the story's 电头 in front of
its first one.

A paragraph extracts exactly when it is a run of whole extracted lines that, joined, give its
copy: nothing between the lines but a newline where a line ended (and where the copy had a
break space, the newline stands for it); no added space, no added hyphen, no neighbouring
column's text merged into a line.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from layout.issue.loader import load_issue
from layout.issue.normalize import normalize_issue


class Para(NamedTuple):
    page: int       # page number (版次)
    owner: str      # story or group id
    text: str


def body_paragraphs(issue_path: str | Path) -> list[Para]:
    issue = load_issue(str(issue_path))
    issue = normalize_issue(issue, issue.style.normalize)[0]
    out = []
    for page in issue.pages:
        for story in page.stories:
            for k, para in enumerate(story.body):
                out.append(Para(page.number, story.id,
                                (story.dateline if k == 0 else "") + para.text))
        for group in page.groups:
            for item in group.items:
                out += [Para(page.number, group.id, p.text) for p in item.body]
    return out


def pdftotext_raw(pdf: Path) -> list[list[str]]:
    """Per page, the lines `pdftotext -raw` gives (UTF-8)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return []
    r = subprocess.run([exe, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                       check=True, timeout=120)
    pages = r.stdout.decode("utf-8").split("\f")
    return [p.split("\n") for p in pages[:-1] or pages]


def pdftotext_warnings(pdf: Path) -> str:
    """What poppler prints to stderr while extracting (nothing for a clean file)."""
    exe = shutil.which("pdftotext")
    r = subprocess.run([exe, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                       timeout=120)
    return r.stderr.decode("utf-8", "replace")


def pdfium_text(pdf: Path) -> list[list[str]]:
    """Per page, the lines of pdfium's text API (FPDFText_GetText over the whole page)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            text = tp.get_text_range()
            tp.close()
            page.close()
            out.append(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        return out
    finally:
        doc.close()


def _joins(lines: list[str], start: int, text: str) -> bool:
    """Do lines[start], lines[start+1] … joined give exactly `text`? A join may stand for
    one break space of the copy (a line never starts with one)."""
    pos, i = 0, start
    while i < len(lines):
        ln = lines[i]
        if not ln or not text.startswith(ln, pos):
            return False
        pos += len(ln)
        if pos == len(text):
            return True
        if text[pos] == " ":
            pos += 1
        i += 1
    return False


def found(lines: list[str], text: str) -> bool:
    return any(_joins(lines, i, text) for i, ln in enumerate(lines) if ln and text.startswith(ln))


def page_numbers(issue_path: str | Path) -> list[int]:
    """The page numbers in the order the PDF holds the pages."""
    return [p.number for p in load_issue(str(issue_path)).pages]


JUMP_ON = re.compile(r"（下转第(\d+)版）")       # page.jumps: the line that ends a first part
JUMP_FROM = re.compile(r"（上接第(\d+)版）")     # and the one that opens its continuation


def found_across(by_number: dict[int, list[str]], page: int, text: str) -> bool:
    """A paragraph cut by a jump (转版): its first lines end a run just before （下转第N版）
    on its page, the rest follow （上接第M版） on page N, each extracted exactly."""
    lines = by_number.get(page, [])
    for j, ln in enumerate(lines):
        m = JUMP_ON.fullmatch(ln)
        if not m:
            continue
        rest_page = by_number.get(int(m.group(1)), [])
        for i in range(j - 1, -1, -1):
            if not text.startswith(lines[i]):
                continue
            for cut in _prefixes(lines[i:j], text):
                for k, rl in enumerate(rest_page):
                    if JUMP_FROM.fullmatch(rl) and _joins(rest_page, k + 1, text[cut:]):
                        return True
    return False


def _prefixes(lines: list[str], text: str) -> list[int]:
    """Where in `text` the lines, joined as _joins joins them, end (if they begin it)."""
    pos = 0
    for ln in lines:
        if not text.startswith(ln, pos):
            return []
        pos += len(ln)
        if pos < len(text) and text[pos] == " ":
            pos += 1
    return [pos] if 0 < pos < len(text) else []


def exact(paras: list[Para], pages: list[list[str]], numbers: list[int]) -> list[bool]:
    """For each paragraph: found exactly on the extracted lines of a page (its own, or the
    page a jump continues it on), or, cut by a jump, across its two pages."""
    by_number = dict(zip(numbers, pages))
    return [any(found(lines, p.text) for lines in pages)
            or found_across(by_number, p.page, p.text) for p in paras]


def _utf16(fill) -> str:
    """A string pdfium writes as UTF-16LE into a buffer: `fill(buffer or None, size in
    bytes)` returns the size it needs."""
    import ctypes
    n = fill(None, 0)
    if n <= 2:
        return ""
    buf = (ctypes.c_ushort * (n // 2))()
    fill(buf, n)
    return bytes(buf)[:n].decode("utf-16-le").rstrip("\0")


def _mcid(raw, obj) -> int | None:
    """The MCID in a page object's content marks, or None."""
    import ctypes
    for j in range(raw.FPDFPageObj_CountMarks(obj)):
        value = ctypes.c_int()
        if raw.FPDFPageObj_GetMark(obj, j) and raw.FPDFPageObjMark_GetParamIntValue(
                raw.FPDFPageObj_GetMark(obj, j), b"MCID", value):
            return value.value
    return None


def _actual_texts(pdf: Path) -> list[dict[int, str]]:
    """Per page, the ActualText of each marked-content sequence that has one, as qpdf parses
    the BDC operators (pdfium's mark API returns such strings' bytes mangled)."""
    import pikepdf
    out = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            found = {}
            for operands, op in pikepdf.parse_content_stream(page, "BDC"):
                props = operands[1]
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props \
                        and "/ActualText" in props:
                    found[int(props.MCID)] = str(props.ActualText)
            out.append(found)
    return out


def mcid_texts(pdf: Path) -> list[dict[int, str]]:
    """Per page, the text of each marked-content sequence (MCID): its ActualText when it has
    one, else the text of its text objects in order, as pdfium reads them (ToUnicode)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    actual = _actual_texts(pdf)
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            texts: dict[int, str] = dict(actual[i])
            for k in range(raw.FPDFPage_CountObjects(page.raw)):
                obj = raw.FPDFPage_GetObject(page.raw, k)
                if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                mcid = _mcid(raw, obj)
                if mcid is None or mcid in actual[i]:
                    continue
                texts[mcid] = texts.get(mcid, "") + _utf16(      # without the spaces pdfium
                    lambda b, n, o=obj: raw.FPDFTextObj_GetText(o, tp.raw, b, n)).strip()
                # adds at an object's end when the next object starts after a gap
            out.append(texts)
            tp.close()
            page.close()
    finally:
        doc.close()
    return out
