"""The embedded engine: a Tantivy index in the data folder.

Text arrives folded (see analysis.fold) and is stemmed by the index's own
Danish analyzer; facets are fast fields aggregated by Tantivy itself, so a
search with facet counts is one pass over the index, whatever the hit count.

Tantivy reads its files through mmap, and a mapped file that shrinks under a
process kills that process with SIGBUS, which Python cannot catch. So no
process maps the shared folder (`ALMENHUB_SEARCH_INDEX_DIR`): each serves a
private copy that nothing else writes to, in the system's temporary folder,
copied file by file and checked against the CRC in each file's footer. A
write goes to the private copy and is then published to the shared folder:
the new segment files first, `meta.json` last, each by an atomic rename,
under a lock that the processes share. A shared index found broken (a bad
checksum, a missing or shrunken file, unreadable metadata) is rebuilt from
the document table while the process goes on serving its own copy.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import tantivy
from django.db import connection, connections

from almenhub.search.analysis import analyzer, fold
from almenhub.search.documents import indexed_documents_from_table
from almenhub.search.engines.base import (
    FACET_FIELDS,
    BaseEngine,
    EngineQuery,
    EngineResult,
    IndexedDocument,
    SearchFilters,
    index_changed,
)
from almenhub.search.engines.index_files import (
    LOCK_FILE,
    META_FILE,
    VERSION_FILE,
    IndexCopy,
    IndexDamaged,
    collect,
    discard,
    discard_own,
    file_tail,
    is_intact,
    meta_signature,
    referenced_files,
    write_atomic,
)
from almenhub.search.engines.tantivy_queries import (
    TOKENIZER,
    QueryBuilder,
    build_schema,
)
from almenhub.search.planner import QueryPlan

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "4"
WRITER_HEAP = 50_000_000


# How often a serving process looks at the shared files it has copied (the
# cheap check of sizes and footers); a change of meta.json is seen at once.
CHECK_SECONDS = 5.0
# After a failed rebuild, how long before the next try.
RETRY_SECONDS = 10.0
UNAVAILABLE = (
    "Søgningen er midlertidigt utilgængelig, mens søgeindekset genopbygges. "
    "Prøv igen om et øjeblik."
)


class EmbeddedEngine(BaseEngine):
    name = "embedded"

    def __init__(
        self,
        path: Path,
        *,
        documents: Callable[[], Iterator[IndexedDocument]] | None = None,
    ) -> None:
        self.path = Path(path)
        self.schema = build_schema()
        self._queries = QueryBuilder(self.schema)
        self._documents = documents
        self._write_lock = threading.RLock()  # writes, rebuilds, the shared lock
        self._serve_lock = threading.RLock()  # which copy is served
        self._shared_depth = 0
        self._copy: IndexCopy | None = None
        self._broken = False  # the shared index needs a rebuild
        self._broken_signature: tuple[int, int, int] | None = None
        self._checked_at = 0.0
        self._failed_at = -RETRY_SECONDS
        self._rebuilding: threading.Thread | None = None
        self._private_for_process()

    def _private_for_process(self) -> None:
        """A private folder of this process's own. A process forked after
        the engine was made (a server that preloads the app) gets a new one:
        sharing its parent's would let another process change its files."""
        self._pid = os.getpid()
        self._copy = None
        self._private_root = Path(tempfile.mkdtemp(prefix="almenhub-search-"))
        weakref.finalize(self, discard_own, self._private_root, self._pid)

    # -- the private copy --------------------------------------------------

    @property
    def index(self) -> tantivy.Index:
        return self._current().index

    def _new_private_dir(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self._private_root))

    def _open_index(self, directory: Path, *, reuse: bool) -> tantivy.Index:
        index = tantivy.Index(self.schema, path=str(directory), reuse=reuse)
        index.register_tokenizer(TOKENIZER, analyzer())
        index.config_reader(reload_policy="Manual")
        index.reload()
        index.searcher().num_docs  # noqa: B018  (fails on a corrupt index)
        return index

    def _copy_shared(self, base: IndexCopy | None) -> IndexCopy:
        """Bring a private copy up to the shared index (a new copy when there
        is none), copying and checking only the files it lacks. Raises
        IndexDamaged; the base copy stays as it was."""
        for attempt in range(3):
            signature = meta_signature(self.path)
            try:
                return self._copy_shared_once(base, signature)
            except (IndexDamaged, OSError, ValueError) as error:
                # A publisher may have replaced meta.json and removed the
                # files of the one read here: then it is not damage.
                if meta_signature(self.path) == signature or attempt == 2:
                    if isinstance(error, IndexDamaged):
                        raise
                    raise IndexDamaged(repr(error)) from error
        raise AssertionError("unreachable")

    def _copy_shared_once(
        self, base: IndexCopy | None, signature: tuple[int, int, int] | None
    ) -> IndexCopy:
        if signature is None:
            raise IndexDamaged("meta.json mangler")
        version = (self.path / VERSION_FILE).read_text().strip()
        if version != SCHEMA_VERSION:
            raise IndexDamaged(f"skemaversion {version!r}, ikke {SCHEMA_VERSION}")
        meta = (self.path / META_FILE).read_bytes()
        names = referenced_files(json.loads(meta))
        directory = base.directory if base else self._new_private_dir()
        try:
            for name in names:
                if base and name in base.files:
                    continue
                data = (self.path / name).read_bytes()
                if not is_intact(data):
                    raise IndexDamaged(f"{name}: kontrolsummen passer ikke")
                write_atomic(directory / name, data)
            write_atomic(directory / META_FILE, meta)
            if base is None:
                index = self._open_index(directory, reuse=True)
            else:
                index = base.index
                try:
                    index.reload()
                    index.searcher().num_docs  # noqa: B018
                except ValueError:
                    write_atomic(directory / META_FILE, base.meta)
                    index.reload()
                    raise
        except BaseException:
            if base is None:
                discard(directory)
            raise
        collect(directory, set(names))
        return IndexCopy(directory, index, set(names), meta, signature)

    def _shared_problem(self, copy: IndexCopy) -> str:
        """The cheap check of the shared files this copy came from: each still
        there, as long as ours, with the same footer. "" when all is well."""
        for name in sorted(copy.files):
            try:
                if file_tail(self.path / name) != file_tail(copy.directory / name):
                    return f"{name} er ændret"
            except OSError as error:
                return f"{name}: {error.strerror or error}"
        return ""

    def _follow(self, *, check: bool = False) -> IndexCopy | None:
        """The copy to search, brought up to date with the shared index when
        that changed, or None when there is none yet. Damage found on the
        way is recorded (`_broken`), not repaired here."""
        with self._serve_lock:
            if self._pid != os.getpid():
                self._private_for_process()
            copy = self._copy
            signature = meta_signature(self.path)
            if copy is None or (
                signature != copy.signature
                and not (self._broken and signature == self._broken_signature)
            ):
                try:
                    self._copy = copy = self._copy_shared(copy)
                    self._broken = False
                except IndexDamaged as error:
                    if signature is None and not (self.path / VERSION_FILE).exists():
                        logger.info("Søgeindekset findes ikke endnu; bygger det.")
                        self._broken, self._broken_signature = True, None
                    else:
                        self._record_damage(error, signature)
            elif check or time.monotonic() - self._checked_at > CHECK_SECONDS:
                self._checked_at = time.monotonic()
                problem = self._shared_problem(copy)
                if problem and meta_signature(self.path) == signature:
                    self._record_damage(IndexDamaged(problem), signature)
            return copy

    def _record_damage(
        self, error: Exception, signature: tuple[int, int, int] | None
    ) -> None:
        if not (self._broken and signature == self._broken_signature):
            logger.warning("Søgeindekset er beskadiget (%s); genopbygger.", error)
        self._broken, self._broken_signature = True, signature

    def _current(self) -> IndexCopy:
        """The copy to search. A broken shared index is rebuilt: in the
        background while there is a copy to serve, here when there is none."""
        copy = self._follow()
        if self._broken:
            self._start_rebuild(wait=copy is None)
            copy = self._copy
        if copy is None:
            raise IndexDamaged("intet søgeindeks at søge i")
        return copy

    # -- rebuilding --------------------------------------------------------

    def _start_rebuild(self, *, wait: bool) -> None:
        if self._rebuilding is not None and self._rebuilding.is_alive():
            if wait:
                self._rebuilding.join()
            return
        if time.monotonic() - self._failed_at < RETRY_SECONDS:
            return
        if wait or connection.in_atomic_block:
            # A rebuild inside a transaction must read what it sees: here.
            self._rebuild()
            return
        self._rebuilding = threading.Thread(
            target=self._rebuild_in_background,
            name="almenhub-search-rebuild",
            daemon=True,
        )
        self._rebuilding.start()

    def _rebuild_in_background(self) -> None:
        try:
            self._rebuild()
        finally:
            connections.close_all()  # this thread's own connections

    def _rebuild(self) -> None:
        """Rebuild the shared index from the document table, and serve it."""
        if self._documents is None:
            self._documents = indexed_documents_from_table
        try:
            with self._shared():
                self.replace_all(list(self._documents()))
        except Exception:
            self._failed_at = time.monotonic()
            logger.exception("Søgeindekset kunne ikke genopbygges.")
        else:
            logger.info("Søgeindekset er genopbygget.")

    # -- writing -----------------------------------------------------------

    @contextlib.contextmanager
    def _shared(self) -> Iterator[None]:
        """This thread alone writes, and this process alone among those that
        share the folder (an advisory lock on a file in it)."""
        with self._write_lock:
            if self._shared_depth:
                self._shared_depth += 1
                try:
                    yield
                finally:
                    self._shared_depth -= 1
                return
            self.path.mkdir(parents=True, exist_ok=True)
            with open(self.path / LOCK_FILE, "a+b") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                self._shared_depth = 1
                try:
                    yield
                finally:
                    self._shared_depth = 0
                    fcntl.flock(lock, fcntl.LOCK_UN)

    def _publish(self, copy: IndexCopy) -> None:
        """Make a private copy the shared index: its files, then meta.json."""
        meta = (copy.directory / META_FILE).read_bytes()
        names = referenced_files(json.loads(meta))
        for name in names:
            source, target = copy.directory / name, self.path / name
            try:
                same = file_tail(source) == file_tail(target)
            except OSError:
                same = False
            if not same:
                write_atomic(target, source.read_bytes())
        version = self.path / VERSION_FILE
        if not version.is_file() or version.read_text().strip() != SCHEMA_VERSION:
            write_atomic(version, SCHEMA_VERSION.encode())
        write_atomic(self.path / META_FILE, meta)
        collect(self.path, set(names))
        collect(copy.directory, set(names))
        copy.files, copy.meta = set(names), meta
        copy.signature = meta_signature(self.path)

    def _serve(self, copy: IndexCopy) -> None:
        with self._serve_lock:
            old, self._copy = self._copy, copy
            self._broken = False
            self._checked_at = time.monotonic()
        if old is not None and old.directory != copy.directory:
            discard(old.directory)

    def _writer(self, index: tantivy.Index) -> tantivy.IndexWriter:
        return index.writer(heap_size=WRITER_HEAP, num_threads=1)

    def _document(self, doc: IndexedDocument) -> tantivy.Document:
        return tantivy.Document(
            key=doc.key,
            title=fold(doc.title),
            teaser=fold(doc.teaser),
            body=fold(doc.body),
            names=fold(doc.names),
            owner_name=fold(doc.owner_name),
            context=fold(doc.context),
            parts=doc.parts,
            kind=doc.kind,
            themes=list(doc.themes),
            status=doc.status or "",
            owner=doc.owner or "",
            programme=doc.programme or "",
            year=doc.year or 0,
            published=doc.published,
        )

    def _commit(self, index: tantivy.Index, apply: Callable) -> None:
        writer = self._writer(index)
        try:
            apply(writer)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        index.reload()

    def _change(self, apply: Callable[[tantivy.IndexWriter], None]) -> None:
        """Apply a change to the shared index, through this process's copy."""
        with self._shared():
            copy = self._follow(check=True)
            if copy is None or self._broken:
                # The table already holds this change: rebuilding applies it.
                self._rebuild()
                return
            self._commit(copy.index, apply)
            self._publish(copy)
            self._serve(copy)
        index_changed()

    def index_documents(self, documents: list[IndexedDocument]) -> None:
        if not documents:
            return

        def apply(writer: tantivy.IndexWriter) -> None:
            for doc in documents:
                writer.delete_documents_by_term("key", doc.key)
                writer.add_document(self._document(doc))

        self._change(apply)

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return

        def apply(writer: tantivy.IndexWriter) -> None:
            for key in keys:
                writer.delete_documents_by_term("key", key)

        self._change(apply)

    def maintain(self) -> None:
        """Nothing to do: Tantivy merges its segments as it writes."""

    def replace_all(self, documents: list[IndexedDocument]) -> None:
        """A new index in a fresh directory, published over the shared one."""
        with self._shared():
            directory = self._new_private_dir()
            try:
                index = self._open_index(directory, reuse=False)
                if documents:

                    def apply(writer: tantivy.IndexWriter) -> None:
                        for doc in documents:
                            writer.add_document(self._document(doc))

                    self._commit(index, apply)
                copy = IndexCopy(directory, index, set(), b"", None)
                self._publish(copy)
            except BaseException:
                discard(directory)
                raise
            self._serve(copy)
        index_changed()

    # -- searching ---------------------------------------------------------

    def _query(
        self, plan: QueryPlan | None, filters: SearchFilters, match_all: bool
    ) -> tantivy.Query:
        return self._queries.query(plan, filters, match_all)

    def run(self, query: EngineQuery) -> EngineResult:
        try:
            copy = self._current()
            return self._search(copy.index, query)
        except IndexDamaged:
            return EngineResult(notice=UNAVAILABLE)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:
            # Tantivy's errors are ValueErrors, but a panic inside it arrives
            # as pyo3's PanicException, a BaseException: neither may become
            # a server error. This copy is then not to be trusted.
            logger.exception("Søgning i søgeindekset fejlede: %r", error)
            with self._serve_lock:
                untrusted, self._copy, self._broken = self._copy, None, True
            if untrusted is not None:
                discard(untrusted.directory)
            self._start_rebuild(wait=False)
            return EngineResult(notice=UNAVAILABLE)

    def index_version(self) -> tuple[int, int, int] | None:
        """The served copy's meta.json: every commit publishes a new one."""
        copy = self._follow()
        return None if copy is None or self._broken else copy.signature

    def _search(self, index: tantivy.Index, request: EngineQuery) -> EngineResult:
        plan, limit, offset = request.plan, request.limit, request.offset
        searcher = index.searcher()
        query = self._query(plan, request.filters, request.match_all)
        ranked = plan is not None and not plan.is_empty and request.sort == "relevance"
        count = request.count
        if ranked:
            found = searcher.search(query, limit=limit, offset=offset, count=count)
        else:
            found = searcher.search(
                query,
                limit=limit,
                offset=offset,
                count=count,
                order_by_field="published",
                order=tantivy.Order.Desc,
            )
        keys = [searcher.doc(address)["key"][0] for _, address in found.hits]
        # `count` is there when asked for (count=True); the stubs omit it.
        total = getattr(found, "count", 0) or 0
        result = EngineResult(keys=keys, total=total)
        if request.facets and result.total and count:
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
