"""Stage: input normalisation of the copy (docs/typesetting-rules.md §5), on by default and reported.

Editors paste copy with ASCII punctuation (the sample page's extraction has 143 ASCII commas),
straight quotes, dots for ellipses and doubled 一 for dashes. Each change is counted by kind,
with its first place, so the copy is never changed silently (the build prints the report):

  kind             change                                          rule
  fullwidth-latin  Ａ-Ｚ ａ-ｚ ０-９ -> A-Z a-z 0-9                  docs/typesetting-rules.md §3: Latin in the Latin face
  small-form       ﹐﹑﹔﹕﹖﹗ -> ，、；：？！                        (compatibility forms no body font
                                                                   draws; GB/T 15834 marks)
  interpunct       ‧ ・ ･ -> ·                                       GB/T 15834 §4.14 间隔号
  ellipsis         ... (3+ dots), 。。。, a lone … , ⋯⋯ -> ……        GB/T 15834 §4.11 省略号
  dash             -- / 一一 / ── / －－ -> —— (see _dashes)         GB/T 15834 §4.10 破折号
  ascii-punct      , ; : ? ! next to Chinese -> ，；：？！; ( ) pairs   GB/T 15834 §5.1: full-width
                   around or next to Chinese -> （）                 marks in Chinese text
  straight-quote   " ' -> “ ” ‘ ’ by nesting (see _quotes)           GB/T 15834 §4.8 引号
  minus            - right before a digit, nothing Latin before it   GB/T 15835: a negative
                   ("-12℃") -> − U+2212                               number takes the minus sign
  invisible        U+200B U+200C U+200D U+2060 U+FEFF (zero-width)   invisible characters are
                   and U+00AD (soft hyphen) removed                  not set: no font draws
                                                                   them as nothing (a ZWSP
                                                                   became a glyph and a 孤字)
  han-space        in a body paragraph, typed whitespace between      clreq: no space between
                   two Chinese characters (Han or Chinese marks)     Han characters; a typed
                   removed: runs of spaces, tabs, U+3000, U+00A0     space there is an input
                   and other typed spaces; one plain space (U+0020)  error (docs/typesetting-rules.md §3, §5)
                   alone between two Han is kept (see _spaces)
  space-run        in a body paragraph, a run of typed whitespace     one word space between
                   elsewhere (between Latin words, Han and Latin)    Latin words (docs/typesetting-rules.md §3)
                   -> one space; U+00A0 in the run -> one U+00A0
                   (a no-break space: the composer never breaks it)

"Next to Chinese" means: the nearest character that is not a space, on either side, is a Han
character or a Chinese mark — so 1,000, 10:30, http://… and (wikipedia.org) inside Latin text
stay as they are. ``normalize_issue(issue, enabled=False)`` leaves the copy untouched.

The two whitespace kinds apply to body paragraphs only (``normalize_paragraph``): a headline, a
byline (本报记者 曾青瑶) or a credit separates names and phrases with spaces on purpose. Leading
and trailing whitespace of a paragraph is left to the composer (the indent).
"""
from __future__ import annotations

import collections
import re

from layout.compose.chars import is_han

_FW_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SMALL = {"﹐": "，", "﹑": "、", "﹔": "；", "﹕": "：", "﹖": "？", "﹗": "！"}
_OPEN_CTX = set("“‘（〔【［｛《〈「『〖([{<：，、；。？！:,;") | {None}
_CLOSE_CTX = set("”’）〕】］｝》〉」』〗)]}>，、；：。？！,.;:?!—…") | {None}
_SKIP = " \u3000\t\u00a0"       # spaces looked through for the nearest neighbour
# Typed whitespace inside a paragraph (the composer's chars.SPACES but for line ends, which the
# loader has already joined).
_WS = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009")
_WS_RUN = re.compile("[ \t\u00a0\u3000\u2002\u2003\u2009]+")
# Zero-width characters and the soft hyphen: removed wherever they are.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class Report:
    """What normalisation changed: a count per kind and the first place of each."""
    __slots__ = ("counts", "first")

    def __init__(self) -> None:
        self.counts: collections.Counter = collections.Counter()
        self.first: dict[str, str] = {}            # kind -> "where: context"

    def note(self, kind: str, n: int, where: str, context: str) -> None:
        if n:
            self.counts[kind] += n
            self.first.setdefault(kind, f"{where}: …{context}…")


