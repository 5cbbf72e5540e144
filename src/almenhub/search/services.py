"""Writes to the search: keep documents, vocabulary and engines in step with
the content. Called by signal handlers, the importer and the rebuild command.

An editor's change is indexed at once, in the editor's transaction. A batch
(an import) writes its changes to the outbox (`PendingIndexChange`) in its
own transaction and applies them after the commit; whatever a crash leaves
there is applied by the next drain (the next import, a server's start, or
`manage.py search_check --repair`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import DatabaseError, connection, connections, models, transaction
from django.db.models import F, prefetch_related_objects
from django.db.models.functions import Greatest
from django.utils import timezone

from almenhub.search.analysis import fold
from almenhub.search.builders import build_documents, kind_queryset, prefetch_lookups
from almenhub.search.documents import Analysed, indexed, indexed_documents_from_table
from almenhub.search.engines import get_engine
from almenhub.search.models import PendingIndexChange, SearchDocument, SearchTerm
from almenhub.search.planner import known_terms, vocabulary_changed
from almenhub.search.registry import (
    DocumentData,
    kind_by_name,
    kind_for_model,
    kinds,
)

COMPOUND_MIN_LENGTH = 9
logger = logging.getLogger(__name__)
_deferred = threading.local()


def _row_values(data: DocumentData) -> dict:
    return {
        "kind": data.kind,
        "object_id": data.object_id,
        "url": data.url,
        "title": data.title[:500],
        "title_folded": fold(data.title)[:500],
        "teaser": data.teaser,
        "body": data.body,
        "names": data.names,
        "context": data.context,
        "themes": data.themes,
        "status": data.status,
        "year": data.year,
        "owner": data.owner,
        "owner_name": data.owner_name,
        "programme": data.programme,
        "belongs_to": data.belongs_to,
        "published_at": data.published_at,
    }


def _row_vocabulary(row: SearchDocument) -> set[str]:
    """What a stored row counts in the vocabulary: its terms and the parts it
    was indexed with (stored, so that taking it out again is exact)."""
    return Analysed.of(row).terms() | set(row.parts.split())


def document_for(obj: models.Model) -> DocumentData | None:
    return documents_for([obj])[0]


def documents_for(objects: Sequence[models.Model]) -> list[DocumentData | None]:
    """Each object's document, in order (None for one not to be found), with
    what the builders need read once per kind rather than once per object."""
    found: list[DocumentData | None] = [None] * len(objects)
    by_kind: defaultdict[str, list[int]] = defaultdict(list)
    for position, obj in enumerate(objects):
        kind = kind_for_model(type(obj))
        if kind is not None:
            by_kind[kind.kind].append(position)
    for name, positions in by_kind.items():
        kind = kind_by_name(name)
        if kind is None:  # not reached: the name came from kind_for_model
            continue
        built = build_documents(kind, [objects[i] for i in positions])
        for i, data in zip(positions, built, strict=True):
            found[i] = data
    return found


def key_for(obj: models.Model) -> str | None:
    kind = kind_for_model(type(obj))
    return f"{kind.kind}:{obj.pk}" if kind else None


# Rows per statement: below SQLite's limit on bound parameters, and large
# enough that a batch of imported pages is a handful of statements.
CHUNK = 500


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_documents(
    datas: list[DocumentData], *, fresh: bool = False
) -> list[SearchDocument]:
    """Save the documents' rows, with their compound parts, and bring the
    vocabulary's counts up to date, a batch at a time.

    Rows are written with one bulk insert and one bulk update (the model has
    no `save()` logic to miss; `updated_at` is set here, as `bulk_update`
    does not apply `auto_now`). Parts are chosen against the vocabulary
    before the batch and the batch's own terms, the same for every document
    of it whatever their order; a rebuild is one batch of every document
    (`fresh`: into empty tables, which need not be read).
    """
    get_engine().lock_writes()
    by_key = {data.key: data for data in datas}  # the last one wins
    existing: dict[str, SearchDocument] = {}
    for keys in [] if fresh else _chunks(list(by_key)):
        existing.update(
            (row.key, row) for row in SearchDocument.objects.filter(key__in=keys)
        )
    counts: Counter[str] = Counter()
    for row in existing.values():
        counts.subtract(_row_vocabulary(row))

    now = timezone.now()
    rows: list[SearchDocument] = []
    created: list[SearchDocument] = []
    updated: list[SearchDocument] = []
    for key, data in by_key.items():
        found = existing.get(key)
        if found is None:
            row = SearchDocument(key=key, **_row_values(data))
            created.append(row)
        else:
            row = found
            for name, value in _row_values(data).items():
                setattr(row, name, value)
            row.updated_at = now
            updated.append(row)
        rows.append(row)
    analysed = [Analysed.of(row) for row in rows]
    terms = [a.terms() for a in analysed]
    batch_terms = set().union(*terms)
    known = (
        {} if fresh else known_terms(set().union(*(a.candidates() for a in analysed)))
    )
    # A set, not a view of both: `parts` asks it about every split of every
    # long word, and a ChainMap's `in` costs a generator per question.
    vocabulary = set(known) | batch_terms
    for row, words_, row_terms in zip(rows, analysed, terms, strict=True):
        parts = words_.parts(vocabulary)
        row.parts = " ".join(parts)
        counts.update(row_terms | set(parts))

    SearchDocument.objects.bulk_create(created, batch_size=CHUNK)
    if updated:
        fields = [*_row_values(by_key[updated[0].key]), "parts", "updated_at"]
        SearchDocument.objects.bulk_update(updated, fields, batch_size=100)
    _count_terms(counts)
    return rows


def _count_terms(counts: Counter[str]) -> None:
    """Change the vocabulary's counts by these amounts: new terms inserted,
    known ones changed with one atomic update per distinct amount rather than
    one per term, and those no document holds any more removed."""
    totals: Counter[str] = Counter()
    for term, count in counts.items():
        totals[term[:60]] += count
    totals = Counter({t: n for t, n in totals.items() if n})
    if not totals:
        return
    present = known_terms(totals)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(term=t, doc_count=n)
            for t, n in totals.items()
            if t not in present and n > 0
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )
    by_amount: defaultdict[int, list[str]] = defaultdict(list)
    for term in present:
        by_amount[totals[term]].append(term)
    for amount, chunk_terms in by_amount.items():
        for chunk in _chunks(sorted(chunk_terms)):
            SearchTerm.objects.filter(term__in=chunk).update(
                doc_count=Greatest(F("doc_count") + amount, 0)
            )
    lowered = [t for t, n in totals.items() if n < 0]
    for chunk in _chunks(sorted(lowered)):
        SearchTerm.objects.filter(term__in=chunk, doc_count=0).delete()
    vocabulary_changed()


def _index_rows(rows: list[SearchDocument]) -> None:
    get_engine().index_documents([indexed(row, row.parts.split()) for row in rows])


def _prefetch_each_level(objects: list[models.Model], lookup: str) -> None:
    """`prefetch_related_objects(objects, lookup)`, each level of the lookup
    fetched for all of that level's objects.

    Django's prefetch goes on from the rows it fetched at a level: where some
    of a level were in hand already (an imported page's contacts, held in
    memory with their people), the next level of those is left to be read
    one by one (each contact's organisation, ~50 queries a batch)."""
    level = objects
    for name in lookup.split("__"):
        if not level:
            return
        prefetch_related_objects(level, name)
        below: list[models.Model] = []
        for obj in level:
            value = getattr(obj, name)
            if hasattr(value, "all"):
                below += value.all()
            elif value is not None:
                below.append(value)
        level = below


@contextlib.contextmanager
def _prefetched(objects: list[models.Model]) -> Iterator[None]:
    """Prefetch what the builders read, and leave the objects as they were:
    the callers keep them, and a stale prefetched list would outlive this."""
    before = {
        id(obj): dict(obj.__dict__.get("_prefetched_objects_cache") or {})
        for obj in objects
    }
    by_model: defaultdict[type[models.Model], list[models.Model]] = defaultdict(list)
    for obj in objects:
        if obj.pk is not None:
            by_model[type(obj)].append(obj)
    try:
        for model, batch in by_model.items():
            kind = kind_for_model(model)
            if kind is not None:
                for lookup in prefetch_lookups(kind):
                    _prefetch_each_level(batch, lookup)
        yield
    finally:
        for obj in objects:
            if cache := before[id(obj)]:
                obj.__dict__["_prefetched_objects_cache"] = cache
            else:
                obj.__dict__.pop("_prefetched_objects_cache", None)


@contextlib.contextmanager
def deferred_indexing() -> Iterator[None]:
    """Write index updates to the outbox, in the transaction that makes them,
    and apply them in one batch at the end (imports). Should the block fail,
    its updates go with its rolled-back transaction, or stay in the outbox
    for the next drain."""
    if getattr(_deferred, "active", False):
        _deferred.nested = getattr(_deferred, "nested", 0) + 1
        try:
            yield
        finally:
            _deferred.nested -= 1
        return
    _deferred.active = True
    try:
        yield
    finally:
        _deferred.active = False
    search_outbox_drain()


def search_index_objects(objects: Iterable[models.Model]) -> int:
    """Bring the search up to date for these objects: index the public ones,
    remove the others. Returns the number of documents indexed (none yet
    while indexing is deferred)."""
    objects = list(objects)
    if getattr(_deferred, "active", False):
        _outbox_record(objects)
        return 0
    return _index_now(objects)


def _outbox_record(objects: Sequence[models.Model]) -> None:
    changes = []
    for obj in objects:
        kind = kind_for_model(type(obj))
        if kind is not None and obj.pk is not None:
            changes.append(PendingIndexChange(kind=kind.kind, object_id=obj.pk))
    held = getattr(_deferred, "held", None)
    if held is not None:
        held.extend(changes)
        return
    PendingIndexChange.objects.bulk_create(changes, batch_size=CHUNK)


@contextlib.contextmanager
def search_outbox_held() -> Iterator[None]:
    """Inside a transaction of deferred indexing (an import's batch): the
    block's outbox rows written with one insert at its end, still in the
    transaction, rather than one insert per write.

    A savepoint rolled back inside the block keeps its rows here: they name
    objects that are gone or unchanged, which a drain removes or re-indexes
    as they are (harmless; see `search_outbox_drain`). Should the block fail,
    its rows go with its transaction."""
    if getattr(_deferred, "held", None) is not None:
        yield
        return
    held: list[PendingIndexChange] = []
    _deferred.held = held
    try:
        yield
        _deferred.held = None
        PendingIndexChange.objects.bulk_create(held, batch_size=CHUNK)
    finally:
        _deferred.held = None


def search_outbox_loaded(objects: Iterable[models.Model]) -> None:
    """Objects as the transaction that wrote them committed them (an import's
    batch, their relations fetched for Wagtail's indexes): the next drain in
    this thread builds their documents from them instead of reading them
    again, and forgets them: only inside the outermost `deferred_indexing`
    block, whose drain comes next, and for objects nothing changes before."""
    nested: int = getattr(_deferred, "nested", 0)
    if not getattr(_deferred, "active", False) or nested:
        return
    _loaded().update(
        ((kind.kind, obj.pk), obj)
        for obj in objects
        if obj.pk is not None and (kind := kind_for_model(type(obj))) is not None
    )


def _loaded() -> dict[tuple[str, int], models.Model]:
    if not hasattr(_deferred, "loaded"):
        _deferred.loaded = {}
    return _deferred.loaded


# Any number for the lock that serialises drains on PostgreSQL (a
# transaction-level advisory lock); SQLite's IMMEDIATE transactions hold the
# database's one write lock from their start, which serialises them there.
OUTBOX_LOCK = 0x616C6D656E  # "almen"


def search_outbox_drain() -> int:
    """Apply the pending index changes, oldest first, a batch per
    transaction; returns how many were applied.

    Safe to run at any time, in any process, several at once: drains take
    turns (see OUTBOX_LOCK), and each change is read afresh, so applying one
    twice, or after a later one, still leaves the current state indexed. A
    drain that fails leaves its batch in the outbox.
    """
    try:
        return _drain()
    finally:
        _loaded().clear()


def _drain() -> int:
    applied = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OUTBOX_LOCK])
            rows = list(
                PendingIndexChange.objects.order_by("pk").values_list(
                    "pk", "kind", "object_id"
                )[:CHUNK]
            )
            if not rows:
                return applied
            objects, gone = _objects_named(
                {(kind, object_id) for _, kind, object_id in rows}
            )
            if gone:
                search_remove_keys(gone)
            _index_now(objects)
            PendingIndexChange.objects.filter(pk__in=[pk for pk, _, _ in rows]).delete()
        applied += len(rows)


