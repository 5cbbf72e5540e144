"""One collection of the API: a paginated list and a detail, declared once.

Every content type the API serves is a `Collection` (see `api.py`,
`api_pages.py`, `api_examples.py`, `api_meetings.py`); `register` adds its two
operations to a router. Both answer the same way: the list through
`list_response` (paging, `fields=`, ETag), the detail through
`detail_response` (404 with the collection's own sentence).

No `from __future__ import annotations` here: django-ninja reads the views'
parameter annotations at registration, and they name this collection's own
schemas, which only exist as values inside `register`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata.listing import detail_response, list_response
from almenhub.opendata.selectors import parents_by_path

ERRORS: dict[int, Any] = {400: s.ErrorOut, 404: s.ErrorOut, 429: s.ErrorOut}


@dataclass(frozen=True)
class Collection:
    name: str  # "project": operations "<module>_project_list" and "…_detail"
    path: str  # "/projects/"
    tag: str
    summary: str  # of the list
    detail_summary: str
    item: type[s.Out]
    detail: type[s.Out]
    filters: type
    rows: Callable[..., Any]  # the selector of the list, given the filters
    one: Callable[[Any], Any]  # the selector of one, given its id or slug
    represent_rows: Callable[[Sequence[Any], rep.Urls], list[dict]]
    represent_one: Callable[[Any, rep.Urls], dict]
    not_found: str  # "Projekt {key} findes ikke …"
    url_name: str = ""  # of the list; the name's plural ("projects") if empty
    detail_url_name: str = ""  # the name if empty
    key: str = "id"  # or "slug"
    description: str | None = None
    detail_description: str | None = None


def items(represent: Callable[[Any, rep.Urls], dict]) -> Callable:
    """`represent_rows` for a collection whose items need nothing but the row."""
    return lambda rows, urls: [represent(row, urls) for row in rows]


def items_with_parents(represent: Callable[[Any, rep.Urls, Any], dict]) -> Callable:
    """`represent_rows` for pages that name their parent (programme, series …):
    the parents of a whole page of rows are read in one query."""

    def represent_rows(rows: Sequence[Any], urls: rep.Urls) -> list[dict]:
        parents = parents_by_path(list(rows))
        return [represent(row, urls, parents) for row in rows]

    return represent_rows


def register(router: Router, c: Collection, *, module: str) -> None:
    operation = module.replace(".", "_") + "_" + c.name
    Filters: Any = c.filters

    @router.get(
        c.path,
        response={200: s.page_of(c.item), **ERRORS},
        url_name=c.url_name or c.name + "s",
        summary=c.summary,
        description=c.description,
        tags=[c.tag],
        operation_id=operation + "_list",
    )
    def list_view(
        request: HttpRequest,
        filters: Query[Filters],
        paging: Query[s.Paging],
    ) -> HttpResponse:
        urls = rep.Urls(request)
        return list_response(
            request,
            c.rows(**filters.dict()),
            schema=c.item,
            paging=paging,
            represent=lambda rows: c.represent_rows(rows, urls),
        )

    def answer(request: HttpRequest, key: Any, fields: s.FieldChoice) -> HttpResponse:
        urls = rep.Urls(request)
        return detail_response(
            c.one(key),
            schema=c.detail,
            fields=fields.fields,
            represent=lambda obj: c.represent_one(obj, urls),
            not_found=c.not_found.format(key=key),
        )

    detail = router.get(
        f"{c.path}{{int:id}}/" if c.key == "id" else f"{c.path}{{slug}}/",
        response={200: c.detail, **ERRORS},
        url_name=c.detail_url_name or c.name,
        summary=c.detail_summary,
        description=c.detail_description,
        tags=[c.tag],
        operation_id=operation + "_detail",
    )
    if c.key == "id":

        def by_id(
            request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
        ) -> HttpResponse:
            return answer(request, id, fields)

        detail(by_id)
    else:

        def by_slug(
            request: HttpRequest, slug: Path[s.Slug], fields: Query[s.FieldChoice]
        ) -> HttpResponse:
            return answer(request, slug, fields)

        detail(by_slug)
