"""What the hub's search holds: one entry per kind of content.

Each kind knows its model, its Danish label, its URL slug for the `type`
facet and how to turn an object into a document. Apps whose models are not
installed simply have no entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models


@dataclass
class DocumentData:
    kind: str
    object_id: int
    url: str
    title: str
    teaser: str = ""
    body: str = ""
    names: str = ""
    themes: list[str] = field(default_factory=list)
    status: str = ""
    year: int | None = None
    owner: str = ""
    owner_name: str = ""
    programme: str = ""
    published_at: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"


@dataclass(frozen=True)
class SearchableKind:
    kind: str
    label: str
    label_plural: str
    slug: str
    model: type[models.Model]
    # build(obj, context): the document, or None when the object is not to be
    # found. The context is what `prepare` read for a batch of objects at once.
    build: Callable[[models.Model, Any], DocumentData | None]
    prepare: Callable[[Sequence[models.Model]], Any]
    queryset: Callable[[], models.QuerySet]


_KINDS: dict[str, SearchableKind] = {}


def register(kind: SearchableKind) -> None:
    _KINDS[kind.kind] = kind


def kinds() -> list[SearchableKind]:
    from almenhub.search import builders  # noqa: F401  (registers the kinds)

    return list(_KINDS.values())


def kind_for_model(model: type[models.Model]) -> SearchableKind | None:
    for kind in kinds():
        if issubclass(model, kind.model):
            return kind
    return None


def kind_by_slug(slug: str) -> SearchableKind | None:
    return next((k for k in kinds() if k.slug == slug), None)


def kind_by_name(name: str) -> SearchableKind | None:
    kinds()
    return _KINDS.get(name)
