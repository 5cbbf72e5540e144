"""What an imported page remembers of where it came from, and how an import
writes such a page: created or updated in place, published with a revision
of its own, and never over an editor's unpublished draft."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, Revision

from almenhub.core.text import danish_slugify

from .deferred import BATCH_SIZE
from .tree import ChildPositions, page_add_child, page_validate


class ImportedPageMixin(models.Model):
    """The old site's identity of an imported page (its old address, else
    its file), so that a re-import updates the page in place instead of
    making a second one, and the checksum of what was imported, so that an
    unchanged file changes nothing. Neither is shown to editors."""

    source_key = models.CharField(
        "importkilde", max_length=255, blank=True, db_index=True, editable=False
    )
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    # An editor has an unpublished draft of the page: nothing was written.
    CONFLICT = "conflict"


def relations_unset(page: Page) -> list[str]:
    """The page's child relations and parental many-to-many fields that are
    not held in memory (modelcluster's `_cluster_related_objects`): for a
    page not saved yet, those it will be saved without, so it has no rows of
    them once saved (see `new_page_revision`)."""
    held = getattr(page, "_cluster_related_objects", {})
    names = [r.get_accessor_name() for r in get_all_child_relations(page)]
    names += [f.name for f in get_all_child_m2m_relations(page)]
    return [name for name in names if name not in held]


@contextlib.contextmanager
def _held_empty(page: Page, names: Collection[str]) -> Iterator[None]:
    """Relations a new page has no rows of, held in memory as empty while
    its revision is serialised (one query each otherwise), and let go after,
    so that a later save of the page does not write them."""
    held = getattr(page, "_cluster_related_objects", None)
    if held is None:
        held = page._cluster_related_objects = {}
    added = [name for name in names if name not in held]
    for name in added:
        held[name] = []
    try:
        yield
    finally:
        for name in added:
            del held[name]


def _revision_of(page: Page, *, empty: Collection[str] = ()) -> Revision:
    with _held_empty(page, empty):
        content = page.serializable_data()
    return Revision(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=content,
        object_str=str(page),
        created_at=timezone.now(),
    )


def revision_published(page: Page) -> Revision:
    """A published revision of the page as it is in memory: the import's
    history, which editors see and can go back to. (Page.save_revision would
    save the page once more and mark it as a draft.) The caller saves the
    page, whose revision fields this sets."""
    revision = _revision_of(page)
    revision.save()
    page.latest_revision = revision
    page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.has_unpublished_changes = False
    return revision


class DeferredRevisions:
    """The published revisions of pages new in a batch, written at its end
    with one insert, and the pages pointed at them with one update, instead
    of an insert and an update per page.

    Like DeferredInserts: its owner calls `write` before the transaction
    commits, `roll_back_to(mark)` when a savepoint is rolled back, and must
    `write` before a page it holds a revision for is changed again (its
    newer revision would otherwise be overwritten by this older one)."""

    def __init__(self) -> None:
        self._pending: list[tuple[Page, Revision]] = []

    def add(self, page: Page, *, empty: Collection[str] = ()) -> None:
        """A published revision of the saved, new `page` as it is in memory
        (`empty`: see `new_page_revision`)."""
        revision = _revision_of(page, empty=empty)
        page.latest_revision_created_at = revision.created_at
        page.has_unpublished_changes = False
        self._pending.append((page, revision))

    def mark(self) -> int:
        return len(self._pending)

    def roll_back_to(self, mark: int) -> None:
        del self._pending[mark:]

    def discard(self) -> None:
        self._pending.clear()

    def write(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        Revision.objects.bulk_create([r for _, r in pending], batch_size=BATCH_SIZE)
        for page, revision in pending:
            page.latest_revision = page.live_revision = revision
        # Each page points at its newest revision, the one just written: one
        # statement for the batch reads that from the revisions (bulk_update
        # would build a CASE clause of three values per page, which costs
        # more to compile than the rows cost to write).
        by_type: dict[int, list[int]] = {}
        for page, revision in pending:
            by_type.setdefault(revision.base_content_type_id, []).append(page.pk)
        for base_type, ids in by_type.items():
            newest = Revision.objects.filter(
                base_content_type_id=base_type,
                object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
            ).order_by("-pk")
            for start in range(0, len(ids), BATCH_SIZE):
                Page.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(
                    latest_revision_id=Subquery(newest.values("pk")[:1]),
                    live_revision_id=Subquery(newest.values("pk")[:1]),
                    latest_revision_created_at=Subquery(
                        newest.values("created_at")[:1]
                    ),
                )


def new_page_revision(
    page: Page, deferred: DeferredRevisions | None, *, empty: Collection[str] = ()
) -> None:
    """The published revision of a page just added to the tree: held for the
    batch's one insert, or written now with the page pointed at it (an update
    of those fields, not a second save). `empty`: relations the page was
    saved without (`relations_unset` before the save), which it has no rows
    of and the revision need not read."""
    if deferred is not None:
        deferred.add(page, empty=empty)
        return
    revision_published(page)
    Page.objects.filter(pk=page.pk).update(
        latest_revision=page.latest_revision,
        live_revision=page.live_revision,
        latest_revision_created_at=page.latest_revision_created_at,
        has_unpublished_changes=False,
    )


class ImportedKeys:
    """The source keys the pages of a type have, read once for a batch of
    writes rather than looked up page by page (a fresh import looks up keys
    no page has). A key written in the batch is added, so the next lookup
    of it reads the page; one of a rolled-back write stays, which only costs
    that lookup. It holds its transaction's rows: clear it when it ends."""

    def __init__(self) -> None:
        self._by_type: dict[type[Page], set[str]] = {}

    def clear(self) -> None:
        self._by_type.clear()

    def may_exist(self, page_type: type[Page], source_key: str) -> bool:
        if page_type not in self._by_type:
            self._by_type[page_type] = set(
                page_type.objects.exclude(source_key="")
                .order_by()
                .values_list("source_key", flat=True)
            )
        return source_key in self._by_type[page_type]

    def written(self, page_type: type[Page], source_key: str) -> None:
        if page_type in self._by_type:
            self._by_type[page_type].add(source_key)


