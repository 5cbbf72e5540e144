"""What the builders read, fetched for a batch at once, also where part of
it is in hand already (an imported page's contacts, held in memory)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext

from almenhub.people.models import Person
from almenhub.projects.records import ContactRecord
from almenhub.search import services
from almenhub.search.services import documents_for, search_index_objects
from almenhub.search.tests.conftest import project

pytestmark = pytest.mark.django_db


def test_contacts_organisations_are_read_at_once_when_some_people_are_in_hand(
    programme,
):
    page = project(
        programme,
        "kontakter",
        title="Fælles vaskerier",
        owner="KAB",
        contacts=[
            ContactRecord(name="Mette Skov", organisation="Lejerbo"),
            ContactRecord(name="Søren Dam", organisation="AAB"),
            ContactRecord(name="Ane Holm", organisation="FSB"),
        ],
    )
    page = type(page).objects.get(pk=page.pk)
    prefetch_related_objects([page], "contacts")
    contacts = list(page.contacts.all())
    # In hand, as an import holds them: two people read without their
    # organisation; the third contact's person is not read yet.
    for contact in contacts[:2]:
        contact.person = Person.objects.get(pk=contact.person_id)
    with CaptureQueriesContext(connection) as queries:
        (document,) = documents_for_held(page)
    # (A prefetch reads them with one query; a lookup of one, by `get`, ends
    # with Django's LIMIT 21.)
    organisations = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "organisations_organisation"' in q["sql"]
    ]
    assert organisations and not [s for s in organisations if "LIMIT 21" in s]
    assert {"Lejerbo", "AAB", "FSB"} <= set(document.names.splitlines())
    assert search_index_objects([page]) == 1


def documents_for_held(page):
    """The page's document as the search's writes build it (prefetched)."""
    with services._prefetched([page]):
        return documents_for([page])
