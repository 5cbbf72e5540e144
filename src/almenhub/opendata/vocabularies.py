"""The closed vocabularies of the API's query parameters, written into the
OpenAPI document as enums when it is served, so that what the schema allows
is what the server accepts (and a client can read the allowed values).

A theme, series, task or indicator is a managed list in the database, so its
enum is read at the time the document is asked for. `fields=` gets a pattern
of the operation's own field names, from the answer's schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.apps import apps

from almenhub.taxonomy.models import Theme


def _slugs(app_label: str, model_name: str, **conditions: Any) -> Callable[[], list]:
    def read() -> list[str]:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return []
        return sorted(model.objects.filter(**conditions).values_list("slug", flat=True))

    return read


def _themes(**conditions: Any) -> Callable[[], list[str]]:
    def read() -> list[str]:
        return sorted(Theme.objects.filter(**conditions).values_list("slug", flat=True))

    return read


# Query parameter → its allowed values. `parent` on /themes/ is a main theme.
VOCABULARIES: dict[tuple[str | None, str], Callable[[], list[str]]] = {
    (None, "theme"): _themes(),
    (None, "tema"): _themes(),
    ("/api/v1/themes/", "parent"): _themes(parent__isnull=True),
    ("/api/v1/publications/", "series"): _slugs("publications", "PublicationSeries"),
    (None, "task"): _slugs("examples", "OperationsTask"),
    (None, "indicator"): _slugs("indicators", "Indicator"),
}


def _vocabulary(path: str, name: str) -> Callable[[], list[str]] | None:
    return VOCABULARIES.get((path, name)) or VOCABULARIES.get((None, name))


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        target: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def _field_names(document: dict, operation: dict) -> list[str]:
    """The keys of one item of the operation's 200 answer."""
    responses = operation.get("responses", {})
    # ninja keys the answers by int until the document is serialised.
    answer = responses.get(200) or responses.get("200") or {}
    content = answer.get("content", {})
    schema = _resolve(document, content.get("application/json", {}).get("schema", {}))
    results = schema.get("properties", {}).get("results")
    if results and results.get("type") == "array":
        schema = _resolve(document, results.get("items", {}))
    return list(schema.get("properties", {}))


def fields_pattern(names: list[str]) -> str:
    """What the server reads as a field list: known names separated by
    commas, spaces around them and empty pieces allowed."""
    name = "(" + "|".join(re.escape(n) for n in names) + ")"
    return rf"^[ ,]*({name}( *,[ ,]*{name})*[ ,]*)?$"


def vocabularies_apply(document: dict) -> dict:
    """The OpenAPI document with the enums and field patterns filled in."""
    values: dict[Callable[[], list[str]], list[str]] = {}
    for path, methods in document.get("paths", {}).items():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") != "query":
                    continue
                if parameter["name"] == "fields":
                    names = _field_names(document, operation)
                    if names:
                        schema["pattern"] = fields_pattern(names)
                    continue
                read = _vocabulary(path, parameter["name"])
                if read is None:
                    continue
                if read not in values:
                    values[read] = read()
                if not values[read]:
                    continue  # OpenAPI allows no empty enum; nothing to name yet
                for key in ("pattern", "minLength", "maxLength"):
                    schema.pop(key, None)
                schema["enum"] = values[read]
    return document
