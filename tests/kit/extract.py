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


def exact(paras: list[Para], pages: list[list[str]], numbers: list[int]) -> list[bool]:
    """For each paragraph: found exactly on its page's extracted lines."""
    by_number = dict(zip(numbers, pages))
    return [found(by_number.get(p.page, []), p.text) for p in paras]
