"""Migrated test databases for the isolated tests, made once per run.

Each isolated test runs in a process of its own with a database of its own
(it flushes it). Migrating a fresh database for each costs 15-30 s; copying a
migrated template costs well under one. `make` runs:

    test_db.py template DIR       migrate a template (SQLite file or PG database)
    test_db.py clone DIR NAME     a copy of it; prints the environment to use
    test_db.py drop DIR NAME      remove a copy

The template is made with `manage.py migrate` under the test settings, which
is what the test runner itself runs on an empty database; pytest then reuses
the copy (`--reuse-db`), so its own `migrate` finds nothing to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_NAME = "almenhub_test_template"


def _pg_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _pg_execute(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return parts._replace(path=f"/{name}").geturl()


def template(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    pg = _pg_url()
    if pg:
        _pg_execute(pg, f'DROP DATABASE IF EXISTS "{TEMPLATE_NAME}"')
        _pg_execute(pg, f'CREATE DATABASE "{TEMPLATE_NAME}"')
        url = _with_database(pg, TEMPLATE_NAME)
    else:
        url = f"sqlite:///{directory / 'template.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "almenhub.settings.test",
        "DATABASE_URL": url,
        "ALMENHUB_TEST_DATA_DIR": str(directory / "data"),
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
        check=True,
        env=env,
    )
    if pg:
        # A template may not have connections while it is copied.
        _pg_execute(
            pg, f'ALTER DATABASE "{TEMPLATE_NAME}" WITH ALLOW_CONNECTIONS false'
        )


def clone(directory: Path, name: str) -> None:
    """Prints `KEY=value` lines for the test process's environment."""
    pg = _pg_url()
    data = directory / name
    data.mkdir(parents=True)
    if pg:
        database = f"test_{TEMPLATE_NAME}_{name}"
        _pg_execute(pg, f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE_NAME}"')
        sys.stdout.write(f"ALMENHUB_TEST_DB_NAME={database}\n")
    else:
        # settings/test.py puts SQLite's test database in the data folder.
        shutil.copyfile(directory / "template.sqlite3", data / "test.sqlite3")
    sys.stdout.write(f"ALMENHUB_TEST_DATA_DIR={data}\n")


def drop(directory: Path, name: str) -> None:
    pg = _pg_url()
    if pg:
        _pg_execute(
            pg, f'DROP DATABASE IF EXISTS "test_{TEMPLATE_NAME}_{name}" WITH (FORCE)'
        )
    shutil.rmtree(directory / name, ignore_errors=True)


if __name__ == "__main__":
    command, directory, *rest = sys.argv[1:]
    {"template": template, "clone": clone, "drop": drop}[command](
        Path(directory), *rest
    )
