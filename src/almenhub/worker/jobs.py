"""Periodic jobs of the framework parts no domain app owns."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils.module_loading import import_string

from almenhub.worker.scheduling import periodic


@periodic(every=timedelta(days=1), name="sessions.clear_expired")
def sessions_clear_expired() -> str:
    # What `manage.py clearsessions` does; a cache-backed store expires its
    # own and has nothing to clear.
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    engine.clear_expired()
    return f"udløbne sessioner ryddet ({settings.SESSION_ENGINE})"
