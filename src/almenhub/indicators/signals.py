"""Keep `IndicatorValue.page_live` (and the example's organisation and
department the values carry) in step with whether its example page is
public: live, and outside every private section (core.pages.visibility).

Wagtail sends `page_published` and `page_unpublished` whatever the route
(editor, workflow approval, scheduled publishing, expiry), and every other
change of `live` goes through a save of the page; each of them re-reads the
flag from the database, so a stale page instance cannot write a wrong one.
A view restriction set or lifted on an example, or on a page above it, decides
for every example below it.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from almenhub.indicators.models import IndicatorValue, example_page_model


def values_live_sync(*, page_id: int) -> int:
    public = Page.objects.filter(pk=page_id).live().public().exists()
    return (
        IndicatorValue.objects.filter(page_id=page_id)
        .exclude(page_live=public)
        .update(page_live=public)
    )


def values_owner_sync(*, page_id: int) -> int:
    """The values carry their example's organisation and department (see
    IndicatorValue); read from the stored row, not a page instance that may
    hold a draft's."""
    owner = (
        example_page_model()
        ._default_manager.filter(pk=page_id)
        .values("organisation_id", "department_id")
        .first()
    )
    if owner is None:
        return 0
    return (
        IndicatorValue.objects.filter(page_id=page_id)
        .exclude(
            organisation_id=owner["organisation_id"],
            department_id=owner["department_id"],
        )
        .update(**owner)
    )


def values_section_sync(*, path: str) -> None:
    """Every example at or below `path`: a restriction there changed."""
    below = Page.objects.filter(path__startswith=path)
    public = below.live().public()
    values = IndicatorValue.objects.filter(page__path__startswith=path)
    values.filter(page__in=public).exclude(page_live=True).update(page_live=True)
    values.exclude(page__in=public).exclude(page_live=False).update(page_live=False)


def _on_restriction_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True)
    if path:
        values_section_sync(path=path[0])


def _on_page_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or not isinstance(instance, example_page_model()):
        return
    values_live_sync(page_id=instance.pk)
    values_owner_sync(page_id=instance.pk)


def connect() -> None:
    page_published.connect(_on_page_change, dispatch_uid="indicators_live_published")
    page_unpublished.connect(
        _on_page_change, dispatch_uid="indicators_live_unpublished"
    )
    post_save.connect(
        _on_page_change,
        sender=example_page_model(),
        dispatch_uid="indicators_live_saved",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"indicators_restriction_{signal is post_save}",
        )
