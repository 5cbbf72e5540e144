"""Page cache, database outage, security headers and production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext

from almenhub.core.middleware import page_cache_purge
from almenhub.projects.services import project_upsert

pytestmark = pytest.mark.django_db
ROOT = Path(django_settings.BASE_DIR)


def test_cached_project_page_costs_no_database_query(
    client, page_cache, programme, seed_record
):
    from django.db import connection

    page = project_upsert(programme=programme, record=seed_record).page
    first = client.get(page.url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    # Served as the page itself was: same headers, and a length, so that the
    # connection can be kept open (runserver closes it otherwise).
    for name in ("Content-Type", "Content-Language", "X-Frame-Options"):
        assert second[name] == first[name]
    assert second["Content-Length"] == str(len(second.content))


def test_publishing_retires_cached_pages(client, page_cache, programme, seed_record):
    page = project_upsert(programme=programme, record=seed_record).page
    client.get(page.url)
    page.title = "Ny titel på projektet"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ny titel på projektet" in response.content.decode()


def test_logged_in_users_and_forms_are_never_cached(
    client, page_cache, editor, programme, seed_record
):
    page = project_upsert(programme=programme, record=seed_record).page
    client.force_login(editor)
    response = client.get(page.url)
    assert "X-Page-Cache" not in response
    page_cache_purge()


def test_database_outage_answers_503_in_danish(client, monkeypatch, home_page):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "midlertidigt utilgængelig" in response.content.decode()
    monkeypatch.undo()
    assert client.get("/").status_code == 200


def test_security_headers_on_public_pages(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if "script-src" in p)
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_have_no_inline_scripts(client, programme, seed_record):
    from bs4 import BeautifulSoup

    page = project_upsert(programme=programme, record=seed_record).page
    for url in ("/", page.url, "/soeg/?q=drift", "/tema/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            executable = script.get("type", "text/javascript") in (
                "text/javascript",
                "module",
                "",
            )
            assert not (executable and script.string and script.string.strip()), url


def _production_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "almenhub.settings.production"
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _production_check(
        {
            "SECRET_KEY": "x" * 60
            + "-long-and-random-enough-for-the-deploy-check-0123",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "ALLOWED_HOSTS": "almenhub.example.dk",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_fail_loudly_without_secret(tmp_path):
    result = _production_check(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "ALLOWED_HOSTS": "almenhub.example.dk",
        }
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_make_run_server_accepts_bursts_of_connections(monkeypatch):
    from django.contrib.staticfiles.management.commands import runserver as base
    from django.core.management import get_commands, load_command_class
    from django.core.servers import basehttp

    assert get_commands()["runserver"] == "almenhub.core"
    seen = {}

    def fake_inner_run(self, *args, **options):
        seen["backlog"] = basehttp.WSGIServer.request_queue_size

    monkeypatch.setattr(base.Command, "inner_run", fake_inner_run)
    monkeypatch.setattr(basehttp.WSGIServer, "request_queue_size", 10)
    load_command_class("almenhub.core", "runserver").inner_run()
    assert seen["backlog"] >= 128
