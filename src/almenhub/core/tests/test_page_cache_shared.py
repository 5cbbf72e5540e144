"""The page cache shared by a server's processes (settings/embedded.py's
"pages" cache) and the feeds it holds besides pages.

Another process is played by emptying this process's own cache: what is
left is what the shared files hold.
"""

from __future__ import annotations

import dataclasses

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from almenhub.projects.services import project_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_pages(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "page-cache"),
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    yield
    caches["default"].clear()


def another_process() -> None:
    caches["default"].clear()


def test_a_page_one_process_rendered_is_served_by_the_others(
    client, shared_pages, programme, seed_record
):
    page = project_upsert(programme=programme, record=seed_record).page
    first = client.get(page.url, HTTP_ACCEPT_ENCODING="br")
    assert first["X-Page-Cache"] == "miss"
    another_process()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url, HTTP_ACCEPT_ENCODING="br")
    assert second["X-Page-Cache"] == "hit" and len(queries) == 0
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Content-Encoding"] == "br"

    # A publish retires the copies in every process's memory and the shared ones.
    page.title = "Ny titel efter udgivelse"
    page.save_revision().publish()
    fresh = client.get(page.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Ny titel efter udgivelse" in fresh.content.decode()
    another_process()
    again = client.get(page.url)
    assert again["X-Page-Cache"] == "hit"
    assert "Ny titel efter udgivelse" in again.content.decode()


def test_a_page_made_private_is_not_served_from_the_shared_copies(
    client, shared_pages, programme, seed_record
):
    page = project_upsert(programme=programme, record=seed_record).page
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    another_process()
    response = client.get(page.url)
    assert response.status_code == 302 and "X-Page-Cache" not in response


def test_feeds_are_cached_retired_on_publish_and_answer_304(
    client, shared_pages, programme, seed_record
):
    project_upsert(programme=programme, record=seed_record)
    first = client.get("/feeds/rss/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    another_process()
    second = client.get("/feeds/rss/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    conditional = client.get(
        "/feeds/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert conditional.status_code == 304

    record = dataclasses.replace(seed_record, title="Et helt nyt driftsprojekt")
    project_upsert(programme=programme, record=record)
    fresh = client.get("/feeds/rss/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Et helt nyt driftsprojekt" in fresh.content.decode()


def test_the_api_held_by_the_page_cache_still_counts_every_request(
    client, shared_pages, programme, seed_record, settings
):
    # Its per-client rate limit counts the copies another process serves too
    # (the embedded default counts per process: core/ratelimit.py).
    settings.OPENDATA_RATE_LIMIT = 1
    project_upsert(programme=programme, record=seed_record)
    assert client.get("/api/v1/projects/")["X-Page-Cache"] == "miss"
    another_process()
    response = client.get("/api/v1/projects/")
    assert response["X-Page-Cache"] == "hit"
    assert response["X-RateLimit-Remaining"] == "0"
    assert client.get("/api/v1/projects/").status_code == 429
