"""The search as data: the API's search endpoint and the exports read the
site's search through its own form and selector, so they take the same
parameters and give the same hits in the same order as the search page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, create_model

from almenhub.opendata.representations import Urls
from almenhub.opendata.schemas import Slug, Year, optional
from almenhub.search.analysis import MAX_QUERY_LENGTH
from almenhub.search.engines.base import SearchFilters
from almenhub.search.forms import SearchForm
from almenhub.search.registry import kind_by_name, kinds
from almenhub.search.selectors import MAX_PAGE, STATUS_LABELS, Hit, search

EXPORT_PAGE_SIZE = 100
SEARCH_PARAMS = (
    "q",
    "type",
    "tema",
    "status",
    "aar",
    "ejer",
    "program",
    "sort",
    "side",
)


def search_params_schema() -> type[Schema]:
    """The search page's parameters, typed. Built when the URLs load, so that
    `type` lists exactly the kinds of content the search holds."""
    kind_slugs = tuple(k.slug for k in kinds()) or ("projekt",)
    numeric_id = Annotated[int, Field(ge=1, le=99_999_999_999)]
    return create_model(
        "SearchParams",
        __base__=Schema,
        q=(
            Annotated[str, Field(max_length=MAX_QUERY_LENGTH, pattern=r"^[^\x00]*$")],
            optional("Søgeord; tom for alt."),
        ),
        type=(
            Literal[kind_slugs],  # type: ignore[valid-type]
            optional("Indholdstype."),
        ),
        tema=(Slug, optional("Temaets kortnavn.")),
        status=(
            Literal["planned", "ongoing", "finished"],
            optional("Projektstatus."),
        ),
        aar=(Year, optional("År.")),
        ejer=(numeric_id, optional("Ejerens organisations-id.")),
        program=(numeric_id, optional("Programmets id.")),
        sort=(
            Literal["relevans", "nyeste"],
            optional("Sortering; relevans er standard, når der er søgeord."),
        ),
        side=(
            Annotated[int, Field(ge=1, le=MAX_PAGE)],
            optional(f"Sidenummer, 1–{MAX_PAGE}."),
        ),
    )


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
    params = {
        k: str(data.get(k, ""))
        for k in SEARCH_PARAMS
        if k != "side" and data.get(k, "") not in ("", None)
    }
    return ParsedSearch(query, filters, sort, page, params)


def export_urls(request: HttpRequest, params: dict[str, str]) -> dict[str, str]:
    query = f"?{urlencode(params)}" if params else ""
    return {
        fmt: request.build_absolute_uri(reverse(f"opendata:export-{fmt}") + query)
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

    def page_link(page: int) -> str:
        params = {**parsed.params, "side": str(page)}
        return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")

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
    labels = dict(STATUS_LABELS)
    try:
        from almenhub.examples.models import ExampleStatus
    except ImportError:  # the examples app is optional
        return labels
    labels.update({value: str(label) for value, label in ExampleStatus.choices})
    return labels
