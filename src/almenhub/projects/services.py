from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.html import escape
from modelcluster.models import get_all_child_relations
from wagtail.signal_handlers import update_reference_index_on_save

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.pages.imported import (
    DeferredRevisions,
    Outcome,
    new_page_revision,
    revision_published,
)
from almenhub.core.pages.tree import ChildPositions, page_add_child, page_validate
from almenhub.core.text import danish_slugify, normalise_name
from almenhub.organisations.models import Organisation
from almenhub.organisations.services import (
    organisation_find,
    organisation_get_or_create,
)
from almenhub.people.models import Person
from almenhub.people.services import person_write
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
from almenhub.publications.models import PublicationPage, PublicationSeries
from almenhub.publications.services import (
    KnownPublications,
    publication_get_or_create,
    series_find,
)
from almenhub.search.services import search_index_objects
from almenhub.taxonomy.models import Theme
from almenhub.taxonomy.selectors import theme_children_by_names
from almenhub.taxonomy.services import theme_get_or_create_child


@dataclass
class UpsertResult:
    page: ProjectPage
    outcome: Outcome
    # What the write saved besides the page (the people it created or
    # changed, its publications) and the shared rows it links to, for callers
    # that index them afterwards. Empty when the record was unchanged.
    people: list[Person] = field(default_factory=list)
    publications: list[PublicationPage] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)


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


# What a ProjectPage's revision serialises besides its fields.
_CHILD_RELATIONS = [r.get_accessor_name() for r in get_all_child_relations(ProjectPage)]


@dataclass
class UpsertCache:
    """What `project_upsert` looks up for every record, kept for a run of
    many: themes, organisations, publication series, publications and where
    the next new page goes in the tree.

    The lookups are the same ones `project_upsert` makes without it; with it,
    a thousand pages naming the same twenty organisations read each once.
    It holds rows its transaction has read or written, so keep it for one
    transaction and not past a rollback: `project_upsert` clears it when it
    fails, and the importer clears it for every batch (one transaction).
    """

    themes: dict[tuple[str, str], Theme] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    series: dict[str, PublicationSeries | None] = field(default_factory=dict)
    publications: KnownPublications = field(default_factory=KnownPublications)
    positions: ChildPositions = field(default_factory=ChildPositions)
    people: dict[str, Person] = field(default_factory=dict)  # by e-mail
    # Given (an import's batches), a new page's child rows and links, and its
    # revision, are written by their owner at the end of the batch; see
    # DeferredInserts and DeferredRevisions.
    inserts: DeferredInserts | None = None
    revisions: DeferredRevisions | None = None
    # The source keys of the hub's projects, read once (see `is_new`).
    source_keys: set[str] | None = None
    # The hub's child themes, read once at the first theme looked up.
    known_themes: dict[tuple[str, str], Theme] | None = None
    # The e-mail addresses people have (lower-cased), read once (see
    # `person_emails`).
    people_emails: set[str] | None = None

    def clear(self) -> None:
        self.themes.clear()
        self.known_themes = None
        self.people_emails = None
        self.organisations.clear()
        self.people.clear()
        self.series.clear()
        self.publications.clear()
        self.positions.clear()
        self.source_keys = None

    def mark(self) -> tuple[int, int, int]:
        """Where the held-back writes stand, for `roll_back_to`."""
        inserts = self.inserts.mark() if self.inserts is not None else 0
        revisions = self.revisions.mark() if self.revisions is not None else 0
        return self.positions.mark(), inserts, revisions

    def roll_back_to(self, mark: tuple[int, int, int]) -> None:
        """After a rollback: forget what was read, and the writes held back
        for what was rolled back."""
        self.clear()
        self.positions.roll_back_to(mark[0])
        if self.inserts is not None:
            self.inserts.roll_back_to(mark[1])
        if self.revisions is not None:
            self.revisions.roll_back_to(mark[2])

    def is_new(self, source_key: str) -> bool:
        """No project has this source key: one query for a batch's pages
        instead of one per page (a fresh import looks up thousands of keys
        it does not have). The cache holds its transaction's rows, so a key
        another import adds meanwhile waits for the next batch, as it would
        between a lookup and a write without it."""
        if self.source_keys is None:
            self.source_keys = set(
                ProjectPage.objects.exclude(source_key="").values_list(
                    "source_key", flat=True
                )
            )
        return source_key not in self.source_keys

    def written(self, source_key: str) -> None:
        if self.source_keys is not None and source_key:
            self.source_keys.add(source_key)

    def person_emails(self) -> set[str]:
        """Every person's e-mail address, read once a batch, so that a new
        contact's address is not looked up (`person_write`'s `emails`); the
        people the batch writes are in `people`."""
        if self.people_emails is None:
            self.people_emails = {
                email.lower()
                for email in Person.objects.exclude(email="")
                .order_by()
                .values_list("email", flat=True)
            }
        return self.people_emails

    def theme(self, parent: str, child: str) -> Theme:
        key = (normalise_name(parent), normalise_name(child))
        if key not in self.themes:
            if self.known_themes is None:
                self.known_themes = theme_children_by_names()
            known = self.known_themes.get(key)
            self.themes[key] = (
                known
                if known is not None
                else theme_get_or_create_child(parent_name=parent, child_name=child)[0]
            )
        return self.themes[key]

    def organisation(self, name: str) -> Organisation | None:
        key = normalise_name(name)
        if not key:
            return None
        if key not in self.organisations:
            self.organisations[key] = organisation_get_or_create(name=name)[0]
        return self.organisations[key]

    def organisation_known(self, name: str) -> Organisation | None:
        """An organisation the hub has by that name; None, never created."""
        key = normalise_name(name)
        if not key:
            return None
        if key not in self.organisations:
            found = organisation_find(name=name)
            if found is None:
                return None
            self.organisations[key] = found
        return self.organisations[key]

    def series_named(self, name: str) -> PublicationSeries | None:
        key = normalise_name(name)
        if key not in self.series:
            self.series[key] = series_find(name=name)
        return self.series[key]


