"""Stage 1, load: an issue file (YAML) -> model.Issue, or InputError with every problem found.

PyYAML's composer gives a node tree with a start mark on every node, so each problem is
reported at its file:line:column. The file is checked against issue.schema in one pass
(issue.validate); all problems are collected (unknown keys with a "did you mean", missing keys,
wrong types, duplicate keys and ids, unbalanced `**` markup) before anything is raised; then
the checked values are built into the model here.
"""
from __future__ import annotations

import os

from layout.issue.pyyaml import yaml
from layout.errors import Diagnostic, InputError
from layout.issue.limits import Limits, raise_hint
from layout.issue.validate import Checker
from layout.issue.model import (Ad, Footer, Group, GroupItem, HouseStyle, Issue, IssueInfo, Jump, Page,
                    Paper, Picture, Place, PrintOptions, SpanLimits, Story, Where)
from layout.issue.schema import ROOT
from layout.page.places import check_jumps, check_places, incoming


# libyaml's parser when PyYAML has it: the sample issue composes in ~4 ms instead of ~12 ms.
# Its node marks are the same (0-based line and column, in characters; tests/test_bad_input.py
# checks the positions reported). Its syntax errors name less (no offending character, a
# different position at the end of the stream), so a file it rejects is parsed again by the
# Python parser, whose report is the one the editor sees. Either parser feeds the counting
# composer below (PyYAML's own, in C, recurses without a bound: a file nested 50,000 deep
# crashed the process).
_CParser = getattr(getattr(yaml, "cyaml", None), "CParser", None)


def fingerprint(path: str) -> str:
    """A digest of the issue file's bytes. The build writes it into the PDF's document
    information and the preflight compares it, so a PDF checked against another version of
    its issue file is one clear finding, not a list of differences (docs/check-report.md)."""
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:32]


class _TooMuch(Exception):
    def __init__(self, mark, message: str, hint: str):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


class _Counting(yaml.composer.Composer):
    """PyYAML's composer, counting as it goes: every value, an alias as all the values of the
    node it repeats (so a few lines of aliases cannot stand for a million stories), and the
    nesting depth (so a deeply nested file cannot exhaust the stack)."""

    def _start_counting(self, limits: Limits) -> None:
        self.limits, self.count, self.depth, self.sizes = limits, 0, 0, {}

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            self._add(self.sizes.get(id(node), 1), event.start_mark)
            return node
        self.depth += 1
        if self.depth > self.limits.depth:
            raise _TooMuch(event.start_mark, f"nesting deeper than {self.limits.depth} levels",
                           "an issue file nests 7 levels at most (pages > stories > place); "
                           "check for unclosed [ or { and for runaway indentation")
        self._add(1, event.start_mark)
        before = self.count
        node = super().compose_node(parent, index)
        if event.anchor is not None:
            self.sizes[id(node)] = self.count - before + 1
        self.depth -= 1
        return node

    def _add(self, n: int, mark) -> None:
        self.count += n
        if self.count > self.limits.nodes:
            raise _TooMuch(mark, f"the file stands for more than {self.limits.nodes:,} values "
                                 "(each alias *name counts as all that its anchor &name holds)",
                           "write the values out instead of repeating big anchors; "
                           + raise_hint("nodes"))


def _loader(parser):
    class Loader(_Counting, parser, yaml.resolver.Resolver):
        def __init__(self, stream):
            parser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)
    return Loader


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


_LOADERS = [_loader(p) for p in (_CParser, _PyParser) if p is not None]


def _compose(source: str, limits: Limits):
    """The node tree of `source`, parsed by libyaml, or by the Python parser when libyaml
    rejects it (for its message)."""
    for k, Loader in enumerate(_LOADERS):
        loader = Loader(source)
        loader._start_counting(limits)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            if k == len(_LOADERS) - 1:
                raise
        finally:
            loader.dispose()


