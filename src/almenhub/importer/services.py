"""Import the old site's project pages into almenhub.

Each page is parsed without touching the database and then written through
`project_upsert` in its own transaction: a page that fails leaves nothing
behind and the others carry on. A page's source key comes from its file name,
so importing the same files again finds the same pages.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePath

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.pages.indexing import DeferredIndexes, wagtail_search_paused
from almenhub.core.pages.tree import ChildPositions
from almenhub.core.text import normalise_name
from almenhub.home.models import HomePage
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProgrammePage
from almenhub.projects.records import ProjectRecord
from almenhub.projects.services import (
    Outcome,
    UpsertCache,
    project_upsert,
)
from almenhub.publications.models import PublicationIndexPage, PublicationSeries
from almenhub.publications.services import (
    KnownPublications,
    publication_index_get_or_create,
)
from almenhub.search.services import deferred_indexing, search_index_objects
from almenhub.taxonomy.models import Theme

from .parsing import SUPPORTED_SUFFIXES, ParseError, Vocabulary, parse_bytes

logger = logging.getLogger(__name__)

SOURCE_PREFIX = "oldsite:"
DEFAULT_PROGRAMME_TITLE = "Importerede projekter"
DEFAULT_PROGRAMME_SLUG = "importerede-projekter"
ERROR = "error"
# Pages per batch: one transaction and one round of index updates each.
# Large enough that the database and the search engine commit rarely; small
# enough that an interrupted run loses little and that the locks a batch
# holds (SQLite's writer lock, the programme's row on PostgreSQL) are held
# for a few seconds only.
BATCH_SIZE = 200


class ImportSetupError(Exception):
    """The import cannot start (no such programme, no home page …)."""


@dataclass
class FileResult:
    name: str
    outcome: str  # an Outcome value, or ERROR
    message: str = ""
    title: str = ""
    page_id: int | None = None

    @property
    def failed(self) -> bool:
        return self.outcome == ERROR


@dataclass
class ImportSummary:
    dry_run: bool = False
    results: list[FileResult] = field(default_factory=list)
    programme_title: str = ""

    def _count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def found(self) -> int:
        return len(self.results)

    @property
    def created(self) -> int:
        return self._count(Outcome.CREATED)

    @property
    def updated(self) -> int:
        return self._count(Outcome.UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(Outcome.UNCHANGED)

    @property
    def errors(self) -> int:
        return self._count(ERROR)

    @property
    def error_messages(self) -> list[str]:
        return [r.message for r in self.results if r.failed]

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [
            ("Fundet", self.found),
            ("Oprettet", self.created),
            ("Opdateret", self.updated),
            ("Uændret", self.unchanged),
            ("Fejl", self.errors),
        ]

    def as_text(self) -> str:
        line = " · ".join(f"{label}: {count}" for label, count in self.counts)
        if self.dry_run:
            return f"Prøvekørsel, intet er gemt. {line}"
        return line


# --------------------------------------------------------------------------
# What the parser needs to know, and what it produced, kept consistent with
# the database for the length of one run.


def vocabulary_load() -> Vocabulary:
    themes: dict[str, list[str]] = {}
    parents = {t.pk: t.name for t in Theme.objects.filter(parent__isnull=True)}
    for name in parents.values():
        themes[name] = []
    for child in Theme.objects.filter(parent__isnull=False).order_by("sort_order"):
        if child.parent_id is not None:
            themes[parents[child.parent_id]].append(child.name)
    series = list(PublicationSeries.objects.values_list("name", flat=True))
    return Vocabulary(themes=themes, series=series)


class OrganisationNames:
    """Stored spelling of every organisation, keyed case- and space-blind.

    `organisation_find` narrows its candidates with `icontains`, which SQLite
    applies case-blind to ASCII letters only, so "ØSTERBO" does not find
    "Østerbo" there. Handing the write path the stored spelling makes the
    match exact on every database, and keeps the record (and its checksum)
    the same from one run to the next.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._names is None:
            self._names = {}
            for name in Organisation.objects.values_list("name", flat=True):
                self._names.setdefault(normalise_name(name), name)
        return self._names

    def canonical(self, name: str) -> str:
        if not name.strip():
            return name
        return self._load().get(normalise_name(name), " ".join(name.split()))

    def remember(self, names: Iterable[str]) -> None:
        known = self._load()
        for name in names:
            if name.strip():
                known.setdefault(normalise_name(name), " ".join(name.split()))

    def apply(self, record: ProjectRecord) -> None:
        record.owner = self.canonical(record.owner)
        record.participants = [self.canonical(n) for n in record.participants]
        for contact in record.contacts:
            contact.organisation = self.canonical(contact.organisation)


def _batch_cache(inserts: DeferredInserts) -> UpsertCache:
    """An UpsertCache for batches that hold their parents' rows
    (`ImportContext.lock_parents`): publications read once a batch, and
    counts, log entries and child rows written once a batch."""
    return UpsertCache(
        publications=KnownPublications(exclusive=True),
        positions=ChildPositions(deferred=inserts),
        inserts=inserts,
    )


