"""An editor's promoted results (wagtail.contrib.search_promotions) stand
first for their query, on every engine, on the page and in the API, and
never again lower down."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from almenhub.core.middleware import page_cache_version
from almenhub.search.selectors import search

pytestmark = pytest.mark.django_db


def hrefs(client, **params) -> list[str]:
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select("ol#search-results > li > .hit__title a")]


@pytest.fixture
def promoted(indexed):
    pages = {page.title: page for page in indexed}
    query = Query.get("Snerydning")  # stored as the admin stores it: normalised
    for order, title in enumerate(
        ["Trappevask med grønne midler", "Elektrisk snerydning"]
    ):
        SearchPromotion.objects.create(query=query, page=pages[title], sort_order=order)
    return pages


def test_a_promoted_page_stands_first_and_only_once(client, promoted):
    stairs = promoted["Trappevask med grønne midler"].url
    snow = promoted["Elektrisk snerydning"].url
    assert hrefs(client, q="snerydning") == [stairs, snow]
    # As typed, any case and spacing: the promotions' own normalisation.
    assert hrefs(client, q="  SNERYDNING ")[:2] == [stairs, snow]
    page = client.get("/soeg/", {"q": "snerydning"}).content.decode()
    assert page.count("<strong>Fremhævet</strong>") == 2
    api = client.get("/api/v1/search/", {"q": "snerydning"}).json()
    assert [hit["url"].removeprefix("http://testserver") for hit in api["hits"]] == [
        stairs,
        snow,
    ]
    assert api["total"] == 2


def test_paging_on_never_shows_a_promoted_page_again(promoted):
    pages = [search("snerydning", per_page=1, page=n) for n in (1, 2, 3)]
    keys = [hit.document.key for results in pages for hit in results.hits]
    assert keys == [
        f"project:{promoted['Trappevask med grønne midler'].pk}",
        f"project:{promoted['Elektrisk snerydning'].pk}",
    ]
    assert [results.total for results in pages] == [2, 2, 2]
    assert pages[0].num_pages == 2


def test_a_filtered_search_or_another_query_is_not_promoted(client, promoted):
    stairs = promoted["Trappevask med grønne midler"].url
    assert stairs not in hrefs(client, q="snerydning", status="finished")
    assert stairs not in hrefs(client, q="elektrisk")


def test_an_unpublished_promoted_page_is_left_out(client, promoted):
    stairs = promoted["Trappevask med grønne midler"]
    stairs.unpublish()
    assert hrefs(client, q="snerydning") == [promoted["Elektrisk snerydning"].url]


def test_an_editor_promotes_a_page_in_the_admin(client, indexed, django_user_model):
    editor = django_user_model.objects.create_user(
        username="redaktoer3", email="r3@example.dk", password="hemmelig-kode-42"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "/admin/searchpicks/" in client.get("/admin/").content.decode()
    stairs = next(p for p in indexed if p.title == "Trappevask med grønne midler")
    response = client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "Snerydning",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(stairs.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "",
            "editors_picks-0-ORDER": "1",
            "editors_picks-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert hrefs(client, q="snerydning")[0] == stairs.url


def test_a_promoted_external_link_is_shown_marked_and_escaped(client, promoted):
    query = Query.get("Snerydning")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/sne?a=1&b=2",
        external_link_text="Vejledning <script>alert(1)</script>",
        description="Om <b>snerydning</b> på stier",
        sort_order=5,
    )
    # A row the admin form would refuse: never a link the browser runs.
    SearchPromotion.objects.create(
        query=query,
        external_link_url="javascript:alert(1)",
        external_link_text="Farlig",
        sort_order=6,
    )
    response = client.get("/soeg/", {"q": "snerydning"})
    soup = BeautifulSoup(response.content, "html.parser")
    links = soup.select(".hit--promoted")
    assert len(links) == 1
    link = links[0].select_one(".hit__title a")
    assert link["href"] == "https://example.org/sne?a=1&b=2"
    assert set(link["rel"]) >= {"external", "noopener"}
    assert link.get_text() == "Vejledning <script>alert(1)</script>"
    assert "Fremhævet" in links[0].select_one(".hit__kind").get_text()
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<b>snerydning</b>" not in html
    assert "javascript:" not in html and "Farlig" not in html
    # The promoted pages keep their places, and the links are not counted.
    assert hrefs(client, q="snerydning") == [
        promoted["Trappevask med grønne midler"].url,
        promoted["Elektrisk snerydning"].url,
    ]
    for params in ({"side": "2"}, {"status": "finished"}, {"q": "elektrisk"}):
        other = client.get("/soeg/", {"q": "snerydning", **params})
        assert "example.org" not in other.content.decode(), params


def test_a_changed_promotion_retires_the_cached_search_pages():
    query = Query.get("Snerydning")
    before = page_cache_version()
    promotion = SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/sne", sort_order=1
    )
    after_save = page_cache_version()
    assert after_save != before
    promotion.delete()
    assert page_cache_version() != after_save


def test_a_repeated_search_reads_the_promotions_once_and_a_new_one_at_once(
    client, indexed
):
    pages = {page.title: page for page in indexed}

    def shown(query: str) -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as queries:
            found = hrefs(client, q=query)
        reads = [
            q["sql"]
            for q in queries.captured_queries
            if "wagtailsearchpromotions_searchpromotion" in q["sql"]
        ]
        return found, len(reads)

    first, reads = shown("snerydning")
    assert reads == 1
    assert shown("snerydning") == (first, 0)  # kept, as the answer "none"
    stairs = pages["Trappevask med grønne midler"]
    promotion = SearchPromotion.objects.create(
        query=Query.get("snerydning"), page=stairs, sort_order=0
    )
    assert shown("snerydning")[0] == [stairs.url, *first]
    promotion.delete()
    assert shown("snerydning")[0] == first
