"""Writes to the search: keep documents, vocabulary and engines in step with
the content. Called by signal handlers, the importer and the rebuild command."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from django.db import models, transaction
from django.db.models import F

from almenhub.search.analysis import fold, stem, words
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import IndexedDocument
from almenhub.search.models import SearchDocument, SearchTerm
from almenhub.search.planner import compound_splits, known_terms
from almenhub.search.registry import DocumentData, kind_for_model, kinds

COMPOUND_MIN_LENGTH = 9
_deferred = threading.local()


def _terms_of(doc: DocumentData | SearchDocument) -> set[str]:
    text = " ".join([doc.title, doc.teaser, doc.body, doc.names])
    return {t for t in (stem(w) for w in set(words(text))) if t}


def _parts_of(doc: DocumentData | SearchDocument, vocabulary: dict[str, int]) -> str:
    """Index terms of the parts of long compounds, so "grønne områder" also
    finds "grønneområder". A split counts when both parts are known words, or
    one is and the other is a word-sized remainder."""
    parts: list[str] = []
    for word in set(words(" ".join([doc.title, doc.teaser, doc.body]))):
        if len(word) < COMPOUND_MIN_LENGTH:
            continue
        best: tuple[int, int, tuple[str, str]] | None = None
        for left, right in compound_splits(word):
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
        for word in set(words(" ".join([doc.title, doc.teaser, doc.body]))):
            if len(word) >= COMPOUND_MIN_LENGTH:
                for left, right in compound_splits(word):
                    candidates.add(left)
                    candidates.add(right)
    return candidates


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
    kind = kind_for_model(type(obj))
    if kind is None:
        return None
    return kind.build(obj)


def key_for(obj: models.Model) -> str | None:
    kind = kind_for_model(type(obj))
    return f"{kind.kind}:{obj.pk}" if kind else None


def _write_documents(datas: list[DocumentData]) -> list[SearchDocument]:
    existing = {
        d.key: d for d in SearchDocument.objects.filter(key__in=[x.key for x in datas])
    }
    new_terms: Counter[str] = Counter()
    rows: list[SearchDocument] = []
    for data in datas:
        row = existing.get(data.key)
        old_terms = _terms_of(row) if row is not None else set()
        if row is None:
            row = SearchDocument(key=data.key, **_row_values(data))
            row.save()
        else:
            for name, value in _row_values(data).items():
                setattr(row, name, value)
            row.save()
        for term in _terms_of(data) - old_terms:
            new_terms[term] += 1
        vocabulary = known_terms(_compound_candidates([data])) | dict.fromkeys(
            _terms_of(data), 1
        )
        for term in set(_parts_of(data, vocabulary).split()) - old_terms:
            new_terms[term] += 1
        rows.append(row)
    _add_terms(new_terms)
    return rows


def _add_terms(counts: Counter[str]) -> None:
    if not counts:
        return
    terms = [t[:60] for t in counts]
    present = set(known_terms(terms))
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(term=t[:60], doc_count=counts[t])
            for t in counts
            if t[:60] not in present
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    for term in present:
        SearchTerm.objects.filter(term=term).update(
            doc_count=F("doc_count") + counts[term]
        )


def _index_rows(rows: list[SearchDocument]) -> None:
    vocabulary = known_terms(_compound_candidates(rows))
    get_engine().index_documents(
        [_indexed(row, _parts_of(row, vocabulary)) for row in rows]
    )


@contextlib.contextmanager
def deferred_indexing() -> Iterator[None]:
    """Collect index updates and apply them in one batch at the end (imports)."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = {}
    try:
        yield
        pending = list(_deferred.pending.values())
    finally:
        _deferred.pending = None
    search_index_objects(pending)


def search_index_objects(objects: Iterable[models.Model]) -> int:
    """Bring the search up to date for these objects: index the public ones,
    remove the others. Returns the number of documents indexed."""
    objects = list(objects)
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        for obj in objects:
            pending[(type(obj), obj.pk)] = obj
        return 0
    datas: list[DocumentData] = []
    gone: list[str] = []
    for obj in objects:
        data = document_for(obj)
        if data is not None:
            datas.append(data)
        else:
            key = key_for(obj)
            if key:
                gone.append(key)
    with transaction.atomic():
        if gone:
            search_remove_keys(gone)
        rows = _write_documents(datas) if datas else []
        if rows:
            _index_rows(rows)
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
    for done, obj in enumerate(objects, start=1):
        data = document_for(obj)
        if data is not None:
            datas.append(data)
        if progress is not None:
            progress(done, total)
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