def _chinese(c: str | None) -> bool:
    """A Han character or a Chinese mark (CJK punctuation, full-width forms, “”‘’——……·)."""
    if c is None:
        return False
    o = ord(c)
    return is_han(c) or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60 or c in "“”‘’—…·"


def _left(text: str, i: int) -> str | None:
    """Nearest character before index i that is not a space (None at the start)."""
    i -= 1
    while i >= 0 and text[i] in _SKIP:
        i -= 1
    return text[i] if i >= 0 else None


def _right(text: str, i: int) -> str | None:
    i += 1
    while i < len(text) and text[i] in _SKIP:
        i += 1
    return text[i] if i < len(text) else None


def _ascii_alnum(c: str | None) -> bool:
    return c is not None and c.isascii() and c.isalnum()


class _Pass:
    """Collects one kind of change over a text: the count and where the first one is. The
    context is cut from the fully normalised text (``_normalize``), so the report shows what
    will be printed there."""

    def __init__(self, pending: list, kind: str):
        self.kind = kind
        self.n = 0
        self.at = -1
        pending.append(self)

    def hit(self, pos: int, k: int = 1) -> None:
        if self.at < 0:
            self.at = pos
        self.n += k

    def done(self, text: str) -> str:
        return text


def _sub(rx: re.Pattern, repl, text: str, p: _Pass) -> str:
    if not any(s in text for s in _CUES[rx]):    # no match possible: the copy as it is
        return p.done(text)
    out, last, length = [], 0, 0
    for m in rx.finditer(text):
        r = repl(m, text)
        if r is None:
            continue
        out.append(text[last:m.start()])
        length += m.start() - last
        p.hit(length)
        out.append(r)
        length += len(r)
        last = m.end()
    out.append(text[last:])
    return p.done("".join(out))


def _map_chars(text: str, table, p: _Pass, keys: re.Pattern) -> str:
    """Each character through table(c) (None: kept). `keys` matches every character the table
    changes: copy without one (nearly all) is returned as it is, without the loop."""
    if not keys.search(text):
        return p.done(text)
    out = []
    for i, c in enumerate(text):
        r = table(c)
        if r is not None and r != c:
            p.hit(i)
            c = r
        out.append(c)
    return p.done("".join(out))


_FULLWIDTH_KEYS = re.compile("[\uff21-\uff3a\uff41-\uff5a\uff10-\uff19]")
_SMALL_KEYS = re.compile("[" + "".join(_SMALL) + "]")
_INTERPUNCT = {"‧": "·", "・": "·", "･": "·"}
_INTERPUNCT_KEYS = re.compile("[" + "".join(_INTERPUNCT) + "]")
_ASCII_PUNCT_KEYS = re.compile(r"[,;:?!()]")


def _fullwidth(c: str) -> str | None:
    o = ord(c)
    if 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or 0xFF10 <= o <= 0xFF19:
        return chr(o - 0xFEE0)
    return None


# A hyphen-minus typed for a minus sign: right before a digit, with no letter, digit, hyphen or
# dot before it ("-12℃", "降至 -5℃"; not "COVID-19", "2024-01", "A-1", "U+FF-0"). GB/T 15835 and
# typographic practice set a negative number with the minus sign U+2212 (as wide as + in the
# Latin face), not the hyphen.
_MINUS = re.compile(r"(?<![0-9A-Za-z.\-+/_])-(?=[0-9])")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)|⋯+")
_DASH = re.compile(r"-{2,3}|(?<!一)一一(?!一)|──|－－")
# Per expression, strings one of which every match holds: a text with none of them (nearly
# all copy) is not scanned by the expression, whose alternatives and look-arounds make sre
# try every position.
_CUES = {_INVISIBLE: tuple("\u200b\u200c\u200d\u2060\ufeff\u00ad"),
         _ELLIPSIS: ("...", "。。。", "…", "⋯"), _DASH: ("--", "一一", "──", "－－"),
         _MINUS: ("-",)}


