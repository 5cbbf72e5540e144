"""Compression and HTTP caching of the hub's own responses (static files
are WhiteNoise's, compressed at collectstatic).

Compression: brotli, gzip or zstd (what the client accepts, through
django-compression-middleware) for HTML, JSON, CSV, feeds, the sitemap and
other text.

BREACH: an attacker who can make a victim's browser send requests with text
of his choice, and who sees the compressed sizes, can read a secret that the
same response carries beside that text. What we chose:
- the CSRF token is no such secret: Django masks it anew in every response,
  so it never repeats and compression leaks nothing of it; public pages with
  forms are compressed;
- responses to a request with a session (logged-in editors and members: the
  admin, account pages, personal data) are not compressed, nor responses
  marked private or no-store (a participant's cancellation page, answers
  with personal data). They are few, and small beside the public pages.

HTTP caching: a public answer to an anonymous GET (no session, no cookie set,
no CSRF token rendered) gets a short Cache-Control with
stale-while-revalidate (and, with PROXY_CACHE_SECONDS, a longer s-maxage for
the hub's own proxy, which is purged when content changes), and a strong
ETag of the bytes sent: taken after compression, so each encoding has its
own, as RFC 9110 asks of a strong validator. A matching If-None-Match
(or, where the view set Last-Modified, If-Modified-Since) is answered 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from compression_middleware.middleware import (
    CompressionMiddleware as LibraryCompressionMiddleware,
)
from compression_middleware.middleware import compressor
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

COMPRESSED_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/csv",
        "text/calendar",
        "text/xml",
        "application/json",
        "application/ld+json",
        "application/feed+json",
        "application/geo+json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "image/svg+xml",
    }
)
# Paths whose answers are never cached as public: the admin and what only
# makes sense for one visitor.
PRIVATE_PREFIXES = ("/admin", "/django-admin")

BROWSER_SECONDS = 60
STALE_SECONDS = 300


def media_type(response: HttpResponse) -> str:
    return response.get("Content-Type", "").split(";")[0].strip().lower()


def is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "private" in cache_control
        or "no-store" in cache_control
    )


def negotiated_encoding(request: HttpRequest) -> str:
    """The encoding CompressionMiddleware will use for this request ('' for
    none): part of a cached page's key."""
    return negotiated_encoding_for(request.META.get("HTTP_ACCEPT_ENCODING", ""))


def negotiated_encoding_for(accept_encoding: str) -> str:
    return compressor(accept_encoding)[0] or ""


class CompressionMiddleware(LibraryCompressionMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        if media_type(response) not in COMPRESSED_TYPES:
            return response
        if is_personal(request, response):
            # Not compressed (BREACH, above); caches must still tell the
            # compressed and the plain answers apart.
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


def strong_etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


class HttpCachingMiddleware:
    """Cache-Control, strong ETag and 304 for public answers (see above).
    Sits above CompressionMiddleware, so it sees the bytes that are sent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.streaming or request.path.startswith(PRIVATE_PREFIXES):
            return response
        if (
            is_personal(request, response)
            or response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            # A form's CSRF token belongs to one visitor's cookie: no shared
            # cache may hand it to another.
            if "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-cache"
            return response
        if "Cache-Control" not in response:
            # A proxy of our own, purged on every change, may keep it longer.
            proxy = settings.PROXY_CACHE_SECONDS
            response["Cache-Control"] = (
                f"public, max-age={BROWSER_SECONDS}, "
                + (f"s-maxage={proxy}, " if proxy else "")
                + f"stale-while-revalidate={STALE_SECONDS}"
            )
        if not response.has_header("ETag"):
            response["ETag"] = strong_etag(response.content)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=_last_modified(response),
            response=response,
        )


def _last_modified(response: HttpResponse) -> int | None:
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None
