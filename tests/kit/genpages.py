"""Generated pages for the page composer (layout.arrange): one-page issues without places.

`generate(seed, fmt)` returns the YAML text of a one-page issue in `fmt` (broadsheet or
tabloid) whose blocks have no `place`, deterministic for a seed:

- 3–10 stories of 150–3,000 characters each, real Chinese copy: the paragraphs of the sample
  issues' stories and 专栏 items and of tests/texts/*.yaml, taken in a shuffled order and
  re-cut to length at sentence ends (never inside a **bold** run); headlines from the samples
  or clauses of the copy; now and then an 引题 (kicker), a 副题 (subhead), a span limit;
- ranks 1..k as a random permutation, the stories written in a shuffled file order (a 专栏,
  when the page has one, takes a rank too, never 1);
- 0–3 pictures: a photo of issues/photos (with caption and credit) or a placeholder frame
  (图框, no file); some belong to a story (`picture:`), some stand alone;
- with and without a 专栏 (2–3 items) and a co-organiser footer; a tabloid page is sometimes
  page 1 with the 报头, as issues/sample-composed.yaml.

How much copy: what an editor assigns to the page, calibrated on the hand-composed samples
(issues/sample-difang-kexie.yaml, issues/sample-tabloid.yaml; `calibration()` measures them
again, benchmarks/bench_arrange.py prints both). The samples' blocks give, per format,

    characters per body line used   broadsheet 12.18 (13-character column), tabloid 11.34 (12)
    rows × columns a story's heading, air and rule take beyond its body lines
                                    broadsheet 21.0 cells a story, 35 a 专栏;
                                    tabloid 18.8 a story, 32 a 专栏

(gross body-copy fill of the samples, characters / (rows × columns × characters a column
line): broadsheet 0.446, tabloid 0.431 and 0.520). A page's copy is then

    (grid cells − footer cells − pictures' nominal cells − headings' cells)
        × characters per line × (1 + u),   u uniform in [−6 %, +6 %]

(cut at sentence ends, the copy lands within 7 % of the drawn figure and within −8 % …
+8 % of the estimate, seeds 1–60), with each picture's nominal cells those of a 3:2 frame,
caption and air across 4 columns (the first picture on a broadsheet), 3 (others on a
broadsheet; the first on a tabloid) or 2 (others on a tabloid). The composer sizes pictures
within their crop (placeholders freely), so the copy it sees is a little over or a little
short of its page by more or less than u: those pages must say what to cut or add. `plan(seed, fmt)` gives u and the estimate.

The issue refers to `photos/…` relative to itself: `write(seed, fmt, folder)` writes it
beside a copy of issues/photos.
"""
from __future__ import annotations

import math
import random
import re
import shutil
from functools import lru_cache
from pathlib import Path

import yaml

from layout.page.formats import PRESETS, with_masthead

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / "issues" / "photos"
SOURCES = ("issues/sample-difang-kexie.yaml", "issues/sample-tabloid.yaml",
           "issues/sample-composed.yaml")

SPREAD = 0.06                   # ± share of the estimated capacity the copy is drawn in
LENGTHS = (150, 3000)           # characters of a story
MAX_STORIES = 10

# measured on the hand-composed samples (see the docstring; calibration() again)
CHARS_PER_LINE = {"broadsheet": 12.18, "tabloid": 11.34}
HEAD_CELLS = {"broadsheet": (21.0, 35.0), "tabloid": (18.8, 32.0)}   # (story, 专栏)

SECTIONS = (("要闻", "YAO WEN"), ("地方科协", "DI FANG KE XIE"), ("科普", "KE PU"),
            ("综合", "ZONG HE"), ("学会", "XUE HUI"), ("基层", "JI CENG"))
IDS = ("dangwei", "zongjie", "neijiang", "aba", "bazhou", "kepu", "chengdu", "deyang",
       "mianyang", "leshan", "yibin", "luzhou")
PHOTO_FILES = ("huichang.jpg", "kepu.jpg", "shanchuan.jpg")
BANNERS = ("认真学习宣传贯彻党的二十大精神", "科协动态", "基层科普在行动", "学会之窗")
FOOTER_NAMES = ("凉山州科学技术协会", "甘孜州科学技术协会", "阿坝州科学技术协会",
                "资阳市科学技术协会", "眉山市科学技术协会", "雅安市科学技术协会",
                "巴中市科学技术协会", "达州市科学技术协会", "宜宾市科学技术协会",
                "南充市科学技术协会", "乐山市科学技术协会", "内江市科学技术协会",
                "遂宁市科学技术协会", "广元市科学技术协会", "绵阳市科学技术协会",
                "德阳市科学技术协会", "泸州市科学技术协会", "攀枝花市科学技术协会",
                "自贡市科学技术协会")
