"""The page cache's plain copies answered again before Django handles the
request (core/hitpath.py): the same bytes, never for a session or a
conditional request, retired by a publish at once."""

from __future__ import annotations

import pytest

from almenhub.projects.services import project_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(programme, seed_record):
    return project_upsert(programme=programme, record=seed_record).page


def test_a_plain_copy_is_answered_again_header_for_header(hub_wsgi, page):
    miss = hub_wsgi.get(page.url, accept_encoding="br, gzip")
    hit = hub_wsgi.get(page.url, accept_encoding="br, gzip")
    assert (miss.header("X-Page-Cache"), hit.header("X-Page-Cache")) == ("miss", "hit")
    assert hub_wsgi.django_calls == 2
    again = hub_wsgi.get(page.url, accept_encoding="br, gzip")
    assert hub_wsgi.django_calls == 2  # Django's handling was not needed
    # Byte for byte what Django's handling sent for the copy: status, every
    # header in its order (CSP and the other security headers included), body.
    assert (again.status, again.headers, again.body) == (
        hit.status,
        hit.headers,
        hit.body,
    )
    assert again.header("Content-Security-Policy") and again.header("ETag")
    assert again.header("Content-Encoding") == "br"
    # Another coding, another answer; HEAD shares the GET's.
    plain = hub_wsgi.get(page.url)
    assert plain.header("Content-Encoding") is None and hub_wsgi.django_calls == 3
    hub_wsgi.get(page.url, method="HEAD", accept_encoding="br, gzip")
    assert hub_wsgi.django_calls == 3


def test_a_publish_retires_the_answer_at_once(hub_wsgi, page):
    for _ in range(3):
        hub_wsgi.get(page.url)
    assert hub_wsgi.django_calls == 2
    page.title = "Et nyt navn lige udgivet"
    page.save_revision().publish()
    fresh = hub_wsgi.get(page.url)
    assert hub_wsgi.django_calls == 3
    assert "Et nyt navn lige udgivet" in fresh.body.decode()


def test_never_for_a_session_or_a_conditional_request(hub_wsgi, page):
    for _ in range(3):
        hit = hub_wsgi.get(page.url)
    assert hub_wsgi.django_calls == 2
    signed_in = hub_wsgi.get(page.url, cookie="sessionid=abc123")
    assert hub_wsgi.django_calls == 3 and signed_in.header("X-Page-Cache") is None
    etag = hit.header("ETag")
    conditional = hub_wsgi.get(page.url, if_none_match=etag)
    assert hub_wsgi.django_calls == 4 and conditional.status.startswith("304")


def test_api_copies_pass_the_rate_limit_every_time(hub_wsgi, page, settings):
    settings.OPENDATA_RATE_LIMIT = 3
    statuses = [hub_wsgi.get("/api/v1/projects/").status[:3] for _ in range(4)]
    assert statuses == ["200", "200", "200", "429"]
    assert hub_wsgi.django_calls == 4
