"""Emptying the caching proxy in front of the hub (deploy/varnish/) when
content changes, through Wagtail's frontend cache.

A published or unpublished page's own URLs are PURGEd (Wagtail's HTTP
backend, by its task). Listings, searches, feeds, the API and the home page
show pages too, and which of their cached answers show a given page is not
known to the proxy; so every content change also sends one BAN, which the
VCL turns into "drop every cached answer but static files", the same rule
the hub's own page cache follows (core/middleware.py). Both are sent once
per transaction, after it commits, by the worker.
"""

from __future__ import annotations

import logging
from urllib.error import URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from django.db import transaction
from django_tasks import task
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page

logger = logging.getLogger(__name__)


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE per URL) that can also BAN."""

    def ban(self) -> None:
        request = Request(
            urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            method="BAN",
            headers={"User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=5).close()  # noqa: S310 - our own setting
        except (URLError, OSError) as error:
            logger.error("Kunne ikke tømme proxyens cache: %s", error)


def _bans() -> list[VarnishBackend]:
    return [b for b in get_backends().values() if isinstance(b, VarnishBackend)]


@task()
def proxy_ban() -> int:
    backends = _bans()
    for backend in backends:
        backend.ban()
    return len(backends)


def page_urls(*, page: Page) -> list[str]:
    """The page's full URLs, its routable sub-pages' included (what Wagtail's
    own publish handler purges)."""
    base = page.get_full_url()
    if base is None:
        return []
    return [
        base + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()
    ]


class _PendingPurge:
    """What one transaction changed, sent once it commits."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.sent = False

    def __call__(self) -> None:
        self.sent = True
        purge_urls_from_cache(sorted(self.urls))
        if _bans():
            proxy_ban.enqueue()


# While `migrate` runs, data migrations write content before the task
# queue's table exists, and no proxy serves the half-built database anyway.
_paused = False


def proxy_purges_pause(**kwargs: object) -> None:
    global _paused
    _paused = True


def proxy_purges_resume(**kwargs: object) -> None:
    global _paused
    _paused = False


def proxy_purge_after_change(*, page: Page | None = None) -> None:
    """Content changed (`page`, if a page's own state did): empty the proxy
    of it when the change is committed. Nothing without a proxy configured."""
    if _paused or not get_backends():
        return
    urls = set(page_urls(page=page)) if page is not None else set()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        pending = _PendingPurge()
        pending.urls |= urls
        pending()
        return
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _PendingPurge) and not entry[1].sent:
            entry[1].urls |= urls
            return
    pending = _PendingPurge()
    pending.urls |= urls
    transaction.on_commit(pending)
