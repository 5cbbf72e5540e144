"""The search's facets and parameters, declared once.

Each facet says what its URL parameter is, its Danish label, which document
column (and engine field) holds it, how a value from a URL is read and
checked, and how values are shown. The search form, the filters, both
engines, the facet builder, the API schema and the exports all read this
list, so a facet is added or changed here and nowhere else.

The models behind the labels (themes, organisations, pages) are named by
"app_label.Model", as a foreign key names them: the search sits below the
apps it lists, and never imports them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from django.apps import apps

from almenhub.core.middleware import page_cache_version
from almenhub.search.registry import kind_by_name, kind_by_slug, kinds

# What a parameter's value is, for the API schema (opendata maps each to its
# own type) and for reading a URL.
ValueType = Literal["choice", "slug", "year", "id"]
Labels = dict[str, tuple[str, str]]  # value → (label, parent's label)

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_ID_DIGITS = 11


def number(value: str, *, max_digits: int) -> int | None:
    """ASCII digits only: str.isdigit() also takes "²" and "①", which int()
    refuses, and int() takes "٣" and " 3", which are no page or year here."""
    if re.fullmatch(rf"[0-9]{{1,{max_digits}}}", value):
        return int(value)
    return None


def _kind_labels(values: Iterable[str]) -> Labels:
    wanted = set(values)
    return {k.kind: (k.label_plural, "") for k in kinds() if k.kind in wanted}


def _theme_labels(values: Iterable[str]) -> Labels:
    theme = apps.get_model("taxonomy", "Theme")
    return {
        t.slug: (t.name, t.parent.name if t.parent is not None else "")
        for t in theme.objects.filter(slug__in=list(values)).select_related("parent")
    }


def _named_labels(model_label: str, name_field: str) -> Callable[..., Labels]:
    def labels(values: Iterable[str]) -> Labels:
        model = apps.get_model(model_label)
        numeric = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): (name, "")
            for pk, name in model.objects.filter(pk__in=numeric).values_list(
                "pk", name_field
            )
        }

    return labels


def status_choices(*, facet_only: bool = True) -> list[tuple[str, str]]:
    """The statuses the documents hold, from the models' own choices (the
    fields their `SearchKind` declares). The facet offers those of the kinds
    that declare status a facet (projects); the others' (examples) are only
    shown, as in the exports."""
    found: dict[str, str] = {}
    for kind in kinds():
        spec = kind.spec
        if not spec.status or (facet_only and not spec.status_facet):
            continue
        field = kind.model._meta.get_field(spec.status)
        for value, label in getattr(field, "choices", None) or ():
            found.setdefault(str(value), str(label))
    return list(found.items())


def _status_labels(values: Iterable[str]) -> Labels:
    wanted = set(values)
    return {v: (label, "") for v, label in status_choices() if v in wanted}


def _year_labels(values: Iterable[str]) -> Labels:
    return {v: (v, "") for v in values}


def _theme_exists(slug: str) -> bool:
    return apps.get_model("taxonomy", "Theme").objects.filter(slug=slug).exists()


@dataclass(frozen=True)
class FacetSpec:
    attr: str  # the attribute of SearchFilters
    param: str  # the URL parameter
    label: str
    column: str  # the SearchDocument column and the engines' field
    value_type: ValueType
    labels: Callable[[Iterable[str]], Labels]
    invalid: str  # the message for a value that is not one, {value} and {param}
    api_help: str
    # "declared": in the order `labels` knows them; "tree": parents, each
    # followed by its children; "newest": descending; "count": most first.
    order: Literal["declared", "tree", "newest", "count"] = "declared"
    multi: bool = False  # a document holds several values (themes)
    integer: bool = False

    def read(self, raw: str) -> str | int | None:
        """The filter value for a URL's value, or None when it is no value."""
        if self.param == "type":
            kind = kind_by_slug(raw)
            return kind.kind if kind else None
        if self.value_type == "slug":
            return raw if _theme_exists(raw) else None
        if self.value_type == "choice":
            return raw if raw in dict(self.choices()) else None
        if self.value_type == "year":
            year = number(raw, max_digits=4)
            return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else None
        return raw if number(raw, max_digits=MAX_ID_DIGITS) is not None else None

    def url_value(self, value: str) -> str:
        """A document's value as the URL carries it."""
        if self.param == "type":
            kind = kind_by_name(value)
            return kind.slug if kind else value
        return value

    def choices(self) -> list[tuple[str, str]]:
        """The URL values a `choice` parameter takes, with their labels."""
        if self.param == "type":
            return [(k.slug, k.label_plural) for k in kinds()]
        if self.param == "status":
            return status_choices()
        return []

    def message(self, raw: str) -> str:
        return self.invalid.format(value=raw, param=self.param)


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec(
        attr="kind",
        param="type",
        label="Indholdstype",
        column="kind",
        value_type="choice",
        labels=_kind_labels,
        invalid="Ukendt indholdstype “{value}” – ignoreret.",
        api_help="Indholdstype.",
    ),
    FacetSpec(
        attr="theme",
        param="tema",
        label="Tema",
        column="themes",
        value_type="slug",
        labels=_theme_labels,
        invalid="Ukendt tema “{value}” – ignoreret.",
        api_help="Temaets kortnavn.",
        order="tree",
        multi=True,
    ),
    FacetSpec(
        attr="status",
        param="status",
        label="Status",
        column="status",
        value_type="choice",
        labels=_status_labels,
        invalid="Ukendt status “{value}” – ignoreret.",
        api_help="Projektstatus.",
    ),
    FacetSpec(
        attr="year",
        param="aar",
        label="År",
        column="year",
        value_type="year",
        labels=_year_labels,
        invalid="Årstallet “{value}” er ugyldigt – ignoreret.",
        api_help="År.",
        order="newest",
        integer=True,
    ),
    FacetSpec(
        attr="owner",
        param="ejer",
        label="Projektejer",
        column="owner",
        value_type="id",
        labels=_named_labels("organisations.Organisation", "name"),
        invalid="Ugyldig værdi for “{param}” – ignoreret.",
        api_help="Ejerens organisations-id.",
        order="count",
    ),
    FacetSpec(
        attr="programme",
        param="program",
        label="Program",
        column="programme",
        value_type="id",
        labels=_named_labels("wagtailcore.Page", "title"),
        invalid="Ugyldig værdi for “{param}” – ignoreret.",
        api_help="Programmets id.",
        order="count",
    ),
)

