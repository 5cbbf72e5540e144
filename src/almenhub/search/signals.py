"""Keep the search in step with the content as editors work.

Publishing, unpublishing, moving and deleting a page update its document at
once; a moved page takes its descendants (whose URLs changed) along, and so
does a view restriction set or lifted on a page (it hides or shows the whole
section below it).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from almenhub.core.backup import restored
from almenhub.core.pages.visibility import descendants_inclusive
from almenhub.search.models import SynonymGroup
from almenhub.search.planner import glossary_changed
from almenhub.search.registry import kind_for_model
from almenhub.search.services import (
    engine_reindex_from_table,
    search_index_objects,
    search_remove_object,
)

logger = logging.getLogger(__name__)


def _is_searchable(instance) -> bool:
    return kind_for_model(type(instance)) is not None


def on_published(sender, instance, **kwargs) -> None:
    if _is_searchable(instance):
        search_index_objects([instance.specific])


def on_unpublished(sender, instance, **kwargs) -> None:
    if _is_searchable(instance):
        search_remove_object(instance)


def _index_section(page: Page) -> None:
    pages = descendants_inclusive(page).specific()
    search_index_objects([p for p in pages if _is_searchable(p)])


def on_moved(sender, instance, **kwargs) -> None:
    _index_section(Page.objects.get(pk=instance.pk))


def on_restriction_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    # Gone with its page (a cascade): the page's own delete removes them.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _index_section(page)


def on_deleted(sender, instance, **kwargs) -> None:
    if _is_searchable(instance):
        search_remove_object(instance)


def on_restored(sender, **kwargs) -> None:
    """A restored database holds its own search table; the engine's index is
    rebuilt from it, and its glossary compiled again."""
    engine_reindex_from_table()
    glossary_changed()


def connect() -> None:
    restored.connect(on_restored, dispatch_uid="almenhub-search-restored")
    page_published.connect(on_published, dispatch_uid="almenhub-search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="almenhub-search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="almenhub-search-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"almenhub-search-restriction-{signal is post_save}",
        )
    for subclass in Page.__subclasses__():
        _connect_delete(subclass)
    for signal in (post_save, post_delete):
        signal.connect(
            on_glossary_changed,
            sender=SynonymGroup,
            dispatch_uid=f"almenhub-search-glossary-{signal is post_save}",
        )


def on_glossary_changed(sender, **kwargs) -> None:
    # At once, for this transaction's own searches; and again at the commit,
    # so that a process that compiled the old rows meanwhile sees the new.
    glossary_changed()
    transaction.on_commit(glossary_changed)


def _connect_delete(model) -> None:
    post_delete.connect(
        on_deleted, sender=model, dispatch_uid=f"almenhub-search-del-{model.__name__}"
    )
    for subclass in model.__subclasses__():
        _connect_delete(subclass)