def _dashes(m: re.Match, text: str) -> str | None:
    """-- and 一一 typed for a 破折号. ``--`` only beside Chinese with no letter or digit touching
    it (not --help, a--b). ``一一`` only when what follows is not a Han character: the word 一一
    (one by one: 一一对应, 一一握手, 逐一一…) always leads into the Han verb or noun it modifies,
    so 一一 before a mark, a digit, Latin, a space or the end of the copy is a dash typed with
    the look-alike 一 (U+4E00) — 'between non-Han, or at a clause boundary'. ── (box drawing)
    and －－ are always dashes."""
    s = m.group()
    a, b = m.start(), m.end()
    if s[0] == "-":
        touch_l = text[a - 1] if a else None
        touch_r = text[b] if b < len(text) else None
        if _ascii_alnum(touch_l) or _ascii_alnum(touch_r):
            return None
        if not (_chinese(_left(text, a)) or _chinese(_right(text, b - 1))):
            return None
    elif s == "一一":
        nxt = text[b] if b < len(text) else None
        if nxt is not None and is_han(nxt):
            return None
    return "——"


def _ascii_punct(text: str, p: _Pass) -> str:
    """, ; : ? ! next to Chinese -> full width; then ( ) pairs (GB/T 15834 §5.1). A mark made
    full width is Chinese context for its neighbour (",," after Han: both), so repeat until
    nothing changes — the result is then stable under normalising again."""
    while True:
        before = text
        text = _ascii_punct_once(text, p)
        if text == before:
            return text


def _ascii_punct_once(text: str, p: _Pass) -> str:
    if not _ASCII_PUNCT_KEYS.search(text):       # nothing to make full width
        return p.done(text)
    out = list(text)
    for i, c in enumerate(text):
        if c in _FW_PUNCT and (_chinese(_left(text, i)) or _chinese(_right(text, i))):
            out[i] = _FW_PUNCT[c]
            p.hit(i)
    text = "".join(out)
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")":
            pairs.append((stack.pop() if stack else -1, i))
    pairs += [(i, -1) for i in stack]
    for a, b in pairs:
        inside = text[a + 1:b] if a >= 0 and b >= 0 else ""
        if (any(_chinese(c) for c in inside) or (a >= 0 and _chinese(_left(text, a)))
                or (b >= 0 and _chinese(_right(text, b)))
                or (a >= 0 and b < 0 and _chinese(_right(text, a)))
                or (b >= 0 and a < 0 and _chinese(_left(text, b)))):
            for k, mark in ((a, "（"), (b, "）")):
                if k >= 0:
                    out[k] = mark
                    p.hit(k)
    return p.done("".join(out))


def _quotes(text: str, p: _Pass, stack: list[tuple[str, str]]) -> str:
    """Straight quotes by nesting. A quote opens after the start, a space, an opening bracket or
    quote, or a Chinese/ASCII pause mark (他说：“ …); it closes before the end, a space, a
    closing mark or a pause/stop mark (…”。); otherwise (Han on both sides, 他说"你好") it closes
    the innermost open quote of its kind if there is one, else opens. ' inside an open " gives
    ‘ ’, and so does a " typed inside an open " (GB/T 15834 §4.8: a quotation inside a quotation
    takes single quotes). An apostrophe between ASCII letters (don't) stays. ``stack`` holds the open
    quotes ('“' or '‘' by the typed character) across the spans of one paragraph."""
    if '"' not in text and "'" not in text:
        return p.done(text)
    out = list(text)
    for i, c in enumerate(text):
        if c not in "\"'":
            continue
        L = text[i - 1] if i else None
        R = text[i + 1] if i + 1 < len(text) else None
        if c == "'" and _ascii_alnum(L) and R is not None and R.isascii() and R.isalpha():
            continue
        lo = L in _OPEN_CTX or (L is not None and L.isspace())
        rc = R in _CLOSE_CTX or (R is not None and R.isspace())
        if lo and not rc:
            closing = False
        elif rc and not lo:
            closing = True
        else:
            closing = any(t == c for t, _ in stack)
        if closing:
            opener = "“" if c == '"' else "‘"
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == c:
                    opener = stack[k][1]
                    del stack[k:]
                    break
            out[i] = "”" if opener == "“" else "’"
        else:
            nested = c == "'" or any(o == "“" for _, o in stack)
            opener = "‘" if nested else "“"
            stack.append((c, opener))
            out[i] = opener
        p.hit(i)
    return p.done("".join(out))


