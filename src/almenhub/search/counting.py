"""Counting typed searches for the editors' report (search.insight) each
time one is answered, whoever answers it: the view, or the hub's page cache
holding the view's copy. So a search as typed can be cached like any other
public answer.

The view marks its answer (`mark_counted`: the query and its number of
hits, in a header the page cache keeps with the copy); SearchCountMiddleware,
above the page cache, counts every answer so marked and removes the mark, so
it never leaves the hub.

A repeat that the caching proxy of a production set-up (deploy/varnish/)
answers from its copy is not counted: the hub never sees it. Chosen so,
because what editors act on holds without those repeats: every search that
finds nothing reaches the hub at least once per copy (and the proxy's copies
of searches are dropped by every publish), so the list of searches with no
hits is complete; the frequent list counts a search once per proxy copy
(which lives at most PROXY_CACHE_SECONDS), so behind the proxy it says which
searches recur, and understates how often the most popular ones are typed.
Counting those repeats too would mean passing every typed search by the
proxy (taking away the load it is there to carry) or reading its log.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, unquote

from django.http import HttpRequest, HttpResponse

from almenhub.core.middleware import COUNT_HEADER
from almenhub.search.insight import search_query_record


def mark_counted(response: HttpResponse, *, query: str, hits: int) -> None:
    """Have this answer counted as a search for `query` each time it is served."""
    # Quoted: a header carries Latin-1 at most, a query any text.
    response[COUNT_HEADER] = f"{hits} {quote(query)}"


def _counted(value: str) -> tuple[str, int] | None:
    hits, _, query = value.partition(" ")
    return (unquote(query), int(hits)) if hits.isdigit() else None


class SearchCountMiddleware:
    """Counts each marked search answered with its page (not a HEAD, not a
    browser's 304 for the copy it already holds: the same search looked at
    again, not typed again)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        value = response.get(COUNT_HEADER)
        del response[COUNT_HEADER]  # never leaves the hub
        if value and request.method == "GET" and response.status_code == 200:
            counted = _counted(value)
            if counted is not None:
                search_query_record(query=counted[0], hits=counted[1])
        return response
