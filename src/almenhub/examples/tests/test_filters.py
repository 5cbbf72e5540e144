"""The filters of /eksempler/ (theme, operations task, bottom line,
status), through the page a visitor opens."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.core.tests.markup import card_titles, filter_options
from almenhub.examples.factories import example_create

pytestmark = pytest.mark.django_db


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def three(example_index, organisation):
    example_create(
        example_index,
        title="Eng i stedet for plæne",
        organisation=organisation,
        task_slug="graesslaaning",
        themes=("Natur og biodiversitet",),
        values=[("plaene-til-eng", 4200, 2023)],
        status="implemented",
    )
    example_create(
        example_index,
        title="Sne med beboerne",
        organisation=organisation,
        task_slug="snerydning",
        themes=("Natur og biodiversitet",),
        values=[("tilfredshed-udearealer", 72, 2024)],
    )
    example_create(
        example_index,
        title="Trapper uden kemi",
        organisation=organisation,
        task_slug="trappevask",
        themes=("Drift og vedligehold",),
    )
    return example_index


def test_each_filter_narrows_the_list_and_counts_what_it_would_show(client, three):
    url = three.url
    everything = page(client, url)
    assert len(card_titles(everything)) == 3
    assert everything.select_one("#resultater").get_text(strip=True) == "3 eksempler"
    tasks = filter_options(everything, "Driftsopgave")
    assert tasks["Græsslåning"][0] == "(1)"
    assert "Løvopsamling" not in tasks  # no example changed it: not offered

    themes = filter_options(everything, "Tema")
    assert themes["Natur og biodiversitet"][0] == "(2)"
    # The main theme counts its sub-themes' examples.
    assert themes["Energi, klima og miljø"][0] == "(2)"

    narrowed = page(client, url + themes["Energi, klima og miljø"][1])
    assert card_titles(narrowed) == ["Eng i stedet for plæne", "Sne med beboerne"]
    # Other filters count within the chosen theme, and keep it in their links.
    tasks = filter_options(narrowed, "Driftsopgave")
    assert "Trappevask" not in tasks
    both = page(client, url + tasks["Snerydning og glatførebekæmpelse"][1])
    assert card_titles(both) == ["Sne med beboerne"]
    chosen = [a.get_text(" ", strip=True) for a in both.select(".active-filters a")]
    assert chosen == [
        "Tema: Energi, klima og miljø ×",
        "Driftsopgave: Snerydning og glatførebekæmpelse ×",
    ]
    # The chosen option's link clears it and keeps the other.
    cleared = page(client, url + both.select(".active-filters a")[1]["href"])
    assert len(card_titles(cleared)) == 2


def test_bottom_line_filter_finds_examples_with_values_on_it(client, three):
    soup = page(client, three.url)
    lines = filter_options(soup, "Værdi på bundlinjen")
    assert lines["Social"][0] == "(1)"
    assert lines["Klima og miljø (inkl. biodiversitet)"][0] == "(1)"
    assert "Økonomi" not in lines
    assert card_titles(page(client, three.url + "?bundlinje=social")) == [
        "Sne med beboerne"
    ]
    assert card_titles(page(client, three.url + "?status=implemented")) == [
        "Eng i stedet for plæne"
    ]


def test_unknown_values_are_named_and_dropped(client, three):
    soup = page(client, three.url + "?opgave=ingen&tema=%3Cb%3E&bundlinje=x&status=1")
    notices = [p.get_text(strip=True) for p in soup.select(".notice")]
    assert notices == [
        "Ukendt tema “<b>” – ignoreret.",
        "Ukendt driftsopgave “ingen” – ignoreret.",
        "Ukendt bundlinje “x” – ignoreret.",
        "Ukendt status “1” – ignoreret.",
    ]
    assert len(card_titles(soup)) == 3


def test_pages_keep_the_filters(client, example_index, organisation, monkeypatch):
    monkeypatch.setattr("almenhub.examples.views.EXAMPLES_PER_PAGE", 2)
    for n in range(3):
        example_create(
            example_index,
            title=f"Snerydning {n}",
            organisation=organisation,
            task_slug="snerydning",
        )
    example_create(
        example_index,
        title="Trapper",
        organisation=organisation,
        task_slug="trappevask",
    )
    first = page(client, example_index.url + "?opgave=snerydning")
    next_link = first.select_one('a[rel="next"]')["href"]
    assert "opgave=snerydning" in next_link and "side=2" in next_link
    second = page(client, example_index.url + next_link)
    assert len(card_titles(second)) == 1
    assert card_titles(second)[0].startswith("Snerydning")
    # Choosing a filter starts again at page 1.
    for link in second.select(".facet a"):
        assert "side=" not in link["href"]


def test_the_map_offers_the_lists_filters(client, three):
    for page_ in three.get_children().specific():
        page_.latitude, page_.longitude = "55.37", "10.43"
        page_.municipality = "Odense"
        page_.save()
    everything = page(client, three.url + "kort/")
    assert everything.select_one(".dk-map__points a")["aria-label"] == (
        "3 eksempler i Odense"
    )
    tasks = filter_options(everything, "Driftsopgave")
    assert tasks["Trappevask"][0] == "(1)"
    narrowed = page(client, three.url + "kort/" + tasks["Trappevask"][1])
    links = narrowed.select(".dk-map__points a")
    assert [a["aria-label"] for a in links] == ["Trapper uden kemi (Odense)"]
    assert [
        a.get_text(" ", strip=True) for a in narrowed.select(".active-filters a")
    ] == ["Driftsopgave: Trappevask ×"]
    # The map and the list link to each other with the same filters.
    to_list = narrowed.find("a", string="Se de samme eksempler som liste")["href"]
    assert to_list == three.url + "?opgave=trappevask"
    listed = page(client, to_list)
    assert card_titles(listed) == ["Trapper uden kemi"]
    to_map = listed.find("a", string="Se eksemplerne på et kort")["href"]
    assert to_map == three.url + "kort/?opgave=trappevask"
