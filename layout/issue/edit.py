"""Edits written back into an issue file, keeping its comments, order, quoting and layout.

The browser desk (drag, resize, lock) and `layout compose --write` change a block's `place`
in the editor's own file. The file is read with ruamel.yaml's round-trip loader, which keeps
comments, key order, flow mappings such as `{col: 1, span: 5, row: 1, rows: 21}`, quoting and
block scalars; the values are changed in place; the file is written back atomically (a
temporary beside it, then a rename over it, its mode kept). Every sample and test issue
round-trips byte for byte; for a file that does not (odd indentation, a `---` header), only
the lines the edit changed are spliced into the original text, so nothing else moves.

    doc = edit.load("issues/x.yaml")
    edit.set_place(doc, "zongjie", {"col": 6, "span": 3, "row": 1, "rows": 21})
    edit.set_locked(doc, "zongjie", True)        # place: {…, lock: true}
    edit.save(doc)                               # False when nothing changed

A block is found by its `id` in any list of a page (stories, groups, pictures, and whatever
lists of blocks a page gains); a page's footer has no id and is named "footer" with its page
number. A place's keys are those of issue.schema.PLACE; `lock: true` asks `layout compose` to
keep the block where it is.
"""
from __future__ import annotations

import difflib
import io
import os
import re
from pathlib import Path
from typing import Mapping, NamedTuple

from layout.errors import Diagnostic, InputError

LOCK = "lock"                   # the key of a place that tells the composer to keep it
PLACE_KEYS = ("col", "span", "row", "rows", "split", "size", "dress", LOCK)   # written order


class EditError(InputError):
    """An edit that cannot be made: no such block, a file changed meanwhile, a block
    without a place to lock. Reported like bad input (exit 2), with the file's path."""

    def __init__(self, path: str, message: str, hint: str = "", line: int = 0):
        super().__init__([Diagnostic(path, line, 1 if line else 0, message, hint)])


class Doc:
    """An issue file loaded for editing: its path, its text as read, the round-trip tree."""
    __slots__ = ("path", "source", "data", "newline", "_yaml")

    def __init__(self, path: str, source: str, data, yaml, newline: str = "\n"):
        self.path, self.source, self.data, self._yaml = path, source, data, yaml
        self.newline = newline          # "\r\n" for a file saved on Windows: kept on save


class Block(NamedTuple):
    page: int                   # the page's number (第N版)
    kind: str                   # the page key holding it: stories, groups, pictures, footer
    node: object                # the block's round-trip mapping (ruamel CommentedMap)
    line: int                   # 1-based line of the block in the file


def _yaml(source: str):
    from ruamel.yaml import YAML       # lazy: only edits pay for ruamel's import (~40 ms)
    from ruamel.yaml.util import load_yaml_guess_indent
    _, indent, seq_dash = load_yaml_guess_indent(source)
    y = YAML()                         # round-trip mode
    y.preserve_quotes = True
    y.width = 1 << 16                  # never fold a long line of copy
    # the house layout (issues/): mappings by 2, list dashes indented 2 under their key
    y.indent(mapping=seq_dash or 2, sequence=indent or 4, offset=seq_dash or 2)
    return y


def load(path: str | os.PathLike) -> Doc:
    p = str(path)
    try:
        source = _read(Path(p))
    except (OSError, UnicodeDecodeError) as e:
        raise EditError(p, f"cannot read the issue file for editing: {e}")
    doc = loads(source.replace("\r\n", "\n"), p)
    doc.newline = "\r\n" if "\r\n" in source else "\n"
    return doc


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:     # line ends as they are
        return f.read()


def loads(source: str, path: str = "<text>") -> Doc:
    from ruamel.yaml import YAMLError
    y = _yaml(source)
    try:
        data = y.load(source)
    except YAMLError as e:
        raise EditError(path, f"not valid YAML, so it cannot be edited: {e}".splitlines()[0],
                        "fix the file (layout build shows where), then edit again")
    return Doc(path, source, data, y)


