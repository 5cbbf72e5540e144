"""Compression (brotli, gzip) and HTTP caching (Cache-Control, strong ETag,
304) of what the public fetches: pages, the API, CSV, feeds, the sitemap."""

from __future__ import annotations

import dataclasses
import gzip

import brotli
import pytest
from django.core.cache import cache

from almenhub.projects.services import project_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_page(programme, seed_record):
    cache.clear()
    # A few more, so that the sitemap is worth compressing (under 500 bytes
    # an answer is sent as it is).
    for n in range(6):
        record = dataclasses.replace(seed_record, title=f"Driftsprojekt nr. {n}")
        project_upsert(programme=programme, record=record)
    return project_upsert(programme=programme, record=seed_record).page


def decoded(response) -> str:
    encoding = response.get("Content-Encoding", "")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode()


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_public_answers_are_compressed(client, project_page, seed_record, encoding):
    for url, marker in (
        (project_page.url, seed_record.teaser),
        ("/api/v1/projects/", '"results"'),
        ("/eksport/soeg.csv", "title;type;url"),
        ("/feeds/rss/", "<rss"),
        ("/sitemap-sider.xml", "<urlset"),
    ):
        response = client.get(url, HTTP_ACCEPT_ENCODING=f"{encoding}, identity")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == encoding, url
        assert "Accept-Encoding" in response["Vary"], url
        assert marker in decoded(response), url


def test_logged_in_answers_are_not_compressed(client, project_page, editor):
    # BREACH: a session's answers may carry personal data (core/http.py).
    client.force_login(editor)
    response = client.get(project_page.url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_public_page_has_a_short_cache_life_and_a_strong_etag(
    client, project_page, settings
):
    response = client.get(project_page.url, HTTP_ACCEPT_ENCODING="br")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    assert "stale-while-revalidate=" in cache_control
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(
        project_page.url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag
    )
    assert again.status_code == 304 and again.content == b""
    # Each encoding is its own representation, with its own strong ETag.
    plain = client.get(project_page.url)
    assert plain["ETag"] != etag
    assert client.get(project_page.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_page_served_from_the_page_cache_answers_304_too(
    client, project_page, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(project_page.url, HTTP_ACCEPT_ENCODING="br")
    assert first["X-Page-Cache"] == "miss"
    second = client.get(project_page.url, HTTP_ACCEPT_ENCODING="br")
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Encoding"] == "br" and second["ETag"] == first["ETag"]
    assert brotli.decompress(second.content) == brotli.decompress(first.content)
    gzipped = client.get(project_page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip"
    conditional = client.get(
        project_page.url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert conditional.status_code == 304
    cache.clear()


def test_a_form_page_is_never_shared(client, home_page):
    # Its CSRF token belongs to this visitor's cookie.
    response = client.get("/admin/login/")
    assert "public" not in response.get("Cache-Control", "")


def test_feeds_answer_conditional_requests(client, project_page):
    response = client.get("/feeds/rss/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    by_etag = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert by_etag.status_code == 304
    by_date = client.get(
        "/feeds/rss/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert by_date.status_code == 304
