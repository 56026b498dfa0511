"""Warm rebuilds: an edit to one story re-composes that story only (cache keyed by content)."""
from __future__ import annotations

import shutil

from layout.build import Warm, build_issue
from layout.fonts.fontset import FontSet
from layout.page.cache import BlockCache, content_key
from layout.page.dump import dump_pages
from layout.watch import watch
from tests.kit.paths import SAMPLE


def test_content_key_ignores_source_positions():
    from layout.issue.loader import load_issue
    a = load_issue(str(SAMPLE)).pages[0].stories[1]
    b = a._replace(where=a.where._replace(path="x", line=1, column=1))
    assert b != a and content_key(a) == content_key(b)


def test_edit_one_story_recomposes_only_that_story(tmp_path):
    src = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, src)
    fonts, cache = FontSet(), BlockCache()
    first = build_issue(str(src), None, warm=Warm(fonts, cache))
    blocks = cache.misses
    assert blocks == 8 and cache.hits == 0      # 5 stories, 1 group, 2 pictures
    text = src.read_text(encoding="utf-8").replace("省科协党组领导、厅级干部出席会议",
                                                   "省科协党组领导、厅级干部出席了会议")
    src.write_text(text, encoding="utf-8")
    cache.new_build()
    second = build_issue(str(src), None, warm=Warm(fonts, cache))
    assert (cache.misses, cache.hits) == (1, 7)
    cold = build_issue(str(src), None)
    assert dump_pages(second.pages) == dump_pages(cold.pages)
    assert dump_pages(second.pages) != dump_pages(first.pages)


def test_watch_builds_and_reports_time(tmp_path, capsys):
    src = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, src)
    out = tmp_path / "w.pdf"
    assert watch(str(src), out, rounds=1) == 0
    printed = capsys.readouterr().out
    assert out.exists() and "rebuilt" in printed and " ms (8 blocks composed, 0 reused)" in printed


def test_watch_survives_a_failed_rebuild(tmp_path, capsys):
    """A bad save (here an empty footer, and a stale mtime bumped) prints the problems and
    keeps watching; the previous PDF stays."""
    import os
    import threading
    import time
    src = tmp_path / "issue.yaml"
    shutil.copy(SAMPLE, src)
    out = tmp_path / "w.pdf"

    def break_it():
        while not out.exists():
            time.sleep(0.02)
        time.sleep(0.05)
        text = src.read_text(encoding="utf-8")
        head, _, _ = text.partition("      names:\n")
        src.write_text(head + "      names: []\n", encoding="utf-8")
        st = src.stat()
        os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))

    t = threading.Thread(target=break_it)
    t.start()
    assert watch(str(src), out, rounds=2, interval=0.02) == 0
    t.join()
    err = capsys.readouterr().err
    assert "'names' is empty" in err and "not rebuilt; the previous PDF is unchanged" in err
    assert out.read_bytes().startswith(b"%PDF")


