"""The embedded index damaged under a running server: its segment files
truncated, then overwritten with garbage of the same size, while a real
server process (`runserver --noreload`, DEBUG off) answers searches. Before,
the first made every process die of SIGBUS on the next search (Tantivy maps
its files), the second made every search a 500."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from .test_index_damage import overwrite, segment_files, shared_is_intact, truncate

SETTINGS = """
import os
from pathlib import Path
from almenhub.settings.test import *  # noqa: F403
ALMENHUB_SEARCH_ENGINE = "embedded"
ALMENHUB_SEARCH_INDEX_DIR = Path(os.environ["ROBUST_INDEX_DIR"])
"""
SECONDS = 30


def database_url(tmp_path: Path) -> str:
    """A database the server process can open, holding this test's data."""
    if connection.vendor == "sqlite":  # the test database lives in memory
        target = tmp_path / "server.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}"
    db = connection.settings_dict
    return (
        f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
        f"@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def server(tmp_path, extra_pages):
    (tmp_path / "robust_server_settings.py").write_text(SETTINGS)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "robust_server_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path("src").resolve())]),
        "DATABASE_URL": database_url(tmp_path),
        "ROBUST_INDEX_DIR": str(django_settings.ALMENHUB_SEARCH_INDEX_DIR),
    }
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, (tmp_path / "server.log").read_text()
        try:
            get(f"{base}/robots.txt")
            break
        except OSError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
    yield base, process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def searches_survive(base: str, process: subprocess.Popen, path: Path) -> float:
    """Search for SECONDS at most: never a 5xx, the server alive throughout,
    until it has results and the shared folder is whole again. Returns how
    long that took."""
    started = time.monotonic()
    while True:
        status, body = get(f"{base}/soeg/?q=snerydning")
        assert status < 500, body[:500]
        status, api = get(f"{base}/api/v1/search/?q=snerydning")
        assert status < 500, api[:500]
        assert process.poll() is None, "the server process died"
        answered = status == 200 and json.loads(api)["total"] == 1
        if answered and ">1 resultat<" in body and shared_is_intact(path):
            return time.monotonic() - started
        assert time.monotonic() - started < SECONDS, "no results within 30 s"
        time.sleep(0.2)


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_server_survives_a_damaged_index(server, settings):
    base, process = server
    path = Path(settings.ALMENHUB_SEARCH_INDEX_DIR)
    status, body = get(f"{base}/soeg/?q=snerydning")
    assert status == 200 and ">1 resultat<" in body

    for damage in (truncate, overwrite):
        for file in segment_files(path):
            damage(file)
        assert not shared_is_intact(path)
        assert searches_survive(base, process, path) < SECONDS
