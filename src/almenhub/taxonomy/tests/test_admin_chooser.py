"""The theme chooser (snippet choosers are how other models pick a theme)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from almenhub.taxonomy.models import Theme

RESULTS = "wagtailsnippetchoosers_taxonomy_theme:choose_results"


@pytest.mark.django_db
def test_chooser_searches_themes_and_names_the_parent(client, editor):
    child = Theme.objects.get(name="Natur og biodiversitet")
    client.force_login(editor)

    response = client.get(reverse(RESULTS), {"q": "biodiversitet"})

    assert response.status_code == 200
    html = response.content.decode()
    assert child.full_name in html.replace("&rsaquo;", "›")
    assert "Drift og vedligehold" not in html


@pytest.mark.django_db
def test_listing_filter_offers_main_themes_only(client, editor):
    child = Theme.objects.get(name="Natur og biodiversitet")
    client.force_login(editor)

    response = client.get(
        reverse("wagtailsnippets_taxonomy_theme:list"), {"parent": child.parent_id}
    )

    html = response.content.decode()
    assert f'<option value="{child.parent_id}" selected' in html
    assert f'<option value="{child.pk}"' not in html
    assert reverse("wagtailsnippets_taxonomy_theme:edit", args=[child.pk]) in html
