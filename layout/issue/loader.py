"""Stage 1, load: an issue file (YAML) -> model.Issue, or InputError with every problem found.

PyYAML's composer gives a node tree with a start mark on every node, so each problem is
reported at its file:line:column. The file is checked against issue.schema in one pass
(issue.validate); all problems are collected (unknown keys with a "did you mean", missing keys,
wrong types, duplicate keys and ids, unbalanced `**` markup) before anything is raised; then
the checked values are built into the model here.
"""
from __future__ import annotations

import os
import re

from layout.issue.pyyaml import yaml
from layout.errors import Diagnostic, InputError
from layout.issue.limits import Limits, raise_hint
from layout.issue.validate import Checked, Checker
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
    its issue file is one clear finding, not a list of differences (docs/check-report.md).
    A loaded issue carries the digest of the bytes it was loaded from (Issue.fingerprint)."""
    with open(path, "rb") as f:
        return _fingerprint(f.read())


def _fingerprint(data: bytes) -> str:
    import hashlib
    return hashlib.sha256(data).hexdigest()[:32]


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


def _compose(source: str, limits: Limits, memo: "Parsed | None" = None):
    """The node tree of `source`, parsed by libyaml, or by the Python parser when libyaml
    rejects it (for its message). `memo`: a warm process's last tree (Parsed): an edit
    inside one item of a block sequence (a story) parses that item only."""
    if memo is not None:
        root = memo.edited(source, limits)
        if root is not None:
            return root
    for k, Loader in enumerate(_LOADERS):
        loader = Loader(source)
        loader._start_counting(limits)
        try:
            root = loader.get_single_node()
            if memo is not None:     # a part is parsed by the first parser: kept from it only
                memo.keep(source, root if k == 0 else None, loader.count, bool(loader.sizes))
            return root
        except yaml.YAMLError:
            if k == len(_LOADERS) - 1:
                raise
        finally:
            loader.dispose()


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix (slices compared in C, halving)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, most: int) -> int:
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:len(a) - lo] == b[len(b) - mid:len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


_ITEM_PREFIX = re.compile(r" *- +")     # a block sequence item's line before its mapping


def _odd(text: str) -> bool:
    """Lines are counted by \n here (a CRLF is one break as in YAML): a file with YAML's
    other line breaks (CR alone, NEL, LS, PS: YAML 1.1 §5.4) or a directive (%YAML, %TAG: it
    would not reach a part) is parsed whole. Found by the string's own scans (the regular
    expression `\r(?!\n)|[\x85\u2028\u2029]|^%` took 0.17 ms of every warm edit)."""
    return (text.count("\r") != text.count("\r\n") or "\x85" in text or "\u2028" in text
            or "\u2029" in text or text.startswith("%") or "\n%" in text)


class Parsed:
    """A warm process's last node tree and its text. An edit that lies inside one mapping
    item of a block sequence (a story, a picture, a group: `      - id: …`) parses that item
    alone — its lines, the `- ` blanked, are a block mapping at the same column, which YAML
    reads as it reads them in place — and splices it into the tree, the marks after it moved
    by the lines and characters the edit added. The result is the tree a full parse gives
    (tests/issue/test_loader.py compares them edit after edit); anything else — an edit
    across items or outside any, a part with an anchor or an alias, a part that does not
    parse alone as one mapping, a tree the Python parser made — is parsed whole."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.root = None
        self.count = 0           # the values in the tree (limits.nodes)
        self.anchored = False    # the tree has an anchor (so aliases: nodes met twice)
        self._checked = Checked()

    def keep(self, text: str, root, count: int, anchored: bool | None = None) -> None:
        self.text, self.root, self.count = text, root, count
        if anchored is not None:
            self.anchored = anchored

    def checked(self, text: str, root) -> Checked | None:
        """The checked items to reuse for `root`, the tree of `text` (validate.Checked),
        when it is the tree kept here (its marks those of `text`) and has no anchor."""
        if root is None or root is not self.root or self.anchored or self.text != text:
            return None
        return self._checked

    def edited(self, text: str, limits: Limits):
        """The tree of `text` from the last one, or None when it must be parsed whole."""
        old, root = self.text, self.root
        if old is None or root is None:
            return None
        if old == text:
            return root
        if _odd(text):
            return None
        a = _common_prefix(old, text)
        s = _common_suffix(old, text, min(len(old), len(text)) - a)
        found = _item_around(root, a, len(old) - s, old)
        if found is None:
            return None
        node, parent, k, depth, (start, end) = found
        delta = len(text) - len(old)
        part = text[start:end + delta]
        prefix = node.start_mark.index - start
        part = " " * prefix + part[prefix:]
        new = _part(part, limits, depth)
        if new is None:
            return None
        tree, count = new
        if not (isinstance(tree, yaml.MappingNode) and not tree.flow_style
                and tree.start_mark.index == prefix and tree.end_mark.index == len(part)):
            return None
        count = self.count - _count(node) + count
        if count > limits.nodes:
            return None                   # the full parse reports it
        _move(tree, start, node.start_mark.line, None)    # its first line is the item's
        lines = part.count("\n") - old.count("\n", start, end)
        # the collections that end where the part ends end, in place, at the next token:
        # the next item's `-`, where the item ended
        _ends(tree, start + len(part), _mark(node.end_mark, delta, lines))
        # an aliased node is met twice in a tree with an anchor: moved once (seen)
        _shift_after(root, end, delta, lines, set() if self.anchored else None)
        parent.value[k] = tree
        self.keep(text, root, count)
        return root


