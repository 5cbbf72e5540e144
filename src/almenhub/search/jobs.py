"""The search's periodic upkeep (see almenhub.worker.scheduling): changes a
crash left in the outbox are applied within minutes, and once a day the
index is compared with the public content and mended (`search_check`), and
the search statistics older than a year are removed."""

from __future__ import annotations

from datetime import timedelta

from almenhub.search.drift import search_drift_repair
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
