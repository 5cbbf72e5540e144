"""The follows' periodic jobs (found by almenhub.worker)."""

from __future__ import annotations

from datetime import timedelta

from almenhub.follows.digest import digest_run
from almenhub.follows.models import Frequency
from almenhub.follows.services import follows_prune_unconfirmed
from almenhub.worker.scheduling import periodic


@periodic(
    every=timedelta(days=1), name="follows.digests_send", timeout=timedelta(hours=2)
)
def follows_digests_send() -> str:
    # Daily: each follow is sent only when its own period (a day or a week)
    # has passed since its last check, so one daily job serves both.
    reports = [digest_run(frequency=frequency) for frequency in Frequency.values]
    return ", ".join(
        f"{r.frequency}: {r.mails_sent} sammendrag til {r.recipients} modtagere"
        for r in reports
    )


@periodic(every=timedelta(days=1), name="follows.unconfirmed_prune")
def follows_unconfirmed_prune() -> str:
    return f"{follows_prune_unconfirmed()} ubekræftede følg slettet"
