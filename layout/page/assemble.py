"""Stage: one page of the model -> PageLayout (placed items + fit reports).

Lays out the furniture, the stories, the groups and the footer. That every block lies on the
grid and no two overlap is checked at load (check_places, called by the loader for every page
so those problems join the issue file's others). Blocks are independent of each other: each is laid out inside its own rectangle.
"""
from __future__ import annotations


from layout.page.ads import ad_items
from layout.page.blocks import Ctx, group_block, picture_block, story_block
from layout.page.pictures import Caption
from layout.page.cache import BlockCache, content_key
from layout.compose import Metrics
from layout.page.furniture import foot_rule, footer_box, header
from layout.page import jumps
from layout.page.places import (footer_place, head_limits, incoming, jump_target, page_format,
                                resolve_foot, resolved_place)
from layout.page.items import PageLayout
from layout.issue.model import Issue, Page


def _ctx(page: Page, issue: Issue, fmt, metrics: Metrics) -> Ctx:
    st = issue.style
    return Ctx(fmt, metrics, st.punct, upright=st.upright, jump_steps=st.jump_steps,
               head_free=head_limits(page, fmt), caption=Caption(st.caption_face, st.credit),
               hyphenate=st.hyphenate)


def _continuation(story, src: Page, page: Page, env):
    """A story of page `src` going on here (转版): its first part's page and Ctx decide where
    its text was cut."""
    issue, metrics, ctx = env
    src_fmt = page_format(src)
    src_story = next(s for s in resolve_foot(src, src_fmt).stories if s.id == story.id)
    cont = story.continued._replace(place=resolved_place(story.continued.place, page, ctx.fmt))
    return jumps.continuation(src_story._replace(continued=cont),
                              (_ctx(src, issue, src_fmt, metrics), page.number), ctx,
                              src.number)


def _furniture(cache: BlockCache | None, key: tuple, make) -> tuple:
    """The page's head or footer items, kept by a warm process while what they are made of
    (`key`: their content without source positions, the format) is the same: the same item
    objects come back, so the memos after layout (page.finish, page.reading, pdf.writer) know
    them by identity. Not counted as blocks composed or reused."""
    if cache is None:
        return make()
    return cache.get(key, lambda: tuple(make()), counted=False)


def layout_page(page: Page, issue: Issue, metrics: Metrics,
                cache: BlockCache | None = None) -> PageLayout:
    """With a cache (a warm process), blocks whose content did not change are reused. Every
    block has its place (given, or chosen by layout.arrange); places were checked at load."""
    fmt = page_format(page)
    arriving = incoming(issue.pages, page)      # 转版: other pages' stories going on here
    page = resolve_foot(page, fmt)
    items: list = list(_furniture(cache, ("head", page.number, page.name, page.pinyin,
                                          page.credits, content_key(issue.paper),
                                          issue.issue, fmt),
                                  lambda: header(page, issue.paper, issue.issue, fmt, metrics)))
    ctx = _ctx(page, issue, fmt, metrics)

    def block(kind, value, make, extra=()):
        if cache is None:
            return make(value, ctx)
        key = (kind, cache.key(value), fmt, ctx.punct, ctx.hyphenate, ctx.upright,
               ctx.jump_steps, ctx.caption, tuple(sorted(ctx.head_free.items())), extra)
        return cache.get(key, lambda: make(value, ctx))

    for ad in page.ads:        # ads first: fixed before anything is composed (广告位)
        items += block("ad", ad, lambda a, c: ad_items(a, c, issue.style.ad_mark),
                       issue.style.ad_mark)
    pics = {p.id: p for p in page.pictures}
    owned = {s.picture for s in page.stories if s.picture}
    fits = []
    for story in page.stories:
        if story.continued is not None:       # 转版: filled, then （下转第N版）
            to = jump_target(issue.pages, story.continued.page).number
            its, fit = block("story", story, lambda s, c: jumps.first_part(s, c, to), to)
        else:
            # a story's own picture is laid out inside the story's block, with it
            own = pics.get(story.picture) if story.picture else None
            its, fit = block("story", (story, own), lambda v, c: story_block(v[0], c, v[1]))
        items += its
        fits.append(fit)
    for story, src in arriving:
        its, fit = _continuation(story, src, page, (issue, metrics, ctx))
        items += its
        fits.append(fit)
    for group in page.groups:
        its, fit = block("group", group, group_block)
        items += its
        fits.append(fit)
    for pic in page.pictures:
        if pic.id not in owned:
            items += block("picture", pic, picture_block)
    if page.footer is not None:
        place = footer_place(page, fmt)
        items += _furniture(cache, ("foot", content_key(page.footer), fmt, content_key(place)),
                            lambda: footer_box(page.footer, fmt, metrics, place))
    items.append(foot_rule(fmt))
    return PageLayout(page.number, page.name, fmt, tuple(items), tuple(fits))
