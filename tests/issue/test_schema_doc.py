"""docs/issue-format.md documents every key the loader accepts (generated from schema.py)."""
from layout.issue import schema as S
from layout.issue.schema_doc import BEGIN, DOC, ORDER, render


def test_doc_tables_match_the_schema():
    text = DOC.read_text(encoding="utf-8")
    assert render() in text, "run: python -m layout.schema_doc"


def test_every_mapping_of_the_schema_is_documented():
    seen, todo = set(), [S.ROOT]
    while todo:
        sch = todo.pop()
        seen.add(sch.name)
        for f in sch.fields:
            kind = f.kind[1] if isinstance(f.kind, tuple) else f.kind
            kind = S.FORMAT if kind == "format" else kind
            if isinstance(kind, S.Schema) and kind.name not in seen:
                todo.append(kind)
    assert seen == {s.name for s in ORDER}
    assert BEGIN in DOC.read_text(encoding="utf-8")
