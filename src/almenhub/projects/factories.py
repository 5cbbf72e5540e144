"""Programmes and projects for tests and benchmarks.

The demo and the importer build projects from old-site records through
`projects.services.project_upsert`; these make the small pages a test needs.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from almenhub.core.pages.tree import unique_child_slug
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.taxonomy.models import Theme


def programme_create(
    *, parent: Page, title: str, slug: str = "", live: bool = True, **fields
) -> ProgrammePage:
    page = ProgrammePage(
        title=title,
        slug=slug or unique_child_slug(parent, title),
        live=live,
        **fields,
    )
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def project_create(
    *,
    programme: Page,
    title: str,
    slug: str = "",
    themes: Iterable[Theme] = (),
    live: bool = True,
    **fields,
) -> ProjectPage:
    page = ProjectPage(
        title=title,
        slug=slug or unique_child_slug(programme, title),
        live=live,
        **fields,
    )
    page.themes = list(themes)
    programme.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page
