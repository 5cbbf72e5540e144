"""A person's public page: only for someone whose details may be shown, and
listing only the public pages that name them."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.models import Person
from almenhub.projects.factories import programme_create, project_create
from almenhub.projects.models import ProjectContact

pytestmark = pytest.mark.django_db


def person(**fields) -> Person:
    org, _ = organisation_get_or_create(name="Boligselskabet Fjordbo")
    defaults = {
        "name": "Mette Lindberg",
        "job_title": "Driftsleder",
        "organisation": org,
        "email": "mli@fjordbo.example.dk",
        "phone": "61234501",
        "show_contact_details": True,
    }
    return Person.objects.create(**{**defaults, **fields})


def project_with_contact(programme, title: str, contact: Person, **fields):
    return project_create(
        programme=programme,
        title=title,
        contacts=[ProjectContact(person=contact)],
        **fields,
    )


def jsonld(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        json.loads(s.string)
        for s in soup.find_all("script", type="application/ld+json")
    ]


def test_a_public_person_has_a_page_with_their_public_projects(
    client, home_page, programme
):
    mette = person()
    shown = project_with_contact(programme, "Vilde enge i Fjordbo", mette)
    project_with_contact(programme, "Kladde om taget", mette, live=False)
    private = programme_create(parent=home_page, title="Fortrolige forsøg")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    project_with_contact(private, "Hemmeligt forsøg", mette)

    response = client.get(mette.get_absolute_url())

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Mette Lindberg"
    links = [a.get_text() for a in soup.select("#projekter ~ ul .card__title a")]
    assert links == [shown.title]
    text = soup.get_text(" ")
    assert "Kladde om taget" not in text and "Hemmeligt forsøg" not in text
    assert "mli@fjordbo.example.dk" in text
    assert "61\u00a023\u00a045\u00a001" in text  # grouped, never wrapped
    (data,) = jsonld(response.content.decode())
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == "Mette Lindberg"
    assert data["mainEntity"]["jobTitle"] == "Driftsleder"
    assert data["mainEntity"]["worksFor"]["name"] == "Boligselskabet Fjordbo"


@pytest.mark.parametrize(
    "fields", [{"show_contact_details": False}, {"has_left": True}], ids=str
)
def test_no_page_for_a_person_whose_details_may_not_be_shown(client, programme, fields):
    hidden = person(**fields)
    project_with_contact(programme, "Vilde enge i Fjordbo", hidden)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    # Nor does the project's contact card link to it.
    project = client.get("/udviklingsprojekter/vilde-enge-i-fjordbo/")
    assert project.status_code == 200
    assert hidden.get_absolute_url() not in project.content.decode()


def test_the_contact_card_links_to_a_public_persons_page(client, programme):
    mette = person()
    project_with_contact(programme, "Vilde enge i Fjordbo", mette)

    project = client.get("/udviklingsprojekter/vilde-enge-i-fjordbo/")

    soup = BeautifulSoup(project.content, "html.parser")
    link = soup.select_one(".contact-card__name a")
    assert link is not None and link["href"] == mette.get_absolute_url()


def test_a_person_named_nowhere_public_says_so(client):
    mette = person()

    response = client.get(mette.get_absolute_url())

    assert (
        "står endnu ikke som kontakt på nogen offentlige sider"
        in response.content.decode()
    )


def test_an_unknown_person_is_a_danish_404(client):
    response = client.get("/personer/999999/")
    assert response.status_code == 404