def _normalize(text: str, report: Report, where: str, stack: list) -> str:
    # Quotes before the marks next to them: a quote made curly is Chinese context for a colon
    # beside it, and the result must not change if normalised again.
    # A change can make its neighbour Chinese context ("--;" -> "--；" -> "——；"): run the
    # passes again until nothing changes (twice for real copy), so normalising is idempotent.
    p: list[_Pass] = []
    while True:
        before = text
        text = _sub(_INVISIBLE, lambda m, t: "", text, _Pass(p, "invisible"))
        text = _map_chars(text, _fullwidth, _Pass(p, "fullwidth-latin"), _FULLWIDTH_KEYS)
        text = _map_chars(text, _SMALL.get, _Pass(p, "small-form"), _SMALL_KEYS)
        text = _map_chars(text, _INTERPUNCT.get, _Pass(p, "interpunct"), _INTERPUNCT_KEYS)
        text = _sub(_ELLIPSIS, lambda m, t: "……", text, _Pass(p, "ellipsis"))
        text = _sub(_DASH, _dashes, text, _Pass(p, "dash"))
        text = _quotes(text, _Pass(p, "straight-quote"), stack)
        text = _ascii_punct(text, _Pass(p, "ascii-punct"))
        text = _sub(_MINUS, lambda m, t: "\u2212", text, _Pass(p, "minus"))
        if text == before:
            break
    for q in p:                       # the passes after each keep lengths: the places hold
        if q.n:
            a = max(0, q.at - 6)
            report.note(q.kind, q.n, where, text[a:q.at + 8])
    return text


class _Notes:
    """Records a normalisation's notes, to be given to a Report again (_remembered)."""
    __slots__ = ("notes",)

    def __init__(self) -> None:
        self.notes: list[tuple] = []

    def note(self, *args) -> None:
        self.notes.append(args)


_MEMO: dict = {}
MEMO_SIZE = 20_000        # pieces of copy remembered (a broadsheet page has ~100)


def _remembered(key, report: Report, make, memo: tuple = (_MEMO, None)):
    """make(notes) for a piece of copy, once per process: a warm process (`layout watch`)
    and the check after a build normalise the same copy again; the result and the notes are
    a function of the copy and its place (`key`). `memo`: the dict, and the object an entry
    must have been made for (an entry keyed by its id holds it, so the id stays its own)."""
    kept, made_for = memo
    hit = kept.get(key)
    if hit is None or hit[0] is not made_for:
        rec = _Notes()
        hit = (made_for, make(rec), tuple(rec.notes))
        if len(kept) >= MEMO_SIZE:
            kept.clear()
        kept[key] = hit
    for args in hit[2]:
        report.note(*args)
    return hit[1]


def normalize_text(text: str, report: Report, where: str) -> str:
    """One piece of copy (a headline, a byline, a span) normalised; changes noted in ``report``
    under ``where`` (e.g. "zongjie line 12")."""
    if not text:
        return text
    return _remembered((text, where), report, lambda rec: _normalize(text, rec, where, []))


def _spaces(texts: list[str], report: Report, where: str) -> list[str]:
    """The whitespace of one body paragraph, given as the texts of its spans (a run of spaces
    may cross from a bold lead into the text after it): between two Chinese characters (Han or
    Chinese marks) every run is removed ("han-space") but a single U+0020 between two Han
    characters: that is an editor's phrase separator, as in “深入学习贯彻党的二十大精神
    助力创新驱动发展” (the sample page), set as a word space; elsewhere a run of more than one character, or of one tab or typed
    space other than U+0020 / U+00A0, becomes one U+0020, or one U+00A0 if it holds one
    ("space-run"). Leading and trailing whitespace is the composer's (the indent)."""
    text = "".join(texts)
    keep = list(text)                      # per character: what it becomes ("" = removed)
    first: dict[str, int] = {}
    counts = collections.Counter()
    for m in _WS_RUN.finditer(text):
        a, b = m.start(), m.end()
        if a == 0 or b == len(text):
            continue
        run = m.group()
        if _chinese(text[a - 1]) and _chinese(text[b]):
            if run == " " and is_han(text[a - 1]) and is_han(text[b]):
                continue
            kind, repl = "han-space", ""
        else:
            repl = "\u00a0" if "\u00a0" in run else " "
            if run == repl:
                continue
            kind = "space-run"
        keep[a] = repl
        for k in range(a + 1, b):
            keep[k] = ""
        counts[kind] += 1
        first.setdefault(kind, a)
    if not counts:
        return texts
    out, at = [], 0
    for t in texts:
        out.append("".join(keep[at:at + len(t)]))
        at += len(t)
    final = "".join(out)
    for kind, n in counts.items():
        pos = len("".join(keep[:first[kind]]))     # the place in the normalised text
        report.note(kind, n, where, final[max(0, pos - 6):pos + 8])
    return out


