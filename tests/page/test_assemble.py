"""Page composition on the grid: golden text dumps of small focused cases, balanced columns,
flow rules (no widow, no stranded heading), overset and underset reporting, `layout fit`."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from layout.build import BuildOptions, build_issue
from layout.cli import main
from layout.errors import OversetError
from layout.page.dump import dump_pages
from tests.kit import paths as kit_paths
from tests.kit.golden import check_golden

CASES = kit_paths.CASES
ISSUES = kit_paths.ROOT / "issues"


@pytest.mark.parametrize("case", ["three-column", "split", "group", "masthead", "tabloid", "dash",
                                  "elements"])
def test_golden_dump(case):
    r = build_issue(str(CASES / f"{case}.yaml"), None)
    check_golden(f"cases/{case}.txt", dump_pages(r.pages))


def test_golden_dump_overset_marked_when_allowed():
    with pytest.raises(OversetError):
        build_issue(str(CASES / "overset.yaml"), None)
    r = build_issue(str(CASES / "overset.yaml"), None, BuildOptions(allow_overset=True))
    text = dump_pages(r.pages)
    assert "M overset neijiang" in text
    check_golden("cases/overset.txt", text)


def _columns(page):
    """Body lines per (owner, column x), from the placed items."""
    cols = defaultdict(lambda: defaultdict(list))
    for it in page.items:
        if getattr(it, "kind", None) in ("body", "title", "byline", "credit"):
            cols[it.owner][round(it.x, 2)].append(it)
    return cols


@pytest.mark.parametrize("issue", ["sample-difang-kexie.yaml", "sample-tabloid.yaml"])
def test_columns_balanced_only_last_shorter(issue):
    r = build_issue(str(ISSUES / issue), None)
    for page in r.pages:
        for owner, cols in _columns(page).items():
            depths = [len(cols[x]) for x in sorted(cols)]
            assert all(d == depths[0] for d in depths[:-1]), (owner, depths)
            assert depths[-1] <= depths[0], (owner, depths)


@pytest.mark.parametrize("issue", ["sample-difang-kexie.yaml", "sample-tabloid.yaml"])
def test_no_widow_and_no_stranded_heading(issue):
    r = build_issue(str(ISSUES / issue), None)
    for page in r.pages:
        for owner, cols in _columns(page).items():
            xs = sorted(cols)
            for i, x in enumerate(xs):
                col = sorted(cols[x], key=lambda it: it.baseline)
                # 背题: a 小标题 never ends a column and keeps two lines under it
                assert col[-1].kind != "title", (owner, col[-1].line.text)
                if len(col) > 1 and i < len(xs) - 1:
                    assert col[-2].kind != "title", (owner, col[-2].line.text)
                # widow: a column after the first does not open with a paragraph's last line
                # that is alone (its paragraph began in the previous column)
                if i and col[0].kind == "body" and col[0].line.is_last and len(col) > 1:
                    prev = sorted(cols[xs[i - 1]], key=lambda it: it.baseline)
                    assert prev[-1].line.is_last, (owner, col[0].line.text)


def test_every_issue_fits_without_overset():
    for issue in sorted(ISSUES.glob("*.yaml")):
        r = build_issue(str(issue), None)
        assert all(f.overset_lines == 0 for p in r.pages for f in p.fits), issue.name


def test_overset_reported_with_story_lines_and_chars(tmp_path, capsys):
    out = tmp_path / "o.pdf"
    code = main(["build", str(CASES / "overset.yaml"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 3 and not out.exists()
    # 11 lines in a block of 6: the copyfitter sets one paragraph a line shorter (its
    # punctuation compressed, page.copyfit); 4 lines still run over
    assert "page 3: 'neijiang' is overset by 4 lines (" in err
    assert "it needs 10 lines, its block holds 6" in err
    code = main(["build", str(CASES / "overset.yaml"), "-o", str(out), "--allow-overset"])
    printed = capsys.readouterr().out
    assert code == 0 and out.exists()
    assert "warning: page 3: 'neijiang' is overset by 4 lines" in printed


def test_underset_reported(tmp_path, capsys):
    code = main(["build", str(CASES / "three-column.yaml"), "-o", str(tmp_path / "u.pdf")])
    printed = capsys.readouterr().out
    assert code == 0
    # 42 lines held for 21 of copy: two rows of air in the heading and five paragraphs set a
    # line longer (page.copyfit) take 6; 15 stay empty, and the editor is told
    assert "note: page 3: 'zongjie' leaves 15 empty lines in its block" in printed


def test_fit_prints_capacity_against_content(capsys):
    assert main(["fit", str(CASES / "overset.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["page", "story", "cols"]
    row = out[1].split()
    assert row[:3] == ["3", "neijiang", "2"]
    assert row[3:7] == ["10/6", "130/78", "-4", "-52"] and row[-1] == "OVERSET"


@pytest.mark.parametrize("punct,advance", [("quanjiao", 9.0), ("开明式", 4.5), ("banjiao", 4.5)])
def test_punctuation_style_chosen_per_issue(tmp_path, punct, advance):
    """rules §2: one punctuation style per document; in 开明式 and 半角式 a comma takes ½ em."""
    src = tmp_path / "p.yaml"
    src.write_text(f"""paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
