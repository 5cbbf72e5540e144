"""/publikationer/: filters by series and year, kept across pages, and a
breadcrumb, through the page a visitor opens."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.core.tests.markup import card_titles, filter_options
from almenhub.publications.models import PublicationSeries
from almenhub.publications.services import (
    publication_get_or_create,
    publication_index_get_or_create,
)

pytestmark = pytest.mark.django_db


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def index(home_page):
    index = publication_index_get_or_create()
    rapport, _ = PublicationSeries.objects.get_or_create(
        slug="almenrapport", defaults={"name": "AlmenRapport"}
    )
    guide, _ = PublicationSeries.objects.get_or_create(
        slug="vejledning-test", defaults={"name": "Vejledning (test)"}
    )
    for title, series, year in [
        ("Enge", rapport, 2024),
        ("Sne", rapport, 2023),
        ("Trapper", guide, 2024),
        ("Uden serie", None, 2022),
    ]:
        publication_get_or_create(title=title, series=series, year=year)
    return index


def test_series_and_year_filters_narrow_and_count(client, index):
    soup = page(client, index.url)
    assert soup.select_one("#resultater").get_text(strip=True) == "4 publikationer"
    series = filter_options(soup, "Serie")
    assert {k: v[0] for k, v in series.items()} == {
        "AlmenRapport": "(2)",
        "Vejledning (test)": "(1)",
    }
    years = filter_options(soup, "År")
    assert list(years) == ["2024", "2023", "2022"]  # newest first
    rapport = page(client, index.url + series["AlmenRapport"][1])
    assert card_titles(rapport) == ["Enge", "Sne"]
    years = filter_options(rapport, "År")
    assert {k: v[0] for k, v in years.items()} == {"2024": "(1)", "2023": "(1)"}
    both = page(client, index.url + years["2024"][1])
    assert card_titles(both) == ["Enge"]
    assert [a.get_text(" ", strip=True) for a in both.select(".active-filters a")] == [
        "Serie: AlmenRapport ×",
        "År: 2024 ×",
    ]


def test_bad_values_are_named_and_dropped(client, index):
    soup = page(client, index.url + "?serie=ingen&aar=%C2%B2")
    assert [p.get_text(strip=True) for p in soup.select(".notice")] == [
        "Ukendt serie “ingen” – ignoreret.",
        "Årstallet “²” er ugyldigt – ignoreret.",
    ]
    assert len(card_titles(soup)) == 4
    nothing = page(client, index.url + "?aar=1990")
    assert card_titles(nothing) == []
    assert "Ingen publikationer passer til de valgte filtre" in nothing.get_text()
    # The chosen year stays shown, so that it can be cleared.
    assert nothing.select_one(".active-filters a")["href"] == "?"


def test_pages_keep_the_filters_and_the_breadcrumb_leads_home(
    client, index, monkeypatch
):
    monkeypatch.setattr("almenhub.publications.views.PUBLICATIONS_PER_PAGE", 1)
    first = page(client, index.url + "?serie=almenrapport")
    crumbs = [a.get_text(strip=True) for a in first.select(".breadcrumbs li")]
    assert crumbs == ["Forside", index.title]
    assert first.select_one(".breadcrumbs a")["href"] == "/"
    next_link = first.select_one('a[rel="next"]')["href"]
    second = page(client, index.url + next_link)
    assert card_titles(second) == ["Sne"]
    assert "Side 2 af 2" in second.select_one(".pagination").get_text()
