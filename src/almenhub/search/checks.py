"""The system check of the models' search declarations (`SearchKind`): each
names fields its model has, of the kind the builder reads, so that a renamed
field fails `manage.py check` instead of emptying a column of the index."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.module_loading import import_string
from wagtail.models import Page

from almenhub.search.registry import OWNER_ITSELF, SearchKind, declared_kind


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)  # type: ignore[return-value]
    except FieldDoesNotExist:
        return None


def declaration_problems(model: type[models.Model], spec: SearchKind) -> Iterable[str]:
    """What is wrong with a model's search declaration, in words."""
    named = [spec.teaser, *spec.names, spec.themes, spec.status, spec.year]
    named += [*spec.owner, *spec.text_relations, *spec.context, spec.belongs_to]
    named += [spec.title, *spec.body, *spec.shown_elsewhere]
    for name in filter(lambda n: n and n != OWNER_ITSELF, named):
        if _field(model, name) is None and not hasattr(model, name):
            yield f"'{name}' is neither a field nor an attribute of the model"
    for name in spec.owner:
        field = _field(model, name) if name != OWNER_ITSELF else None
        if field is not None and not (field.many_to_one or field.one_to_one):
            yield f"owner '{name}' is not a foreign key"
    if spec.status:
        field = _field(model, spec.status)
        if field is None or not field.choices:
            yield f"status '{spec.status}' is not a field with choices"
    if spec.status_facet and not spec.status:
        yield "status_facet is set without a status field"
    if spec.belongs_to:
        field = _field(model, spec.belongs_to)
        target = getattr(field, "related_model", None) if field else None
        if field is not None and (
            not field.is_relation or target is None or declared_kind(target) is None
        ):
            yield f"belongs_to '{spec.belongs_to}' is not a relation to a search kind"
    yield from _register_problems(model, spec)
    for name in spec.text_relations:
        field = _field(model, name)
        if field is None or not field.one_to_many:
            yield f"text relation '{name}' is not a relation to inline children"


def _register_problems(model: type[models.Model], spec: SearchKind) -> Iterable[str]:
    if issubclass(model, Page):
        if spec.public:
            yield "public is for a register's entries; a page is found while live"
        return
    for name in spec.shown_elsewhere:
        if _field(model, name) is None:
            yield f"shown_elsewhere '{name}' is not a field"
    if not spec.public:
        yield "a model that is not a page names its `public` selector"
        return
    try:
        selector = import_string(spec.public)
    except ImportError:
        yield f"public '{spec.public}' cannot be imported"
        return
    if not callable(selector):
        yield f"public '{spec.public}' is not a selector"
    if not callable(getattr(model, "get_absolute_url", None)):
        yield "a register's entry has no get_absolute_url() to point at"


@checks.register(checks.Tags.models)
def check_search_kinds(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    seen: dict[str, str] = {}
    for model in apps.get_models():
        spec = declared_kind(model)
        if spec is None:
            continue
        for kind_value in (f"kind {spec.kind}", f"slug {spec.slug}"):
            if kind_value in seen:
                errors.append(
                    checks.Error(
                        f"{kind_value} is declared by {seen[kind_value]} too",
                        obj=model,
                        id="sitesearch.E002",
                    )
                )
            seen[kind_value] = model._meta.label
        errors += [
            checks.Error(f"search_kind: {problem}", obj=model, id="sitesearch.E001")
            for problem in declaration_problems(model, spec)
        ]
    return errors
