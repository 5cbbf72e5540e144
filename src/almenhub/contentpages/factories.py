"""Content pages for tests and the demo."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page, Site

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.core.pages.factories import page_add
from almenhub.taxonomy.models import Theme


def content_page_create(
    *,
    title: str,
    parent: Page | None = None,
    kind: str = ContentKind.OTHER,
    themes: Iterable[Theme] = (),
    live: bool = True,
    **fields,
) -> ContentPage:
    parent = parent or Site.objects.get(is_default_site=True).root_page
    page = ContentPage(title=title, kind=kind, **fields)
    page.themes = list(themes)
    return page_add(parent, page, live=live)
