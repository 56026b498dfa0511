"""Bad input never crashes and never writes: one message per problem with file:line:column and
a hint, all problems of the file at once, exit status 2, and a previous PDF left untouched."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.cli import main
from layout.errors import EXIT_INPUT, EXIT_OVERSET

GOOD = """\
paper:
  name: 测试报
issue:
  date: 2023-01-13
pages:
  - number: 2
    name: 地方科协
    stories:
      - id: one
        headline: 标题在这里
        place: {col: 1, span: 3, row: 1, rows: 20}
        body: |
          第一段文字，内容简短。

          第二段文字。
"""


def run(tmp_path: Path, text: str, capsys, *extra: str) -> tuple[int, str, Path]:
    src = tmp_path / "bad.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "bad.pdf"
    code = main(["build", str(src), "-o", str(out), *extra])
    return code, capsys.readouterr().err, out


def test_good_issue_builds(tmp_path, capsys):
    code, err, out = run(tmp_path, GOOD, capsys)
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")


def test_malformed_yaml(tmp_path, capsys):
    code, err, out = run(tmp_path, GOOD.replace("name: 测试报", "name: [测试报"), capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:3:" in err and "not valid YAML" in err and "hint:" in err
    assert not out.exists()


def test_unknown_key_with_suggestion(tmp_path, capsys):
    code, err, _ = run(tmp_path, GOOD.replace("headline:", "headlin:"), capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:10:9: error: unknown key 'headlin' in story" in err
    assert "did you mean 'headline'?" in err
    # the misspelt key also leaves the story without its headline: reported in the same run
    assert "story is missing the required key 'headline'" in err


def test_missing_required_field(tmp_path, capsys):
    text = GOOD.replace("  date: 2023-01-13\n", "  number: 5\n")
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:4:3: error: issue is missing the required key 'date'" in err


def test_wrong_type(tmp_path, capsys):
    code, err, _ = run(tmp_path, GOOD.replace("col: 1,", "col: left,"), capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:11:" in err and "'col' must be a whole number, got 'left'" in err


def test_wrong_date(tmp_path, capsys):
    code, err, _ = run(tmp_path, GOOD.replace("2023-01-13", "2023-13-45"), capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:4:9: error: 'date' must be a date (YYYY-MM-DD)" in err


def test_missing_issue_file(tmp_path, capsys):
    code = main(["build", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert "nope.yaml: error: no such file" in err
    assert not (tmp_path / "x.pdf").exists()


def test_missing_picture_file(tmp_path, capsys):
    text = GOOD + """    pictures:
      - id: photo
        file: photos/missing.jpg
        place: {col: 4, span: 2, row: 1, rows: 10}
"""
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:18:15: error: 'file': no such file 'photos/missing.jpg'" in err


def test_all_problems_reported_at_once(tmp_path, capsys):
    text = (GOOD.replace("headline:", "headlin:").replace("col: 1,", "col: x,")
            .replace("number: 2", "number: two"))
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert err.count(": error: ") == 4, err   # number, headlin, missing headline, col
    assert "4 problems found; nothing was written" in err


def test_unclosed_bold_markup(tmp_path, capsys):
    code, err, _ = run(tmp_path, GOOD.replace("第二段文字。", "**一是第二段文字。"), capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:15:11: error: `**` opens a bold run that is never closed" in err


def test_duplicate_ids_and_keys(tmp_path, capsys):
    text = GOOD.replace("        headline: 标题在这里\n",
                        "        headline: 标题在这里\n        headline: 又一个\n")
    text += """      - id: one
        headline: 第二篇
        place: {col: 4, span: 3, row: 1, rows: 20}
        body: 正文。
"""
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "duplicate key 'headline' in story" in err


def test_block_outside_the_grid_and_overlap(tmp_path, capsys):
    text = GOOD.replace("col: 1, span: 3", "col: 7, span: 3") + """      - id: two
        headline: 第二篇
        place: {col: 8, span: 1, row: 5, rows: 5}
        body: 正文。
      - id: three
        headline: 第三篇
        place: {col: 1, span: 2, row: 80, rows: 20}
        body: 正文。
