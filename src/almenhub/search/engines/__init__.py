from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

from almenhub.search.engines.base import SearchEngine

_engines: dict[tuple[str, str], SearchEngine] = {}
_lock = threading.Lock()


def configured_engine_name() -> str:
    name = settings.ALMENHUB_SEARCH_ENGINE or "auto"
    if name == "auto":
        return "postgres" if connection.vendor == "postgresql" else "embedded"
    return name


def get_engine(name: str | None = None) -> SearchEngine:
    name = name or configured_engine_name()
    if name == "postgres" and connection.vendor != "postgresql":
        raise ValueError("PostgreSQL-søgning kræver en PostgreSQL-database.")
    path = str(settings.ALMENHUB_SEARCH_INDEX_DIR) if name == "embedded" else ""
    with _lock:
        engine = _engines.get((name, path))
        if engine is None:
            if name == "embedded":
                # lazy: each engine's module is loaded only where it is used
                from almenhub.search.engines.embedded import EmbeddedEngine

                engine = EmbeddedEngine(Path(path))
            elif name == "postgres":
                # lazy: each engine's module is loaded only where it is used
                from almenhub.search.engines.postgres import PostgresEngine

                engine = PostgresEngine()
            else:
                raise ValueError(f"Ukendt søgemaskine: {name}")
            _engines[(name, path)] = engine
    return engine


def available_engine_names() -> list[str]:
    names = ["embedded"]
    if connection.vendor == "postgresql":
        names.append("postgres")
    return names
