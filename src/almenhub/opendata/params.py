"""Query parameters: reject the unknown ones and explain the bad ones, in
Danish, naming the parameter."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from almenhub.opendata.http import error_response

MESSAGES = {
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "int_type": "skal være et helt tal",
    "greater_than_equal": "skal være mindst {ge}",
    "greater_than": "skal være større end {gt}",
    "less_than_equal": "må højst være {le}",
    "less_than": "skal være mindre end {lt}",
    "bool_parsing": "skal være true eller false",
    "bool_type": "skal være true eller false",
    "literal_error": "skal være en af: {expected}",
    "enum": "skal være en af: {expected}",
    "string_too_long": "må højst være {max_length} tegn",
    "string_too_short": "skal være mindst {min_length} tegn",
    "string_pattern_mismatch": "har et ugyldigt format",
    "string_type": "skal være tekst",
    "datetime_parsing": "skal være et tidspunkt i ISO 8601, fx 2024-05-01T12:00:00Z",
    "datetime_from_date_parsing": (
        "skal være en dato eller et tidspunkt i ISO 8601, fx 2024-05-01"
    ),
    "datetime_type": "skal være et tidspunkt i ISO 8601, fx 2024-05-01T12:00:00Z",
    "datetime_range": "skal ligge mellem år 1 og 9999 (regnet i UTC)",
    "timezone_aware": "skal have en tidszone, fx 2024-05-01T12:00:00+02:00",
    "missing": "mangler",
}


def parameter_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Pydantic's errors for query and path parameters, one per parameter."""
    described: dict[str, str] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("query", "year") or, for a parameter schema, ("query", "filters", "year")
        name = location[-1] if location else "?"
        template = MESSAGES.get(error.get("type", ""))
        context = error.get("ctx") or {}
        try:
            message = template.format(**context) if template else error.get("msg")
        except (KeyError, IndexError):
            message = error.get("msg", "er ugyldig")
        described.setdefault(name, str(message))
    return [{"parameter": k, "message": v} for k, v in described.items()]


def validation_detail(errors: list[dict[str, str]]) -> str:
    parts = [f"“{e['parameter']}” {e['message']}" for e in errors]
    return "Ugyldig værdi: " + "; ".join(parts) + "."


def query_parameter_names(operation: Any) -> frozenset[str]:
    """The query parameters an API operation declares."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flatten = getattr(model, "__ninja_flatten_map__", None)
        if flatten:
            names.update(flatten)
        else:
            names.update(
                field.alias or name for name, field in model.model_fields.items()
            )
    return frozenset(names)


def unknown_parameters_message(unknown: list[str], allowed: frozenset[str]) -> str:
    quoted = ", ".join(f"“{name[:60]}”" for name in unknown[:5])
    noun = "Ukendt parameter" if len(unknown) == 1 else "Ukendte parametre"
    known = ", ".join(sorted(allowed)) or "ingen"
    return f"{noun}: {quoted}. Tilladte parametre her: {known}."


def reject_unknown_parameters(run: Callable[..., HttpResponseBase]) -> Callable:
    """An API-wide decorator on each operation's `run`: a parameter the
    operation does not declare is a mistake (a typo such as `yaer=2023`
    would otherwise silently return everything), so it is a 400."""
    # Ninja hands over the operation's bound `run`; its operation tells which
    # parameters are declared.
    operation = run.__self__  # type: ignore[attr-defined]
    allowed = query_parameter_names(operation)

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            return error_response(
                400,
                unknown_parameters_message(unknown, allowed),
                errors=[
                    {"parameter": name[:60], "message": "er ukendt"}
                    for name in unknown[:5]
                ],
            )
        return run(request, *args, **kwargs)

    return checked
