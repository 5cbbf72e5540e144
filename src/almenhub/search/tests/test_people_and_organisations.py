"""Organisations and people are hits of their own, on every engine: an
organisation for its name (before its projects), a person only while their
details may be shown (the selector of their public page), never otherwise,
on the page, in the API or in an export; and the index follows their
changes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.people.models import Person
from almenhub.projects.records import ContactRecord
from almenhub.search.models import SearchDocument
from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import project

pytestmark = pytest.mark.django_db


def hits(client, **params) -> list[tuple[str, str]]:
    """(kind label, href) of each hit of the search page, in order."""
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            li.select_one(".hit__kind").get_text(strip=True).split(" · ")[0],
            li.select_one(".hit__title a")["href"],
        )
        for li in soup.select("ol#search-results > li")
    ]


def api_urls(client, **params) -> list[str]:
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return [hit["url"] for hit in response.json()["hits"]]


def exported(client, **params) -> str:
    """The CSV and the JSON export of the search, as text."""
    text = ""
    for path in ("/eksport/soeg.csv", "/eksport/soeg.json"):
        response = client.get(path, params)
        assert response.status_code == 200
        text += b"".join(response.streaming_content).decode()
    return text


@pytest.fixture
def fjordlys(programme, engine_name):
    owner = Organisation.objects.create(
        name="Boligselskabet Fjordlys",
        kind=OrganisationKind.HOUSING,
        municipality="Aarhus",
    )
    project(
        programme,
        "omtaler",
        title="Erfaringer fra nabolaget",
        teaser="Fjordlys besøgte Fjordlys' afdelinger.",
        body="Fjordlys og Fjordlys igen: Fjordlys viste vej, og Fjordlys lærte.",
    )
    own = project(
        programme,
        "egen",
        title="Regnvand i gårdene",
        owner="Boligselskabet Fjordlys",
        body="Afdelingerne leder regnvandet til bede.",
    )
    shown = Person.objects.create(
        name="Birthe Ravnsbjerg",
        job_title="Driftschef",
        organisation=owner,
        email="bira@fjordlys.dk",
        show_contact_details=True,
    )
    hidden = Person.objects.create(
        name="Kaj Ravnsbjerg", job_title="Gartner", organisation=owner
    )
    gone = Person.objects.create(
        name="Lise Ravnsbjerg",
        organisation=owner,
        show_contact_details=True,
        has_left=True,
    )
    search_rebuild(engine_name=engine_name)
    return {"owner": owner, "own": own, "shown": shown, "hidden": hidden, "gone": gone}


def test_an_organisation_stands_first_for_its_name_then_its_projects(client, fjordlys):
    found = hits(client, q="Fjordlys")
    assert found[:2] == [
        ("Organisation", "/organisationer/boligselskabet-fjordlys/"),
        ("Projekt", fjordlys["own"].url),
    ]
    # Its page answers at the hit's address, the hit says what it is.
    assert client.get(found[0][1]).status_code == 200
    page = client.get("/soeg/", {"q": "Fjordlys"}).content.decode()
    assert "Boligorganisation · Aarhus" in page


def test_a_person_whose_details_may_be_shown_is_a_hit(client, fjordlys):
    shown = fjordlys["shown"]
    url = f"/personer/{shown.pk}/"
    assert hits(client, q="Birthe Ravnsbjerg")[0] == ("Person", url)
    assert hits(client, q="ravnsbjerg driftschef")[0] == ("Person", url)
    assert client.get(url).status_code == 200
    # The type facet offers both kinds, and filters to one.
    assert hits(client, q="ravnsbjerg", type="person") == [("Person", url)]
    assert hits(client, q="fjordlys", type="organisation") == [
        ("Organisation", "/organisationer/boligselskabet-fjordlys/")
    ]
    soup = BeautifulSoup(client.get("/soeg/", {"q": "fjordlys"}).content, "html.parser")
    labels = {a.get_text(" ", strip=True) for a in soup.select(".facet a")}
    assert any(label.startswith("Personer") for label in labels)
    assert any(label.startswith("Organisationer") for label in labels)


def test_a_hidden_person_is_never_found(client, fjordlys):
    hidden = [f"/personer/{fjordlys[k].pk}/" for k in ("hidden", "gone")]
    for query in ("Kaj Ravnsbjerg", "Lise Ravnsbjerg", "gartner", "ravnsbjerg"):
        shown = [href for _, href in hits(client, q=query)]
        shown += api_urls(client, q=query)
        assert not [url for url in shown if any(url.endswith(h) for h in hidden)]
        assert not [url for url in hidden if url in exported(client, q=query)]
    # The one who may be shown is, in all three.
    url = f"/personer/{fjordlys['shown'].pk}/"
    assert ("Person", url) in hits(client, q="ravnsbjerg")
    assert [u for u in api_urls(client, q="ravnsbjerg") if u.endswith(url)]
    assert exported(client, q="ravnsbjerg").count(url) == 2
    assert hits(client, type="person") == [
        ("Person", f"/personer/{fjordlys['shown'].pk}/")
    ]
    for url in hidden:
        assert client.get(url).status_code == 404


def test_a_person_who_withdraws_is_gone_at_once_even_by_a_bulk_update(client, fjordlys):
    shown = fjordlys["shown"]
    url = f"/personer/{shown.pk}/"
    assert url in [href for _, href in hits(client, q="Birthe")]
    shown.show_contact_details = False
    shown.save()
    assert hits(client, q="Birthe") == []
    assert not SearchDocument.objects.filter(key=f"person:{shown.pk}").exists()

    shown.show_contact_details = True
    shown.save()
    assert hits(client, q="Birthe") == [("Person", url)]
    # No signal: the document stays, and the search still leaves it out.
    Person.objects.filter(pk=shown.pk).update(has_left=True)
    assert hits(client, q="Birthe") == []
    assert not [u for u in api_urls(client, q="Birthe") if u.endswith(url)]
    assert url not in exported(client, q="Birthe")


def test_the_index_follows_an_organisations_and_a_persons_changes(
    client, programme, fjordlys
):
    owner, shown = fjordlys["owner"], fjordlys["shown"]
    owner.name = "Boligselskabet Havblik"
    owner.save()
    # The organisation keeps its address; its project and its people show
    # the new name.
    assert hits(client, q="havblik")[:2] == [
        ("Organisation", "/organisationer/boligselskabet-fjordlys/"),
        ("Projekt", fjordlys["own"].url),
    ]
    assert ("Person", f"/personer/{shown.pk}/") in hits(client, q="havblik")

    contact = project(
        programme,
        "kontakt",
        title="Bede i gårdene",
        contacts=[ContactRecord(name="Birthe Ravnsbjerg", email="bira@fjordlys.dk")],
    )
    shown.refresh_from_db()
    shown.job_title = "Boligsocial medarbejder"
    shown.save()
    found = hits(client, q="boligsocial medarbejder")
    assert ("Person", f"/personer/{shown.pk}/") in found
    assert ("Projekt", contact.url) in found  # its contact card shows the title

    owner.delete()
    assert not [href for _, href in hits(client, q="havblik") if "organis" in href]
    assert "Havblik" not in SearchDocument.objects.get(key=f"person:{shown.pk}").teaser
