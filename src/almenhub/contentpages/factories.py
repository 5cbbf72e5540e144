"""Content pages for tests and the demo."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page, Site

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.core.pages.tree import unique_child_slug
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
    page = ContentPage(
        title=title,
        slug=fields.pop("slug", None) or unique_child_slug(parent, title),
        kind=kind,
        live=live,
        **fields,
    )
    page.themes = list(themes)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page
