"""The issue-file format, declared once: every key with its type, default and help text.

The loader checks a file against these declarations, docs/issue-format.md documents the
same declarations (a test keeps the two in step), and `layout schema` turns them into a JSON
Schema for editors' autocompletion (issue.jsonschema), with the help in Chinese and English. Keys are short English words so they are
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
    help: str = ""          # in English: docs/issue-format.md, `layout schema`, hints
    zh: str = ""            # the same help in Chinese: `layout schema` (editors' autocomplete)


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
    Field("col", "int", True, help="first basic column (栏), 1 = leftmost",
          zh="起始栏：从左数第几个基本栏，1 为最左一栏"),
    Field("span", "int", True, help="how many basic columns the block spans",
          zh="跨几个基本栏（通栏即跨全部栏）"),
    Field("row", "int", True, help="first body line (行) of the block, 1 = just under the top rule",
          zh="起始行：天线下第几行正文行，1 为紧贴天线的第一行"),
    Field("rows", "rows", False, "foot",
          help="height in body lines; `foot` to run down to the foot of the grid; `auto` for "
               "as deep as the copy needs (`layout fit` prints the number)",
          zh="占几行正文行；写 foot 则一直排到版心底部；写 auto 则按稿件所需的行数"),
    Field("split", "int", False, None,
          help="破栏: re-divide the spanned columns into this many sub-columns of whole characters",
          zh="破栏：把所跨的栏重新均分为几栏，每栏仍是整字宽"),
    Field("size", "size", False, None,
          help="the headline size the page composer chose for this place (`layout compose` "
               "writes it; a story's own `size` is the editor's and wins)",
          zh="自动组版为此位置选定的标题字号（由 layout compose 写入；稿件自己的 size 为编辑所定，优先）"),
    Field("dress", "dress", False, "",
          help="how the page composer dressed the story in this place against 碰题: `frame` "
               "(a thin frame) or `vertical` (a 竖题); `layout compose` writes it and may change "
               "it with the place unless the place is locked",
          zh="自动组版为此位置选定的装饰（避免碰题）：frame 为细线框，vertical 为竖题；由 layout compose 写入，位置未锁定时重新组版可改"),
    Field("lock", "bool", False, False,
          help="keep the block at this place when `layout compose` recomposes the page (the "
               "desk's lock); `layout build` never moves a block whose place is written",
          zh="锁定：`layout compose` 自动组版时保留此块的位置（编辑台上的锁）；`layout build` 从不移动写明位置的块"),
))

JUMP = Schema("continued", (
    Field("page", "pageref", True,
          help="the page the text continues on: its 版名 (follows the page when pages are "
               "renumbered) or its number",
          zh="转到哪一版：版名（重排版次后仍指向该版）或版次"),
    Field("place", PLACE, True, help="the continuation block's rectangle on that page",
          zh="接续块在该版网格上的位置"),
))

SPAN = Schema("span", (
    Field("min", "int", False, None, help="fewest basic columns the composer may give the story",
          zh="自动组版时此稿最少占几个基本栏"),
    Field("max", "int", False, None, help="most basic columns the composer may give the story",
          zh="自动组版时此稿最多占几个基本栏"),
))

STORY = Schema("story", (
    Field("id", "str", True, help="a short name, unique in the issue; reports and errors use it",
          zh="稿件代号：全期唯一的短名，报告和错误信息用它指称此稿"),
    Field("kicker", "str", False, "", help="引题: the line above the headline",
          zh="引题：主题上方的一行"),
    Field("headline", "str", True,
          help="主题: the headline; to break it where you want, write it in double quotes "
               "with \\n at the break: \"省科协召开部门（单位）\\n年度总结报告会\"; it "
               "breaks only between words, and never inside {braces}: {林晓雯}",
          zh='主题（标题）；要在指定处断行，用双引号并在断处写 \\n："省科协召开部门（单位）\\n年度总结报告会"'),
    Field("subhead", "str", False, "", help="副题: the line below the headline",
          zh="副题：主题下方的一行"),
    Field("dateline", "str", False, "",
          help="电头 such as 本报讯: set in 黑 at the start of the first paragraph, then a 1-em space",
          zh="电头，如“本报讯”：以黑体排在首段开头，后空一字"),
    Field("body", "text", True,
          help="the paragraphs, separated by blank lines; `**…**` marks a bold run-in lead",
          zh=("正文：段与段之间空一行；`**…**` 标出加粗的段首导语；"
              "也可写 {file: 稿件.docx}（或 .txt、.md）从文件取稿")),
    Field("byline", "str", False, "",
          help="署名: printed in parentheses on its own line, end-aligned: 本报记者 曾青瑶",
          zh="署名：加括号单独成行，右对齐：本报记者 曾青瑶"),
    Field("size", "size", False, None,
          help="headline size in pt or as a 号 name (小初, 一号 …); default by block width",
          zh="标题字号：pt 数或号数（小初、一号……）；默认按块宽选定"),
    Field("rank", "int", False, None,
          help="1 = 头条 (the lead), 2 = 二条 …: where and how large the composer sets the "
               "story; without it, after the ranked stories in file order",
          zh="稿件等级：1 为头条，2 为二条……；自动组版据此定位置和大小；不写则按文件顺序排在有等级的稿件之后"),
    Field("picture", "str", False, "",
          help="id of a picture of the page that belongs to the story: set inside the "
               "story's rectangle, above or beside its text, with its caption",
          zh="本稿配图的代号：图片排在本稿的矩形之内、正文之上或之旁，连同图片说明"),
    Field("span", SPAN, False, None,
          help="limits on the columns the composer may give the story: {min: 2, max: 4}",
          zh="自动组版时本稿所占栏数的限制：{min: 2, max: 4}"),
    Field("place", PLACE, False, None,
          help="the block's rectangle on the page grid; without it the page composer "
               "chooses one (layout compose)",
          zh="稿件在版面网格上的位置（矩形）；不写则由自动组版决定"),
    Field("vertical", "vertical", False, "",
          help="竖题: set the headline top to bottom beside the text: `true` (at the right), "
               "`left` or `right`; it takes whole basic columns of the block, the text the rest",
          zh="竖题：标题竖排在正文旁（true 为右侧，或 left / right），占本块一个基本栏"),
    Field("head_span", "int", False, None,
          help="通栏: basic columns the heading (引题/主题/副题) spans, wider than the text "
               "under it; blocks under its extra columns start below it",
          zh="通栏标题：引题、主题、副题横跨的基本栏数，可宽于正文；其下多出栏的块从标题下方开始"),
    Field("head_col", "int", False, None,
          help="first column of a head_span heading; default the block's col",
          zh="通栏标题的起始栏；默认为本块的起始栏"),
    Field("continued", JUMP, False, None,
          help="转版: the text that does not fit goes on in this block on another page, under "
               "a 接题, with （下转第N版） and （上接第M版） filled in",
          zh="转版：排不下的正文转到另一版的此块，加接题，自动填写（下转第N版）（上接第M版）"),
    Field("tint", "percent", False, 0, help="网底: % black behind the whole block (10 = a 10 % tint)",
          zh="网底：整块衬底的黑色百分比（10 即 10% 网）"),
    Field("frame", "frame", False, "",
          help="a frame round the block: thin, double, thick-thin (文武线), dotted, or a 花边 "
               "pattern: wave, chain, diamond, flower",
          zh="边框：细线、双线、文武线、点线，或花边图案 wave、chain、diamond、flower"),
    Field("reverse", "reverse", False, 0,
          help="反白: the headline in white on a black band (`true`) or on a band of that % black",
          zh="反白：标题白字压黑底（true）或压该百分比的网底"),
    Field("ornament", "ornament", False, "",
          help="题花: a glyph ornament (one or two characters, e.g. ◆) before the headline, or "
               "an image file drawn there (JPEG, PNG, TIFF; SVG or PDF kept vector)",
          zh="题花：标题前的一两个符号（如 ◆），或一个小图（JPEG、PNG、TIFF；SVG、PDF 保持矢量）"),
))

ITEM = Schema("item", (
    Field("title", "str", True, help="小标题 of the item",
          zh="小标题"),
    Field("body", "text", True, help="paragraphs, as in a story",
          zh="正文，写法同稿件正文"),
))

GROUP = Schema("group", (
    Field("id", "str", True, help="a short name, unique in the issue",
          zh="专栏代号：全期唯一的短名"),
    Field("banner", "str", True, help="栏题 on the banner band across the top of the group",
          zh="栏题：专栏顶部通栏色带上的栏目名"),
    Field("headline", "str", False, "", help="the group headline under the banner",
          zh="专栏总标题，在栏题下方"),
    Field("items", ("list", ITEM), True, help="the items, in reading order",
          zh="专栏内的各篇，按阅读顺序"),
    Field("credit", "str", False, "",
          help="group credit, printed in parentheses at the end: 本栏目组稿：刘茂",
          zh="专栏署名，加括号排在末尾：本栏目组稿：刘茂"),
    Field("rank", "int", False, None, help="its rank among the page's stories (see story rank)",
          zh="专栏在本版稿件中的等级（同稿件的 rank）"),
    Field("place", PLACE, False, None,
          help="the group's rectangle on the page grid; without it the composer chooses one",
          zh="专栏在版面网格上的位置（矩形）；不写则由自动组版决定"),
    Field("tint", "percent", False, 0, help="网底: % black behind the whole group",
          zh="网底：整个专栏衬底的黑色百分比"),
    Field("frame", "frame", False, "", help="a frame round the group, as a story's",
          zh="专栏边框，同稿件"),
    Field("reverse", "reverse", False, 100,
          help="the banner band: white type on this % black (`true` = 100), or `false` for "
               "black type between rules",
          zh="栏题反白：白字压该百分比的黑底（true 为 100），false 为黑字加上下线"),
    Field("ornament", "ornament", False, "", help="题花 before the banner text, as a story's",
          zh="栏题前的题花，同稿件"),
))

PICTURE = Schema("picture", (
    Field("id", "str", True, help="a short name, unique in the issue",
          zh="图片代号：全期唯一的短名"),
    Field("file", "image", False, "",
          help="image file (JPEG, PNG or TIFF; RGB, CMYK, gray, LAB, 16-bit and float files "
               "too), relative to the issue file; none = a placeholder frame (图框)",
          zh="图片文件（JPEG、PNG 或 TIFF；RGB、CMYK、灰度、LAB、16 位和浮点均可），路径相对于本期文件；不写则留图框（占位）"),
    Field("fit", "fit", False, "fill",
          help="fill: scale the photo to cover the frame and crop what is over (never "
               "distorted); fit: the whole photo inside the frame, centred across, on its "
               "caption",
          zh="fill：图片放大铺满图框、裁去多余部分（绝不变形）；fit：整幅图放进图框，左右居中、落在图片说明上"),
    Field("focus", "focus", False, (0.5, 0.5),
          help="[x, y], each 0–1: the point of the photo kept in view when `fill` crops it "
               "(0 = left/top edge, 1 = right/bottom); default the centre",
          zh="[x, y]，各 0–1：裁图时保留在画面中的点（0 为左/上边，1 为右/下边）；默认中心"),
    Field("caption", "str", False, "", help="图片说明 printed under the picture",
          zh="图片说明，排在图下"),
    Field("credit", "str", False, "",
          help="摄影 credit, e.g. 本报记者 林晓雯 摄: after the caption, end-aligned or run on "
               "(style `credit`); never broken inside a name",
          zh="摄影署名，如“本报记者 林晓雯 摄”：接在图片说明后，齐右或接排（见 style 的 credit）；人名不拆行"),
    Field("place", PLACE, False, None,
          help="the picture's rectangle on the page grid; without it the composer chooses "
               "one (inside its story's rectangle when a story names it)",
          zh="图片在版面网格上的位置（矩形）；不写则由自动组版决定（配稿的图排在该稿矩形内）"),
))

AD = Schema("ad", (
    Field("id", "str", True, help="a short name, unique in the issue",
          zh="简短名称，全期唯一"),
    Field("file", "artwork", True,
          help="the ad: a PDF (its first page, kept vector; no RGB, fonts embedded) or an "
               "image (JPEG, PNG, TIFF), exactly the size of its slot",
          zh="广告稿：PDF（取第一页，保持矢量；不得有 RGB，字体须嵌入）或图片（JPEG、PNG、TIFF），尺寸须与广告位一致"),
    Field("place", PLACE, False,
          help="the ad's slot (广告位) on the grid; the artwork fills it less the 广告 label's "
               "row (style `ad_mark`) and, above another block, the last row. Without it the "
               "slot is at the foot of the page, from the right, sized to the artwork",
          zh="广告位在版面网格上的位置；广告稿占满其栏宽和行数，减去“广告”标识的一行（style 的 ad_mark），下方还有稿件时再减去末行。不写则按广告稿尺寸放在版面底部，自右向左排"),
))

FOOTER = Schema("footer", (
    Field("title", "str", False, "本版协办单位", help="the box title",
          zh="框题"),
    Field("note", "str", False, "排名不分先后", help="printed in parentheses under the title",
          zh="加括号排在框题下的说明"),
    Field("names", "names", True, help="the names, listed in an even grid (均排)",
          zh="协办单位名单，均排成整齐的网格"),
    Field("place", PLACE, False, None,
          help="the box's rectangle; default the full width at the foot of the grid",
          zh="协办单位框的位置；默认通栏排在版面底部"),
))

FORMAT = Schema("format", (
    Field("preset", "str", False, "broadsheet", help="the preset to start from: broadsheet (对开) or tabloid (四开)",
          zh="基础版式：broadsheet（对开）或 tabloid（四开）"),
    Field("columns", "int", False, None, help="basic columns (基本栏) across the type area",
          zh="版心内的基本栏数"),
    Field("column_chars", "int", False, None, help="width of a basic column, in body characters",
          zh="基本栏宽，以正文字数计"),
    Field("gutter_chars", "int", False, None, help="gutter between columns, in body characters",
          zh="栏间距，以正文字数计"),
    Field("body", "size", False, None, help="body size in pt or as a 号 name (小五 = 9 pt)",
          zh="正文字号：pt 数或号数（小五 = 9 pt）"),
    Field("pitch", "size", False, None, help="distance between body baselines in pt",
          zh="行距：相邻正文基线的距离，单位 pt"),
    Field("rows", "int", False, None, help="body rows under the top rule",
          zh="天线下的正文行数"),
    Field("trim", "str", False, None, help="trimmed page size in mm, width x height: 390x540",
          zh="成品尺寸，单位 mm，宽 x 高：390x540"),
))

PAGE = Schema("page", (
    Field("number", "int", True, help="版次: the page number printed as 第N版",
          zh="版次：印作“第N版”"),
    Field("name", "str", True, help="版名: the section name, e.g. 地方科协",
          zh="版名，如 地方科协"),
    Field("pinyin", "str", False, "", help="pinyin of the 版名, printed letter-spaced under it",
          zh="版名的拼音，字距拉开排在版名下"),
    Field("format", "format", False, "broadsheet",
          help="page format: a preset name, broadsheet (对开) or tabloid (四开), or a "
               "[format](#format) mapping that changes some of a preset's figures",
          zh="版式：预设名 broadsheet（对开）或 tabloid（四开），或修改预设部分参数的 format 映射"),
    Field("credits", "pairs", False, {},
          help="credits printed in the 报眉, e.g. 责任编辑: 张三; order is kept",
          zh="报眉上的署名，如 责任编辑: 张三；按所写顺序排"),
    Field("stories", ("list", STORY), False, (), help="the reports on the page",
          zh="本版的稿件"),
    Field("groups", ("list", GROUP), False, (), help="专栏 column groups",
          zh="专栏"),
    Field("pictures", ("list", PICTURE), False, (),
          help="photos and their frames; without a file, a placeholder frame (图框)",
          zh="图片及其图框；不给文件则为占位图框"),
    Field("footer", FOOTER, False, None, help="the co-organiser box at the foot",
          zh="版面底部的协办单位框"),
    Field("ads", ("list", AD), False, (),
          help="ads (广告位), placed before everything else and never composed over",
          zh="广告位：先于一切排定，任何内容不得压在广告上"),
))

PAPER = Schema("paper", (
    Field("name", "str", True, help="报名: the paper's name",
          zh="报名"),
    Field("pinyin", "str", False, "", help="the name in pinyin or English, for the masthead",
          zh="报名的拼音或英文，用于报头"),
    Field("facts", "pairs", False, {},
          help="fixed facts a paper prints: 国内统一刊号, 邮发代号, address, phone, price …",
          zh="报纸固定刊载的信息：国内统一刊号、邮发代号、地址、电话、定价……"),
    Field("logo", "logo", False, None,
          help="the 报头 art printed on page 1 in place of the typeset name: PDF or SVG (kept "
               "vector, text as outlines) or an image of at least 300 ppi",
          zh="报头图形，印在第 1 版代替排字的报名：PDF 或 SVG（保持矢量，文字须转曲）或不低于 300 ppi 的图片"),
))

ISSUE_INFO = Schema("issue", (
    Field("date", "date", True, help="publication date, YYYY-MM-DD",
          zh="出版日期，YYYY-MM-DD"),
    Field("number", "int", False, None, help="期号: the issue's number in the year",
          zh="期号：本年第几期"),
    Field("total", "int", False, None, help="总第N期: the running issue number",
          zh="总期号：总第N期"),
))

STYLE = Schema("style", (
    Field("punct", "punct", False, _STYLE["punct"],
          help="punctuation style: quanjiao 全角式 (every mark 1 em, compressed by the rules), "
               "kaiming 开明式 (。？！ full, others ½ em) or banjiao 半角式 (all ½ em)",
          zh=("kaiming 开明式（。？！占一字，其余半字）或 banjiao 半角式（全部半字）"
              "kaiming 开明式（。？！占一字，其余半字）或 banjiao 半角式（")),
    Field("normalize", "bool", False, _STYLE["normalize"],
          help="turn pasted ASCII punctuation in Chinese copy into Chinese marks (reported)",
          zh="把中文稿里粘贴进来的半角标点改为中文标点（逐项报告）"),
    Field("upright", "int", False, _STYLE["upright"],
          help="竖题: runs of Latin letters or digits up to this long stand upright (纵中横, "
               "side by side in one character's cell), longer ones are turned 90°; 0 turns all",
          zh="竖题中不超过此长度的数字串直排（纵中横），更长的拉丁字母和数字转 90°；0 为全部转排"),
    Field("jump_steps", "int", False, _STYLE["jump_steps"],
          help="接题: the headline on a continuation page, this many 号 steps smaller",
          zh="接题：转版后的标题比原标题小几个字号级"),
    Field("caption_face", "captionface", False, _STYLE["caption_face"],
          help="图片说明 and credits in kai (楷) or hei (黑), at body size on the baseline grid",
          zh="图片说明与摄影署名的字体：kai（楷）或 hei（黑），正文字号，落在基线网格上"),
    Field("credit", "creditplace", False, _STYLE["credit"],
          help="end: the photo credit end-aligned on the caption's last line (or a line of its "
               "own); run-on: straight after the caption, 1 em apart",
          zh="end：摄影署名齐右排在说明末行（放不下则另起一行）；run-on：紧接说明，空一字"),
    Field("min_ppi", "int", False, _STYLE["min_ppi"],
          help="a picture printed below this resolution (ppi at its printed size) is warned "
               "about; the check reports one below 100 ppi",
          zh="图片按印刷尺寸低于此分辨率（ppi）时警告；预检对低于 100 ppi 的图片报错"),
    Field("ad_mark", "admark", False, _STYLE["ad_mark"],
          help="how ads are marked: label (广告 over the ad, as the Advertising Law of the "
               "PRC art. 14 requires), rule (a 0.5 pt frame), both, or none",
          zh="广告标识：label（广告上方标“广告”，广告法第十四条）、rule（0.5 pt 边框）、both 或 none"),
    Field("picture_megapixels", "int", False, _STYLE["picture_megapixels"],
          help="a picture, ad or logo file of more pixels than this is refused before it is "
               "decoded (no decompression bomb); what is used is down-sampled to 300 ppi",
          zh="图片、广告或报头文件超过此像素数（百万）即拒收，不解码（防解压炸弹）；用到的部分降采样到 300 ppi"),
    Field("hyphenate", "hyphenate", False, _STYLE["hyphenate"],
          help="the hyphenation dictionary Latin words are broken by at line ends (pyphen: "
               "en_US, en_GB, de_DE, fr …), or false: never hyphenate (a URL or a word wider "
               "than the column is still split at its marks)",
          zh="西文单词在行末按哪种语言的断字词典加连字符（en_US、de_DE 等），false 为不断字"),
))

FONTS = Schema("fonts", (
    Field("song", "fonts", help="宋: body text",
          zh="宋体：正文"),
    Field("song-heavy", "fonts", help="heavy 宋: headlines, the 版名 (小标宋)",
          zh="粗宋（小标宋）：标题、版名"),
    Field("hei", "fonts", help="黑 bold: 电头, 小标题, bold leads, banners, folio",
          zh="黑体（粗）：电头、小标题、加粗导语、栏题、版次"),
    Field("hei-regular", "fonts", help="黑 regular: pinyin under the 版名",
          zh="黑体（常规）：版名下的拼音"),
    Field("kai", "fonts", help="楷: 引题, 副题, 署名, notes",
          zh="楷体：引题、副题、署名、注文"),
    Field("fangsong", "fonts",
          help="仿宋; with no font of its own it is set in 楷 (the kai fonts), with a warning",
          zh="仿宋；没有仿宋字体时用楷体（kai）代替，并给出警告"),
    Field("latin", "fonts", help="digits and Latin words; default: the song fonts",
          zh="数字和西文；默认用宋体的字体"),
))

PRINT = Schema("print", (
    Field("bleed", "bleed", False, _PRINT["bleed"],
          help="bleed in mm on every side, or `auto`: 3 mm on a page with an element running "
               "to the trim edge, none elsewhere (elements at the edge are carried into it)",
          zh=("出血，单位 mm（四边相同），或 auto：有元素排到成品边的版面出血 3 mm，"
              "其余不出血（排到边的元素延伸进出血）")),
    Field("marks", "bool", False, _PRINT["marks"],
          help="crop marks and registration targets, outside the bleed (the PDF page grows "
               "to hold them; the TrimBox stays the format's trim)",
          zh="裁切线和套准标记，排在出血之外（PDF 页面随之加大，TrimBox 仍为成品尺寸）"),
    Field("colorbar", "bool", False, _PRINT["colorbar"], help="a colour-bar strip in the slug under the page",
          zh="在页面下方的辅助区加一条色标"),
    Field("pdfx", "pdfx", False, _PRINT["pdfx"],
          help="x4 (PDF/X-4), x1a (PDF/X-1a:2001) or none: the standard the file is written to",
          zh="文件遵循的标准：x4（PDF/X-4）、x1a（PDF/X-1a:2001）或 none"),
    Field("color", "colormode", False, _PRINT["color"],
          help="cmyk, or gray for black-and-white pages: every colour and picture as gray "
               "(the K plate only); text and rules are 100 % K in either",
          zh="cmyk，或黑白版用 gray：所有颜色和图片转为灰度（只出 K 版）；文字和线条都是 100% K"),
    Field("profile", "icc", False, _PRINT["profile"],
          help="the printer's CMYK output profile (.icc) for the output intent and for "
               "converting RGB pictures; default the bundled one (icc/PROVENANCE.md)",
          zh="印刷厂的 CMYK 输出特性文件（.icc），用于输出意图和 RGB 图片的转换；默认用随附的特性文件"),
    Field("condition", "str", False, _PRINT["condition"],
          help="the profile's registered output condition (ICC registry), e.g. IFRA26; "
               "default `CGATS TR 001` for the bundled profile, `Custom` for your own",
          zh=("特性文件登记的输出条件（ICC 登记名），如 IFRA26；"
              "随附特性文件默认为 `CGATS TR 001`，自备的为 `Custom`")),
    Field("overprint", "overprint", False, _PRINT["overprint"],
          help="black that overprints the inks under it instead of knocking them out: `auto` "
               "solid-black text up to 12 pt and solid-black rules and frames thinner than "
               "1 pt (GWG 2015, the newspaper plants' rule), `black` all solid-black text, "
               "rules and frames, `none` nothing (the plant's RIP decides); reversed type "
               "never overprints, and a gray page has one ink only",
          zh=("黑色叠印（不镂空下面的油墨）：auto 为 12 pt 以下的实地黑文字和细于 1 pt 的实地黑线框叠印"
              "（GWG 2015，报纸印厂的规则），black 为所有实地黑文字和线框叠印，none 为都不叠印（由印厂 RIP 决定）；"
              "反白字从不叠印，灰度版只有一色")),
    Field("reverse_min", "size", False, _PRINT["reverse_min"],
          help="the check reports reversed (white) type smaller than this",
          zh="检查时报告小于此字号的反白字"),
    Field("tint_text_min", "size", False, _PRINT["tint_text_min"],
          help="the check reports type printed in a tint (not solid) smaller than this",
          zh="检查时报告小于此字号的网纹字（非实地）"),
))

ROOT = Schema("issue file", (
    Field("paper", PAPER, True, help="the newspaper",
          zh="报纸"),
    Field("issue", ISSUE_INFO, True, help="this issue",
          zh="本期"),
    Field("pages", ("list", PAGE), True, help="the pages (版) of the issue",
          zh="本期的各版"),
    Field("style", STYLE, False, None, help="house style settings for the whole issue",
          zh="全期通用的本报体例设置"),
    Field("fonts", FONTS, False, None,
          help="font files by role, relative to the issue file: `song: FZShuSong.ttf`; a "
               "list is a fallback chain (the first font that has a character draws it; the "
               "bundled face is always last); a face of a .ttc/.otc is named after `#`: "
               "`NotoSerifCJK-Regular.ttc#Noto Serif CJK SC`; `kai: {file: FZKai.ttf, "
               "bold: true}` adds synthetic bold. `layout fonts ISSUE.yaml` lists the result",
          zh=("按角色指定字体文件，路径相对于本期文件：`song: FZShuSong.ttf`；"
              "写成列表即为后备链（先列出的字体有该字就用它，随附字体总在最后）；"
              ".ttc/.otc 中的字体在 `#` 后写名称；`kai: {file: FZKai.ttf, bold: true}` 加伪粗。`layout fonts ISSUE.yaml` 列出结果")),
    Field("print", PRINT, False, None,
          help="print production: bleed, marks, colour bar, PDF/X level, grayscale, output "
               "profile; `layout build` options override it",
          zh="印刷输出：出血、裁切线、色标、PDF/X 标准、灰度、输出特性文件；`layout build` 的选项优先"),
))
