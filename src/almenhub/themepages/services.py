"""Writes for theme pages."""

from __future__ import annotations

from almenhub.core.pages.tree import section_get_or_create
from almenhub.themepages.models import ThemeHubIndexPage


def theme_hub_index_get_or_create() -> ThemeHubIndexPage:
    """The site's list of theme pages, /temasider/ (the old site's address)."""
    return section_get_or_create(ThemeHubIndexPage, title="Temasider", slug="temasider")
