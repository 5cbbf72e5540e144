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
from collections import ChainMap, Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, connection, connections, models, transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone

from almenhub.search.analysis import fold, stem, words
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import IndexedDocument
from almenhub.search.models import PendingIndexChange, SearchDocument, SearchTerm
from almenhub.search.planner import compound_splits, known_terms
from almenhub.search.registry import (
    DocumentData,
    kind_by_name,
    kind_for_model,
    kinds,
)

COMPOUND_MIN_LENGTH = 9
logger = logging.getLogger(__name__)
_deferred = threading.local()


def _terms_of(doc: DocumentData | SearchDocument) -> set[str]:
    text = " ".join([doc.title, doc.teaser, doc.body, doc.names])
    return {t for t in (stem(w) for w in set(words(text))) if t}


def _parts_of(doc: DocumentData | SearchDocument, vocabulary: dict[str, int]) -> str:
    """Index terms of the parts of long compounds, so "grønne områder" also
    finds "grønneområder". A split counts when both parts are known words, or
    one is and the other is a word-sized remainder."""
    return _parts_from(_splits_of(_text_words(doc)), vocabulary)


def _text_words(doc: DocumentData | SearchDocument) -> set[str]:
    return set(words(" ".join([doc.title, doc.teaser, doc.body])))


def _splits_of(text_words: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Each long word's two-part splits (stemmed), the candidates for parts."""
    return {
        word: compound_splits(word)
        for word in text_words
        if len(word) >= COMPOUND_MIN_LENGTH
    }


def _parts_from(
    splits: dict[str, list[tuple[str, str]]], vocabulary: Container[str]
) -> str:
    parts: list[str] = []
    for word_splits in splits.values():
        best: tuple[int, int, tuple[str, str]] | None = None
        for left, right in word_splits:
            known_left, known_right = left in vocabulary, right in vocabulary
            if known_left and known_right:
                score = 2
            elif (known_left and len(right) >= 4) or (known_right and len(left) >= 4):
                score = 1
            else:
                continue
            rank = (score, min(len(left), len(right)), (left, right))
            if best is None or rank > best:
                best = rank
        if best is not None:
            parts.extend(best[2])
    return " ".join(parts)


def _compound_candidates(docs: Iterable[DocumentData | SearchDocument]) -> set[str]:
    candidates: set[str] = set()
    for doc in docs:
        candidates |= _candidates_from(_splits_of(_text_words(doc)))
    return candidates


def _candidates_from(splits: dict[str, list[tuple[str, str]]]) -> set[str]:
    return {part for pairs in splits.values() for pair in pairs for part in pair}


@dataclass
class _Analysed:
    """One document's words, folded and split once.

    Folding is the costly step of analysis, and a document's words are needed
    three times on the way in (its terms, its compound candidates and its
    compound parts) and again for the engine; this keeps it to once.
    """

    text_words: set[str]  # title, teaser and body: compounds are split here
    name_words: set[str]

    @classmethod
    def of(cls, doc: DocumentData | SearchDocument) -> _Analysed:
        return cls(text_words=_text_words(doc), name_words=set(words(doc.names)))

    @cached_property
    def splits(self) -> dict[str, list[tuple[str, str]]]:
        return _splits_of(self.text_words)

    def terms(self) -> set[str]:
        return {t for t in (stem(w) for w in self.text_words | self.name_words) if t}

    def candidates(self) -> set[str]:
        return _candidates_from(self.splits)

    def parts(self, vocabulary: Container[str]) -> str:
        return _parts_from(self.splits, vocabulary)


def _indexed(doc: SearchDocument, parts: str) -> IndexedDocument:
    return IndexedDocument(
        key=doc.key,
        kind=doc.kind,
        title=doc.title,
        teaser=doc.teaser,
        body=doc.body,
        names=doc.names,
        parts=parts,
        themes=list(doc.themes),
        status=doc.status,
        year=doc.year,
        owner=doc.owner,
        programme=doc.programme,
        published=int(doc.published_at.timestamp() * 1000) if doc.published_at else 0,
    )


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
        "themes": data.themes,
        "status": data.status,
        "year": data.year,
        "owner": data.owner,
        "owner_name": data.owner_name,
        "programme": data.programme,
        "published_at": data.published_at,
    }


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
        context = kind.prepare([objects[i] for i in positions])
        for i in positions:
            found[i] = kind.build(objects[i], context)
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
    datas: list[DocumentData],
) -> tuple[list[SearchDocument], dict[str, _Analysed]]:
    """Save the documents' rows and count their new terms, a batch at a time.

    Rows are written with one bulk insert and one bulk update (the model has
    no `save()` logic to miss; `updated_at` is set here, as `bulk_update`
    does not apply `auto_now`). The vocabulary is read once for the batch:
    it is not written until the end, so every document sees the same state
    it would have seen one by one. Returns the rows and their analysed words.
    """
    by_key = {data.key: data for data in datas}  # the last one wins
    existing: dict[str, SearchDocument] = {}
    for keys in _chunks(list(by_key)):
        existing.update(
            (row.key, row) for row in SearchDocument.objects.filter(key__in=keys)
        )
    old_terms = {key: _Analysed.of(row).terms() for key, row in existing.items()}

    now = timezone.now()
    rows: list[SearchDocument] = []
    created: list[SearchDocument] = []
    updated: list[SearchDocument] = []
    for key, data in by_key.items():
        row = existing.get(key)
        if row is None:
            row = SearchDocument(key=key, **_row_values(data))
            created.append(row)
        else:
            for name, value in _row_values(data).items():
                setattr(row, name, value)
            row.updated_at = now
            updated.append(row)
        rows.append(row)
    analysed = {row.key: _Analysed.of(row) for row in rows}

    known = known_terms(set().union(*(a.candidates() for a in analysed.values())))
    new_terms: Counter[str] = Counter()
    for row in rows:
        words_ = analysed[row.key]
        terms = words_.terms()
        before = old_terms.get(row.key, set())
        new_terms.update(terms - before)
        vocabulary = ChainMap(known, dict.fromkeys(terms, 1))
        new_terms.update(set(words_.parts(vocabulary).split()) - before)

    SearchDocument.objects.bulk_create(created, batch_size=CHUNK)
    if updated:
        fields = [*_row_values(by_key[updated[0].key]), "updated_at"]
        SearchDocument.objects.bulk_update(updated, fields, batch_size=100)
    _add_terms(new_terms)
    return rows, analysed


