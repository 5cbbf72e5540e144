"""Theme pages for tests and the demo."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from almenhub.core.pages.factories import page_add
from almenhub.taxonomy.models import Theme
from almenhub.themepages.models import ThemeHubPage
from almenhub.themepages.services import theme_hub_index_get_or_create


def section(
    heading: str,
    kind: str,
    *,
    pages: Iterable[Page] = (),
    fill: bool = True,
    limit: int = 6,
) -> tuple[str, dict]:
    """One `section` block for `ThemeHubPage.sections`."""
    return (
        "section",
        {
            "heading": heading,
            "kind": kind,
            "intro": "",
            "pages": list(pages),
            "fill": fill,
            "limit": limit,
        },
    )


def theme_hub_create(
    *,
    title: str,
    parent: Page | None = None,
    themes: Iterable[Theme] = (),
    sections: Iterable[tuple[str, dict]] = (),
    live: bool = True,
    **fields,
) -> ThemeHubPage:
    parent = parent or theme_hub_index_get_or_create()
    page = ThemeHubPage(title=title, **fields)
    page.themes = list(themes)
    page.sections = list(sections)
    return page_add(parent, page, live=live)