def _read(path: str, limits: Limits) -> str:
    """The issue file's text: UTF-8 (with or without a byte-order mark) or UTF-16 with its
    byte-order mark (what Windows Notepad saves as "Unicode"); anything else is reported at its
    first byte that is not UTF-8 text."""
    try:
        size = os.stat(path).st_size
        if size > limits.file_bytes:
            raise InputError([Diagnostic(path, 1, 1, f"the file is {size / 1e6:.1f} MB; an "
                                         f"issue file may be {limits.file_bytes / 1e6:.0f} MB "
                                         "at most",
                                         "an issue file holds text only; pictures and fonts "
                                         "are files it names. " + raise_hint("file_bytes"))])
        with open(path, "rb") as f:
            data = f.read(limits.file_bytes + 1)
    except FileNotFoundError:
        raise InputError([Diagnostic(path, 0, 0, "no such file",
                                     "check the path; issue files live in issues/")])
    except IsADirectoryError:
        raise InputError([Diagnostic(path, 0, 0, "this is a folder, not an issue file",
                                     "give the path of the .yaml file")])
    except OSError as e:
        raise InputError([Diagnostic(path, 0, 0, f"cannot read the file: {e.strerror or e}",
                                     "check that the path is a readable file")])
    text = None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and not data.startswith(b"\xff\xfe\0\0"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass                            # reported below, at the first bad byte
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if text is None and b"\0" in data:
        head = data[:data.index(b"\0")].decode("utf-8", "replace")
        raise InputError([Diagnostic(path, head.count("\n") + 1,
                                     len(head) - head.rfind("\n"), "a NUL byte: this is not a "
                                     "text file, or it is UTF-16 without its byte-order mark",
                                     "save the issue file as UTF-8")])
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:      # point at the first byte that is not UTF-8
            head = data[:e.start]
            line = head.count(b"\n") + 1
            col = len(head[head.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
            raise InputError([Diagnostic(path, line, col,
                                         f"not UTF-8 text: byte 0x{data[e.start]:02X} here",
                                         "save the issue file as UTF-8 (not GBK/GB 18030)")])
    if "\0" in text:      # UTF-16 text with a NUL character
        head = text[:text.index("\0")]
        raise InputError([Diagnostic(path, head.count("\n") + 1,
                                     len(head) - head.rfind("\n"), "a NUL character",
                                     "remove it, or save the issue file again as UTF-8")])
    return text


def load_issue(path: str, limits: Limits | None = None) -> Issue:
    limits = limits or Limits.from_env()
    source = _read(path, limits)
    try:
        root = _compose(source, limits)
    except _TooMuch as e:
        raise InputError([Diagnostic(path, e.mark.line + 1, e.mark.column + 1, e.message,
                                     e.hint)], limits.diagnostics)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        msg = " ".join(x for x in (e.context, e.problem) if x)
        raise InputError([Diagnostic(path, mark.line + 1, mark.column + 1,
                                     f"not valid YAML: {msg}", _yaml_hint(msg))])
    except yaml.YAMLError as e:
        raise InputError([Diagnostic(path, 1, 1, f"not valid YAML: {e}",
                                     "save the file again as plain UTF-8 text")])
    if root is None:
        raise InputError([Diagnostic(path, 1, 1, "the file is empty",
                                     "an issue file has the keys paper, issue and pages")])
    ck = Checker(path, source, limits)
    data = ck.mapping(root, ROOT, "issue file")
    issue = None
    if data is not None and not ck.problems:
        issue = _build(data, path)._replace(notes=tuple(ck.notes), copies=tuple(ck.copies))
        _check_ids(issue, ck)
        ck.problems += check_jumps(issue.pages)
        _check_pixels(issue, ck)
        _check_links(issue, ck)
        issue = _place_ads(issue, ck)
        for page in issue.pages:     # the grid of every page, in the same report
            if any(ad.place is None for ad in page.ads):
                continue                       # its ads' sizes are reported already
            grid = check_places(page, incoming(issue.pages, page))
            ck.problems += grid
            if page.ads and not grid:          # an ad's size is measured on a sound grid
                from layout.page.ads import check_ads
                ck.problems += check_ads(page, issue.style)
    if ck.problems:
        raise InputError(sorted(ck.problems, key=lambda d: (d.line, d.column)),
                         limits.diagnostics)
    return issue


def _place_ads(issue, ck):
    """Ads given without a place get their slot at the foot of the page (page.ads)."""
    if not any(ad.place is None for p in issue.pages for ad in p.ads):
        return issue
    from layout.page.ads import place_ads
    pages = []
    for page in issue.pages:
        page, problems = place_ads(page, issue.style)
        ck.problems += problems
        pages.append(page)
    return issue._replace(pages=tuple(pages))


def _yaml_hint(msg: str) -> str:
    if "alias" in msg:
        return "an alias *name must follow the anchor &name it repeats, once per anchor name"
    if "special characters" in msg or "unacceptable character" in msg:
        return "remove the control character (copied from another program?) or save the file again as UTF-8"
    if "single document" in msg:
        return "an issue file is one YAML document: remove the second `---` and what follows"
    if "tab" in msg:
        return "indent with spaces, not tabs"
    return ("check indentation and that a `:` follows every key; quote a value that starts "
            "with a special character")


# -- building the model from checked values ---------------------------------------------------
def _place(d: dict | None) -> Place | None:
    if d is None:
        return None
    rows = d["rows"]
    return Place(d["col"], d["span"], d["row"], rows if isinstance(rows, int) else None,
                 d["split"], d["__where__"], bool(d.get("lock")), auto=rows == "auto")


def _span(d: dict | None) -> SpanLimits:
    return SpanLimits() if d is None else SpanLimits(d["min"], d["max"])


def _jump(d: dict | None) -> Jump | None:
    return None if d is None else Jump(d["page"], _place(d["place"]), d["__where__"])


def _build(d: dict, path: str) -> Issue:
    paper = Paper(d["paper"]["name"], d["paper"]["pinyin"], d["paper"]["facts"] or (),
                  d["paper"]["logo"])
    info = IssueInfo(d["issue"]["date"], d["issue"]["number"], d["issue"]["total"])
    pages = tuple(_page(p) for p in d["pages"])
    fonts = tuple(v for k, v in (d["fonts"] or {}).items() if k != "__where__" and v)
    return Issue(path, paper, info, pages, _settings(HouseStyle, d["style"]), fonts,
                 _settings(PrintOptions, d["print"]))


def _settings(cls, d: dict | None):
    """A settings section (style:, print:) from its checked mapping: the keys given; the
    model's own defaults for the rest."""
    return cls(**{k: v for k, v in (d or {}).items() if k in cls._fields})


def _page(p: dict) -> Page:
    stories = tuple(Story(
        id=s["id"], headline=s["headline"], body=s["body"], place=_place(s["place"]),
        where=s["__where__"], kicker=s["kicker"], subhead=s["subhead"], dateline=s["dateline"],
        byline=s["byline"], headline_size=s["size"], vertical=s["vertical"],
        head_span=s["head_span"], head_col=s["head_col"], continued=_jump(s["continued"]),
        tint=s["tint"], frame=s["frame"], reverse=s["reverse"], ornament=s["ornament"],
        rank=s["rank"], picture=s["picture"], span=_span(s["span"]))
        for s in p["stories"] or ())
    groups = tuple(Group(
        id=g["id"], banner=g["banner"], headline=g["headline"],
        items=tuple(GroupItem(i["title"], i["body"], i["__where__"]) for i in g["items"]),
        place=_place(g["place"]), where=g["__where__"], credit=g["credit"], tint=g["tint"],
        frame=g["frame"], reverse=g["reverse"], ornament=g["ornament"], rank=g["rank"])
        for g in p["groups"] or ())
    pictures = tuple(Picture(i["id"], _place(i["place"]), i["__where__"],
                             i["file"].path if i["file"] else "", i["caption"], i["credit"],
                             i["fit"], tuple(i["focus"]), i["file"] or None)
                     for i in p["pictures"] or ())
    ads = tuple(Ad(a["id"], _place(a["place"]), a["__where__"], a["file"])
                for a in p["ads"] or ())
    f = p["footer"]
    footer = None if f is None else Footer(f["names"], f["__where__"], f["title"], f["note"],
                                           _place(f["place"]))
    return Page(number=p["number"], name=p["name"], where=p["__where__"], pinyin=p["pinyin"],
                format=p["format"], credits=p["credits"] or (), stories=stories, groups=groups,
                pictures=pictures, footer=footer, ads=ads)


def _check_ids(issue: Issue, ck: Checker) -> None:
    seen: dict[str, Where] = {}
    for page in issue.pages:
        for thing in page.stories + page.groups + page.pictures + page.ads:
            if thing.id in seen:
                ck.problem(thing.where, f"id '{thing.id}' is used twice",
                           f"first used on line {seen[thing.id].line}; ids must be unique")
            seen.setdefault(thing.id, thing.where)


def _check_pixels(issue: Issue, ck: Checker) -> None:
    """Every raster file under the house pixel limit (style: picture_megapixels), checked
    from its header before anything decodes it: a decompression bomb (a small file that
    inflates to gigabytes) is refused here in milliseconds."""
    limit = issue.style.picture_megapixels * 1_000_000
    sources = [issue.paper.logo] + [s for page in issue.pages for s in
                                    [p.source for p in page.pictures] + [a.source for a in page.ads]]
    for src in sources:
        if src is not None and src.pixels > limit:
            ck.problem(src.where, f"{os.path.basename(src.path)} has {src.pixels / 1e6:.1f} million "
                                  f"pixels ({int(src.width)} × {int(src.height)}), over the limit "
                                  f"of {issue.style.picture_megapixels} million",
                       "a full broadsheet page at 300 ppi needs 29 million: scale the image "
                       "down, or raise style: picture_megapixels")


def _check_links(issue: Issue, ck: Checker) -> None:
    """A story's picture is a picture of its own page, named by one story only; span limits
    and ranks make sense on the page's grid."""
    for page in issue.pages:
        pics = {p.id: p for p in page.pictures}
        owner: dict[str, str] = {}
        for s in page.stories:
            if s.picture and s.picture not in pics:
                ck.problem(s.where, f"'{s.id}': picture '{s.picture}' is not a picture of page "
                                    f"{page.number}",
                           "name the id of one of the page's pictures: "
                           + (", ".join(pics) or "the page has none"))
            elif s.picture in owner:
                ck.problem(s.where, f"'{s.id}': picture '{s.picture}' already belongs to "
                                    f"'{owner[s.picture]}'", "a picture belongs to one story")
            elif s.picture:
                owner[s.picture] = s.id
            _check_span(s, page, ck)
        for thing in page.stories + page.groups:
            if thing.rank is not None and thing.rank < 1:
                ck.problem(thing.where, f"'{thing.id}': rank {thing.rank} is not a rank",
                           "rank 1 is the lead (头条), 2 the next, and so on")


def _check_span(s, page: Page, ck: Checker) -> None:
    lo, hi = s.span
    cols = page.format.columns
    for v in (lo, hi):
        if v is not None and not 1 <= v <= cols:
            ck.problem(s.where, f"'{s.id}': span {v} is outside the page's 1–{cols} columns",
                       "span: {min: …, max: …} counts basic columns")
            return
    if lo is not None and hi is not None and lo > hi:
        ck.problem(s.where, f"'{s.id}': span min {lo} is more than max {hi}",
                   "write the smaller number as min")
