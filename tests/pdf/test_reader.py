"""The PDF for readers, checked by tools that are not ours (issue 18): both sample issues and
the three real texts.

- exact text: every body paragraph extracts exactly with poppler's `pdftotext -raw` and with
  pdfium's text API (pypdfium2): no added space, no added hyphen, no merged column;
- the structure tree (read by qpdf, the text of each element's marked content by pdfium):
  Document → one Art per story and 专栏 in the issue's order, its H1 the headline, its P the
  paragraphs, exactly;
- article threads: one per story, its first bead the heading, then its columns left to
  right, and the text inside the beads, in bead order, is the story's copy (poppler's words,
  `pdftotext -raw -bbox`, taken bead by bead);
- qpdf --check finds nothing; poppler, mupdf and pdfium render and extract without a warning;
- PDF/UA-1 rules checked structurally (veraPDF, the PDF/UA validator, is not packaged for
  PyPI, Debian or npm): see test_pdfua_rules_structurally.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from layout.build import BuildOptions, build_issue
from layout.issue.loader import load_issue
from layout.issue.normalize import normalize_issue
from tests.kit import extract
from tests.kit.paths import ROOT, TEXTS

SAMPLES = sorted((ROOT / "issues").glob("sample-*.yaml"))    # broadsheet, tabloid, elements
ISSUES = SAMPLES + sorted(TEXTS.glob("*.yaml"))
MUPDF_BUILD_NOTE = "warning: ICC support is not available"   # Debian's mupdf, any file


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} is not installed: .ci/run installs it from Debian")
    return exe


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each issue built once (print defaults: PDF/X-4), keyed by its file's stem."""
    out = {}
    d = tmp_path_factory.mktemp("reader")
    for path in ISSUES:
        pdf = d / f"{path.stem}.pdf"
        build_issue(str(path), pdf, BuildOptions(allow_overset=True))
        out[path.stem] = pdf
    return out


def _issue(path: Path):
    issue = load_issue(str(path))
    return normalize_issue(issue, issue.style.normalize)[0]


# -- exact text ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ISSUES, ids=[p.stem for p in ISSUES])
@pytest.mark.parametrize("how", ["pdftotext -raw", "pdfium"])
def test_every_body_paragraph_extracts_exactly(built, path, how):
    if how == "pdftotext -raw":
        _tool("pdftotext")
    paras = extract.body_paragraphs(path)
    pages = (extract.pdftotext_raw if how != "pdfium" else extract.pdfium_text)(built[path.stem])
    ok = extract.exact(paras, pages, extract.page_numbers(path))
    missed = [p.text[:30] for p, good in zip(paras, ok) if not good]
    assert paras and not missed, f"{len(missed)}/{len(paras)} not exact: {missed}"


# -- the structure tree -------------------------------------------------------------------------
def _struct(pdf: Path) -> list:
    """The structure tree as qpdf reads it, each element's marked content as pdfium reads it
    (extract.mcid_texts): nested [type, [kids: elements or the texts of its MCIDs]]."""
    texts = extract.mcid_texts(pdf)
    with pikepdf.open(pdf) as doc:
        index = {p.obj.objgen: i for i, p in enumerate(doc.pages)}

        def node(elem, page):
            page = elem.get("/Pg", page)
            kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
            out = []
            for k in kids:
                if isinstance(k, int):              # a picture's MCID holds no text
                    out.append(texts[index[page.objgen]].get(int(k), ""))
                elif k.get("/Type") == "/MCR":
                    out.append(texts[index[k.Pg.objgen]].get(int(k.MCID), ""))
                else:
                    out.append(node(k, page))
            return [str(elem.S)[1:], out]
        return [node(doc.Root.StructTreeRoot.K, None)]


def _text(node) -> str:
    return "".join(k if isinstance(k, str) else _text(k) for k in node[1])


def _kids(node, kind: str) -> list:
    return [k for k in node[1] if not isinstance(k, str) and k[0] == kind]


