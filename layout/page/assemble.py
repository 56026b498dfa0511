"""Stage: one page of the model -> PageLayout (placed items + fit reports).

Lays out the furniture, the stories, the groups and the footer. That every block lies on the
grid and no two overlap is checked at load (check_places, called by the loader for every page
so those problems join the issue file's others). Blocks are independent of each other: each is laid out inside its own rectangle.
"""
from __future__ import annotations


from layout.page.blocks import Ctx, group_block, picture_block, story_block
from layout.page.cache import BlockCache, content_key
from layout.compose import Metrics
from layout.page.furniture import foot_rule, footer_box, header
from layout.page.places import footer_place, page_format, resolve_foot
from layout.page.items import PageLayout
from layout.issue.model import Issue, Page


def layout_page(page: Page, issue: Issue, metrics: Metrics,
                cache: BlockCache | None = None) -> PageLayout:
    """With a cache (a warm process), blocks whose content did not change are reused."""
    fmt = page_format(page)
    page = resolve_foot(page, fmt)      # places were checked at load (check_places)
    items: list = header(page, issue.paper, issue.issue, fmt, metrics)
    ctx = Ctx(fmt, metrics, issue.style.punct)

    def block(kind, value, make):
        if cache is None:
            return make(value, ctx)
        return cache.get((kind, content_key(value), fmt, ctx.punct), lambda: make(value, ctx))

    fits = []
    for story in page.stories:
        its, fit = block("story", story, story_block)
        items += its
        fits.append(fit)
    for group in page.groups:
        its, fit = block("group", group, group_block)
        items += its
        fits.append(fit)
    for pic in page.pictures:
        items += block("picture", pic, picture_block)
    if page.footer is not None:
        items += footer_box(page.footer, fmt, metrics, footer_place(page, fmt))
    items.append(foot_rule(fmt))
    return PageLayout(page.number, page.name, fmt, tuple(items), tuple(fits))
