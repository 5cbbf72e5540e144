"""modelcluster's lists of a model's child relations, kept per model.

modelcluster works out a model's child relations (its ParentalKey rows) and
its ParentalManyToManyFields by going through every field and relation the
model has, on every create (`ClusterableModel.__init__`), save and
serialisation (a revision), and Wagtail's reference index does on every
object it reads: ~0.75 s of an import of 500 pages. These are the same lists,
each kept for the model class it was worked out for and only as long as
Django's own list of the model's fields stands: registering a model (one
with a ParentalKey to this one, say) renews that list, and the next call
works the relations out again. Before the model's registry is ready, when
relations may still be missing, nothing is kept.

`install` puts them in modelcluster's place, process-wide, from
`CoreConfig.ready`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import modelcluster.models as cluster_models
from django.db import models

Lister = Callable[[type[models.Model] | models.Model], list]

# modelcluster's own, as imported: what the lists kept must equal.
own_child_relations: Lister = cluster_models.get_all_child_relations
own_child_m2m_relations: Lister = cluster_models.get_all_child_m2m_relations


class _KeptPerModel:
    """One of modelcluster's listers, its answer kept per model class."""

    def __init__(self, lister: Lister) -> None:
        self._lister = lister
        # Per model: the fields list the answer was worked out from, and it.
        self._kept: dict[type[models.Model], tuple[Sequence, tuple]] = {}
        self.__name__ = lister.__name__
        self.__doc__ = lister.__doc__

    def __call__(self, model: type[models.Model] | models.Model) -> list:
        cls = model if isinstance(model, type) else type(model)
        opts = cls._meta
        if not opts.apps.ready:
            return self._lister(cls)
        # Django's list, the same object until its cache of the model's
        # fields is cleared (`Options._expire_cache`, on a registration).
        fields = opts.get_fields()
        kept = self._kept.get(cls)
        if kept is None or kept[0] is not fields:
            kept = (fields, tuple(self._lister(cls)))
            self._kept[cls] = kept
        return list(kept[1])  # a list of its own: callers may change theirs

    def clear(self) -> None:
        self._kept.clear()


child_relations = _KeptPerModel(own_child_relations)
child_m2m_relations = _KeptPerModel(own_child_m2m_relations)

_REPLACED = {
    "get_all_child_relations": (own_child_relations, child_relations),
    "get_all_child_m2m_relations": (own_child_m2m_relations, child_m2m_relations),
}


def install() -> None:
    """Put the kept lists in place of modelcluster's functions: in
    modelcluster's module, which later imports then take them from, and in
    every module loaded so far that imported them by name (modelcluster's
    forms, Wagtail's reference index and page copy, the hub's own)."""
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for name, (own, kept) in _REPLACED.items():
            if namespace.get(name) is own:
                setattr(module, name, kept)
