"""Wagtail's indexes (references, search) brought up to date per batch of
writes rather than per save; guarded by core/tests/test_pages_guards.py."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from modelsearch import index as wagtail_search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import reference_index_auto_update_disabled

from .references import reference_index_update

# A search field's value of an object, kept while a batch is indexed:
# Wagtail's database backends read every search field of an object once for
# each column they fill (title, body, autocomplete; on PostgreSQL more), and
# a stream field's text, which is most of the work, is extracted each time.
# Keyed by the ids of field and object, which the entry holds on to, so
# neither id can be reused while the memo lives. None outside `flush`: other
# threads, and other writes, read the fields as Wagtail does.
_field_values: ContextVar[dict[tuple[int, int], tuple[Any, Any, Any]] | None] = (
    ContextVar("_field_values", default=None)
)
# (Unwrapped, should this module ever be imported twice.)
_unmemoised_get_value = getattr(
    wagtail_search_index.BaseField.get_value,
    "__wrapped__",
    wagtail_search_index.BaseField.get_value,
)


def _memoised_get_value(field: wagtail_search_index.BaseField, obj: Any) -> Any:
    memo = _field_values.get()
    if memo is None:
        return _unmemoised_get_value(field, obj)
    key = (id(field), id(obj))
    entry = memo.get(key)
    if entry is None or entry[0] is not field or entry[1] is not obj:
        entry = memo[key] = (field, obj, _unmemoised_get_value(field, obj))
    return entry[2]


_memoised_get_value.__wrapped__ = _unmemoised_get_value  # type: ignore[attr-defined]

# SearchField, AutocompleteField and FilterField read their value through
# BaseField.get_value (RelatedFields has its own, which returns the related
# objects, whose fields go through this one).
wagtail_search_index.BaseField.get_value = _memoised_get_value


@contextlib.contextmanager
def search_values_memoised() -> Iterator[None]:
    """Read each search field of each object once while Wagtail's search
    indexes a batch (see `_field_values`)."""
    token = _field_values.set({})
    try:
        yield
    finally:
        _field_values.reset(token)


class DeferredIndexes:
    """Wagtail's reference index and (optionally) its search index, brought
    up to date once per batch of writes instead of on every save.

    A bulk write (an import) saves pages and the snippets they point at;
    each save would otherwise re-index at once. Use it with
    `reference_index_paused` and `wagtail_search_paused`.
    """

    def __init__(self, *, wagtail_search: bool) -> None:
        self.wagtail_search = wagtail_search
        self._objects: dict[tuple[type[models.Model], object], models.Model] = {}
        self._shared_done: set[tuple[type[models.Model], object]] = set()

    def note(
        self,
        *,
        changed: Iterable[models.Model],
        shared: Iterable[models.Model] = (),
    ) -> None:
        """`changed` objects are indexed at the next flush; `shared` ones
        (created once and then only pointed at, by many writes) only the
        first time they are noted in a run."""
        for obj in changed:
            if obj.pk is not None:
                self._objects[(type(obj), obj.pk)] = obj
        for obj in shared:
            key = (type(obj), obj.pk)
            if obj.pk is not None and key not in self._shared_done:
                self._shared_done.add(key)
                self._objects[key] = obj

    def discard(self) -> None:
        """Forget what was noted since the last flush (it was rolled back);
        shared objects are indexed again when next seen, to be safe."""
        self._objects.clear()
        self._shared_done.clear()

    def flush(self) -> list[models.Model]:
        """Index what was noted; returns those objects, their relations
        fetched (for other indexes to build on)."""
        objects = list(self._objects.values())
        self._objects.clear()
        if not objects:
            return objects
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for obj in objects:
            by_model.setdefault(type(obj), []).append(obj)
        for model, batch in by_model.items():
            relations_held_as_fetched(batch)
            prefetch_related_objects(batch, *self._relations_read(model))
        with transaction.atomic():
            reference_index_update(
                [obj for obj in objects if ReferenceIndex.is_indexed(type(obj))]
            )
            if self.wagtail_search:
                with search_values_memoised():
                    for backend in get_search_backends(with_auto_update=True):
                        for model, batch in by_model.items():
                            if wagtail_search_index.class_is_indexed(model):
                                backend.add_bulk(model, batch)
        return objects

    def _relations_read(self, model: type[models.Model]) -> list[str]:
        """The relations the indexes read object by object, to be fetched for
        the whole batch at once: the reference index reads every child
        relation, Wagtail's search the related fields it indexes."""
        names = []
        if issubclass(model, ClusterableModel):
            names += [r.get_accessor_name() for r in get_all_child_relations(model)]
        if self.wagtail_search and wagtail_search_index.class_is_indexed(model):
            indexed = cast(type[wagtail_search_index.Indexed], model)
            for search_field in indexed.get_search_fields():
                if isinstance(search_field, wagtail_search_index.RelatedFields):
                    try:
                        field = model._meta.get_field(search_field.field_name)
                    except FieldDoesNotExist:
                        continue  # a method or property: nothing to fetch
                    if field.is_relation:
                        names.append(field.name)
        return list(dict.fromkeys(names))


