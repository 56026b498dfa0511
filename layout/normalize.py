"""Stage: input normalisation of the copy (typesetting-rules.md §5), on by default and reported.

Editors paste copy with ASCII punctuation (the sample page's extraction has 143 ASCII commas).
Each change is counted by kind, with the first places, so the copy is never changed silently:
  , ; : ? ! ( )  next to a Han character -> ，；：？！（）
  straight quotes " '                     -> “ ” ‘ ’ by nesting (opening, then closing)
  ... and 。。。                           -> ……
  -- and 一一 between non-digits          -> ——   (一一 only when not a word: see below)
  full-width Ａ-Ｚ ａ-ｚ ０-９             -> ASCII (Latin and digits use the Latin face)
  ‧ ・                                     -> ·
"""
from __future__ import annotations

import collections
import dataclasses
import re

from .chars import is_han

_ASCII_FW = str.maketrans(",;:?!()", "，；：？！（）")
_RULES = [
    ("ellipsis", re.compile(r"\.\.\.+|。。。+"), "……"),
    ("dash", re.compile(r"(?<![0-9A-Za-z])--(?![0-9A-Za-z-])"), "——"),
    ("interpunct", re.compile(r"[‧・]"), "·"),
]


@dataclasses.dataclass
class Report:
    counts: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    first: dict = dataclasses.field(default_factory=dict)   # kind -> "where: context"

    def note(self, kind: str, n: int, where: str, context: str) -> None:
        if n:
            self.counts[kind] += n
            self.first.setdefault(kind, f"{where}: …{context}…")


def normalize_text(text: str, report: Report, where: str) -> str:
    for kind, rx, repl in _RULES:
        text, n = rx.subn(repl, text)
        report.note(kind, n, where, text[:12])
    out = []
    quote_depth = {'"': 0, "'": 0}
    changed = collections.Counter()
    for i, ch in enumerate(text):
        o = ord(ch)
        if 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or 0xFF10 <= o <= 0xFF19:
            out.append(chr(o - 0xFEE0))
            changed["fullwidth-latin"] += 1
            continue
        if ch in ",;:?!()":
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if (prev and is_han(prev)) or (nxt and is_han(nxt)):
                out.append(ch.translate(_ASCII_FW))
                changed["ascii-punct"] += 1
                continue
        if ch in "\"'":
            opening = quote_depth[ch] % 2 == 0
            quote_depth[ch] += 1
            out.append(("“" if opening else "”") if ch == '"' else ("‘" if opening else "’"))
            changed["straight-quote"] += 1
            continue
        out.append(ch)
    for kind, n in changed.items():
        report.note(kind, n, where, text[:12])
    return "".join(out)


def _paras(paras, report: Report, owner: str):
    return tuple(dataclasses.replace(p, spans=tuple(
        dataclasses.replace(s, text=normalize_text(s.text, report, f"{owner} line {p.where.line}"))
        for s in p.spans)) for p in paras)


def normalize_issue(issue):
    """The issue with every piece of copy normalised, and the report of what changed."""
    report = Report()
    rp = dataclasses.replace

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
        pages.append(rp(page, stories=stories, groups=groups))
    return rp(issue, pages=tuple(pages)), report
