"""Import the old site's project pages into almenhub.

Each page is parsed without touching the database and then written through
`project_upsert` in its own transaction: a page that fails leaves nothing
behind and the others carry on. A page's identity (source key) is its old
address when it has one (addresses.csv, or an HTML page's canonical URL),
else its file name, so importing the same files again finds the same pages;
every old address gets a 301 redirect to its page.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.pages.imported import DeferredRevisions, PageBatch
from almenhub.core.pages.indexing import DeferredIndexes, wagtail_search_paused
from almenhub.core.pages.tree import ChildPositions
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.projects.services import (
    Outcome,
    UpsertCache,
    project_upsert,
)
from almenhub.publications.models import PublicationIndexPage
from almenhub.publications.services import (
    KnownPublications,
    publication_index_get_or_create,
)
from almenhub.search.services import deferred_indexing

from .addresses import (
    CONTENT,
    NEWS,
    PROJECT,
    THEME,
    TOOL,
    AddressError,
    OldAddress,
    address_in_html,
    address_parse,
    source_key_for,
)
from .files import (
    ImportSetupError,
    file_addresses_find,
    is_html_name,
    kinds_ordered,
    page_files_find,
    versions_ordered,
)
from .kinds.content import content_import
from .kinds.news import news_import
from .kinds.themes import ListedPages, theme_import
from .lookups import OrganisationNames, vocabulary_load
from .parsing import ParseError, Vocabulary, parse_bytes
from .programmes import (
    DEFAULT_PROGRAMME_SLUG,
    DEFAULT_PROGRAMME_TITLE,
    programme_create,
    programme_get_or_create_default,
    programme_resolve,
)
from .redirects import PendingRedirects
from .summary import (
    ERROR,
    FileResult,
    ImportSummary,
    conflict_message,
    error_result,
)

__all__ = [
    "DEFAULT_PROGRAMME_SLUG",
    "DEFAULT_PROGRAMME_TITLE",
    "ERROR",
    "FileResult",
    "ImportSetupError",
    "ImportSummary",
    "page_files_find",
    "programme_get_or_create_default",
    "source_key_for",
    "vocabulary_load",
]

logger = logging.getLogger(__name__)

# Pages per batch: one transaction and one round of index updates each.
# Large enough that the database and the search engine commit rarely; small
# enough that an interrupted run loses little and that the locks a batch
# holds (SQLite's writer lock, the programme's row on PostgreSQL) are held
# for a few seconds only.
BATCH_SIZE = 200


# --------------------------------------------------------------------------
# What the parser needs to know, and what it produced, kept consistent with
# the database for the length of one run.


def _batch_cache(inserts: DeferredInserts) -> UpsertCache:
    """An UpsertCache for batches that hold their parents' rows
    (`ImportContext.lock_parents`): publications read once a batch, and
    counts, log entries and child rows written once a batch."""
    return UpsertCache(
        publications=KnownPublications(exclusive=True),
        positions=ChildPositions(deferred=inserts),
        inserts=inserts,
        revisions=DeferredRevisions(),
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
    # The programmes old addresses name, by slug, as the run finds them.
    programmes: dict[str, ProgrammePage] = field(default_factory=dict)
    redirects: PendingRedirects = field(default_factory=PendingRedirects)
    # Source keys written in the current batch, and created in this run.
    written_keys: set[str] = field(default_factory=set)
    created_keys: set[str] = field(default_factory=set)
    # The pages theme pages name, by title.
    listed: ListedPages = field(default_factory=ListedPages)

    def programme_for(self, address: OldAddress | None) -> ProgrammePage:
        """The programme an old address names (its programme, the newer
        scheme's development projects, or its pool), created when the hub
        does not have it; the run's programme for a page without one."""
        if address is None or not address.programme_slug:
            return self.programme
        slug = address.programme_slug
        if slug not in self.programmes:
            found = ProgrammePage.objects.filter(slug=slug).first()
            if found is None:
                found = programme_create(slug)
            self.programmes[slug] = found
        return self.programmes[slug]

    def forget_batch(self) -> None:
        """Drop what a rolled-back batch left in memory."""
        self.cache.clear()
        self.cache.positions.discard()
        if self.cache.inserts is not None:
            self.cache.inserts.discard()
        if self.cache.revisions is not None:
            self.cache.revisions.discard()
        self.indexes.discard()
        self.redirects.discard()
        self.written_keys.clear()
        self.listed.clear()
        self.programme.refresh_from_db()
        self.programmes.clear()

    def finish_batch(self) -> None:
        """The batch's held-back writes, before it commits: counts, rows,
        redirects, then the indexes that read them."""
        self.cache.positions.write_deferred()
        self.write_held_back()
        self.redirects.write()
        self.written_keys.clear()
        if not self.dry_run:
            self.indexes.flush()

    def write_held_back(self) -> None:
        """The rows and revisions of the pages new in the batch so far."""
        if self.cache.inserts is not None:
            self.cache.inserts.write()
        if self.cache.revisions is not None:
            self.cache.revisions.write()

    @property
    def page_batch(self) -> PageBatch | None:
        """For the page types written through `imported_page_write`."""
        if self.cache.revisions is None:
            return None
        return PageBatch(positions=self.cache.positions, revisions=self.cache.revisions)

    def lock_parents(self) -> None:
        """Take the rows of the pages a batch adds children to, the programme
        and the publications' index, in one order for every batch.

        A batch holds them until it commits; taken as pages need them, two
        imports at once could each hold one and wait for the other. (SQLite
        has one writer at a time and ignores this.)
        """
        parents = [self.programme.pk, *(p.pk for p in self.programmes.values())]
        parents += PublicationIndexPage.objects.values_list("pk", flat=True)[:1]
        list(
            Page.objects.select_for_update()
            .filter(pk__in=parents)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


# --------------------------------------------------------------------------
# One page.


# The kinds of page other than projects, each read and written by its module.
_IMPORTS = {
    NEWS: news_import,
    THEME: theme_import,
    TOOL: content_import,
    CONTENT: content_import,
}


def import_source(
    *,
    name: str,
    data: bytes,
    context: ImportContext,
    address: str = "",
    superseded: bool = False,
) -> FileResult:
    """Parse one page and write it; never raises for a bad page.

    `address` is the page's old address (from addresses.csv); an HTML page
    may state its own. It is the page's identity and gets a redirect.
    `superseded`: a later version of the same address follows in this run."""
    url = address or (address_in_html(data) if is_html_name(name) else "")
    old: OldAddress | None = None
    if url:
        try:
            old = address_parse(url)
        except AddressError as error:
            return error_result(name, str(error))
    kind = old.kind if old else PROJECT
    if old is not None and kind in _IMPORTS:
        result = _IMPORTS[kind](name=name, data=data, context=context, old=old)
        result.kind, result.address = kind, url
        if result.page_id and not result.failed:
            context.redirects.add(old, result)
        return result
    result = _import_project(
        name=name, data=data, context=context, old=old, superseded=superseded
    )
    result.kind, result.address = kind, url
    if old is not None:
        result.scheme = old.scheme
        if result.page_id and not result.failed:
            context.redirects.add(old, result)
    return result


def _import_project(
    *,
    name: str,
    data: bytes,
    context: ImportContext,
    old: OldAddress | None,
    superseded: bool,
) -> FileResult:
    try:
        record = parse_bytes(data, name=name, vocabulary=context.vocabulary)
    except ParseError as error:
        return error_result(name, error.message, error.line)
    except Exception as error:  # a parser bug must not stop the other pages
        logger.exception("Læsning af %s fejlede", name)
        return error_result(
            name, f"Uventet fejl under læsning ({type(error).__name__})."
        )
    context.organisations.apply(record)
    source_key = old.source_key if old else source_key_for(name)
    if (
        superseded
        and source_key not in context.created_keys
        and ProjectPage.objects.filter(source_key=source_key).exists()
    ):
        # An earlier version of a page imported before: its revision is
        # there already, and writing it again would bury the later one.
        return FileResult(
            name=name,
            outcome=str(Outcome.UNCHANGED),
            title=record.title,
            owner=record.owner,
        )
    if source_key in context.written_keys:
        # A second version of a page this batch created: its rows and
        # revision, held back to the end of the batch, must be there before
        # it is updated.
        context.write_held_back()
    context.written_keys.add(source_key)
    try:
        programme = context.programme_for(old)
        # In a savepoint of its own (project_upsert's transaction).
        result = project_upsert(
            programme=programme,
            record=record,
            source_key=source_key,
            cache=context.cache,
        )
    except ValidationError as error:
        message = " ".join(error.messages)
    except (ValueError, ImportSetupError) as error:
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
        if result.outcome not in (Outcome.UNCHANGED, Outcome.CONFLICT):
            # The page, its publications and its people change with the page;
            # organisations and themes are shared by many pages and only
            # created (never changed) by an import: indexed once per run.
            context.indexes.note(
                changed=[result.page, *result.people, *result.publications],
                shared=[*result.organisations, *result.themes],
            )
        message = ""
        if result.outcome == Outcome.CREATED:
            context.created_keys.add(source_key)
        if result.outcome == Outcome.CONFLICT:
            message = conflict_message(name, result.page.title)
        return FileResult(
            name=name,
            outcome=str(result.outcome),
            title=result.page.title,
            page_id=result.page.pk,
            owner=record.owner,
            warnings=list(record.warnings),
            message=message,
        )
    # The rolled-back page may have bumped the programme's child count in
    # memory; the tree would then compute the next page's path wrongly.
    context.programme.refresh_from_db()
    for known in context.programmes.values():
        known.refresh_from_db()
    return error_result(name, message)


def import_file(
    *, path: Path, context: ImportContext, address: str = "", superseded: bool = False
) -> FileResult:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return error_result(name, f"Filen kan ikke læses: {error.strerror or error}.")
    return import_source(
        name=name, data=data, context=context, address=address, superseded=superseded
    )


# --------------------------------------------------------------------------
# Many pages.


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
    addresses = file_addresses_find(files=files)
    ordered, superseded = versions_ordered(files=files, addresses=addresses)
    ordered = kinds_ordered(files=ordered, addresses=addresses)
    selected = progress(ordered) if progress else ordered
    return _import(
        programme=programme,
        dry_run=dry_run,
        exclusive=exclusive,
        jobs=lambda context: (
            functools.partial(
                import_file,
                path=path,
                context=context,
                address=addresses.get(path, ""),
                superseded=path in superseded,
            )
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
