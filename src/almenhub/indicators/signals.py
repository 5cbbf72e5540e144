"""Keep `IndicatorValue.page_live` in step with its example page's `live`.

Wagtail sends `page_published` and `page_unpublished` whatever the route
(editor, workflow approval, scheduled publishing, expiry), and every other
change of `live` goes through a save of the page; each of them re-reads the
flag from the database, so a stale page instance cannot write a wrong one.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from almenhub.indicators.models import IndicatorValue


def values_live_sync(*, page_id: int) -> int:
    live = Page.objects.filter(pk=page_id).values_list("live", flat=True).first()
    return (
        IndicatorValue.objects.filter(page_id=page_id)
        .exclude(page_live=bool(live))
        .update(page_live=bool(live))
    )


def _on_page_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    from almenhub.examples.models import ExamplePage

    if kwargs.get("raw") or not isinstance(instance, ExamplePage):
        return
    values_live_sync(page_id=instance.pk)


def connect() -> None:
    from almenhub.examples.models import ExamplePage

    page_published.connect(_on_page_change, dispatch_uid="indicators_live_published")
    page_unpublished.connect(
        _on_page_change, dispatch_uid="indicators_live_unpublished"
    )
    post_save.connect(
        _on_page_change, sender=ExamplePage, dispatch_uid="indicators_live_saved"
    )
