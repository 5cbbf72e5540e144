"""Site-wide request handling: the anonymous page cache and a clear answer when
the database is away. The security headers live in `core/csp.py`."""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.module_loading import import_string

from almenhub.core.http import media_type, negotiated_encoding
from almenhub.core.stamps import Stamp

logger = logging.getLogger(__name__)

PAGE_CACHE_VERSION_KEY = "almenhub:pagecache:version"
# The cache every process of the site shares for pages (settings/embedded.py:
# files in the data folder), looked up when the process's own has no copy.
# Without it (production: the default cache is Redis, already shared) the
# default cache alone.
SHARED_PAGES_CACHE = "pages"
# What the cache holds: public HTML and the feeds and sitemap (which feed
# readers and crawlers poll), and any answer that names its check
# (CHECK_HEADER: the API's JSON, whose rate limit counts every request).
CACHED_TYPES = frozenset(
    {
        "text/html",
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/xml",
        "text/xml",
    }
)
# Set by a view on an answer that is to be counted each time it is served
# (the search's statistics), and read and removed by a middleware above this
# cache: a copy served from here is counted like the view's own answer.
COUNT_HEADER = "X-Search-Count"
# Set in the WSGI environ when a plain copy (no check, no count) is served
# whole: (version, expiry) of its entry, for core/hitpath.py, which sends
# Django's answer for it again until the version or the expiry says no.
PLAIN_COPY = "almenhub.page_cache.plain_copy"
# Set by a view whose answers a client may have only so often (the open
# data's rate limit): the name of a check in settings.PAGE_CACHE_CHECKS that
# a copy served from here passes first, as the view's own answer does. The
# check answers instead (429) or adds its headers to the copy. Kept with the
# copy, never sent.
CHECK_HEADER = "X-Page-Cache-Check"
# What a cached page is served with besides its body: the headers set inside
# the cache (by the view and the middleware below it).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "X-Frame-Options",
    "Vary",
    # core/http.py's, set below this cache: kept with the compressed body.
    "Content-Encoding",
    "Cache-Control",
    "ETag",
    "Last-Modified",
    # core/proxy.py's: what the page shows, for the proxy's purges.
    "X-Cache-Tags",
    COUNT_HEADER,
    # The open data's (opendata/http.py), the same on every answer.
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    CHECK_HEADER,
)


@functools.cache
def _hit_check(name: str) -> Callable[..., HttpResponse]:
    """settings.PAGE_CACHE_CHECKS[name]: `check(request, serve)` answers the
    request, calling `serve()` for the cached copy when it lets it through."""
    return import_string(settings.PAGE_CACHE_CHECKS[name])


def uncached_prefixes() -> tuple[str, ...]:
    """The paths the page cache leaves alone (settings.PAGE_CACHE_EXEMPT_URLS)."""
    named = (reverse(name) for name in settings.PAGE_CACHE_EXEMPT_URLS)
    return (*named, settings.STATIC_URL, settings.MEDIA_URL)


DATABASE_AWAY = "_almenhub_database_away"


def _database_error(error: BaseException | None) -> DatabaseError | None:
    """The database's refusal behind `error` (itself, or what caused it)."""
    for _ in range(5):
        if error is None or isinstance(error, OperationalError | InterfaceError):
            return error
        error = error.__cause__ or error.__context__
    return None