def _joined(text: str, lines: str) -> bool:
    return extract.found([lines], text) or lines == text.replace(" ", "")


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_structure_tree_holds_every_story_in_order(built, path):
    tree = _struct(built[path.stem])
    assert [n[0] for n in tree] == ["Document"]
    arts = _kids(tree[0], "Art")
    issue = _issue(path)
    blocks = [(s.headline, [(s.dateline if k == 0 else "") + p.text for k, p in enumerate(s.body)])
              for page in issue.pages for s in page.stories]
    blocks += [(g.banner, [p.text for it in g.items for p in it.body])
               for page in issue.pages for g in page.groups]
    order = {}       # the editor's order: page by page, stories then groups
    for page in issue.pages:
        for s in page.stories:
            order[s.headline] = len(order)
        for g in page.groups:
            order[g.banner] = len(order)
    blocks.sort(key=lambda b: order[b[0]])
    assert len(arts) == len(blocks)
    for art, (headline, paragraphs) in zip(arts, blocks):
        h1 = _kids(art, "H1")
        assert len(h1) == 1 and _text(h1[0]) == headline.replace("\n", "")
        ps = _kids(art, "P") + [p for sect in _kids(art, "Sect") for p in _kids(sect, "P")]
        got = [_text(p) for p in ps]
        for para in paragraphs:
            assert any(_joined(para, g) for g in got), para[:30]
        # body paragraphs in order (the byline, credit, kicker and subhead are P too)
        idx = [next(i for i, g in enumerate(got) if _joined(p, g)) for p in paragraphs]
        assert idx == sorted(idx)


def test_furniture_is_artifact_and_figures_have_alt(built):
    with pikepdf.open(built["sample-difang-kexie"]) as pdf:
        texts = []
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            if str(op) == "BDC" and str(operands[0]) == "/Artifact":
                texts.append(str(operands[1].get("/Type")))
        assert "/Pagination" in texts and "/Layout" in texts
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure":
                assert str(obj.get("/Alt", ""))
    tree = _struct(built["sample-difang-kexie"])
    everything = _text(tree[0])
    assert "地方科协" not in everything and "责任编辑" not in everything   # 报眉: artifacts
    assert "凉山州科学技术协会" in everything                               # the footer box


# -- article threads ----------------------------------------------------------------------------
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r'(.*?)</word>')


