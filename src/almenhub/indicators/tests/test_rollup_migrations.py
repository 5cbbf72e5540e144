"""The value rollup's migrations on a database that has values: its rows are
computed once, by the last migration that changes what they hold (0011), and
going back past it leaves rows the older schema can hold."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from almenhub.indicators.models import ValueRollup

pytestmark = [pytest.mark.isolated, pytest.mark.django_db(transaction=True)]


def _migrate(targets: list[tuple[str, str]] | None = None) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def _rows() -> list[tuple]:
    fields = [f.attname for f in ValueRollup._meta.concrete_fields if not f.primary_key]
    return sorted(ValueRollup.objects.values_list(*fields))


def test_the_rollup_migrated_back_and_forth_with_values_is_the_same(sector):
    rows = _rows()
    assert rows and ValueRollup.objects.exclude(theme_key=0).exists()
    # Back before the rows per theme (the unique key without the theme).
    _migrate([("indicators", "0010_value_rollup_in_thousandths")])
    # Back before the rollup, and forward through every step of it.
    _migrate([("indicators", "0007_price_index_checked")])
    _migrate()
    assert _rows() == rows
