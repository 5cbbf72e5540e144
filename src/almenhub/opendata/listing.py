"""Lists and details as JSON: page-number pagination, `fields=` and the
rendering shared by every endpoint."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja.errors import HttpError

from almenhub.opendata.schemas import Out, Paging

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def render_json(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type=JSON_CONTENT_TYPE,
    )


def chosen_fields(raw: str | None, schema: type[Out]) -> list[str] | None:
    """The keys asked for with `fields=a,b`, in the schema's order; None for
    all. A name the schema does not have is a 400 that names it."""
    if raw is None:
        return None
    names = [n.strip() for n in raw.split(",") if n.strip()]
    if not names:
        return None
    known = list(schema.model_fields)
    unknown = [n for n in dict.fromkeys(names) if n not in known]
    if unknown:
        quoted = ", ".join(f"“{n[:40]}”" for n in unknown[:5])
        noun = "Ukendt felt" if len(unknown) == 1 else "Ukendte felter"
        raise HttpError(
            400, f"{noun} i “fields”: {quoted}. Mulige felter: {', '.join(known)}."
        )
    return [n for n in known if n in names]


def shaped(data: dict[str, Any], schema: type[Out], fields: list[str] | None):
    """The row checked against its schema, as JSON types, cut to `fields`."""
    row = schema.model_validate(data).model_dump(mode="json")
    if fields is None:
        return row
    return {name: row[name] for name in fields}


def page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def list_response(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    schema: type[Out],
    paging: Paging,
    represent: Callable[[Sequence[Any]], list[dict[str, Any]]],
) -> HttpResponse:
    fields = chosen_fields(paging.fields, schema)
    count = queryset.count()
    pages = max(1, -(-count // paging.page_size))
    if paging.page > pages:
        raise HttpError(
            404,
            f"Side {paging.page} findes ikke: der er {pages} "
            f"side{'r' if pages != 1 else ''} med {paging.page_size} pr. side.",
        )
    start = (paging.page - 1) * paging.page_size
    rows = list(queryset[start : start + paging.page_size])
    return render_json(
        {
            "count": count,
            "next": page_url(request, paging.page + 1) if paging.page < pages else None,
            "previous": page_url(request, paging.page - 1) if paging.page > 1 else None,
            "results": [shaped(d, schema, fields) for d in represent(rows)],
        }
    )


def detail_response(
    obj: Any,
    *,
    schema: type[Out],
    fields: str | None,
    represent: Callable[[Any], dict[str, Any]],
    not_found: str,
) -> HttpResponse:
    chosen = chosen_fields(fields, schema)
    if obj is None:
        raise HttpError(404, not_found)
    return render_json(shaped(represent(obj), schema, chosen))