def test_warm_pdf_is_the_cold_pdf_and_rewrites_only_what_changed(tmp_path, monkeypatch):
    """A resident process's PDF after a one-story edit has the bytes a cold build of the
    edited file writes; the unchanged font subsets are neither subset nor compressed again,
    and only the changed page's content stream is compressed again (issue 16)."""
    from layout.pdf import flate, subset, tags, writer
    two = tmp_path / "two.yaml"           # two pages: the edit is on the first
    text = SAMPLE.read_text(encoding="utf-8")
    head, page = text.split("pages:\n", 1)
    second = page.replace("- number: 3 ", "- number: 4 ", 1)
    for sid in ("dangwei", "zongjie", "neijiang", "aba", "bazhou", "xuexi"):
        second = second.replace(f"id: {sid}\n", f"id: {sid}-b\n")
    second = second.replace("id: aba-photo", "id: aba-photo-b").replace(
        "id: bazhou-photo", "id: bazhou-photo-b")
    two.write_text(head + "pages:\n" + page + second, encoding="utf-8")
    warm = Warm(None, BlockCache(), resident=True)     # as watch and the desk keep it
    build_issue(str(two), tmp_path / "a.pdf", warm=warm)
    made, deflated, tagged, drawn = [], [], [], []
    real_subset, real_piece = subset.Program.subset, flate.deflate_piece
    real_line, real_template = tags.Tagger._line, writer._template
    monkeypatch.setattr(tags.Tagger, "_line",
                        lambda self, *a: tagged.append(1) or real_line(self, *a))
    monkeypatch.setattr(subset.Program, "subset",
                        lambda self, *a, **k: made.append(1) or real_subset(self, *a, **k))
    monkeypatch.setattr(flate, "deflate_piece",
                        lambda data: deflated.append(len(data)) or real_piece(data))
    monkeypatch.setattr(writer, "_template",
                        lambda c, items, *a: drawn.append(items[0].owner) or
                        real_template(c, items, *a))
    two.write_text(two.read_text(encoding="utf-8").replace(
        "省科协党组领导、厅级干部出席会议", "省科协党组领导、厅级干部出席了会议", 1),
        encoding="utf-8")
    warm.cache.new_build()
    build_issue(str(two), tmp_path / "b.pdf", warm=warm)
    assert made == []                               # no font subset made again
    # only the edited story's run drawn again (the pictures are placeholders), only its new
    # lines tagged again, and only its piece of the content deflated again (its line count
    # is the same: no MCID after it changes)
    assert drawn == ["zongjie"]
    assert 0 < len(tagged) < 60
    assert len(deflated) == 1
    build_issue(str(two), tmp_path / "c.pdf")      # cold
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes()


def test_trigger_sees_a_same_size_edit_in_the_same_mtime_tick(tmp_path):
    """Content, not mtime and size: an edit that keeps both is still seen (within 5 polls)."""
    import os
    from layout.watch import Trigger
    src = tmp_path / "issue.yaml"
    src.write_text("name: 甲\n", encoding="utf-8")
    t = Trigger(str(src), tmp_path / "o.pdf", sleep=lambda s: None)
    assert t.changed() == "first build"
    t.done(t.state())
    st = src.stat()
    src.write_text("name: 乙\n", encoding="utf-8")           # same size
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns))      # same mtime
    seen = [t.changed() for _ in range(5)]
    assert any(w == f"{src} changed" for w in seen)


def test_trigger_ignores_a_save_that_changes_nothing(tmp_path):
    import os
    from layout.watch import Trigger
    src = tmp_path / "issue.yaml"
    src.write_text("name: 甲\n", encoding="utf-8")
    t = Trigger(str(src), tmp_path / "o.pdf", sleep=lambda s: None)
    t.done(t.state())
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))   # touched, not changed
    assert [t.changed() for _ in range(6)] == [""] * 6


def test_trigger_rebuilds_a_deleted_output(tmp_path):
    from layout.watch import Trigger
    src, out = tmp_path / "issue.yaml", tmp_path / "o.pdf"
    src.write_text("x: 1\n", encoding="utf-8")
    out.write_bytes(b"%PDF-")
    t = Trigger(str(src), out, sleep=lambda s: None)
    t.done(t.state())
    assert t.changed() == ""
    out.unlink()
    assert t.changed() == f"{out} was deleted"


def test_trigger_waits_for_a_file_being_written_and_notices_a_change_while_read(tmp_path):
    """A save in pieces: the build waits until the file has stood still for `settle`; a
    change after the build read the file makes it build again."""
    from layout.watch import Trigger
    src = tmp_path / "issue.yaml"
    src.write_text("a", encoding="utf-8")
    pieces = iter(["ab", "abc", "abcd"])

    def writer_still_saving(_seconds):
        piece = next(pieces, None)
        if piece is not None:
            src.write_text(piece, encoding="utf-8")

    t = Trigger(str(src), tmp_path / "o.pdf", settle=0.3, interval=0.1, sleep=writer_still_saving)
    before = t.settled()
    assert src.read_text(encoding="utf-8") == "abcd"
    assert before == t.state()                    # what it returns is the whole file's digest
    src.write_text("abcde", encoding="utf-8")     # changed while the build was reading
    assert t.done(before) is False


