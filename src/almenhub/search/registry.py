"""What the hub's search holds: the kinds of content, as their models declare.

A model is searchable when it declares a `search_kind` (a `SearchKind`): its
Danish label, its URL slug for the `type` facet, and which of its fields
feed the document's teaser, names, themes, status, year and owner. Pages
are found while live and public; a register's entries (an organisation, a
person), which have public pages of their own but no editorial life, are
found while the selector their `public` names lists them. The generic
builder (search.builders) reads the declaration, and a system check
(search.checks) verifies it names fields the model has, as
django-modelsearch does with `search_fields`. Apps whose models are not
installed simply have no kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string

# An organisation's declaration names itself as its owner (SearchKind.owner).
OWNER_ITSELF = "self"


@dataclass
class DocumentData:
    kind: str
    object_id: int
    url: str
    title: str
    teaser: str = ""
    body: str = ""
    names: str = ""
    # What the page is filed under, in words: its themes' labels (both
    # levels), its operations task, its programme's and series' names.
    context: str = ""
    themes: list[str] = field(default_factory=list)
    status: str = ""
    year: int | None = None
    owner: str = ""
    owner_name: str = ""
    programme: str = ""
    # The key of the document it is shown under (a publication's project).
    belongs_to: str = ""
    published_at: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"


@dataclass(frozen=True)
class SearchKind:
    """A model's declaration of what it puts in the search document.

    Field names are the model's own; an empty one means the model has none.
    """

    kind: str  # the key's prefix and the `kind` column
    label: str
    label_plural: str
    slug: str  # the `type` parameter's value
    position: int  # where the kind stands in the type facet
    teaser: str = "teaser"
    # Relations and fields whose names are searched: organisations (a foreign
    # key or many), plain text, or contact links (their person's name and
    # job title, which a contact card always shows, and organisation).
    names: tuple[str, ...] = ()
    # Relations and fields naming what the page is filed under (an example's
    # operations task, a publication's series): searched, weighted below
    # the title. Theme labels and the programme's name are added for every
    # kind that has themes or a programme.
    context: tuple[str, ...] = ()
    themes: str = ""  # a many-to-many to taxonomy.Theme
    status: str = ""  # a field with choices: they are the status labels
    status_facet: bool = False  # offered in the status facet (and the API)
    year: str = ""
    # Foreign keys to an organisation, the first set wins; "self" for an
    # organisation, which owns what its document stands for.
    owner: tuple[str, ...] = ()
    # Inline children whose text is part of the body (deliverables, quotes).
    text_relations: tuple[str, ...] = ()
    # The page the document belongs to as its programme: itself, or its
    # parent when that is one.
    is_programme: bool = False
    # A many-to-many (or foreign key) to pages of another kind, the first of
    # which the document is shown under in results (a publication under its
    # project).
    belongs_to: str = ""
    # A register's entries (not pages) only. `public`: the dotted path of the
    # selector listing the entries that may be found, the one their public
    # page uses, so search and page never disagree on who is shown.
    public: str = ""
    title: str = "title"
    # The fields whose text is the body: named one by one, as a register
    # holds text that is not to be shown (an organisation's e-mail domains).
    body: tuple[str, ...] = ()
    # The fields other documents show of it (a contact's name on a project):
    # a change to one of them updates those documents too.
    shown_elsewhere: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchableKind:
    model: type[models.Model]
    spec: SearchKind

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def label_plural(self) -> str:
        return self.spec.label_plural

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def is_register(self) -> bool:
        """An entry of a register (organisation, person), not a page."""
        return bool(self.spec.public)

    def public_queryset(self) -> models.QuerySet:
        """A register's entries that may be found, from its own selector."""
        return import_string(self.spec.public)()


def declared_kind(model: type[models.Model]) -> SearchKind | None:
    """The model's own declaration (not one inherited from a parent class)."""
    spec = model.__dict__.get("search_kind")
    return spec if isinstance(spec, SearchKind) else None


@cache
def _kinds() -> tuple[SearchableKind, ...]:
    found = [
        SearchableKind(model, spec)
        for model in apps.get_models()
        if (spec := declared_kind(model)) is not None
    ]
    return tuple(sorted(found, key=lambda k: k.spec.position))


def kinds() -> list[SearchableKind]:
    return list(_kinds())


def kind_for_model(model: type[models.Model]) -> SearchableKind | None:
    for kind in _kinds():
        if issubclass(model, kind.model):
            return kind
    return None


def kind_by_slug(slug: str) -> SearchableKind | None:
    return next((k for k in _kinds() if k.slug == slug), None)


def kind_by_name(name: str) -> SearchableKind | None:
    """The kind a document names (asked twice for every hit shown)."""
    return _by_name().get(name)


@cache
def _by_name() -> dict[str, SearchableKind]:
    by_name: dict[str, SearchableKind] = {}
    for kind in _kinds():
        by_name.setdefault(kind.kind, kind)  # the first, as the list is read
    return by_name
