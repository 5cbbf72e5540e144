"""The search page, listings, autocomplete and hostile input."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.projects.factories import project_create
from almenhub.search.analysis import parse_query
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import EngineQuery, SearchFilters
from almenhub.search.memo import memos_clear
from almenhub.search.models import SearchDocument
from almenhub.search.planner import Alternative, TermGroup, plan_query
from almenhub.search.selectors import SHOWN_FIELDS, search
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def ranking(response) -> list[str]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.find("a")["href"] for li in soup.select("ol#search-results > li")]


def test_search_page_lists_hits_in_rank_order(client, indexed):
    pages = {p.title: p for p in indexed}
    hrefs = ranking(client.get("/soeg/", {"q": "snerydning"}))
    assert hrefs == [pages["Elektrisk snerydning"].url]


def test_facet_links_keep_the_query_and_filter(client, indexed):
    response = client.get("/soeg/", {"q": "", "status": "finished"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("ol#search-results > li")) == 3
    selected = soup.select_one('.facet a[aria-current="true"]')
    assert selected.get_text(strip=True) == "Afsluttet"
    year_link = next(
        a for a in soup.select(".facet a") if a.get_text(strip=True) == "2023"
    )
    assert "status=finished" in year_link["href"] and "aar=2023" in year_link["href"]
    assert len(ranking(client.get("/soeg/" + year_link["href"]))) == 1


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"q": "x" * 10_000}, ["forkortet"]),
        ({"q": '" * : ( ) AND OR NOT -'}, []),
        ({"q": "græs\x00\x07\x1b[31mslåning"}, []),
        ({"q": "((("}, []),
        (
            {"q": "snerydning", "tema": "findes-ikke", "status": "måske", "aar": "abc"},
            ["Ukendt tema", "Ukendt status", "Årstallet “abc”"],
        ),
        (
            {"q": "snerydning", "ejer": "1; DROP TABLE", "program": "x", "side": "-4"},
            ["“ejer”", "“program”", "Sidetallet “-4”"],
        ),
        ({"type": "ukendt", "side": "99999999999"}, ["Ukendt indholdstype"]),
    ],
)
def test_hostile_input_never_breaks_the_page(client, indexed, params, named):
    """The page answers with its results (or says there are none) and names
    each parameter it had to ignore."""
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.select_one("h2#resultater").get_text(strip=True)
    hits = soup.select("ol#search-results > li")
    if hits:
        assert heading.split()[0].isdigit() and int(heading.split()[0]) >= len(hits)
    else:
        assert heading == "Ingen resultater"
    notices = " ".join(p.get_text() for p in soup.select("p.notice"))
    for word in named:
        assert word in notices
    if params.get("q") == "snerydning":
        assert len(hits) == 1  # the bad filters were dropped, not the search


def test_unknown_facet_values_are_named(client, indexed):
    response = client.get("/soeg/", {"q": "snerydning", "tema": "findes-ikke"})
    html = response.content.decode()
    assert "Ukendt tema “findes-ikke”" in html
    assert len(ranking(response)) == 1


def test_long_query_is_capped_with_a_message(client, indexed):
    html = client.get("/soeg/", {"q": "snerydning " + "a" * 5000}).content.decode()
    assert "forkortet" in html


def test_autocomplete_suggests_titles_themes_and_organisations(client, indexed):
    data = client.get("/soeg/forslag/", {"q": "elek"}).json()
    assert data["suggestions"][0]["label"] == "Elektrisk snerydning"
    themes = client.get("/soeg/forslag/", {"q": "natur"}).json()["suggestions"]
    assert {"label": "Natur og biodiversitet", "kind": "Tema"}.items() <= themes[
        0
    ].items()
    orgs = client.get("/soeg/forslag/", {"q": "solstr"}).json()["suggestions"]
    assert any(s["kind"] == "Organisation" for s in orgs)
    assert client.get("/soeg/forslag/", {"q": "x"}).json()["suggestions"] == []


def test_all_projects_listing_uses_facets(client, indexed):
    response = client.get("/soeg/projekter/", {"status": "planned"})
    assert len(ranking(response)) == 1


@pytest.mark.django_db
def test_suggestions_take_a_nul_byte_without_error(client):
    response = client.get("/soeg/forslag/?q=a%00b")
    assert response.status_code == 200
    assert response.json()["suggestions"] == []


def test_results_count_is_a_live_region_around_a_plain_heading(client, indexed):
    soup = BeautifulSoup(
        client.get("/soeg/", {"q": "snerydning"}).content, "html.parser"
    )
    heading = soup.find(id="resultater")
    assert heading.name == "h2" and not heading.has_attr("role")
    assert heading.find_parent(attrs={"role": "status"}) is not None
    form = soup.select_one("form.search-form")
    # An empty action is invalid HTML; no action submits to the page itself.
    assert not form.has_attr("action")


def test_facets_sit_behind_a_filter_disclosure(client, indexed):
    soup = BeautifulSoup(
        client.get("/soeg/", {"status": "finished"}).content, "html.parser"
    )
    disclosure = soup.select_one(".search-facets details")
    assert disclosure.summary.get_text(strip=True) == "Filtrer"
    assert disclosure.select(".facet a"), "the facets are inside the disclosure"
    assert not disclosure.has_attr("open"), "closed until the visitor opens it"
    # The chosen filters stay in sight outside it, each removable.
    chosen = soup.select(".search-facets > .active-filters a")
    assert [a.get_text(" ", strip=True) for a in chosen] == ["Status: Afsluttet ×"]


def test_facet_labels_follow_a_renamed_theme(client, indexed):
    def theme_labels() -> set[str]:
        soup = BeautifulSoup(client.get("/soeg/", {"q": ""}).content, "html.parser")
        return {a.get_text(" ", strip=True) for a in soup.select(".facet a")}

    assert any(label.startswith("Klimatilpasning") for label in theme_labels())
    theme = Theme.objects.get(name="Klimatilpasning")
    theme.name = "Klimasikring"
    theme.save()
    labels = theme_labels()
    assert any(label.startswith("Klimasikring") for label in labels)
    assert not any(label.startswith("Klimatilpasning") for label in labels)


def test_a_repeated_search_is_planned_once_and_a_new_word_is_found_at_once(
    client, indexed, programme
):
    def vocabulary_reads(params) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/soeg/", params).status_code == 200
        return sum("search_searchterm" in q["sql"] for q in queries.captured_queries)

    assert vocabulary_reads({"q": "snerydning"}) > 0
    # The same query again (another page of it, too) is planned from memory.
    assert vocabulary_reads({"q": "snerydning"}) == 0
    assert vocabulary_reads({"q": "snerydning", "side": "2"}) == 0
    # A word the vocabulary does not hold yet is found once a page has it.
    assert ranking(client.get("/soeg/", {"q": "isbjørnevagt"})) == []
    page = project_create(
        programme=programme, title="Isbjørnevagt i afdelingen", slug="isbjoern"
    )
    assert ranking(client.get("/soeg/", {"q": "isbjørnevagt"})) == [page.url]


def test_a_plan_from_memory_is_the_plan_made_afresh_and_the_callers_own(indexed):
    parsed = parse_query('snerydnng grønneområder "vild eng" xyzzyq')
    memos_clear()
    made = plan_query(parsed)
    assert made.groups and made.phrases and made.dropped
    assert all(group.alternatives for group in made.groups)
    kept = plan_query(parsed)  # from memory
    assert kept == made
    kept.groups[0].alternatives.append(Alternative(("x",)))
    kept.groups.append(TermGroup("y"))
    kept.phrases[0].append("z")
    kept.dropped.append("w")
    assert plan_query(parsed) == made  # the kept one, as it was made
    memos_clear()
    assert plan_query(parsed) == made


def test_a_repeated_search_counts_its_matches_once_and_a_new_page_at_once(
    client, indexed, programme, engine_name, monkeypatch
):
    engine = get_engine(engine_name)
    asked: list[bool] = []
    run = engine.run

    def counting_run(query):
        asked.append(query.count)
        return run(query)

    monkeypatch.setattr(engine, "run", counting_run)

    def shown(params) -> tuple[str, list[str]]:
        response = client.get("/soeg/", params)
        soup = BeautifulSoup(response.content, "html.parser")
        facets = [a.get_text(" ", strip=True) for a in soup.select(".facet a")]
        return soup.select_one("#resultater").get_text(strip=True), facets

    first = shown({"q": "drift"})
    assert asked == [True]
    # Another page, another order: the same matches, counted from memory.
    assert shown({"q": "drift", "side": "2"}) == first
    assert shown({"q": "drift", "sort": "nyeste"}) == first
    assert asked == [True, False, False]
    # A new page that matches is counted at once.
    project_create(programme=programme, title="Driften af vaskeriet", slug="vask")
    again = shown({"q": "drift"})
    assert asked[-1] is True
    assert int(again[0].split()[0]) == int(first[0].split()[0]) + 1


def test_hits_from_remembered_counts_are_the_hits_counted_afresh(indexed):
    def page(number: int, options: dict) -> tuple[list[str], int]:
        found = search("drift", page=number, per_page=2, **options)
        return [hit.document.key for hit in found.hits], found.total

    for options in (
        {},
        {"sort": "newest"},
        {"filters": SearchFilters(kind="project")},
    ):
        afresh = []
        for number in (1, 2, 3):
            memos_clear()
            afresh.append(page(number, options))
        remembered = [page(number, options) for number in (1, 2, 3)]
        assert remembered == afresh, options
        assert afresh[0][1] > 2 and afresh[1][0], options  # more than one page


def test_a_page_of_hits_reads_its_rows_once_and_only_what_it_shows(client, indexed):
    with CaptureQueriesContext(connection) as queries:
        hrefs = ranking(client.get("/soeg/", {"q": "grønne"}))
    assert len(hrefs) >= 2
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "search_searchdocument" in q["sql"] and '"key" IN' in q["sql"]
    ]
    assert len(reads) == 1
    # The text that is only searched, never shown, stays in the database.
    for column in ("parts", "names", "context"):
        assert f'"{column}"' not in reads[0]


def test_a_page_of_hits_rows_are_the_rows_the_orm_makes(indexed):
    hits = search("grønne", per_page=50).hits + search(None, per_page=50).hits
    assert len(hits) >= 5
    for hit in hits:
        row = hit.document
        made = SearchDocument.objects.only(*SHOWN_FIELDS).get(key=row.key)
        assert type(row) is SearchDocument
        for name in ("id", *SHOWN_FIELDS):
            assert getattr(row, name) == getattr(made, name), name
            assert type(getattr(row, name)) is type(getattr(made, name)), name
        assert row.get_deferred_fields() == made.get_deferred_fields()
        assert (row._state.adding, row._state.db) == (False, made._state.db)
        assert row == made and row.pk == made.pk
        # A field the page does not show is read when asked for, as the ORM's.
        assert row.names == SearchDocument.objects.get(key=row.key).names


def test_facets_from_memory_are_the_facets_made_afresh_and_the_callers_own(indexed):
    theme = Theme.objects.get(name="Klimatilpasning")
    cases = [
        (None, SearchFilters()),
        ("grønne", SearchFilters()),
        ("drift", SearchFilters(status="finished")),
        (None, SearchFilters(theme=theme.slug)),
    ]
    for query, filters in cases:
        memos_clear()
        afresh = search(query, filters).facets
        assert afresh and any(facet.options for facet in afresh)
        for facet in afresh:
            for option in facet.options:
                option.url, option.count = "/changed/", -1
        kept = search(query, filters).facets  # from memory
        memos_clear()
        assert kept == search(query, filters).facets
        assert all(o.url == "" and o.count > 0 for f in kept for o in f.options)
    chosen = search(None, SearchFilters(theme=theme.slug)).facets
    assert [o.value for f in chosen for o in f.options if o.selected] == [theme.slug]


def test_a_query_counted_under_other_filters_is_counted_apart():
    plain = SearchFilters()
    changed = {
        "kind": "project",
        "theme": "natur",
        "status": "finished",
        "year": 2024,
        "owner": "3",
        "programme": "7",
        "exclude_keys": ("project:1",),
    }
    assert set(changed) == {f.name for f in dataclasses.fields(SearchFilters)}
    keys = {EngineQuery(None, plain).counted_key()}
    for name, value in changed.items():
        filters = dataclasses.replace(plain, **{name: value})
        key = EngineQuery(None, filters).counted_key()
        assert key == EngineQuery(None, dataclasses.replace(filters)).counted_key()
        assert key[1] == dataclasses.astuple(filters)  # what it was made from
        keys.add(key)
    assert len(keys) == 1 + len(changed)
