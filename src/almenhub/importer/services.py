"""Import the old site's project pages into almenhub.

Each page is parsed without touching the database and then written through
`project_upsert` in its own transaction: a page that fails leaves nothing
behind and the others carry on. A page's source key comes from its file name,
so importing the same files again finds the same pages.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePath

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models.signals import post_save
from modelsearch import index as wagtail_search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from almenhub.home.models import HomePage
from almenhub.organisations.models import Organisation
from almenhub.organisations.services import normalise_name
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.projects.records import ProjectRecord
from almenhub.projects.services import Outcome, project_upsert
from almenhub.publications.models import PublicationSeries
from almenhub.publications.services import publication_index_get_or_create
from almenhub.search.services import deferred_indexing
from almenhub.taxonomy.models import Theme

from .parsers import SUPPORTED_SUFFIXES, ParseError, Vocabulary, parse_bytes

logger = logging.getLogger(__name__)

SOURCE_PREFIX = "oldsite:"
DEFAULT_PROGRAMME_TITLE = "Importerede projekter"
DEFAULT_PROGRAMME_SLUG = "importerede-projekter"
ERROR = "error"
# Pages per batch of deferred index updates: large enough that the search
# engine commits rarely, small enough that an interrupted run loses little.
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


class DeferredIndexes:
    """Wagtail's reference index and (optionally) its search index, brought
    up to date once per batch of pages instead of on every save.

    A page write saves the project page, its publication pages (twice),
    people and organisations; each save would otherwise re-index at once.
    """

    def __init__(self, *, wagtail_search: bool) -> None:
        self.wagtail_search = wagtail_search
        self._objects: dict[tuple[type[models.Model], object], models.Model] = {}
        self._shared_done: set[tuple[type[models.Model], object]] = set()

    def note(self, page: ProjectPage) -> None:
        # The page, its publications and its people change with the page;
        # organisations and themes are shared by many pages and only created
        # (never changed) by an import, so they are indexed once per run.
        changed: list[models.Model | None] = [page]
        changed += [c.person for c in page.contacts.all()]
        changed += [d.publication for d in page.deliverables.all()]
        shared: list[models.Model | None] = [page.owner_organisation]
        shared += list(page.participants.all())
        shared += list(page.themes.all())
        for obj in changed:
            if obj is not None and obj.pk is not None:
                self._objects[(type(obj), obj.pk)] = obj
        for obj in shared:
            if obj is not None and obj.pk is not None:
                key = (type(obj), obj.pk)
                if key not in self._shared_done:
                    self._shared_done.add(key)
                    self._objects[key] = obj

    def flush(self) -> None:
        objects = list(self._objects.values())
        self._objects.clear()
        if not objects:
            return
        with transaction.atomic():
            for obj in objects:
                if ReferenceIndex.is_indexed(type(obj)):
                    ReferenceIndex.create_or_update_for_object(obj)
            if self.wagtail_search:
                by_model: dict[type[models.Model], list[models.Model]] = {}
                for obj in objects:
                    if wagtail_search_index.class_is_indexed(type(obj)):
                        by_model.setdefault(type(obj), []).append(obj)
                for backend in get_search_backends(with_auto_update=True):
                    for model, batch in by_model.items():
                        backend.add_bulk(model, batch)


@contextlib.contextmanager
def wagtail_search_paused() -> Iterator[None]:
    """Stop Wagtail's search from indexing on every save.

    Signals are process-wide, so this is only for a process that does nothing
    else meanwhile (the management command); `DeferredIndexes` catches up.
    """
    disconnected = [
        model
        for model in wagtail_search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


@dataclass
class ImportContext:
    programme: ProgrammePage
    vocabulary: Vocabulary = field(default_factory=vocabulary_load)
    organisations: OrganisationNames = field(default_factory=OrganisationNames)
    indexes: DeferredIndexes = field(
        default_factory=lambda: DeferredIndexes(wagtail_search=False)
    )
    dry_run: bool = False


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
        with transaction.atomic():
            result = project_upsert(
                programme=programme, record=record, source_key=source_key_for(name)
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
            context.indexes.note(result.page)
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


def _import(
    *,
    programme: ProgrammePage | str | int | None,
    dry_run: bool,
    exclusive: bool,
    handle: Callable[[ImportContext], Iterable[FileResult]],
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
        results = iter(handle(context))
        paused = wagtail_search_paused() if exclusive else contextlib.nullcontext()
        with paused:
            while True:
                with deferred_indexing(), disable_reference_index_auto_update():
                    batch = list(islice(results, BATCH_SIZE))
                    if not dry_run:
                        context.indexes.flush()
                summary.results.extend(batch)
                if len(batch) < BATCH_SIZE:
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
        handle=lambda context: (
            import_file(path=path, context=context) for path in selected
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
        handle=lambda context: (
            import_source(name=name, data=data, context=context) for name, data in files
        ),
    )
