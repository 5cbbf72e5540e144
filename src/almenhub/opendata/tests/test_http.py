"""HTTP behaviour of the open data: conditional GET (ETag, Last-Modified,
304), CORS, HEAD, the rate limit, and the cache of list answers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"


def test_etag_gives_304_and_an_empty_body(client, catalogue):
    first = client.get(LIST)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = client.get(LIST, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    other = client.get(LIST, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200
    # A different answer (another page, other fields) has another tag.
    assert client.get(LIST, {"fields": "id"})["ETag"] != etag


def test_last_modified_gives_304(client, catalogue):
    first = client.get(LIST)
    last_modified = first["Last-Modified"]
    assert last_modified.endswith("GMT")
    again = client.get(LIST, headers={"if-modified-since": last_modified})
    assert again.status_code == 304
    older = client.get(LIST, headers={"if-modified-since": http_date(0)})
    assert older.status_code == 200


def test_every_endpoint_answers_conditionally(client, catalogue):
    for url in (
        f"/api/v1/projects/{catalogue.seed.pk}/",
        "/api/v1/search/?q=eng",
        "/api/v1/themes/",
        "/api/v1/openapi.json",
    ):
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_cors_for_reading(client, catalogue):
    response = client.get(LIST, headers={"origin": "https://kommune.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        LIST,
        headers={
            "origin": "https://kommune.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    errors = client.get("/api/v1/projects/", {"year": "abc"})
    assert errors["Access-Control-Allow-Origin"] == "*"


def test_only_reading_is_allowed(client, catalogue):
    response = client.post(LIST, {"title": "Nyt projekt"})
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert "kun læses" in response.json()["detail"]
    assert client.delete(f"/api/v1/projects/{catalogue.seed.pk}/").status_code == 405


def test_head_answers_like_get(client, catalogue):
    response = client.head(LIST)
    assert response.status_code == 200
    assert response["ETag"] == client.get(LIST)["ETag"]


@pytest.fixture
def frozen_clock(monkeypatch):
    """The limiter's clock, standing still until the test moves it."""
    now = [1_800_000_020.0]
    monkeypatch.setattr("almenhub.core.ratelimit.clock", lambda: now[0])
    return now


def test_rate_limit_per_client(client, catalogue, settings, frozen_clock):
    settings.OPENDATA_RATE_LIMIT = 3
    for _ in range(3):
        response = client.get(LIST)
        assert response.status_code == 200
    assert response["X-RateLimit-Remaining"] == "0"
    limited = client.get(LIST)
    assert limited.status_code == 429
    # The window opened with the first request and lasts a minute.
    assert limited["Retry-After"] == "60"
    assert "For mange forespørgsler" in limited.json()["detail"]
    assert limited["Access-Control-Allow-Origin"] == "*"
    # Cached and conditional answers count too; other clients do not.
    assert client.get("/api/v1/themes/").status_code == 429
    other = client.get(LIST, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
    # The exports are data too.
    assert client.get("/eksport/soeg.csv").status_code == 429
    frozen_clock[0] += 20
    assert client.get(LIST)["Retry-After"] == "40"
    # A new window, a new allowance.
    frozen_clock[0] += 40
    assert client.get(LIST).status_code == 200


def test_rate_limit_behind_a_proxy_uses_the_forwarded_address(
    client, catalogue, settings, frozen_clock
):
    settings.OPENDATA_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = "127.0.0.1"
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    second = {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 203.0.113.8"}
    assert client.get(LIST, **first).status_code == 200
    assert client.get(LIST, **first).status_code == 429
    # The hop our proxy saw counts; what the client wrote before it does not.
    assert client.get(LIST, **second).status_code == 200
    assert client.get(LIST, **second).status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(
    client, catalogue, settings
):
    """A client that writes a new X-Forwarded-For each time is still one
    client: 20 requests against a limit of 3 get 3 answers."""
    settings.OPENDATA_RATE_LIMIT = 3
    statuses = [
        client.get(LIST, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(20)
    ]
    assert statuses.count(200) == 3
    assert statuses[3:] == [429] * 17


def test_rate_limit_can_be_switched_off(client, catalogue, settings):
    settings.OPENDATA_RATE_LIMIT = 0
    for _ in range(5):
        response = client.get(LIST)
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response


def test_cached_list_costs_no_query(client, catalogue, django_assert_num_queries):
    first = client.get(LIST, {"page_size": 3})
    with django_assert_num_queries(0):
        second = client.get(LIST, {"page_size": 3})
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # The search is not cached: its queries are too many to be worth it.
    client.get("/api/v1/search/", {"q": "eng"})
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/search/", {"q": "eng"})
    assert len(queries) > 0


# Differ between two answers by design: which copy, and the allowance left.
PER_ANSWER = {"X-Page-Cache", "X-RateLimit-Remaining"}


def test_the_page_cache_serves_the_api_with_the_same_headers_and_the_rate_limit(
    client, catalogue, settings, page_cache, frozen_clock
):
    settings.OPENDATA_RATE_LIMIT = 3
    first = client.get(LIST, HTTP_ACCEPT_ENCODING="br")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(LIST, HTTP_ACCEPT_ENCODING="br")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert len(queries) == 0
    assert second.content == first.content and second["Content-Encoding"] == "br"
    # Header for header the view's own answer (the security headers, CORS,
    # ETag, Cache-Control, ...); the page cache's own mark never leaves.
    assert {k: v for k, v in second.items() if k not in PER_ANSWER} == {
        k: v for k, v in first.items() if k not in PER_ANSWER
    }
    assert "X-Page-Cache-Check" not in first and "X-Page-Cache-Check" not in second
    # Each copy served counts against the client's allowance.
    assert (first["X-RateLimit-Remaining"], second["X-RateLimit-Remaining"]) == (
        "2",
        "1",
    )
    conditional = client.get(
        LIST, HTTP_ACCEPT_ENCODING="br", headers={"if-none-match": first["ETag"]}
    )
    assert conditional.status_code == 304
    assert conditional["X-RateLimit-Remaining"] == "0"
    limited = client.get(LIST, HTTP_ACCEPT_ENCODING="br")
    assert limited.status_code == 429 and "X-Page-Cache" not in limited
    assert limited["Retry-After"] == "60"
    assert "For mange forespørgsler" in limited.json()["detail"]
    assert limited["Access-Control-Allow-Origin"] == "*"


def test_the_page_cache_keeps_no_api_search_and_nothing_for_a_session(
    client, catalogue, page_cache, django_user_model
):
    for _ in range(2):
        search = client.get("/api/v1/search/", {"q": "eng"})
    assert search.status_code == 200 and "X-Page-Cache" not in search
    client.get(LIST)
    assert client.get(LIST)["X-Page-Cache"] == "hit"
    client.force_login(
        django_user_model.objects.create_user(
            username="medlem", password="x-hemmelig-42"
        )
    )
    signed_in = client.get(LIST)
    assert signed_in.status_code == 200 and "X-Page-Cache" not in signed_in
