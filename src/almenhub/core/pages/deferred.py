"""Rows held back to the end of a transaction and inserted many at a time.

An import writes thousands of small rows (a page's contacts, quotes, theme
links, its log entry); one insert per table per batch instead of one per
page is a good part of its speed. A savepoint that is rolled back takes the
rows added since its `mark` along (`roll_back_to`), so nothing is inserted
for a page that is not there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

# Rows per statement: below SQLite's limit on bound parameters.
BATCH_SIZE = 500


class DeferredInserts:
    def __init__(self) -> None:
        self._rows: list[models.Model] = []

    def add(self, rows: Iterable[models.Model]) -> None:
        self._rows.extend(rows)

    def mark(self) -> int:
        return len(self._rows)

    def roll_back_to(self, mark: int) -> None:
        """Forget the rows added since `mark` (their savepoint was undone)."""
        del self._rows[mark:]

    def discard(self) -> None:
        self._rows.clear()

    def write(self) -> None:
        """Insert the rows (see `written`). Call it inside the transaction the
        rows belong to, before it commits."""
        self.written(self._rows)
        self._rows.clear()

    @staticmethod
    def written(rows: Iterable[models.Model]) -> None:
        """Insert rows now, one statement per table (per BATCH_SIZE rows), the
        tables in the order of their first row."""
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for row in rows:
            by_model.setdefault(type(row), []).append(row)
        for model, rows_of_model in by_model.items():
            model._base_manager.bulk_create(rows_of_model, batch_size=BATCH_SIZE)
