"""The value checks of the loader: walks the YAML node tree against issue.schema and turns each
value into its typed form, collecting every problem with its file:line:column (unknown keys
with a "did you mean", missing keys, wrong types, duplicate keys, unbalanced `**` markup,
missing files, unusable fonts and print settings). issue.loader drives it and builds the model.
"""
from __future__ import annotations

import datetime as dt
import os
import re

from layout import by_identity
from layout.issue.pyyaml import yaml
from layout.issue import markup
from layout.errors import Diagnostic
from layout.fonts.fontfile import FontFileError, open_face, split_ref
from layout.page.formats import HAO_PT, MM, PRESETS, derive
from layout.issue.model import FontChoice, Paragraph, Where
from layout.issue.limits import Limits, raise_hint
from layout.issue.schema import FORMAT, Schema

_TAG = "tag:yaml.org,2002:"
_KIND_WORDS = {"str": "a string", "int": "a whole number", "date": "a date (YYYY-MM-DD)",
               "text": "text (paragraphs separated by blank lines)", "names": "a list of names",
               "pairs": "a mapping of label: name", "rows": "a whole number, `foot` or `auto`",
               "size": "a size in pt or a 号 name such as 小初", "file": "a file name", "image": "an image file",
               "fonts": "a font file, a list of them, or {file: …, bold: true}",
               "format": "a format preset name or mapping", "bool": "true or false", "punct": "a punctuation style",
               "hyphenate": "a hyphenation language such as en_US, or false",
               "bleed": "a bleed in mm (0–25) or `auto`", "pdfx": "x4, x1a or none",
               "colormode": "cmyk or gray", "icc": "a CMYK output profile (.icc)",
               "overprint": "auto, black or none",
               "vertical": "true, false, left or right", "pageref": "a page's 版名 or number",
               "percent": "a whole number from 0 to 100", "frame": "a frame style",
               "dress": "frame or vertical",
               "reverse": "true, false or a % of black", "ornament": "glyphs or an image file",
               "fit": "fill or fit", "focus": "[x, y] with x and y from 0 to 1, e.g. [0.5, 0.3]",
               "artwork": "a PDF or image file", "logo": "a PDF, SVG or image file",
               "captionface": "kai or hei", "creditplace": "end or run-on",
               "admark": "label, rule, both or none"}
# How to write a value of each kind: the hint of every wrong-type diagnostic.
_KIND_HINTS = {"str": "write the text after the colon; put it in quotes if it starts with one "
                      "of - ? : , [ ] { } # & * ! | > ' \" % @ `",
               "int": "write a whole number such as 3, with no quotes, sign or decimals",
               "date": "write the date as 2023-01-13",
               "text": "write the paragraphs after `|` on the lines below, indented, with a "
                       "blank line between paragraphs",
               "names": "a list: one `- name` per line, or [甲, 乙] on one line",
               "pairs": "one `label: name` per line, indented under the key",
               "rows": "a number of body lines such as 20, foot or auto",
               "size": "a size in pt from 4 to 300 (e.g. 28) or a 号 name (小初, 一号 … 七号)",
               "file": "the file's name, relative to the issue file", "image": "the picture "
                       "file's name (PNG or JPEG), relative to the issue file",
               "fonts": "a font file (song: FZShuSong.ttf), a list of them, or {file: …, bold: true}",
               "format": "broadsheet, tabloid, or a mapping such as {preset: tabloid, columns: 6}",
               "bool": "write true or false", "punct": "quanjiao, kaiming or banjiao",
               "bleed": "a number of mm from 0 to 25, or auto", "pdfx": "x4, x1a or none",
               "colormode": "cmyk or gray", "icc": "the .icc file's name, relative to the issue file"}


def shown(value, room: int = 40) -> str:
    """A value as a message quotes it: repr, cut to `room` characters (a 50 MB value must not
    become a 50 MB message)."""
    r = repr(value)
    return r if len(r) <= room else r[:room - 8] + "…" + r[-6:]


