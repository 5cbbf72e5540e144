"""schema.org JSON-LD and Open Graph tags on the rendered pages."""

from __future__ import annotations

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from almenhub.opendata.tests.conftest import (
    SECRET_EMAIL,
    SECRET_NAME,
    hostile_project,
)
from almenhub.publications.models import PublicationPage

pytestmark = pytest.mark.django_db

REQUIRED = ("@context", "@type", "name", "url")


def render(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def structured(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    for key in REQUIRED:
        assert data.get(key), key
    assert data["@context"] == "https://schema.org"
    return data


def open_graph(soup: BeautifulSoup) -> dict[str, str]:
    return {
        meta["property"]: meta["content"]
        for meta in soup.find_all("meta", property=True)
        if meta["property"].startswith(("og:", "article:"))
    }


def test_project_page_is_a_project_with_its_owner(client, catalogue):
    soup = render(client, catalogue.seed.url)
    data = structured(soup)
    assert data["@type"] == "Project"
    assert data["name"] == "Værdiskabende gentagelser"
    assert data["url"] == (
        "http://testserver/udviklingsprojekter/vaerdiskabende-gentagelser/"
    )
    assert data["description"].startswith("Inspiration og erfaringer")
    assert data["parentOrganization"] == {"@type": "Organization", "name": "AlmenNet"}
    assert "Natur og biodiversitet" in data["keywords"]
    assert data["contactPoint"][0]["email"] == "nja@almennet.dk"
    og = open_graph(soup)
    assert og["og:title"] == "Værdiskabende gentagelser"
    assert og["og:type"] == "article"
    assert og["og:url"] == data["url"]
    assert og["og:site_name"] == "almenhub"
    assert og["og:locale"] == "da_DK"
    assert og["og:description"].startswith("Inspiration og erfaringer")


def test_contacts_without_consent_stay_out_of_the_markup(client, catalogue):
    soup = render(client, catalogue.secret_project.url)
    data = structured(soup)
    assert "contactPoint" not in data
    script = soup.find("script", type="application/ld+json").string
    assert SECRET_EMAIL not in script and SECRET_NAME not in script


def test_publication_page_is_a_report(client, catalogue):
    soup = render(client, catalogue.publication.url)
    data = structured(soup)
    assert data["@type"] == "Report"
    assert data["headline"] == catalogue.publication.title
    # The one publishing date of the page, in JSON-LD as in Open Graph; the
    # report's year is its copyright year.
    published = datetime.datetime.fromisoformat(data["datePublished"])
    og_published = open_graph(soup)["article:published_time"]
    assert published == datetime.datetime.fromisoformat(og_published)
    assert data["copyrightYear"] == 2023
    # Nobody named in the colophon: the project's owner wrote it.
    assert data["author"] == {"@type": "Organization", "name": "AlmenNet"}
    assert "image" not in data
    assert data["isPartOf"] == {"@type": "CreativeWorkSeries", "name": "AlmenRapport"}
    assert data["publisher"] == {"@type": "Organization", "name": "AlmenNet"}
    assert data["about"][0]["@type"] == "Project"
    assert data["about"][0]["parentOrganization"]["name"] == "AlmenNet"
    assert open_graph(soup)["og:type"] == "article"


def test_example_page_is_a_creative_work(client, catalogue):
    soup = render(client, catalogue.extra["example"].url)
    data = structured(soup)
    assert data["@type"] == "CreativeWork"
    assert data["creator"] == {"@type": "Organization", "name": "Boligselskabet Nord"}
    assert data["about"] == {"@type": "Thing", "name": "Græsslåning"}
    place = data["spatialCoverage"]
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 56.15674,
        "longitude": 10.21076,
    }
    assert place["address"]["addressLocality"] == "Aarhus"
    assert data["creativeWorkStatus"] == "Gennemført"


def test_meeting_page_is_an_event_with_place_and_offer(client, catalogue):
    meeting = catalogue.extra["meeting"]
    soup = render(client, meeting.url)
    data = structured(soup)
    assert data["@type"] == "Event"
    # The page gives Danish time: a meeting at 23:57 UTC on 31 December
    # starts in the next year.
    assert datetime.datetime.fromisoformat(data["startDate"]) == meeting.starts_at
    assert data["startDate"].startswith(
        f"{timezone.localtime(meeting.starts_at).year}-"
    )
    assert data["endDate"] > data["startDate"]
    assert data["location"] == {
        "@type": "Place",
        "name": "Godsbanen",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Skovgaardsgade 3",
            "postalCode": "8000",
            "addressLocality": "Aarhus",
            "addressCountry": "DK",
        },
    }
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "450.00"
    assert offer["priceCurrency"] == "DKK"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"].endswith("/erfa-biodiversitet/aarhus/tilmeld/")
    # On sale from the meeting's publication until the registration deadline.
    meeting.refresh_from_db()
    valid_from = datetime.datetime.fromisoformat(offer["validFrom"])
    assert valid_from == meeting.first_published_at
    assert valid_from < datetime.datetime.fromisoformat(offer["validThrough"])
    assert data["remainingAttendeeCapacity"] == 39
    assert data["superEvent"]["name"] == "ERFA: Biodiversitet i driften"
    script = soup.find("script", type="application/ld+json").string
    assert SECRET_EMAIL not in script