style: {{punct: {punct}}}
pages:
  - number: 2
    name: 版
    stories:
      - id: s
        headline: 标题
        place: {{col: 1, span: 2, row: 1, rows: 10}}
        body: 甲乙，丙丁戊。
""", encoding="utf-8")
    r = build_issue(str(src), None)
    line = next(it.line for it in r.pages[0].items if getattr(it, "kind", "") == "body")
    xs = {g.ch: g.x for g in line.glyphs}
    assert xs["丙"] - xs["，"] == pytest.approx(advance)


def test_unavoidable_widow_reported(tmp_path, capsys):
    """Two paragraphs of plain Han text (4 lines and 2) in 2 columns of 3 rows under a
    3-row heading: the first
    paragraph's last line must open column 2, and no lever helps — no air is left, a line
    longer runs over, no punctuation to compress a line shorter."""
    src = tmp_path / "w.yaml"
    han = "中国科学技术协会" * 20
    src.write_text(f"""paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
pages:
  - number: 2
    name: 版
    stories:
      - id: w
        headline: 标题
        place: {{col: 1, span: 2, row: 1, rows: 7}}
        body: |
          {han[:40]}

          {han[:13]}
""", encoding="utf-8")
    code = main(["build", str(src), "-o", str(tmp_path / "t.pdf"), "--no-check"])
    assert code == 0
    assert "warning: page 2: 'w' has 1 widow" in capsys.readouterr().out


def test_rows_foot_stops_above_the_default_footer(tmp_path):
    src = tmp_path / "f.yaml"
    src.write_text("""paper: {name: 测试报}
issue: {date: 2023-01-13}
pages:
  - number: 2
    name: 版
    stories:
      - {id: a, headline: 标题, body: 正文。, place: {col: 1, span: 8, row: 1, rows: foot}}
    footer: {names: [甲单位, 乙单位, 丙单位]}
""", encoding="utf-8")
    r = build_issue(str(src), None)
    page = r.pages[0]
    fmt = page.format
    box = next(it for it in page.items if getattr(it, "owner", "") == "footer"
               and type(it).__name__ == "Box")
    story_rules = [it for it in page.items if type(it).__name__ == "Rule" and it.owner == "a"]
    assert story_rules and all(max(r.y0, r.y1) < box.y for r in story_rules)
    assert page.fits[0].capacity_lines > 0
    assert fmt.rows == 88


def _one_page(tmp_path, page_yaml: str) -> Path:
    src = tmp_path / "o.yaml"
    src.write_text("paper: {name: 测试报}\nissue: {date: 2023-01-13}\npages:\n  - number: 2\n"
                   "    name: 版\n" + page_yaml, encoding="utf-8")
    return src


def test_headings_taller_than_their_block_are_refused(tmp_path):
    from layout.errors import InputError
    src = _one_page(tmp_path, "    stories:\n      - {id: a, headline: " + "很长的标题" * 16
                    + ", body: 正文。, place: {col: 1, span: 2, row: 1, rows: 4}}\n")
    with pytest.raises(InputError) as e:
        build_issue(str(src), None)
    assert "'a' does not fit its block: its headings take" in e.value.diagnostics[0].message


def test_long_titles_break_and_long_banners_shrink(tmp_path):
    src = _one_page(tmp_path, """    groups:
      - id: g
        banner: 认真学习宣传贯彻党的二十大精神认真学习
        place: {col: 1, span: 2, row: 1, rows: 30}
        items:
          - {title: 成都市科学技术协会党组理论学习中心组, body: 正文。}
""")
    r = build_issue(str(src), None)
    page = r.pages[0]
    fmt = page.format
    for it in page.items:
        if getattr(it, "kind", "") in ("title", "banner"):
            assert it.x >= fmt.col_x(1) - 0.01
            assert it.x + it.line.width <= fmt.col_x(1) + fmt.span_w(2) + 0.01, it.line.text
    banner = next(it for it in page.items if getattr(it, "kind", "") == "banner")
    assert banner.line.glyphs[0].size < 16
    assert sum(1 for it in page.items if getattr(it, "kind", "") == "title") == 2


def test_picture_block_too_small_is_refused(tmp_path):
    from layout.errors import InputError
    src = _one_page(tmp_path, "    pictures:\n      - {id: p, caption: " + "说明" * 60
                    + ", place: {col: 1, span: 1, row: 1, rows: 5}}\n")
    with pytest.raises(InputError) as e:
        build_issue(str(src), None)
    assert "'p' does not fit its block" in e.value.diagnostics[0].message


def test_running_head_never_leaves_the_type_area(tmp_path):
    src = _one_page(tmp_path, "    credits: {责任编辑: 张三, 美术编辑: 李四, 校对: 王五, 版式: 赵六, "
                    "摄影: 孙七, 审读: 周八}\n")
    src.write_text(src.read_text(encoding="utf-8").replace("name: 版", "name: 地方科协特别报道专版"),
                   encoding="utf-8")
    r = build_issue(str(src), None)
    fmt = r.pages[0].format
    for it in r.pages[0].items:
        if hasattr(it, "line"):
            assert it.x >= fmt.margin_left - 0.01
            assert it.x + it.line.width <= fmt.margin_left + fmt.type_w + 0.01, it.line.text
