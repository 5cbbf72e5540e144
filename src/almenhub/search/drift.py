"""Does the search hold exactly the public content? Find where it does not,
and repair it (`manage.py search_check`).

Three things must agree: the content that is public now (each kind's
queryset, built into documents as the rebuild builds them), the document
table, and the engine's index. The outbox (pending changes a drain has not
yet applied) is reported on its own: a drain is the normal way back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models, transaction

from almenhub.search.builders import kind_queryset
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import SearchFilters
from almenhub.search.models import PendingIndexChange, SearchDocument
from almenhub.search.registry import DocumentData, kinds
from almenhub.search.services import (
    CHUNK,
    _index_now,
    _index_rows,
    _prefetched,
    _row_values,
    documents_for,
    search_outbox_drain,
    search_remove_keys,
)

EXAMPLES_SHOWN = 10


@dataclass
class SearchDrift:
    pending: int = 0
    missing: list[str] = field(default_factory=list)  # public, no document
    extra: list[str] = field(default_factory=list)  # a document of nothing public
    stale: list[str] = field(default_factory=list)  # a document of older content
    unindexed: list[str] = field(default_factory=list)  # a document the engine lacks
    orphaned: list[str] = field(default_factory=list)  # in the engine, no document
    # The public objects behind `missing` and `stale`, for a repair.
    objects: dict[str, models.Model] = field(default_factory=dict, repr=False)

    LABELS = (
        ("missing", "offentligt indhold uden søgedokument"),
        ("extra", "søgedokumenter uden offentligt indhold"),
        ("stale", "søgedokumenter med forældet indhold"),
        ("unindexed", "søgedokumenter, som søgemaskinen mangler"),
        ("orphaned", "dokumenter i søgemaskinen uden søgedokument"),
    )

    @property
    def agrees(self) -> bool:
        return not any(getattr(self, name) for name, _ in self.LABELS)

    def lines(self) -> list[str]:
        lines = [f"Ventende ændringer i køen: {self.pending}"]
        for name, label in self.LABELS:
            keys = getattr(self, name)
            if keys:
                shown = ", ".join(keys[:EXAMPLES_SHOWN])
                more = " …" if len(keys) > EXAMPLES_SHOWN else ""
                lines.append(f"{label.capitalize()}: {len(keys)} ({shown}{more})")
        return lines


def _public_documents() -> tuple[dict[str, DocumentData], dict[str, models.Model]]:
    documents: dict[str, DocumentData] = {}
    objects: dict[str, models.Model] = {}
    for kind in kinds():
        found = list(kind_queryset(kind))
        for start in range(0, len(found), CHUNK):
            chunk = found[start : start + CHUNK]
            with _prefetched(chunk):
                datas = documents_for(chunk)
            for obj, data in zip(chunk, datas, strict=True):
                if data is not None:
                    documents[data.key] = data
                    objects[data.key] = obj
    return documents, objects


def _engine_keys() -> set[str]:
    engine = get_engine()
    everything = SearchFilters()
    total = engine.search(None, everything, limit=1, facets=False).total
    if not total:
        return set()
    return set(engine.search(None, everything, limit=total, facets=False).keys)


def search_drift_find() -> SearchDrift:
    """Where the search and the public content disagree, now."""
    documents, objects = _public_documents()
    fields = list(_row_values(next(iter(documents.values())))) if documents else []
    rows = {row.key: row for row in SearchDocument.objects.iterator(chunk_size=2000)}
    engine_keys = _engine_keys()
    stale = [
        key
        for key, row in rows.items()
        if key in documents
        and any(
            getattr(row, name) != value
            for name, value in _row_values(documents[key]).items()
            if name in fields
        )
    ]
    missing = sorted(documents.keys() - rows.keys())
    return SearchDrift(
        pending=PendingIndexChange.objects.count(),
        missing=missing,
        extra=sorted(rows.keys() - documents.keys()),
        stale=sorted(stale),
        unindexed=sorted(rows.keys() - engine_keys),
        orphaned=sorted(engine_keys - rows.keys()),
        objects={key: objects[key] for key in [*missing, *stale]},
    )


def search_drift_repair() -> SearchDrift:
    """Apply the outbox, then mend what still disagrees; returns the drift
    found after the drain (what the repair mended)."""
    search_outbox_drain()
    drift = search_drift_find()
    with transaction.atomic():
        search_remove_keys(sorted({*drift.extra, *drift.orphaned}))
        # Documents that are right but that the engine lacks: given again.
        resend = set(drift.unindexed) - set(drift.extra) - drift.objects.keys()
        if resend:
            _index_rows(list(SearchDocument.objects.filter(key__in=resend)))
        _index_now(list(drift.objects.values()))
    return drift
