"""Plain content pages and the member list, as a visitor reads them."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from almenhub.contentpages.factories import content_page_create
from almenhub.contentpages.models import ContentKind, MemberListPage
from almenhub.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_content_page_renders_its_body_under_one_h1(client, home_page):
    page = content_page_create(
        title="Om foreningen",
        kind=ContentKind.ABOUT,
        teaser="Vi samler viden fra den almene sektor.",
        body=[
            ("paragraph", "<p>Foreningen blev stiftet af boligorganisationer.</p>"),
            ("heading", "Bestyrelsen"),
            ("quote", {"text": "Viden skal deles.", "attribution": "Formanden"}),
        ],
    )
    content_page_create(title="Vedtægter", parent=page)
    response = client.get("/om-foreningen/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "da"
    assert [h.get_text() for h in soup.find_all("h1")] == ["Om foreningen"]
    # The body's sub-heading is the next level below the page's title.
    assert soup.find("h2", string="Bestyrelsen") is not None
    assert soup.select_one("figure.quote blockquote").get_text(strip=True) == (
        "Viden skal deles."
    )
    assert soup.select_one("figure.quote figcaption").get_text() == "Formanden"
    assert soup.find("a", string="Vedtægter")["href"] == "/om-foreningen/vedtaegter/"


def test_member_list_shows_the_member_organisations_by_kind(client, home_page):
    for name, kind, member in [
        ("Boligselskabet Øst", OrganisationKind.HOUSING, True),
        ("Andelsboligforeningen Vest", OrganisationKind.HOUSING, True),
        ("Aarhus Kommune", OrganisationKind.MUNICIPALITY, True),
        ("Rådgiveren A/S", OrganisationKind.COMPANY, False),
    ]:
        Organisation.objects.create(
            name=name, kind=kind, is_member=member, website="https://example.dk/"
        )
    page = MemberListPage(title="Medlemmer", slug="medlemmer")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    soup = BeautifulSoup(client.get("/medlemmer/").content, "html.parser")
    groups = {
        h2.get_text(" ", strip=True): [
            li.get_text(strip=True) for li in h2.find_next("ul").find_all("li")
        ]
        for h2 in soup.select("main h2")
    }
    assert groups == {
        "Boligorganisation (2)": [
            "Andelsboligforeningen Vest",
            "Boligselskabet Øst",
        ],
        "Kommune (1)": ["Aarhus Kommune"],
    }
    assert "Rådgiveren" not in soup.get_text()


def _json_ld(client, url: str) -> dict:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_about_and_contact_pages_say_what_they_are(client, home_page, settings):
    settings.OPENDATA_RATE_LIMIT = 100_000
    about = content_page_create(title="Om os", kind=ContentKind.ABOUT)
    content_page_create(title="Kontakt", kind=ContentKind.CONTACT)
    tool = content_page_create(
        title="Værktøj til tilsyn",
        kind=ContentKind.TOOL,
        body=[("paragraph", "<p>Sådan bruger du skemaet.</p>")],
    )
    assert _json_ld(client, "/om-os/")["@type"] == "AboutPage"
    assert _json_ld(client, "/kontakt/")["@type"] == "ContactPage"
    assert _json_ld(client, tool.url)["@type"] == "WebPage"

    listing = client.get("/api/v1/pages/", {"kind": "tool"}).json()
    assert [(r["title"], r["kind_label"]) for r in listing["results"]] == [
        ("Værktøj til tilsyn", "Værktøj")
    ]
    detail = client.get(f"/api/v1/pages/{tool.pk}/").json()
    assert "Sådan bruger du skemaet." in detail["body_html"]
    assert client.get("/api/v1/pages/", {"kind": "nej"}).status_code == 400
    about.unpublish()
    assert client.get(f"/api/v1/pages/{about.pk}/").status_code == 404


def test_member_flag_in_the_api_and_the_member_list_structured_data(
    client, home_page, settings
):
    settings.OPENDATA_RATE_LIMIT = 100_000
    member = Organisation.objects.create(name="Boligselskabet Øst", is_member=True)
    Organisation.objects.create(name="Rådgiveren A/S")
    rows = client.get("/api/v1/organisations/", {"member": "true"}).json()["results"]
    assert [(r["id"], r["is_member"]) for r in rows] == [(member.pk, True)]
    page = MemberListPage(title="Medlemmer", slug="medlemmer")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    data = _json_ld(client, "/medlemmer/")
    assert data["@type"] == "CollectionPage"
    assert data["mainEntity"]["numberOfItems"] == 1
    assert data["mainEntity"]["itemListElement"][0]["item"]["name"] == (
        "Boligselskabet Øst"
    )
