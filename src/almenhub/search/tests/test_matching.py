"""Each kind of matching the issue names, on every available engine."""

from __future__ import annotations

import pytest

from almenhub.search.selectors import search

pytestmark = pytest.mark.django_db


def titles(query: str, **kwargs) -> list[str]:
    return [hit.document.title for hit in search(query, **kwargs).hits]


@pytest.mark.parametrize(
    "query",
    ["biodiversitet", "biodiversiteten", "Biodiversitetens", "BIODIVERSITET"],
)
def test_inflections_meet(indexed, query):
    assert titles(query)[0] == "Vild eng i stedet for græsslåning"


def test_genitive_plural_finds_the_base_form(indexed):
    assert titles("boligorganisationernes")[0] == "Boligorganisationens økonomistyring"


@pytest.mark.parametrize("query", ["grønne områder", "grønneområder", "grønt område"])
def test_compounds_written_apart_or_together(indexed, query):
    assert "Grønneområder i byen" in titles(query)


@pytest.mark.parametrize(
    "query", ["snerydning", "snerydnng", "snerydniing", "snerdyning"]
)
def test_one_typo_in_a_long_word(indexed, query):
    assert titles(query)[0] == "Elektrisk snerydning"


def test_no_typo_tolerance_below_five_letters(indexed):
    result = search("vsk")
    assert result.total == 0


@pytest.mark.parametrize("query", ["graesslaaning", "græsslåning", "GRÆSSLÅNING"])
def test_folded_spellings(indexed, query):
    assert titles(query)[0] == "Vild eng i stedet for græsslåning"


def test_phrase_in_quotes_needs_the_words_together(indexed):
    assert titles('"elektriske maskiner"') == ["Elektrisk snerydning"]
    assert titles('"maskiner elektriske"') == []


def test_person_and_organisation_names(indexed):
    assert titles("Søren Kierkegaard Hansen") == ["Vild eng i stedet for græsslåning"]
    # The organisation itself, then the project it owns.
    assert titles("solstrand")[:2] == [
        "Solstrand Boligforening",
        "Vild eng i stedet for græsslåning",
    ]


def test_all_words_must_match(indexed):
    assert titles("snerydning trappevask") == []


def test_snippet_marks_why_it_matched(indexed):
    hit = search("biodiversiteten").hits[0]
    assert "<mark>" in hit.snippet
    assert (
        "<mark>Biodiversiteten</mark>" in hit.snippet
        or "<mark>biodiversitet" in hit.snippet
    )


def test_facets_count_and_filter(indexed):
    result = search("")
    kinds = {
        o.value: o.count for f in result.facets if f.param == "type" for o in f.options
    }
    assert kinds["projekt"] == 5
    statuses = {
        o.value: o.count
        for f in result.facets
        if f.param == "status"
        for o in f.options
    }
    assert statuses == {"planned": 1, "ongoing": 1, "finished": 3}

    from almenhub.search.engines.base import SearchFilters

    filtered = search("", SearchFilters(status="finished", year=2023))
    assert [h.document.title for h in filtered.hits] == ["Elektrisk snerydning"]
    themed = search("", SearchFilters(theme="energi-klima-og-miljoe"))
    assert themed.total == 3
    theme_counts = {
        o.value: o.count for f in themed.facets if f.param == "tema" for o in f.options
    }
    assert theme_counts["energi-klima-og-miljoe"] == 3
    assert theme_counts["natur-og-biodiversitet"] == 1


def test_sort_newest_and_pagination(indexed, engine_name):
    import datetime

    from almenhub.search.services import search_rebuild

    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    for n, page in enumerate(indexed):
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=start + datetime.timedelta(days=n)
        )
    search_rebuild(engine_name=engine_name)
    from almenhub.search.engines.base import SearchFilters

    projects = SearchFilters(kind="project")
    newest = search("", projects, sort="newest", per_page=2)
    assert newest.total == 5 and newest.num_pages == 3
    assert [h.document.title for h in newest.hits] == [
        "Grønneområder i byen",
        "Elektrisk snerydning",
    ]
    third = search("", projects, sort="newest", per_page=2, page=3)
    assert [h.document.title for h in third.hits] == [
        "Vild eng i stedet for græsslåning"
    ]


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("", {}),
        ("", {"status": "finished"}),
        ("", {"theme": "energi-klima-og-miljoe"}),
        ("græsslåning", {}),
        ("drift", {"kind": "project"}),
        ("biodiversitet", {"year": 2024}),
        ("ingenting-her", {}),
    ],
)
def test_facet_counts_equal_a_count_of_the_matching_rows(
    indexed, engine_name, query, filters
):
    """Every facet count and the total agree with counting the search
    table's rows of the documents that matched, on every engine."""
    from collections import Counter

    from almenhub.search.analysis import parse_query
    from almenhub.search.engines import get_engine
    from almenhub.search.engines.base import FACET_FIELDS, SearchFilters
    from almenhub.search.models import SearchDocument
    from almenhub.search.planner import plan_query

    parsed = parse_query(query)
    plan = plan_query(parsed) if not parsed.is_empty else None
    found = get_engine(engine_name).search(plan, SearchFilters(**filters), limit=500)
    assert found.total == len(found.keys)
    expected: dict[str, Counter] = {name: Counter() for name in FACET_FIELDS}
    for row in SearchDocument.objects.filter(key__in=found.keys):
        for name in FACET_FIELDS:
            values = row.themes if name == "themes" else [getattr(row, name)]
            expected[name].update(str(v) for v in values if v not in ("", None))
    assert bool(found.keys) == (query != "ingenting-her")
    for name in FACET_FIELDS:
        assert found.facets.get(name, {}) == dict(expected[name]), name
