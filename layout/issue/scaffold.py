"""Issue-file text written for the editor: `layout import story.docx` (a story as YAML to
paste under a page's `stories:`) and `layout new NAME` (a new issue to start from).

The import reads the copy with issue.copy and takes, where the copy shows them plainly, the
headline (a first paragraph in a heading style, all bold, or short and without a closing
mark), the 电头 (本报讯, 本报成都电, 新华社北京电 and its parenthesis at the start of the first
paragraph) and the 署名 (a last paragraph in parentheses, or 本报记者 …); each guess is marked
with a comment for the editor to check.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import NamedTuple

from layout.issue.copy import CopyError, read_copy

_DATELINE = re.compile(r"^(本报讯|(?:本报|新华社|中新社)[\u4e00-\u9fff]{1,8}电)"
                       r"((?:（|\()[^（）()]{1,24}(?:）|\)))?[\s\u3000]*")
_BYLINE = re.compile(r"^(?:（|\()([^（）()]{2,30})(?:）|\))$|^((?:本报)?(?:记者|通讯员|特约记者)\s*\S.{0,20})$")
_CLOSING = "。！？；…”』」）)"


def _plain(text: str) -> str:
    return text.replace("\\**", "\0").replace("**", "").replace("\0", "**")


def story_yaml(path: str, story_id: str | None = None, column_chars: int = 13) -> str:
    """The story of a copy file as YAML, indented for a page's `stories:` list."""
    copy = read_copy(path)
    paras = [text for _, text in copy.paragraphs]
    if not paras:
        raise CopyError(f"'{os.path.basename(path)}' has no text", "is it the right file?")
    notes = {}
    headline = ""
    if len(paras) > 1 and _looks_like_headline(paras[0]):
        headline = _plain(paras.pop(0))
        notes["headline"] = "the first paragraph of the file: check it"
    dateline = ""
    m = _DATELINE.match(paras[0]) if paras else None
    if m and len(paras[0]) > m.end():
        dateline, paras[0] = m.group(0).strip(" \u3000"), paras[0][m.end():]
        notes["dateline"] = "taken from the start of the first paragraph"
    byline = ""
    b = _BYLINE.match(_plain(paras[-1]).strip()) if len(paras) > 1 else None
    if b:
        byline = (b.group(1) or b.group(2)).strip()
        paras.pop()
        notes["byline"] = "the last paragraph of the file"
    story = _Story(story_id or _id_from(path), headline, dateline, paras, byline, notes)
    return _emit(story, os.path.basename(path), column_chars)


def _looks_like_headline(p: str) -> bool:
    core = _plain(p)
    all_bold = p.startswith("**") and p.endswith("**") and p.count("**") == 2
    return all_bold or (len(core) <= 40 and core[-1:] not in _CLOSING)


def _id_from(path: str) -> str:
    stem = Path(path).stem
    return stem if re.fullmatch(r"[\w-]{1,40}", stem) else "story"


class _Story(NamedTuple):
    sid: str
    headline: str
    dateline: str
    paras: list
    byline: str
    notes: dict          # key -> what the editor should check about its value


