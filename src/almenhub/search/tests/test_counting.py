"""A search as typed is a public answer, cached like any other, and still
counted for the editors' report each time the hub answers it, from the page
cache too (search/counting.py)."""

from __future__ import annotations

import pytest

from almenhub.search.counting import search_counts_flush
from almenhub.search.models import SearchQueryWeek

pytestmark = pytest.mark.django_db


def counted() -> dict[str, tuple[int, int]]:
    return {
        row.query: (row.searches, row.zero_hit_searches)
        for row in SearchQueryWeek.objects.all()
    }


def test_a_typed_search_is_cached_and_counted_on_every_answer(
    client, page_cache, indexed
):
    served = []
    for path in ("/soeg/?q=Snerydning", "/soeg/?q=Snerydning", "/soeg/?q=qwxzyv"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="br")
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public"), path
        # The mark is the hub's own business: it never leaves the hub.
        assert "X-Search-Count" not in response
        served.append(response["X-Page-Cache"])
    second_page = client.get("/soeg/?q=qwxzyv&side=2")
    again = client.get("/soeg/?q=qwxzyv&side=2")
    assert again["X-Page-Cache"] == "hit" and second_page.status_code == 200

    assert served == ["miss", "hit", "miss"]
    # The copy served from the cache counts like the search it holds; the
    # second page of a search is looked at further, not typed: not counted.
    assert counted() == {"snerydning": (2, 0), "qwxzyv": (1, 1)}


def test_a_typed_search_answered_304_or_to_head_is_not_counted_again(
    client, page_cache, indexed
):
    first = client.get("/soeg/?q=trappevask")
    # The browser already holds this very answer: looked at again, not typed.
    repeat = client.get("/soeg/?q=trappevask", HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304
    assert client.head("/soeg/?q=trappevask").status_code == 200
    assert counted() == {"trappevask": (1, 0)}


def test_counts_wait_and_are_written_together(client, page_cache, indexed, settings):
    settings.SEARCH_COUNT_SECONDS = 3600  # the timer stays out of this test
    for query in ("snerydning", "snerydning", "qwxzyv"):
        assert client.get("/soeg/", {"q": query}).status_code == 200
    assert counted() == {}
    assert search_counts_flush() == 3
    assert counted() == {"snerydning": (2, 0), "qwxzyv": (1, 1)}
    assert search_counts_flush() == 0


def test_a_typed_search_reaches_the_counter_every_time_before_django_too(
    hub_wsgi, indexed
):
    # The hit path before Django's handling (core/hitpath.py) does not
    # repeat a counted answer: each goes through the counter.
    for _ in range(3):
        assert hub_wsgi.get("/soeg/?q=Snerydning").status.startswith("200")
    assert hub_wsgi.django_calls == 3
    assert counted() == {"snerydning": (3, 0)}
