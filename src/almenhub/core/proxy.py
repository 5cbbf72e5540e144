"""Emptying the caching proxy in front of the hub (deploy/varnish/) when
content changes, through Wagtail's frontend cache.

A published or unpublished page's own URLs are PURGEd (Wagtail's HTTP
backend, by its task). Other answers show pages too (listings, searches,
feeds, the API, related pages), so every public answer tells the proxy what
it shows, in X-Cache-Tags (CacheTagsMiddleware):
- `p<id>` for each page it links to (found in the body: hrefs, the API's
  URLs), `t<content type>` for each type of page it links to (an answer that
  lists pages of a kind may list a newly published one),
- `s<id>` when it is page <id>'s own answer,
- `lists` when it is not a page's own answer (searches, the taxonomy's
  listings, feeds, the API, the sitemap: what a new page may appear in
  without any link to its kind yet), and on the own answer of a page whose
  model says `proxy_lists = True`: it lists pages by a query of its own
  (the front page's newest pages and counts per theme, a theme page's
  newest pages of its themes), so a new page may appear on it though it
  shows nothing of that kind yet.
A change to a page then sends one BAN for the tags that may show it: its own
`p`, `s` and `t` tags, its parent's own answer (which lists its children) and
`lists`; answers that show none of these stay cached. Any other content
change (snippets, taxonomy, view restrictions, images, a move that changes
URLs below a page) BANs every cached answer but static files, the rule the
hub's own page cache follows (core/middleware.py). Sent once per
transaction, after it commits, by the worker.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from urllib.error import URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_tasks import task
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page, Site

from almenhub.core.http import COMPRESSED_TYPES, is_personal, media_type

logger = logging.getLogger(__name__)

TAGS_HEADER = "X-Cache-Tags"
BAN_TAGS_HEADER = "X-Ban-Tags"
LISTS = "lists"
# A page model's flag: its own answer lists pages by a query (docstring).
LISTS_ATTRIBUTE = "proxy_lists"
# Beyond these, an answer is tagged `lists` (banned by every page change)
# instead of a tag per page: headers stay small.
MAX_PAGE_TAGS = 300
# A ban naming more tags (a large import) bans everything instead.
MAX_BAN_TAGS = 200
# Paths in quotes: href="/x/", the API's "url": "http://host/x/".
_LINKED_PATH = re.compile(r"""["'](?:https?://[^/"'\s]+)?(/[^"'\s?#<>]*)""")


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE per URL) that can also BAN, everything
    or the answers carrying some tags."""

    def ban(self, tags: Iterable[str] = ()) -> None:
        headers = {"User-Agent": f"Wagtail-frontendcache/{wagtail_version}"}
        if tags:
            headers[BAN_TAGS_HEADER] = " ".join(sorted(tags))
        request = Request(
            urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            method="BAN",
            headers=headers,
        )
        try:
            urlopen(request, timeout=5).close()  # noqa: S310 - our own setting
        except (URLError, OSError) as error:
            logger.error("Kunne ikke tømme proxyens cache: %s", error)


def _bans() -> list[VarnishBackend]:
    return [b for b in get_backends().values() if isinstance(b, VarnishBackend)]


@task()
def proxy_ban(tags: list[str] | None = None) -> int:
    """BAN the answers carrying any of `tags`; every answer without tags."""
    backends = _bans()
    for backend in backends:
        backend.ban(tags or ())
    return len(backends)


def cache_tags(*, request: HttpRequest, body: str) -> str:
    """What this public answer shows, as the proxy's tags (module docstring)."""
    site = Site.find_for_request(request)
    if site is None:
        return LISTS
    prefix = site.root_page.url_path.rstrip("/")
    paths = {request.path, *(m.group(1) for m in _LINKED_PATH.finditer(body))}
    url_paths = {
        prefix + (path if path.endswith("/") else path + "/")
        for path in paths
        if not path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
    }
    own = prefix + request.path
    tags: set[str] = set()
    pages: set[str] = set()
    found = Page.objects.filter(url_path__in=sorted(url_paths)[:2000]).values_list(
        "id", "url_path", "content_type_id"
    )
    for page_id, url_path, content_type_id in found:
        pages.add(f"p{page_id}")
        tags.add(f"t{content_type_id}")
        if url_path == own:
            tags.add(f"s{page_id}")
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if getattr(model, LISTS_ATTRIBUTE, False):
                tags.add(LISTS)
    if not any(tag.startswith("s") for tag in tags):
        tags.add(LISTS)
    if len(pages) > MAX_PAGE_TAGS:
        tags.add(LISTS)
    else:
        tags |= pages
    return " ".join(sorted(tags))


class CacheTagsMiddleware:
    """Tags every public answer with what it shows, while a purged proxy is
    in front (VARNISH_URL). Below compression: it reads the plain body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(settings, "WAGTAILFRONTENDCACHE", None)
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and media_type(response) in COMPRESSED_TYPES
            and not is_personal(request, response)
        ):
            body = response.content.decode(response.charset or "utf-8", "replace")
            response[TAGS_HEADER] = cache_tags(request=request, body=body)
        return response


def page_tags(*, page: Page) -> set[str] | None:
    """The tags of the answers a change to `page` may show in; None when
    its place in the tree cannot be read (ban everything)."""
    try:
        parent = page.get_parent()
    except Page.DoesNotExist:
        return None
    tags = {f"p{page.pk}", f"s{page.pk}", f"t{page.content_type_id}", LISTS}
    if parent is not None:
        tags.add(f"s{parent.pk}")
    return tags


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
        self.tags: set[str] = set()
        self.everything = False
        self.sent = False

    def add(self, *, urls: set[str], tags: set[str] | None) -> None:
        self.urls |= urls
        if tags is None:
            self.everything = True
        else:
            self.tags |= tags

    def __call__(self) -> None:
        self.sent = True
        purge_urls_from_cache(sorted(self.urls))
        if not _bans():
            return
        if self.everything or len(self.tags) > MAX_BAN_TAGS:
            proxy_ban.enqueue()
        elif self.tags:
            proxy_ban.enqueue(tags=sorted(self.tags))


# While `migrate` runs, data migrations write content before the task
# queue's table exists, and no proxy serves the half-built database anyway.
_paused = False


def proxy_purges_pause(**kwargs: object) -> None:
    global _paused
    _paused = True


def proxy_purges_resume(**kwargs: object) -> None:
    global _paused
    _paused = False


def proxy_purge_after_change(
    *, page: Page | None = None, everything: bool = False
) -> None:
    """Content changed (`page`, if a page's own state did; `everything` when
    the change reaches beyond what shows the page): empty the proxy of it
    when the change is committed. Nothing without a proxy configured."""
    if _paused or not get_backends():
        return
    urls = set(page_urls(page=page)) if page is not None else set()
    tags = page_tags(page=page) if page is not None and not everything else None
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        pending = _PendingPurge()
        pending.add(urls=urls, tags=tags)
        pending()
        return
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _PendingPurge) and not entry[1].sent:
            entry[1].add(urls=urls, tags=tags)
            return
    pending = _PendingPurge()
    pending.add(urls=urls, tags=tags)
    transaction.on_commit(pending)
