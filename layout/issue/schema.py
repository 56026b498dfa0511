"""The issue-file format, declared once: every key with its type, default and help text.

The loader checks a file against these declarations, and docs/issue-format.md documents the
same declarations (a test keeps the two in step). Keys are short English words so they are
quick to type; the help text gives the newspaper term.
"""
from __future__ import annotations

from typing import NamedTuple

from layout.issue.model import HouseStyle, PrintOptions



_PRINT = PrintOptions._field_defaults     # defaults live in the model, once
_STYLE = HouseStyle._field_defaults


class Field(NamedTuple):
    key: str
    kind: object            # "str" | "int" | "date" | "text" | "names" | "pairs" | "rows"
                            # | "fonts" (a font file, a list of them, or {file, bold})
                            # | Schema (a mapping) | ("list", Schema)
    required: bool = False
    default: object = None
    help: str = ""


class Schema:
    """A mapping of the format: its keys in order. Not a tuple (a field's kind is a Schema or
    the tuple ("list", Schema), and the two must stay apart)."""
    __slots__ = ("name", "fields", "_by_key")

    def __init__(self, name: str, fields: tuple[Field, ...]):
        self.name = name             # how messages call a mapping of this kind ("story", …)
        self.fields = fields
        self._by_key = {f.key: f for f in fields}

    def field(self, key: str) -> Field | None:
        return self._by_key.get(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


PLACE = Schema("place", (
    Field("col", "int", True, help="first basic column (栏), 1 = leftmost"),
    Field("span", "int", True, help="how many basic columns the block spans"),
    Field("row", "int", True, help="first body line (行) of the block, 1 = just under the top rule"),
    Field("rows", "rows", False, "foot",
          help="height in body lines, or `foot` to run down to the foot of the grid"),
    Field("split", "int", False, None,
          help="破栏: re-divide the spanned columns into this many sub-columns of whole characters"),
    Field("lock", "bool", False, False,
          help="keep the block at this place when `layout compose` recomposes the page (the "
               "desk's lock)"),
))

STORY = Schema("story", (
    Field("id", "str", True, help="a short name, unique in the issue; reports and errors use it"),
    Field("kicker", "str", False, "", help="引题: the line above the headline"),
    Field("headline", "str", True,
          help="主题: the headline; to break it where you want, write it in double quotes "
               "with \\n at the break: \"省科协召开部门（单位）\\n年度总结报告会\""),
    Field("subhead", "str", False, "", help="副题: the line below the headline"),
    Field("dateline", "str", False, "",
          help="电头 such as 本报讯: set in 黑 at the start of the first paragraph, then a 1-em space"),
    Field("body", "text", True,
          help="the paragraphs, separated by blank lines; `**…**` marks a bold run-in lead"),
    Field("byline", "str", False, "",
          help="署名: printed in parentheses on its own line, end-aligned: 本报记者 曾青瑶"),
    Field("size", "size", False, None,
          help="headline size in pt or as a 号 name (小初, 一号 …); default by block width"),
    Field("place", PLACE, True, help="the block's rectangle on the page grid"),
))

ITEM = Schema("item", (
    Field("title", "str", True, help="小标题 of the item"),
    Field("body", "text", True, help="paragraphs, as in a story"),
))

GROUP = Schema("group", (
    Field("id", "str", True, help="a short name, unique in the issue"),
    Field("banner", "str", True, help="栏题 on the banner band across the top of the group"),
    Field("headline", "str", False, "", help="the group headline under the banner"),
    Field("items", ("list", ITEM), True, help="the items, in reading order"),
    Field("credit", "str", False, "",
          help="group credit, printed in parentheses at the end: 本栏目组稿：刘茂"),
    Field("place", PLACE, True, help="the group's rectangle on the page grid"),
))

PICTURE = Schema("picture", (
    Field("id", "str", True, help="a short name, unique in the issue"),
    Field("file", "image", False, "",
          help="image file (PNG or JPEG), relative to the issue file; none = a placeholder frame"),
    Field("caption", "str", False, "", help="图片说明 printed under the picture"),
    Field("place", PLACE, True, help="the picture's rectangle on the page grid"),
))

FOOTER = Schema("footer", (
    Field("title", "str", False, "本版协办单位", help="the box title"),
    Field("note", "str", False, "排名不分先后", help="printed in parentheses under the title"),
    Field("names", "names", True, help="the names, listed in an even grid (均排)"),
    Field("place", PLACE, False, None,
          help="the box's rectangle; default the full width at the foot of the grid"),
))

FORMAT = Schema("format", (
    Field("preset", "str", False, "broadsheet", help="the preset to start from: broadsheet (对开) or tabloid (四开)"),
    Field("columns", "int", False, None, help="basic columns (基本栏) across the type area"),
    Field("column_chars", "int", False, None, help="width of a basic column, in body characters"),
    Field("gutter_chars", "int", False, None, help="gutter between columns, in body characters"),
    Field("body", "size", False, None, help="body size in pt or as a 号 name (小五 = 9 pt)"),
    Field("pitch", "size", False, None, help="distance between body baselines in pt"),
    Field("rows", "int", False, None, help="body rows under the top rule"),
    Field("trim", "str", False, None, help="trimmed page size in mm, width x height: 390x540"),
))

PAGE = Schema("page", (
    Field("number", "int", True, help="版次: the page number printed as 第N版"),
    Field("name", "str", True, help="版名: the section name, e.g. 地方科协"),
    Field("pinyin", "str", False, "", help="pinyin of the 版名, printed letter-spaced under it"),
    Field("format", "format", False, "broadsheet",
          help="page format: a preset name, broadsheet (对开) or tabloid (四开), or a "
               "[format](#format) mapping that changes some of a preset's figures"),
    Field("credits", "pairs", False, {},
          help="credits printed in the 报眉, e.g. 责任编辑: 张三; order is kept"),
    Field("stories", ("list", STORY), False, (), help="the reports on the page"),
    Field("groups", ("list", GROUP), False, (), help="专栏 column groups"),
    Field("pictures", ("list", PICTURE), False, (),
          help="photos and their frames; without a file, a placeholder frame (图框)"),
    Field("footer", FOOTER, False, None, help="the co-organiser box at the foot"),
))

PAPER = Schema("paper", (
    Field("name", "str", True, help="报名: the paper's name"),
    Field("pinyin", "str", False, "", help="the name in pinyin or English, for the masthead"),
    Field("facts", "pairs", False, {},
          help="fixed facts a paper prints: 国内统一刊号, 邮发代号, address, phone, price …"),
))

ISSUE_INFO = Schema("issue", (
    Field("date", "date", True, help="publication date, YYYY-MM-DD"),
    Field("number", "int", False, None, help="期号: the issue's number in the year"),
    Field("total", "int", False, None, help="总第N期: the running issue number"),
))

STYLE = Schema("style", (
    Field("punct", "punct", False, _STYLE["punct"],
          help="punctuation style: quanjiao 全角式 (every mark 1 em, compressed by the rules), "
               "kaiming 开明式 (。？！ full, others ½ em) or banjiao 半角式 (all ½ em)"),
    Field("normalize", "bool", False, _STYLE["normalize"],
          help="turn pasted ASCII punctuation in Chinese copy into Chinese marks (reported)"),
))

FONTS = Schema("fonts", (
    Field("song", "fonts", help="宋: body text"),
    Field("song-heavy", "fonts", help="heavy 宋: headlines, the 版名 (小标宋)"),
    Field("hei", "fonts", help="黑 bold: 电头, 小标题, bold leads, banners, folio"),
    Field("hei-regular", "fonts", help="黑 regular: pinyin under the 版名"),
    Field("kai", "fonts", help="楷: 引题, 副题, 署名, notes"),
    Field("fangsong", "fonts",
          help="仿宋; with no font of its own it is set in 楷 (the kai fonts), with a warning"),
    Field("latin", "fonts", help="digits and Latin words; default: the song fonts"),
))

PRINT = Schema("print", (
    Field("bleed", "bleed", False, _PRINT["bleed"],
          help="bleed in mm on every side, or `auto`: 3 mm on a page with an element running "
               "to the trim edge, none elsewhere (elements at the edge are carried into it)"),
    Field("marks", "bool", False, _PRINT["marks"],
          help="crop marks and registration targets, outside the bleed (the PDF page grows "
               "to hold them; the TrimBox stays the format's trim)"),
    Field("colorbar", "bool", False, _PRINT["colorbar"], help="a colour-bar strip in the slug under the page"),
    Field("pdfx", "pdfx", False, _PRINT["pdfx"],
          help="x4 (PDF/X-4), x1a (PDF/X-1a:2001) or none: the standard the file is written to"),
    Field("color", "colormode", False, _PRINT["color"],
          help="cmyk, or gray for black-and-white pages: every colour and picture as gray "
               "(the K plate only); text and rules are 100 % K in either"),
    Field("profile", "icc", False, _PRINT["profile"],
          help="the printer's CMYK output profile (.icc) for the output intent and for "
               "converting RGB pictures; default the bundled one (icc/PROVENANCE.md)"),
    Field("condition", "str", False, _PRINT["condition"],
          help="the profile's registered output condition (ICC registry), e.g. IFRA26; "
               "default `CGATS TR 001` for the bundled profile, `Custom` for your own"),
    Field("overprint", "overprint", False, _PRINT["overprint"],
          help="black that overprints the inks under it instead of knocking them out: `auto` "
               "solid-black text up to 12 pt and solid-black rules and frames thinner than "
               "1 pt (GWG 2015, the newspaper plants' rule), `black` all solid-black text, "
               "rules and frames, `none` nothing (the plant's RIP decides); reversed type "
               "never overprints, and a gray page has one ink only"),
))

ROOT = Schema("issue file", (
    Field("paper", PAPER, True, help="the newspaper"),
    Field("issue", ISSUE_INFO, True, help="this issue"),
    Field("pages", ("list", PAGE), True, help="the pages (版) of the issue"),
    Field("style", STYLE, False, None, help="house style settings for the whole issue"),
    Field("fonts", FONTS, False, None,
          help="font files by role, relative to the issue file: `song: FZShuSong.ttf`; a "
               "list is a fallback chain (the first font that has a character draws it; the "
               "bundled face is always last); a face of a .ttc/.otc is named after `#`: "
               "`NotoSerifCJK-Regular.ttc#Noto Serif CJK SC`; `kai: {file: FZKai.ttf, "
               "bold: true}` adds synthetic bold. `layout fonts ISSUE.yaml` lists the result"),
    Field("print", PRINT, False, None,
          help="print production: bleed, marks, colour bar, PDF/X level, grayscale, output "
               "profile; `layout build` options override it"),
))