def _item_around(root, a: int, e: int, text: str):
    """The deepest block mapping item of a block sequence whose lines hold [a, e) of the
    old text, beyond its `- ` and before its last line's end: (node, its sequence, its
    index, its depth, (first character of its first line, of the line after its last))."""
    best, node, depth = None, root, 1
    while True:
        kids = node.value if isinstance(node, yaml.SequenceNode) else (
            [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else [])
        nxt = None
        for k, kid in enumerate(kids):
            if kid.start_mark.index <= a and e <= kid.end_mark.index:
                nxt = kid
                if (isinstance(node, yaml.SequenceNode) and not node.flow_style
                        and isinstance(kid, yaml.MappingNode) and not kid.flow_style):
                    start = kid.start_mark.index - kid.start_mark.column
                    end = kid.end_mark.index - kid.end_mark.column
                    if (_ITEM_PREFIX.fullmatch(text, start, kid.start_mark.index)
                            and not text[end:kid.end_mark.index].strip(" ")
                            and e < end and kid.start_mark.line < kid.end_mark.line):
                        best = (kid, node, k, depth + 1, (start, end))
                break
        if nxt is None:
            return best
        node, depth = nxt, depth + 1


def _part(text: str, limits: Limits, depth: int):
    """(the node tree of `text`, parsed alone, nested `depth` levels deep, its count of
    values), or None when it does not parse or has an anchor or alias."""
    loader = _LOADERS[0](text)
    loader._start_counting(limits)
    loader.depth = depth - 1
    try:
        tree = loader.get_single_node()
    except (yaml.YAMLError, _TooMuch):
        return None
    finally:
        loader.dispose()
    if loader.sizes:          # an anchor (an alias to one outside fails the parse)
        return None
    return tree, loader.count


def _count(node) -> int:
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_count(k) + _count(v) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_count(v) for v in node.value)
    return 1


def _mark(m, index: int, lines: int):
    return yaml.error.Mark(m.name, m.index + index, m.line + lines, m.column, None, None)


def _moved(m, index: int, lines: int):
    """Mark `m` moved: in place when it is one of ours (made by an earlier move, and held by
    one node only), else (libyaml's marks are read-only) a new one. ~185 nodes follow an
    edit to the sample's second story: making two marks a node again was most of a warm
    edit's YAML stage."""
    if type(m) is yaml.error.Mark:
        m.index += index
        m.line += lines
        return m
    return yaml.error.Mark(m.name, m.index + index, m.line + lines, m.column, None, None)


def _move(node, index: int, lines: int, seen: set | None) -> None:
    """Every mark of the tree moved by `index` characters and `lines` lines (a node in
    `seen`, already moved, is not moved again; None: a tree without an anchor, where every
    node is met once). A loop over a stack, not a call a node: an edit to the first story
    moves every node after it."""
    mapping, sequence, ours = yaml.MappingNode, yaml.SequenceNode, yaml.error.Mark
    stack = [node]
    while stack:
        n = stack.pop()
        if seen is not None:
            if id(n) in seen:
                continue
            seen.add(id(n))
        m, e = n.start_mark, n.end_mark           # _moved, written out: it runs a node
        if type(m) is ours and type(e) is ours:
            m.index += index
            m.line += lines
            e.index += index
            e.line += lines
        else:
            n.start_mark, n.end_mark = _moved(m, index, lines), _moved(e, index, lines)
        kind = type(n)
        if kind is mapping:
            for k, v in n.value:
                stack.append(k)
                stack.append(v)
        elif kind is sequence:
            stack.extend(n.value)


def _ends(node, at: int, mark) -> None:
    """The collections a part parsed alone ends at its end (character `at`), which a parse
    in place ends at the next token (`mark`): the item, and its last collection in it. A
    block scalar ends at the start of the line after it in both. Each gets a copy of `mark`
    (a mark is held by one node: _moved moves ours in place)."""
    if node.end_mark.index != at or isinstance(node, yaml.ScalarNode):
        return
    node.end_mark = _mark(mark, 0, 0)
    for last in node.value[-1:]:
        for kid in (last if isinstance(node, yaml.MappingNode) else (last,)):
            _ends(kid, at, mark)