@dataclass
class PageBatch:
    """What a batch of imported pages holds back to its end (see
    `ChildPositions` and `DeferredRevisions`), which its owner writes, and
    the source keys it knows of."""

    positions: ChildPositions
    revisions: DeferredRevisions
    keys: ImportedKeys | None = None


P = TypeVar("P", bound=Page)


@transaction.atomic
def imported_page_write(
    *,
    page_type: type[P],
    parent: Page,
    source_key: str,
    checksum: str,
    fill: Callable[[P], None],
    slug: str = "",
    batch: PageBatch | None = None,
) -> tuple[P, Outcome]:
    """The page of `page_type` imported from `source_key`, created under
    `parent` (slug: `slug`, else the title's, made unique among the
    siblings) or updated where an editor may have moved it, `fill`ed with
    the imported content and published with a revision.

    Unchanged content (same checksum) writes nothing; a page with an
    editor's unpublished draft is left alone (a conflict), since publishing
    would publish the draft too or bury it. An import passes its `batch`."""
    keys = batch.keys if batch is not None else None
    page = (
        page_type.objects.filter(source_key=source_key).first()
        if keys is None or keys.may_exist(page_type, source_key)
        else None
    )
    if page is not None and page.source_checksum == checksum:
        return page, Outcome.UNCHANGED
    if page is not None and page.has_unpublished_changes:
        return page, Outcome.CONFLICT
    created = page is None
    if page is None:
        page = page_type(source_key=source_key)
    fill(page)
    page.title = " ".join(page.title.split())
    page.draft_title = page.title
    page.source_checksum = checksum
    page.last_published_at = timezone.now()
    if not created:
        page_validate(page)
        revision_published(page)
        page.save(clean=False)
        return page, Outcome.UPDATED
    # Made unique among the siblings by page_add_child.
    page.slug = danish_slugify(slug or page.title)
    page.first_published_at = page.last_published_at
    page.live = True
    unset = relations_unset(page)
    page_add_child(
        parent=parent, page=page, positions=batch.positions if batch else None
    )
    new_page_revision(page, batch.revisions if batch is not None else None, empty=unset)
    if keys is not None:
        keys.written(page_type, source_key)
    return page, Outcome.CREATED