@dataclass
class ImportContext:
    programme: ProgrammePage
    vocabulary: Vocabulary = field(default_factory=vocabulary_load)
    organisations: OrganisationNames = field(default_factory=OrganisationNames)
    indexes: DeferredIndexes = field(
        default_factory=lambda: DeferredIndexes(wagtail_search=False)
    )
    cache: UpsertCache = field(default_factory=lambda: _batch_cache(DeferredInserts()))
    dry_run: bool = False

    def forget_batch(self) -> None:
        """Drop what a rolled-back batch left in memory."""
        self.cache.clear()
        self.cache.positions.discard()
        if self.cache.inserts is not None:
            self.cache.inserts.discard()
        self.indexes.discard()
        self.programme.refresh_from_db()

    def finish_batch(self) -> None:
        """The batch's held-back writes, before it commits: counts, rows,
        then the indexes that read them."""
        self.cache.positions.write_deferred()
        if self.cache.inserts is not None:
            self.cache.inserts.write()
        if not self.dry_run:
            self.indexes.flush()

    def lock_parents(self) -> None:
        """Take the rows of the pages a batch adds children to, the programme
        and the publications' index, in one order for every batch.

        A batch holds them until it commits; taken as pages need them, two
        imports at once could each hold one and wait for the other. (SQLite
        has one writer at a time and ignores this.)
        """
        parents = [self.programme.pk]
        parents += PublicationIndexPage.objects.values_list("pk", flat=True)[:1]
        list(
            Page.objects.select_for_update()
            .filter(pk__in=parents)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


# --------------------------------------------------------------------------
# Programmes.


def programme_get_or_create_default() -> ProgrammePage:
    existing = (
        ProgrammePage.objects.filter(slug=DEFAULT_PROGRAMME_SLUG).first()
        or ProgrammePage.objects.filter(title=DEFAULT_PROGRAMME_TITLE).first()
    )
    if existing is not None:
        return existing
    home = HomePage.objects.first()
    if home is None:
        raise ImportSetupError(
            "Sitet har ingen forside at lægge programmet “Importerede projekter” under."
        )
    programme = ProgrammePage(
        title=DEFAULT_PROGRAMME_TITLE, slug=DEFAULT_PROGRAMME_SLUG, live=True
    )
    home.add_child(instance=programme)
    # Created live, not published: no signal tells the search about it.
    search_index_objects([programme])
    return programme


def programme_resolve(*, ref: str | int | None) -> ProgrammePage:
    """A programme by id, slug or title; the default programme when no
    reference is given."""
    if ref is None or str(ref).strip() == "":
        return programme_get_or_create_default()
    text = str(ref).strip()
    programmes = ProgrammePage.objects.all()
    found = None
    if text.isdigit():
        found = programmes.filter(pk=int(text)).first()
    found = found or programmes.filter(slug=text).first()
    if found is None:
        key = normalise_name(text)
        found = next((p for p in programmes if normalise_name(p.title) == key), None)
    if found is None:
        raise ImportSetupError(
            f"Programmet “{text}” findes ikke. Angiv et id, et kortnavn eller en "
            "titel på en programside."
        )
    return found


# --------------------------------------------------------------------------
# One page.


def source_key_for(name: str) -> str:
    return f"{SOURCE_PREFIX}{PurePath(name).stem}"


def _error(name: str, message: str, line: int | None = None) -> FileResult:
    where = f"{name}, linje {line}" if line else name
    return FileResult(name=name, outcome=ERROR, message=f"{where}: {message}")


def import_source(*, name: str, data: bytes, context: ImportContext) -> FileResult:
    """Parse one page and write it; never raises for a bad page."""
    try:
        record = parse_bytes(data, name=name, vocabulary=context.vocabulary)
    except ParseError as error:
        return _error(name, error.message, error.line)
    except Exception as error:  # a parser bug must not stop the other pages
        logger.exception("Læsning af %s fejlede", name)
        return _error(name, f"Uventet fejl under læsning ({type(error).__name__}).")
    context.organisations.apply(record)
    programme = context.programme
    try:
        # In a savepoint of its own (project_upsert's transaction).
        result = project_upsert(
            programme=programme,
            record=record,
            source_key=source_key_for(name),
            cache=context.cache,
        )
    except ValidationError as error:
        message = " ".join(error.messages)
    except ValueError as error:
        message = str(error)
    except DatabaseError as error:
        message = f"Databasefejl: {error}"
    except Exception as error:  # a bad page must not stop the others
        logger.exception("Import af %s fejlede", name)
        message = f"Uventet fejl ({type(error).__name__}): {error}"
    else:
        for parent, child in record.themes:
            context.vocabulary.add_theme(parent, child)
        context.organisations.remember(
            [record.owner, *record.participants]
            + [c.organisation for c in record.contacts]
        )
        if result.outcome != Outcome.UNCHANGED:
            # The page, its publications and its people change with the page;
            # organisations and themes are shared by many pages and only
            # created (never changed) by an import: indexed once per run.
            context.indexes.note(
                changed=[result.page, *result.people, *result.publications],
                shared=[*result.organisations, *result.themes],
            )
        return FileResult(
            name=name,
            outcome=str(result.outcome),
            title=result.page.title,
            page_id=result.page.pk,
        )
    # The rolled-back page may have bumped the programme's child count in
    # memory; the tree would then compute the next page's path wrongly.
    programme.refresh_from_db()
    return _error(name, message)


def import_file(*, path: Path, context: ImportContext) -> FileResult:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return _error(name, f"Filen kan ikke læses: {error.strerror or error}.")
    return import_source(name=name, data=data, context=context)


# --------------------------------------------------------------------------
# Many pages.


def page_files_find(*, paths: Iterable[Path | str]) -> list[Path]:
    """The files named, and the page files inside the folders named."""
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(".")
            )
        elif path.is_file():
            found = [path]
        else:
            raise ImportSetupError(f"Stien “{path}” findes ikke.")
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