EDITS = (   # (what, old, new): each applied to the issue as the last one left it
    ("a word added", "厅级干部出席会议", "厅级干部出席了会议"),
    ("a clause cut: fewer lines, every later MCID moves",
     "听取报告后，毛大付充分肯定了省科协社会组织联合党委的工作，并对", "听取报告后，毛大付对"),
    ("a character no page drew: the subset changes", "毛大付主持会议。", "毛大付主持会议鑫。"),
    ("a block made shorter", "{col: 6, span: 3, row: 22, rows: 26}",
     "{col: 6, span: 3, row: 22, rows: 24}"),
    ("a paragraph moved to the front", "        body: |\n          1月6日，",
     "        body: |\n          大会审议了。\n\n          1月6日，"),
    ("the page's head: an editor's name (kept furniture)", "校对: 王五", "校对: 王五六"),
    ("the footer: a name (kept furniture)", "- 资阳市科学技术协会", "- 资阳市科协"),
)


def test_warm_rebuilds_write_the_cold_pdf_edit_after_edit(tmp_path):
    """The proof that the incremental PDF writer is right: after each of a series of edits
    (lines added and cut, MCIDs renumbered, a new glyph, a block resized, a switch to a
    grayscale page and back, printer's marks), the resident process's PDF has the bytes of
    a cold build of the same file with the same options."""
    from layout.build import BuildOptions
    src = tmp_path / "issue.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    warm = Warm(None, BlockCache(), resident=True)     # as watch and the desk keep it
    build_issue(str(src), tmp_path / "w.pdf", BuildOptions(allow_overset=True), warm=warm)
    steps = [(what, old, new, None) for what, old, new in EDITS]
    steps += [("grayscale", "", "", {"color": "gray"}), ("colour again", "", "", None),
              ("printer's marks: the page moves on a larger sheet", "", "", {"marks": True})]
    for what, old, new, options in steps:
        assert old in text, what
        text = text.replace(old, new, 1)
        src.write_text(text, encoding="utf-8")
        warm.cache.new_build()
        opts = BuildOptions(allow_overset=True, print=options)
        build_issue(str(src), tmp_path / "w.pdf", opts, warm=warm)
        build_issue(str(src), tmp_path / "c.pdf", opts)
        assert (tmp_path / "w.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes(), what


def test_warm_pdfs_through_edits_are_the_cold_pdfs(tmp_path):
    """Edit after edit in one resident process — in a line, paragraphs added (the structure
    tree's objects at the head of the file change) and taken away, a headline — each PDF has
    a cold build's bytes: the checked items, glyph sets and the seal resumed over the bytes
    the last file had (pdf.file.Last, press.seal) change nothing; an edit in a line leaves
    the file's first 90 % as they were, and the seal starts after them."""
    src = tmp_path / "issue.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    warm = Warm(None, BlockCache(), resident=True)
    build_issue(str(src), tmp_path / "w.pdf", warm=warm)
    edits = [("出席会议", "出席了会议"),
             ("毛大付主持会议。", "毛大付主持会议。\n\n          新的一段。\n\n          又一段。"),
             ("\n\n          新的一段。\n\n          又一段。", ""),
             ("出席了会议", "出席会议"),
             ("阿坝州科协积极开展暖冬行动", "阿坝州科协开展暖冬行动")]
    for k, (old, new) in enumerate(edits):
        assert old in text, old
        text = text.replace(old, new, 1)
        src.write_text(text, encoding="utf-8")
        warm.cache.new_build()
        build_issue(str(src), tmp_path / "w.pdf", warm=warm)
        build_issue(str(src), tmp_path / "c.pdf")
        ours = (tmp_path / "w.pdf").read_bytes()
        assert ours == (tmp_path / "c.pdf").read_bytes(), old
        if k in (0, 3):
            assert warm.pdf.last.same > 0.9 * len(ours), (old, warm.pdf.last.same)
