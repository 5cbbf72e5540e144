"""Keep the search in step with the content as editors work.

Publishing, unpublishing, moving and deleting a page update its document at
once; a moved page takes its descendants (whose URLs changed) along.
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from almenhub.search.registry import kind_for_model
from almenhub.search.services import search_index_objects, search_remove_object

logger = logging.getLogger(__name__)


def _is_searchable(instance) -> bool:
    return kind_for_model(type(instance)) is not None


def on_published(sender, instance, **kwargs) -> None:
    if _is_searchable(instance):
        search_index_objects([instance.specific])


def on_unpublished(sender, instance, **kwargs) -> None:
    if _is_searchable(instance):
        search_remove_object(instance)


def on_moved(sender, instance, **kwargs) -> None:
    moved = Page.objects.get(pk=instance.pk)
    pages = [moved, *moved.get_descendants()]
    searchable = [p.specific for p in pages if kind_for_model(p.specific_class)]
    search_index_objects(searchable)


def on_deleted(sender, instance, **kwargs) -> None:
    if _is_searchable(instance):
        search_remove_object(instance)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="almenhub-search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="almenhub-search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="almenhub-search-moved")
    for subclass in Page.__subclasses__():
        _connect_delete(subclass)


def _connect_delete(model) -> None:
    post_delete.connect(
        on_deleted, sender=model, dispatch_uid=f"almenhub-search-del-{model.__name__}"
    )
    for subclass in model.__subclasses__():
        _connect_delete(subclass)