def _shift_after(node, at: int, index: int, lines: int, seen: set | None) -> None:
    """The marks at or after old character `at` moved by the edit (`index` characters,
    `lines` lines); a node ending before `at`, or in `seen` (moved already), is left as it
    is."""
    if node.end_mark.index < at or (seen is not None and id(node) in seen):
        return
    if node.start_mark.index >= at:
        _move(node, index, lines, seen)
        return
    if seen is not None:
        seen.add(id(node))
    node.end_mark = _moved(node.end_mark, index, lines)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _shift_after(k, at, index, lines, seen)
            _shift_after(v, at, index, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _shift_after(v, at, index, lines, seen)


def _read(path: str, limits: Limits) -> tuple[str, str]:
    """The issue file's text: UTF-8 (with or without a byte-order mark) or UTF-16 with its
    byte-order mark (what Windows Notepad saves as "Unicode"); anything else is reported at its
    first byte that is not UTF-8 text. With the fingerprint of its bytes (one read: the
    build wrote the digest of a second read, which an edit in between could make another
    version's)."""
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
    text, digest = None, _fingerprint(data)
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
    return text, digest


def load_issue(path: str, limits: Limits | None = None, memo: Parsed | None = None) -> Issue:
    """`memo`: a warm process's last node tree (Parsed): an edit to one story parses it only."""
    limits = limits or Limits.from_env()
    source, digest = _read(path, limits)
    try:
        root = _compose(source, limits, memo)
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
    ck = Checker(path, source, limits,
                 memo.checked(source, root) if memo is not None else None)
    data = ck.mapping(root, ROOT, "issue file")
    issue = None
    if data is not None and not ck.problems:
        issue = _build(data, path, ck.memo)._replace(
            notes=tuple(ck.notes), copies=tuple(ck.copies), fingerprint=digest)
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
                 d["split"], d["__where__"], bool(d.get("lock")), auto=rows == "auto",
                 size=d.get("size"), dress=d.get("dress") or "")


def _span(d: dict | None) -> SpanLimits:
    return SpanLimits() if d is None else SpanLimits(d["min"], d["max"])


def _jump(d: dict | None) -> Jump | None:
    return None if d is None else Jump(d["page"], _place(d["place"]), d["__where__"])


def _build(d: dict, path: str, memo: Checked | None = None) -> Issue:
    """The model from the checked values; `memo`: a warm process's (validate.Checked): the
    values of an item checked before come back as the same dict, and make the same story,
    group or picture object again (Checked.made)."""
    paper = Paper(d["paper"]["name"], d["paper"]["pinyin"], d["paper"]["facts"] or (),
                  d["paper"]["logo"])
    info = IssueInfo(d["issue"]["date"], d["issue"]["number"], d["issue"]["total"])
    made = memo.made if memo is not None else (lambda values, make: make(values))
    pages = tuple(_page(p, made) for p in d["pages"])
    fonts = tuple(v for k, v in (d["fonts"] or {}).items() if k != "__where__" and v)
    return Issue(path, paper, info, pages, _settings(HouseStyle, d["style"]), fonts,
                 _settings(PrintOptions, d["print"]))


def _settings(cls, d: dict | None):
    """A settings section (style:, print:) from its checked mapping: the keys given; the
    model's own defaults for the rest."""
    return cls(**{k: v for k, v in (d or {}).items() if k in cls._fields})


def _story(s: dict) -> Story:
    return Story(
        id=s["id"], headline=s["headline"], body=s["body"], place=_place(s["place"]),
        where=s["__where__"], kicker=s["kicker"], subhead=s["subhead"], dateline=s["dateline"],
        byline=s["byline"], headline_size=s["size"], vertical=s["vertical"],
        head_span=s["head_span"], head_col=s["head_col"], continued=_jump(s["continued"]),
        tint=s["tint"], frame=s["frame"], reverse=s["reverse"], ornament=s["ornament"],
        rank=s["rank"], picture=s["picture"], span=_span(s["span"])).worn()


def _group(g: dict) -> Group:
    return Group(
        id=g["id"], banner=g["banner"], headline=g["headline"],
        items=tuple(GroupItem(i["title"], i["body"], i["__where__"]) for i in g["items"]),
        place=_place(g["place"]), where=g["__where__"], credit=g["credit"], tint=g["tint"],
        frame=g["frame"], reverse=g["reverse"], ornament=g["ornament"], rank=g["rank"])


def _picture(i: dict) -> Picture:
    return Picture(i["id"], _place(i["place"]), i["__where__"],
                   i["file"].path if i["file"] else "", i["caption"], i["credit"],
                   i["fit"], tuple(i["focus"]), i["file"] or None)


def _page(p: dict, made) -> Page:
    stories = tuple(made(s, _story) for s in p["stories"] or ())
    groups = tuple(made(g, _group) for g in p["groups"] or ())
    pictures = tuple(made(i, _picture) for i in p["pictures"] or ())
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
