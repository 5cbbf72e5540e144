"""Retire the anonymous page cache, and empty the caching proxy in front
(core/proxy.py), whenever published content changes, a page's view
restriction (in wagtailcore) included."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate
from wagtail.signals import page_published, page_unpublished, post_page_move

from almenhub.core.content import content_app_labels
from almenhub.core.middleware import page_cache_purge_after_change
from almenhub.core.proxy import (
    proxy_purge_after_change,
    proxy_purges_pause,
    proxy_purges_resume,
)


def purge(sender, instance=None, **kwargs) -> None:
    page_cache_purge_after_change()
    proxy_purge_after_change(page=instance)


def purge_for_content(sender, **kwargs) -> None:
    if sender._meta.app_label in content_app_labels() and sender.__name__ != "Revision":
        page_cache_purge_after_change()
        proxy_purge_after_change()


def connect() -> None:
    page_published.connect(purge, dispatch_uid="almenhub-pagecache-published")
    page_unpublished.connect(purge, dispatch_uid="almenhub-pagecache-unpublished")
    post_page_move.connect(purge, dispatch_uid="almenhub-pagecache-moved")
    post_save.connect(purge_for_content, dispatch_uid="almenhub-pagecache-save")
    post_delete.connect(purge_for_content, dispatch_uid="almenhub-pagecache-delete")
    pre_migrate.connect(proxy_purges_pause, dispatch_uid="almenhub-proxy-migrating")
    post_migrate.connect(proxy_purges_resume, dispatch_uid="almenhub-proxy-migrated")