class Checked:
    """A warm process's checked list items (a story, a group, a picture, a page: each
    mapping item of a list) by their source text, the last build's and this one's: an item
    whose text and first line and column are the same checks to the same values (every
    Where in them comes from its marks), so a one-story edit checks that story and the
    mappings around it (the sample page's whole tree: ~0.25 ms of a warm edit). Items that
    read a file (a picture's header, a copy file, a font), or had a problem, are checked
    every time. Only for a tree whose marks are those of its text and that has no alias
    (issue.loader.Parsed.checked): an alias's item could read the same and mean another
    anchor's value."""

    def __init__(self) -> None:
        self.last: dict = {}
        self.now: dict = {}
        self.on: tuple = ()          # (path, limits) the entries were checked with
        self.built: tuple[dict, dict] = ({}, {})   # id(values) -> (values, model value)

    def start(self, path: str, limits) -> "Checked":
        if self.on != (path, limits):
            self.now, self.on, self.built = {}, (path, limits), ({}, {})
        self.last, self.now = self.now, {}
        self.built = (self.built[1], {})
        return self

    def made(self, values: dict, make):
        """make(values), once for the same checked values (an item reused above comes back
        as the same dict): an unchanged story is the same Story object build after build,
        which the memos after loading (page.cache keys, normalisation) know by identity."""
        return by_identity(self.built, values, make)


