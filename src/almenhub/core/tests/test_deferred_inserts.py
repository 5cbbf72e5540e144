"""Rows held back to the end of a transaction: written once per table, and
forgotten with the savepoint they were added in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.organisations.models import Organisation
from almenhub.people.models import Person
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def test_rows_are_written_one_insert_per_table_in_order():
    org = Organisation.objects.create(name="Boligforeningen Nord")
    inserts = DeferredInserts()
    inserts.add([Person(name="Ida", organisation=org)])
    inserts.add([Theme(name="Vaskerier", slug="vaskerier")])
    inserts.add([Person(name="Bo", organisation=org)])
    assert not Person.objects.exists()  # nothing until written

    with CaptureQueriesContext(connection) as queries:
        inserts.write()

    inserts_run = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts_run) == 2
    assert '"people_person"' in inserts_run[0]
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Bo", "Ida"]
    assert Theme.objects.filter(slug="vaskerier").exists()
    inserts.write()  # written once: nothing is left to write again
    assert Person.objects.count() == 2


def test_rolled_back_rows_are_forgotten():
    inserts = DeferredInserts()
    inserts.add([Person(name="Ida")])
    mark = inserts.mark()
    inserts.add([Person(name="Rullet tilbage"), Person(name="Også")])
    inserts.roll_back_to(mark)
    inserts.write()
    assert list(Person.objects.values_list("name", flat=True)) == ["Ida"]
    inserts.add([Person(name="Kasseret")])
    inserts.discard()
    inserts.write()
    assert Person.objects.count() == 1
