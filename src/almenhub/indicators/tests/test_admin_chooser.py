"""The indicator chooser, as an editor uses it for an example's values."""

from __future__ import annotations

import pytest
from django.urls import reverse

from almenhub.indicators.models import Indicator

RESULTS = "wagtailsnippetchoosers_indicators_indicator:choose_results"


@pytest.mark.django_db
def test_chooser_searches_and_shows_bottom_line(client, editor):
    meadow = Indicator.objects.get(slug="plaene-til-eng")
    client.force_login(editor)

    response = client.get(reverse(RESULTS), {"q": "eng"})

    assert response.status_code == 200
    html = response.content.decode()
    assert meadow.name in html
    assert "Unge i fritidsjob" not in html
    assert "Klima og miljø › Biodiversitet" in html.replace("&rsaquo;", "›")
