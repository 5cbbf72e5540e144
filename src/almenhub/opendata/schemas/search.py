"""The search's answer (its parameters are `searching.search_params_schema`)."""

from __future__ import annotations

import datetime

from pydantic import Field

from almenhub.opendata.schemas import common as s


class SearchHit(s.Out):
    key: str
    type: str = Field(description="Indholdstypen som i parameteren `type`.")
    type_label: str
    id: int
    title: str
    url: str
    teaser: str
    snippet_html: str = Field(description="Uddrag med søgeordene i <mark>.")
    year: int | None
    status: str
    owner: s.OrganisationRef | None
    programme: int | None
    themes: list[str]
    published_at: datetime.datetime | None


class FacetOptionOut(s.Out):
    value: str
    label: str
    count: int
    selected: bool
    parent_label: str


class FacetOut(s.Out):
    param: str
    label: str
    options: list[FacetOptionOut]


class SearchOut(s.Out):
    query: str
    total: int
    page: int
    per_page: int
    num_pages: int
    next: str | None
    previous: str | None
    dropped_words: list[str] = Field(description="Ord uden træffere, der er udeladt.")
    hits: list[SearchHit]
    facets: list[FacetOut]
    export_csv: str
    export_json: str
