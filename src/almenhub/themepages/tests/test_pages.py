"""A theme page as a visitor reads it: the editor's choice first, then the
theme's newest pages of each section's kind; nested sub-pages."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from almenhub.contentpages.factories import content_page_create
from almenhub.contentpages.models import ContentKind
from almenhub.projects.factories import project_create
from almenhub.projects.models import DeliverableKind, ProjectDeliverable
from almenhub.publications.models import PublicationIndexPage, PublicationPage
from almenhub.taxonomy.models import Theme
from almenhub.themepages.factories import section, theme_hub_create

pytestmark = pytest.mark.django_db


def _project(programme, title: str, theme: Theme, *, live: bool = True):
    return project_create(
        programme=programme,
        title=title,
        slug=title.lower().replace(" ", "-"),
        themes=[theme],
        live=live,
    )


def _section_titles(html: str, heading: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    h2 = soup.find("h2", string=heading)
    assert h2 is not None, f"no section “{heading}”"
    return [a.get_text() for a in h2.find_parent("section").select("h3 a")]


@pytest.fixture
def nature() -> Theme:
    return Theme.objects.get(slug="natur-og-biodiversitet")


@pytest.fixture
def energy() -> Theme:
    # The parent theme of nature's siblings: a hub on a parent theme takes its
    # children along.
    return Theme.objects.get(slug="natur-og-biodiversitet").parent


def test_sections_show_the_chosen_pages_then_the_themes_newest(
    client, programme, nature
):
    other = Theme.objects.exclude(pk=nature.pk).filter(parent__isnull=False).first()
    old = _project(programme, "Gammelt engprojekt", nature)
    new = _project(programme, "Nyt engprojekt", nature)
    _project(programme, "Kladde om eng", nature, live=False)
    _project(programme, "Andet tema", other)
    chosen = _project(programme, "Valgt af redaktøren", other)
    hub = theme_hub_create(
        title="Biodiversitet",
        teaser="Alt om natur i boligområderne.",
        themes=[nature],
        sections=[section("Projekter", "projects", pages=[chosen], limit=3)],
    )
    html = client.get(hub.url).content.decode()
    assert html.count("<h1") == 1 and "<h1>Biodiversitet</h1>" in html
    assert _section_titles(html, "Projekter") == [chosen.title, new.title, old.title]


def test_limit_caps_the_filling_and_fill_can_be_off(client, programme, nature):
    for n in range(4):
        _project(programme, f"Projekt {n}", nature)
    hub = theme_hub_create(
        title="Tema",
        themes=[nature],
        sections=[
            section("Nyeste", "projects", limit=2),
            section("Kun valgte", "projects", fill=False),
        ],
    )
    html = client.get(hub.url).content.decode()
    assert _section_titles(html, "Nyeste") == ["Projekt 3", "Projekt 2"]
    assert _section_titles(html, "Kun valgte") == []
    assert "Der er endnu intet her." in html


def test_parent_theme_takes_its_children_and_publications_come_through_projects(
    client, home_page, programme, nature, energy
):
    project = _project(programme, "Engprojekt", nature)
    index = PublicationIndexPage(title="Publikationer", slug="publikationer")
    home_page.add_child(instance=index)
    report = PublicationPage(title="Håndbog om enge", slug="haandbog", year=2024)
    index.add_child(instance=report)
    report.projects.set([project])
    report.save_revision().publish()
    hub = theme_hub_create(
        title="Klima",
        themes=[energy],
        sections=[
            section("Projekter", "projects"),
            section("Viden", "publications"),
        ],
    )
    html = client.get(hub.url).content.decode()
    assert _section_titles(html, "Projekter") == ["Engprojekt"]
    assert _section_titles(html, "Viden") == ["Håndbog om enge"]


def test_tools_are_tool_pages_and_the_projects_tool_deliverables(
    client, programme, nature
):
    project = _project(programme, "Engprojekt", nature)
    ProjectDeliverable.objects.create(
        page=project,
        title="Slåplan-skabelon",
        kind=DeliverableKind.TOOL,
        url="https://example.dk/slaaplan.xlsx",
    )
    ProjectDeliverable.objects.create(
        page=project,
        title="Slutrapport",
        kind=DeliverableKind.REPORT,
        url="https://example.dk/r.pdf",
    )
    content_page_create(
        title="Værktøj til artstælling", kind=ContentKind.TOOL, themes=[nature]
    )
    content_page_create(title="Om foreningen", kind=ContentKind.ABOUT, themes=[nature])
    hub = theme_hub_create(
        title="Natur", themes=[nature], sections=[section("Værktøjer", "tools")]
    )
    html = client.get(hub.url).content.decode()
    assert _section_titles(html, "Værktøjer") == [
        "Værktøj til artstælling",
        "Slåplan-skabelon",
    ]
    assert 'href="https://example.dk/slaaplan.xlsx"' in html


def test_nested_sub_pages_have_breadcrumbs_through_their_ancestors(client, nature):
    hub = theme_hub_create(title="Biodiversitet", themes=[nature])
    sub = theme_hub_create(title="Græsarealer", parent=hub)
    leaf = content_page_create(title="Slåning i praksis", parent=sub)
    assert leaf.url == "/temasider/biodiversitet/graesarealer/slaaning-i-praksis/"
    soup = BeautifulSoup(client.get(leaf.url).content, "html.parser")
    crumbs = [li.get_text(strip=True) for li in soup.select("nav.breadcrumbs li")]
    assert crumbs == [
        "Forside",
        "Temasider",
        "Biodiversitet",
        "Græsarealer",
        "Slåning i praksis",
    ]
    hub_html = client.get(hub.url).content.decode()
    assert 'href="/temasider/biodiversitet/graesarealer/"' in hub_html
    index_html = client.get("/temasider/").content.decode()
    assert 'href="/temasider/biodiversitet/"' in index_html


def test_api_and_structured_data_show_the_sections_as_the_page_does(
    client, programme, nature, settings
):
    settings.OPENDATA_RATE_LIMIT = 100_000
    project = _project(programme, "Engprojekt", nature)
    hub = theme_hub_create(
        title="Biodiversitet",
        teaser="Natur i boligområderne.",
        themes=[nature],
        sections=[section("Projekter", "projects")],
    )
    sub = theme_hub_create(title="Græsarealer", parent=hub)
    listing = client.get("/api/v1/theme-pages/").json()
    rows = {row["title"]: row for row in listing["results"]}
    assert rows["Græsarealer"]["parent"]["id"] == hub.pk
    assert rows["Biodiversitet"]["parent"] is None
    assert rows["Biodiversitet"]["themes"][0]["slug"] == nature.slug
    detail = client.get(f"/api/v1/theme-pages/{hub.pk}/").json()
    assert detail["sections"] == [
        {
            "heading": "Projekter",
            "kind": "projects",
            "items": [
                {
                    "title": "Engprojekt",
                    "url": f"http://testserver{project.url}",
                    "label": "Projekt",
                    "teaser": "",
                    "page_id": project.pk,
                }
            ],
        }
    ]
    assert [p["id"] for p in detail["subpages"]] == [sub.pk]
    assert client.get("/api/v1/theme-pages/", {"theme": "nej"}).status_code == 400

    soup = BeautifulSoup(client.get(hub.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "CollectionPage"
    assert data["description"] == "Natur i boligområderne."
    assert data["keywords"] == [nature.name]
