"""Related projects, when the editor chose none: those filed under the same
themes first, then the closest text; the same on every engine, on the
project's page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import add_page

pytestmark = pytest.mark.django_db

NATURE = [("Energi, klima og miljø", "Natur og biodiversitet")]


@pytest.fixture
def projects(programme, engine_name):
    pages = {
        name: add_page(programme, spec, f"related-{name}")
        for name, spec in {
            "new": {
                "title": "Mere natur på afdelingens arealer",
                "teaser": "Driften af afdelingens arealer lægges om.",
                "themes": NATURE,
            },
            "meadow": {
                "title": "Blomstereng ved blokkene",
                "teaser": "Plænen blev til eng med flere arter.",
                "themes": NATURE,
            },
            "insects": {
                "title": "Insekthoteller og vilde hjørner",
                "teaser": "Levesteder for bier og sommerfugle.",
                "themes": NATURE,
            },
            "digital": {
                "title": "Digitale planer for afdelingens arealer",
                "teaser": "Driften af afdelingens arealer planlægges på tablet.",
                "themes": [("Drift og administration", "Digitalisering")],
            },
            "energy": {
                "title": "Solceller på taget",
                "teaser": "Strøm til fællesvaskeriet.",
                "themes": [("Energi, klima og miljø", "Energi og ressourcer")],
            },
        }.items()
    }
    search_rebuild(engine_name=engine_name)
    return pages


def test_projects_on_the_same_themes_come_before_those_with_like_words(
    client, projects
):
    html = client.get(projects["new"].url).content.decode()
    related = [
        a["href"] for a in BeautifulSoup(html, "html.parser").select(".related a")
    ]
    assert set(related[:2]) == {projects["meadow"].url, projects["insects"].url}
    # Like words without a shared theme after them; a main theme alone, with
    # nothing else in common, is not enough.
    assert related[2:] == [projects["digital"].url]
