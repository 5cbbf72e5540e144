"""Programmes and projects for tests and benchmarks.

The demo and the importer build projects from old-site records through
`projects.services.project_upsert`; these make the small pages a test needs.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from almenhub.core.pages.factories import page_add
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.taxonomy.models import Theme


def programme_create(
    *, parent: Page, title: str, slug: str = "", live: bool = True, **fields
) -> ProgrammePage:
    return page_add(parent, ProgrammePage(title=title, slug=slug, **fields), live=live)


def project_create(
    *,
    programme: Page,
    title: str,
    slug: str = "",
    themes: Iterable[Theme] = (),
    live: bool = True,
    **fields,
) -> ProjectPage:
    page = ProjectPage(title=title, slug=slug, **fields)
    page.themes = list(themes)
    return page_add(programme, page, live=live)
