"""Edits written back into the issue file (issue.edit): the place and lock change, nothing
else in the file does — comments, quoting, flow mappings, block scalars, line ends, mode."""
from __future__ import annotations

import difflib
import os
import shutil

import pytest

from layout.issue import edit
from layout.issue.loader import load_issue
from tests.kit.paths import CASES, ROOT, SAMPLE


def _changed_lines(a: str, b: str) -> list[str]:
    return [line for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.mark.parametrize("path", sorted((ROOT / "issues").glob("*.yaml")) + sorted(CASES.glob("*.yaml")),
                         ids=lambda p: p.name)
def test_an_untouched_file_is_written_back_byte_for_byte(path):
    doc = edit.load(path)
    assert edit.dumps(doc) == path.read_text(encoding="utf-8")


def test_moving_a_block_changes_its_place_line_only(tmp_path):
    src = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, src)
    before = src.read_text(encoding="utf-8")
    doc = edit.load(src)
    edit.set_place(doc, "zongjie", {"col": 6, "span": 3, "row": 2, "rows": 20})
    assert edit.save(doc)
    after = src.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        "-        place: {col: 6, span: 3, row: 1, rows: 21}",
        "+        place: {col: 6, span: 3, row: 2, rows: 20}"]
    place = next(s for s in load_issue(str(src)).pages[0].stories if s.id == "zongjie").place
    assert (place.col, place.span, place.row, place.rows, place.lock) == (6, 3, 2, 20, False)


def test_lock_and_unlock_keep_the_comment_after_the_place(tmp_path):
    src = tmp_path / "issue.yaml"
    src.write_text(
        "# an issue\npaper: {name: 报}\nissue: {date: 2023-01-13}\npages:\n"
        "  - number: 2\n    name: 要闻\n    stories:\n"
        "      - id: a          # the lead\n        headline: \"标题\"\n"
        "        place: {col: 1, span: 4, row: 1, rows: 20}   # hand-placed\n"
        "        body: |\n          正文。\n", encoding="utf-8")
    before = src.read_text(encoding="utf-8")
    doc = edit.load(src)
    edit.set_locked(doc, "a", True)
    assert edit.save(doc) and edit.is_locked(edit.load(src), "a")
    locked = src.read_text(encoding="utf-8")
    assert _changed_lines(before, locked)[1] == (
        "+        place: {col: 1, span: 4, row: 1, rows: 20, lock: true}   # hand-placed")
    assert load_issue(str(src)).pages[0].stories[0].place.lock is True
    doc = edit.load(src)
    edit.set_locked(doc, "a", False)
    edit.save(doc)
    assert src.read_text(encoding="utf-8") == before


def test_a_move_keeps_the_lock_and_the_split(tmp_path):
    src = tmp_path / "issue.yaml"
    shutil.copy(CASES / "split.yaml", src)
    doc = edit.load(src)
    sid = next(b.node["id"] for b in edit.blocks(doc) if "split" in (b.node.get("place") or {}))
    edit.set_locked(doc, sid, True)
    edit.set_place(doc, sid, {"row": 3})
    edit.save(doc)
    place = edit.get_place(edit.load(src), sid)
    assert place["row"] == 3 and place["lock"] is True and "split" in place
    assert list(place) == [k for k in edit.PLACE_KEYS if k in place]


def test_rows_none_is_removed_and_a_missing_place_is_added_before_the_body(tmp_path):
    src = tmp_path / "issue.yaml"
    src.write_text("paper: {name: 报}\nissue: {date: 2023-01-13}\npages:\n"
                   "  - number: 2\n    name: 要闻\n    stories:\n"
                   "      - id: a\n        headline: 标题\n        body: 正文。\n", encoding="utf-8")
    doc = edit.load(src)
    edit.set_place(doc, "a", {"col": 1, "span": 2, "row": 5, "rows": None})
    edit.save(doc)
    assert "        place: {col: 1, span: 2, row: 5}\n        body: 正文。\n" in src.read_text(
        encoding="utf-8")


def test_the_footer_is_found_by_its_page(tmp_path):
    src = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, src)
    doc = edit.load(src)
    edit.set_place(doc, "footer", {"col": 1, "span": 8, "row": 84, "rows": 5}, page=3)
    edit.save(doc)
    assert load_issue(str(src)).pages[0].footer.place.row == 84
    with pytest.raises(edit.EditError, match="no block 'footer' on page 9"):
        edit.find_block(edit.load(src), "footer", page=9)


def test_windows_line_ends_and_the_file_mode_are_kept(tmp_path):
    src = tmp_path / "issue.yaml"
    src.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(src, 0o640)
    doc = edit.load(src)
    edit.set_place(doc, "aba", {"rows": 12})
    edit.save(doc)
    data = src.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and b"row: 71, rows: 12}" in data
    assert os.stat(src).st_mode & 0o777 == 0o640


def test_an_odd_layout_is_spliced_not_reformatted(tmp_path):
    """A file ruamel would reformat (a document start, 4-space mappings, a wide comment
    column): only the edited line changes."""
    src = tmp_path / "issue.yaml"
    src.write_text("---\npaper:\n    name:   报                # name\nissue: {date: 2023-01-13}\n"
                   "pages:\n-   number: 2\n    name: 要闻\n    stories:\n"
                   "    -   id: a\n        headline: 标题\n"
                   "        place: {col: 1, span: 2, row: 1, rows: 9}\n"
                   "        body: 正文。\n", encoding="utf-8")
    before = src.read_text(encoding="utf-8")
    doc = edit.load(src)
    assert edit.dumps(edit.load(src)) == before
    edit.set_place(doc, "a", {"row": 4})
    edit.save(doc)
    assert _changed_lines(before, src.read_text(encoding="utf-8")) == [
        "-        place: {col: 1, span: 2, row: 1, rows: 9}",
        "+        place: {col: 1, span: 2, row: 4, rows: 9}"]


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path):
    src = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, src)
    doc = edit.load(src)
    edit.set_place(doc, "aba", {"rows": 12})
    src.write_text(src.read_text(encoding="utf-8") + "# saved by the editor\n", encoding="utf-8")
    with pytest.raises(edit.EditError, match="changed on disk"):
        edit.save(doc)
    assert src.read_text(encoding="utf-8").endswith("# saved by the editor\n")


def test_bad_requests_are_edit_errors(tmp_path):
    doc = edit.load(SAMPLE)
    with pytest.raises(edit.EditError, match="no block 'nosuch'"):
        edit.set_place(doc, "nosuch", {"row": 1})
    with pytest.raises(edit.EditError, match="unknown place keys: colour"):
        edit.set_place(doc, "aba", {"colour": 1})
    src = tmp_path / "issue.yaml"
    src.write_text("paper: {name: 报}\nissue: {date: 2023-01-13}\npages:\n"
                   "  - number: 2\n    name: 要闻\n    stories:\n"
                   "      - id: a\n        headline: 标题\n        body: 正文。\n", encoding="utf-8")
    with pytest.raises(edit.EditError, match="no place to lock") as e:
        edit.set_locked(edit.load(src), "a", True)
    assert e.value.diagnostics[0].line == 7
    assert edit.save(edit.load(src)) is False        # nothing changed, nothing written