FACET_COLUMNS = tuple(f.column for f in FACETS)
FACET_PARAMS = tuple(f.param for f in FACETS)

SORT_PARAM, PAGE_PARAM, QUERY_PARAM = "sort", "side", "q"
# URL value → the selector's sort, in the order the page offers them.
SORTS: dict[str, tuple[str, str]] = {
    "relevans": ("relevance", "Relevans"),
    "nyeste": ("newest", "Nyeste"),
}
SEARCH_PARAMS = (QUERY_PARAM, *FACET_PARAMS, SORT_PARAM, PAGE_PARAM)


# Facet labels as read under one content version (core's page-cache stamp,
# renewed when a theme, an organisation or a page changes): a search then
# reads no label from the database for values it has labelled before.
_labels_read: dict[str, dict[str, dict[str, tuple[str, str] | None]]] = {}
_labels_lock = threading.Lock()


def facet_labels(
    spec: FacetSpec, values: Iterable[str], *, version: str | None = None
) -> Labels:
    """`spec.labels(values)`, each value read once per content version
    (`version`: the page cache's, when the caller has read it already)."""
    version = version or page_cache_version()
    with _labels_lock:
        if version not in _labels_read:
            _labels_read.clear()
            _labels_read[version] = {}
        known = _labels_read[version].setdefault(spec.param, {})
        wanted = list(dict.fromkeys(values))
        missing = [v for v in wanted if v not in known]
    if missing:
        found = spec.labels(missing)
        with _labels_lock:
            for value in missing:
                known[value] = found.get(value)
    return {v: label for v in wanted if (label := known.get(v)) is not None}


def facet_by_param(param: str) -> FacetSpec | None:
    return next((f for f in FACETS if f.param == param), None)


def facet(param: str) -> FacetSpec:
    """The facet a listing borrows from the search (its parameter, label,
    check and message); a name that is not declared fails at import."""
    found = facet_by_param(param)
    if found is None:
        raise LookupError(f"no search facet has the parameter {param!r}")
    return found


def sort_param(sort: str) -> str:
    """The URL value of a selector's sort."""
    return next((p for p, (s, _) in SORTS.items() if s == sort), "relevans")


def known_params(data: Mapping[str, object]) -> dict[str, str]:
    """The search's own parameters in a query string, non-empty, in order."""
    return {p: str(data.get(p)) for p in SEARCH_PARAMS if data.get(p) not in ("", None)}
