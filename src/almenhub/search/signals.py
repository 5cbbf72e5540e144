"""Keep the search in step with the content as editors work.

Publishing, unpublishing, moving and deleting a page update its document at
once; a moved page takes its descendants (whose URLs changed) along, and so
does a view restriction set or lifted on a page (it hides or shows the whole
section below it).
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import connections, models, transaction
from django.db.models.signals import (
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from almenhub.core.backup import restored
from almenhub.core.pages.visibility import descendants_inclusive
from almenhub.search.engines import pg_toplists
from almenhub.search.engines.base import index_changed
from almenhub.search.models import SynonymGroup
from almenhub.search.planner import glossary_changed
from almenhub.search.registry import SearchableKind, kind_for_model, kinds
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


def on_migrated(sender, using: str = "default", **kwargs) -> None:
    """`migrate` and `flush` (which ends with this signal): the PostgreSQL
    engine's top lists lose the entries of documents that are gone."""
    pg_toplists.prune_orphans(connections[using])


def connect() -> None:
    restored.connect(on_restored, dispatch_uid="almenhub-search-restored")
    post_migrate.connect(
        on_migrated,
        sender=apps.get_app_config("sitesearch"),
        dispatch_uid="almenhub-search-migrated",
    )
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
    _connect_entries()
    for signal in (post_save, post_delete):
        signal.connect(
            on_glossary_changed,
            sender=SynonymGroup,
            dispatch_uid=f"almenhub-search-glossary-{signal is post_save}",
        )
        for model in (SearchPromotion, Query):
            signal.connect(
                on_promotions_changed,
                sender=model,
                dispatch_uid=f"almenhub-search-{model.__name__}-{signal is post_save}",
            )


# -- register entries (organisations, people) ---------------------------------


def _shown_values(kind: SearchableKind, obj: models.Model) -> tuple:
    return tuple(
        getattr(obj, kind.model._meta.get_field(name).attname)
        for name in kind.spec.shown_elsewhere
    )


def dependents(obj: models.Model) -> list[models.Model]:
    """The searchable objects whose documents show this one: those that refer
    to it (a project to its owner, a person to their workplace) and those of
    the rows in between (a project's contact links to a person)."""
    found: list[models.Model] = []
    for relation in obj._meta.related_objects:
        related = relation.related_model
        referring = related._default_manager.filter(**{relation.field.name: obj})
        if kind_for_model(related) is not None:
            found += list(referring)
            continue
        if relation.many_to_many:
            continue
        for field in related._meta.get_fields():
            target = getattr(field, "related_model", None)
            if field is relation.field or not (field.many_to_one and target):
                continue
            if kind_for_model(target) is not None:
                ids = referring.values(field.attname)
                found += list(target._default_manager.filter(pk__in=ids))
    return [
        getattr(o, "specific", o) for o in {(type(o), o.pk): o for o in found}.values()
    ]


def on_entry_saving(sender, instance, raw=False, **kwargs) -> None:
    """Note what other documents show of it, before the change."""
    kind = kind_for_model(sender)
    if raw or kind is None or instance.pk is None or not kind.spec.shown_elsewhere:
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    instance._search_shown_before = before and _shown_values(kind, before)


def on_entry_saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    if raw:
        return
    kind = kind_for_model(sender)
    changed: list[models.Model] = [instance]
    before = instance.__dict__.pop("_search_shown_before", None)
    if kind and not created and before != _shown_values(kind, instance):
        changed += dependents(instance)
    search_index_objects(changed)


def on_entry_deleting(sender, instance, **kwargs) -> None:
    # Read before the delete sets the references to it to NULL.
    instance._search_dependents = dependents(instance)


def on_entry_deleted(sender, instance, **kwargs) -> None:
    search_remove_object(instance)
    others = instance.__dict__.pop("_search_dependents", [])
    if others:
        search_index_objects(_refreshed(others))


def _refreshed(objects: list[models.Model]) -> list[models.Model]:
    """The objects as they are now (a delete may have set a reference to
    NULL), leaving out those gone with it."""
    fresh: list[models.Model] = []
    for obj in objects:
        found = type(obj)._default_manager.filter(pk=obj.pk).first()
        if found is not None:
            fresh.append(getattr(found, "specific", found))
    return fresh


def _connect_entries() -> None:
    for kind in kinds():
        if not kind.is_register:
            continue
        label = kind.kind
        pre_save.connect(
            on_entry_saving, sender=kind.model, dispatch_uid=f"search-pre-{label}"
        )
        post_save.connect(
            on_entry_saved, sender=kind.model, dispatch_uid=f"search-save-{label}"
        )
        pre_delete.connect(
            on_entry_deleting, sender=kind.model, dispatch_uid=f"search-pre-del-{label}"
        )
        post_delete.connect(
            on_entry_deleted, sender=kind.model, dispatch_uid=f"search-del-{label}"
        )


def on_glossary_changed(sender, **kwargs) -> None:
    # At once, for this transaction's own searches; and again at the commit,
    # so that a process that compiled the old rows meanwhile sees the new.
    glossary_changed()
    transaction.on_commit(glossary_changed)


def on_promotions_changed(sender, **kwargs) -> None:
    # The promotions are kept per process under the index's version.
    index_changed()


def _connect_delete(model) -> None:
    post_delete.connect(
        on_deleted, sender=model, dispatch_uid=f"almenhub-search-del-{model.__name__}"
    )
    for subclass in model.__subclasses__():
        _connect_delete(subclass)
