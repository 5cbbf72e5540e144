from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from almenhub.organisations.models import Organisation
from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.services import person_upsert
from almenhub.projects.models import (
    ProgrammePage,
    ProjectContact,
    ProjectDeliverable,
    ProjectFact,
    ProjectPage,
    ProjectQuote,
    ProjectStatus,
)
from almenhub.projects.records import BodyPart, ProjectRecord
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import (
    publication_get_or_create,
    series_find,
    unique_child_slug,
)
from almenhub.search.services import search_index_objects
from almenhub.taxonomy.services import theme_get_or_create_child


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class UpsertResult:
    page: ProjectPage
    outcome: Outcome


def body_to_stream(parts: list[BodyPart]) -> list[tuple[str, str]]:
    """Record body parts as StreamField data; text is escaped, never trusted."""
    stream: list[tuple[str, str]] = []
    paragraph_run: list[str] = []

    def flush() -> None:
        if paragraph_run:
            stream.append(("paragraph", "".join(paragraph_run)))
            paragraph_run.clear()

    for part in parts:
        if part.kind == "heading":
            flush()
            stream.append(("heading", part.text))
        elif part.kind == "list":
            items = "".join(f"<li>{escape(item)}</li>" for item in part.items)
            paragraph_run.append(f"<ul>{items}</ul>")
        else:
            paragraph_run.append(f"<p>{escape(part.text)}</p>")
    flush()
    return stream


def _organisation(name: str) -> Organisation | None:
    if not name.strip():
        return None
    org, _ = organisation_get_or_create(name=name)
    return org


@transaction.atomic
def project_upsert(
    *, programme: ProgrammePage, record: ProjectRecord, source_key: str = ""
) -> UpsertResult:
    """Create or update the project page a record describes, and publish it.

    With a `source_key` the same source always maps to the same page: an
    unchanged record is a no-op and a changed one updates the page in place.
    Everything happens in one transaction, so a failure writes nothing.
    """
    if not record.title.strip():
        raise ValueError("Projektet mangler en titel.")
    if record.status not in ProjectStatus.values:
        raise ValueError(f"Ukendt status: “{record.status}”.")
    checksum = record.checksum()
    page = (
        ProjectPage.objects.filter(source_key=source_key).first()
        if source_key
        else None
    )
    if page is not None and page.source_checksum == checksum:
        return UpsertResult(page=page, outcome=Outcome.UNCHANGED)

    themes = [
        theme_get_or_create_child(parent_name=parent, child_name=child)[0]
        for parent, child in record.themes
    ]
    owner = _organisation(record.owner)
    participants = [org for org in map(_organisation, record.participants) if org]
    people = []
    for contact in record.contacts:
        person, _ = person_upsert(
            name=contact.name,
            job_title=contact.job_title,
            email=contact.email,
            phone=contact.phone,
            organisation=_organisation(contact.organisation) or owner,
            show_contact_details=True if (contact.email or contact.phone) else None,
        )
        people.append(person)

    created = page is None
    if page is None:
        page = ProjectPage(
            title=record.title.strip(),
            slug=unique_child_slug(programme, record.title),
            source_key=source_key,
        )
    page.title = record.title.strip()
    page.draft_title = page.title
    page.teaser = record.teaser
    page.status = record.status
    page.publication_year = record.publication_year
    page.owner_organisation = owner
    page.participants_text = record.participants_text
    page.body = body_to_stream(record.body)
    page.source_checksum = checksum
    page.themes = themes
    page.participants = participants
    # Explicit positions: without them the rows come back in whatever order
    # the database likes, and PostgreSQL does not keep insertion order.
    page.contacts = [
        ProjectContact(person=person, sort_order=i) for i, person in enumerate(people)
    ]
    page.quotes = [
        ProjectQuote(text=q.text, author=q.author, role=q.role, sort_order=i)
        for i, q in enumerate(record.quotes)
    ]
    page.facts = [
        ProjectFact(heading=f.heading, text=f.text, sort_order=i)
        for i, f in enumerate(record.facts)
    ]

    deliverables = []
    publications = []
    for item in record.deliverables:
        publication = None
        if item.series:
            series = series_find(name=item.series)
            if series is not None:
                publication, _ = publication_get_or_create(
                    title=item.title,
                    series=series,
                    year=record.publication_year,
                    teaser=item.description,
                )
                publications.append(publication)
        deliverables.append(
            ProjectDeliverable(
                title=item.title,
                kind=item.kind,
                description=item.description,
                publication=publication,
                sort_order=len(deliverables),
            )
        )
    page.deliverables = deliverables

    now = timezone.now()
    page.last_published_at = now
    if created:
        page.first_published_at = now
        programme.add_child(instance=page)
    else:
        page.save()
    links = PublicationPage.projects.through.objects
    for publication in publications:
        # Straight to the link table: a full page save just for one link is
        # the slowest part of an import.
        links.get_or_create(publicationpage_id=publication.pk, projectpage_id=page.pk)
    search_index_objects([page, *publications])
    return UpsertResult(
        page=page, outcome=Outcome.CREATED if created else Outcome.UPDATED
    )
