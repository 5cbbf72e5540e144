"""What the hub sends to the proxy in front (core/proxy.py): a published
page's URL by PURGE and one BAN per committed change, however many rows it
wrote, naming the tags of what shows the page (or none: everything, for
other content); nothing for rolled-back work. And the tags public answers
carry (X-Cache-Tags).

A loopback HTTP server stands in for Varnish and records the requests
(test_varnish.py runs the real one)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from wagtail.models import PageViewRestriction

from almenhub.contentpages.factories import content_page_create
from almenhub.examples.factories import example_create
from almenhub.examples.services import example_index_get_or_create
from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.projects.factories import project_create
from almenhub.projects.services import project_upsert
from almenhub.taxonomy.models import Theme
from almenhub.themepages.factories import section, theme_hub_create

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []
    ban_tags: list[str | None] = []

    def _record(self) -> None:
        Recorder.seen.append((self.command, self.path))
        if self.command == "BAN":
            Recorder.ban_tags.append(self.headers.get("X-Ban-Tags"))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_BAN = _record  # noqa: N815 - http.server's naming

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy():
    Recorder.seen = []
    Recorder.ban_tags = []
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
    Recorder.ban_tags.clear()
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
    # What may show the page: its own answer, what links it or lists its
    # kind, its parent's own answer, and the listings without a page.
    parent = example.get_parent()
    assert Recorder.ban_tags == [
        " ".join(
            sorted(
                {
                    f"p{example.pk}",
                    f"s{example.pk}",
                    f"t{example.content_type_id}",
                    f"s{parent.pk}",
                    "lists",
                }
            )
        )
    ]


def test_other_content_and_moves_ban_everything(
    proxy, example, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.create(name="Andet selskab", kind=OrganisationKind.HOUSING)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=example, restriction_type=PageViewRestriction.LOGIN
        )
    with django_capture_on_commit_callbacks(execute=True):
        other = content_page_create(title="Andet afsnit")
        Recorder.ban_tags.clear()
        example.move(other, pos="last-child")
    assert Recorder.ban_tags[-1] is None
    assert all(tags is None for tags in Recorder.ban_tags)


def test_public_answers_carry_what_they_show(
    client, proxy, example, programme, seed_record
):
    project = project_upsert(programme=programme, record=seed_record).page
    about = content_page_create(title="Om foreningen")
    page = client.get(example.url)
    tags = set(page["X-Cache-Tags"].split())
    # Its own answer, and the pages it links (the menu's index pages).
    assert {f"s{example.pk}", f"p{example.pk}", f"t{example.content_type_id}"} <= tags
    assert f"p{example.get_parent().pk}" in tags and "lists" not in tags
    unrelated = set(client.get(about.url)["X-Cache-Tags"].split())
    assert f"t{example.content_type_id}" not in unrelated
    assert f"t{project.content_type_id}" not in unrelated
    assert f"s{about.pk}" in unrelated
    listing = set(client.get(programme.url)["X-Cache-Tags"].split())
    assert {
        f"s{programme.pk}",
        f"p{project.pk}",
        f"t{project.content_type_id}",
    } <= listing
    # Searches, feeds and the API are not a page's own answer.
    for path in ("/soeg/?q=eng", "/feeds/rss/", "/api/v1/projects/"):
        response = client.get(path)
        assert "lists" in response["X-Cache-Tags"].split(), path
    api = client.get("/api/v1/projects/")["X-Cache-Tags"].split()
    assert f"p{project.pk}" in api  # the API's absolute URLs count as links
    # Members' answers carry none: the proxy never keeps them.
    client.force_login(get_user_model().objects.create_user("mette", "m@example.dk"))
    assert "X-Cache-Tags" not in client.get(example.url)


def test_no_tags_without_a_proxy(client, example, settings):
    del settings.WAGTAILFRONTENDCACHE  # as without VARNISH_URL
    assert "X-Cache-Tags" not in client.get(example.url)


def test_rolled_back_work_sends_nothing(
    proxy, example, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            example.save_revision().publish()
            raise RuntimeError("rolled back")
    assert proxy == []


def test_a_new_page_bans_the_pages_that_list_its_kind_by_query_only(
    client, programme, home_page, proxy, django_capture_on_commit_callbacks
):
    # `proxy` after the pages of the fixtures: their purges, never committed
    # here, would otherwise take in the test's own.
    """A page's own answer that shows nothing of a kind yet is left by a new
    page of that kind, unless it lists pages by a query of its own: the
    front page (newest projects, counts per theme) and a theme page (the
    theme's newest pages of each section's kind)."""
    nature = Theme.objects.get(slug="natur-og-biodiversitet")
    with django_capture_on_commit_callbacks(execute=True):
        hub = theme_hub_create(
            title="Natur", themes=[nature], sections=[section("Projekter", "projects")]
        )
        about = content_page_create(title="Om foreningen")
    answers = {page: client.get(page.url) for page in (home_page, hub, about)}
    assert all(a.status_code == 200 for a in answers.values())
    assert "Vild eng i gården" not in answers[hub].content.decode()
    tags = {page: set(a["X-Cache-Tags"].split()) for page, a in answers.items()}
    Recorder.ban_tags.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_create(programme=programme, title="Vild eng i gården", themes=[nature])
    assert Recorder.ban_tags and None not in Recorder.ban_tags
    banned = set().union(*(b.split() for b in Recorder.ban_tags))
    # They show the new page now, so their copies must go.
    assert "Vild eng i gården" in client.get(hub.url).content.decode()
    assert tags[hub] & banned and tags[home_page] & banned
    # A page that shows nothing of the kind and lists nothing stays cached.
    assert not tags[about] & banned
