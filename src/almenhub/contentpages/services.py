"""Writes for content pages."""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.core.pages.imported import Outcome, PageBatch, imported_page_write
from almenhub.taxonomy.models import Theme


def content_page_import(
    *,
    parent: Page,
    source_key: str,
    checksum: str,
    title: str,
    kind: str = ContentKind.OTHER,
    slug: str = "",
    teaser: str = "",
    body: Sequence[tuple[str, object]] = (),
    themes: Sequence[Theme] = (),
    batch: PageBatch | None = None,
) -> tuple[ContentPage, Outcome]:
    """Create or update the content page imported from `source_key` and
    publish it (see `imported_page_write`); `body` is
    `core.blocks.ArticleBodyBlock` data."""
    if kind not in ContentKind.values:
        raise ValueError(f"Ukendt sidetype: “{kind}”.")

    def fill(page: ContentPage) -> None:
        page.title = title
        page.kind = kind
        page.teaser = teaser
        page.body = list(body)
        page.themes = list(themes)

    return imported_page_write(
        page_type=ContentPage,
        parent=parent,
        source_key=source_key,
        checksum=checksum,
        fill=fill,
        batch=batch,
        slug=slug,
    )
