"""Compile a publication draft into a PDF and a publication page.

One call does it all: read the content, typeset it, store the PDF as the
publication page's document, put the same content on the page as HTML, and
list the publication under its project's "Projektet indeholder". When the
content (and template, and compiler) is what was compiled last time, nothing
is written at all.
"""

from __future__ import annotations

import enum
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.documents import get_document_model

from almenhub.core.text import danish_slugify
from almenhub.projects.models import DeliverableKind, ProjectDeliverable, ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import publication_get_or_create
from almenhub.publishing.compiler import content_checksum, publication_pdf
from almenhub.publishing.content import (
    PublicationContent,
    meeting_series_examples,
    publication_content,
)
from almenhub.publishing.html import publication_body
from almenhub.publishing.models import CompileStatus, DraftExample, PublicationDraft

Progress = Callable[[int, str], None]


class Outcome(enum.StrEnum):
    COMPILED = "compiled"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class CompileResult:
    outcome: Outcome
    publication: PublicationPage
    pages: int
    examples: int


class BuildState(enum.StrEnum):
    NEVER = "never"
    QUEUED = "queued"
    RUNNING = "running"
    FAILED = "failed"
    CHANGED = "changed"
    COMPILED = "compiled"


@dataclass(frozen=True)
class DraftState:
    """The one thing the builder says about a draft, in the editor's words."""

    state: BuildState
    label: str


def _when(moment) -> str:
    with translation.override("da"):
        return date_format(timezone.localtime(moment), r"j. F Y \k\l. H.i")


def draft_state(*, draft: PublicationDraft) -> DraftState:
    """Where the draft stands: being compiled, failed, never compiled,
    changed since its last compile, or compiled (N pages at time T).

    "Changed" compares the checksum of what a compile would typeset now
    (the draft, its examples as published, the template and the compiler)
    with the one of the last compile, so an edit to an example counts as
    well as an edit to the draft; reading the content costs a few queries.
    """
    last = (
        f"kompileret {_when(draft.compiled_at)}, {draft.pages or 0} sider"
        if draft.compiled_at
        else ""
    )
    if draft.status == CompileStatus.QUEUED:
        return DraftState(BuildState.QUEUED, "I kø til kompilering")
    if draft.status == CompileStatus.RUNNING:
        return DraftState(BuildState.RUNNING, f"Kompilerer ({draft.progress} %)")
    if draft.status == CompileStatus.FAILED:
        tail = f"; den gældende PDF er {last}" if last else ""
        return DraftState(BuildState.FAILED, f"Kompileringen fejlede{tail}")
    if draft.compiled_at is None or not draft.content_checksum:
        return DraftState(BuildState.NEVER, "Ikke kompileret")
    current = content_checksum(publication_content(draft=draft))
    if current != draft.content_checksum:
        return DraftState(
            BuildState.CHANGED, f"Ændret siden sidste kompilering ({last})"
        )
    return DraftState(BuildState.COMPILED, last[0].upper() + last[1:])


def draft_progress_set(*, draft_id: int, progress: int, message: str, **fields) -> None:
    """Written with an UPDATE, outside any model instance, so that a status
    page polling from another request sees it while the compile runs."""
    PublicationDraft.objects.filter(pk=draft_id).update(
        progress=progress, progress_message=message, **fields
    )


def _no_progress(progress: int, message: str) -> None:
    return None


