"""A live page always has both publish dates, however it went live."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from wagtail.models import Page

from almenhub.projects.models import ProgrammePage
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import (
    publication_get_or_create,
    publication_index_get_or_create,
)

pytestmark = pytest.mark.django_db


def dates(page: Page) -> tuple:
    row = Page.objects.values_list("first_published_at", "last_published_at")
    return row.get(pk=page.pk)


def test_a_page_added_live_with_add_child_has_dates(home_page):
    programme = ProgrammePage(title="Puljen", slug="puljen")
    home_page.add_child(instance=programme)
    first, last = dates(programme)
    assert first is not None and last == first


def test_a_publication_made_on_the_fly_has_dates(home_page):
    # The importer makes a publication page for a project's deliverable.
    page, created = publication_get_or_create(title="Håndbog om affald")
    assert created and page.live
    assert None not in dates(page)
    assert None not in dates(publication_index_get_or_create())


def test_a_stale_copy_saved_after_publishing_keeps_the_dates(home_page):
    page, _ = publication_get_or_create(title="Biodiversitet trin for trin")
    page.teaser = "Håndbog for ejendomsfunktionærer."
    page.save_revision().publish()
    published = dates(page)
    # `publish` wrote a copy; this object still has the dates it was read
    # with. Saving it (as the demo loader once did) must not clear them.
    page.first_published_at = page.last_published_at = None
    page.save()
    assert dates(page) == published


def test_a_page_that_is_not_live_gets_no_dates(home_page):
    index = publication_index_get_or_create()
    draft = PublicationPage(title="Kladde", slug="kladde", live=False)
    index.add_child(instance=draft)
    assert dates(draft) == (None, None)


def test_the_migration_dates_live_pages_that_have_none(home_page):
    programme = ProgrammePage(title="Puljen", slug="puljen")
    home_page.add_child(instance=programme)
    unpublished = ProgrammePage(title="Kladde", slug="kladde", live=False)
    home_page.add_child(instance=unpublished)
    # As a page saved before the guard existed would be.
    Page.objects.filter(pk__in=[programme.pk, home_page.pk]).update(
        first_published_at=None, last_published_at=None
    )
    migration = importlib.import_module(
        "almenhub.home.migrations.0003_live_pages_have_publish_dates"
    )
    migration.live_pages_dates_fill(apps, connection.schema_editor())
    for page in (programme, home_page):
        first, last = dates(page)
        assert first is not None and last == first
    assert dates(unpublished) == (None, None)
    assert not Page.objects.live().filter(first_published_at__isnull=True).exists()
