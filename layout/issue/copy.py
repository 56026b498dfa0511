"""Copy from the files it arrives in: `body: {file: story.docx}` (or .txt, .md) in an issue
file, and `layout import story.docx`.

    read_copy(path) -> Copy: the paragraphs, each with its inline markup (`**…**` for bold)
    and its position in the file, what encoding the text was in, and notes for the editor

- Word (.docx, python-docx): every paragraph of the body in order; bold runs (bold set on
  the run, its character style or its paragraph style) become `**…**`; tracked insertions
  are kept and deletions left out (the text Word shows); a manual line break starts a new
  paragraph; tables, text boxes and pictures are left out and reported.
- Text (.txt): paragraphs separated by blank lines, or — a file without blank lines, as
  Word's "save as text" and most web copy give it — one paragraph a line; a literal `**` is
  kept literal.
- Markdown (.md): paragraphs; `**bold**` and `__bold__` stay bold, headings become bold
  paragraphs, `*emphasis*`, links, code marks and list markers keep only their text.
- Text in UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB 18030 (which covers GBK and
  GB 2312, what Chinese Windows saves "ANSI" text in) is decoded; anything but UTF-8 is
  reported. Bytes that are none of these are refused at their position.

Indentation typed at the start of a paragraph (spaces, full-width spaces 　) is dropped: the
2-em indent is the composer's (docs/typesetting-rules.md). A file is read once per change
(its size and modification time), so a warm process (watch, the desk) does not parse an
unchanged Word file again.
"""
from __future__ import annotations

import codecs
import os
import re
from typing import NamedTuple

COPY_SUFFIXES = (".docx", ".txt", ".md", ".markdown")


class CopyError(ValueError):
    """A copy file that cannot be read; line/column in the file when known (0 = none)."""

    def __init__(self, message: str, hint: str = "", line: int = 0, column: int = 0):
        super().__init__(message)
        self.hint, self.line, self.column = hint, line, column


class Copy(NamedTuple):
    paragraphs: tuple[tuple[int, str], ...]   # (line, or paragraph number in a .docx; text)
    encoding: str                              # utf-8, utf-16, gb18030, or docx
    notes: tuple[str, ...] = ()                # what the editor should know (not errors)


_cache: dict[str, tuple[tuple, Copy]] = {}


