"""When the copy cannot fill the composed page, or does not fit it, nothing is cut or left
empty silently: the build names the story to cut by how many characters, or how many lines
the page lacks, and exits 3 as overset does (docs/newspaper-conventions.md#copyfitting)."""
from __future__ import annotations

import pytest

from layout.errors import EXIT_OVERSET, OversetError
from tests.kit.paths import ROOT

HEAD = """paper: {name: 测试报}
issue: {date: 2023-01-13, number: 1}
pages:
  - number: 2
    name: 综合
    format: tabloid
    stories:
"""

PARA = "科协组织开展科普活动，推动全民科学素质提升，服务经济社会发展大局，取得明显成效。" * 3


def _story(i: int, paras: int) -> str:
    body = "\n\n".join(PARA for _ in range(paras))
    body = "\n".join("          " + line for line in body.split("\n"))
    return (f"      - id: s{i}\n        headline: 第{i}篇报道的标题文字\n"
            f"        body: |\n{body}\n")


def _issue(tmp_path, sizes):
    path = tmp_path / "page.yaml"
    path.write_text(HEAD + "".join(_story(i, n) for i, n in enumerate(sizes, 1)),
                    encoding="utf-8")
    return path


def test_a_page_short_of_copy_says_how_many_lines_it_lacks(tmp_path):
    from layout.build import build_issue
    path = _issue(tmp_path, [2, 1])           # two short stories for a whole tabloid page
    with pytest.raises(OversetError) as e:
        build_issue(str(path), tmp_path / "out.pdf")
    assert e.value.exit_code == EXIT_OVERSET
    assert e.value.short and not e.value.fits
    page, lines, chars, owner = e.value.short[0]
    assert page == 2 and lines > 100 and chars >= lines and owner in ("s1", "s2")
    assert f"page 2 lacks {lines} lines of copy" in str(e.value)
    assert not (tmp_path / "out.pdf").exists()


def test_the_compose_command_reports_the_lack_and_exits_3(tmp_path, capsys):
    from layout.cli import main
    path = _issue(tmp_path, [2, 1])
    assert main(["compose", str(path)]) == EXIT_OVERSET
    out = capsys.readouterr().out
    assert "the page lacks" in out and "lines of copy" in out


def test_a_page_with_too_much_copy_says_which_story_to_cut_by_how_much(tmp_path, capsys):
    from layout.build import build_issue
    from layout.cli import main
    path = _issue(tmp_path, [16, 14, 12])      # about 5,000 characters for about 4,000
    with pytest.raises(OversetError) as e:
        build_issue(str(path), tmp_path / "out.pdf")
    assert e.value.fits and not (tmp_path / "out.pdf").exists()
    for _, f in e.value.fits:
        assert f"'{f.owner}' is overset" in str(e.value)
        assert f"cut {f.overset_chars} characters" in str(e.value)
    assert main(["compose", str(path)]) == EXIT_OVERSET
    assert "cut about" in capsys.readouterr().out


def test_pocan_is_tried_only_when_the_page_does_not_fill_without_it(tmp_path, monkeypatch):
    from layout.arrange import needs
    from layout.build import BuildOptions, build_issue
    offered = []
    real = needs.splits

    def spy(story, span, pic, limits=needs.Limits(split=True)):
        offered.append(limits.split)
        return real(story, span, pic, limits)

    monkeypatch.setattr(needs, "splits", spy)
    build_issue(str(_issue(tmp_path, [2, 1])), None, BuildOptions(allow_overset=True))
    assert offered[0] is False and True in offered      # short of copy: a second pass
    offered.clear()
    build_issue(str(ROOT / "issues" / "sample-composed.yaml"), None)
    assert offered and True not in offered               # it fills: no 破栏 measured