def normalize_paragraph(texts: list[str], report: Report, where: str) -> list[str]:
    """The texts of one body paragraph's spans normalised: each as ``normalize_text`` (quotes
    stay open across the spans), then the paragraph's whitespace (``_spaces``)."""
    return list(_remembered((tuple(texts), where, "paragraph"), report,
                            lambda rec: tuple(_paragraph(texts, rec, where))))


def _paragraph(texts: list[str], report: Report, where: str) -> list[str]:
    stack: list = []                      # quotes stay open across the spans of a paragraph
    out = [_normalize(t, report, where, stack) for t in texts]
    spaced = _spaces(out, report, where)
    if spaced is not out:
        # Removing a space can make a mark's neighbour Chinese (中 , 中 -> 中,中): once more,
        # so that normalising again changes nothing.
        stack = []
        spaced = [_normalize(t, report, where, stack) for t in spaced]
    return spaced


_BODIES: dict = {}      # (id of a tuple of paragraphs, owner) -> (it, normalised, notes)


def _paras(paras, report: Report, owner: str):
    """The paragraphs normalised. A warm process brings an unchanged story's paragraphs back
    as the same tuple (issue.validate.Checked): its result and notes are remembered by that
    tuple's identity (the entry holds it, so the id stays its own; ~100 paragraphs looked up
    one by one were ~0.1 ms of every warm edit)."""
    return _remembered((id(paras), owner), report, lambda rec: _paras_of(paras, rec, owner),
                       (_BODIES, paras))


def _paras_of(paras, report, owner: str):
    out = []
    for p in paras:
        where = f"{owner} line {p.where.line}"
        given = [s.text for s in p.spans]
        texts = normalize_paragraph(given, report, where)
        if texts == given:      # most paragraphs: kept as they are (no copies made)
            out.append(p)
            continue
        spans = tuple(s._replace(text=t) for s, t in zip(p.spans, texts)
                      if t or len(p.spans) == 1)     # a span that was only whitespace goes
        out.append(p._replace(spans=spans))
    return tuple(out)


def normalize_issue(issue, enabled: bool = True):
    """The issue with every piece of copy normalised, and the report of what changed.
    ``enabled=False`` (the issue's ``style: {normalize: false}``) returns it untouched."""
    report = Report()
    if not enabled:
        return issue, report
    def rp(value, **changes):
        # a value none of whose fields changed is kept (NamedTuple._replace copies: ~1 µs
        # each, ~0.1 ms of a warm edit's load on the sample page)
        if all(getattr(value, k) == v for k, v in changes.items()):
            return value
        return value._replace(**changes)

    def t(text: str, owner: str) -> str:
        return normalize_text(text, report, owner)

    pages = []
    for page in issue.pages:
        stories = tuple(rp(s, headline=t(s.headline, s.id), kicker=t(s.kicker, s.id),
                           subhead=t(s.subhead, s.id), byline=t(s.byline, s.id),
                           body=_paras(s.body, report, s.id)) for s in page.stories)
        groups = tuple(rp(g, banner=t(g.banner, g.id), headline=t(g.headline, g.id),
                          credit=t(g.credit, g.id),
                          items=tuple(rp(i, title=t(i.title, g.id), body=_paras(i.body, report, g.id))
                                      for i in g.items)) for g in page.groups)
        pictures = tuple(rp(pic, caption=t(pic.caption, pic.id)) for pic in page.pictures)
        pages.append(rp(page, stories=stories, groups=groups, pictures=pictures))
    return rp(issue, pages=tuple(pages)), report
