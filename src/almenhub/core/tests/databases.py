"""Migrated test databases, made once per run (scripts/run-tests.sh).

Migrating a database costs 40-70 s on this machine; copying a migrated
template costs well under one. So `scripts/run-tests.sh` migrates one
template (a SQLite file, or a PostgreSQL database), hands the main run a
copy of it (pytest `--reuse-db` then finds nothing to migrate), and runs the
isolated tests in one more process, where each such test starts from a
fresh copy of the template (`restore`, called by the root conftest): an
isolated test is transactional, and its flush would otherwise take the
migrations' seed data (home page, themes, indicators) from the tests after
it.

The template is made with `manage.py migrate` under the test settings, as
the test runner itself would migrate an empty database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[4]
TEMPLATE_NAME = "almenhub_test_template"
TEMPLATE_FILE = "template.sqlite3"
# The environment variable that tells the conftest where the template is.
TEMPLATE_DIR_VARIABLE = "ALMENHUB_TEST_TEMPLATE_DIR"


def _pg_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _pg_execute(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for sql in statements:
            connection.execute(sql)


def _with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def clone_name(name: str) -> str:
    """The PostgreSQL database of the copy called `name`."""
    return f"test_{TEMPLATE_NAME}_{name}"


def template(directory: Path) -> None:
    """Migrates the template database (into `directory` for SQLite)."""
    directory.mkdir(parents=True, exist_ok=True)
    pg = _pg_url()
    if pg:
        _pg_execute(
            pg,
            f'DROP DATABASE IF EXISTS "{TEMPLATE_NAME}"',
            f'CREATE DATABASE "{TEMPLATE_NAME}"',
        )
        url = _with_database(pg, TEMPLATE_NAME)
    else:
        url = f"sqlite:///{directory / TEMPLATE_FILE}"
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


def clone(directory: Path, name: str) -> list[str]:
    """Makes the copy `name`; returns the `KEY=value` lines of the
    environment a test process uses it with."""
    pg = _pg_url()
    data = directory / name
    data.mkdir(parents=True)
    lines = [f"ALMENHUB_TEST_DATA_DIR={data}"]
    if pg:
        database = clone_name(name)
        _pg_execute(pg, f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE_NAME}"')
        lines.append(f"ALMENHUB_TEST_DB_NAME={database}")
    else:
        # settings/test.py puts SQLite's test database in the data folder.
        shutil.copyfile(directory / TEMPLATE_FILE, data / "test.sqlite3")
    return lines


def restore(directory: Path, test_database: str) -> None:
    """Puts a fresh copy of the template in place of the test database
    `test_database` (its PostgreSQL name, or its SQLite file). The caller
    closes its own connections first."""
    pg = _pg_url()
    if pg:
        _pg_execute(
            pg,
            f'DROP DATABASE IF EXISTS "{test_database}" WITH (FORCE)',
            f'CREATE DATABASE "{test_database}" TEMPLATE "{TEMPLATE_NAME}"',
        )
        return
    target = Path(test_database)
    fresh = target.with_name(target.name + ".fresh")
    shutil.copyfile(directory / TEMPLATE_FILE, fresh)
    # The old file's write-ahead log must not be applied to the new file.
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(fresh, target)


def drop(directory: Path, name: str) -> None:
    pg = _pg_url()
    if pg:
        _pg_execute(pg, f'DROP DATABASE IF EXISTS "{clone_name(name)}" WITH (FORCE)')
    shutil.rmtree(directory / name, ignore_errors=True)