def _pages(doc: Doc):
    pages = doc.data.get("pages") if hasattr(doc.data, "get") else None
    return [p for p in pages or () if hasattr(p, "get")]


def blocks(doc: Doc) -> list[Block]:
    """Every block of the file with an id, and every page's footer, in file order."""
    out = []
    for page in _pages(doc):
        number = page.get("number")
        for key, value in page.items():
            if key == "footer" and hasattr(value, "get"):
                out.append(Block(number, "footer", value, value.lc.line + 1))
            elif isinstance(value, list):
                out += [Block(number, key, b, b.lc.line + 1) for b in value
                        if hasattr(b, "get") and "id" in b]
    return out


def find_block(doc: Doc, block_id: str, page: int | None = None) -> Block:
    """The block with this id (a footer: "footer" and its page number)."""
    for b in blocks(doc):
        if b.kind == "footer":
            if block_id == "footer" and page in (None, b.page):
                return b
        elif str(b.node.get("id")) == block_id and page in (None, b.page):
            return b
    where = f" on page {page}" if page is not None else ""
    raise EditError(doc.path, f"no block '{block_id}'{where} in the file",
                    "the file changed since the page was shown; reload it")


def get_place(doc: Doc, block_id: str, page: int | None = None) -> dict | None:
    place = find_block(doc, block_id, page).node.get("place")
    return None if place is None else dict(place)


def set_place(doc: Doc, block_id: str, place: Mapping | None, page: int | None = None) -> None:
    """Set a block's place. Keys given as None are removed (rows: None = the default,
    `foot`); a key not given is kept, so the lock and 破栏 survive a move. place=None removes
    the place (the composer then places the block). A new place is written in flow style
    (`{col: …, span: …}`) before the block's body, where the samples keep it."""
    node = find_block(doc, block_id, page).node
    unknown = set(place or ()) - set(PLACE_KEYS)
    if unknown:
        raise EditError(doc.path, f"unknown place keys: {', '.join(sorted(unknown))}",
                        f"a place has the keys {', '.join(PLACE_KEYS)}")
    if place is None:
        node.pop("place", None)
        return
    current = node.get("place")
    if current is None:
        from ruamel.yaml.comments import CommentedMap
        current = CommentedMap()
        current.fa.set_flow_style()
        keys = list(node.keys())
        at = keys.index("body") if "body" in keys else len(keys)
        node.insert(at, "place", current)
    for key in PLACE_KEYS:
        if key in place:
            value = place[key]
            if isinstance(value, float) and value == int(value):
                value = int(value)              # a size of 18.0 pt is written 18
            _set_key(current, key, value or None if key == "dress" else value)


def _set_key(mapping, key: str, value) -> None:
    """Change or add a key in place order (col, span, row, rows, split, lock); None removes."""
    if value is None or value is False and key == LOCK:
        mapping.pop(key, None)
        return
    if key in mapping:
        mapping[key] = value
        return
    order = PLACE_KEYS.index(key)
    keys = list(mapping.keys())
    at = next((i for i, k in enumerate(keys)
               if k in PLACE_KEYS and PLACE_KEYS.index(k) > order), len(keys))
    mapping.insert(at, key, value)


def set_value(doc: Doc, block_id: str, key: str, value, page: int | None = None) -> None:
    """Set (or, with None, remove) a plain key of a block, such as a story's headline `size`
    the composer stepped down; a new key goes before the block's place."""
    node = find_block(doc, block_id, page).node
    if value is None:
        node.pop(key, None)
    elif key in node:
        node[key] = value
    else:
        keys = list(node.keys())
        node.insert(keys.index("place") if "place" in keys else len(keys), key, value)


