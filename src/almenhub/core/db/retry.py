"""Writes that take the database's write lock, tried again when SQLite could
not take it."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

LOCK_RETRIES = 50

T = TypeVar("T")


def _is_sqlite_lock(error: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(error)


def with_lock_retry(write: Callable[[], T]) -> T:
    """Run a locking write transaction, again if SQLite could not take its
    lock. SQLite waits for a file lock (the `timeout` option) but refuses at
    once where the lock is in a shared cache, and gives up after the timeout
    under heavy load; either way the transaction wrote nothing and can start
    over. Nested in an outer transaction there is nothing safe to repeat."""
    for attempt in range(LOCK_RETRIES):
        try:
            return write()
        except OperationalError as error:
            if (
                not _is_sqlite_lock(error)
                or connection.in_atomic_block
                or attempt == LOCK_RETRIES - 1
            ):
                raise
            time.sleep(random.uniform(0.005, 0.02) * (1 + attempt // 5))
    raise AssertionError("unreachable")
