"""The search as data: the API's search endpoint and the exports read the
site's search through its own form and selector, so they take the same
parameters and give the same hits in the same order as the search page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from django.http import HttpRequest, QueryDict
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, create_model

from almenhub.opendata.representations import Urls
from almenhub.opendata.schemas import Slug, Year, optional
from almenhub.search.analysis import MAX_QUERY_LENGTH
from almenhub.search.engines.base import SearchFilters
from almenhub.search.facets import (
    FACETS,
    PAGE_PARAM,
    QUERY_PARAM,
    SORT_PARAM,
    SORTS,
    FacetSpec,
    status_choices,
)
from almenhub.search.forms import SearchForm
from almenhub.search.links import SearchLinks
from almenhub.search.registry import kind_by_name
from almenhub.search.selectors import MAX_PAGE, Hit, search

EXPORT_PAGE_SIZE = 100
NumericId = Annotated[int, Field(ge=1, le=99_999_999_999)]


def _facet_type(facet: FacetSpec) -> Any:
    if facet.value_type == "choice":
        values = tuple(v for v, _ in facet.choices()) or ("",)
        return Literal[values]  # type: ignore[valid-type]
    return {"slug": Slug, "year": Year, "id": NumericId}[facet.value_type]


def search_params_schema() -> type[Schema]:
    """The search page's parameters, typed, from the facets' declarations.
    Built when the URLs load, so that `type` lists exactly the kinds of
    content the search holds."""
    fields: dict[str, Any] = {
        QUERY_PARAM: (
            Annotated[str, Field(max_length=MAX_QUERY_LENGTH, pattern=r"^[^\x00]*$")],
            optional("Søgeord; tom for alt."),
        ),
    }
    for facet in FACETS:
        fields[facet.param] = (_facet_type(facet), optional(facet.api_help))
    fields[SORT_PARAM] = (
        Literal[tuple(SORTS)],  # type: ignore[misc]
        optional("Sortering; relevans er standard, når der er søgeord."),
    )
    fields[PAGE_PARAM] = (
        Annotated[int, Field(ge=1, le=MAX_PAGE)],
        optional(f"Sidenummer, 1–{MAX_PAGE}."),
    )
    return create_model("SearchParams", __base__=Schema, **fields)


@dataclass(frozen=True)
class ParsedSearch:
    query: str
    filters: SearchFilters
    sort: str
    page: int
    params: dict[str, str]  # as given, without `side`, for links


def parse_search(data: QueryDict | dict[str, str], *, strict: bool) -> ParsedSearch:
    """Read the search page's parameters with the search page's own form.

    `strict` (the API) turns what the page reports and ignores, such as an
    unknown theme, into a 400; the exports follow the page and ignore it.
    """
    form = SearchForm(data)
    query, filters, sort, page = form.cleaned()
    if strict and (form.errors or form.messages):
        reasons = list(form.messages) or [
            f"“{name}”: {' '.join(errors)}" for name, errors in form.errors.items()
        ]
        raise HttpError(400, " ".join(r.replace(" – ignoreret", "") for r in reasons))
    return ParsedSearch(query, filters, sort, page, SearchLinks(data).params)


def export_urls(request: HttpRequest, params: dict[str, str]) -> dict[str, str]:
    links = SearchLinks(params)
    return {
        fmt: request.build_absolute_uri(links.export(f"opendata:export-{fmt}"))
        for fmt in ("csv", "json")
    }


def _owner(hit: Hit, urls: Urls) -> dict[str, Any] | None:
    document = hit.document
    if not document.owner.isdigit():
        return None
    return {
        "id": int(document.owner),
        "name": document.owner_name,
        "api_url": urls.detail("organisations", int(document.owner)),
    }


def hit_item(hit: Hit, urls: Urls) -> dict[str, Any]:
    document = hit.document
    kind = kind_by_name(document.kind)
    return {
        "key": document.key,
        "type": kind.slug if kind else document.kind,
        "type_label": hit.kind_label,
        "id": document.object_id,
        "title": document.title,
        "url": urls.absolute(document.url),
        "teaser": document.teaser,
        "snippet_html": str(hit.snippet),
        "year": document.year,
        "status": document.status,
        "owner": _owner(hit, urls),
        "programme": int(document.programme) if document.programme.isdigit() else None,
        "themes": list(document.themes),
        "published_at": document.published_at,
    }


def search_payload(request: HttpRequest, data: dict[str, str]) -> dict[str, Any]:
    parsed = parse_search(data, strict=True)
    results = search(parsed.query, parsed.filters, sort=parsed.sort, page=parsed.page)
    if results.notice:
        raise HttpError(503, results.notice)
    if parsed.page > results.num_pages and parsed.page > 1:
        raise HttpError(
            404,
            f"Side {parsed.page} findes ikke: der er {results.num_pages} "
            f"side{'r' if results.num_pages != 1 else ''}.",
        )
    urls = Urls(request)

    links = SearchLinks(parsed.params, path=request.path)

    def page_link(page: int) -> str:
        return request.build_absolute_uri(links.page(page))

    exports = export_urls(request, parsed.params)
    return {
        "query": parsed.query,
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "num_pages": results.num_pages,
        "next": page_link(results.page + 1) if results.has_next else None,
        "previous": page_link(results.page - 1) if results.has_previous else None,
        "dropped_words": list(results.plan.dropped) if results.plan else [],
        "hits": [hit_item(hit, urls) for hit in results.hits],
        "facets": [
            {
                "param": facet.param,
                "label": facet.label,
                "options": [
                    {
                        "value": o.value,
                        "label": o.label,
                        "count": o.count,
                        "selected": o.selected,
                        "parent_label": o.parent_label,
                    }
                    for o in facet.options
                ],
            }
            for facet in results.facets
        ],
        "export_csv": exports["csv"],
        "export_json": exports["json"],
    }


# -- exports ------------------------------------------------------------------------


def all_hits(parsed: ParsedSearch) -> Iterator[Hit]:
    """Every hit of the search, every page, in the page's order."""
    page = 1
    while True:
        results = search(
            parsed.query,
            parsed.filters,
            sort=parsed.sort,
            page=page,
            per_page=EXPORT_PAGE_SIZE,
            facets=False,
        )
        yield from results.hits
        if page >= results.num_pages or page >= MAX_PAGE or not results.hits:
            return
        page += 1


def status_labels() -> dict[str, str]:
    """Every status a document holds (a project's, an example's), labelled."""
    return dict(status_choices(facet_only=False))
