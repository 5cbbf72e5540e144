"""A live hub in a process of its own, on the test's database, for tests whose
requests must really overlap.

pytest-django's live_server runs in the test's process and, on SQLite, hands
every request thread the test's one in-memory connection, so concurrent
requests interleave on a single connection; a shared-cache in-memory database
opened per thread instead refuses readers while a writer is busy. Neither is
how the hub runs. Here the server is a separate process with a connection per
request thread: on PostgreSQL it opens the test database; on SQLite the
in-memory test database is copied to a file (WAL, busy timeout, as in the
embedded default) and copied back when the server stops, so the test reads
what the server wrote.

Use it in a transactional test (`@pytest.mark.django_db(transaction=True)`),
after the data the server needs is created.
"""

from __future__ import annotations

import os
import select
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

SRC = Path(__file__).resolve().parents[3]

_SERVER = """
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

class Server(ThreadedWSGIServer):
    request_queue_size = 128

server = Server(("127.0.0.1", 0), Quiet, allow_reuse_address=False)
server.set_app(WSGIHandler())
print(server.server_port, flush=True)
server.serve_forever()
"""


def _postgres_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"])
    return (
        f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


@contextmanager
def live_hub(tmp_path: Path) -> Iterator[str]:
    """Start the hub on the test database; yields its base URL."""
    connection.ensure_connection()
    sqlite_file = None
    if connection.vendor == "sqlite":
        sqlite_file = tmp_path / "live.sqlite3"
        with sqlite3.connect(sqlite_file) as target:
            connection.connection.backup(target)
        database_url = f"sqlite:///{sqlite_file}"
    else:
        database_url = _postgres_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "almenhub.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(SRC),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVER],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        line = process.stdout.readline() if ready else ""
        if not line.strip().isdigit():
            raise RuntimeError("the live hub did not start")
        yield f"http://127.0.0.1:{int(line)}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        if sqlite_file is not None:
            with sqlite3.connect(sqlite_file) as source:
                source.backup(connection.connection)
