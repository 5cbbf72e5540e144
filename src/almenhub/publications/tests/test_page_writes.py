"""`KnownPublications` must not link a title to the wrong row, and
publications added in an import's batch are counted and logged as Wagtail
would."""

from __future__ import annotations

import pytest
from django.db import transaction
from wagtail.models import Page, PageLogEntry

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.pages.tree import ChildPositions
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import (
    KnownPublications,
    publication_get_or_create,
    publication_index_get_or_create,
    series_find,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return publication_index_get_or_create()


def test_known_publications_follow_what_is_added_renamed_or_deleted(index):
    series = series_find(name="AlmenRapport")
    known = KnownPublications()
    first, created = publication_get_or_create(
        title="Ærlige tal", series=series, known=known
    )
    assert created
    # Added behind its back: found all the same, not made twice.
    other = PublicationPage(title="Åbne døre", slug="aabne-doere", series=series)
    index.add_child(instance=other)
    found, created = publication_get_or_create(
        title="ÅBNE  DØRE", series=series, known=known
    )
    assert (found.pk, created) == (other.pk, False)
    # Renamed: its old title is free again at once; its new one is seen from
    # the next batch on (the importer clears `known` for every batch).
    first.title = "Ærlige tal 2024"
    first.save()
    fresh, created = publication_get_or_create(
        title="Ærlige tal", series=series, known=known
    )
    assert created and fresh.pk != first.pk
    known.clear()
    renamed, created = publication_get_or_create(
        title="ærlige tal 2024", series=series, known=known
    )
    assert (renamed.pk, created) == (first.pk, False)
    # Deleted: made anew rather than pointed at a row that is gone.
    fresh.delete()
    again, created = publication_get_or_create(
        title="Ærlige tal", series=series, known=known
    )
    assert created and again.pk != fresh.pk


def test_exclusive_known_publications_read_once_and_learn_their_own(
    index, django_assert_num_queries
):
    series = series_find(name="AlmenRapport")
    known = KnownPublications(exclusive=True)
    assert known.find(series=series, title="Første") is None  # reads the series
    inserts = DeferredInserts()
    positions = ChildPositions(deferred=inserts)
    with transaction.atomic():
        page, created = publication_get_or_create(
            title="Første", series=series, known=known, positions=positions
        )
        with django_assert_num_queries(0):
            assert known.find(series=series, title="Anden") is None
            assert known.find(series=series, title="FØRSTE") == page.pk
        assert not PageLogEntry.objects.filter(page=page).exists()  # held back
        positions.write_deferred()
        inserts.write()
    assert created
    index.refresh_from_db()
    assert index.numchild == 1  # counted when the deferred writes were made
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create").count() == 1
    assert Page.find_problems() == ([], [], [], [], [])
