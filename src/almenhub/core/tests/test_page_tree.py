"""`page_add_child` must leave what treebeard's `add_child` and `Page.save`
would, however it is called."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry

from almenhub.core.pages.tree import (
    ChildPositions,
    page_add_child,
    page_validate,
    unique_child_slug,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    root = Page.objects.get(depth=1)
    return root.add_child(instance=Page(title="Forælder", slug="foraelder"))


def test_page_add_child_places_and_logs_a_page_as_wagtail_does(index):
    by_wagtail = index.add_child(instance=Page(title="Først", slug="a"))
    ours = page_add_child(parent=index, page=Page(title="Så", slug="b"))

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
        page_add_child(parent=index, page=Page(title="Rapport", slug="r"))
    slugs = list(index.get_children().values_list("slug", flat=True))
    assert slugs == ["r", *(f"r-{n}" for n in range(2, 13))]
    assert unique_child_slug(index, "R") == "r-13"


def test_other_field_errors_are_not_mistaken_for_a_taken_slug(index):
    with pytest.raises(ValidationError) as error:
        page_add_child(parent=index, page=Page(title="", slug="r"))
    assert "title" in error.value.error_dict


def test_positions_follow_children_added_by_others(index):
    positions = ChildPositions()
    first = page_add_child(
        parent=index, page=Page(title="1", slug="p1"), positions=positions
    )
    # Someone else adds a child (and the known count goes stale) …
    other = Page.objects.get(pk=index.pk).specific
    other.add_child(instance=Page(title="2", slug="p2"))
    # … so the next page goes after theirs, not onto it.
    third = page_add_child(
        parent=index, page=Page(title="3", slug="p3"), positions=positions
    )
    fourth = page_add_child(
        parent=index, page=Page(title="4", slug="p4"), positions=positions
    )
    paths = list(index.get_children().values_list("path", flat=True))
    assert paths[0] == first.path and paths[2:] == [third.path, fourth.path]
    assert Page.find_problems() == ([], [], [], [], [])
    index.refresh_from_db()
    assert index.numchild == 4


def test_known_siblings_check_slugs_without_asking_per_page(index):
    index.add_child(instance=Page(title="Før", slug="rapport"))
    positions = ChildPositions()
    first = page_add_child(
        parent=index,
        page=Page(title="Rapport", slug="rapport"),
        positions=positions,
    )
    assert first.slug == "rapport-2"  # Wagtail's check, for the first child
    second = page_add_child(
        parent=index,
        page=Page(title="Rapport", slug="rapport"),
        positions=positions,
    )
    # The second child reads the siblings' slugs once (under the parent's
    # lock, taken by the first) and finds both taken ones among them.
    assert second.slug == "rapport-3"
    with CaptureQueriesContext(connection) as queries:
        third = page_add_child(
            parent=index,
            page=Page(title="Rapport", slug="rapport"),
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
    page_add_child(parent=index, page=Page(title="A", slug="a"), positions=positions)
    page = Page(title="B", slug="a")
    page._cached_parent_obj = index
    with pytest.raises(ValidationError) as error:
        page_validate(page, sibling_slugs=positions.sibling_slugs(index))
    assert "slug" in error.value.error_dict
    assert "_check_slug_is_unique" not in page.__dict__  # Wagtail's own is back
