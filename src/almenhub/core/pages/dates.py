"""A live page always has its publish dates.

Wagtail sets `first_published_at` and `last_published_at` only when a
revision is published. A page can go live without that: added with
`add_child` while `live` is True (its default; the demo's programmes, the
index pages, the importer's publications), or overwritten by a stale copy
saved after its revision was published (the copy still holds the dates it
was read with, None for a new page). Such a page has a feed date of "now"
on every fetch and is never seen by `updated_since` harvesters.

Every page save passes here: a live page missing a date gets the one the
database holds (a stale copy), or else the moment it goes live.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.models import Page

DATE_FIELDS = ("first_published_at", "last_published_at")


def live_page_dates_fill(
    sender: type, instance: Any, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not isinstance(instance, Page) or not instance.live:
        return
    if instance.first_published_at and instance.last_published_at:
        return
    stored: dict[str, Any] = {}
    if instance.pk is not None:
        stored = Page.objects.filter(pk=instance.pk).values(*DATE_FIELDS).first() or {}
    first = (
        instance.first_published_at
        or stored.get("first_published_at")
        or instance.last_published_at
        or timezone.now()
    )
    instance.first_published_at = first
    instance.last_published_at = (
        instance.last_published_at or stored.get("last_published_at") or first
    )


def connect() -> None:
    pre_save.connect(live_page_dates_fill, dispatch_uid="almenhub-live-page-dates")
