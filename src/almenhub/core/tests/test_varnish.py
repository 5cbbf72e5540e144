"""Varnish in front of a live hub (deploy/varnish/almenhub.vcl, started by
scripts/varnish.sh): anonymous pages come from its cache; publishing purges
the page, its listing and a search that finds it at once (Wagtail's
frontend cache and a BAN by cache tags, core/proxy.py) while an unrelated
page stays cached; a page made private is no longer served from it;
logged-in and cookie requests, the admin and answers that set a cookie are
never cached.

Needs Debian's varnish: scripts/ensure-varnish.sh installs it (as root) and
the test fails, not skips, when it cannot start.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.models import PageViewRestriction

from almenhub.contentpages.factories import content_page_create
from almenhub.examples.factories import example_create
from almenhub.examples.services import example_index_get_or_create
from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.search.models import SearchQueryWeek
from almenhub.worker.testing import free_port

pytestmark = [pytest.mark.isolated, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)


class Answer:
    def __init__(self, status: int, headers, body: bytes) -> None:
        if headers.get("Content-Encoding") == "br":
            body = brotli.decompress(body)
        elif headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.status, self.headers, self.text = status, headers, body.decode()

    @property
    def words(self) -> str:
        return re.sub(r"<[^>]+>", "", self.text)

    @property
    def hit(self) -> bool:
        # A hit names two transactions in X-Varnish: this one and the fetch's.
        return (
            self.headers.get("X-Cache") == "HIT"
            and len(self.headers.get("X-Varnish", "").split()) == 2
        )


def get(url: str, **headers: str) -> Answer:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def varnish(live_server, tmp_path) -> Iterator[str]:
    port = free_port()
    env = dict(
        os.environ,
        BACKEND_PORT=str(live_server.url.rsplit(":", 1)[1]),
        VARNISH_PORT=str(port),
        VARNISH_WORKDIR=str(tmp_path / "varnish"),
        VARNISH_MEMORY="32m",
    )
    log = (tmp_path / "varnish.log").open("w")
    process = subprocess.Popen(
        [str(ROOT / "scripts/varnish.sh")],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while get_status(base + "/static/none") is None:
            if process.poll() is not None or time.time() > deadline:
                pytest.fail(
                    "varnishd did not start: "
                    + (tmp_path / "varnish.log").read_text()[-2000:]
                )
            time.sleep(0.2)
        with override_settings(
            WAGTAILFRONTENDCACHE={
                "varnish": {
                    "BACKEND": "almenhub.core.proxy.VarnishBackend",
                    "LOCATION": base,
                }
            },
            PROXY_CACHE_SECONDS=3600,
        ):
            yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def get_status(url: str) -> int | None:
    try:
        return get(url).status
    except OSError:
        return None


@pytest.fixture
def example(home_page):
    index = example_index_get_or_create()
    index.save_revision().publish()
    organisation = Organisation.objects.create(
        name="Boligselskabet Test", kind=OrganisationKind.HOUSING
    )
    page = example_create(
        index, title="Vild eng i Engparken", organisation=organisation
    )
    page.save_revision().publish()
    return page


def test_varnish_caches_public_pages_bypasses_members_and_purges_on_publish(
    varnish, example, client, django_user_model
):
    unrelated = content_page_create(title="Om foreningen")
    # Members, cookies, the admin and answers that set cookies: never cached.
    django_user_model.objects.create_user(
        username="mette", email="mette@example.dk", password="Sommerfugl-eng-2027"
    )
    assert client.login(username="mette", password="Sommerfugl-eng-2027")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    for _ in range(2):
        member = get(varnish + example.url, Cookie=cookie)
        assert member.status == 200 and member.headers["X-Cache"] == "MISS"
        assert (
            get(varnish + example.url, Cookie="csrftoken=x").headers["X-Cache"]
            == "MISS"
        )
        admin = get(varnish + "/admin/login/")
        assert admin.status == 200 and admin.headers["X-Cache"] == "MISS"
        # A form page sets the CSRF cookie: every visitor gets their own.
        form = get(varnish + "/foelg/?type=news")
        assert form.status == 200 and form.headers["X-Cache"] == "MISS"
        assert "csrftoken=" in form.headers["Set-Cookie"]
    # The member's requests left nothing in the cache for the anonymous.
    assert not get(varnish + example.url).hit

    path, listing = example.url, example.get_parent().url
    # A search as typed: cached, though the editors' report counts it (the
    # hub counts what it answers itself, search/counting.py).
    search = "/soeg/?q=bistader"
    first = get(varnish + path, **{"Accept-Encoding": "br"})
    assert first.status == 200 and not first.hit
    assert get(varnish + listing).status == 200
    assert get(varnish + unrelated.url).status == 200
    assert "Vild eng med bistader" not in get(varnish + search).words
    again = get(varnish + path, **{"Accept-Encoding": "br"})
    assert again.hit and again.headers["Content-Encoding"] == "br"
    assert int(again.headers["Age"]) >= 0
    assert "X-Cache-Tags" not in again.headers  # the hub's, not the public's
    assert get(varnish + listing).hit
    assert get(varnish + search).hit
    assert get(varnish + unrelated.url).hit

    example.title = "Vild eng med bistader"
    example.save_revision().publish()
    # At once: the purge is sent before publish() returns here (tasks run
    # immediately in tests; in production the worker sends it, polling every
    # 0.5 s). No wall-clock bound: rendering on a loaded CI machine is not
    # what this measures.
    fresh = get(varnish + path)
    assert not fresh.hit and "Vild eng med bistader" in fresh.text
    new_listing = get(varnish + listing)
    assert not new_listing.hit and "Vild eng med bistader" in new_listing.text
    found = get(varnish + search)
    # Found: the search marks the words it matched, hence the text's words.
    assert not found.hit and "Vild eng med bistader" in found.words
    assert get(varnish + path).hit  # cached again, the new version
    # Counted when the hub answered it (before and after the publish), not
    # when the proxy did from its copy.
    assert SearchQueryWeek.objects.get(query="bistader").searches == 2
    # Shows nothing of the example: the page's ban left it.
    assert get(varnish + unrelated.url).hit

    PageViewRestriction.objects.create(
        page=example, restriction_type=PageViewRestriction.LOGIN
    )
    private = get(varnish + path)
    assert not private.hit and private.status == 302
    assert "next=" in private.headers["Location"]
    assert "Vild eng med bistader" not in private.text
    # Any change but a page's own bans every cached answer.
    assert not get(varnish + unrelated.url).hit
