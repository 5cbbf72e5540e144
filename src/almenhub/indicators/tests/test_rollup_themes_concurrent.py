"""A theme moved under another main theme in one transaction, and a value
saved for one of its examples in another, in a cell the move does not know
of yet: the value's refresh must not compute that cell from the themes as
they were before the move (PostgreSQL; elsewhere writers take turns)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from almenhub.examples.factories import value
from almenhub.examples.models import ExamplePage
from almenhub.taxonomy.models import Theme

from .conftest import KR
from .test_rollup_themes import assert_rows_from_values

pytestmark = [
    pytest.mark.isolated,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent transactions"
    ),
]


def test_a_value_saved_while_its_theme_moves_is_summed_under_the_new_theme(sector):
    example = ExamplePage.objects.get(title="A")
    moved = example.themes.get()
    assert moved.parent_id and not example.values.filter(indicator__slug=KR).exists()
    moved_open, value_saved = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def move():
        try:
            with transaction.atomic():
                theme = Theme.objects.get(pk=moved.pk)
                theme.parent = Theme.objects.filter(parent=None).exclude(
                    pk=moved.parent_id
                )[0]
                theme.save()
                moved_open.set()
                # A value's refresh that waits for this move never comes.
                value_saved.wait(2)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=move)
    thread.start()
    assert moved_open.wait(10)
    row = value(KR, 500, 2024)
    row.page = example
    row.save()
    value_saved.set()
    thread.join(30)
    assert not thread.is_alive() and errors == []
    assert Theme.objects.get(pk=moved.pk).parent_id != moved.parent_id
    assert_rows_from_values()