def search_outbox_drain_at_start() -> None:
    """A server's start: apply what a crash left pending, without keeping
    the server from starting should the database be away (the next drain,
    or `search_check --repair`, applies it then)."""
    try:
        applied = search_outbox_drain()
    except DatabaseError:
        logger.exception("Ventende søgeændringer kunne ikke udføres ved start.")
        applied = 0
    finally:
        # Not to be inherited by the processes a server forks from this one.
        if not connection.in_atomic_block:
            connections.close_all()
    if applied:
        logger.warning("%d ventende søgeændringer udført ved start.", applied)


def _objects_named(
    names: set[tuple[str, int]],
) -> tuple[list[models.Model], list[str]]:
    """The objects behind (kind, id) pairs, as they are now, and the keys of
    those that are gone."""
    ids_by_kind: defaultdict[str, set[int]] = defaultdict(set)
    for kind_name, object_id in names:
        ids_by_kind[kind_name].add(object_id)
    objects: list[models.Model] = []
    gone: list[str] = []
    loaded = _loaded()
    for kind_name, ids in sorted(ids_by_kind.items()):
        kind = kind_by_name(kind_name)
        held = [loaded[(kind_name, i)] for i in ids if (kind_name, i) in loaded]
        unread = ids - {obj.pk for obj in held}
        found = (
            list(kind.model._default_manager.filter(pk__in=unread))
            if kind is not None and unread
            else []
        )
        found = sorted(held + found, key=lambda obj: obj.pk)
        objects += found
        gone += [f"{kind_name}:{i}" for i in sorted(ids - {o.pk for o in found})]
    return objects, gone


