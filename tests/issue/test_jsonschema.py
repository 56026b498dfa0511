"""The JSON Schema of the issue format (issue.jsonschema): valid draft 2020-12, shipped as
docs/issue.schema.json, named by every issue file of issues/, accepting every issue file the
loader accepts and refusing a misspelt key or a wrong type, as the loader does."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from jsonschema import Draft202012Validator

from layout.cli import main
from layout.issue import schema as S
from layout.issue.jsonschema import issue_schema, render
from layout.issue.schema_doc import JSON_SCHEMA
from tests.kit.paths import CASES, ROOT, SAMPLE, TEXTS

ISSUES = sorted((ROOT / "issues").glob("*.yaml"))
HEADER = "# yaml-language-server: $schema=../docs/issue.schema.json\n"


def _as_json(text: str):
    """The YAML as the YAML language server reads it (YAML 1.2), in JSON types."""
    from ruamel.yaml import YAML

    def plain(v):
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
    return plain(YAML(typ="safe", pure=True).load(text))


def _errors(text: str) -> list[str]:
    v = Draft202012Validator(issue_schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(_as_json(text))]


def test_the_schema_is_valid_draft_2020_12_and_shipped_in_docs():
    Draft202012Validator.check_schema(issue_schema())
    assert issue_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert JSON_SCHEMA.read_text(encoding="utf-8") == render(), \
        "run: python3 -m layout.issue.schema_doc"


def test_layout_schema_prints_it(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == issue_schema()


@pytest.mark.parametrize("path", ISSUES, ids=lambda p: p.name)
def test_every_issue_file_names_the_schema_on_its_first_line(path):
    assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert (path.parent / "../docs/issue.schema.json").resolve() == JSON_SCHEMA


@pytest.mark.parametrize("path", ISSUES + sorted(CASES.glob("*.yaml")) + sorted(TEXTS.glob("*.yaml")),
                         ids=lambda p: p.name)
def test_every_issue_file_is_valid(path):
    assert _errors(path.read_text(encoding="utf-8")) == []


def test_a_misspelt_key_fails():
    text = SAMPLE.read_text(encoding="utf-8")
    assert sorted(_errors(text.replace("        headline: 阿坝州", "        headlin: 阿坝州", 1))) == [
        "pages/0/stories/3: 'headline' is a required property",
        "pages/0/stories/3: Additional properties are not allowed ('headlin' was unexpected)"]
    bad = _errors(text.replace("{col: 1, span: 4, row: 71", "{col: 1, spam: 4, row: 71", 1))
    assert "pages/0/stories/3/place: Additional properties are not allowed ('spam' was unexpected)" in bad


@pytest.mark.parametrize("old,new", [
    ("row: 71, rows: 13", "row: left, rows: 13"),        # a word for a number
    ("rows: 13}", "rows: bottom}"),                      # foot is the only word rows takes
    ("date: 2023-01-13", "date: 13.01.2023"),
    ("format: broadsheet", "format: a3"),
    ("    name: 地方科协\n", "    name: [地方科协]\n"),
])
def test_a_wrong_value_fails_as_in_the_loader(tmp_path, old, new):
    from layout.errors import InputError
    from layout.issue.loader import load_issue
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _errors(bad.read_text(encoding="utf-8"))
    with pytest.raises(InputError):
        load_issue(str(bad))


def test_every_key_has_help_in_english_and_chinese():
    def mappings(sch, seen):
        if sch.name not in seen:
            seen[sch.name] = sch
            for f in sch.fields:
                k = f.kind[1] if isinstance(f.kind, tuple) else (S.FORMAT if f.kind == "format" else f.kind)
                if isinstance(k, S.Schema):
                    mappings(k, seen)
        return seen
    missing = [f"{s.name}.{f.key}" for s in mappings(S.ROOT, {}).values() for f in s.fields
               if not f.help or not any("\u4e00" <= c <= "\u9fff" for c in f.zh)]
    assert missing == []
    place = issue_schema()["$defs"]["place"]["properties"]["col"]["description"]
    assert place.startswith("起始栏") and "first basic column" in place


def test_a_body_may_name_a_copy_file():
    text = SAMPLE.read_text(encoding="utf-8")
    head, sep, rest = text.partition("        body: |\n          1月6日")
    rest = rest[rest.index("        byline:"):]
    assert _errors(head + "        body: {file: stories/dangwei.docx}\n" + rest) == []
    errors = _errors(head + "        body: {file: dangwei.pdf}\n" + rest)
    assert errors and errors[0].startswith("pages/0/stories/0/body")