def read_copy(path: str) -> Copy:
    """The copy of a .docx, .txt or .md file (cached by size and modification time)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise CopyError(f"cannot read the copy file: {e.strerror}")
    stamp = (st.st_size, st.st_mtime_ns)
    hit = _cache.get(path)
    if hit and hit[0] == stamp:
        return hit[1]
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".docx":
        copy = _read_docx(path)
    elif suffix in COPY_SUFFIXES:
        with open(path, "rb") as f:
            text, encoding = decode(f.read())
        paras = markdown_paragraphs(text) if suffix != ".txt" else text_paragraphs(text)
        notes = () if encoding == "utf-8" else (
            f"read as {_ENCODING_NAMES[encoding]} text (not UTF-8); saving it as UTF-8 "
            "avoids surprises in other tools",)
        copy = Copy(tuple(paras), encoding, notes)
    else:
        raise CopyError(f"'{os.path.basename(path)}' is not a copy file this reads",
                        "give a Word (.docx), text (.txt) or Markdown (.md) file; save a .doc "
                        "or .wps as .docx first")
    if len(_cache) > 256:
        _cache.clear()
    _cache[path] = (stamp, copy)
    return copy


# -- text files ---------------------------------------------------------------------------
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB 18030 (GBK)"}


def decode(data: bytes) -> tuple[str, str]:
    """The text of a copy file and its encoding: UTF-8 (a BOM dropped), UTF-16 with a BOM,
    else GB 18030 when the bytes are valid GB 18030 and read as common Chinese."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _lines(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as e:
            raise CopyError(f"not valid UTF-16 text at byte {e.start}", "save it as UTF-8")
    try:
        return _lines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as utf8:
        bad = utf8
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return _lines(text), "gb18030"
    head = data[:bad.start]
    line = head.count(b"\n") + 1
    col = len(head[head.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    raise CopyError(f"neither UTF-8 nor GB 18030 (GBK) text: byte 0x{data[bad.start]:02X} "
                    "here", "save the file as UTF-8 text (记事本: 另存为, 编码 UTF-8)", line, col)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plausible_chinese(text: str) -> bool:
    """Bytes of another encoding (Big5, Shift-JIS) often pass as GB 18030 too, but decode to
    kana, symbols and rare characters: in real GB text the characters beyond ASCII and
    Chinese punctuation are Han (at least 90 % of them), and at least 80 % of those are in
    GB 2312's 6763 (news copy: over 99 %)."""
    other = [c for c in text if ord(c) > 0x7F and not _CJK_PUNCT.match(c)]
    han = [c for c in other if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"
           or 0x20000 <= ord(c) <= 0x3FFFF]
    if len(han) < 0.9 * len(other):
        return False
    common = 0
    for c in han:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return len(han) < 20 or common >= 0.8 * len(han)


_CJK_PUNCT = re.compile(r"[\u3000-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff5e\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]")
_INDENT = " \t\u3000\u00a0"


def _literal(text: str) -> str:
    """Plain text as markup: a `**` in it is literal (issue.markup)."""
    return text.replace("**", "\\**")


def text_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs of a .txt file: blank-line separated, or one a line when the file has no
    blank line between two lines of text."""
    lines = text.split("\n")
    filled = [i for i, s in enumerate(lines) if s.strip(_INDENT)]
    blank_between = any(not lines[i].strip(_INDENT) for i in range(filled[0], filled[-1])) \
        if filled else False
    out: list[tuple[int, str]] = []
    if not blank_between:
        return [(i + 1, _literal(lines[i].strip(_INDENT))) for i in filled]
    cur: list[str] = []
    start = 0
    for i, line in enumerate(lines + [""]):
        s = line.strip(_INDENT)
        if s:
            start = i if not cur else start
            cur.append(s)
        elif cur:
            out.append((start + 1, _literal(_join(cur))))
            cur = []
    return out


def _join(lines: list[str]) -> str:
    """Lines of one paragraph joined: nothing between Chinese, a space between Latin words
    (as issue.validate.split_paragraphs joins a block scalar)."""
    from layout.issue.validate import _HAN_OR_MARK
    out = lines[0]
    for nxt in lines[1:]:
        cjk = _HAN_OR_MARK.match(out[-1]) or _HAN_OR_MARK.match(nxt[0])
        out += nxt if cjk else " " + nxt
    return out


# -- Markdown -----------------------------------------------------------------------------
_MD_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),            # image: its alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),             # link: its text
    (re.compile(r"`([^`]+)`"), r"\1"),                         # code: its text
    (re.compile(r"__(.+?)__"), r"**\1**"),                     # __bold__ -> **bold**
    (re.compile(r"(?<![*\w])\*(?!\*)(.+?)(?<!\*)\*(?![*\w])"), r"\1"),   # *emphasis*
    (re.compile(r"(?<![_\w])_(?!_)(.+?)(?<!_)_(?![_\w])"), r"\1"),       # _emphasis_
]
_MD_BLOCK = re.compile(r"^(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")


def markdown_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs of a Markdown file, with `**bold**` kept as the issue's own markup."""
    out = []
    text = text.replace("\\*", "\x01")            # an escaped, literal asterisk
    for line, para in text_paragraphs(text):
        para = para.replace("\\**", "**")      # text_paragraphs escaped: Markdown's are markup
        heading = para.startswith("#")
        para = _MD_BLOCK.sub("", para)
        for pattern, repl in _MD_INLINE:
            para = pattern.sub(repl, para)
        para = re.sub(r"\\([\\`_{}\[\]()#+\-.!])", r"\1", para)
        para = para.replace("\x01\x01", "\\**").replace("\x01", "*")
        if heading and para and not para.startswith("**"):
            para = f"**{para}**"
        if para and not re.fullmatch(r"[-*_\s]{3,}", para):      # a thematic break
            out.append((line, para))
    return out


# -- Word ---------------------------------------------------------------------------------
def _read_docx(path: str) -> Copy:
    try:
        import docx                                    # lazy: python-docx and lxml
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:                                # pragma: no cover - a dependency
        raise CopyError("reading Word files needs python-docx", "pip install python-docx")
    try:
        document = docx.Document(path)
    except (PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise CopyError(f"not a Word .docx file that can be read ({type(e).__name__})",
                        "open it in Word or WPS and save it as .docx again")
    except Exception as e:                             # zipfile/lxml errors of a damaged file
        raise CopyError(f"a damaged .docx file ({type(e).__name__}: {e})",
                        "open it in Word or WPS and save it as .docx again")
    out, notes = [], []
    tracked = False
    for number, p in enumerate(document.paragraphs, 1):
        tracked |= bool(p._p.xpath(".//w:del | .//w:ins"))
        for piece in _docx_paragraph(p):
            if piece:
                out.append((number, piece))
    body = document.element.body
    no_fallback = "[not(ancestor::*[local-name()='Fallback'])]"   # Word writes some twice
    for what, xpath in (("table", "./w:tbl"),
                        ("text box", ".//*[local-name()='txbxContent']" + no_fallback),
                        ("picture", ".//w:drawing" + no_fallback)):
        n = len(body.xpath(xpath))
        if n:
            notes.append(f"{n} {what}{'s' * (n > 1)} left out: only the paragraphs of the "
                         "body are copy")
    if tracked:
        notes.append("tracked changes: read as Word shows them accepted (insertions kept, "
                     "deletions left out)")
    return Copy(tuple(out), "docx", tuple(notes))


def _docx_paragraph(p) -> list[str]:
    """A Word paragraph's text with its bold runs as `**…**`, split at manual line breaks."""
    from docx.text.run import Run
    runs = [Run(r, p) for r in p._p.xpath(
        ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) "
        "and not(ancestor::w:txbxContent) and not(ancestor::w:rt)]")]
    style_bold = _style_bold(p.style)
    pieces: list[list[tuple[str, bool]]] = [[]]
    for run in runs:
        bold = run.bold if run.bold is not None else _style_bold(run.style)
        bold = style_bold if bold is None else bold
        for i, part in enumerate(run.text.replace("\t", " ").split("\n")):
            if i:
                pieces.append([])
            if part:
                pieces[-1].append((part, bool(bold)))
    return [_markup(spans) for spans in pieces]


def _style_bold(style) -> bool | None:
    """Bold as a style sets it, following its base styles (None: not set)."""
    seen = 0
    while style is not None and seen < 20:
        b = style.font.bold
        if b is not None:
            return b
        style, seen = style.base_style, seen + 1
    return None


def _markup(spans: list[tuple[str, bool]]) -> str:
    """Runs as markup: neighbours of one weight merged (Word splits runs at every edit),
    spaces moved outside the bold, indentation dropped."""
    merged: list[list] = []
    for text, bold in spans:
        if merged and (merged[-1][1] == bold or not text.strip(_INDENT)):
            merged[-1][0] += text
        else:
            merged.append([text, bold])
    out = []
    for text, bold in merged:
        text = _literal(text)
        core = text.strip(_INDENT)
        if bold and core:
            lead, tail = text[:len(text) - len(text.lstrip(_INDENT))], text[len(text.rstrip(_INDENT)):]
            text = f"{lead}**{core}**{tail}"
        out.append(text)
    return "".join(out).strip(_INDENT)
