"""An organisation's public page: its projects (owned, and those it takes
part in), examples, meetings and public contact people; only public pages."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.models import Person
from almenhub.projects.factories import project_create

pytestmark = pytest.mark.django_db


def section_titles(soup: BeautifulSoup, section_id: str) -> list[str]:
    heading = soup.find(id=section_id)
    if heading is None:
        return []
    return [
        a.get_text() for a in heading.find_parent("section").select(".card__title a")
    ]


@pytest.fixture
def fjordbo():
    org, _ = organisation_get_or_create(name="Boligselskabet Fjordbo")
    org.municipality = "Aarhus"
    org.website = "https://fjordbo.example.dk"
    org.save()
    return org


def test_an_organisation_page_lists_what_it_owns_and_takes_part_in(
    client, programme, fjordbo
):
    other, _ = organisation_get_or_create(name="Grøn Drift ApS")
    owned = project_create(
        programme=programme, title="Vilde enge", owner_organisation=fjordbo
    )
    project_create(
        programme=programme,
        title="Kladde",
        owner_organisation=fjordbo,
        live=False,
    )
    joined = project_create(
        programme=programme, title="Fælles indkøb", owner_organisation=other
    )
    joined.participants.add(fjordbo)
    joined.save_revision().publish()
    Person.objects.create(
        name="Mette Lindberg", organisation=fjordbo, show_contact_details=True
    )
    Person.objects.create(name="Skjult Person", organisation=fjordbo)

    response = client.get(fjordbo.get_absolute_url())

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Boligselskabet Fjordbo"
    assert section_titles(soup, "ejer") == [owned.title]
    assert section_titles(soup, "deltager") == [joined.title]
    contacts = [a.get_text() for a in soup.select("#kontakter ~ ul a")]
    assert contacts == ["Mette Lindberg"]
    assert "Skjult Person" not in soup.get_text()
    (data,) = [
        json.loads(s.string)
        for s in soup.find_all("script", type="application/ld+json")
    ]
    entity = data["mainEntity"]
    assert entity["@type"] == "Organization"
    assert entity["name"] == "Boligselskabet Fjordbo"
    assert entity["sameAs"] == ["https://fjordbo.example.dk"]
    assert entity["address"]["addressLocality"] == "Aarhus"


def test_the_project_page_links_its_owner_to_the_organisation_page(
    client, programme, fjordbo
):
    project_create(programme=programme, title="Vilde enge", owner_organisation=fjordbo)

    response = client.get("/udviklingsprojekter/vilde-enge/")

    assert fjordbo.get_absolute_url() in response.content.decode()


def test_an_unknown_organisation_is_a_404(client):
    assert client.get("/organisationer/findes-ikke/").status_code == 404
