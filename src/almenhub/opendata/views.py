"""The API's own pages (index, documentation, not found) and robots.txt."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.views.decorators.http import require_safe

from almenhub.opendata.api import api
from almenhub.opendata.http import error_response
from almenhub.opendata.representations import API_NAMESPACE

LIST_ENDPOINTS = (
    "projects",
    "programmes",
    "publications",
    "examples",
    "indicators",
    "meeting_series",
    "meetings",
    "organisations",
    "themes",
    "search",
)


def _api_url(request: HttpRequest, name: str) -> str | None:
    try:
        return request.build_absolute_uri(reverse(f"{API_NAMESPACE}:{name}"))
    except NoReverseMatch:  # an endpoint whose app is not built
        return None


def api_root(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    endpoints = {name: _api_url(request, name) for name in LIST_ENDPOINTS}
    return JsonResponse(
        {
            "name": "almenhub API",
            "version": "1",
            "documentation": request.build_absolute_uri(
                reverse(f"{API_NAMESPACE}:docs")
            ),
            "openapi": request.build_absolute_uri(
                reverse(f"{API_NAMESPACE}:openapi-json")
            ),
            "endpoints": {k: v for k, v in endpoints.items() if v},
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_not_found(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            query = f"?{urlencode(request.GET, doseq=True)}" if request.GET else ""
            return HttpResponsePermanentRedirect(request.path + "/" + query)
    return error_response(
        404,
        "Ikke fundet: API'et har ingen adresse her. Se dokumentationen på "
        f"{reverse(f'{API_NAMESPACE}:docs')}.",
    )


def _parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for param in operation.get("parameters", []):
        schema = param.get("schema", {})
        values = schema.get("enum")
        kind = {"integer": "heltal", "boolean": "true/false", "string": "tekst"}.get(
            schema.get("type", ""), schema.get("type", "")
        )
        if schema.get("format") == "date-time":
            kind = "tidspunkt (ISO 8601)"
        rows.append(
            {
                "name": param["name"],
                "where": "sti" if param.get("in") == "path" else "forespørgsel",
                "kind": kind,
                "values": ", ".join(str(v) for v in values) if values else "",
                "minimum": schema.get("minimum"),
                "maximum": schema.get("maximum"),
                "default": schema.get("default"),
                # Markdown code marks read as noise on the page.
                "description": (
                    param.get("description") or schema.get("description", "")
                ).replace("`", ""),
            }
        )
    return rows


def api_docs(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """The API described for people, from the same OpenAPI document that
    machines read, so the two never disagree."""
    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", "").replace("`", ""),
                    "tag": (operation.get("tags") or ["Andet"])[0],
                    "parameters": _parameters(operation),
                    "example": request.build_absolute_uri(path)
                    if "{" not in path
                    else "",
                }
            )
    return render(
        request,
        "opendata/api_docs.html",
        {
            "operations": operations,
            "openapi_url": reverse(f"{API_NAMESPACE}:openapi-json"),
            "api_root": reverse(f"{API_NAMESPACE}:api-root"),
            "export_csv": reverse("opendata:export-csv"),
            "export_json": reverse("opendata:export-json"),
            "feed_rss": reverse("opendata:feed-rss"),
            "feed_atom": reverse("opendata:feed-atom"),
        },
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("opendata:sitemap"))
    lines = [
        "User-agent: *",
        # Allow first: some parsers take the first rule that matches.
        "Allow: /api/v1/docs/",
        "Disallow: /admin/",
        "Disallow: /soeg/?",
        "Disallow: /soeg/*?",
        "Disallow: /soeg/forslag/",
        "Disallow: /eksport/",
        "Disallow: /api/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
