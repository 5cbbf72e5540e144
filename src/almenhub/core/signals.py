"""Retire the anonymous page cache, and empty the caching proxy in front
(core/proxy.py), whenever published content changes, a page's view
restriction (in wagtailcore) included."""

from __future__ import annotations

from django.db.models import Model
from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate
from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from almenhub.core.content import is_public_content
from almenhub.core.middleware import page_cache_purge_after_change
from almenhub.core.proxy import (
    proxy_purge_after_change,
    proxy_purges_pause,
    proxy_purges_resume,
)


def purge(sender, instance=None, **kwargs) -> None:
    page_cache_purge_after_change()
    proxy_purge_after_change(page=instance)


def purge_moved(sender, instance=None, **kwargs) -> None:
    # The URLs below the page changed with it: every answer may link them.
    page_cache_purge_after_change()
    proxy_purge_after_change(page=instance, everything=True)


def owning_page(instance: Model | None) -> Page | None:
    """The page a row belongs to: the page itself, or the page of a child
    row (an inline's, through its ParentalKey), saved with the page."""
    if isinstance(instance, Page):
        return instance
    for field in type(instance)._meta.concrete_fields if instance else ():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            try:
                return getattr(instance, field.name)
            except Page.DoesNotExist:
                return None
    return None


def purge_for_content(sender, instance=None, **kwargs) -> None:
    if is_public_content(sender):
        page_cache_purge_after_change()
        # A page's rows (saved, deleted): what shows that page; anything
        # else (snippets, taxonomy, view restrictions, images): everything.
        page = owning_page(instance)
        if page is not None:
            proxy_purge_after_change(page=page)
        else:
            proxy_purge_after_change()


def connect() -> None:
    page_published.connect(purge, dispatch_uid="almenhub-pagecache-published")
    page_unpublished.connect(purge, dispatch_uid="almenhub-pagecache-unpublished")
    post_page_move.connect(purge_moved, dispatch_uid="almenhub-pagecache-moved")
    post_save.connect(purge_for_content, dispatch_uid="almenhub-pagecache-save")
    post_delete.connect(purge_for_content, dispatch_uid="almenhub-pagecache-delete")
    pre_migrate.connect(proxy_purges_pause, dispatch_uid="almenhub-proxy-migrating")
    post_migrate.connect(proxy_purges_resume, dispatch_uid="almenhub-proxy-migrated")
