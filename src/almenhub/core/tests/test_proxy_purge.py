"""What the hub sends to the proxy in front (core/proxy.py): a published
page's URL by PURGE and one BAN per committed change, however many rows it
wrote; nothing for rolled-back work.

A loopback HTTP server stands in for Varnish and records the requests
(test_varnish.py runs the real one)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import override_settings

from almenhub.examples.factories import example_create
from almenhub.examples.services import example_index_get_or_create
from almenhub.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def _record(self) -> None:
        Recorder.seen.append((self.command, self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_BAN = _record  # noqa: N815 - http.server's naming

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy():
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    location = f"http://127.0.0.1:{server.server_port}"
    with override_settings(
        WAGTAILFRONTENDCACHE={
            "varnish": {
                "BACKEND": "almenhub.core.proxy.VarnishBackend",
                "LOCATION": location,
            }
        }
    ):
        yield Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def example(home_page, proxy, django_capture_on_commit_callbacks):
    # Its own writes' purges are sent here, before the test's.
    with django_capture_on_commit_callbacks(execute=True):
        index = example_index_get_or_create()
        organisation = Organisation.objects.create(
            name="Boligselskabet Test", kind=OrganisationKind.HOUSING
        )
        page = example_create(index, title="Vild eng", organisation=organisation)
    proxy.clear()
    return page


def test_a_publish_purges_its_page_and_bans_once_at_commit(
    proxy, example, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            example.title = "Vild eng med bistader"
            example.save_revision().publish()
            example.save_revision().publish()
            assert proxy == []  # not before the commit
    assert sorted(proxy) == [("BAN", "/"), ("PURGE", example.url)]


def test_rolled_back_work_sends_nothing(
    proxy, example, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            example.save_revision().publish()
            raise RuntimeError("rolled back")
    assert proxy == []