class Checker:
    def __init__(self, path: str, source: str, limits: Limits | None = None,
                 memo: Checked | None = None):
        self.path = path
        self.source = source
        self.lines = source.splitlines()
        self.limits = limits or Limits()
        self.problems: list[Diagnostic] = []
        self.notes: list[Diagnostic] = []      # worth saying, not wrong (a GBK copy file)
        self.copies: list[str] = []            # copy files read (body: {file: …})
        self.blocks = 0
        self.files = 0                         # file names checked (scalar_file, fonts)
        self.memo = memo.start(path, self.limits) if memo is not None else None

    # -- reporting ---------------------------------------------------------------------------
    def where(self, node: yaml.Node) -> Where:
        return Where(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node | Where, message: str, hint: str) -> None:
        w = node if isinstance(node, Where) else self.where(node)
        self.problems.append(Diagnostic(w.path, w.line, w.column, message, hint))

    def wrong_type(self, node: yaml.Node, key: str, kind: str) -> None:
        self.problem(node, f"'{key}' must be {_KIND_WORDS.get(kind, kind)}, got {_got(node)}",
                     _KIND_HINTS.get(kind, f"write {_KIND_WORDS.get(kind, kind)}; see '{key}' "
                                           "in docs/issue-format.md"))

    # -- mappings ----------------------------------------------------------------------------
    def mapping(self, node: yaml.Node, schema: Schema, key: str) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"'{key}' must be a mapping ({schema.name} keys: "
                               f"{', '.join(schema.keys)}), got {_got(node)}",
                         f"write the {schema.name} keys on the lines below '{key}:', indented "
                         f"(e.g. `  {schema.keys[0]}: …`), or on one line in {{ }}")
            return None
        out: dict = {"__where__": self.where(node)}
        seen: dict[str, yaml.Node] = {}
        for knode, vnode in node.value:
            k = str(knode.value)
            if k in seen:
                self.problem(knode, f"duplicate key '{k}' in {schema.name}",
                             f"first given on line {seen[k].start_mark.line + 1}")
                continue
            seen[k] = knode
            field = schema.field(k)
            if field is None:
                # past the problems that will be printed, the suggestion is not worth its
                # cost (20,000 unknown keys: 2 s of difflib)
                close = _close(k, schema.keys, n=1, cutoff=0.6) if len(
                    self.problems) < self.limits.diagnostics else ()
                hint = (f"did you mean '{close[0]}'?" if close
                        else "merge keys (<<) are not read: write the keys out" if k == "<<"
                        else f"{schema.name} keys are: {', '.join(schema.keys)}")
                self.problem(knode, f"unknown key {shown(k)} in {schema.name}", hint)
                continue
            value = self.value(vnode, field.kind, k)
            if field.required and field.kind == "str" and value == "":
                self.problem(vnode, f"'{k}' is empty", f"{k}: {field.help}")
                value = _BAD
            if field.required and value == ():
                self.problem(vnode, f"'{k}' is empty: {schema.name} needs at least one",
                             f"{k}: {field.help}")
                value = _BAD
            if value is not _BAD:
                out[k] = value
        for field in schema.fields:
            if field.key in seen:
                continue
            if field.kind == "format" and isinstance(field.default, str):
                out[field.key] = PRESETS[field.default]
            elif field.required:
                self.problem(node, f"{schema.name} is missing the required key '{field.key}'",
                             f"{field.key}: {field.help}")
            else:
                out[field.key] = field.default
        return out

    def value(self, node: yaml.Node, kind, key: str):
        if isinstance(kind, Schema):
            m = self.mapping(node, kind, key)
            return _BAD if m is None else m
        if isinstance(kind, tuple):          # ("list", Schema)
            if not isinstance(node, yaml.SequenceNode):
                self.problem(node, f"'{key}' must be a list of {kind[1].name} mappings, got "
                                   f"{_got(node)}",
                             f"each {kind[1].name} starts with '- ' on a line of its own, "
                             f"under '{key}:'")
                return _BAD
            if key in _MOST and self.too_many(node, key):
                return _BAD
            items = [self._item(n, kind[1], key) for n in node.value]
            return tuple(i for i in items if i is not None)
        return getattr(self, "scalar_" + kind)(node, key)

    def _item(self, node: yaml.Node, schema: Schema, key: str) -> dict | None:
        """A mapping item of a list, checked (or, in a warm process, its values when its
        text was checked before: Checked)."""
        memo = self.memo
        if memo is None or not isinstance(node, yaml.MappingNode):
            return self.mapping(node, schema, key)
        m = node.start_mark
        mk = (id(schema), key, m.line, m.column, self.source[m.index:node.end_mark.index])
        hit = memo.now.get(mk) or memo.last.get(mk)
        if hit is not None:
            memo.now[mk] = hit
            self.blocks += hit[1]         # the blocks its lists hold count as they did
            return hit[0]                 # the same dict (the loader only reads it)
        state = (len(self.problems), len(self.notes), len(self.copies), self.files)
        blocks = self.blocks
        out = self.mapping(node, schema, key)
        if out is not None and state == (len(self.problems), len(self.notes),
                                          len(self.copies), self.files):
            memo.now[mk] = (out, self.blocks - blocks)
        return out

    def too_many(self, node: yaml.SequenceNode, key: str) -> bool:
        """More pages, or more blocks (stories, groups, pictures) in the issue, than the
        limits allow: counted before any of them is checked or laid out."""
        name = _MOST[key]
        if name == "blocks":
            self.blocks += len(node.value)
            n = self.blocks
        else:
            n = len(node.value)
        most = getattr(self.limits, name)
        if n <= most:
            return False
        what = "pages" if name == "pages" else "stories, groups and pictures"
        self.problem(node, f"the issue has more than {most:,} {what} (here {n:,})",
                     "split the issue into several files; " + raise_hint(name))
        return True

    # -- scalars -----------------------------------------------------------------------------
    def _scalar(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag != _TAG + "null"

    def scalar_str(self, node, key):
        if not self._scalar(node):
            self.wrong_type(node, key, "str")
            return _BAD
        most = self.limits.line_chars
        if len(node.value) > most:       # measured before anything is set in type
            self.problem(node, f"'{key}' has {len(node.value):,} characters; it may have "
                               f"{most:,} at most", "long copy belongs in a body; "
                                                    + raise_hint("line_chars"))
            return _BAD
        return str(node.value).strip()

    def scalar_int(self, node, key):
        # plain decimal digits only: YAML 1.1 also reads 0x1, 0b1 and 1:30 as integers
        if not self._scalar(node) or not re.fullmatch(r"\+?\d+", str(node.value).strip()):
            self.wrong_type(node, key, "int")
            return _BAD
        return int(node.value)

    def scalar_rows(self, node, key):
        if self._scalar(node) and node.value in ("foot", "auto"):
            return node.value
        if not self._scalar(node) or not re.fullmatch(r"\+?\d+", str(node.value).strip()):
            self.wrong_type(node, key, "rows")
            return _BAD
        return int(node.value)

    def scalar_size(self, node, key):
        if self._scalar(node):
            v = str(node.value).strip()
            if v in HAO_PT:
                return float(HAO_PT[v])
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt)?", v)
            if m and 4 <= float(m.group(1)) <= 300:
                return float(m.group(1))
        self.wrong_type(node, key, "size")
        return _BAD

    def scalar_date(self, node, key):
        text = str(node.value).strip() if self._scalar(node) else ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):   # not 20230113 or 2023-W02-5, which
            try:                                       # Python 3.11 would also read
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        self.wrong_type(node, key, "date")
        return _BAD

    def scalar_names(self, node, key):
        if not isinstance(node, yaml.SequenceNode):
            self.wrong_type(node, key, "names")
            return _BAD
        names = [self.scalar_str(n, key) for n in node.value]
        for n, name in zip(node.value, names):
            if name == "":
                self.problem(n, f"an empty name in '{key}'", "remove the empty entry")
        return tuple(n for n in names if n is not _BAD and n != "")

    def scalar_pairs(self, node, key):
        if not isinstance(node, yaml.MappingNode):
            self.wrong_type(node, key, "pairs")
            return _BAD
        pairs = [(self.scalar_str(k, key), self.scalar_str(v, f"{key}: {k.value}"))
                 for k, v in node.value]
        return tuple((a, b) for a, b in pairs if a is not _BAD and b is not _BAD)

    def scalar_bool(self, node, key):
        if not self._scalar(node) or node.tag != _TAG + "bool":
            self.wrong_type(node, key, "bool")
            return _BAD
        return str(node.value).lower() in ("true", "yes", "on")

    def scalar_punct(self, node, key):
        v = self.scalar_str(node, key)
        if v is _BAD:
            return _BAD
        v = PUNCT_NAMES.get(v, v)
        if v not in ("quanjiao", "kaiming", "banjiao"):
            self.problem(node, f"unknown punctuation style {shown(v)}",
                         "punct is quanjiao (全角式), kaiming (开明式) or banjiao (半角式)")
            return _BAD
        return v

    # -- page elements (竖题, 转版, 网底, 框, 反白, 题花) -----------------------------------------
    def scalar_vertical(self, node, key):
        if self._scalar(node) and node.tag == _TAG + "bool":
            return "right" if self.scalar_bool(node, key) else ""
        return self._choice(node, key, "vertical", ("left", "right"))

    def scalar_dress(self, node, key):
        from layout.issue.model import COMPOSER_DRESS
        return self._choice(node, key, "dress", tuple(COMPOSER_DRESS))

    def scalar_pageref(self, node, key):
        if self._scalar(node) and re.fullmatch(r"\+?\d+", str(node.value).strip()):
            return int(node.value)
        return self.scalar_str(node, key)

    def scalar_percent(self, node, key):
        v = self.scalar_int(node, key)
        if v is not _BAD and v > 100:
            self.problem(node, f"'{key}' is a percentage of black: 0 to 100, got {v}",
                         "a light 网底 is 10 to 20")
            return _BAD
        return v

    def scalar_reverse(self, node, key):
        if self._scalar(node) and node.tag == _TAG + "bool":
            return 100 if self.scalar_bool(node, key) else 0
        v = self.scalar_percent(node, key)
        if v is not _BAD and 0 < v < 50:
            self.problem(node, f"'{key}': white type on {v} % black is hard to read",
                         "reverse on at least 50 % black, or use tint: for a light 网底 "
                         "with black type")
            return _BAD
        return v

    def scalar_frame(self, node, key):
        from layout.page.frames import ALIASES, STYLES
        v = self.scalar_str(node, key)
        if v is _BAD:
            return _BAD
        v = ALIASES.get(v, v)
        return self._choice(node, key, "frame", STYLES) if v not in STYLES else v

    def scalar_ornament(self, node, key):
        """题花: an image file (a name ending .png/.jpg/.jpeg, read relative to the issue
        file) or one or two glyphs."""
        v = self.scalar_str(node, key)
        if v is _BAD:
            return _BAD
        if re.search(r"\.(png|jpe?g|tiff?|svg|pdf)$", v, re.I):
            src = self._source(node, key, vector=True)   # checked here; laid out by path
            return src if src is _BAD else src.path
        if not 1 <= len(v) <= 2:
            self.problem(node, f"'{key}' is one or two glyphs or an image file, got '{v}'",
                         "e.g. ornament: ❖, or ornament: ticao.png")
            return _BAD
        return v

    def scalar_hyphenate(self, node, key):
        """A pyphen dictionary name (en_US, en_GB, de_DE, fr …), false (never hyphenate) or
        true (en_US): docs/typesetting-rules.md §1.6."""
        if self._scalar(node) and node.tag == _TAG + "bool":
            return "en_US" if str(node.value).lower() in ("true", "yes", "on") else ""
        v = self.scalar_str(node, key)
        if v is _BAD:
            return _BAD
        from layout.compose.hyphenate import known_language
        if not known_language(v):
            self.problem(node, f"no hyphenation dictionary for '{v}'",
                         "hyphenate is a language with a pyphen dictionary, e.g. en_US, en_GB, "
                         "de_DE, fr, or false")
            return _BAD
        return v

    # -- print: (print production) -----------------------------------------------------------
    def scalar_bleed(self, node, key):
        if self._scalar(node):
            v = str(node.value).strip()
            if v == "auto":
                return None
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(mm)?", v)
            if m and float(m.group(1)) <= 25:
                return float(m.group(1))
        self.wrong_type(node, key, "bleed")
        return _BAD

    def _choice(self, node, key, kind, choices):
        v = self.scalar_str(node, key)
        if v is _BAD:
            return _BAD
        if v.lower() not in choices:
            close = _close(v.lower(), choices, n=1, cutoff=0.5)
            self.problem(node, f"unknown {key} {shown(v)}",
                         f"did you mean '{close[0]}'?" if close else f"{key} is {_KIND_WORDS[kind]}")
            return _BAD
        return v.lower()

    def scalar_pdfx(self, node, key):
        return self._choice(node, key, "pdfx", ("x4", "x1a", "none"))

    def scalar_colormode(self, node, key):
        return self._choice(node, key, "colormode", ("cmyk", "gray"))

    def scalar_overprint(self, node, key):
        return self._choice(node, key, "overprint", ("auto", "black", "none"))

    def scalar_icc(self, node, key):
        path = self.scalar_file(node, key)
        if path is _BAD:
            return _BAD
        from layout.press.icc import check_icc_whole
        with open(path, "rb") as f:
            why = check_icc_whole(f.read())
        if why:
            self.problem(node, f"'{key}': {os.path.basename(path)} cannot be the output "
                               f"profile: {why}",
                         "PDF/X needs the printer's CMYK output (prtr) profile, e.g. "
                         "ISOnewspaper26v4.icc for coldset newsprint")
            return _BAD
        return path

    def scalar_format(self, node, key):
        """A preset name, or a mapping that changes some figures of a preset."""
        if self._scalar(node):
            name = str(node.value).strip()
            if name in PRESETS:
                return PRESETS[name]
            self.problem(node, f"unknown page format {shown(name)}",
                         f"formats are: {', '.join(PRESETS)}; or a mapping with a preset key")
            return _BAD
        before = len(self.problems)
        d = self.mapping(node, FORMAT, key)
        if d is None or len(self.problems) > before:     # a figure was wrong: reported
            return _BAD
        if d["preset"] not in PRESETS:
            self.problem(node, f"unknown format preset {shown(d['preset'])}",
                         f"presets are: {', '.join(PRESETS)}")
            return _BAD
        trim_w = trim_h = None
        if d["trim"]:
            m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm)?\s*", d["trim"])
            if not m:
                self.problem(node, f"'trim' must be width x height in mm, got {shown(d['trim'])}",
                             "e.g. trim: 390x540")
                return _BAD
            trim_w, trim_h = float(m.group(1)) * MM, float(m.group(2)) * MM
        if d["gutter_chars"] == 0:        # columns of text touching: no page to read
            self.problem(node, "page format: 'gutter_chars' is 0: the columns' text would touch",
                         "a gutter is at least 1 character (docs/newspaper-conventions.md, "
                         "basic column); 1 is the convention")
            return _BAD
        fmt, wrong = derive(PRESETS[d["preset"]], columns=d["columns"],
                            column_chars=d["column_chars"], gutter_chars=d["gutter_chars"],
                            body_size=d["body"], pitch=d["pitch"], rows=d["rows"],
                            trim_w=trim_w, trim_h=trim_h)
        if wrong:
            self.problem(node, f"page format: {wrong}",
                         "change the figures of the format mapping (or use a preset)")
            return _BAD
        return fmt

    def scalar_file(self, node, key):
        name = self.scalar_str(node, key)
        if name is _BAD:
            return _BAD
        path = os.path.join(os.path.dirname(self.path), name)
        self.files += 1
        if "\0" in path or not os.path.isfile(path):     # isfile raises on a NUL character
            self.problem(node, f"'{key}': no such file {shown(name, 80)}",
                         f"the path is read relative to the issue file, i.e. as {path}")
            return _BAD
        return path

    def scalar_image(self, node, key):
        """A picture file: JPEG, PNG or TIFF, its header read (issue.sources) here, not while
        drawing, so the editor gets the file:line:column; the pixel limit is checked by the
        loader once the style is known."""
        return self._source(node, key, vector=False)

    def scalar_artwork(self, node, key):
        """An ad: a PDF (kept vector) or an image."""
        return self._source(node, key, vector=True)

    def scalar_logo(self, node, key):
        """The 报头 logo: PDF or SVG (kept vector) or an image."""
        return self._source(node, key, vector=True)

    def _source(self, node, key, vector: bool):
        path = self.scalar_file(node, key)
        if path is _BAD:
            return _BAD
        from layout.issue.sources import SourceProblem, read_source
        try:
            return read_source(path, self.where(node), vector)
        except SourceProblem as e:
            self.problem(node, f"'{key}': {e.message}", e.hint)
            return _BAD

    def scalar_fit(self, node, key):
        return self._choice(node, key, "fit", ("fill", "fit"))

    def scalar_captionface(self, node, key):
        return self._choice(node, key, "captionface", ("kai", "hei"))

    def scalar_creditplace(self, node, key):
        return self._choice(node, key, "creditplace", ("end", "run-on"))

    def scalar_admark(self, node, key):
        return self._choice(node, key, "admark", ("label", "rule", "both", "none"))

    def scalar_focus(self, node, key):
        """[x, y]: two numbers from 0 to 1 (0 = the left or top edge of the image)."""
        vals = []
        if isinstance(node, yaml.SequenceNode) and len(node.value) == 2:
            for n in node.value:
                try:
                    v = float(n.value) if self._scalar(n) else None
                except ValueError:
                    v = None
                if v is None or not 0 <= v <= 1:
                    break
                vals.append(v)
        if len(vals) != 2:
            self.wrong_type(node, key, "focus")
            return _BAD
        return (vals[0], vals[1])

    def scalar_fonts(self, node, key):
        """A role of `fonts:`: a file, a list of files (a chain), or {file: …, bold: …}
        (without `file`, the role's default fonts).
        Every file must exist and be a font we can embed; a face of a collection is named
        after `#`. Problems are reported at the file's own position."""
        bold, files = False, node
        if isinstance(node, yaml.MappingNode):
            files = None
            for k, v in node.value:
                if k.value == "file":
                    files = v
                elif k.value == "bold":
                    b = self.scalar_bool(v, f"{key}: bold")
                    bold = False if b is _BAD else b
                else:
                    close = _close(str(k.value), ["file", "bold"], 1, 0.5)
                    self.problem(k, f"unknown key {shown(k.value)} in the fonts of '{key}'",
                                 f"did you mean '{close[0]}'?" if close else
                                 "the keys are file and bold")
        if files is None:           # {bold: true} alone: the role's default fonts, emboldened
            return FontChoice(key, (), bold, self.where(node))
        nodes = files.value if isinstance(files, yaml.SequenceNode) else [files]
        out = []
        for n in nodes:
            text = self.scalar_str(n, key)
            if text is _BAD:
                continue
            name, face = split_ref(text)
            path = os.path.join(os.path.dirname(self.path), os.path.expanduser(name))
            self.files += 1
            if "\0" in path or not os.path.isfile(path):
                self.problem(n, f"'{key}': no such font file {shown(name, 80)}",
                             f"the path is read relative to the issue file, i.e. as {path}")
                continue
            try:
                why = open_face(path, face).embeddable()
            except FontFileError as e:
                self.problem(n, f"'{key}': {e.message}",
                             e.hint or "give a TrueType or OpenType font file; re-install it "
                                       "if it is damaged")
                continue
            if why:
                self.problem(n, f"'{key}': {name} cannot be embedded in the PDF: {why}",
                             "use a font whose licence allows embedding")
                continue
            out.append((path, face))
        if not nodes:
            self.problem(files, f"'{key}' lists no font file", _KIND_HINTS["fonts"])
        if len(out) < len(nodes):
            return _BAD
        return FontChoice(key, tuple(out), bold, self.where(node))

    def scalar_text(self, node, key):
        if isinstance(node, yaml.MappingNode):
            return self._copy_file(node, key)
        if not self._scalar(node):
            self.wrong_type(node, key, "text")
            return _BAD
        n, most = len(str(node.value)), self.limits.story_chars
        if n > most:      # measured, not composed: a 50 MB body is not worth laying out
            self.problem(node, f"'{key}' has {n:,} characters; a story may have {most:,} at "
                               "most (a whole broadsheet page holds ~9,000)",
                         "cut the copy, or split it into several stories; "
                         + raise_hint("story_chars"))
            return _BAD
        paragraphs, bad = [], False
        for first_line, para in split_paragraphs(str(node.value)):
            w = self._text_where(node, first_line)
            try:
                spans = markup.parse(para)
            except markup.MarkupError as e:
                self.problem(self._offset_where(node, first_line, e.offset, w), str(e),
                             e.hint or "`**` opens and closes a bold run-in lead: **一是…。**")
                bad = True
                continue
            paragraphs.append(Paragraph(spans, w))
        if not paragraphs and not bad:
            self.problem(node, f"'{key}' has no text", f"{key}: the paragraphs of the copy")
        return tuple(paragraphs)

    def _copy_file(self, node: yaml.MappingNode, key: str):
        """`body: {file: story.docx}`: the paragraphs of a Word, text or Markdown file
        (issue.copy), each at its line (a .docx: its paragraph number) in that file."""
        from layout.issue.copy import CopyError, read_copy
        names = {str(k.value): v for k, v in node.value}
        extra = [k for k, _ in node.value if k.value != "file"]
        for k in extra:
            self.problem(k, f"unknown key '{k.value}' in the copy file of '{key}'",
                         "write body: {file: story.docx}")
        if "file" not in names:
            if not extra:
                self.problem(node, f"'{key}' names no copy file", "write body: {file: story.docx}")
            return _BAD
        path = self.scalar_file(names["file"], key)
        if path is _BAD or extra:
            return _BAD
        where = self.where(names["file"])
        try:
            copy = read_copy(path)
        except CopyError as e:
            w = Where(path, e.line, e.column) if e.line else where
            self.problem(w, f"'{key}': {os.path.basename(path)}: {e}", e.hint)
            return _BAD
        self.copies.append(path)
        self.notes += [Diagnostic(where.path, where.line, where.column,
                                  f"{os.path.basename(path)}: {n}") for n in copy.notes]
        paragraphs, unit = [], "paragraph " if copy.encoding == "docx" else "line "
        for line, text in copy.paragraphs:
            try:
                paragraphs.append(Paragraph(markup.parse(text), Where(path, line, 1)))
            except markup.MarkupError as e:
                self.problem(Where(path, line, 1), f"{unit}{line}: {e}", e.hint)
        if not copy.paragraphs:
            self.problem(names["file"], f"'{key}': {os.path.basename(path)} has no text")
        return tuple(paragraphs) if len(paragraphs) == len(copy.paragraphs) else _BAD

    def _offset_where(self, node: yaml.Node, first_line: int, offset: int, w: Where) -> Where:
        """Where the character at `offset` of a joined paragraph stands in a block scalar:
        walk its source lines as split_paragraphs joined them (stripped, a space between
        Latin words). Plain and quoted scalars fold lines unpredictably: their first line."""
        if node.style not in ("|", ">"):
            return w
        line = node.start_mark.line + 1 + first_line          # 0-based source line
        joined = ""
        while line < len(self.lines):
            text = self.lines[line]
            stripped = text.strip()
            if not stripped:
                break
            if joined and not (_HAN_OR_MARK.match(joined[-1]) or _HAN_OR_MARK.match(stripped[0])):
                joined += " "
            if offset < len(joined) + len(stripped):
                col = len(text) - len(text.lstrip()) + (offset - len(joined)) + 1
                return Where(self.path, line + 1, max(col, 1))
            joined += stripped
            line += 1
        return w

    def _text_where(self, node: yaml.Node, line_in_value: int) -> Where:
        """Position of a line of a block scalar (`|` or `>`): its content starts on the line
        after the indicator; plain and quoted scalars start at the node itself."""
        if node.style in ("|", ">"):
            line = node.start_mark.line + 1 + line_in_value   # 0-based
            text = self.lines[line] if line < len(self.lines) else ""
            col = len(text) - len(text.lstrip(" ")) + 1
            return Where(self.path, line + 1, col)
        return Where(self.path, node.start_mark.line + 1 + line_in_value,
                     node.start_mark.column + 1)


