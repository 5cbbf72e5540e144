"""Writes for news."""

from __future__ import annotations

from almenhub.core.pages.tree import section_get_or_create
from almenhub.news.models import NewsIndexPage


def news_index_get_or_create() -> NewsIndexPage:
    """The site's news index, /nyheder/."""
    return section_get_or_create(NewsIndexPage, title="Nyheder", slug="nyheder")
