"""The page-writing helpers the importer leans on: `page_add_child` must
leave what treebeard's `add_child` and `Page.save` would, however it is
called; `KnownPublications` must not link a title to the wrong row."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page, PageLogEntry

from almenhub.core.db.deferred import DeferredInserts
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import (
    ChildPositions,
    KnownPublications,
    page_add_child,
    publication_get_or_create,
    publication_index_get_or_create,
    series_find,
    unique_child_slug,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return publication_index_get_or_create()


def test_page_add_child_places_and_logs_a_page_as_wagtail_does(index):
    by_wagtail = index.add_child(instance=PublicationPage(title="Først", slug="a"))
    ours = page_add_child(parent=index, page=PublicationPage(title="Så", slug="b"))

    assert Page.find_problems() == ([], [], [], [], [])
    index.refresh_from_db()
    assert index.numchild == 2
    assert ours.path == by_wagtail._inc_path()
    assert ours.depth == by_wagtail.depth
    assert ours.url_path == f"{index.url_path}b/"
    assert ours.locale_id == by_wagtail.locale_id
    fields = ("action", "content_type_id", "user_id", "content_changed", "data")
    (theirs,) = PageLogEntry.objects.filter(page=by_wagtail).values(*fields)
    (mine,) = PageLogEntry.objects.filter(page=ours).values(*fields)
    assert mine == theirs
    assert PageLogEntry.objects.get(page=ours).label == "Så"


def test_a_taken_slug_becomes_the_first_free_one(index):
    for _ in range(12):
        page_add_child(parent=index, page=PublicationPage(title="Rapport", slug="r"))
    slugs = list(index.get_children().values_list("slug", flat=True))
    assert slugs == ["r", *(f"r-{n}" for n in range(2, 13))]
    assert unique_child_slug(index, "R") == "r-13"


def test_other_field_errors_are_not_mistaken_for_a_taken_slug(index):
    with pytest.raises(ValidationError) as error:
        page_add_child(parent=index, page=PublicationPage(title="", slug="r"))
    assert "title" in error.value.error_dict


def test_positions_follow_children_added_by_others(index):
    positions = ChildPositions()
    first = page_add_child(
        parent=index, page=PublicationPage(title="1", slug="p1"), positions=positions
    )
    # Someone else adds a child (and the known count goes stale) …
    other = Page.objects.get(pk=index.pk).specific
    other.add_child(instance=PublicationPage(title="2", slug="p2"))
    # … so the next page goes after theirs, not onto it.
    third = page_add_child(
        parent=index, page=PublicationPage(title="3", slug="p3"), positions=positions
    )
    fourth = page_add_child(
        parent=index, page=PublicationPage(title="4", slug="p4"), positions=positions
    )
    paths = list(index.get_children().values_list("path", flat=True))
    assert paths[0] == first.path and paths[2:] == [third.path, fourth.path]
    assert Page.find_problems() == ([], [], [], [], [])
    index.refresh_from_db()
    assert index.numchild == 4


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


def test_known_siblings_check_slugs_without_asking_per_page(index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index.add_child(instance=PublicationPage(title="Før", slug="rapport"))
    positions = ChildPositions()
    first = page_add_child(
        parent=index,
        page=PublicationPage(title="Rapport", slug="rapport"),
        positions=positions,
    )
    assert first.slug == "rapport-2"  # Wagtail's check, for the first child
    second = page_add_child(
        parent=index,
        page=PublicationPage(title="Rapport", slug="rapport"),
        positions=positions,
    )
    # The second child reads the siblings' slugs once (under the parent's
    # lock, taken by the first) and finds both taken ones among them.
    assert second.slug == "rapport-3"
    with CaptureQueriesContext(connection) as queries:
        third = page_add_child(
            parent=index,
            page=PublicationPage(title="Rapport", slug="rapport"),
            positions=positions,
        )
    assert third.slug == "rapport-4"
    slug_lookups = [
        q
        for q in queries
        if '"wagtailcore_page"."slug"' in q["sql"].partition(" WHERE ")[2]
    ]
    assert slug_lookups == []
    assert Page.find_problems() == ([], [], [], [], [])


def test_known_siblings_refuse_a_taken_slug_with_wagtails_message(index):
    positions = ChildPositions()
    page_add_child(
        parent=index, page=PublicationPage(title="A", slug="a"), positions=positions
    )
    page = PublicationPage(title="B", slug="a")
    page._cached_parent_obj = index
    from almenhub.publications.services import page_validate

    with pytest.raises(ValidationError) as error:
        page_validate(page, sibling_slugs=positions.sibling_slugs(index))
    assert "slug" in error.value.error_dict
    assert "_check_slug_is_unique" not in page.__dict__  # Wagtail's own is back


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
