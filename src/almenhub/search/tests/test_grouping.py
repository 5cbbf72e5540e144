"""A publication that belongs to a project is shown under the project's hit
when both match, alone when it matches alone, and on its own when the search
is filtered to publications; on every engine, through the search page."""

from __future__ import annotations

import pytest

from almenhub.publications.services import publication_get_or_create
from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_with_report(programme, engine_name):
    project = add_page(
        programme,
        {
            "title": "Vild eng i gården",
            "teaser": "Plænen blev til en vild eng med flere arter.",
            "body": "Afdelingen slår nu kun engen to gange om året.",
        },
        "grouping-project",
    )
    report, _ = publication_get_or_create(
        title="Håndbog om vild eng",
        year=2024,
        teaser="Sådan bliver en plæne til en vild eng.",
    )
    report.projects.set([project])
    report.save()
    add_page(programme, {"title": "Vild eng ved skolen"}, "grouping-other")
    search_rebuild(engine_name=engine_name)
    return project, report


def shown(client, **params) -> list[tuple[str, list[str]]]:
    answer = client.get("/soeg/", params)
    assert answer.status_code == 200
    return [
        (hit.document.title, [part.document.title for part in hit.grouped])
        for hit in answer.context["results"].hits
    ]


def test_a_publication_is_shown_under_its_projects_hit(client, project_with_report):
    hits = shown(client, q="vild eng")
    assert ("Vild eng i gården", ["Håndbog om vild eng"]) in hits
    assert "Håndbog om vild eng" not in [title for title, _ in hits]
    assert sorted(title for title, _ in hits) == [
        "Vild eng i gården",
        "Vild eng ved skolen",
    ]
    project, report = project_with_report
    page = client.get("/soeg/", {"q": "vild eng"}).content.decode()
    project_item = page[page.index(f'href="{project.url}"') :]
    nested = project_item[: project_item.index("</ul>")]
    assert 'class="hit__grouped" aria-label="Hører til Vild eng i gården"' in nested
    assert f'href="{report.url}"' in nested


def test_a_publication_that_matches_alone_is_shown_alone(client, project_with_report):
    assert shown(client, q="håndbog") == [("Håndbog om vild eng", [])]


def test_filtered_to_publications_it_stands_on_its_own(client, project_with_report):
    assert shown(client, q="vild eng", type="publikation") == [
        ("Håndbog om vild eng", [])
    ]