def set_locked(doc: Doc, block_id: str, locked: bool, page: int | None = None) -> None:
    """Lock a block where it is (place: {…, lock: true}) so the composer keeps it, or unlock
    it (the key is removed)."""
    b = find_block(doc, block_id, page)
    if b.node.get("place") is None:
        if not locked:
            return
        raise EditError(doc.path, f"'{block_id}' has no place to lock", "give it a place "
                        "first (drag it on the desk, or `layout compose --write`)", b.line)
    _set_key(b.node["place"], LOCK, bool(locked))


def is_locked(doc: Doc, block_id: str, page: int | None = None) -> bool:
    place = find_block(doc, block_id, page).node.get("place")
    return bool(place is not None and place.get(LOCK))


def dumps(doc: Doc) -> str:
    """The edited file's text: ruamel's output when the file round-trips unchanged, else
    the changed lines spliced into the original (see the module docstring)."""
    edited = _dump(doc._yaml, doc.data)
    baseline = _dump(doc._yaml, _yaml(doc.source).load(doc.source))
    if baseline != doc.source:
        edited = _splice(doc, baseline, edited)
    return _keep_comment_gaps(doc.source, edited)


_TRAILING_COMMENT = re.compile(r"^(.*?\S)(\s+)(#[^'\"]*)$")


def _keep_comment_gaps(old: str, new: str) -> str:
    """A comment after an edited value keeps its distance from the value (ruamel keeps its
    column, which leaves it far off or jammed when `lock: true` comes and goes)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            was, now = _TRAILING_COMMENT.match(a[i].rstrip("\n")), _TRAILING_COMMENT.match(b[j].rstrip("\n"))
            if was and now and was.group(3) == now.group(3):
                b[j] = now.group(1) + was.group(2) + now.group(3) + "\n"
    return "".join(b)


def _dump(y, data) -> str:
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def _splice(doc: Doc, baseline: str, edited: str) -> str:
    """Apply the edit (baseline -> edited) to the original text: each changed run of lines
    must lie where the original and the baseline agree, or the edit is refused."""
    src, base, new = (t.splitlines(keepends=True) for t in (doc.source, baseline, edited))
    same = {}                                       # baseline line -> original line
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, base, src, autojunk=False).get_opcodes():
        if tag == "equal":
            same.update({i: j1 + (i - i1) for i in range(i1, i2)})
    out, cut = list(src), 0
    ops = difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if i2 > i1:
            anchor = [same.get(i) for i in range(i1, i2)]
            ok = None not in anchor and anchor[-1] - anchor[0] == i2 - i1 - 1
            start = anchor[0] if ok else None
        else:                                       # an insertion after baseline line i1-1
            prev = same.get(i1 - 1) if i1 else -1
            start = None if prev is None else prev + 1
        if start is None:
            raise EditError(doc.path, "this file's layout cannot be kept by an automatic edit",
                            "make the change by hand, or reformat the file (2-space "
                            "indentation, as in issues/) and try again")
        a = start + cut
        out[a:a + (i2 - i1)] = new[j1:j2]
        cut += (j2 - j1) - (i2 - i1)
    return "".join(out)


def save(doc: Doc) -> bool:
    """Write the edited file atomically, keeping its mode (and a symlink's target). Refused
    when the file changed on disk since it was loaded (an editor saved meanwhile): reload and
    edit again. Returns False when the edit changed nothing (nothing is written)."""
    from layout.press import atomic
    text = dumps(doc)
    if text == doc.source:
        return False
    target = Path(doc.path).resolve()
    try:
        now = _read(target).replace("\r\n", "\n")
        mode = target.stat().st_mode & 0o7777
    except (OSError, UnicodeDecodeError) as e:
        raise EditError(doc.path, f"cannot read the issue file before writing it: {e}")
    if now != doc.source:
        raise EditError(doc.path, "the file changed on disk while it was being edited",
                        "the edit was not written; make it again on the new version")
    atomic.write_text(target, text.replace("\n", doc.newline))
    os.chmod(target, mode)
    doc.source = text
    return True
