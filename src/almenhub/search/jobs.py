"""The search's periodic upkeep (see almenhub.worker.scheduling): changes a
crash left in the outbox are applied within minutes, and once a day the
index is compared with the public content and mended (`search_check`), the
PostgreSQL engine's broad-term lists are built afresh, and the search
statistics older than a year are removed."""

from __future__ import annotations

from datetime import timedelta

from almenhub.search.drift import search_drift_repair
from almenhub.search.engines import configured_engine_name, get_engine
from almenhub.search.insight import search_queries_prune
from almenhub.search.services import search_outbox_drain
from almenhub.worker.scheduling import periodic


@periodic(every=timedelta(minutes=5), name="search.outbox_drain")
def search_outbox_apply() -> str:
    return f"{search_outbox_drain()} ventende søgeændringer udført"


@periodic(every=timedelta(days=1), name="search.drift_repair")
def search_drift_mend() -> str:
    drift = search_drift_repair()
    return "; ".join(drift.lines())


@periodic(every=timedelta(days=1), name="search.query_weeks_prune")
def search_query_weeks_prune() -> str:
    return f"{search_queries_prune()} gamle søgeuger slettet"


@periodic(every=timedelta(days=1), name="search.top_lists_refresh")
def search_top_lists_refresh() -> str:
    """A term that became broad since the last rebuild gets its list, and
    lists that deletions thinned are whole again. Without this, such terms'
    queries are ranked in full: slower, never other results."""
    if configured_engine_name() != "postgres":
        return "ingen toplister: søgningen bruger ikke PostgreSQL"
    # lazy: the PostgreSQL engine's module is loaded only where it is used
    from almenhub.search.engines.postgres import PostgresEngine

    engine = get_engine("postgres")
    assert isinstance(engine, PostgresEngine)
    return f"toplister bygget på ny for {engine.refresh_top_lists()} brede ord"
