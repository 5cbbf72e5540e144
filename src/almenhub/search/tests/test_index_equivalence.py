"""An index built by editors' updates, one page at a time, is the index a
rebuild makes of the same content: the same rows, the same vocabulary with
the same counts, and the same answers from the engine, on every engine."""

from __future__ import annotations

import pytest

from almenhub.search.analysis import stem
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import SearchFilters
from almenhub.search.models import SearchDocument, SearchTerm
from almenhub.search.selectors import search
from almenhub.search.services import search_index_objects, search_rebuild

from .conftest import EXTRA_PAGES, add_page

pytestmark = pytest.mark.django_db

QUERIES = [
    "grønne områder",
    "biodiversitet",
    "snerydning elektrisk",
    "trappevask",
    "økonomi",
    "regnvand",
    "",
]
ROW_FIELDS = ("kind", "url", "title", "teaser", "body", "names", "parts", "themes")


def snapshot(engine_name: str) -> dict:
    engine = get_engine(engine_name)
    every = engine.search(None, SearchFilters(), limit=1000)
    return {
        "rows": {
            d["key"]: d
            for d in SearchDocument.objects.values("key", *ROW_FIELDS, "year")
        },
        "terms": dict(SearchTerm.objects.values_list("term", "doc_count")),
        "all": (sorted(every.keys), every.facets),
        "answers": {
            q: [(h.document.key, str(h.snippet)) for h in search(q).hits]
            for q in QUERIES
        },
    }


def test_updates_one_at_a_time_build_the_index_a_rebuild_builds(engine_name, programme):
    search_index_objects([programme])  # made by the fixture, not published
    pages = [add_page(programme, spec, f"eq-{i}") for i, spec in enumerate(EXTRA_PAGES)]
    # An edit that takes words away and brings new ones, and an unpublished page.
    add_page(
        programme,
        {**EXTRA_PAGES[3], "body": "Regnvand fra tagene samles i faskiner."},
        "eq-3",
    )
    pages[1].unpublish()

    updated = snapshot(engine_name)
    assert updated["terms"][stem("regnvand")] == 1
    assert stem("diesel") not in updated["terms"]  # the edit took it away
    assert stem("budgetter") not in updated["terms"]  # with the unpublished page
    assert f"project:{pages[1].pk}" not in updated["rows"]

    search_rebuild(engine_name=engine_name)
    rebuilt = snapshot(engine_name)
    assert updated["rows"] == rebuilt["rows"]
    assert updated["terms"] == rebuilt["terms"]
    assert updated["all"] == rebuilt["all"]
    assert updated["answers"] == rebuilt["answers"]
