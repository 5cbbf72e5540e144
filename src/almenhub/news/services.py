"""Writes for news: the one news index and an article's place in it."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from almenhub.core.text import danish_slugify
from almenhub.news.models import NewsIndexPage


@transaction.atomic
def news_index_get_or_create(*, title: str = "Nyheder") -> NewsIndexPage:
    """The site's news index (/nyheder/), made under the front page the
    first time something needs it (an editor, the importer, the demo)."""
    index = NewsIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise RuntimeError("Sitet har ingen forside at lægge nyhederne under.")
    home = site.root_page
    index = NewsIndexPage(title=title, slug="nyheder", show_in_menus=True)
    home.add_child(instance=index)
    return index


def unique_child_slug(
    parent: Page, title: str, *, exclude_pk: int | None = None
) -> str:
    """A slug from the title that no sibling has (all articles are siblings,
    so two months' "nyhedsbrev" become nyhedsbrev and nyhedsbrev-2)."""
    base = danish_slugify(title) or "side"
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug
