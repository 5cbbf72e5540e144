"""News articles for tests, benchmarks and the demo."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from almenhub.core.pages.factories import page_add
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
    page = NewsPage(title=title, date=date, **fields)
    page.themes = list(themes)
    page.related_projects = list(related_projects)
    return page_add(index, page, live=live)