_BAD = object()
_MOST = {"pages": "pages", "stories": "blocks", "groups": "blocks", "pictures": "blocks"}


def _got(node: yaml.Node) -> str:
    return ("nothing" if node.tag == _TAG + "null" else
            "a list" if isinstance(node, yaml.SequenceNode) else
            "a mapping" if isinstance(node, yaml.MappingNode) else shown(node.value))
PUNCT_NAMES = {"全角式": "quanjiao", "全角": "quanjiao", "开明式": "kaiming", "开明": "kaiming",
               "半角式": "banjiao", "半角": "banjiao"}
_HAN_OR_MARK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2026\u201c-\u201d]")


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs are separated by blank lines. Lines inside a paragraph are joined: with
    nothing between Chinese characters (a hard-wrapped Chinese line has no space), with a
    space between Latin words. Returns (index of the paragraph's first line, text)."""
    out, cur, start = [], [], 0
    for i, line in enumerate(text.split("\n") + [""]):
        s = line.strip()
        if s:
            if not cur:
                start = i
            cur.append(s)
        elif cur:
            joined = cur[0]
            for nxt in cur[1:]:
                cjk = _HAN_OR_MARK.match(joined[-1]) or _HAN_OR_MARK.match(nxt[0])
                joined += nxt if cjk else " " + nxt
            out.append((start, joined))
            cur = []
    return out


def _close(word, choices, n=1, cutoff=0.6):
    """difflib's close matches, for a "did you mean" hint: imported only when input has a
    problem (~3 ms of every clean build otherwise)."""
    import difflib
    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)
