"""Writes for theme pages."""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page

from almenhub.core.pages.imported import Outcome, PageBatch, imported_page_write
from almenhub.core.pages.tree import section_get_or_create
from almenhub.taxonomy.models import Theme
from almenhub.themepages.models import ThemeHubIndexPage, ThemeHubPage


def theme_hub_index_get_or_create() -> ThemeHubIndexPage:
    """The site's list of theme pages, /temasider/ (the old site's address)."""
    return section_get_or_create(ThemeHubIndexPage, title="Temasider", slug="temasider")


def theme_hub_import(
    *,
    parent: Page,
    source_key: str,
    checksum: str,
    title: str,
    slug: str = "",
    teaser: str = "",
    intro: str = "",
    sections: Sequence[tuple[str, dict]] = (),
    themes: Sequence[Theme] = (),
    batch: PageBatch | None = None,
) -> tuple[ThemeHubPage, Outcome]:
    """Create or update the theme page imported from `source_key` and
    publish it (see `imported_page_write`). `sections` are `section`
    blocks of `ThemeHubPage.sections`; `intro` is rich text."""

    def fill(page: ThemeHubPage) -> None:
        page.title = title
        page.teaser = teaser
        page.intro = intro
        page.sections = list(sections)
        page.themes = list(themes)

    return imported_page_write(
        page_type=ThemeHubPage,
        parent=parent,
        source_key=source_key,
        checksum=checksum,
        fill=fill,
        batch=batch,
        slug=slug,
    )
