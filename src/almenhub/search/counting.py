"""Counting typed searches for the editors' report (search.insight) each
time one is answered, whoever answers it: the view, or the hub's page cache
holding the view's copy. So a search as typed can be cached like any other
public answer.

The view marks its answer (`mark_counted`: the query and its number of
hits, in a header the page cache keeps with the copy); SearchCountMiddleware,
above the page cache, counts every answer so marked and removes the mark, so
it never leaves the hub.

The counts are written together (SEARCH_COUNT_SECONDS after the first one
waiting, by a timer thread of the process, and when the process exits): a
write per search took ~30 ms of SQLite's one write lock (connect, commit,
close), which capped the embedded server at ~40 typed searches a second
for all its processes. A crash loses the last seconds' counts, no more.

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

import atexit
import threading
from collections.abc import Callable
from urllib.parse import quote, unquote

from django.conf import settings
from django.db import connections, transaction
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


_lock = threading.Lock()
_waiting: list[tuple[str, int]] = []
_timer: threading.Timer | None = None


def search_count(*, query: str, hits: int) -> None:
    """Count one search: at once, or with the others of the next seconds."""
    global _timer
    seconds = settings.SEARCH_COUNT_SECONDS
    if seconds <= 0:
        search_query_record(query=query, hits=hits)
        return
    with _lock:
        _waiting.append((query, hits))
        if _timer is None:
            _timer = threading.Timer(seconds, _flush_from_timer)
            _timer.daemon = True
            _timer.start()


def search_counts_flush() -> int:
    """Write the waiting counts in one transaction; how many there were."""
    global _timer
    with _lock:
        waiting = _waiting[:]
        _waiting.clear()
        _timer = None
    if waiting:
        # One commit for all; each count still fails alone (insight.py).
        with transaction.atomic():
            for query, hits in waiting:
                search_query_record(query=query, hits=hits)
    return len(waiting)


def _flush_from_timer() -> None:
    try:
        search_counts_flush()
    finally:
        connections.close_all()  # this thread's own connection


atexit.register(search_counts_flush)


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
                search_count(query=counted[0], hits=counted[1])
        return response
