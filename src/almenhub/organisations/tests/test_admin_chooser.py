"""The organisation chooser, as an editor uses it from a page's owner field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from almenhub.organisations.models import Organisation, OrganisationKind

RESULTS = "wagtailsnippetchoosers_organisations_organisation:choose_results"


@pytest.mark.django_db
def test_chooser_searches_and_tells_namesakes_apart(client, editor):
    Organisation.objects.create(
        name="Boligforeningen Kronen",
        kind=OrganisationKind.HOUSING,
        municipality="Aarhus",
    )
    Organisation.objects.create(
        name="Kronen Rådgivning", kind=OrganisationKind.COMPANY, municipality="Vejle"
    )
    Organisation.objects.create(name="Lejerbo", kind=OrganisationKind.HOUSING)
    client.force_login(editor)

    response = client.get(reverse(RESULTS), {"q": "kronen"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Boligforeningen Kronen" in html and "Kronen Rådgivning" in html
    assert "Lejerbo" not in html
    # kind and municipality tell the two "Kronen" apart
    for text in ("Boligorganisation", "Aarhus", "Virksomhed", "Vejle"):
        assert text in html
