"""The value register's figures, kept until the content changes.

Every figure on the dashboard, an organisation's page, their CSV files and
the value API is read from every counted value of the sector; at the sector's
scale that is a few hundred milliseconds of grouped reads per request. The
figures change only when content does, so each is kept in the cache under
the site's content version (core.middleware's page-cache version): any save,
delete, publish, unpublish or move of content renews it, in every process,
so a change is seen on the next request (on commit, for a change made inside
a transaction). The sector-wide figures are shared by every organisation's
page under the same filters.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from almenhub.core.middleware import page_cache_version

T = TypeVar("T")


def _seconds() -> int:
    # Entries of an old version are never read again; they go when this runs out.
    return int(settings.VALUE_FIGURES_CACHE_SECONDS)


def figures_cached(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave under the same name, key and content
    version. `key` must say everything the figures depend on besides the
    content (the filters, an organisation, an indicator), by its repr."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    cache_key = f"almenhub:value:{page_cache_version()}:{name}:{digest}"
    # Wrapped, so that a None or an empty list is a hit too.
    hit = cache.get(cache_key)
    if hit is not None:
        return hit[0]
    value = compute()
    cache.set(cache_key, (value,), seconds)
    return value


# Per name: the content version it was computed under, until when (a
# monotonic time) it is kept, and what it gave.
_IN_PROCESS: dict[str, tuple[str, float, Any]] = {}


def kept_in_process(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in this process until the content version changes
    (and at most VALUE_FIGURES_CACHE_SECONDS, as the figures): for a small
    table that one request reads many times (the indicators), where even
    the cache's copy costs more than the memory. Inside a transaction it is
    computed and not kept: a change there renews the version at once, and a
    rollback would leave rolled-back rows kept under it. What it gives is
    shared: the caller must not change it."""
    seconds = _seconds()
    if seconds <= 0 or transaction.get_connection().in_atomic_block:
        return compute()
    version = page_cache_version()
    kept = _IN_PROCESS.get(name)
    now = time.monotonic()
    if kept is not None and kept[0] == version and now < kept[1]:
        return kept[2]
    value = compute()
    _IN_PROCESS[name] = (version, now + seconds, value)
    return value


def kept_in_process_clear() -> None:
    """Forget everything kept in this process (tests: each starts afresh)."""
    _IN_PROCESS.clear()