def _words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, poppler's words (`pdftotext -raw -bbox`: content-stream order, ActualText
    read) as (x centre, y centre from the page's top, text)."""
    import html
    r = subprocess.run([_tool("pdftotext"), "-raw", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                       capture_output=True, check=True, timeout=120)
    pages = r.stdout.decode("utf-8").split("<page ")[1:]
    return [[((float(m[0]) + float(m[2])) / 2, (float(m[1]) + float(m[3])) / 2,
              html.unescape(m[4])) for m in _WORD.findall(p)] for p in pages]


def _bead_text(words, rect, media_h: float) -> str:
    """The words whose centres lie in a bead's rectangle (PDF coordinates, y up), in order."""
    x0, y0, x1, y1 = (float(v) for v in rect)
    return "".join(t for x, y, t in words if x0 <= x <= x1 and y0 <= media_h - y <= y1)


def _beads(thread) -> list:
    out, b = [], thread.F
    while True:
        out.append(b)
        b = b.N
        if b.objgen == thread.F.objgen:
            return out


def _flat(text: str) -> str:
    """Text without white space and without the jump lines (（下转第N版）, （上接第M版}: page
    artifacts inside a bead's rectangle, not the story's copy)."""
    return re.sub(r"\s|（[上下][转接]第\d+版）", "", text)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_each_story_thread_visits_its_columns_in_order(built, path):
    issue = _issue(path)
    copy = {}
    for page in issue.pages:
        for s in page.stories:
            body = s.dateline + "".join(p.text for p in s.body)
            copy[s.headline.replace("\n", "")] = (
                s.kicker + s.headline + s.subhead, body + (f"（{s.byline}）" if s.byline else ""))
        for g in page.groups:
            body = "".join(it.title + "".join(p.text for p in it.body) for it in g.items)
            copy[(g.headline or g.banner).replace("\n", "")] = (g.banner + g.headline,
                              body + (f"（{g.credit}）" if g.credit else ""))
    pdf = built[path.stem]
    words = _words(pdf)
    with pikepdf.open(pdf) as doc:
        pdf_pages = list(doc.pages)
        pages = {p.obj.objgen: i for i, p in enumerate(pdf_pages)}
        threads = list(doc.Root.Threads)
        assert len(threads) == len(copy)
        for t in threads:
            title = str(t.I.Title)
            heading, body = copy[title]
            beads, b = [], t.F
            while True:
                beads.append((pages[b.P.objgen], list(b.R)))
                assert b.N.V.objgen == b.objgen          # a circular, doubly linked list
                b = b.N
                if b.objgen == t.F.objgen:
                    break
            on_pages = {x.objgen for p in pdf_pages for x in p.obj.get("/B", [])}
            assert {b.objgen for b in _beads(t)} <= on_pages    # each listed on its page
            media_h = float(pdf_pages[beads[0][0]].obj.MediaBox[3])
            texts = [_bead_text(words[pi], r, media_h) for pi, r in beads]
            # the heading bead: the headings (a 题花 drawn beside them is a symbol, So)
            assert "".join(ch for ch in _flat(texts[0]) if unicodedata.category(ch) != "So") \
                == _flat(heading).replace("\n", "")
            assert _flat("".join(texts[1:])) == _flat(body), title
            cols = [(pi, float(r[0])) for pi, r in beads[1:]]
            assert cols == sorted(cols)                    # left to right, page by page


# -- other tools ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_qpdf_finds_nothing(built, path):
    r = subprocess.run([_tool("qpdf"), "--check", str(built[path.stem])], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No syntax or stream encoding errors found" in r.stdout
    assert "WARNING" not in r.stdout + r.stderr and not r.stderr


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_poppler_mupdf_pdfium_read_without_warnings(built, path, tmp_path):
    pdf = built[path.stem]
    for cmd in ([_tool("pdftotext"), str(pdf), str(tmp_path / "t.txt")],
                [_tool("pdftoppm"), "-r", "20", "-png", str(pdf), str(tmp_path / "p")],
                [_tool("pdfinfo"), "-struct", str(pdf)]):
        r = subprocess.run(cmd, capture_output=True, timeout=120)
        assert r.returncode == 0 and not r.stderr.strip(), (cmd[0], r.stderr)
    for fmt in ("txt", "png"):
        r = subprocess.run([_tool("mutool"), "draw", "-F", fmt, "-r", "20", "-o",
                            str(tmp_path / f"m.{fmt}"), str(pdf)],
                           capture_output=True, text=True, timeout=120)
        noise = [ln for ln in r.stderr.splitlines() if ln.strip() and ln != MUPDF_BUILD_NOTE
                 and not ln.startswith("page ")]
        assert r.returncode == 0 and not noise, noise
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        assert doc[i].render(scale=0.2).to_pil().size[0] > 0
    doc.close()


# -- PDF/UA-1 (ISO 14289-1), structurally ------------------------------------------------------------
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


def _marked_content(page) -> tuple[list[int], list[str]]:
    """Every MCID of the page's content, and every painting operator found outside marked
    content (untagged content) or with an MCID nested in another."""
    mcids, problems, stack = [], [], []
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o in ("BDC", "BMC"):
            mcid = None
            if o == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                mcid = operands[1].get("/MCID")
            tag = "artifact" if str(operands[0]) == "/Artifact" else (
                "mcid" if mcid is not None else "other")
            if mcid is not None:
                if any(s == "mcid" for s in stack):
                    problems.append(f"MCID {mcid} nested in another")
                mcids.append(int(mcid))
            stack.append(tag)
        elif o == "EMC":
            stack.pop()
        elif o in PAINT and not any(s in ("mcid", "artifact") for s in stack):
            problems.append(f"{o} outside marked content")
    assert not stack
    return mcids, problems


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    out = tmp_path_factory.mktemp("marked") / "marked.pdf"
    build_issue(str(SAMPLES[1]), out, BuildOptions(print={"marks": True, "colorbar": True,
                                                          "pdfx": "x1a"}))
    return out


@pytest.mark.parametrize("which", ["sample-difang-kexie", "sample-tabloid", "marked"])
def test_pdfua_rules_structurally(built, marked, which):
    """The PDF/UA-1 rules (ISO 14289-1; the Matterhorn Protocol's checkpoints in brackets)
    that a file of ours could break: marked as tagged, with a natural language, the title
    shown [06, 11]; all content tagged or an artifact, no MCID nested in another [01-005];
    the parent tree and the content agree, every MCID in exactly one element [01]; standard
    structure types only, no role map needed [02]; numbered headings not skipping a level in
    an article [14-003]; every Figure with alternate text [13-004]; fonts embedded with
    a ToUnicode map [31-027, 31-030]; no annotations (so no tab order to set) [28]."""
    pdf = marked if which == "marked" else built[which]
    with pikepdf.open(pdf) as doc:
        root = doc.Root
        assert root.MarkInfo.Marked is True and root.MarkInfo.get("/Suspects") is not True
        assert str(root.Lang) == "zh-CN"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert b"<dc:title>" in root.Metadata.read_bytes()
        parents = dict(zip(list(root.StructTreeRoot.ParentTree.Nums)[::2],
                           list(root.StructTreeRoot.ParentTree.Nums)[1::2]))
        claimed: dict[tuple[int, int], object] = {}
        standard = {"Document", "Art", "Sect", "Div", "P", "H1", "H2", "H3", "H4", "H5", "H6",
                    "Caption", "Figure", "Span"}

        def walk(elem, pg, art_levels):
            s = str(elem.S)[1:]
            assert s in standard, s
            if s == "Figure":
                assert str(elem.get("/Alt", "")).strip()
            if s.startswith("H") and s[1:].isdigit():
                level = int(s[1:])
                assert level <= max(art_levels, default=0) + 1, f"{s} skips a level"
                art_levels.append(level)
            page = elem.get("/Pg", pg)
            kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
            levels = [] if s == "Art" else art_levels
            for k in kids:
                if isinstance(k, int):
                    key = (page.objgen, int(k))
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    key = (k.Pg.objgen, int(k.MCID))
                else:
                    assert k.P.objgen == elem.objgen
                    walk(k, page, levels)
                    continue
                assert key not in claimed
                claimed[key] = elem

        walk(root.StructTreeRoot.K, None, [])
        seen = set()
        for i, page in enumerate(doc.pages):
            assert "/Annots" not in page.obj
            mcids, problems = _marked_content(page)
            assert not problems, problems[:5]
            assert len(mcids) == len(set(mcids))
            table = parents[int(page.obj.StructParents)]
            for m in mcids:
                assert table[m].objgen == claimed[(page.obj.objgen, m)].objgen
                seen.add((page.obj.objgen, m))
        assert seen == set(claimed)
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == "/Type0":
                assert "/ToUnicode" in obj
                desc = obj.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in desc or "/FontFile3" in desc


def test_a_line_without_glyphs_keeps_its_marked_content(tmp_path):
    """A 专栏 banner of one zero-width space sets a line with no glyphs: its sequence is
    written empty (BDC … EMC), not dropped — the fuzzer's internal error ('not all arguments
    converted') was its MCID left over."""
    text = (ROOT / "issues" / "sample-difang-kexie.yaml").read_text(encoding="utf-8")
    assert "banner: 认真学习宣传贯彻党的二十大精神" in text
    text = text.replace("banner: 认真学习宣传贯彻党的二十大精神", 'banner: "\\u200b"')
    src = tmp_path / "zwsp.yaml"
    src.write_text(text, encoding="utf-8")
    (tmp_path / "photos").symlink_to(ROOT / "issues" / "photos")
    out = tmp_path / "zwsp.pdf"
    build_issue(str(src), out, BuildOptions(allow_overset=True))
    pdf = pikepdf.open(out)
    mcids, problems = _marked_content(pdf.pages[0])
    assert problems == [] and len(mcids) == len(set(mcids)) and mcids