def _add_terms(counts: Counter[str]) -> None:
    """Add new terms and raise the counts of known ones: one insert, and one
    atomic increment per distinct amount rather than one per term."""
    totals: Counter[str] = Counter()
    for term, count in counts.items():
        totals[term[:60]] += count
    if not totals:
        return
    present = known_terms(totals)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(term=t, doc_count=n)
            for t, n in totals.items()
            if t not in present
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )
    by_amount: defaultdict[int, list[str]] = defaultdict(list)
    for term in present:
        by_amount[totals[term]].append(term)
    for amount, terms in by_amount.items():
        for chunk in _chunks(sorted(terms)):
            SearchTerm.objects.filter(term__in=chunk).update(
                doc_count=F("doc_count") + amount
            )


def _index_rows(
    rows: list[SearchDocument], analysed: dict[str, _Analysed] | None = None
) -> None:
    analysed = analysed or {}
    for row in rows:
        if row.key not in analysed:
            analysed[row.key] = _Analysed.of(row)
    vocabulary = known_terms(
        set().union(*(analysed[row.key].candidates() for row in rows))
    )
    get_engine().index_documents(
        [_indexed(row, analysed[row.key].parts(vocabulary)) for row in rows]
    )


# The relations the document builders read (search.builders). Fetched for a
# batch at once, building a hundred documents costs a few queries instead of
# a hundred times ten; a relation a model lacks is skipped.
BUILDER_RELATIONS = (
    "owner_organisation",
    "organisation",
    "participants",
    "contacts__person__organisation",
    "themes__parent",
    "deliverables",
    "quotes",
    "facts",
    "building_blocks",
)


def _has_relation(model: type[models.Model], name: str) -> bool:
    try:
        return model._meta.get_field(name).is_relation
    except FieldDoesNotExist:
        return False


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
            lookups = [
                r for r in BUILDER_RELATIONS if _has_relation(model, r.split("__")[0])
            ]
            prefetch_related_objects(batch, *lookups)
        yield
    finally:
        for obj in objects:
            if cache := before[id(obj)]:
                obj._prefetched_objects_cache = cache
            else:
                obj.__dict__.pop("_prefetched_objects_cache", None)


@contextlib.contextmanager
def deferred_indexing() -> Iterator[None]:
    """Write index updates to the outbox, in the transaction that makes them,
    and apply them in one batch at the end (imports). Should the block fail,
    its updates go with its rolled-back transaction, or stay in the outbox
    for the next drain."""
    if getattr(_deferred, "active", False):
        yield
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
    PendingIndexChange.objects.bulk_create(changes, batch_size=CHUNK)


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
    for kind_name, ids in sorted(ids_by_kind.items()):
        kind = kind_by_name(kind_name)
        found = (
            list(kind.model._default_manager.filter(pk__in=ids).order_by("pk"))
            if kind is not None
            else []
        )
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
        rows, analysed = _write_documents(datas)
        _index_rows(rows, analysed)
    return len(rows)


def search_remove_keys(keys: list[str]) -> None:
    SearchDocument.objects.filter(key__in=keys).delete()
    get_engine().delete(keys)


def search_remove_object(obj: models.Model) -> None:
    key = key_for(obj)
    if key:
        search_remove_keys([key])


def indexed_documents_from_table() -> Iterator[IndexedDocument]:
    vocabulary = dict(SearchTerm.objects.values_list("term", "doc_count"))
    for row in SearchDocument.objects.order_by("pk").iterator(chunk_size=2000):
        yield _indexed(row, _parts_of(row, vocabulary))


def search_rebuild(
    *,
    progress: Callable[[int, int], None] | None = None,
    engine_name: str | None = None,
) -> int:
    """Rebuild documents, vocabulary and the engine's index from the content."""
    objects: list[models.Model] = []
    for kind in kinds():
        objects.extend(kind.queryset())
    total = len(objects)
    datas: list[DocumentData] = []
    for start in range(0, total, CHUNK):
        chunk = objects[start : start + CHUNK]
        datas += [d for d in documents_for(chunk) if d is not None]
        if progress is not None:
            progress(start + len(chunk), total)
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        SearchDocument.objects.bulk_create(
            [SearchDocument(key=d.key, **_row_values(d)) for d in datas], batch_size=500
        )
        counts: Counter[str] = Counter()
        for data in datas:
            counts.update(_terms_of(data))
        for data in datas:
            counts.update(set(_parts_of(data, counts).split()))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t[:60], doc_count=n) for t, n in counts.items()],
            batch_size=1000,
            ignore_conflicts=True,
        )
        engine_reindex_from_table(engine_name)
    return len(datas)


def engine_reindex_from_table(engine_name: str | None = None) -> int:
    documents = list(indexed_documents_from_table())
    get_engine(engine_name).replace_all(documents)
    return len(documents)
