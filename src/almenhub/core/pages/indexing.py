"""Wagtail's indexes (references, search) brought up to date per batch of
writes rather than per save; guarded by core/tests/test_pages_guards.py."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_save
from modelcluster.models import ClusterableModel, get_all_child_relations
from modelsearch import index as wagtail_search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex

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
    `disable_reference_index_auto_update` and `wagtail_search_paused`.
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
