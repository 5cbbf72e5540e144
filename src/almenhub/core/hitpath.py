"""The page cache's copies answered before Django handles the request.

A copy served by AnonymousPageCacheMiddleware (core/middleware.py) still
goes through Django's request handling: the request and response objects,
the signals that open and close database connections, and the middleware
above the cache (security headers, the search counter). For a plain copy
that is most of its cost. This WSGI wrapper keeps, per process, the answer
that Django's handling sent for such a copy — status, every header, the
body — and sends that again for the next request that is the same in
everything the answer may depend on, as long as the copy is current.

What it repeats, and what not:
- only what the page cache marked as a plain copy it served (PLAIN_COPY): a 200
  with its whole body, to an anonymous GET or HEAD, whose entry names no
  check (the open data's rate limit) and no count (typed searches): those go
  through Django every time;
- never for a request with a session cookie (logged-in editors and members)
  or a conditional one (If-None-Match, If-Modified-Since: Django answers 304);
- keyed by every request value the answer may depend on (scheme and the
  forwarded scheme, host and the forwarded host, the content coding chosen
  from Accept-Encoding, path and query), and filed under the page cache's
  version stamp, read on every request: a publish retires it in every
  process at once, as it retires the page cache's own copies.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

from almenhub.core.http import negotiated_encoding_for
from almenhub.core.middleware import PLAIN_COPY, page_cache_version

MAX_ANSWERS = 2000

Answer = tuple[str, float, str, list[tuple[str, str]], bytes]


class CachedAnswers:
    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.answers: dict[tuple, Answer] = {}
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="

    def _key(self, environ: dict[str, Any]) -> tuple | None:
        if (
            environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or self.session_cookie in environ.get("HTTP_COOKIE", "")
            or "HTTP_IF_NONE_MATCH" in environ
            or "HTTP_IF_MODIFIED_SINCE" in environ
        ):
            return None
        return (
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_X_FORWARDED_PROTO"),
            environ.get("HTTP_HOST"),
            environ.get("HTTP_X_FORWARDED_HOST"),
            environ.get("SERVER_NAME"),
            environ.get("SERVER_PORT"),
            environ.get("SCRIPT_NAME"),
            environ.get("PATH_INFO"),
            environ.get("QUERY_STRING"),
            negotiated_encoding_for(environ.get("HTTP_ACCEPT_ENCODING", "")),
        )

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        key = self._key(environ)
        if key is not None:
            found = self.answers.get(key)
            if found is not None:
                version, expires, status, headers, body = found
                if version == page_cache_version() and expires > time.time():
                    start_response(status, list(headers))
                    return [body]
                self.answers.pop(key, None)
        sent: dict[str, Any] = {}

        def remember(status: str, headers: list, exc_info: Any = None) -> Any:
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, remember)
        mark = environ.get(PLAIN_COPY)
        if key is None or mark is None or not sent.get("status", "").startswith("200"):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's request_finished, as the server would call it
        if len(self.answers) >= MAX_ANSWERS:
            try:
                self.answers.pop(next(iter(self.answers)), None)
            except (StopIteration, RuntimeError):
                pass
        self.answers[key] = (mark[0], mark[1], sent["status"], sent["headers"], body)
        return [body]


def cached_answers(app: Callable[..., Iterable[bytes]]) -> CachedAnswers:
    return CachedAnswers(app)
