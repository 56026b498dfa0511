"""`layout schema`: the issue format as a JSON Schema (draft 2020-12), generated from
issue.schema, so that VS Code (the YAML extension) and other editors autocomplete keys, show
each key's help in Chinese and English, and flag a misspelt key or a wrong type as it is typed.

    layout schema                       prints it
    python3 -m layout.issue.schema_doc  rewrites docs/issue.schema.json (and issue-format.md)

An issue file opts in with its first line, a path relative to the file:

    # yaml-language-server: $schema=../docs/issue.schema.json

The schema says what the loader accepts and no more: mappings are closed (an unknown key is an
error, as the loader reports it), kinds map to the JSON types the loader takes. What only the
loader can check (files that exist, the grid, overlaps, font coverage) stays with
`layout build`, which reports it with file:line:column.
"""
from __future__ import annotations

import json

from layout.issue import schema as S

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_WORD = {"type": ["string", "number"]}   # the loader reads any scalar as text: 2023, 3.5
_NUMBER = r"^\d+(\.\d+)?\s*"


def _kinds() -> dict[str, dict]:
    """Each scalar kind of issue.schema as JSON Schema (validate.Checker.scalar_<kind>)."""
    from layout.page.formats import HAO_PT, PRESETS
    from layout.issue.validate import PUNCT_NAMES
    from layout.page.frames import ALIASES, STYLES
    font_files = {"anyOf": [{"type": "string"},
                            {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
    return {
        "str": _WORD,
        "int": {"type": "integer", "minimum": 0},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "text": {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "required": ["file"], "additionalProperties": False,
             "properties": {"file": {
                 "type": "string", "pattern": r"(?i)\.(docx|txt|md|markdown)$",
                 "description": "稿件文件：Word（.docx）、纯文本（.txt，UTF-8 或 GB 18030/GBK）"
                                "或 Markdown（.md），路径相对于本期文件\n\nthe copy from a "
                                "file: Word (.docx), text (.txt, UTF-8 or GB 18030/GBK) or "
                                "Markdown (.md), relative to the issue file"}}}]},
        "names": {"type": "array", "items": _WORD},
        "pairs": {"type": "object", "additionalProperties": _WORD},
        "rows": {"anyOf": [{"type": "integer", "minimum": 0}, {"enum": ["foot", "auto"]}]},
        "size": {"anyOf": [{"type": "number", "minimum": 4, "maximum": 300},
                           {"type": "string", "pattern": _NUMBER + "(pt)?$"},
                           {"enum": list(HAO_PT)}]},
        "format": {"anyOf": [{"enum": list(PRESETS)}, {"$ref": "#/$defs/format"}]},
        "bool": {"type": "boolean"},
        "punct": {"enum": ["quanjiao", "kaiming", "banjiao", *PUNCT_NAMES]},
        "file": {"type": "string", "minLength": 1},
        "image": {"type": "string", "pattern": r"(?i)\.(png|jpe?g|tiff?)$"},
        "artwork": {"type": "string", "pattern": r"(?i)\.(pdf|png|jpe?g|tiff?)$"},
        "logo": {"type": "string", "pattern": r"(?i)\.(pdf|svg|png|jpe?g|tiff?)$"},
        "fit": {"enum": ["fill", "fit"]},
        "focus": {"type": "array", "minItems": 2, "maxItems": 2,
                  "items": {"type": "number", "minimum": 0, "maximum": 1}},
        "captionface": {"enum": ["kai", "hei"]},
        "creditplace": {"enum": ["end", "run-on"]},
        "admark": {"enum": ["label", "rule", "both", "none"]},
        "icc": {"type": "string", "pattern": r"(?i)\.(icc|icm)$"},
        "fonts": {"anyOf": [*font_files["anyOf"], {
            "type": "object", "additionalProperties": False,
            "properties": {"file": font_files, "bold": {"type": "boolean"}}}]},
        "bleed": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 25},
                            {"const": "auto"}, {"type": "string", "pattern": _NUMBER + "mm$"}]},
        "pdfx": {"enum": ["x4", "x1a", "none"]},
        "colormode": {"enum": ["cmyk", "gray"]},
        "hyphenate": {"anyOf": [{"type": "boolean"},
                                {"type": "string", "pattern": r"^[a-z]{2,3}(_[A-Z]{2})?$"}]},
        "overprint": {"enum": ["auto", "black", "none"]},
        "vertical": {"anyOf": [{"type": "boolean"}, {"enum": ["left", "right", ""]}]},
        "pageref": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]},
        "percent": {"type": "integer", "minimum": 0, "maximum": 100},
        "frame": {"enum": ["", *STYLES, *ALIASES]},
        "dress": {"enum": ["", "frame", "vertical"]},
        "reverse": {"anyOf": [{"type": "boolean"},
                              {"type": "integer", "minimum": 0, "maximum": 100}]},
        "ornament": {"type": "string", "maxLength": 300},
    }


def _ref(sch: S.Schema) -> str:
    return "#/$defs/" + sch.name.replace(" ", "-")


def _describe(f: S.Field) -> dict:
    text = "\n\n".join(t for t in (f.zh, f.help) if t)
    out = {"description": text, "markdownDescription": text}
    default = f.default
    if default is not None and not isinstance(default, S.Schema):
        out["default"] = list(default) if isinstance(default, tuple) else default
    return out


def _property(f: S.Field, kinds: dict) -> dict:
    if isinstance(f.kind, S.Schema):
        return {"$ref": _ref(f.kind), **_describe(f)}
    if isinstance(f.kind, tuple):               # ("list", Schema)
        arr = {"type": "array", "items": {"$ref": _ref(f.kind[1])}}
        if f.required:
            arr["minItems"] = 1                 # the loader: "'pages' is empty"
        return {**arr, **_describe(f)}
    if f.kind not in kinds:
        raise KeyError(f"kind {f.kind!r} of '{f.key}' has no JSON Schema form: add it to "
                       "layout.issue.jsonschema._kinds")
    return {**kinds[f.kind], **_describe(f)}


def _mapping(sch: S.Schema, kinds: dict) -> dict:
    out = {"type": "object", "title": sch.name,
           "properties": {f.key: _property(f, kinds) for f in sch.fields},
           "additionalProperties": False}
    required = [f.key for f in sch.fields if f.required]
    if required:
        out["required"] = required
    return out


def _mappings() -> list[S.Schema]:
    """Every mapping reachable from the root, in the order first met (format included)."""
    seen, todo = [], [S.ROOT]
    while todo:
        sch = todo.pop(0)
        if any(s is sch for s in seen):
            continue
        seen.append(sch)
        for f in sch.fields:
            kind = f.kind[1] if isinstance(f.kind, tuple) else f.kind
            kind = S.FORMAT if kind == "format" else kind
            if isinstance(kind, S.Schema):
                todo.append(kind)
    return seen


def issue_schema() -> dict:
    kinds = _kinds()
    root = _mapping(S.ROOT, kinds)
    return {"$schema": DIALECT,
            "title": "layout issue file (报纸一期的版面文件)",
            "description": "一期报纸：报名、出版日期和各版的稿件、专栏、图片。每个键的说明见 "
                           "docs/issue-format.md\n\nOne issue of a newspaper: the paper, the "
                           "date and the pages with their stories, groups and pictures. Every "
                           "key: docs/issue-format.md",
            **{k: v for k, v in root.items() if k != "title"},
            "$defs": {s.name.replace(" ", "-"): _mapping(s, kinds)
                      for s in _mappings() if s is not S.ROOT}}


def render() -> str:
    return json.dumps(issue_schema(), ensure_ascii=False, indent=1) + "\n"