BYLINES = ("本报记者 曾青瑶", "本报记者 张跃明", "彭佳", "阿坝州科协", "李明秋 本报记者 张跃明",
           "省科协社会组织联合党委", None)


# -- the copy ------------------------------------------------------------------------------
def _bodies(doc: dict):
    for page in doc.get("pages") or ():
        for s in page.get("stories") or ():
            yield s.get("body")
        for g in page.get("groups") or ():
            for it in g.get("items") or ():
                yield it.get("body")


@lru_cache(maxsize=1)
def corpus() -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], tuple[str, ...]]:
    """The paragraphs (each a tuple of its sentences), the headlines and the captions of the
    samples and tests/texts, each once, in file order."""
    files = [ROOT / s for s in SOURCES if (ROOT / s).exists()]
    files += sorted((ROOT / "tests" / "texts").glob("*.yaml"))
    paras, heads, caps, seen = [], [], [], set()
    for f in files:
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for body in _bodies(doc):
            for para in (body or "").split("\n\n") if isinstance(body, str) else ():
                para = para.strip().replace("\n", "")
                if len(para) >= 20 and para not in seen:
                    seen.add(para)
                    paras.append(tuple(sentences(para)))
        for page in doc.get("pages") or ():
            for s in page.get("stories") or ():
                h = str(s.get("headline", "")).replace("\n", "")
                if h and h not in heads:
                    heads.append(h)
            for p in page.get("pictures") or ():
                if p.get("caption") and p["caption"] not in caps:
                    caps.append(p["caption"])
    return tuple(paras), tuple(heads), tuple(caps)


_END = "。！？!?"
_CLOSE = "”’）)》」』"


def sentences(para: str) -> list[str]:
    """A paragraph cut after each sentence end (with the closing marks after it), never
    inside a **bold** run nor inside quotation marks."""
    out, start, bold, depth, i = [], 0, False, 0, 0
    while i < len(para):
        if para.startswith("**", i):
            bold = not bold
            i += 2
            continue
        ch = para[i]
        depth += ch in "“（(《" and 1 or 0
        depth -= ch in "”）)》" and 1 or 0
        depth = max(depth, 0)
        i += 1
        if ch in _END and not bold:
            while i < len(para) and para[i] in _CLOSE:
                depth = max(0, depth - (para[i] in "”）)》"))
                i += 1
            if depth == 0:
                out.append(para[start:i])
                start = i
    if start < len(para):
        out.append(para[start:])
    return out


class _Copy:
    """The corpus as one stream of sentences in a shuffled paragraph order: each story takes
    the next sentences (a story opens a new paragraph), cycling when the stream runs out."""

    def __init__(self, rng: random.Random):
        paras = list(corpus()[0])
        rng.shuffle(paras)
        self.paras, self.p, self.s = paras, 0, 0

    def _peek(self) -> str:
        return self.paras[self.p % len(self.paras)][self.s]

    def _advance(self) -> bool:
        """Past the next sentence; True when it ended its paragraph."""
        self.s += 1
        if self.s >= len(self.paras[self.p % len(self.paras)]):
            self.p, self.s = self.p + 1, 0
            return True
        return False

    def take(self, target: int, lo: int = 0, hi: int = 10 ** 9) -> str:
        """The next sentences, up to the sentence end nearest `target` characters within
        lo–hi, as paragraphs."""
        paras, cur, n, skipped = [], [], 0, 0
        while True:
            sent = self._peek()
            after = n + len(sent)
            if n < lo and after > 1.3 * max(lo, target) and skipped < 40:
                if self._advance() and cur:   # a long sentence would take a short story
                    paras.append("".join(cur))  # far past its length: the next one
                    cur = []
                skipped += 1
                continue
            if n and n >= lo and (after > hi or abs(after - target) > abs(n - target)):
                break
            cur.append(sent)
            n = after
            if self._advance():
                paras.append("".join(cur))
                cur = []
        if cur:
            paras.append("".join(cur))
        return "\n\n".join(paras)


