from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from almenhub.search.planner import QueryPlan

FACET_FIELDS = ("kind", "themes", "status", "year", "owner", "programme")


@dataclass
class SearchFilters:
    kind: str = ""
    theme: str = ""
    status: str = ""
    year: int | None = None
    owner: str = ""
    programme: str = ""
    exclude_key: str = ""

    def as_pairs(self) -> list[tuple[str, str | int]]:
        pairs: list[tuple[str, str | int]] = []
        for field_name, value in (
            ("kind", self.kind),
            ("themes", self.theme),
            ("status", self.status),
            ("year", self.year),
            ("owner", self.owner),
            ("programme", self.programme),
        ):
            if value not in ("", None):
                pairs.append((field_name, value))
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
