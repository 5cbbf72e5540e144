"""The example page, the list and the map, as a visitor sees them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.core.tests.markup import page_scripts
from almenhub.examples.factories import example_create
from almenhub.examples.models import ExampleBuildingBlock, ExampleContact, ExamplePage
from almenhub.examples.text import text_to_richtext
from almenhub.people.models import Person

pytestmark = pytest.mark.django_db


def render(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


@pytest.fixture
def meadow(example_index, organisation, other_organisation):
    public = Person.objects.create(
        name="Mette Lindberg",
        job_title="Driftsleder",
        email="mli@example.dk",
        phone="61234501",
        show_contact_details=True,
    )
    private = Person.objects.create(
        name="Hans Hemmelig",
        email="hans@example.dk",
        phone="61234599",
        show_contact_details=False,
    )
    page = example_create(
        example_index,
        title="Fra plæne til eng",
        organisation=organisation,
        department=organisation.departments.get(),
        municipality="Odense",
        latitude="55.37180",
        longitude="10.43010",
        teaser="Plænen blev til eng.",
        what_was_done=text_to_richtext("Vi holdt op med at slå.\n\nOg såede frø."),
        results=text_to_richtext("38 plantearter."),
        lessons=text_to_richtext("Fortæl beboerne det i god tid."),
        status="implemented",
        values=[
            ("plaene-til-eng", 4200, 2023),
            ("tilfredshed-udearealer", 72, 2024),
            ("plaene-til-eng", 6000, 2026, "target"),
        ],
    )
    page.building_blocks = [
        ExampleBuildingBlock(title="Slåplan", description="To slæt om året.")
    ]
    page.contacts = [ExampleContact(person=public), ExampleContact(person=private)]
    page.save_revision().publish()
    # Another grass-cutting example, so the sector median has company.
    example_create(
        example_index,
        title="Naboens eng",
        organisation=other_organisation,
        values=[("plaene-til-eng", 1800, 2023)],
    )
    return ExamplePage.objects.get(pk=page.pk)


def test_example_page_shows_every_field(client, meadow):
    soup = render(client, meadow.url)
    assert soup.h1.get_text(strip=True) == "Fra plæne til eng"
    assert text_of(soup.select_one(".lead")) == "Plænen blev til eng."
    facts = {
        text_of(div.dt): text_of(div.dd)
        for div in soup.select(".project-facts .facts-list > div")
    }
    assert facts["Status"] == "Gennemført"
    assert facts["Driftsopgave"] == "Græsslåning"
    assert facts["Boligorganisation"] == "Boligselskabet Test"
    assert facts["Afdeling"] == "Engen"
    assert facts["Kommune"] == "Odense"
    assert facts["Placering"] == "Se på kortet"
    theme_links = [a.get_text(strip=True) for a in soup.select(".theme-list a")]
    assert "Natur og biodiversitet" in theme_links
    body = text_of(soup.find("main"))
    for expected in (
        "Vi holdt op med at slå.",
        "Og såede frø.",
        "38 plantearter.",
        "Fortæl beboerne det i god tid.",
        "Slåplan",
        "To slæt om året.",
    ):
        assert expected in body


def test_contact_details_only_when_agreed(client, meadow):
    soup = render(client, meadow.url)
    cards = soup.select(".contact-card")
    assert [c.select_one(".contact-card__name").text for c in cards] == [
        "Mette Lindberg",
        "Hans Hemmelig",
    ]
    html = str(soup)
    assert "mailto:mli@example.dk" in html
    assert "61\u00a023\u00a045\u00a001" in html
    assert "hans@example.dk" not in html
    assert "61234599" not in html


def test_values_beside_the_sector_median(client, meadow):
    soup = render(client, meadow.url)
    table = soup.select_one("table.example-values")
    headers = [text_of(th) for th in table.thead.find_all("th")]
    assert headers == [
        "Indikator",
        "Værdi",
        "Enhed",
        "Periode",
        "Metode",
        "Sektorens median (samme opgave)",
    ]
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows[0] == [
        "Græsplæne omlagt til vild eng",
        "4.200",
        "m²",
        "2023",
        "Målt",
        # median of 4.200 and 1.800
        "3.000 2 eksempler",
    ]
    # Only this example has a satisfaction figure: nothing to compare with.
    assert rows[1][-1] == "For få eksempler"
    assert rows[2][4] == "Mål"


def test_index_lists_live_examples_only(client, meadow, example_index, organisation):
    example_create(
        example_index, title="Hemmelig kladde", organisation=organisation, live=False
    )
    soup = render(client, example_index.url)
    titles = [a.get_text(strip=True) for a in soup.select(".card__title a")]
    assert "Fra plæne til eng" in titles
    assert "Hemmelig kladde" not in titles
    assert soup.find("a", href="/eksempler/kort/")


def test_index_is_in_the_main_menu(client, meadow, example_index):
    soup = render(client, "/vaerdi/")
    nav = [a.get_text(strip=True) for a in soup.select(".site-nav a")]
    assert example_index.title in nav


def test_map_works_without_javascript_or_tiles(client, meadow):
    soup = render(client, "/eksempler/kort/")
    assert page_scripts(soup) == []
    html = str(soup.find("main"))
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    svg = soup.select_one("svg.dk-map")
    assert svg.find("title").get_text(strip=True)
    assert svg.find("desc").get_text(strip=True)
    outline = {p.find("title").get_text() for p in svg.find_all("path")}
    assert {"Jylland", "Fyn", "Sjælland", "Bornholm"} <= outline
    links = {a["href"]: a["aria-label"] for a in svg.select("g.dk-map__points a")}
    assert links[meadow.url] == "Fra plæne til eng (Odense)"
    # The same examples as a list below the map, for keyboards and screen readers.
    listed = [a["href"] for a in soup.select(".map-list a")]
    assert meadow.url in listed
    assert "forenklet" in text_of(soup.select_one(".map-figure figcaption"))


def test_map_leaves_out_examples_without_a_place(
    client, meadow, example_index, organisation
):
    example_create(example_index, title="Uden sted", organisation=organisation)
    soup = render(client, "/eksempler/kort/")
    assert "Uden sted" not in soup.get_text()


def test_preview_of_a_draft_shows_its_values(meadow):
    draft = meadow.get_latest_revision_as_object()
    draft.values = list(draft.values.all())[:1]
    from almenhub.indicators.selectors import example_values_with_sector

    assert len(example_values_with_sector(draft)) == 1
