"""Every snippet listing and chooser in the admin answers a search.

Found through Wagtail's snippet registry, so a new snippet is covered. The
seeded catalogues (themes, indicators, operations tasks) are in the search
index after `migrate` (core/admin_search.py), so these searches run against
indexed rows: SQLite's full-text index has no per-field columns, and a
viewset that restricts the search to some fields fails there with a 503.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models


def snippet_models():
    return [m for m in get_snippet_models() if m.__module__.startswith("almenhub.")]


@pytest.mark.django_db
@pytest.mark.parametrize("model", snippet_models(), ids=lambda m: m._meta.label)
def test_snippet_listing_and_chooser_answer_a_search(client, editor, model):
    client.force_login(editor)
    viewset = model.snippet_viewset
    listing = client.get(reverse(viewset.get_url_name("list")), {"q": "drift"})
    assert listing.status_code == 200
    chooser = client.get(
        reverse(viewset.chooser_viewset.get_url_name("choose_results")),
        {"q": "drift"},
    )
    assert chooser.status_code == 200


@pytest.mark.django_db
def test_seeded_themes_are_found_in_the_listing(client, editor):
    """Themes come from a data migration, which Wagtail's save signals do not
    see; the listing finds them all the same."""
    themes = apps.get_model("taxonomy", "Theme").objects
    found = themes.get(name="Natur og biodiversitet")
    other = themes.get(name="Drift og vedligehold")
    viewset = found.snippet_viewset
    client.force_login(editor)
    response = client.get(reverse(viewset.get_url_name("list")), {"q": "biodiversitet"})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse(viewset.get_url_name("edit"), args=[found.pk]) in html
    assert reverse(viewset.get_url_name("edit"), args=[other.pk]) not in html
