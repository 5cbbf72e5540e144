"""Stamps that retire cached answers: a value every process of the site reads
before serving from its cache, and renews when the content changes.

A stamp lives in the "shared" cache, which every process must see at once:
files in the data folder for the single-machine default (every process of a
server on that machine, whatever runs it), Redis in production. The cached
answers themselves may stay in each process's own cache: they are filed
under the stamp, so a renewed stamp retires them in every process.

A change made in a transaction renews the stamp when the transaction
commits (before that no other connection sees it), and at once only when
this process has read the stamp since its last renewal: a reader on the
same connection (a request that writes and then reads, a test) would
otherwise keep an answer from before the change. So a batch of ten thousand
saves writes the stamp once, not ten thousand times.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction

SHARED_CACHE = "shared"


def shared_cache() -> BaseCache:
    return caches[SHARED_CACHE if SHARED_CACHE in settings.CACHES else "default"]


def new_token() -> str:
    return uuid.uuid4().hex


class Stamp:
    def __init__(self, key: str, make: Callable[[], Any] = new_token) -> None:
        self.key = key
        self.make = make
        self._read_since_renewal = False

    def read(self) -> Any:
        """The current value; a new one when there is none yet (first use,
        or the cache was cleared), so no old answer is taken as current."""
        store = shared_cache()
        value = store.get(self.key)
        if value is None:
            store.add(self.key, self.make(), timeout=None)
            value = store.get(self.key)
            if value is None:  # a cache that keeps nothing: nothing is cached
                value = self.make()
        self._read_since_renewal = True
        return value

    def renew(self) -> None:
        self._read_since_renewal = False
        shared_cache().set(self.key, self.make(), timeout=None)

    def renew_after_change(self) -> None:
        """Content changed: renew now if the change is committed, else when
        it is (see the module's docstring)."""
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            self.renew()
            return
        if self._read_since_renewal:
            self.renew()
        # Once per transaction, however many rows it writes.
        if not any(entry[1] == self.renew for entry in connection.run_on_commit):
            transaction.on_commit(self.renew)
