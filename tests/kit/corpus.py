"""The malformed-input corpus and the mutation fuzzer's primitives (issue 19): every key of the
issue format (walked from issue.schema, so a new key is covered the day it is declared) given
every kind of wrong value; YAML's own features (anchors, aliases, tags, merge keys, documents,
deep nesting); files in other encodings; damaged fonts, pictures and ICC profiles; inputs past
every limit; and mutations of the sample issues' text.

A case is a name and its files (relative name -> bytes; `issue.yaml` is the issue file).
`run_case` builds it the way an editor does (`layout build`, with the check) and sorts the
outcome. tests/test_corpus.py runs a fast part; benchmarks/fuzz_inputs.py the whole corpus.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import random
import re
import struct
import time
import zlib
from pathlib import Path
from typing import Iterator, NamedTuple

import yaml

from tests.kit.paths import ROOT, SAMPLE

TABLOID = ROOT / "issues" / "sample-tabloid.yaml"
BODY = "1月5日，省科协召开部门年度总结报告会，对2022年工作进行总结和回顾。\n\n会上，各部门负责人相继汇报了工作。"

# Every key of the format, set to a value that builds: the corpus changes one at a time.
BASE = {
    "paper": {"name": "测试报", "pinyin": "CE SHI BAO", "facts": {"国内统一刊号": "CN 51-0000"}},
    "issue": {"date": dt.date(2023, 1, 13), "number": 2, "total": 3000},
    "style": {"punct": "quanjiao", "normalize": True},
    "print": {"bleed": "auto", "marks": False, "colorbar": False, "pdfx": "x4",
              "color": "cmyk", "condition": "CGATS TR 001"},
    "pages": [{
        "number": 2, "name": "地方科协", "pinyin": "DI FANG KE XIE", "format": "broadsheet",
        "credits": {"责任编辑": "张三"},
        "stories": [{"id": "one", "kicker": "引题", "headline": "省科协召开年度总结报告会",
                     "subhead": "副题", "dateline": "本报讯", "body": BODY,
                     "byline": "本报记者 曾青瑶", "size": "小初",
                     "place": {"col": 1, "span": 3, "row": 1, "rows": 30}}],
        "groups": [{"id": "grp", "banner": "科普之窗", "headline": "专栏标题", "credit": "本栏目组稿：刘茂",
                    "items": [{"title": "小标题", "body": "专栏正文，内容简短。"}],
                    "place": {"col": 4, "span": 2, "row": 1, "rows": 30}}],
        "pictures": [{"id": "pic", "caption": "图片说明", "place": {"col": 6, "span": 2, "row": 1, "rows": 12}}],
        "footer": {"title": "本版协办单位", "note": "排名不分先后", "names": ["凉山州科协", "甘孜州科协"]},
    }],
}

# Wrong, empty, huge, negative and odd values, tried for every key.
VALUES: list[tuple[str, object]] = [
    ("null", None), ("empty-str", ""), ("blank", "   "), ("empty-list", []), ("empty-map", {}),
    ("word", "x"), ("int", 7), ("zero", 0), ("negative", -1), ("big-negative", -10**9),
    ("huge-int", 10**30), ("float", 1.5), ("nan", float("nan")), ("inf", float("inf")),
    ("bool", True), ("list", ["a", 1]), ("map", {"a": 1}), ("nested", [[{"a": [1]}]]),
    ("date", dt.date(1900, 2, 28)), ("timestamp", dt.datetime(2023, 1, 13, 8, 0)),
    ("binary", b"\x00\xff\xfe"), ("huge-str", "字" * 5_000), ("long-word", "x" * 5_000),
    ("zwsp", "\u200b"), ("rtl", "\u202e反转"), ("astral", "𠀀𪚥😀"), ("pua", "\ue000"),
    ("combining", "a\u0301\u0301"), ("bom", "\ufeff标题"), ("nel", "a\x85b"),
    ("lsep", "a\u2028b"), ("bell", "a\x07b"), ("nul", "a\x00b"), ("tab", "a\tb"),
    ("newlines", "甲\n\n\n乙"), ("markup", "**未闭合"), ("stars", "****"), ("dash", "——"),
]
FILE_KINDS = ("file", "image", "icc", "fonts")


class Case(NamedTuple):
    name: str
    files: dict          # relative name -> bytes; "issue.yaml" is the issue file
    args: tuple = ()     # extra `layout build` arguments


def dump(doc) -> bytes:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200).encode("utf-8")


def base_case() -> Case:
    return Case("base", {"issue.yaml": dump(BASE)})


# -- every key x every value -----------------------------------------------------------------
def schema_paths() -> list[tuple[tuple, object]]:
    """(path into BASE, Field) for every key the schema declares, lists entered at item 0."""
    from layout.issue.schema import ROOT as SCHEMA, Schema
    out = []

    def walk(schema, prefix):
        for f in schema.fields:
            path = prefix + (f.key,)
            out.append((path, f))
            if isinstance(f.kind, Schema):
                walk(f.kind, path)
            elif isinstance(f.kind, tuple):
                walk(f.kind[1], path + (0,))
            elif f.kind == "format":
                from layout.issue.schema import FORMAT
                walk(FORMAT, path)
    walk(SCHEMA, ())
    return out


def _set(doc, path: tuple, value, delete: bool = False):
    node = doc
    for k in path[:-1]:
        if isinstance(node, dict):
            if not isinstance(node.get(k), (dict, list)):
                node[k] = {"preset": node[k]} if isinstance(node.get(k), str) else {}
            node = node[k]
        else:
            node = node[k]
    if delete:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def key_plan() -> list[tuple[str, tuple, object, str | None]]:
    """(case name, path, value or _DELETE, name of a damaged file) of every key case, cheap
    to list; key_cases makes the files."""
    plan = []
    for path, field in schema_paths():
        label = ".".join(map(str, path))
        plan.append((f"key:{label}:missing", path, _DELETE, None))
        plan += [(f"key:{label}:{vname}", path, value, None) for vname, value in VALUES]
        if field.kind in FILE_KINDS:
            group = {"image": "pictures", "fonts": "fonts", "icc": "profiles"}.get(field.kind)
            plan += [(f"key:{label}:{fname}", path, fname, field.kind)
                     for fname in _FILE_NAMES.get(group, ("empty.bin", "noise.bin"))]
            plan += [(f"key:{label}:ref:{ref!r}", path, ref, None) for ref in
                     ("nope.bin", ".", "../../../../etc/passwd", "/dev/zero", "a\x00b")]
    return plan


_DELETE = object()
_FILE_NAMES = {"pictures": ("empty.png", "text.png", "trunc.png", "bomb.png", "wide.png",
                            "gray16.png", "pal.png", "alpha.png", "one.png", "good.png",
                            "cmyk.jpg", "trunc.jpg", "flipped.png", "float.tif"),
               "fonts": ("empty.ttf", "text.ttf", "trunc.ttf", "half.ttf", "trunc.otf",
                         "head.otf", "png.ttf", "noise.ttf", "glyfnoise.ttf", "noise.otf"),
               "profiles": ("empty.icc", "text.icc", "trunc.icc", "header.icc", "tags.icc",
                            "noise.icc", "srgb.icc")}


def key_case(name: str, path: tuple, value, kind: str | None) -> Case:
    doc = copy.deepcopy(BASE)
    _set(doc, path, None if value is _DELETE else copy.deepcopy(value), value is _DELETE)
    files = {"issue.yaml": dump(doc)}
    if kind is not None:
        files[value] = dict(broken_files(kind))[value]
    return Case(name, files)


def key_cases(every: int = 1) -> Iterator[Case]:
    for k, item in enumerate(key_plan()):
        if k % every == 0:
            yield key_case(*item)


# -- damaged files ---------------------------------------------------------------------------
_FILE_CACHE: dict[str, list[tuple[str, bytes]]] = {}


def _png(w: int, h: int, mode: str = "RGB") -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new(mode, (w, h), 128 if mode in ("L", "I;16") else (90, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def _png_header_only(w: int, h: int) -> bytes:
    """A PNG that claims w x h pixels (a decompression bomb's header) with one tiny IDAT."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def _pictures() -> list[tuple[str, bytes]]:
    good = _png(40, 30)
    from PIL import Image
    out = [("empty.png", b""), ("text.png", b"hello"), ("trunc.png", good[:len(good) // 2]),
           ("bomb.png", _png_header_only(100_000, 100_000)),
           ("wide.png", _png_header_only(2**31 - 1, 1)), ("gray16.png", _png(40, 30, "I;16")),
           ("pal.png", _png(40, 30, "P")), ("alpha.png", _png(40, 30, "RGBA")),
           ("one.png", _png(1, 1)), ("good.png", good)]
    buf = io.BytesIO()
    Image.new("CMYK", (40, 30), (0, 50, 100, 0)).save(buf, "JPEG")
    jpg = buf.getvalue()
    out += [("cmyk.jpg", jpg), ("trunc.jpg", jpg[:len(jpg) // 2]),
            ("flipped.png", good[:60] + bytes([good[60] ^ 0xFF]) + good[61:])]
    buf = io.BytesIO()
    Image.new("F", (20, 20), 0.3).save(buf, "TIFF")
    out.append(("float.tif", buf.getvalue()))
    return out


def _fonts() -> list[tuple[str, bytes]]:
    import tempfile
    from tests.kit.cfffonts import build_cff_font
    ttf = (ROOT / "fonts" / "hei-regular.ttf").read_bytes()
    with tempfile.TemporaryDirectory() as d:
        cff = Path(build_cff_font(str(Path(d) / "t.otf"))).read_bytes()
    out = [("empty.ttf", b""), ("text.ttf", b"not a font at all"), ("trunc.ttf", ttf[:4000]),
           ("half.ttf", ttf[:len(ttf) // 2]), ("trunc.otf", cff[:len(cff) // 2]),
           ("head.otf", cff[:12]), ("png.ttf", _png(4, 4))]
    # a table directory entry pointing past the end, and a glyf table of noise
    bad = bytearray(ttf)
    n = struct.unpack_from(">H", bad, 4)[0]
    for i in range(n):
        tag, _, off, length = struct.unpack_from(">4sIII", bad, 12 + 16 * i)
        if tag == b"glyf":
            rng = random.Random(5)
            for k in range(off, off + min(length, 200_000), 7):
                bad[k] = rng.randrange(256)
        if tag == b"hmtx":
            struct.pack_into(">I", bad, 12 + 16 * i + 8, len(bad) + 10_000)
    out.append(("noise.ttf", bytes(bad)))
    glyf = bytearray(ttf)             # only the outlines are noise: the header tables are whole
    for i in range(n):
        tag, _, off, length = struct.unpack_from(">4sIII", glyf, 12 + 16 * i)
        if tag == b"glyf":
            rng = random.Random(6)
            for k in range(off, off + length, 3):
                glyf[k] = rng.randrange(256)
    out.append(("glyfnoise.ttf", bytes(glyf)))
    cbad = bytearray(cff)
    rng = random.Random(7)
    for k in range(len(cbad) // 3, len(cbad) - 10, 5):
        cbad[k] = rng.randrange(256)
    out.append(("noise.otf", bytes(cbad)))
    return out


def _profiles() -> list[tuple[str, bytes]]:
    icc = (ROOT / "icc" / "default_cmyk.icc").read_bytes()
    out = [("empty.icc", b""), ("text.icc", b"x" * 200), ("trunc.icc", icc[:len(icc) // 3]),
           ("header.icc", icc[:132]), ("tags.icc", icc[:132] + b"\xff" * 4 + icc[136:400])]
    flipped = bytearray(icc)
    for k in range(200, len(flipped), 97):
        flipped[k] ^= 0x5A
    out.append(("noise.icc", bytes(flipped)))
    try:
        from PIL import ImageCms
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        out.append(("srgb.icc", srgb))
    except Exception:
        pass
    return out


def broken_files(kind: str) -> list[tuple[str, bytes]]:
    """Damaged (and a few odd but valid) files of the kind a key names."""
    group = {"image": "pictures", "fonts": "fonts", "icc": "profiles"}.get(kind, "any")
    if group not in _FILE_CACHE:
        if group == "pictures":
            _FILE_CACHE[group] = _pictures()
        elif group == "fonts":
            _FILE_CACHE[group] = _fonts()
        elif group == "profiles":
            _FILE_CACHE[group] = _profiles()
        else:
            _FILE_CACHE[group] = [("empty.bin", b""), ("noise.bin", bytes(range(256)) * 4)]
    return _FILE_CACHE[group]


# -- YAML features, encodings, limits --------------------------------------------------------
def _text() -> str:
    return dump(BASE).decode("utf-8")


def yaml_cases() -> Iterator[Case]:
    t = _text()
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
        for i in range(8))
    pages = "pages:\n" + t.split("pages:\n", 1)[1]
    story = t.split("stories:\n", 1)[1].split("    groups:")[0]
    head = t.split("pages:\n", 1)[0]
    cases = {
        "billion-laughs": laughs + t,
        "laughs-in-pages": head + "x: &s\n" + story.replace("\n  ", "\n") + pages,
        "alias-pages": head + "pages: &p\n" + pages.split("\n", 1)[1] + "extra: *p\n",
        "page-bomb": _page_bomb(head, t),
        "recursive-alias": t + "loop: &l [*l]\n",
        "undefined-alias": t.replace("name: 测试报", "name: *nothing"),
        "merge-key": t.replace("paper:\n", "base: &b {pinyin: X}\npaper:\n  <<: *b\n"),
        "merge-bad": t.replace("paper:\n", "paper:\n  <<: 5\n"),
        "python-tag": t.replace("name: 测试报", "name: !!python/object/apply:os.system [ls]"),
        "custom-tag": t.replace("name: 测试报", "name: !custom 测试报"),
        "set-tag": t.replace("name: 测试报", "name: !!set {a, b}"),
        "omap-tag": t.replace("name: 测试报", "name: !!omap [a: 1]"),
        "binary-tag": t.replace("name: 测试报", "name: !!binary aGVsbG8="),
        "int-tag": t.replace("number: 2\n", "number: !!str 2\n"),
        "str-on-int": t.replace("col: 1", "col: !!int '1'"),
        "float-tag": t.replace("col: 1", "col: !!float 1"),
        "two-documents": t + "---\n" + t,
        "directive": "%YAML 1.1\n%TAG ! tag:x,2000:\n---\n" + t,
        "bad-directive": "%YAML 9.9\n---\n" + t,
        "complex-key": t.replace("paper:\n", "? [a, b]\n: c\npaper:\n"),
        "null-key": t.replace("paper:\n", "~: x\npaper:\n"),
        "int-key": t.replace("paper:\n", "1: x\npaper:\n"),
        "list-root": "- " + t.replace("\n", "\n  "),
        "scalar-root": "just a line\n",
        "empty": "",
        "comment-only": "# nothing\n",
        "tabs": t.replace("  name: 测试报", "\tname: 测试报"),
        "crlf": t.replace("\n", "\r\n"),
        "cr-only": t.replace("\n", "\r"),
        "no-final-newline": t.rstrip("\n"),
        "deep-list": "paper: " + "[" * 5000 + "]" * 5000 + "\n",
        "deep-map": "paper: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
        "deep-block": "paper:\n" + "".join(" " * i + "a:\n" for i in range(1, 3000)),
        "long-key": t.replace("paper:\n", "k" * 2000 + ": 1\npaper:\n"),
        "many-keys": t + "".join(f"k{i}: {i}\n" for i in range(20_000)),
        "many-problems": t.replace("stories:\n", "stories:\n" + "      - {}\n" * 5000),
        "surrogate": t.replace("name: 测试报", 'name: "\\ud800"'),
        "surrogate-body": t.replace("body: ", 'body: "\\udfff" #'),
        "nul-escape": t.replace("name: 测试报", 'name: "a\\0b"'),
        "bom-utf8": "\ufeff" + t,
        "bom-middle": t.replace("issue:", "\ufeffissue:"),
        "anchor-on-key": t.replace("paper:\n", "&k paper:\n"),
        "duplicate-anchor": t.replace("name: 测试报", "name: &a 测试报").replace(
            "name: 地方科协", "name: &a 地方科协"),
        "huge-anchor-name": t.replace("name: 测试报", "name: &" + "a" * 5000 + " 测试报"),
    }
    for name, text in cases.items():
        yield Case(f"yaml:{name}", {"issue.yaml": text.encode("utf-8", "surrogatepass")})


def _page_bomb(head: str, t: str) -> str:
    """1,000 pages of 1,000 stories from a few lines of aliases (the issue's 7 KB file)."""
    story = ("  s: &s {id: a, headline: 标题, body: 正文。, place: {col: 1, span: 1, row: 1, rows: 2}}\n"
             )
    lines = "defs:\n" + story
    page = "  p: &p {number: 1, name: 版, stories: [" + ", ".join(["*s"] * 1000) + "]}\n"
    return head + lines + page + "pages: [" + ", ".join(["*p"] * 1000) + "]\n"


def encoding_cases() -> Iterator[Case]:
    t = _text()
    for name, data in (("gbk", t.encode("gbk")), ("gb18030", t.encode("gb18030")),
                       ("utf16le-bom", b"\xff\xfe" + t.encode("utf-16-le")),
                       ("utf16be-bom", b"\xfe\xff" + t.encode("utf-16-be")),
                       ("utf16-nobom", t.encode("utf-16-le")),
                       ("utf32", t.encode("utf-32")), ("big5", t.encode("big5", "replace")),
                       ("latin1-bytes", t.encode("utf-8").replace("测".encode(), b"\xe9")),
                       ("nul-bytes", t.encode("utf-8").replace(b"paper", b"pa\0per")),
                       ("binary", bytes(range(256)) * 40),
                       ("truncated-utf8", t.encode("utf-8")[:-2] if t.encode()[-2] > 127
                        else t.encode("utf-8").replace("测".encode(), "测".encode()[:2]))):
        yield Case(f"encoding:{name}", {"issue.yaml": data})


def _with_body(body: str) -> bytes:
    doc = copy.deepcopy(BASE)
    doc["pages"][0]["stories"][0]["body"] = "BODY-HERE"
    return dump(doc).replace(b"BODY-HERE", body.encode())


def limit_cases() -> Iterator[Case]:
    """Inputs past the limits: refused quickly, in bounded memory."""
    t = _text()
    yield Case("limit:50MB-body", {"issue.yaml": _with_body("很长的正文。" * 3_000_000)})
    yield Case("limit:overset-1MB", {"issue.yaml": _with_body("正文很长。" * 70_000)})
    yield Case("limit:one-long-paragraph", {"issue.yaml": _with_body("正" * 300_000)})
    yield Case("limit:60MB-file", {"issue.yaml": t.encode() + b"#" + b"x" * 60_000_000 + b"\n"})
    t = _text()
    head, page = t.split("pages:\n", 1)
    page = page.split("style:")[0] if "style:" in page else page
    pages = "".join(page.replace("number: 2", f"number: {i + 1}").replace("id: one", f"id: s{i}")
                    .replace("id: grp", f"id: g{i}").replace("id: pic", f"id: p{i}")
                    for i in range(1200))
    yield Case("limit:1200-pages", {"issue.yaml": (head + "pages:\n" + pages).encode()})
    story = ("  - {{id: s{i}, headline: 标题, body: 正文。, "
             "place: {{col: {c}, span: 1, row: {r}, rows: 1}}}}\n")
    stories = "".join(story.format(i=i, c=1 + i % 8, r=1 + i // 8 % 80) for i in range(5000))
    yield Case("limit:5000-stories", {"issue.yaml": (
        "paper: {name: 报}\nissue: {date: 2023-01-13}\npages:\n- number: 1\n  name: 版\n"
        "  stories:\n" + stories).encode()})
    doc = copy.deepcopy(BASE)
    doc["pages"][0]["footer"]["names"] = [f"单位{i}" for i in range(50_000)]
    yield Case("limit:50k-names", {"issue.yaml": dump(doc)})
    yield Case("limit:deep-invalid", {"issue.yaml": ("paper: " + "[" * 50_000 + "x: : ]").encode()})
    yield Case("limit:deep-block-invalid", {"issue.yaml": ("paper:\n" + "".join(
        " " * i + "- a\n" + " " * i + "-\n" for i in range(1, 2000)) + "\t: x\n").encode()})


def all_cases() -> Iterator[Case]:
    yield base_case()
    yield from key_cases()
    yield from yaml_cases()
    yield from encoding_cases()
    yield from limit_cases()


# -- the mutation fuzzer ----------------------------------------------------------------------
TOKENS = [":", ": ", "- ", "-", "&a ", "*a", "!!str ", "!!int ", "<<: ", "{", "}", "[", "]",
          "'", '"', "\t", "#", "|", ">", "? ", "%", "@", "`", "\\", "\n", "\n\n", "  ", "~",
          "0", "-1", "999999999", "foot", "null", "yes", "**", "——", "。", "\u200b", "𠀀",
          "\ue000", "\ufeff", "\x85"]


def mutate(text: str, rng: random.Random, n: int = 3) -> str:
    """n random edits of the kinds a hurried edit or a damaged save makes."""
    lines = text.split("\n")
    for _ in range(n):
        op = rng.randrange(9)
        i = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [rng.choice(TOKENS)]
        elif op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            d = rng.choice((-4, -2, -1, 1, 2, 4))
            lines[i] = " " * max(0, d) + lines[i][max(0, -d):]
        elif op == 4:
            s = lines[i]
            k = rng.randrange(len(s) + 1)
            lines[i] = s[:k] + rng.choice(TOKENS) + s[k:]
        elif op == 5:
            s = lines[i]
            if s:
                k = rng.randrange(len(s))
                lines[i] = s[:k] + s[k + rng.randrange(1, 6):]
        elif op == 6:
            lines[i] = re.sub(r"\d+", lambda m: rng.choice(["0", "-3", "88", "1e9", "x", ""]),
                              lines[i], count=1)
        elif op == 7:
            lines = lines[:rng.randrange(len(lines) + 1)]
        else:
            lines[i] = lines[i].replace(": ", rng.choice([": ", ":", " : ", ": &a ", ": *a "]), 1)
    return "\n".join(lines)


def mutation_cases(count: int, seed: int = 19) -> Iterator[Case]:
    rng = random.Random(seed)
    samples = [(p.stem, p.read_text(encoding="utf-8")) for p in (SAMPLE, TABLOID)]
    for k in range(count):
        stem, text = samples[k % len(samples)]
        yield Case(f"mutant:{stem}:{k}", {"issue.yaml": mutate(text, rng, rng.randrange(1, 6))
                                          .encode("utf-8", "surrogatepass")})


# -- damaged PDFs -----------------------------------------------------------------------------
def damage(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One damaged copy of a PDF: cut short, bytes changed, a range zeroed, removed or
    repeated."""
    n = len(data)
    op = rng.randrange(6)
    at = rng.randrange(n)
    if op == 0:
        return f"truncated at {at}", data[:at]
    if op == 1:
        b = bytearray(data)
        for k in rng.sample(range(n), rng.choice((1, 1, 2, 8))):
            b[k] = (b[k] + rng.randrange(1, 256)) % 256
        return "bytes changed", bytes(b)
    if op == 2:
        m = rng.randrange(1, 4096)
        return f"{m} bytes zeroed at {at}", data[:at] + b"\0" * m + data[at + m:]
    if op == 3:
        m = rng.randrange(1, 4096)
        return f"{m} bytes removed at {at}", data[:at] + data[at + m:]
    if op == 4:
        m = rng.randrange(1, 4096)
        return f"{m} bytes repeated at {at}", data[:at + m] + data[at:]
    b = bytearray(data)
    b[at] ^= 1 << rng.randrange(8)
    return "one bit flipped", bytes(b)


# -- running a case ---------------------------------------------------------------------------
# findings of `layout check` about the input itself, not about what layout made of it
INPUT_FINDINGS = frozenset({"low-ppi"})


class Outcome(NamedTuple):
    kind: str        # built | flagged | refused | overset | wrong-output | internal | unpositioned | lost-file
    code: int
    seconds: float
    detail: str


_DIAG = re.compile(r"^(?P<where>.+?): error: ")
_POSITIONED = re.compile(r"^.+:\d+:\d+$")


def diagnostic_problems(err: str) -> list[str]:
    """Every error line of `err` must name file:line:column and be followed by a hint."""
    bad = []
    lines = err.splitlines()
    for k, line in enumerate(lines):
        if line.startswith(("internal error", "Traceback")):
            bad.append(line)
            continue
        m = _DIAG.match(line)
        if line.startswith("error: ") or (m and not _POSITIONED.match(m.group("where"))):
            bad.append(f"no position: {line}")
        elif m and not (k + 1 < len(lines) and lines[k + 1].startswith("    hint: ")):
            bad.append(f"no hint: {line}")
    return bad


def write_case(case: Case, folder: Path) -> tuple[str, ...]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in case.files.items():
        (folder / name).write_bytes(data)
    return tuple(case.files)


def run_case(case: Case, folder: Path) -> Outcome:
    """Build `case` in `folder` with `layout build` (in this process) and sort the outcome."""
    return run_written(folder, write_case(case, folder), case.args)


def run_written(folder: Path, names: tuple[str, ...], args: tuple = ()) -> Outcome:
    """`layout build` of the case written in `folder` (its files `names`), sorted."""
    from layout.cli import main
    before = {name: (folder / name).read_bytes() for name in names}
    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", str(folder / "issue.yaml"), "-o", str(folder / "out.pdf"), *args])
    seconds = time.perf_counter() - t0
    before = {n: data for n, data in before.items() if (folder / n).read_bytes() != data}
    return sort_outcome(code, seconds, err.getvalue(), out.getvalue(), folder, list(before))


def sort_outcome(code: int, seconds: float, err: str, out: str, folder: Path,
                 changed: list[str]) -> Outcome:
    if changed:
        return Outcome("lost-file", code, seconds, f"changed: {changed}")
    if code == 1:
        return Outcome("internal", code, seconds, err[-600:])
    if code == 2:
        bad = diagnostic_problems(err)
        return Outcome("unpositioned" if bad else "refused", code, seconds,
                       "\n".join(bad[:3]) if bad else err[:300])
    if code == 3:
        return Outcome("overset", code, seconds, err[:200])
    if code == 4:
        # the check's counts by kind ("    low-ppi 1"): a finding about what the input gave
        # (a photo printing under 100 ppi: issue 13) is the check doing its job
        kinds = set(re.findall(r"(?m)^    ([a-z][a-z-]*) \d+$", out))
        if kinds and kinds <= INPUT_FINDINGS:
            return Outcome("flagged", code, seconds, ", ".join(sorted(kinds)))
        return Outcome("wrong-output", code, seconds, out[-800:])
    if code == 0:
        ok = (folder / "out.pdf").read_bytes()[:5] == b"%PDF-"
        return Outcome("built" if ok else "wrong-output", code, seconds, "")
    return Outcome("internal", code, seconds, f"exit {code}: {err[-300:]}")