def pdf_page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _document_store(draft: PublicationDraft, pdf: bytes, title: str):
    """The draft's document, holding the new PDF.

    A recompile writes the new bytes under the file's old name, so the
    document's own address (`/dokumenter/<id>/<name>.pdf`) stays what it
    was, as the page's `pdf/` address does; saving under a new name would
    give it a suffix and leave the old address answering 404. The old file
    is removed only once the new PDF is made, so a failed compile leaves
    the old one in place.
    """
    Document = get_document_model()
    document = draft.document or Document(title=title)
    document.title = title
    if document.pk and document.file:
        storage, name = document.file.storage, document.file.name
        storage.delete(name)
        document.file = storage.save(name, ContentFile(pdf))
    else:
        document.file.save(f"{danish_slugify(title)}.pdf", ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.file.close()
    document.save()
    return document


def _project_deliverable_ensure(
    project: ProjectPage, publication: PublicationPage, description: str
) -> None:
    """List the publication under the project's "Projektet indeholder".

    The deliverables are part of the project page's revisions; a project with
    unpublished changes gets the item in its draft as well, so publishing
    that draft later keeps it.
    """
    if project.deliverables.filter(publication=publication).exists():
        return
    item = {
        "title": publication.title,
        "kind": DeliverableKind.REPORT,
        "publication": publication,
        "description": description,
    }
    if project.live and not project.has_unpublished_changes:
        project.deliverables.add(ProjectDeliverable(**item))
        project.save_revision().publish()
        return
    latest = project.get_latest_revision_as_object()
    latest.deliverables.add(ProjectDeliverable(**item))
    latest.save_revision()
    ProjectDeliverable.objects.create(
        page=project, sort_order=project.deliverables.count(), **item
    )


def _publication_write(
    draft: PublicationDraft, content: PublicationContent, document
) -> PublicationPage:
    page = draft.publication if draft.publication_id else None
    if page is None:
        page, _ = publication_get_or_create(
            title=draft.title, series=draft.series, year=content.year
        )
    page.title = draft.title
    page.draft_title = draft.title
    page.series = draft.series
    page.year = content.year
    page.teaser = draft.teaser or draft.subtitle
    page.body = publication_body(content=content)
    page.document = document
    page.prepared_by = draft.prepared_by
    page.prepared_for = draft.prepared_for
    page.photos = draft.photos
    page.rights = draft.rights
    page.funders = draft.funders
    page.layout = draft.layout
    page.isbn = draft.isbn
    project = _project(draft)
    if project is not None:
        page.projects.add(project)
    page.save_revision().publish()
    if project is not None:
        _project_deliverable_ensure(project, page, draft.teaser or draft.subtitle)
    return page


def _project(draft: PublicationDraft) -> ProjectPage | None:
    series = draft.meeting_series
    if series is not None and series.project is not None:
        return series.project.specific
    return None


def publication_compile(
    *, draft: PublicationDraft, progress: Progress = _no_progress
) -> CompileResult:
    """Typeset the draft and publish it; unchanged content writes nothing."""
    progress(10, "Henter indhold")
    content = publication_content(draft=draft)
    if not content.example_count:
        raise ValueError(
            "Publikationen har ingen eksempler: vælg eksempler, eller vælg en "
            "mødeserie, hvis oplæg har eksempler."
        )
    checksum = content_checksum(content)
    if (
        checksum == draft.content_checksum
        and draft.document_id
        and draft.publication is not None
    ):
        progress(100, "Uændret siden sidste kompilering")
        return CompileResult(
            outcome=Outcome.UNCHANGED,
            publication=draft.publication,
            pages=draft.pages or 0,
            examples=content.example_count,
        )
    progress(30, f"Sætter {content.example_count} eksempler med Typst")
    pdf = publication_pdf(content=content)
    pages = pdf_page_count(pdf)
    progress(75, "Gemmer PDF og publikationsside")
    with transaction.atomic():
        document = _document_store(draft, pdf, draft.title)
        page = _publication_write(draft, content, document)
        draft.document = document
        draft.publication = page
        draft.content_checksum = checksum
        draft.compiled_at = timezone.now()
        draft.pages = pages
        draft.save(
            update_fields=[
                "document",
                "publication",
                "content_checksum",
                "compiled_at",
                "pages",
            ]
        )
    progress(100, f"Færdig: {pages} sider")
    return CompileResult(
        outcome=Outcome.COMPILED,
        publication=page,
        pages=pages,
        examples=content.example_count,
    )


def draft_compile_run(*, draft_id: int) -> CompileResult | None:
    """Compile with the status and progress stored on the draft (the task's
    body). Failures are stored for the editor, not raised."""
    draft = PublicationDraft.objects.get(pk=draft_id)
    draft_progress_set(
        draft_id=draft_id, progress=5, message="Starter", status=CompileStatus.RUNNING
    )
    try:
        result = publication_compile(
            draft=draft,
            progress=lambda p, m: draft_progress_set(
                draft_id=draft_id, progress=p, message=m
            ),
        )
    except Exception as error:  # noqa: BLE001 - shown to the editor
        draft_progress_set(
            draft_id=draft_id,
            progress=100,
            message="Kompileringen fejlede",
            status=CompileStatus.FAILED,
            error=str(error),
        )
        return None
    draft_progress_set(
        draft_id=draft_id,
        progress=100,
        message=(
            "Uændret – intet at gøre"
            if result.outcome == Outcome.UNCHANGED
            else f"Færdig: {result.pages} sider"
        ),
        status=CompileStatus.DONE,
        error="",
    )
    return result


def draft_fill_from_meeting_series(*, draft: PublicationDraft) -> int:
    """Add the examples the series' contributions presented (highlights
    first) that are not chosen yet; returns how many were added."""
    if draft.meeting_series_id is None:
        return 0
    chosen = set(draft.chosen_examples.values_list("example_id", flat=True))
    start = draft.chosen_examples.count()
    added = 0
    for example in meeting_series_examples(draft.meeting_series):
        if example.pk not in chosen:
            DraftExample.objects.create(
                draft=draft, example=example, sort_order=start + added
            )
            added += 1
    return added