def test_a_report_names_its_preparer_and_shows_its_cover(client, catalogue):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    cover = get_image_model().objects.create(
        title="Forsiden af rapporten", file=get_test_image_file()
    )
    PublicationPage.objects.filter(pk=catalogue.publication.pk).update(
        prepared_by="Grøn Hverdag ApS", cover_image=cover
    )
    data = structured(render(client, catalogue.publication.url))
    assert data["author"] == {"@type": "Organization", "name": "Grøn Hverdag ApS"}
    image = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"].startswith("http://testserver/media/images/")
    assert image["width"] and image["height"]


def test_front_page_is_the_website(client, catalogue):
    soup = render(client, "/")
    data = structured(soup)
    assert data["@type"] == "WebSite"
    # A description for search engines, the same as the structured data's.
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta is not None and len(meta["content"]) > 50
    assert meta["content"] == data["description"]
    assert open_graph(soup)["og:description"] == data["description"]
    assert data["potentialAction"]["@type"] == "SearchAction"
    assert open_graph(soup)["og:type"] == "website"


def test_other_pages_and_listings_are_web_pages(client, catalogue):
    data = structured(render(client, catalogue.programme.url))
    assert data["@type"] == "WebPage"
    assert data["name"] == "Udviklingsprojekter"
    theme = render(client, "/tema/natur-og-biodiversitet/")
    data = structured(theme)
    assert data["@type"] == "WebPage" and data["name"] == "Natur og biodiversitet"
    assert (
        open_graph(theme)["og:url"] == "http://testserver/tema/natur-og-biodiversitet/"
    )
    assert structured(render(client, "/soeg/?q=eng"))["@type"] == "WebPage"


def test_markup_cannot_break_out_of_the_script(client, catalogue):
    page = hostile_project(catalogue.programme)
    soup = render(client, page.url)
    html = client.get(page.url).content.decode()
    script = soup.find("script", type="application/ld+json")
    # The title's own </script> never closes the element early ...
    assert "</script><script>alert" not in html
    assert "\\u003c/script\\u003e" in script.string
    # ... and JSON still reads it as written.
    data = json.loads(script.string)
    assert data["name"] == page.title
    assert data["description"] == " ".join(page.teaser.split())
    assert open_graph(soup)["og:title"] == page.title


def test_error_pages_describe_nothing(client, catalogue):
    response = client.get("/findes/ikke/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find_all("script", type="application/ld+json") == []
    assert soup.find("link", rel="alternate")["href"] == "/feeds/rss/"
