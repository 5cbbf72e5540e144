"""Answers a process keeps for the searches it has seen, filed under the
version of what they were made from (a core.stamps Stamp's value, or an
index's own signature): a new version retires them all, in every process,
without any process telling the others."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any

MISSING: Any = object()
_every: weakref.WeakSet[Memo] = weakref.WeakSet()
# What else a process keeps of the searches it answered, by their inputs
# (snippets by their text): forgotten with the memos.
_also: list[Callable[[], None]] = []


def memos_clear() -> None:
    """Forget every answer this process keeps (a test's rows go with its
    rolled-back transaction, which renews no stamp)."""
    for memo in list(_every):
        memo.clear()
    for clear in _also:
        clear()


def cleared_with_memos(clear: Callable[[], None]) -> None:
    """Have `memos_clear()` call `clear` too."""
    _also.append(clear)


class Memo:
    """At most `size` answers of one version; the first answer of a newer
    version (or one past the size) empties the memo."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._version: Hashable = MISSING
        self._entries: dict[Hashable, Any] = {}
        self._lock = threading.Lock()
        _every.add(self)

    def get(self, version: Hashable, key: Hashable) -> Any:
        """The answer kept for the key under this version, or MISSING."""
        with self._lock:
            if version != self._version:
                return MISSING
            return self._entries.get(key, MISSING)

    def put(self, version: Hashable, key: Hashable, value: Any) -> None:
        with self._lock:
            if version != self._version or len(self._entries) >= self.size:
                self._entries.clear()
                self._version = version
            self._entries[key] = value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._version = MISSING
