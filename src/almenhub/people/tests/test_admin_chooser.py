"""The person chooser, as an editor uses it to add a contact to a project."""

from __future__ import annotations

import pytest
from django.urls import reverse

from almenhub.organisations.models import Organisation
from almenhub.people.models import Person

RESULTS = "wagtailsnippetchoosers_people_person:choose_results"


@pytest.mark.django_db
def test_chooser_searches_and_shows_organisation_and_job_title(client, editor):
    kab = Organisation.objects.create(name="KAB")
    bo_vest = Organisation.objects.create(name="BO-VEST")
    Person.objects.create(name="Mette Holm", job_title="Driftschef", organisation=kab)
    Person.objects.create(
        name="Mette Holm", job_title="Projektleder", organisation=bo_vest
    )
    Person.objects.create(name="Per Lund", organisation=kab)
    client.force_login(editor)

    response = client.get(reverse(RESULTS), {"q": "mette"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Mette Holm") >= 2
    assert "Per Lund" not in html
    # two people of the same name: organisation and job title tell them apart
    for text in ("KAB", "BO-VEST", "Driftschef", "Projektleder"):
        assert text in html