def _known_or_text(
    names: list[str], cache: UpsertCache
) -> tuple[list[Organisation], str]:
    """Names as the organisations the hub has, and the rest as text, in the
    page's order."""
    known: list[Organisation] = []
    other: list[str] = []
    for name in names:
        organisation = cache.organisation_known(name)
        if organisation is None:
            other.append(name)
        elif organisation not in known:
            known.append(organisation)
    return known, "; ".join(other)


def _relations_create(
    page: ProjectPage,
    *,
    children: dict[str, list[models.Model]],
    links: dict[str, Sequence[models.Model]],
    deferred: DeferredInserts | None = None,
) -> None:
    """Write a new page's child rows and many-to-many links, one insert per
    table, or hand them to `deferred` inserts for many pages at once.

    This is what modelcluster does on a page's first save, less its query
    per relation for rows a new page cannot have yet and its insert per row.
    Written now, Wagtail's reference index is then told about the page
    again, as each child's save would have told it; the importer, which
    defers them, turns that off and updates the index once they are written.
    """
    rows: list[models.Model] = []
    for name, items in children.items():
        relation = ProjectPage._meta.get_field(name)
        for row in items:
            setattr(row, relation.field.name, page)
        rows += items
    for name, targets in links.items():
        field = ProjectPage._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows += [
            through(**{f"{source}_id": page.pk, f"{target}_id": pk})
            for pk in dict.fromkeys(t.pk for t in targets)
        ]
    if deferred is not None:
        deferred.add(rows)
        return
    DeferredInserts.written(rows)
    update_reference_index_on_save(instance=page)


def project_upsert(
    *,
    programme: ProgrammePage,
    record: ProjectRecord,
    source_key: str = "",
    cache: UpsertCache | None = None,
) -> UpsertResult:
    """Create or update the project page a record describes, and publish it.

    With a `source_key` the same source always maps to the same page: an
    unchanged record is a no-op and a changed one updates the page in place.
    Everything happens in one transaction, so a failure writes nothing.
    Pass a `cache` when writing many records (see UpsertCache).
    """
    cache = cache if cache is not None else UpsertCache()
    mark = cache.mark()
    try:
        with transaction.atomic():
            return _upsert(
                programme=programme, record=record, source_key=source_key, cache=cache
            )
    except BaseException:
        # Rolled back: rows the cache learnt of in there may be gone.
        cache.roll_back_to(mark)
        raise