@lru_cache(maxsize=1)
def _clauses() -> tuple[str, ...]:
    """Headline-like clauses of the copy: 10–20 characters between marks, no quotes,
    brackets, digits or Latin letters."""
    out = []
    for para in corpus()[0]:
        for part in re.split(r"[，。；：！？,.;:!?、]", "".join(para)):
            if 10 <= len(part) <= 20 and not re.search(r"[“”‘’《》（）()*\[\]A-Za-z0-9０-９]", part):
                out.append(part)
    return tuple(out)


# -- the page ------------------------------------------------------------------------------
def _grid(fmt: str, front: bool):
    f = PRESETS[fmt]
    return with_masthead(f) if front else f


def _footer_rows(names: list[str], f) -> int:
    """As the build sets the co-organiser box (page.places.footer_rows): an even grid of the
    names beside the title column, one row of air above and below."""
    names_w = f.type_w - f.column_w - f.gutter - 2 * f.em
    cell, gap = max(map(len, names)) * f.em, 1.5 * f.em
    per = max(1, int((names_w + gap) // (cell + gap)))
    return math.ceil(len(names) / per) + 2


def _picture_cells(span: int, f) -> int:
    """A 3:2 frame `span` columns wide, a caption line and a row of air, in grid cells."""
    w = f.span_w(span)
    return span * (math.ceil(w / 1.5 / f.pitch) + 2)


def plan(seed: int, fmt: str) -> dict:
    """The page's make-up before the copy is cut: what it holds and the copy it gets."""
    if fmt not in ("broadsheet", "tabloid"):
        raise ValueError(f"format {fmt!r}: broadsheet or tabloid")
    rng = random.Random(seed * 7919 + (fmt == "tabloid"))
    front = fmt == "tabloid" and rng.random() < 0.4
    f = _grid(fmt, front)
    k = rng.randint(3, MAX_STORIES)
    group = rng.random() < 0.4
    footer = rng.sample(FOOTER_NAMES, rng.randint(4, len(FOOTER_NAMES))) \
        if rng.random() < 0.5 else None
    npics = rng.choices((0, 1, 2, 3), (20, 35, 30, 15))[0]
    first, other = (4, 3) if fmt == "broadsheet" else (3, 2)
    pic_cells = sum(_picture_cells(first if i == 0 else other, f) for i in range(npics))
    foot_cells = _footer_rows(footer, f) * f.columns if footer else 0
    head_story, head_group = HEAD_CELLS[fmt]
    u = rng.uniform(-SPREAD, SPREAD)
    while True:
        lines = (f.rows * f.columns - foot_cells - pic_cells - k * head_story
                 - group * head_group)
        chars = round(lines * CHARS_PER_LINE[fmt] * (1 + u))
        if k > 3 and chars < k * 250 + group * 400:     # too many stories for the room
            k -= 1
        elif k < MAX_STORIES and chars > k * 2400:
            k += 1
        else:
            break
    return {"rng": rng, "fmt": fmt, "front": front, "grid": f, "stories": k, "group": group,
            "footer": footer, "pictures": npics, "u": u, "chars": chars,
            "estimate": round(lines * CHARS_PER_LINE[fmt])}


def _lengths(rng: random.Random, total: int, k: int) -> list[int]:
    """Story lengths by rank (the lead and the second longer on average), within LENGTHS,
    summing to about `total`."""
    w = [rng.lognormvariate(0, 0.55) * (1.8 if i == 0 else 1.3 if i == 1 else 1.0)
         for i in range(k)]
    lo, hi = LENGTHS[0] + 60, LENGTHS[1]    # a story is cut at the sentence end nearest its
    out = [0.0] * k                         # length: aimed above 150 to stay unbiased
    free, left = list(range(k)), float(total)
    while free:
        scale = left / sum(w[i] for i in free)
        clipped = [i for i in free if not lo <= w[i] * scale <= hi]
        if not clipped:
            for i in free:
                out[i] = w[i] * scale
            break
        for i in clipped:
            out[i] = min(hi, max(lo, w[i] * scale))
            left -= out[i]
            free.remove(i)
    return [round(x) for x in out]


def page_dict(seed: int, fmt: str) -> dict:
    """The issue of the generated page as a dict (generate() writes it as YAML)."""
    pl = plan(seed, fmt)
    rng: random.Random = pl["rng"]
    copy = _Copy(rng)
    _, heads, caps = corpus()
    clauses = _clauses()
    k, group = pl["stories"], pl["group"]
    ids = rng.sample(IDS, k)
    # ranks: a permutation; a 专栏 takes one of them but never 1
    ranks = list(range(1, k + 1 + group))
    rest = ranks[1:]
    rng.shuffle(rest)
    group_rank = rest.pop() if group else None
    story_ranks = [1] + rest
    group_chars = 0
    g = None
    if group:
        g, group_chars = _group(rng, copy, pl)
        g["rank"] = group_rank
    lengths = _lengths(rng, max(pl["chars"] - group_chars, k * LENGTHS[0]), k)
    by_rank = sorted(range(k), key=lambda i: story_ranks[i])
    headlines = _headlines(rng, heads, clauses, k)
    stories, owed = [], 0          # characters the stories so far fell short (or over)
    for pos, i in enumerate(by_rank):            # the lead's copy first
        want = min(LENGTHS[1], max(LENGTHS[0], lengths[pos] + owed))
        stories.append(_story(rng, copy, (ids[i], story_ranks[i], want, headlines[pos]), pl))
        owed += lengths[pos] - len(stories[-1]["body"].replace("\n", ""))
    pictures = _pictures(rng, stories, caps, pl["pictures"])
    rng.shuffle(stories)
    name, pinyin = SECTIONS[0] if pl["front"] else rng.choice(SECTIONS[1:])
    page = {"number": 1 if pl["front"] else rng.randint(2, 8), "name": name}
    if not pl["front"]:
        page["pinyin"] = pinyin
    page["format"] = fmt
    page["credits"] = {"责任编辑": "张三", "校对": "王五"}
    page["stories"] = stories
    if g:
        page["groups"] = [g]
    if pictures:
        page["pictures"] = pictures
    if pl["footer"]:
        page["footer"] = {"title": "本版协办单位", "note": "排名不分先后",
                          "names": pl["footer"]}
    return {"paper": {"name": "四川科技报", "pinyin": "SICHUAN KEJI BAO",
                      "facts": {"国内统一刊号": "CN 51-0000", "邮发代号": "00-00"}},
            "issue": {"date": "2023-01-13", "number": 2, "total": 3000},
            "pages": [page]}


def _headlines(rng: random.Random, heads, clauses, k: int) -> list[str]:
    """k different headlines, the lead's and the second's from the samples' headlines."""
    pool = list(heads)
    rng.shuffle(pool)
    extra = list(clauses)
    rng.shuffle(extra)
    out = pool[:2]
    rest = [h for h in pool[2:] + extra if h not in out]
    return out + rest[:k - len(out)]


def _story(rng: random.Random, copy: _Copy, what: tuple, pl: dict) -> dict:
    sid, rank, length, headline = what
    s = {"id": sid, "rank": rank}
    if rng.random() < 0.15:
        s["kicker"] = rng.choice(("巴州区科协", "阿坝州科协", "成都市科协", "学习贯彻二十大精神"))
    s["headline"] = headline
    if rng.random() < 0.1 and rank <= 3:
        s["subhead"] = rng.choice(_clauses())
    limit = rng.random() < 0.1
    if rng.random() < 0.8:
        s["dateline"] = "本报讯"
    s["body"] = copy.take(length, *LENGTHS) + "\n"
    if limit:          # limits an editor would set: the copy can stand in the widest one
        f = pl["grid"]
        lines = len(s["body"]) / CHARS_PER_LINE[pl["fmt"]]
        need = min(f.columns, math.ceil(lines / (0.55 * f.rows)))
        lo = rng.choice((1, 2))
        s["span"] = {"min": lo, "max": min(f.columns, max(need, lo + rng.randint(1, 3)))}
    byline = rng.choice(BYLINES)
    if byline:
        s["byline"] = byline
    return s


def _group(rng: random.Random, copy: _Copy, pl: dict) -> tuple[dict, int]:
    """A 专栏 of 2–3 items (each 150–900 characters) taking 15–30 % of the page's copy."""
    items, n = [], 0
    total = pl["chars"] * rng.uniform(0.15, 0.30)
    count = max(2, min(3, int(total // 300)))
    titles = rng.sample(("成都市科协", "德阳市科协", "东兴区科协", "绵阳市科协", "乐山市科协",
                         "宜宾市科协"), count)
    for t in titles:
        body = copy.take(max(150, round(total / count)), 150, 900)
        n += len(body.replace("\n", ""))
        items.append({"title": t, "body": body + "\n"})
    g = {"id": "zhuanlan", "banner": rng.choice(BANNERS)}
    if rng.random() < 0.6:
        g["headline"] = rng.choice(_clauses())
    g["items"] = items
    if rng.random() < 0.6:
        g["credit"] = "本栏目组稿：刘茂 周玉琴 本报记者 张跃明"
    return g, n


def _pictures(rng: random.Random, stories: list[dict], caps, n: int) -> list[dict]:
    """n pictures: photos with caption and credit, or placeholder frames; some owned by a
    story of at least 400 characters (stories are in rank order here), some on their own."""
    out, files = [], list(PHOTO_FILES)
    rng.shuffle(files)
    owners = [s for s in stories if len(s["body"]) >= 400]
    for i in range(n):
        photo = rng.random() < 0.6 and files
        owner = owners.pop(0) if owners and rng.random() < 0.6 else None
        pid = f"{owner['id']}-photo" if owner else f"photo{i + 1}"
        p = {"id": pid}
        if photo:
            p["file"] = "photos/" + files.pop()
            p["caption"] = rng.choice(caps) if caps else "会议现场。"
            p["credit"] = rng.choice(("本报记者 曾青瑶 摄", "彭佳 摄", "阿坝州科协 供图"))
        elif rng.random() < 0.3 and caps:
            p["caption"] = rng.choice(caps)
        if owner:
            owner["picture"] = pid
        out.append(p)
    return out


# -- YAML ----------------------------------------------------------------------------------
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):    # libyaml's emitter: fast
    pass


def _str(dumper, s: str):
    style = "|" if "\n" in s else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style=style)


def _flow_dict(dumper, d: dict):
    flow = set(d) <= {"col", "span", "row", "rows", "min", "max", "lock"}
    return dumper.represent_mapping("tag:yaml.org,2002:map", d, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _flow_dict)


def to_yaml(doc: dict, note: str = "") -> str:
    head = "# Generated by tests/kit/genpages.py" + (f": {note}" if note else "") + "\n"
    return head + yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                            width=100000)


def generate(seed: int, fmt: str) -> str:
    """The YAML text of the generated one-page issue (no block placed)."""
    return to_yaml(page_dict(seed, fmt), f"seed {seed}, {fmt}")


def place_photos(folder: Path) -> None:
    """A copy of issues/photos in `folder` (the generated issues name photos/…)."""
    dest = Path(folder) / "photos"
    if not dest.exists():
        shutil.copytree(PHOTOS, dest)


def write(seed: int, fmt: str, folder: Path, doc: dict | None = None,
          name: str = "") -> Path:
    """The generated issue (or `doc`, a changed page_dict) written into `folder` beside a copy
    of issues/photos, as gen-FORMAT-SEED[-name].yaml; its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    place_photos(folder)
    path = folder / f"gen-{fmt}-{seed}{'-' + name if name else ''}.yaml"
    text = generate(seed, fmt) if doc is None else to_yaml(doc, f"seed {seed}, {fmt}, changed")
    path.write_text(text, encoding="utf-8")
    return path


def copy_chars(doc: dict) -> int:
    """Characters of body copy on the page (stories and 专栏 items), as the fill counts them."""
    page = doc["pages"][0]
    n = sum(len(s["body"].replace("\n", "")) for s in page["stories"])
    n += sum(len(it["body"].replace("\n", "")) for g in page.get("groups", ())
             for it in g["items"])
    return n


# -- late changes and the editor's cuts ------------------------------------------------------
def more_copy(n: int, seed: int = 0) -> str:
    """Exactly `n` characters of copy (plain sentences of the corpus, no markup), ending with
    a full stop: what a story grows by."""
    rng = random.Random(seed)
    pool = [s for para in corpus()[0] for s in para if "*" not in s and len(s) >= 12]
    rng.shuffle(pool)
    text = ""
    for s in pool * (n // 200 + 2):
        if len(text) >= n:
            break
        text += s
    return text[:n - 1] + "。"


def _strip_chars(body: str, n: int) -> str:
    """`body` less its last `n` characters (paragraph breaks not counted), a **bold** run it
    cuts into closed again by dropping its opening mark."""
    paras = [p for p in body.strip("\n").split("\n\n")]
    while n > 0 and paras:
        last = paras[-1]
        if len(last) <= n:
            n -= len(last)
            paras.pop()
        else:
            paras[-1], n = last[:len(last) - n], 0
    if paras and paras[-1].count("**") % 2:
        i = paras[-1].rfind("**")
        paras[-1] = paras[-1][:i] + paras[-1][i + 2:]
    return "\n\n".join(p for p in paras if p) + "\n"


def cut(doc: dict, block: str, n: int) -> bool:
    """Cut `n` characters from the end of a story's (or a 专栏's last item's) copy, as an
    editor told "cut N characters" does; False when no such block."""
    page = doc["pages"][0]
    for s in page["stories"]:
        if s["id"] == block:
            s["body"] = _strip_chars(s["body"], n)
            return True
    for g in page.get("groups", ()):
        if g["id"] == block:
            g["items"][-1]["body"] = _strip_chars(g["items"][-1]["body"], n)
            return True
    return False


def add(doc: dict, block: str, n: int, seed: int = 0) -> bool:
    """Add `n` characters of copy (a new paragraph) to a story or a 专栏's last item."""
    page = doc["pages"][0]
    extra = more_copy(n, seed)
    for s in page["stories"]:
        if s["id"] == block:
            s["body"] = s["body"].rstrip("\n") + "\n\n" + extra + "\n"
            return True
    for g in page.get("groups", ()):
        if g["id"] == block:
            it = g["items"][-1]
            it["body"] = it["body"].rstrip("\n") + "\n\n" + extra + "\n"
            return True
    return False


def halve(doc: dict, story: str) -> int:
    """Cut a story by half, at the sentence end nearest half its copy; characters cut."""
    s = next(s for s in doc["pages"][0]["stories"] if s["id"] == story)
    before = len(s["body"].replace("\n", ""))
    kept, n = [], 0
    for para in s["body"].strip("\n").split("\n\n"):
        sents = sentences(para)
        keep = []
        for sent in sents:
            if n + len(sent) / 2 > before / 2:
                break
            keep.append(sent)
            n += len(sent)
        if keep:
            kept.append("".join(keep))
        if len(keep) < len(sents):
            break
    body = "\n\n".join(kept) + "\n"
    if not before / 4 <= len(body) - 1 <= 3 * before / 4:    # one long sentence: cut in it
        body = _strip_chars(s["body"], before // 2)
    s["body"] = body
    return before - len(s["body"].replace("\n", ""))


PORTRAIT = "portrait-shanchuan.jpg"


def portrait(folder: Path) -> str:
    """A portrait photo (2:3, cut from the middle of issues/photos/shanchuan.jpg) in the
    folder's photos/; its path as an issue beside it names it."""
    from PIL import Image
    place_photos(folder)
    dest = Path(folder) / "photos" / PORTRAIT
    if not dest.exists():
        with Image.open(PHOTOS / "shanchuan.jpg") as im:
            w, h = im.size
            pw = h * 2 // 3
            im.crop(((w - pw) // 2, 0, (w - pw) // 2 + pw, h)).save(dest, quality=85)
    return "photos/" + PORTRAIT


def placed(doc: dict, page, lock: bool = False) -> dict:
    """`doc` (a page_dict) with the places of the composed `page` (issue.model.Page) written
    into it, as `layout compose --write` does: every story, 专栏 and picture, a headline
    size the composer stepped down and a 竖题 it chose."""
    import copy
    out = copy.deepcopy(doc)
    where = {b.id: b for b in page.stories + page.groups + page.pictures}
    pg = out["pages"][0]
    for key in ("stories", "groups", "pictures"):
        for b in pg.get(key, ()):
            got = where.get(b["id"])
            if got is None or got.place is None:
                continue
            p = got.place
            b["place"] = {"col": p.col, "span": p.span, "row": p.row, "rows": p.rows}
            if p.split:
                b["place"]["split"] = p.split       # 破栏 the composer chose
            if lock:
                b["place"]["lock"] = True
            if key == "stories" and got.headline_size and "size" not in b:
                b["size"] = int(got.headline_size) if got.headline_size == int(
                    got.headline_size) else got.headline_size
            if key == "stories" and got.vertical and "vertical" not in b:
                b["vertical"] = True            # a 竖题 the composer chose
            if key == "stories" and got.frame and "frame" not in b:
                b["frame"] = got.frame          # a frame it drew
    return out


def unplaced(doc: dict) -> dict:
    """`doc` with every place (and composed headline size and 竖题) taken out again."""
    import copy
    out = copy.deepcopy(doc)
    for key in ("stories", "groups", "pictures"):
        for b in out["pages"][0].get(key, ()):
            b.pop("place", None)
            if key == "stories":
                b.pop("size", None)
                b.pop("vertical", None)
                b.pop("frame", None)
    return out
