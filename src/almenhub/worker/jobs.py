"""Periodic jobs of the framework parts no domain app owns."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.module_loading import import_string

from almenhub.worker.scheduling import periodic


@periodic(every=timedelta(days=1), name="sessions.clear_expired")
def sessions_clear_expired() -> str:
    # What `manage.py clearsessions` does; a cache-backed store expires its
    # own and has nothing to clear.
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    engine.clear_expired()
    return f"udløbne sessioner ryddet ({settings.SESSION_ENGINE})"


@periodic(every=timedelta(days=1), name="database.statistics")
def database_statistics() -> str:
    """SQLite plans every query from the statistics ANALYZE leaves; without
    them, or with those of a much smaller database, it walks the wrong index
    (the value register's figures in a theme read 2x slower at 50,000
    examples). Refreshed daily as the content grows. PostgreSQL's autovacuum
    keeps its own."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return f"intet at gøre ({connection.vendor} holder selv statistikken)"
    with connection.cursor() as cursor:
        # Each index sampled (about 1,000 rows), not read whole: ANALYZE
        # holds the one write lock while it runs, and editors wait behind it.
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1")
        (rows,) = cursor.fetchone()
    return f"statistik for forespørgselsplanerne opdateret ({rows} indeks og tabeller)"