def _note_database_away(sender: object, request: HttpRequest | None = None, **kwargs):
    """Remember on the request that its 500 was the database being away.
    Sent by Django while it handles the error, so the error is current."""
    error = _database_error(sys.exc_info()[1])
    if request is not None and error is not None:
        setattr(request, DATABASE_AWAY, error)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a Danish message while the database cannot be reached.

    Django opens a fresh connection per request, so the site recovers by
    itself as soon as the database is back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(
            _note_database_away, dispatch_uid="almenhub-database-away"
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self._unavailable(error)
        # The database went away in a middleware below this one (after the
        # view: the proxy's tags, the redirects of a 404): Django turned the
        # error into its 500 page there, before it could reach this one.
        error = getattr(request, DATABASE_AWAY, None)
        if error is not None and response.status_code == 500:
            return self._unavailable(error)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self._unavailable(exception)
        return None

    def _unavailable(self, error: DatabaseError) -> HttpResponse:
        # Django drops the broken connection when the request finishes
        # (close_old_connections), so the next request reconnects by itself.
        logger.error("Databasen svarer ikke: %s", error)
        response = HttpResponse(
            render_to_string("503.html"),
            status=503,
            content_type="text/html; charset=utf-8",
        )
        response["Retry-After"] = "5"
        response["Cache-Control"] = "no-store"
        return response


# Read by every process before it serves a cached page (core/stamps.py).
PAGE_CACHE_VERSION = Stamp(PAGE_CACHE_VERSION_KEY)


def page_cache_version() -> str:
    return PAGE_CACHE_VERSION.read()


def page_cache_purge() -> None:
    """Make every cached page stale at once, in every process."""
    PAGE_CACHE_VERSION.renew()


def page_cache_purge_after_change() -> None:
    """Content changed: retire the cached pages now, or at the commit of the
    transaction the change is in."""
    PAGE_CACHE_VERSION.renew_after_change()


class AnonymousPageCacheMiddleware:
    """Whole-page cache for anonymous visitors (pages, feeds, the sitemap).

    A cached page is served before sessions, authentication or any view run,
    so it costs no database query. Each process keeps its own copies and,
    where settings name a shared "pages" cache, finds there what another
    process rendered (one render per page for all of a server's processes).
    Editors' publishing bumps one version number, which retires every cached
    page at once, in memory and in the shared files. Responses that carry a
    CSRF token, set cookies or are not plain 200 HTML or a feed are never
    cached.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.uncached_prefixes = uncached_prefixes()

    @staticmethod
    def _stores() -> tuple[BaseCache, ...]:
        """This process's cache first, then the one all processes share."""
        if SHARED_PAGES_CACHE in settings.CACHES:
            return caches["default"], caches[SHARED_PAGES_CACHE]
        return (caches["default"],)

    def _lookup(self, key: str) -> tuple[bytes, dict[str, str], float] | None:
        local, *shared = self._stores()
        entry = local.get(key)
        if entry is None and shared:
            entry = shared[0].get(key)
            if entry is not None:
                # Kept here only as long as the shared copy lives.
                remaining = entry[2] - time.time()
                if remaining <= 0:
                    return None
                local.set(key, entry, remaining)
        return None if entry is None else (entry[0], entry[1], entry[2])

    def _store(self, key: str, content: bytes, headers: dict[str, str]) -> None:
        entry = (content, headers, time.time() + self.timeout)
        for store in self._stores():
            store.set(key, entry, self.timeout)

    def _cacheable_request(self, request: HttpRequest) -> bool:
        return (
            self.timeout > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.uncached_prefixes)
        )

    def _key(self, request: HttpRequest, version: str) -> str:
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        host = request.get_host()
        # One copy per content coding: the body is kept compressed.
        encoding = negotiated_encoding(request)
        scheme = "https" if request.is_secure() else "http"
        return f"almenhub:page4:{version}:{scheme}:{host}:{encoding}:{digest}"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            response = self.get_response(request)
            del response[CHECK_HEADER]
            return response
        version = page_cache_version()
        key = self._key(request, version)
        cached = self._lookup(key)
        if cached is not None:
            content, headers, expires = cached
            check = headers.get(CHECK_HEADER)
            if check:
                return _hit_check(check)(
                    request, lambda: self._serve(request, content, headers)
                )
            response = self._serve(request, content, headers)
            if response.status_code == 200 and COUNT_HEADER not in headers:
                request.META[PLAIN_COPY] = (version, expires)
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
            and (
                media_type(response) in CACHED_TYPES
                or response.has_header(CHECK_HEADER)
            )
        ):
            headers = {n: response[n] for n in KEPT_HEADERS if response.has_header(n)}
            self._store(key, response.content, headers)
            response["X-Page-Cache"] = "miss"
        del response[CHECK_HEADER]
        return response

    @staticmethod
    def _serve(
        request: HttpRequest, content: bytes, headers: dict[str, str]
    ) -> HttpResponse:
        response = HttpResponse(content)
        for name, value in headers.items():
            if name != CHECK_HEADER:
                response[name] = value
        # Known length: the connection can stay open for the next request
        # (a server must otherwise close it to mark the body's end).
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        # A browser that has this very copy gets 304, as on a miss.
        modified = headers.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=headers.get("ETag"),
            last_modified=parse_http_date_safe(modified) if modified else None,
            response=response,
        )
