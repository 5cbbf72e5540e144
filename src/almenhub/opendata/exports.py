"""Any search or listing as CSV or JSON: every page of the rows the page
shows, in its order, streamed so that a large result never sits in memory.

The exports take the search page's parameters; the listings (all projects, a
theme, a programme) are the search with a parameter fixed, and their export
links carry that parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse

from almenhub.core.spreadsheet import CONTENT_TYPE as CSV_CONTENT_TYPE
from almenhub.core.spreadsheet import csv_lines
from almenhub.opendata.http import open_data_view
from almenhub.opendata.searching import (
    ParsedSearch,
    all_hits,
    parse_search,
    status_labels,
)
from almenhub.search.selectors import Hit
from almenhub.taxonomy.models import Theme

COLUMNS = ("title", "type", "url", "year", "status", "owner", "themes", "teaser")
FILENAME = "almenhub-soegning"


def export_rows(request: HttpRequest, parsed: ParsedSearch) -> Iterator[dict[str, Any]]:
    theme_names = dict(Theme.objects.values_list("slug", "name"))
    statuses = status_labels()
    for hit in all_hits(parsed):
        yield export_row(request, hit, theme_names, statuses)


def export_row(
    request: HttpRequest,
    hit: Hit,
    theme_names: dict[str, str],
    statuses: dict[str, str],
) -> dict[str, Any]:
    document = hit.document
    return {
        "title": document.title,
        "type": hit.kind_label,
        "url": request.build_absolute_uri(document.url),
        "year": document.year,
        "status": statuses.get(document.status, document.status),
        "owner": document.owner_name,
        "themes": [theme_names[s] for s in document.themes if s in theme_names],
        "teaser": document.teaser,
    }


def json_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def _attachment(response: StreamingHttpResponse, extension: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.{extension}"'
    response["X-Robots-Tag"] = "noindex"


def search_csv(request: HttpRequest) -> StreamingHttpResponse:
    parsed = parse_search(request.GET, strict=False)
    response = StreamingHttpResponse(
        csv_lines(
            COLUMNS, ([row[c] for c in COLUMNS] for row in export_rows(request, parsed))
        ),
        content_type=CSV_CONTENT_TYPE,
    )
    _attachment(response, "csv")
    return response


def search_json(request: HttpRequest) -> StreamingHttpResponse:
    parsed = parse_search(request.GET, strict=False)
    response = StreamingHttpResponse(
        json_chunks(export_rows(request, parsed)),
        content_type="application/json; charset=utf-8",
    )
    _attachment(response, "json")
    return response


search_csv_view = open_data_view(search_csv)
search_json_view = open_data_view(search_json)
