"""Writes for news."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from almenhub.core.pages.imported import Outcome, PageBatch, imported_page_write
from almenhub.core.pages.tree import section_get_or_create
from almenhub.news.models import NewsIndexPage, NewsPage


def news_index_get_or_create() -> NewsIndexPage:
    """The site's news index, /nyheder/."""
    return section_get_or_create(NewsIndexPage, title="Nyheder", slug="nyheder")


def news_article_import(
    *,
    source_key: str,
    checksum: str,
    title: str,
    date: datetime.date,
    byline: str = "",
    teaser: str = "",
    image_credit: str = "",
    body: Sequence[tuple[str, object]] = (),
    batch: PageBatch | None = None,
    index: NewsIndexPage | None = None,
) -> tuple[NewsPage, Outcome]:
    """Create or update the article imported from `source_key` under the
    news index (`index`, when the caller has it at hand) and publish it (see
    `imported_page_write`). Articles are siblings whatever their month, so
    the slug is unique among all of them. `body` is
    `core.blocks.ArticleBodyBlock` data."""

    def fill(page: NewsPage) -> None:
        page.title = title
        page.date = date
        page.byline = byline[:200]
        page.teaser = teaser
        page.image_credit = image_credit[:200]
        page.body = list(body)

    return imported_page_write(
        page_type=NewsPage,
        parent=index if index is not None else news_index_get_or_create(),
        source_key=source_key,
        checksum=checksum,
        fill=fill,
        batch=batch,
    )