"""
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "'one' spans columns 7–9, but the broadsheet page has columns 1–8" in err
    assert "'three' runs over rows 80–99, but the broadsheet grid has rows 1–88" in err


def test_overlapping_blocks(tmp_path, capsys):
    text = GOOD + """      - id: two
        headline: 第二篇
        place: {col: 3, span: 2, row: 5, rows: 5}
        body: 正文。
"""
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:18:16: error: 'two' overlaps 'one' at column 3, row 5" in err


def test_character_no_font_has(tmp_path, capsys):
    code, err, _ = run(tmp_path, GOOD.replace("第二段文字。", "第二段\ue000文字。"), capsys)
    assert code == EXIT_INPUT
    assert "'one': the character \ue000 (U+E000) in “第二段\ue000文字。” is not in the font" in err
    assert "song-regular.ttf" in err


def test_overset_fails_without_writing(tmp_path, capsys):
    long = "很长的正文。" * 400
    code, err, out = run(tmp_path, GOOD.replace("第二段文字。", long), capsys)
    assert code == EXIT_OVERSET
    assert "'one' is overset by" in err and "nothing was written" in err
    assert not out.exists()
    code, _, out = run(tmp_path, GOOD.replace("第二段文字。", long), capsys, "--allow-overset")
    assert code == 0 and out.exists()


def test_previous_pdf_left_untouched(tmp_path, capsys):
    code, _, out = run(tmp_path, GOOD, capsys)
    assert code == 0
    before = out.read_bytes()
    code, _, out = run(tmp_path, GOOD.replace("headline:", "headlin:"), capsys)
    assert code == EXIT_INPUT
    assert out.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_command_line_exit_status_and_no_traceback(tmp_path):
    src = tmp_path / "bad.yaml"
    src.write_text(GOOD.replace("headline:", "headlin:"), encoding="utf-8")
    # this checkout's package, whatever copy of layout is installed (the run's cwd is tmp_path)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    p = subprocess.run([sys.executable, "-m", "layout.cli", "build", str(src)],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert p.returncode == EXIT_INPUT
    assert "Traceback" not in p.stderr and "unknown key 'headlin'" in p.stderr
    assert not (tmp_path / "out").exists()


def test_duplicate_story_id(tmp_path, capsys):
    text = GOOD + """      - id: one
        headline: 第二篇
        place: {col: 4, span: 3, row: 1, rows: 20}
        body: 正文。
"""
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:16:9: error: id 'one' is used twice" in err
    assert "first used on line 9" in err


@pytest.mark.parametrize("value", ["0x1", "0b1", "1:30", "-2", "1.5"])
def test_yaml_integer_spellings_are_wrong_types(tmp_path, capsys, value):
    code, err, _ = run(tmp_path, GOOD.replace("col: 1,", f"col: {value},"), capsys)
    assert code == EXIT_INPUT and "'col' must be a whole number" in err


def test_empty_lists_that_need_an_entry(tmp_path, capsys):
    code, err, _ = run(tmp_path, GOOD.split("pages:")[0] + "pages: []\n", capsys)
    assert code == EXIT_INPUT and "bad.yaml:5:8: error: 'pages' is empty" in err
    text = GOOD + "    footer: {names: []}\n"
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT and "'names' is empty" in err
    code, err, _ = run(tmp_path, GOOD + "    footer: {names: [甲, '', 乙]}\n", capsys)
    assert code == EXIT_INPUT and "an empty name in 'names'" in err


def test_format_figures_that_cannot_make_a_page(tmp_path, capsys):
    text = GOOD.replace("    name: 地方科协\n", "    name: 地方科协\n    format: {column_chars: 0}\n")
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT and "8 columns of 0 characters" in err


def test_picture_that_is_not_an_image(tmp_path, capsys):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    text = GOOD + """    pictures:
      - id: photo
        file: photo.png
        place: {col: 4, span: 2, row: 1, rows: 10}