def _emit(story: _Story, name: str, column_chars: int) -> str:
    """The story, at the indentation of a story in issues/ (under `    stories:`)."""
    sid, headline, dateline, paras, byline, notes = story
    chars = sum(len(_plain(p)) for p in paras)
    lines = sum(-(-len(_plain(p)) // column_chars) for p in paras)
    rows = [("id", _scalar(sid), f"from {name}; ids are unique in an issue"),
            ("headline", _scalar(headline or "标题"), notes.get("headline", "write the headline"))]
    if dateline:
        rows.append(("dateline", _scalar(dateline), notes["dateline"]))
    rows.append(("place", "{col: 1, span: 3, row: 1, rows: 20}",
                 "where the block goes: set it (layout fit, or the desk)"))
    out = [f"# {name}: paste under a page's `stories:`"]
    for i, (key, value, note) in enumerate(rows):
        out.append(_noted(f"{'      - ' if i == 0 else '        '}{key}: {value}", note))
    out.append(f"        # {chars} character{'s' * (chars != 1)}: about {lines} "
               f"line{'s' * (lines != 1)} of a {column_chars}-character column (layout fit "
               "gives the exact number)")
    out.append("        body: |")
    for i, p in enumerate(paras):
        out += ([""] if i else []) + [f"          {p}"]
    if byline:
        out.append(_noted(f"        byline: {_scalar(byline)}", notes["byline"]))
    return "\n".join(out) + "\n"


def _noted(line: str, note: str, column: int = 44) -> str:
    """The line with its comment at `column` as the editor sees it (a Chinese character
    takes two cells of a monospaced editor)."""
    import unicodedata
    cells = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    return f"{line}{' ' * max(1, column - cells)}# {note}"


_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@` \t")


def _scalar(text: str) -> str:
    """A one-line YAML value: plain where YAML reads it back as this string, else
    double-quoted (JSON's quoting is valid YAML)."""
    import json
    risky = (not text or text[0] in _PLAIN_START or text != text.strip() or ": " in text
             or " #" in text or "\n" in text
             or re.fullmatch(r"[-+.\d:eE_]+|true|false|yes|no|on|off|null|~", text, re.I))
    return json.dumps(text, ensure_ascii=False) if risky else text


def schema_ref(issue_path: Path) -> str:
    """The `$schema=` path an issue file at `issue_path` names docs/issue.schema.json by."""
    from layout.issue.schema_doc import JSON_SCHEMA
    try:
        return os.path.relpath(JSON_SCHEMA, issue_path.resolve().parent)
    except ValueError:                      # another drive (Windows)
        return JSON_SCHEMA.as_uri()


def new_issue(path: Path, name: str, today: dt.date | None = None) -> str:
    """The text of a new issue file: a front page (报头) and an inside page (报眉) with a
    story of each size, a 专栏, a picture frame and a co-organiser box, every key commented."""
    date = (today or dt.date.today()).isoformat()
    return _NEW.format(schema=schema_ref(path), name=name, date=date)


_NEW = """\
# yaml-language-server: $schema={schema}
# {name}: a new issue. `layout serve` shows it in the browser as you edit; `layout build`
# writes the PDF. Every key, with its default: docs/issue-format.md (or hover a key in VS Code).

paper:
  name: {name}                 # 报名
  pinyin: ""                    # the name in pinyin for the masthead, e.g. SICHUAN KEJI BAO
  facts:                        # printed in the masthead of page 1
    国内统一刊号: CN 00-0000
    邮发代号: 00-00

issue:
  date: {date}              # 出版日期
  number: 1                     # 期号 of the year
  total: 1                      # 总第N期

pages:
  # Page 1 (要闻): the masthead (报头) takes the top of the page; 83 rows of the grid below it.
  - number: 1
    name: 要闻
    format: broadsheet          # 对开; or tabloid (四开), or a mapping (docs/issue-format.md)
    credits:
      责任编辑: 编辑姓名
      校对: 校对姓名
    stories:
      - id: toutiao             # 头条: the lead story, widest and highest
        kicker: 引题（可删去）
        headline: 头条标题
        subhead: 副题（可删去）
        dateline: 本报讯
        place: {{col: 1, span: 5, row: 1, rows: 40}}   # 栏 1–5, 行 1–40
        # The copy can also come from a file: body: {{file: 稿件.docx}} (or .txt, .md);
        # `layout import 稿件.docx` prints a Word story in this form, to paste here.
        body: |
          在这里粘贴正文。段与段之间空一行；段首不必空格，缩进由排版完成。

          **加粗的导语**写在两个星号之间。
        byline: 本报记者 姓名

      - id: erhao               # 二条, beside the lead
        headline: 二条标题
        dateline: 本报讯
        place: {{col: 6, span: 3, row: 1, rows: 40}}
        body: |
          正文。

      - id: sanhao
        headline: 标题
        dateline: 本报讯
        place: {{col: 1, span: 5, row: 71, rows: foot}}   # foot: down to the foot of the grid
        body: |
          正文。

      - id: sihao
        headline: 标题
        dateline: 本报讯
        place: {{col: 6, span: 3, row: 41, rows: foot}}
        body: |
          正文。

    pictures:
      - id: toutu               # a picture frame; give it `file: photo.jpg` for the photo
        caption: 图片说明
        place: {{col: 1, span: 5, row: 41, rows: 30}}

  # An inside page: the 报眉 at the top, a 专栏 group and the co-organiser box at the foot.
  - number: 2
    name: 综合新闻
    pinyin: ZONG HE XIN WEN
    stories:
      - id: story-a
        headline: 标题
        dateline: 本报讯
        place: {{col: 1, span: 4, row: 1, rows: foot}}   # down to the footer box (rows 85–88)
        body: |
          正文。

    groups:
      - id: zhuanlan            # 专栏: a banner, a group headline, items with 小标题
        banner: 栏目名
        headline: 专栏总标题
        place: {{col: 5, span: 4, row: 1, rows: foot}}
        items:
          - title: 小标题
            body: |
              正文。
        credit: 本栏目组稿：姓名

    footer:                     # 协办单位 box, full width at the foot by default
      names:
        - 协办单位一
        - 协办单位二
"""
