"""The embedded engine: a Tantivy index in the data folder.

Text arrives folded (see analysis.fold) and is stemmed by the index's own
Danish analyzer; facets are fast fields aggregated by Tantivy itself, so a
search with facet counts is one pass over the index, whatever the hit count.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

import tantivy

from almenhub.search.analysis import analyzer, fold
from almenhub.search.engines.base import (
    FACET_FIELDS,
    EngineResult,
    IndexedDocument,
    SearchFilters,
)
from almenhub.search.planner import Alternative, QueryPlan

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
TOKENIZER = "da_folded_stem"
TEXT_FIELDS = {"title": 4.0, "names": 2.5, "teaser": 2.0, "body": 1.0, "parts": 0.6}
PHRASE_FIELDS = ("title", "teaser", "body")
WRITER_HEAP = 50_000_000


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(
            name, tokenizer_name=TOKENIZER, index_option="position", stored=False
        )
    for name in ("kind", "themes", "status", "owner", "programme"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("published", indexed=False, fast=True)
    return builder.build()


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._index: tantivy.Index | None = None

    # -- opening -----------------------------------------------------------

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._open()
        return self._index

    def _open(self) -> tantivy.Index:
        version_file = self.path / "almenhub-schema-version"
        healthy = (
            self.path.is_dir()
            and version_file.is_file()
            and version_file.read_text().strip() == SCHEMA_VERSION
        )
        if healthy:
            try:
                index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
                index.register_tokenizer(TOKENIZER, analyzer())
                index.reload()
                index.searcher().num_docs  # noqa: B018  (fails on a corrupt index)
                return index
            except (ValueError, OSError) as error:
                logger.warning(
                    "Søgeindekset kunne ikke åbnes (%s); genopbygger.", error
                )
        return self._recreate(rebuild=True)

    def _recreate(self, *, rebuild: bool) -> tantivy.Index:
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        index.register_tokenizer(TOKENIZER, analyzer())
        (self.path / "almenhub-schema-version").write_text(SCHEMA_VERSION)
        self._index = index
        if rebuild:
            from almenhub.search.services import indexed_documents_from_table

            self._write(list(indexed_documents_from_table()), delete_first=False)
        return index

    # -- writing -----------------------------------------------------------

    def _writer(self) -> tantivy.IndexWriter:
        for attempt in range(50):
            try:
                return self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError:
                # Another process holds the writer lock: wait for it.
                time.sleep(0.05 * (attempt + 1))
        return self.index.writer(heap_size=WRITER_HEAP, num_threads=1)

    def _document(self, doc: IndexedDocument) -> tantivy.Document:
        return tantivy.Document(
            key=doc.key,
            title=fold(doc.title),
            teaser=fold(doc.teaser),
            body=fold(doc.body),
            names=fold(doc.names),
            parts=doc.parts,
            kind=doc.kind,
            themes=list(doc.themes),
            status=doc.status or "",
            owner=doc.owner or "",
            programme=doc.programme or "",
            year=doc.year or 0,
            published=doc.published,
        )

    def _write(self, documents: list[IndexedDocument], *, delete_first: bool) -> None:
        with self._lock:
            writer = self._writer()
            try:
                for doc in documents:
                    if delete_first:
                        writer.delete_documents_by_term("key", doc.key)
                    writer.add_document(self._document(doc))
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            self.index.reload()

    def index_documents(self, documents: list[IndexedDocument]) -> None:
        if documents:
            self._write(documents, delete_first=True)

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        with self._lock:
            writer = self._writer()
            for key in keys:
                writer.delete_documents_by_term("key", key)
            writer.commit()
            writer.wait_merging_threads()
            self.index.reload()

    def clear(self) -> None:
        with self._lock:
            self._recreate(rebuild=False)

    def maintain(self) -> None:
        """Nothing to do: Tantivy merges its segments as it writes."""

    def replace_all(self, documents: list[IndexedDocument]) -> None:
        with self._lock:
            self._recreate(rebuild=False)
            self._write(documents, delete_first=False)

    # -- searching ---------------------------------------------------------

    def _term(self, field: str, value: str | int) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, value)

    def _stem_query(self, stem: str) -> tantivy.Query:
        return tantivy.Query.boolean_query(
            [
                (
                    tantivy.Occur.Should,
                    tantivy.Query.boost_query(self._term(field, stem), boost),
                )
                for field, boost in TEXT_FIELDS.items()
            ]
        )

    def _alternative_query(self, alternative: Alternative) -> tantivy.Query:
        if len(alternative.stems) == 1:
            query = self._stem_query(alternative.stems[0])
        else:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, self._stem_query(s)) for s in alternative.stems]
            )
        return tantivy.Query.boost_query(query, alternative.weight)

    def _text_query(self, plan: QueryPlan, match_all: bool) -> tantivy.Query:
        occur = tantivy.Occur.Must if match_all else tantivy.Occur.Should
        clauses = []
        for group in plan.groups:
            clauses.append(
                (
                    occur,
                    tantivy.Query.boolean_query(
                        [
                            (tantivy.Occur.Should, self._alternative_query(alt))
                            for alt in group.alternatives
                        ]
                    ),
                )
            )
        for phrase in plan.phrases:
            if len(phrase) < 2:
                continue
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.boolean_query(
                        [
                            (
                                tantivy.Occur.Should,
                                tantivy.Query.phrase_query(self.schema, field, phrase),
                            )
                            for field in PHRASE_FIELDS
                        ]
                    ),
                )
            )
        return tantivy.Query.boolean_query(clauses)

    def _query(
        self, plan: QueryPlan | None, filters: SearchFilters, match_all: bool
    ) -> tantivy.Query:
        clauses = []
        if plan is not None and not plan.is_empty:
            clauses.append((tantivy.Occur.Must, self._text_query(plan, match_all)))
        else:
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        for field, value in filters.as_pairs():
            clauses.append((tantivy.Occur.Must, self._term(field, value)))
        if filters.exclude_key:
            clauses.append(
                (tantivy.Occur.MustNot, self._term("key", filters.exclude_key))
            )
        return tantivy.Query.boolean_query(clauses)

    def search(
        self,
        plan: QueryPlan | None,
        filters: SearchFilters,
        *,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
        match_all: bool = True,
    ) -> EngineResult:
        if plan is not None and plan.is_empty and plan.dropped:
            return EngineResult()
        index = self.index
        searcher = index.searcher()
        query = self._query(plan, filters, match_all)
        ranked = plan is not None and not plan.is_empty and sort == "relevance"
        if ranked:
            found = searcher.search(query, limit=limit, offset=offset, count=True)
        else:
            found = searcher.search(
                query,
                limit=limit,
                offset=offset,
                count=True,
                order_by_field="published",
                order=tantivy.Order.Desc,
            )
        keys = [searcher.doc(address)["key"][0] for _, address in found.hits]
        result = EngineResult(keys=keys, total=found.count or 0)
        if facets and result.total:
            aggregations = searcher.aggregate(
                query,
                {
                    name: {"terms": {"field": name, "size": 200}}
                    for name in FACET_FIELDS
                },
            )
            for name in FACET_FIELDS:
                buckets = aggregations.get(name, {}).get("buckets", [])
                result.facets[name] = {
                    str(b["key"]): b["doc_count"]
                    for b in buckets
                    if b["key"] not in ("", 0)
                }
        return result