class _DryRunDone(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


# One page's import, ready to run (and to run again, see _import_batch).
Job = Callable[[], FileResult]


def _import_batch(jobs: Iterator[Job], context: ImportContext) -> list[FileResult]:
    """Import up to BATCH_SIZE pages in one transaction, each page in a
    savepoint of its own, and bring the indexes up to date for them.

    One commit per batch rather than per page, and the programme's place for
    the next page stays known (UpsertCache.positions). Should the batch fail
    as a whole (a constraint checked only at commit, say), its pages are
    imported again, each in a transaction of its own, so that only the page
    at fault is lost and named.
    """
    started: list[Job] = []
    context.cache.clear()
    try:
        with deferred_indexing(), disable_reference_index_auto_update():
            with transaction.atomic():
                context.lock_parents()
                results = []
                for job in islice(jobs, BATCH_SIZE):
                    started.append(job)
                    results.append(job())
                context.finish_batch()
        return results
    except DatabaseError:
        if not started:
            raise
        logger.exception(
            "%d sider kunne ikke gemmes samlet; de importeres én ad gangen.",
            len(started),
        )
    context.forget_batch()
    results = []
    for job in started:
        context.cache.clear()
        with deferred_indexing(), disable_reference_index_auto_update():
            with transaction.atomic():
                context.lock_parents()
                results.append(job())
                context.finish_batch()
    return results


def _import(
    *,
    programme: ProgrammePage | str | int | None,
    dry_run: bool,
    exclusive: bool,
    jobs: Callable[[ImportContext], Iterable[Job]],
) -> ImportSummary:
    def run() -> ImportSummary:
        chosen = (
            programme
            if isinstance(programme, ProgrammePage)
            else programme_resolve(ref=programme)
        )
        if exclusive:
            # Created now, with its indexes, rather than unseen inside a batch.
            publication_index_get_or_create()
        context = ImportContext(
            programme=chosen,
            indexes=DeferredIndexes(wagtail_search=exclusive),
            dry_run=dry_run,
        )
        summary = ImportSummary(dry_run=dry_run, programme_title=chosen.title)
        pending = iter(jobs(context))
        paused = wagtail_search_paused() if exclusive else contextlib.nullcontext()
        with paused:
            while batch := _import_batch(pending, context):
                summary.results.extend(batch)
        return summary

    if not dry_run:
        return run()
    # A dry run does all the work, the pages, people and default programme
    # included, and rolls it back, so that its counts are the real ones. The
    # search engine is not transactional: its pending updates are dropped.
    try:
        with transaction.atomic(), deferred_indexing():
            raise _DryRunDone(run())
    except _DryRunDone as done:
        return done.summary


def import_paths(
    *,
    paths: Iterable[Path | str],
    programme: ProgrammePage | str | int | None = None,
    dry_run: bool = False,
    limit: int | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    exclusive: bool = False,
) -> ImportSummary:
    """Import the page files at `paths` (files, or folders searched
    recursively for .txt, .html and .htm files).

    `exclusive` is for a process that does nothing else meanwhile: Wagtail's
    search index is then updated once per batch instead of on every save.
    """
    files = page_files_find(paths=paths)
    if limit is not None:
        files = files[: max(limit, 0)]
    selected = progress(files) if progress else files
    return _import(
        programme=programme,
        dry_run=dry_run,
        exclusive=exclusive,
        jobs=lambda context: (
            functools.partial(import_file, path=path, context=context)
            for path in selected
        ),
    )


def import_uploads(
    *,
    files: Iterable[tuple[str, bytes]],
    programme: ProgrammePage | str | int | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import uploaded pages, given as (file name, content); a generator is
    consumed one page at a time."""
    return _import(
        programme=programme,
        dry_run=dry_run,
        exclusive=False,
        jobs=lambda context: (
            functools.partial(import_source, name=name, data=data, context=context)
            for name, data in files
        ),
    )
