"""The old site's theme pages (/temasider/<emne>/ and their sub-pages): a
ThemeHubPage whose sections link the pages they list by title.

Theme pages are imported after every other kind (`files.import_order`), so
the projects, publications and tools they name are in the hub by then; a
title the hub does not have stays in its section as text and is reported.
A sub-page without sections is a plain ContentPage under its theme page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.html import escape
from wagtail.models import Page

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.core.text import normalise_name
from almenhub.examples.models import ExamplePage
from almenhub.projects.models import ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.taxonomy.models import Theme
from almenhub.themepages.blocks import MAX_SECTION_SIZE
from almenhub.themepages.models import ThemeHubPage
from almenhub.themepages.services import (
    theme_hub_import,
    theme_hub_index_get_or_create,
)

from ..addresses import OldAddress
from ..parsing import ParseError
from ..parsing.articles import (
    ContentRecord,
    ThemePageRecord,
    ThemeSection,
    checksum_of,
    theme_parse,
)
from ..streams import parts_html
from ..summary import FileResult, error_result
from .common import imported_ancestor, last_segment, page_written
from .content import content_written

if TYPE_CHECKING:
    from ..context import ImportContext

# Which kind of page a section's titles are looked for first.
_PREFERRED = {
    "projects": "project",
    "publications": "publication",
    "tools": "tool",
    "examples": "example",
}


@dataclass
class ListedPages:
    """The hub's pages by normalised title, as a theme page's sections name
    them: read once for the theme pages of a run (which come last), and
    dropped with a rolled-back batch."""

    _titles: dict[str, list[tuple[str, int]]] | None = None
    _themes: dict[str, Theme] = field(default_factory=dict)

    def clear(self) -> None:
        self._titles = None
        self._themes.clear()

    def _read(self) -> dict[str, list[tuple[str, int]]]:
        titles: dict[str, list[tuple[str, int]]] = {}

        def add(title: str, kind: str, pk: int) -> None:
            titles.setdefault(normalise_name(title), []).append((kind, pk))

        for pk, title in ProjectPage.objects.values_list("pk", "title"):
            add(title, "project", pk)
        for pk, title, series in PublicationPage.objects.values_list(
            "pk", "title", "series__name"
        ):
            kind = "tool" if series and normalise_name(series) == "værktøj" else ""
            add(title, kind or "publication", pk)
            if series:
                add(f"{series}: {title}", kind or "publication", pk)
        for pk, title in ContentPage.objects.filter(kind=ContentKind.TOOL).values_list(
            "pk", "title"
        ):
            add(title, "tool", pk)
        for pk, title in ExamplePage.objects.values_list("pk", "title"):
            add(title, "example", pk)
        for found in titles.values():
            found.sort(key=lambda kind_pk: kind_pk[1])
        return titles

    def find(self, title: str, *, section_kind: str) -> int | None:
        """The page a section's line names: by the whole line, else by what
        follows a series prefix ("AlmenVejledning: …"); of the section's own
        kind when there are several."""
        if self._titles is None:
            self._titles = self._read()
        candidates = self._titles.get(normalise_name(title), [])
        if not candidates and ":" in title:
            candidates = self._titles.get(normalise_name(title.split(":", 1)[1]), [])
        preferred = _PREFERRED.get(section_kind)
        for kind, pk in candidates:
            if kind == preferred:
                return pk
        return candidates[0][1] if candidates else None

    def theme(self, name: str) -> Theme | None:
        if not self._themes:
            self._themes = {normalise_name(t.name): t for t in Theme.objects.all()}
        return self._themes.get(normalise_name(name))


def _sections(
    record: ThemePageRecord, listed: ListedPages
) -> tuple[list[tuple[str, dict]], list[int], list[str]]:
    """The sections as blocks, the ids they link, and a warning for every
    title the hub does not have (kept as text under the section)."""
    blocks: list[tuple[str, dict]] = []
    linked: list[int] = []
    warnings: list[str] = []
    for section in record.sections:
        ids, missing = _resolve(section, listed)
        for title in missing:
            warnings.append(
                f"afsnittet “{section.heading}” nævner “{title}”, som ikke findes "
                "i hubben; titlen står som tekst i afsnittet."
            )
        pages = Page.objects.in_bulk(ids)
        intro = parts_html(section.intro)
        if missing:
            intro += "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in missing)
            intro += "</ul>"
        blocks.append(
            (
                "section",
                {
                    "heading": section.heading[:200],
                    "kind": section.kind,
                    "intro": intro,
                    "pages": [pages[pk] for pk in ids if pk in pages],
                    # The old page listed exactly these; an editor may turn
                    # on filling up with the theme's newest.
                    "fill": False,
                    "limit": max(1, min(len(ids), MAX_SECTION_SIZE)),
                },
            )
        )
        linked += ids
    return blocks, linked, warnings


def _resolve(section: ThemeSection, listed: ListedPages) -> tuple[list[int], list[str]]:
    ids: list[int] = []
    missing: list[str] = []
    for title in section.titles:
        pk = listed.find(title, section_kind=section.kind)
        if pk is None:
            missing.append(title)
        elif pk not in ids:
            ids.append(pk)
    return ids, missing


def theme_import(
    *, name: str, data: bytes, context: ImportContext, old: OldAddress
) -> FileResult:
    try:
        record = theme_parse(data, name=name)
    except ParseError as error:
        return error_result(name, error.message, error.line)
    parent = imported_ancestor(old, [ThemeHubPage, ContentPage])
    if not record.sections and parent is not None:
        # A sub-page of running text (a section's article).
        return content_written(
            name=name,
            context=context,
            old=old,
            record=ContentRecord(
                title=record.title, teaser=record.teaser, body=record.intro
            ),
            parent=parent,
            kind=ContentKind.OTHER,
        )
    if not isinstance(parent, ThemeHubPage):
        parent = theme_hub_index_get_or_create()
    blocks, linked, warnings = _sections(record, context.listed)
    theme = context.listed.theme(record.title)
    # The links are part of what was imported: a page that names a project
    # imported since gets its link on the next import.
    checksum = hashlib.sha256(
        f"{checksum_of(record)}:{linked}:{theme.pk if theme else ''}".encode()
    ).hexdigest()
    return page_written(
        name=name,
        context=context,
        write=lambda: theme_hub_import(
            parent=parent,
            source_key=old.source_key,
            checksum=checksum,
            title=record.title,
            slug=last_segment(old),
            teaser=record.teaser,
            intro=parts_html(record.intro),
            sections=blocks,
            themes=[theme] if theme else [],
            batch=context.page_batch,
        ),
        warnings=warnings,
    )
