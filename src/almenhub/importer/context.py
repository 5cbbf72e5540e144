"""What one import run knows and holds back: the programme and the hub's
vocabulary, the caches a batch reads once, and the writes (rows, revisions,
redirects, index updates) it makes at its end."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from wagtail.models import Page

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.pages.imported import DeferredRevisions, ImportedKeys, PageBatch
from almenhub.core.pages.indexing import DeferredIndexes
from almenhub.core.pages.tree import ChildPositions
from almenhub.news.models import NewsIndexPage
from almenhub.news.services import news_index_get_or_create
from almenhub.projects.models import ProgrammePage
from almenhub.projects.services import UpsertCache
from almenhub.publications.models import PublicationIndexPage
from almenhub.publications.services import KnownPublications

from .addresses import OldAddress
from .kinds.themes import ListedPages
from .lookups import OrganisationNames, vocabulary_load
from .parsing import Vocabulary
from .programmes import programme_create
from .redirects import PendingRedirects


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
    # Read once a batch: the source keys of the pages written through
    # `imported_page_write`, and the news index.
    keys: ImportedKeys = field(default_factory=ImportedKeys)
    _news_index: NewsIndexPage | None = None

    def begin_batch(self) -> None:
        """Forget what the last batch read (its transaction has ended)."""
        self.cache.clear()
        self.keys.clear()
        self._news_index = None

    def news_index(self) -> NewsIndexPage:
        """The news index, read once a batch. One made just now is not kept:
        the article that made it may yet be rolled back, and it with it."""
        if self._news_index is None:
            self._news_index = NewsIndexPage.objects.first()
            if self._news_index is None:
                return news_index_get_or_create()
        return self._news_index

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
        self.begin_batch()
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

    def finish_batch(self) -> list[models.Model]:
        """The batch's held-back writes, before it commits: counts, rows,
        redirects, then the indexes that read them. Returns the objects
        indexed, for the hub's search to build on once the batch commits
        (`search_outbox_loaded`)."""
        self.cache.positions.write_deferred()
        self.write_held_back()
        self.redirects.write()
        self.written_keys.clear()
        if self.dry_run:
            return []
        return self.indexes.flush()

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
        return PageBatch(
            positions=self.cache.positions,
            revisions=self.cache.revisions,
            keys=self.keys,
        )

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
