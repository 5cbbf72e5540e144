"""Fixtures shared by the apps' tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from wagtail.models import Page

from almenhub.core.tests import databases
from almenhub.home.models import HomePage
from almenhub.projects.models import ProgrammePage
from almenhub.projects.records import ProjectRecord
from almenhub.projects.tests.records import seed_record_build


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """An isolated test starts on a fresh copy of the migrated template when
    scripts/run-tests.sh runs them (core/tests/databases.py), before any of
    its fixtures: the isolated test before it flushed the database."""
    directory = os.environ.get(databases.TEMPLATE_DIR_VARIABLE)
    if directory is None or item.get_closest_marker("isolated") is None:
        return
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    databases.restore(Path(directory), settings.DATABASES["default"]["TEST"]["NAME"])


@pytest.fixture(autouse=True)
def _empty_local_cache():
    """Each test starts with an empty local cache, as its database starts
    without the last test's rows: Wagtail keeps the sites' root paths there,
    and a site a test made (and rolled back) would otherwise make every later
    page's address absolute."""
    from django.core.cache import caches

    from almenhub.indicators.caching import kept_in_process_clear
    from almenhub.search.memo import memos_clear
    from almenhub.search.planner import planner_memo_clear

    caches["default"].clear()
    kept_in_process_clear()  # the value register's indicators
    planner_memo_clear()  # the search's plans, kept per process like the cache
    memos_clear()  # and its counts and promotions


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on (settings/test.py has it off),
    empty at the start and at the end."""
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def hub_wsgi(page_cache):
    """The hub as the WSGI server calls it, page cache on (core/tests/wsgi.py)."""
    from almenhub.core.tests.wsgi import hub_wsgi

    yield from hub_wsgi()


@pytest.fixture(autouse=True)
def _search_index_per_test(settings, tmp_path):
    """Each test gets its own embedded index, as it gets its own database."""
    settings.ALMENHUB_SEARCH_INDEX_DIR = tmp_path / "search-index"


@pytest.fixture
def home_page(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def programme(home_page) -> ProgrammePage:
    page = ProgrammePage(title="Udviklingsprojekter", slug="udviklingsprojekter")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def seed_record() -> ProjectRecord:
    """The seed page's fields (projects/tests/records.py)."""
    return seed_record_build()


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="redaktoer", email="redaktoer@example.dk", password="hemmelig-kode-42"
    )


def root_page() -> Page:
    return Page.objects.get(depth=1)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the browser tests of a module."""
    from playwright.sync_api import sync_playwright

    from almenhub.core.tests.browser import CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # the tests make beside it are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def demo_site(db):
    """The whole demo (what `make run` shows), indexed for search."""
    from almenhub.demo.services import demo_load

    demo_load()


EDITOR_PASSWORD = "redaktoer-kode-2027"


@pytest.fixture
def editor_tab(live_server, browser, demo_site, django_user_model):
    """A logged-in editor's browser tab on the live demo, watched for errors.

    ALMENHUB_TEST_SHOTS=<folder> keeps a screenshot of the last screen.
    """
    from almenhub.core.tests.browser import PageWatch, admin_log_in

    django_user_model.objects.create_superuser(
        username="redaktoer", email="redaktoer@example.dk", password=EDITOR_PASSWORD
    )
    # The browser asks for English; the admin must still speak Danish.
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch = PageWatch(page)
    admin_log_in(page, live_server.url, "redaktoer", EDITOR_PASSWORD)
    watch.assert_clean("login")
    yield page, watch
    if shots := os.environ.get("ALMENHUB_TEST_SHOTS"):
        page.screenshot(path=f"{shots}/editor-last.png")
    context.close()


@pytest.fixture
def hub_environment(tmp_path, transactional_db):
    """Makes the environment for a `manage.py` (or hub) process that shares
    this test's database, and has a data folder of its own: PostgreSQL's
    test database itself, or a file copy of SQLite's, taken when called (so
    make the data first). For tests marked isolated, with transaction=True."""
    from django.db import connection

    def environment() -> dict[str, str]:
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            url = (
                f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:"
                f"{s['PORT']}/{s['NAME']}"
            )
        else:
            copy = tmp_path / "hub.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(copy)])
            url = f"sqlite:///{copy}"
        data = tmp_path / "hub-data"
        data.mkdir()
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
            "DJANGO_SETTINGS_MODULE": "almenhub.settings.test",
            "DATABASE_URL": url,
            "ALMENHUB_TEST_DATA_DIR": str(data),
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        }

    return environment
