"""News articles for tests, benchmarks and the demo."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from almenhub.core.pages.tree import unique_child_slug
from almenhub.news.models import NewsIndexPage, NewsPage
from almenhub.news.services import news_index_get_or_create
from almenhub.taxonomy.models import Theme


def news_create(
    *,
    title: str,
    date: datetime.date,
    index: NewsIndexPage | None = None,
    themes: Iterable[Theme] = (),
    related_projects: Iterable = (),
    live: bool = True,
    **fields,
) -> NewsPage:
    index = index or news_index_get_or_create()
    page = NewsPage(
        title=title,
        slug=fields.pop("slug", None) or unique_child_slug(index, title),
        date=date,
        live=live,
        **fields,
    )
    page.themes = list(themes)
    page.related_projects = list(related_projects)
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page
