"""The editors' glossary (Ordliste): a search for an abbreviation finds the
pages that spell it out and the other way round, applied the same way by
every engine, and kept in the admin with clear errors."""

from __future__ import annotations

import pytest

from almenhub.search.models import SynonymGroup
from almenhub.search.selectors import search
from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import add_page

pytestmark = pytest.mark.django_db

PAGES = [
    {
        "title": "Regnbede i gården",
        "teaser": "Lokal afledning af regnvand i en almen afdeling.",
    },
    {"title": "LAR på parkeringspladsen", "teaser": "Faskiner under asfalten."},
    {"title": "Skybrudssikring", "teaser": "Et skybrud fylder ikke kældrene mere."},
    {"title": "Nye trapper i opgangene", "teaser": "Vask af regnvandsskader."},
]


@pytest.fixture
def glossary_pages(programme, engine_name):
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(expressions="LAR\nlokal afledning af regnvand")
    SynonymGroup.objects.create(expressions="skybrud\nklimatilpasning")
    for n, spec in enumerate(PAGES):
        add_page(programme, spec, f"synonym-{n}")
    search_rebuild(engine_name=engine_name)


def titles(query: str) -> list[str]:
    return sorted(hit.document.title for hit in search(query).hits)


def test_an_abbreviation_finds_what_spells_it_out_and_back(glossary_pages):
    both = ["LAR på parkeringspladsen", "Regnbede i gården"]
    assert titles("LAR") == both
    assert titles("lokal afledning af regnvand") == both
    assert titles("lar faskiner") == ["LAR på parkeringspladsen"]


def test_a_synonym_ranks_below_the_word_typed(glossary_pages):
    hits = [hit.document.title for hit in search("LAR").hits]
    assert hits == ["LAR på parkeringspladsen", "Regnbede i gården"]
    assert "regnvand" in search("LAR").hits[1].snippet  # the synonym is marked


def test_an_editors_change_applies_at_once(glossary_pages):
    assert titles("klimatilpasning") == ["Skybrudssikring"]
    SynonymGroup.objects.filter(expressions__startswith="skybrud").delete()
    assert titles("klimatilpasning") == []


def test_the_glossary_is_kept_in_the_admin_with_clear_errors(admin_client):
    SynonymGroup.objects.all().delete()
    url = "/admin/snippets/sitesearch/synonymgroup/add/"
    answer = admin_client.post(url, {"expressions": "LAR", "note": ""})
    assert answer.status_code == 200
    assert "Skriv mindst to forskellige ord eller udtryk" in answer.content.decode()
    answer = admin_client.post(url, {"expressions": "LAR\n---", "note": ""})
    assert "indeholder ingen ord at søge på" in answer.content.decode()
    answer = admin_client.post(
        url, {"expressions": "ERFA\nerfaringsudveksling", "note": "Forkortelse"}
    )
    assert answer.status_code == 302
    group = SynonymGroup.objects.get()
    assert group.expression_list() == ["ERFA", "erfaringsudveksling"]
    listing = admin_client.get("/admin/snippets/sitesearch/synonymgroup/")
    assert "ERFA = erfaringsudveksling" in listing.content.decode()
