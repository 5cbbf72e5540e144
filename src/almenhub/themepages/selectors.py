"""What a theme page's sections list: the editor's choice first, then the
newest pages of the section's kind with the page's themes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.core.pages.visibility import only_public, public_pages
from almenhub.examples.models import ExamplePage
from almenhub.projects.models import DeliverableKind, ProjectDeliverable, ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.taxonomy.models import Theme
from almenhub.themepages.blocks import SectionKind


@dataclass(frozen=True)
class HubItem:
    title: str
    url: str
    teaser: str = ""
    label: str = ""
    page_id: int | None = None


@dataclass
class HubSection:
    heading: str
    kind: str
    intro: Any = None
    items: list[HubItem] = field(default_factory=list)


def theme_ids_of(themes: Iterable[Theme]) -> list[int]:
    """The chosen themes and, for a parent theme, its children."""
    ids = [t.pk for t in themes if t.pk]
    children = Theme.objects.filter(parent_id__in=ids).values_list("pk", flat=True)
    return list(dict.fromkeys([*ids, *children]))


def page_item(page: Page) -> HubItem:
    page = page.specific
    label = {
        "ProjectPage": "Projekt",
        "ExamplePage": "Eksempel",
        "NewsPage": "Nyhed",
    }.get(type(page).__name__, "")
    if isinstance(page, PublicationPage):
        label = page.series.name if page.series is not None else "Publikation"
    elif isinstance(page, ContentPage):
        label = page.get_kind_display()
    return HubItem(
        title=page.title,
        url=page.url or "",
        teaser=getattr(page, "teaser", "") or "",
        label=label,
        page_id=page.pk,
    )


def _projects(theme_ids: list[int]) -> QuerySet:
    return (
        public_pages(ProjectPage.objects.filter(themes__in=theme_ids))
        .distinct()
        .order_by("-first_published_at", "-pk")
    )


def _publications(theme_ids: list[int]) -> QuerySet:
    # A publication has no themes of its own: it has its projects'.
    return (
        public_pages(PublicationPage.objects.filter(projects__themes__in=theme_ids))
        .select_related("series")
        .distinct()
        .order_by("-year", "-first_published_at", "-pk")
    )


def _examples(theme_ids: list[int]) -> QuerySet:
    return (
        public_pages(ExamplePage.objects.filter(themes__in=theme_ids))
        .distinct()
        .order_by("-first_published_at", "-pk")
    )


def _tool_pages(theme_ids: list[int]) -> QuerySet:
    return (
        public_pages(
            ContentPage.objects.filter(kind=ContentKind.TOOL, themes__in=theme_ids)
        )
        .distinct()
        .order_by("title", "pk")
    )


def _tool_deliverables(theme_ids: list[int], limit: int) -> list[HubItem]:
    """Tools that the theme's projects deliver ("Projektet indeholder")."""
    deliverables = (
        ProjectDeliverable.objects.filter(
            kind=DeliverableKind.TOOL, page__in=_projects(theme_ids)
        )
        .select_related("publication", "document")
        .order_by("-page__first_published_at", "sort_order")
    )
    items = []
    for deliverable in deliverables[: limit * 2]:
        url = deliverable.link_url
        if url:
            items.append(
                HubItem(
                    title=deliverable.title,
                    url=url,
                    teaser=deliverable.description,
                    label="Værktøj",
                    page_id=deliverable.publication_id,
                )
            )
    return items


FILLERS: dict[str, Callable[[list[int]], QuerySet]] = {
    SectionKind.PROJECTS: _projects,
    SectionKind.PUBLICATIONS: _publications,
    SectionKind.EXAMPLES: _examples,
    SectionKind.TOOLS: _tool_pages,
}


def section_fill(
    kind: str, *, theme_ids: list[int], exclude: set[int], limit: int
) -> list[HubItem]:
    """Up to `limit` items of `kind` with the themes, none of `exclude`."""
    if limit <= 0 or not theme_ids or kind not in FILLERS:
        return []
    pages = FILLERS[kind](theme_ids).exclude(pk__in=exclude)[:limit]
    items = [page_item(page) for page in pages]
    if kind == SectionKind.TOOLS and len(items) < limit:
        seen = {item.url for item in items} | set()
        for item in _tool_deliverables(theme_ids, limit):
            if item.url not in seen and item.page_id not in exclude:
                items.append(item)
                seen.add(item.url)
    return items[:limit]


def hub_sections(hub: Any) -> list[HubSection]:
    theme_ids = theme_ids_of(hub.themes.all())
    sections = []
    for block in hub.sections:
        if block.block_type != "section":
            continue
        value = block.value
        chosen = only_public(
            page.specific for page in value.get("pages") or [] if page is not None
        )
        items = [page_item(page) for page in chosen]
        if value.get("fill"):
            items += section_fill(
                value.get("kind"),
                theme_ids=theme_ids,
                exclude={p.pk for p in chosen},
                limit=(value.get("limit") or 0) - len(items),
            )
        sections.append(
            HubSection(
                heading=value.get("heading") or "",
                kind=value.get("kind") or "",
                intro=value.get("intro"),
                items=items,
            )
        )
    return sections
