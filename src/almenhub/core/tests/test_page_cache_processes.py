"""A change made in one process retires the cached pages of every other.

Two processes on one database, as the default deployment runs them: a web
server (`manage.py runserver`) that caches pages for anonymous visitors, and
another process that writes (an editor's, an import's or a worker's). A view
restriction set, lifted, and an unpublish in the second are seen by the
first at once, not after the cache's ten minutes.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from almenhub.projects.services import project_upsert

ROOT = Path(settings.BASE_DIR)

# The writing process: one line in, one change made, "ok" out. Each change
# in a transaction of its own, as a request or an import batch makes it.
WRITER = """
import sys
import django
django.setup()
from django.db import transaction
from wagtail.models import Page, PageViewRestriction
page = Page.objects.get(pk=int(sys.argv[1])).specific
print("ready", flush=True)
for line in sys.stdin:
    with transaction.atomic():
        if line.strip() == "restrict":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
        elif line.strip() == "lift":
            PageViewRestriction.objects.filter(page=page).delete()
        elif line.strip() == "unpublish":
            page.unpublish()
    print("ok", flush=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read().decode()
            return response.status, response.headers.get("X-Page-Cache", ""), body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache", ""), ""


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_in_one_process_retires_cached_pages_in_the_other(
    programme, seed_record, hub_environment
):
    page = project_upsert(programme=programme, record=seed_record).page
    env = {**hub_environment(), "ALMENHUB_TEST_PAGE_CACHE_SECONDS": "600"}
    port = free_port()
    url = f"http://127.0.0.1:{port}{page.url}"
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--skip-checks",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(page.pk)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def write(change: str) -> None:
        writer.stdin.write(change + "\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "ok"

    try:
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt", server)
        assert writer.stdout.readline().strip() == "ready"
        teaser = seed_record.teaser
        assert get(url)[:2] == (200, "miss")
        status, cached, body = get(url)
        assert (status, cached) == (200, "hit") and teaser in body

        write("restrict")
        status, cached, body = get(url)
        assert cached != "hit" and teaser not in body
        assert 'name="password"' in body  # Wagtail's form instead of the page

        write("lift")
        status, cached, body = get(url)
        assert (status, cached) == (200, "miss") and teaser in body
        assert get(url)[:2] == (200, "hit")

        write("unpublish")
        assert get(url)[0] == 404
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        server.kill()
        server.wait(timeout=30)


@pytest.mark.django_db
def test_a_batch_of_changes_renews_the_stamp_once_at_its_commit(programme, seed_record):
    from django.db import connection

    from almenhub.core.middleware import PAGE_CACHE_VERSION, page_cache_version

    before = page_cache_version()  # read in this process: renewed at once
    page = project_upsert(programme=programme, record=seed_record).page
    first = page_cache_version()
    for n in range(3):
        page.title = f"Titel {n}"
        page.save()
    assert first != before
    assert page_cache_version() != first  # read since: renewed again
    unread = page_cache_version()
    PAGE_CACHE_VERSION._read_since_renewal = False  # as in an import's process
    for n in range(3):
        page.title = f"Import {n}"
        page.save()
    assert page_cache_version() == unread  # nobody read it: left to the commit
    # The test's transaction is never committed; its commit would renew once.
    renewals = [e for e in connection.run_on_commit if e[1] == PAGE_CACHE_VERSION.renew]
    assert len(renewals) == 1