def _index_now(objects: list[models.Model]) -> int:
    datas: list[DocumentData] = []
    gone: list[str] = []
    with _prefetched(objects):
        for obj, data in zip(objects, documents_for(objects), strict=True):
            if data is not None:
                datas.append(data)
            else:
                key = key_for(obj)
                if key:
                    gone.append(key)
    with transaction.atomic():
        if gone:
            search_remove_keys(gone)
        if not datas:
            return 0
        rows = _write_documents(datas)
        _index_rows(rows)
    return len(rows)


def search_remove_keys(keys: list[str]) -> None:
    counts: Counter[str] = Counter()
    engine = get_engine()
    with transaction.atomic():
        engine.lock_writes()
        for chunk in _chunks(list(keys)):
            rows = SearchDocument.objects.filter(key__in=chunk)
            for row in rows:
                counts.subtract(_row_vocabulary(row))
            rows.delete()
        _count_terms(counts)
        engine.delete(keys)


def search_remove_object(obj: models.Model) -> None:
    key = key_for(obj)
    if key:
        search_remove_keys([key])


def search_rebuild(
    *,
    progress: Callable[[int, int], None] | None = None,
    engine_name: str | None = None,
) -> int:
    """Rebuild documents, vocabulary and the engine's index from the content."""
    objects: list[models.Model] = []
    for kind in kinds():
        objects.extend(kind_queryset(kind))
    total = len(objects)
    datas: list[DocumentData] = []
    for start in range(0, total, CHUNK):
        chunk = objects[start : start + CHUNK]
        datas += [d for d in documents_for(chunk) if d is not None]
        if progress is not None:
            progress(start + len(chunk), total)
    with transaction.atomic():
        # Alone, before the first row it writes (see `lock_writes`).
        get_engine(engine_name).lock_writes(exclusive=True)
        search_documents_replace(datas)
        engine_reindex_from_table(engine_name)
    return len(datas)


def search_documents_replace(datas: list[DocumentData]) -> int:
    """Make these documents the whole document table and vocabulary,
    analysed as every write is: one batch into empty tables. The rebuild's
    step, and how a test's or a benchmark's corpus is loaded; the engines
    are then rebuilt from the table (`engine_reindex_from_table`)."""
    with transaction.atomic():
        get_engine().lock_writes(exclusive=True)
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        vocabulary_changed()
        return len(_write_documents(datas, fresh=True))


def engine_reindex_from_table(engine_name: str | None = None) -> int:
    documents = list(indexed_documents_from_table())
    get_engine(engine_name).replace_all(documents)
    return len(documents)
