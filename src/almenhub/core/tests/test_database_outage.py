"""While the database is away every answer is the hub's 503 with
Retry-After, also when it goes away after the view has answered, in the
work done below the 503 middleware on the way out (found in bench/load.py's
fault phase: a few 500s while PostgreSQL stopped)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client

from almenhub.contentpages.factories import content_page_create
from almenhub.core import proxy

pytestmark = pytest.mark.django_db


@contextmanager
def database_away_for(table: str):
    """Every query on `table` fails as when the server has stopped."""

    def refuse(execute, sql, params, many, context):
        if table in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "midlertidigt utilgængelig" in response.content.decode()


@pytest.fixture
def anonymous():
    # As a visitor's browser sees it: the error page, not the test's raise.
    return Client(raise_request_exception=False)


def test_the_database_away_while_a_missing_page_looks_for_a_redirect(
    anonymous, home_page
):
    assert anonymous.get("/findes-ikke/").status_code == 404
    with database_away_for("wagtailredirects_redirect"):
        assert_unavailable(anonymous.get("/findes-ikke/"))


@pytest.fixture
def tagged(settings):
    """A proxy in front: public answers get the tags of what they show."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "almenhub.core.proxy.VarnishBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }


def test_the_database_away_while_the_proxy_tags_an_answer(anonymous, home_page, tagged):
    page = content_page_create(parent=home_page, title="Om foreningen")
    assert "X-Cache-Tags" in anonymous.get(page.url)
    # The page's own lookup is over; the tags' lookup of what it links to fails.
    with database_away_for('"url_path" IN'):
        assert_unavailable(anonymous.get(page.url))


def test_other_errors_stay_the_hubs_500(anonymous, home_page, tagged, monkeypatch):
    def broken(**kwargs):
        raise ValueError("a bug, not the database")

    page = content_page_create(parent=home_page, title="Om foreningen")
    monkeypatch.setattr(proxy, "cache_tags", broken)
    response = anonymous.get(page.url)
    assert response.status_code == 500 and "Retry-After" not in response
