"""The public pages a visitor reaches from the home page all answer."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.projects.services import project_upsert
from almenhub.publications.models import PublicationPage
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(programme, seed_record):
    return project_upsert(programme=programme, record=seed_record, source_key="s").page


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_lists_newest_projects_and_themes(client, site):
    soup = soup_of(client.get("/"))
    assert soup.html["lang"] == "da"
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#indhold" and soup.find(id="indhold").name == "main"
    newest = [a.get_text(strip=True) for a in soup.select("#nyeste ~ .card-grid a")]
    assert newest == ["Værdiskabende gentagelser"]
    tree = soup.select_one(".theme-tree")
    assert tree.find("a", string="Natur og biodiversitet") is not None
    assert len(tree.select(":scope > li")) == 4


def test_theme_page_lists_its_projects(client, site):
    child = Theme.objects.get(name="Natur og biodiversitet")
    soup = soup_of(client.get(child.get_absolute_url()))
    assert soup.h1.get_text(strip=True) == "Natur og biodiversitet"
    assert [a["href"] for a in soup.select("#search-results a")] == [site.url]

    parent = child.parent
    soup = soup_of(client.get(parent.get_absolute_url()))
    assert [a["href"] for a in soup.select("#search-results a")] == [site.url]

    empty = Theme.objects.get(name="Nybyggeri")
    soup = soup_of(client.get(empty.get_absolute_url()))
    assert soup.select("#search-results a") == []
    assert "Ingen resultater" in soup.get_text()


def test_unknown_theme_is_404(client, db):
    assert client.get("/tema/findes-ikke/").status_code == 404


def test_programme_page_lists_its_projects(client, programme, site):
    soup = soup_of(client.get(programme.url))
    assert [a["href"] for a in soup.select("#search-results a")] == [site.url]


def test_publication_page_shows_colophon_and_project(client, site):
    publication = PublicationPage.objects.get()
    publication.prepared_by = "Rådgiverfirmaet Eksempel"
    publication.funders = "Landsbyggefonden"
    publication.save()
    soup = soup_of(client.get(publication.url))
    colophon = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in soup.select(".facts-list dt")
    }
    assert colophon["Serie"] == "AlmenRapport"
    assert colophon["Udgivelsesår"] == "2023"
    assert colophon["Udarbejdet af"] == "Rådgiverfirmaet Eksempel"
    assert colophon["Støttet af"] == "Landsbyggefonden"
    assert soup.find("a", href=site.url) is not None


def test_admin_login_page_answers(client, db):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert "login" in response.redirect_chain[-1][0]


def test_programme_page_meta_description_is_its_search_description(client, programme):
    """The promote tab's "metabeskrivelse" says it is what search engines
    show; the programme page uses it, as every other page type does, and
    falls back on the teaser."""
    programme.teaser = "Foreningens egne udviklingsprojekter."
    programme.save()
    soup = soup_of(client.get(programme.url))
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Foreningens egne udviklingsprojekter."
    )
    programme.search_description = "Alle udviklingsprojekter fra AlmenNet."
    programme.save()
    soup = soup_of(client.get(programme.url))
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Alle udviklingsprojekter fra AlmenNet."
    )


def test_theme_index_headings_and_counts_match_the_theme_pages(client, site):
    soup = soup_of(client.get("/tema/"))
    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3")]
    assert levels[0] == 1 and levels[1] == 2, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "antallet af sider" in soup.select_one(".theme-tree + p").get_text()
    checked = 0
    for link in soup.select(".theme-tree a"):
        shown = link.find_next_sibling("span", class_="count").get_text(strip=True)
        theme_page = soup_of(client.get(link["href"]))
        listed = len(theme_page.select("#search-results > li"))
        assert shown == f"({listed} side{'r' if listed != 1 else ''})", link["href"]
        checked += listed
    assert checked >= 3, "the seed project, its theme and its main theme at least"
