from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Protocol

from almenhub.search.facets import FACET_COLUMNS, FACETS
from almenhub.search.planner import QueryPlan

FACET_FIELDS = FACET_COLUMNS


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


class BaseEngine(ABC):
    """What the engines share: the search's signature and the answer to a
    query whose every word was dropped (nothing, rather than everything)."""

    name: str

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
        return self.run(
            EngineQuery(plan, filters, sort, offset, limit, facets, match_all)
        )

    @abstractmethod
    def run(self, query: EngineQuery) -> EngineResult:
        """Answer one search (a plan with words left in it, or none)."""

    @abstractmethod
    def replace_all(self, documents: list[IndexedDocument]) -> None:
        """Make these documents the whole index (a rebuild)."""

    def clear(self) -> None:
        self.replace_all([])