def relations_held_as_fetched(objects: Iterable[models.Model]) -> None:
    """Hand Django's prefetch the relations modelcluster holds in memory as
    fetched already: their rows in memory.

    A relation set on a clusterable object (a new page's child rows and
    links, which an import sets before it writes them) is read from memory
    until the object's next save, whatever a prefetch fetched; reading it
    from the database as well is work for nothing, and the nested lookups of
    a later prefetch (the hub's search: contacts → person → organisation)
    would go on from rows nobody reads. Relations not held are left to the
    prefetch."""
    for obj in objects:
        held = obj.__dict__.get("_cluster_related_objects")
        if not held:
            continue
        fetched = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        for name in held:
            if name not in fetched:
                fetched[name] = getattr(obj, name).all()


@contextlib.contextmanager
def wagtail_search_paused() -> Iterator[None]:
    """Stop Wagtail's search from indexing on every save.

    Signals are process-wide, so this is only for a process that does nothing
    else meanwhile (the management command); `DeferredIndexes` catches up.
    """
    disconnected = [
        model
        for model in wagtail_search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


@contextlib.contextmanager
def reference_index_paused() -> Iterator[None]:
    """Wagtail's `disable_reference_index_auto_update`, safe to nest: Wagtail's
    own clears its switch on leaving, so an inner block would switch the
    updates back on for the rest of an outer one, and the outer one's exit
    would then fail."""
    was_paused = getattr(reference_index_auto_update_disabled, "value", False)
    reference_index_auto_update_disabled.value = True
    try:
        yield
    finally:
        if not was_paused:
            del reference_index_auto_update_disabled.value


class _Saved(threading.local):
    objects: dict[tuple[type[models.Model], object], models.Model] | None = None


_saved = _Saved()


def _owner(
    model: type[models.Model], instance: models.Model
) -> tuple[type[models.Model], object] | None:
    """What Wagtail indexes for a save of this object: the object, or for an
    inline child (a ParentalKey row) the page or snippet that owns it."""
    while True:
        keys = [f for f in model._meta.get_fields() if isinstance(f, ParentalKey)]
        if not keys:
            return (model, instance.pk)
        key = keys[0]
        parent_pk = getattr(instance, key.attname)
        if parent_pk is None:
            return None
        parent_model = cast(type[models.Model], key.related_model)
        if not any(isinstance(f, ParentalKey) for f in parent_model._meta.get_fields()):
            return (parent_model, parent_pk)
        model, instance = parent_model, getattr(instance, key.name)


def _note_saved(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    objects = _saved.objects
    if objects is None or kwargs.get("raw"):
        return
    if sender not in ReferenceIndex.tracked_models:
        return
    key = _owner(sender, instance)
    if key is not None:
        objects[key] = instance


def _note_deleted(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    objects = _saved.objects
    if objects is None or sender not in ReferenceIndex.tracked_models:
        return
    if not ReferenceIndex.is_indexed(sender):
        # An inline child's row went: its owner's references changed.
        owner = _owner(sender, instance)
        if owner is not None:
            objects[owner] = instance
        return
    # Removed at once, as Wagtail does (cheap; and after the delete the
    # object no longer knows its own key).
    objects.pop((sender, instance.pk), None)
    ReferenceIndex.remove_for_object(instance)
    ReferenceIndex.remove_references_to(instance)


post_save.connect(_note_saved, dispatch_uid="almenhub.core.pages.indexing.saved")
post_delete.connect(_note_deleted, dispatch_uid="almenhub.core.pages.indexing.deleted")


@contextlib.contextmanager
def references_deferred() -> Iterator[None]:
    """Wagtail's reference index brought up to date once per object, at the
    end of the block, for everything saved in it (in this thread); a deleted
    object's rows go at once, as without the block.

    Publishing a page saves it more than once, and each save re-reads all of
    its references; a load that publishes hundreds of pages (the demo) spent
    a third of its time there. A nested block joins the outer one. Should the
    block fail, nothing is indexed: its writes were rolled back, or are
    indexed by their next save."""
    if _saved.objects is not None:
        yield
        return
    _saved.objects = {}
    try:
        with reference_index_paused():
            yield
        saved = _saved.objects
    finally:
        _saved.objects = None
    with transaction.atomic():
        by_model: dict[type[models.Model], list[object]] = {}
        for model, pk in saved:
            by_model.setdefault(model, []).append(pk)
        # Read again, with their relations: an object in hand may be a stale
        # copy (a publish writes the page anew from its revision).
        found: list[models.Model] = []
        for model, pks in by_model.items():
            rows = model._default_manager.filter(pk__in=pks)
            found += rows.specific() if model is Page else rows  # type: ignore[attr-defined]
        fresh: dict[type[models.Model], dict[object, models.Model]] = {}
        for obj in found:
            fresh.setdefault(type(obj), {})[obj.pk] = obj
        objects: list[models.Model] = []
        for model, batch in fresh.items():
            if issubclass(model, ClusterableModel):
                prefetch_related_objects(
                    list(batch.values()),
                    *[r.get_accessor_name() for r in get_all_child_relations(model)],
                )
            objects += batch.values()
        reference_index_update(objects)


@contextlib.contextmanager
def wagtail_search_deferred() -> Iterator[None]:
    """Wagtail's search index brought up to date once per object, at the end
    of the block, for every indexed object saved in it, instead of on each
    save (a publish saves a page several times, and each save indexes it
    anew: a third of the demo's load). What is indexed is what Wagtail's own
    handler indexes: the object's indexed instance, if it is among its
    class's indexed objects. A deleted object leaves the index at once.

    Process-wide, like `wagtail_search_paused`: only for a process that
    writes nothing else meanwhile (the demo's load). A nested block joins
    the outer one. Should the block fail, nothing is indexed (its writes were
    rolled back, or are indexed by their next save)."""
    if _search_saved.objects is not None:
        yield
        return
    saved: dict[type[models.Model], set[object]] = {}

    def note(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
        if not kwargs.get("raw") and instance.pk is not None:
            saved.setdefault(sender, set()).add(instance.pk)

    models_noted = [
        model
        for model in wagtail_search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    _search_saved.objects = saved
    try:
        with wagtail_search_paused():
            for model in models_noted:
                post_save.connect(note, sender=model, weak=False)
            try:
                yield
            finally:
                for model in models_noted:
                    post_save.disconnect(note, sender=model)
    finally:
        _search_saved.objects = None
    wagtail_search_index_objects(saved)


class _SearchSaved(threading.local):
    objects: dict[type[models.Model], set[object]] | None = None


_search_saved = _SearchSaved()


def wagtail_search_index_objects(saved: dict[type[models.Model], set[object]]) -> None:
    """Index these objects (by model, their primary keys) in Wagtail's search
    as its save handler would, in one batch per class."""
    by_class: dict[type[models.Model], dict[object, models.Model]] = {}
    for model, pks in saved.items():
        for obj in model._default_manager.filter(pk__in=pks):
            indexed = obj.get_indexed_instance()  # type: ignore[attr-defined]
            if indexed is not None:
                by_class.setdefault(type(indexed), {})[indexed.pk] = indexed
    with transaction.atomic(), search_values_memoised():
        for model, objects in by_class.items():
            # Only those among their class's indexed objects, as Wagtail checks.
            kept = set(
                model.get_indexed_objects()  # type: ignore[attr-defined]
                .filter(pk__in=list(objects))
                .values_list("pk", flat=True)
            )
            batch = [obj for pk, obj in objects.items() if pk in kept]
            if not batch:
                continue
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, batch)
