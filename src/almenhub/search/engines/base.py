from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable
from dataclasses import dataclass, field, fields, replace
from typing import Protocol

from almenhub.core.stamps import Stamp
from almenhub.search.facets import FACET_COLUMNS, FACETS
from almenhub.search.memo import MISSING, Memo
from almenhub.search.planner import QueryPlan

FACET_FIELDS = FACET_COLUMNS

# What a search's answer is made of besides its plan: the engine's index
# (whose every write follows a write of the document table) and the editors'
# promotions. Renewed by each write to either (see index_changed); the counts
# of a query and its promotions are kept per process under it.
INDEX_VERSION = Stamp("search:index-version")
# Queries whose counts (total and facets) a process keeps, per engine: they
# do not depend on the page or the order asked for, and counting every match
# of a broad query is most of its cost (Tantivy's aggregation, PostgreSQL's
# grouping of every matching row).
MAX_COUNTED = 2_000


def index_changed() -> None:
    """The index or the promotions were written: counts and promotions kept
    before are retired (at the commit, or at once; see core.stamps)."""
    INDEX_VERSION.renew_after_change()


@dataclass
class SearchFilters:
    kind: str = ""
    theme: str = ""
    status: str = ""
    year: int | None = None
    owner: str = ""
    programme: str = ""
    # Documents left out: the page itself (related pages), or the editors'
    # promoted results, which stand above the others.
    exclude_keys: tuple[str, ...] = ()

    def as_pairs(self) -> list[tuple[str, str | int]]:
        """(engine field, value) for each facet this search is filtered by."""
        pairs: list[tuple[str, str | int]] = []
        for facet in FACETS:
            value = getattr(self, facet.attr)
            if value not in ("", None):
                pairs.append((facet.column, value))
        return pairs


FILTER_NAMES = tuple(f.name for f in fields(SearchFilters))


@dataclass
class IndexedDocument:
    """What an engine indexes for one document (text not yet folded)."""

    key: str
    kind: str
    title: str
    teaser: str
    body: str
    names: str
    owner_name: str
    context: str
    parts: str
    themes: list[str]
    status: str
    year: int | None
    owner: str
    programme: str
    published: int  # milliseconds since the epoch, 0 when unknown


@dataclass
class EngineResult:
    keys: list[str] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # Set when the engine could not search: why, in Danish, for the reader.
    notice: str = ""


class SearchEngine(Protocol):
    name: str

    def index_documents(self, documents: list[IndexedDocument]) -> None: ...

    def delete(self, keys: list[str]) -> None: ...

    def clear(self) -> None: ...

    def replace_all(self, documents: list[IndexedDocument]) -> None:
        """Make these documents the whole index (a rebuild)."""
        ...

    def maintain(self) -> None:
        """Housekeeping after a full rebuild, outside any transaction."""
        ...

    def lock_writes(self, *, exclusive: bool = False) -> None:
        """Inside a transaction, before its first write of the search's rows:
        the writers' lock, shared by writers, exclusive for a rebuild."""
        ...

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
    ) -> EngineResult: ...


@dataclass(frozen=True)
class EngineQuery:
    """One search as an engine runs it (see SearchEngine.search)."""

    plan: QueryPlan | None
    filters: SearchFilters
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    match_all: bool = True
    # False: the total and the facets are known already; only the page's
    # keys are wanted.
    count: bool = True

    def counted_key(self) -> Hashable:
        """What the total and the facet counts depend on: the matching
        documents (not the page, the order, or the facets being shown)."""
        plan = self.plan
        words = (
            None
            if plan is None
            else (
                tuple((g.word, tuple(g.alternatives)) for g in plan.groups),
                tuple(map(tuple, plan.phrases)),
            )
        )
        # The filters' values (each a str, an int, None or a tuple of str):
        # what dataclasses.astuple gives, without its deep copy.
        filters = tuple(getattr(self.filters, name) for name in FILTER_NAMES)
        return (words, filters, self.match_all)


@dataclass(frozen=True)
class Counted:
    total: int
    facets: dict[str, dict[str, int]] | None  # None: not counted per facet


class BaseEngine(ABC):
    """What the engines share: the search's signature, the answer to a
    query whose every word was dropped (nothing, rather than everything),
    and the counts of the queries this process has answered."""

    name: str
    _counted: Memo | None = None

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
        query = EngineQuery(plan, filters, sort, offset, limit, facets, match_all)
        version = self.index_version()
        if version is None:
            return self.run(query)
        if self._counted is None:
            self._counted = Memo(MAX_COUNTED)
        key = query.counted_key()
        known = self._counted.get(version, key)
        if known is not MISSING and (known.facets is not None or not facets):
            result = self.run(replace(query, count=False))
            if not result.notice:
                result.total = known.total
                kept = known.facets or {}
                result.facets = {f: dict(v) for f, v in kept.items()} if facets else {}
            return result
        result = self.run(query)
        if not result.notice:
            counts = {f: dict(v) for f, v in result.facets.items()}
            self._counted.put(
                version, key, Counted(result.total, counts if facets else None)
            )
        return result

    def index_version(self) -> Hashable | None:
        """What tells this index's contents from the next (None: unknown,
        nothing is kept)."""
        return INDEX_VERSION.read()

    @abstractmethod
    def run(self, query: EngineQuery) -> EngineResult:
        """Answer one search (a plan with words left in it, or none)."""

    @abstractmethod
    def replace_all(self, documents: list[IndexedDocument]) -> None:
        """Make these documents the whole index (a rebuild)."""

    def clear(self) -> None:
        self.replace_all([])

    def lock_writes(self, *, exclusive: bool = False) -> None:  # noqa: B027
        """No lock: an engine whose index needs none between its writers
        (a default, not a step subclasses must fill in)."""