def _upsert(
    *,
    programme: ProgrammePage,
    record: ProjectRecord,
    source_key: str,
    cache: UpsertCache,
) -> UpsertResult:
    if not record.title.strip():
        raise ValueError("Projektet mangler en titel.")
    if record.status and record.status not in ProjectStatus.values:
        raise ValueError(f"Ukendt status: “{record.status}”.")
    checksum = record.checksum()
    page = (
        ProjectPage.objects.filter(source_key=source_key).first()
        if source_key and not cache.is_new(source_key)
        else None
    )
    if page is not None and page.source_checksum == checksum:
        return UpsertResult(page=page, outcome=Outcome.UNCHANGED)
    if page is not None and page.has_unpublished_changes:
        # Publishing the import would publish the editor's draft too, or
        # bury it under a newer revision: the editor decides.
        return UpsertResult(page=page, outcome=Outcome.CONFLICT)

    themes = [cache.theme(parent, child) for parent, child in record.themes]
    owner = cache.organisation(record.owner)
    participants = [org for org in map(cache.organisation, record.participants) if org]
    partners, partners_text = _known_or_text(record.partners, cache)
    funders, funders_text = _known_or_text(record.funders, cache)
    people: list[Person] = []
    people_changed: list[Person] = []
    organisations = [owner, *participants, *partners, *funders]
    for contact in record.contacts:
        # Where the page says the contact works; else the owner, for someone
        # new (a person named on several owners' pages keeps one organisation).
        organisation = cache.organisation(contact.organisation)
        organisations.append(organisation)
        written = person_write(
            name=contact.name,
            job_title=contact.job_title,
            email=contact.email,
            phone=contact.phone,
            organisation=organisation,
            default_organisation=owner,
            show_contact_details=True if (contact.email or contact.phone) else None,
            known=cache.people,
            emails=cache.person_emails(),
        )
        people.append(written.person)
        if written.changed:
            people_changed.append(written.person)

    created = page is None
    if page is None:
        page = ProjectPage(
            title=record.title.strip(),
            slug=danish_slugify(record.title),  # made unique by page_add_child
            source_key=source_key,
        )
    page.title = record.title.strip()
    page.draft_title = page.title
    page.teaser = record.teaser
    page.status = record.status
    page.publication_year = record.publication_year
    page.owner_organisation = owner
    page.participants_text = record.participants_text
    page.partners_text = partners_text
    page.funders_text = funders_text
    page.photo_credit = record.photo_credit
    page.body = body_to_stream(record.body)
    page.source_checksum = checksum
    # Explicit positions: without them the rows come back in whatever order
    # the database likes, and PostgreSQL does not keep insertion order.
    children: dict[str, list[models.Model]] = {
        "contacts": [
            ProjectContact(person=person, sort_order=i)
            for i, person in enumerate(people)
        ],
        "quotes": [
            ProjectQuote(text=q.text, author=q.author, role=q.role, sort_order=i)
            for i, q in enumerate(record.quotes)
        ],
        "facts": [
            ProjectFact(heading=f.heading, text=f.text, sort_order=i)
            for i, f in enumerate(record.facts)
        ],
    }
    links: dict[str, Sequence[models.Model]] = {
        "themes": themes,
        "participants": participants,
        "partners": partners,
        "funders": funders,
    }

    deliverables: list[models.Model] = []
    publications = []
    for item in record.deliverables:
        publication = None
        if item.series:
            series = cache.series_named(item.series)
            if series is not None:
                publication, _ = publication_get_or_create(
                    title=item.title,
                    series=series,
                    year=record.publication_year,
                    teaser=item.description,
                    known=cache.publications,
                    positions=cache.positions,
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
    children["deliverables"] = deliverables

    now = timezone.now()
    page.last_published_at = now
    # The owner is a row just read or created above: no need to check again
    # that it exists (see page_validate).
    if created:
        page.first_published_at = now
        page_add_child(
            parent=programme,
            page=page,
            trusted=["owner_organisation"],
            positions=cache.positions,
        )
        cache.written(source_key)
        # In memory, for the revision; a new page's other relations are
        # empty, which saves the revision a query each to find that out.
        for name in _CHILD_RELATIONS:
            setattr(page, name, children.get(name, []))
        for name, items in links.items():
            setattr(page, name, items)
        new_page_revision(page, cache.revisions)
        _relations_create(page, children=children, links=links, deferred=cache.inserts)
    else:
        for name, items in [*children.items(), *links.items()]:
            setattr(page, name, items)
        page_validate(page, trusted=["owner_organisation"])
        revision_published(page)
        page.save(clean=False)
    # Straight to the link table: a full page save just for one link is the
    # slowest part of an import. Links already there are left alone; a new
    # page has none, so given deferred inserts (an import's batch) its links
    # go with its other rows, in the batch's one insert per table.
    link = PublicationPage.projects.through
    publication_links = [
        link(publicationpage_id=pk, projectpage_id=page.pk)
        for pk in dict.fromkeys(p.pk for p in publications)
    ]
    if created and cache.inserts is not None:
        cache.inserts.add(publication_links)
    else:
        link.objects.bulk_create(publication_links, ignore_conflicts=True)
    # Last: the importer defers this to the end of its batch, which must only
    # see pages that were written.
    search_index_objects([page, *publications])
    return UpsertResult(
        page=page,
        outcome=Outcome.CREATED if created else Outcome.UPDATED,
        people=people_changed,
        publications=publications,
        organisations=list({o.pk: o for o in organisations if o is not None}.values()),
        themes=themes,
    )
