"""What every open-data response shares: CORS for reading, a rate limit per
client, conditional GET (ETag, Last-Modified, 304) and a short-lived cache of
whole responses.

These wrap the views of this app only (the API's URL patterns, the exports),
so the rest of the site keeps its own behaviour.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date

from almenhub.core import ratelimit
from almenhub.core.middleware import CHECK_HEADER
from almenhub.core.ratelimit import Decision, Rate, client_address
from almenhub.opendata.freshness import content_state

RATE_WINDOW_SECONDS = 60
DEFAULT_CACHE_SECONDS = 60
SAFE_METHODS = ("GET", "HEAD")

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, Retry-After, X-RateLimit-Limit, "
        "X-RateLimit-Remaining, Content-Disposition"
    ),
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}

View = Callable[..., HttpResponseBase]


def error_response(status: int, detail: str, **extra: Any) -> JsonResponse:
    """The one shape of every error the open data gives: {"detail": "..."}."""
    return JsonResponse(
        {"detail": detail, **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def with_cors(response: HttpResponseBase) -> HttpResponseBase:
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


# -- rate limit ---------------------------------------------------------------


def rate_limit(request: HttpRequest) -> Decision | None:
    """Count this request against the client's one-minute allowance.

    None when rate limiting is switched off (OPENDATA_RATE_LIMIT = 0).
    """
    limit = int(settings.OPENDATA_RATE_LIMIT or 0)
    if limit <= 0:
        return None
    rate = Rate(scope="opendata", limit=limit, seconds=RATE_WINDOW_SECONDS)
    return ratelimit.hit(rate=rate, key=client_address(request))


def too_many_requests(decision: Decision) -> JsonResponse:
    response = error_response(
        429,
        f"For mange forespørgsler: højst {decision.limit} pr. minut fra samme "
        f"klient. Prøv igen om {decision.retry_after} sekunder.",
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


# -- the wrapper ----------------------------------------------------------------


def _cache_key(request: HttpRequest, token: str) -> str:
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"opendata:response:{token}:{digest}"


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    for name, value in PREFLIGHT_HEADERS.items():
        response[name] = value
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def open_data_view(view: View, *, cache_responses: bool = False) -> View:
    """Wrap a read-only view with CORS, the rate limit, conditional GET and,
    with `cache_responses`, a cache of its 200 answers per absolute URL that
    lasts until the content changes (or OPENDATA_CACHE_SECONDS pass)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            return with_cors(_preflight())
        if request.method not in SAFE_METHODS:
            response = error_response(
                405, "Kun GET, HEAD og OPTIONS er tilladt: de åbne data kan kun læses."
            )
            response["Allow"] = "GET, HEAD, OPTIONS"
            return with_cors(response)
        return _rate_limited(request, lambda: _answer(request, *args, **kwargs))

    def _answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        state = content_state()
        key = _cache_key(request, state.token) if cache_responses else ""
        cached = cache.get(key) if key else None
        if cached is not None:
            content, content_type, etag = cached
            response: HttpResponseBase = HttpResponse(
                content, content_type=content_type
            )
            response["ETag"] = etag
        else:
            method = request.method
            # HEAD is answered as GET; the server leaves out the body.
            request.method = "GET"
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.method = method
            if response.status_code == 200 and not response.streaming:
                response["ETag"] = quote_etag(
                    hashlib.sha256(response.content).hexdigest()[:32]
                )
                if key:
                    timeout = getattr(
                        settings, "OPENDATA_CACHE_SECONDS", DEFAULT_CACHE_SECONDS
                    )
                    cache.set(
                        key,
                        (response.content, response["Content-Type"], response["ETag"]),
                        timeout=timeout,
                    )
        if response.status_code == 200:
            response["Last-Modified"] = http_date(state.changed_at.timestamp())
            response["Cache-Control"] = "public, max-age=60"
            if not response.streaming:
                response = get_conditional_response(
                    request,
                    etag=response["ETag"],
                    last_modified=int(state.changed_at.timestamp()),
                    response=response,
                )
            if cache_responses:
                # The hub's page cache may keep it too: each copy it serves
                # passes the rate limit first (cached_answer_check).
                response[CHECK_HEADER] = PAGE_CACHE_CHECK
        return with_cors(response)

    # Only reading gets past the method check, so there is nothing to forge.
    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def _rate_limited(
    request: HttpRequest, serve: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """`serve()`'s answer if the client is within its limit, else 429; with
    the limit's headers either way."""
    decision = rate_limit(request)
    if decision is not None and not decision.allowed:
        return with_cors(_rate_headers(too_many_requests(decision), decision))
    response = serve()
    if decision is not None:
        _rate_headers(response, decision)
    return response


# Its name in settings.PAGE_CACHE_CHECKS.
PAGE_CACHE_CHECK = "opendata"


def cached_answer_check(
    request: HttpRequest, serve: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """A copy of an answer that the page cache serves (core/middleware.py)
    counts against the client's limit as the view's own answer does."""
    return _rate_limited(request, serve)


def _rate_headers(response: HttpResponseBase, decision: Decision) -> HttpResponseBase:
    response["X-RateLimit-Limit"] = str(decision.limit)
    response["X-RateLimit-Remaining"] = str(decision.remaining)
    return response
