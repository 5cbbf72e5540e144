"""When the open data last changed, shared by every process (a stamp in the
shared cache, see core/stamps.py).

API responses are cached per URL under the current token, and Last-Modified
is the moment of the last change. Any save or delete in a content app, and
any publish, unpublish or move of a page, issues a new token, so a cached
response is never served after the content it was built from has changed.
A change made inside a transaction issues a token on commit, so that a
response cached from the old content in between is dropped too.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete, post_save

from almenhub.core.content import content_app_labels
from almenhub.core.stamps import Stamp

STATE_KEY = "opendata:state"


@dataclass(frozen=True)
class ContentState:
    token: str
    changed_at: datetime.datetime


def _new_state() -> tuple[str, float]:
    return uuid.uuid4().hex, datetime.datetime.now(tz=datetime.UTC).timestamp()


STATE = Stamp(STATE_KEY, make=_new_state)


def content_state() -> ContentState:
    # Unknown (first request, or the cache was cleared): a new period starts
    # now, so no client is told that older content is current.
    token, stamp = STATE.read()
    changed_at = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)
    return ContentState(token=token, changed_at=changed_at)


def content_changed() -> None:
    STATE.renew()


def _on_change(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    label = getattr(getattr(sender, "_meta", None), "app_label", "")
    if sender is not None and label not in content_app_labels():
        return
    STATE.renew_after_change()


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="opendata-freshness-save")
    post_delete.connect(_on_change, dispatch_uid="opendata-freshness-delete")
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(_on_change, dispatch_uid=f"opendata-freshness-{name}")
