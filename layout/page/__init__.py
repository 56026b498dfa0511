"""Stage 4, the page: the issue's pages and the composer in, placed items per page out.

    formats    page formats (对开, 四开), the grid of columns and body rows, 号 sizes
    assemble   one page of the model -> PageLayout: furniture, blocks, footer, fits
    blocks     story, group (专栏) and picture blocks inside their grid rectangles
    words      display text (headlines, 小标题, captions, credits) broken between words (jieba)
    flow       composed lines flowed down a block's columns, balanced, flow rules
    vertical   竖题: a headline set top to bottom beside its text, vertical forms of marks
    jumps      转版: a story cut at a line, （下转第N版）, its continuation under a 接题
    frames     网底 and frames (花边 patterns) round a block, the inset text columns
    ornament   题花: a glyph or image ornament before a headline or banner
    pictures   a photo's crop (fit, focus), its pixels (≤ 300 ppi), caption and credit; one
               picture in a grid area (picture_items), for picture blocks and story pictures
    ads        广告位: the artwork box of a slot, its 广告 label or frame, the size check
    wrap       图文互斥: lines beside a picture shortened to whole characters, on the grid
    furniture  报头 / 报眉, the top and foot rules, the co-organiser box
    style      the house style: face and size of every part, paragraphs -> composer runs
    items      the placed items (TextLine, VText, Rule, Box, Frame, Image, Vector, Marker),
               fit reports
    cache      laid-out blocks by content, for warm rebuilds
    finish     the last decisions before drawing: —— bars, replacement text for extractors
    reading    PageLayouts -> the reader's document: structure tree, artifacts, threads
    dump       PageLayouts -> the text dump, the layout's regression oracle

In: `issue.model.Page` values, a `compose.Metrics` (the FontSet). Out: `items.PageLayout`, one
per page, immutable; the PDF writer and the dump replay it and decide nothing.
"""
