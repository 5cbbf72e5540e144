"""Turn the hub's pages into search documents.

One generic builder serves every page type: it reads the fields the page
types share by convention (teaser, themes, status, year, owner or
organisation, contacts) and the text of every rich-text and stream field, so
a new page type becomes searchable by registering it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from almenhub.core.pages.visibility import (
    is_restricted,
    public_pages,
    restricted_paths,
)
from almenhub.search.registry import DocumentData, SearchableKind, register

TEXT_SKIP = {"teaser", "title", "draft_title", "seo_title", "search_description"}


def stream_text(value) -> str:
    parts: list[str] = []
    for block in value or []:
        inner = block.value
        if hasattr(inner, "source"):
            parts.append(strip_tags(inner.source))
        elif isinstance(inner, str):
            parts.append(inner)
        elif hasattr(inner, "values"):
            for item in inner.values():
                if hasattr(item, "source"):
                    parts.append(strip_tags(item.source))
                elif isinstance(item, str):
                    parts.append(item)
    return "\n".join(p for p in parts if p)


def page_body_text(page: Page) -> str:
    parts: list[str] = []
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in TEXT_SKIP:
            continue
        if field.model is Page:
            continue
        value = getattr(page, field.name, None)
        if isinstance(field, StreamField):
            parts.append(stream_text(value))
        elif isinstance(field, RichTextField) and value:
            parts.append(strip_tags(value))
        elif isinstance(field, models.TextField) and value:
            parts.append(value)
    for relation in ("deliverables", "quotes", "facts", "building_blocks"):
        manager = getattr(page, relation, None)
        if manager is None:
            continue
        for item in manager.all():
            for attr in ("title", "heading", "text", "description", "author", "role"):
                text = getattr(item, attr, "")
                if isinstance(text, str) and text:
                    parts.append(text)
    return "\n".join(p for p in parts if p)


def page_names(page: Page) -> str:
    names: list[str] = []
    for attr in ("owner_organisation", "organisation"):
        org = getattr(page, attr, None)
        if org is not None and hasattr(org, "name"):
            names.append(org.name)
    participants = getattr(page, "participants", None)
    if participants is not None and hasattr(participants, "all"):
        names += [org.name for org in participants.all()]
    if getattr(page, "participants_text", ""):
        names.append(page.participants_text)
    contacts = getattr(page, "contacts", None)
    if contacts is not None:
        for contact in contacts.all():
            person = getattr(contact, "person", None)
            if person is not None:
                names.append(person.name)
                if person.organisation_id:
                    names.append(person.organisation.name)
    return "\n".join(dict.fromkeys(names))


def page_themes(page: Page) -> list[str]:
    themes = getattr(page, "themes", None)
    if themes is None or not hasattr(themes, "all"):
        return []
    slugs: list[str] = []
    for theme in themes.all():
        slugs.append(theme.slug)
        if theme.parent_id:
            slugs.append(theme.parent.slug)
    return list(dict.fromkeys(slugs))


@dataclass
class PageTree:
    """What documents need from the page tree around their pages, read once
    for a batch of pages: the view restrictions, the sites' root paths (for
    URLs) and each page's parent. Page by page this is four queries or cache
    reads each.
    """

    restricted_paths: tuple[str, ...]
    site_root_paths: list
    parents: dict[str, tuple[int, str]]  # parent's path → its id, its class name

    @classmethod
    def read(cls, pages: Sequence[Page]) -> PageTree:
        steplen = Page.steplen
        parent_paths = {p.path[:-steplen] for p in pages if len(p.path) > steplen}
        parents: dict[str, tuple[int, str]] = {}
        rows = Page.objects.filter(path__in=parent_paths).values_list(
            "path", "pk", "content_type_id"
        )
        for path, pk, type_id in rows:
            model = ContentType.objects.get_for_id(type_id).model_class()
            parents[path] = (pk, model.__name__ if model else "")
        return cls(
            restricted_paths=restricted_paths(),
            site_root_paths=Site.get_site_root_paths(),
            parents=parents,
        )

    def is_restricted(self, page: Page) -> bool:
        """Whether a view restriction on the page or an ancestor hides it: the
        rule of Wagtail's `PageQuerySet.public()`, which the rebuild uses."""
        return is_restricted(page, self.restricted_paths)

    def parent(self, page: Page) -> tuple[int, str] | None:
        return self.parents.get(page.path[: -Page.steplen])

    def url(self, page: Page) -> str:
        # Wagtail's own cache of the root paths, filled from the batch's copy.
        page._wagtail_cached_site_root_paths = self.site_root_paths
        return page.get_url() or page.url_path


def build_page(kind: str):
    def build(page: Page, tree: PageTree | None = None) -> DocumentData | None:
        page = page.specific
        tree = tree or PageTree.read([page])
        if not page.live or tree.is_restricted(page):
            return None
        owner = getattr(page, "owner_organisation", None) or getattr(
            page, "organisation", None
        )
        year = getattr(page, "publication_year", None) or getattr(page, "year", None)
        parent = tree.parent(page)
        programme = ""
        if parent is not None and parent[1] == "ProgrammePage":
            programme = str(parent[0])
        if kind == "programme":
            programme = str(page.pk)
        return DocumentData(
            kind=kind,
            object_id=page.pk,
            url=tree.url(page),
            title=page.title,
            teaser=getattr(page, "teaser", "") or "",
            body=page_body_text(page),
            names=page_names(page),
            themes=page_themes(page),
            status=getattr(page, "status", "") or "",
            year=year if isinstance(year, int) else None,
            owner=str(owner.pk) if owner is not None else "",
            owner_name=owner.name if owner is not None else "",
            programme=programme,
            published_at=page.first_published_at,
        )

    return build


PAGE_KINDS = [
    ("project", "projects", "ProjectPage", "Projekt", "Projekter", "projekt"),
    ("programme", "projects", "ProgrammePage", "Program", "Programmer", "program"),
    (
        "publication",
        "publications",
        "PublicationPage",
        "Publikation",
        "Publikationer",
        "publikation",
    ),
    ("example", "examples", "ExamplePage", "Eksempel", "Eksempler", "eksempel"),
    ("meeting", "meetings", "MeetingPage", "Møde", "Møder", "moede"),
    ("news", "news", "NewsPage", "Nyhed", "Nyheder", "nyhed"),
    ("themehub", "themepages", "ThemeHubPage", "Temaside", "Temasider", "temaside"),
    ("page", "contentpages", "ContentPage", "Side", "Sider", "side"),
]


def _register_pages() -> None:
    for kind, app_label, model_name, label, plural, slug in PAGE_KINDS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue

        def queryset(model=model):
            return public_pages(model.objects.all()).specific()

        register(
            SearchableKind(
                kind=kind,
                label=label,
                label_plural=plural,
                slug=slug,
                model=model,
                build=build_page(kind),
                prepare=PageTree.read,
                queryset=queryset,
            )
        )


_register_pages()