"""
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:18:15: error: 'file': photo.png is not a readable image" in err


def test_output_that_would_destroy_something(tmp_path, capsys):
    src = tmp_path / "self.yaml"
    src.write_text(GOOD, encoding="utf-8")
    for out, msg in ((src, "the output must be a .pdf file"),
                     (tmp_path, "the output must be a .pdf file"),
                     (tmp_path / "dir.pdf", "the output is a folder")):
        (tmp_path / "dir.pdf").mkdir(exist_ok=True)
        assert main(["build", str(src), "-o", str(out)]) == EXIT_INPUT
        assert msg in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == GOOD


def test_unwritable_output_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "ok.yaml"
    src.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["build", str(src), "-o", str(blocker / "x.pdf"), "--no-check"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and f"error: cannot write {blocker / 'x.pdf'}: " in err
    assert "\n    hint: " in err


def test_markup_error_points_at_the_stars(tmp_path, capsys):
    text = GOOD.replace("          第二段文字。", "          第二段\n          文字**没有关上。")
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "bad.yaml:16:13: error: `**` opens a bold run that is never closed" in err
    assert "has no text" not in err


def test_debug_flag_is_accepted(tmp_path, capsys):
    src = tmp_path / "ok.yaml"
    src.write_text(GOOD, encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "d.pdf"), "--no-check", "--debug"]) == 0


def test_bad_places_on_every_page_reported_together(tmp_path, capsys):
    page2 = GOOD.split("pages:\n")[1].replace("number: 2", "number: 3").replace(
        "col: 1, span: 3", "col: 7, span: 3").replace("id: one", "id: two")
    text = GOOD.replace("rows: 20}", "rows: 99}") + page2
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT
    assert "'one' runs over rows 1–99" in err and "'two' spans columns 7–9" in err


def test_file_that_is_not_utf8_points_at_the_byte(tmp_path, capsys):
    src = tmp_path / "gbk.yaml"
    src.write_bytes(GOOD.encode("utf-8").replace("地方科协".encode("utf-8"), "地方科协".encode("gbk")))
    code = main(["build", str(src), "-o", str(tmp_path / "g.pdf")])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and "gbk.yaml:7:11: error: not UTF-8 text: byte 0xB5 here" in err


@pytest.mark.parametrize("value", ["20230113", "2023-W02-5", "2023-1-13"])
def test_date_must_be_written_yyyy_mm_dd(tmp_path, capsys, value):
    code, err, _ = run(tmp_path, GOOD.replace("2023-01-13", value), capsys)
    assert code == EXIT_INPUT and "'date' must be a date (YYYY-MM-DD)" in err


def test_a_format_without_gutters_is_refused(tmp_path, capsys):
    """gutter_chars: 0 built pages whose columns' text touched (the check then found lines
    running into the next column): refused at the format."""
    text = GOOD.replace("    name: 地方科协\n", "    name: 地方科协\n    format: {gutter_chars: 0}\n")
    code, err, _ = run(tmp_path, text, capsys)
    assert code == EXIT_INPUT and "'gutter_chars' is 0" in err and "hint:" in err


def test_outputs_never_overwrite_inputs_or_each_other(tmp_path, capsys):
    """The probe's data losses: --dump or --report onto the issue file, --dump onto the PDF,
    check --report onto the PDF it checks: each refused before anything is written."""
    src = tmp_path / "i.yaml"
    src.write_text(GOOD, encoding="utf-8")
    pdf = tmp_path / "o.pdf"
    assert main(["build", str(src), "-o", str(pdf), "--no-check"]) == 0
    before = (src.read_bytes(), pdf.read_bytes())
    for argv in (["build", str(src), "-o", str(pdf), "--dump", str(src)],
                 ["build", str(src), "-o", str(pdf), "--report", str(src)],
                 ["build", str(src), "-o", str(pdf), "--dump", str(pdf)],
                 ["build", str(src), "-o", str(pdf), "--dump", str(tmp_path / "d.txt"),
                  "--report", str(tmp_path / "d.txt")],
                 ["build", str(src), "-o", str(pdf), "--png", "--dump", str(tmp_path / "o-p1.png")],
                 ["check", str(pdf), "--issue", str(src), "--report", str(pdf)],
                 ["check", str(pdf), "--issue", str(src), "--report", str(src)]):
        assert main(argv) == EXIT_INPUT, argv
        assert "would" in capsys.readouterr().err
        assert (src.read_bytes(), pdf.read_bytes()) == before, argv
    assert not (tmp_path / "d.txt").exists()


def test_rows_foot_above_the_default_footer_checks_clean(tmp_path, capsys):
    """The probe's false finding: a block with rows: foot over the default footer box."""
    text = GOOD.replace("rows: 20}", "rows: foot}") + "    footer: {names: [凉山州科协, 甘孜州科协]}\n"
    code, err, out = run(tmp_path, text, capsys)
    assert code == 0, err
