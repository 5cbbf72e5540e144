"""Many pages: batches of one transaction each, a savepoint per page, and
the run around them (its context, search pausing, the dry run)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import DatabaseError, transaction

from almenhub.core.pages.indexing import (
    DeferredIndexes,
    reference_index_paused,
    wagtail_search_paused,
)
from almenhub.projects.models import ProgrammePage
from almenhub.publications.services import publication_index_get_or_create
from almenhub.search.services import (
    deferred_indexing,
    search_outbox_held,
    search_outbox_loaded,
)

from .context import ImportContext
from .programmes import programme_resolve
from .summary import FileResult, ImportSummary

logger = logging.getLogger(__name__)

# Pages per batch: one transaction and one round of index updates each.
# Large enough that the database and the search engine commit rarely; small
# enough that an interrupted run loses little and that the locks a batch
# holds (SQLite's writer lock, the programme's row on PostgreSQL) are held
# for a few seconds only.
BATCH_SIZE = 200


class _DryRunDone(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


# One page's import, ready to run (and to run again, see import_batch).
Job = Callable[[], FileResult]


def import_batch(jobs: Iterator[Job], context: ImportContext) -> list[FileResult]:
    """Import up to BATCH_SIZE pages in one transaction, each page in a
    savepoint of its own, and bring the indexes up to date for them.

    One commit per batch rather than per page, and the programme's place for
    the next page stays known (UpsertCache.positions). Should the batch fail
    as a whole (a constraint checked only at commit, say), its pages are
    imported again, each in a transaction of its own, so that only the page
    at fault is lost and named.
    """
    started: list[Job] = []
    context.begin_batch()
    try:
        with deferred_indexing(), reference_index_paused():
            with transaction.atomic(), search_outbox_held():
                context.lock_parents()
                results = []
                for job in islice(jobs, BATCH_SIZE):
                    started.append(job)
                    results.append(job())
                indexed = context.finish_batch()
            # Committed: the hub's search drain (on leaving deferred
            # indexing) builds on what Wagtail's indexes just read.
            search_outbox_loaded(indexed)
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
        context.begin_batch()
        with deferred_indexing(), reference_index_paused():
            with transaction.atomic(), search_outbox_held():
                context.lock_parents()
                results.append(job())
                indexed = context.finish_batch()
            search_outbox_loaded(indexed)
    return results


def import_run(
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
            while batch := import_batch(pending, context):
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
