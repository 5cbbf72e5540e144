from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from almenhub.search.forms import SORTS, SearchForm
from almenhub.search.selectors import SearchResults, autocomplete, search

FACET_PARAMS = ("type", "tema", "status", "aar", "ejer", "program")


def _links(request: HttpRequest, results: SearchResults) -> None:
    """Each facet option carries the URL that toggles it, keeping the rest."""
    base = {
        k: v for k, v in request.GET.items() if k in (*FACET_PARAMS, "q", "sort") and v
    }
    for facet in results.facets:
        for option in facet.options:
            params = dict(base)
            params.pop("side", None)
            if option.selected:
                params.pop(facet.param, None)
            else:
                params[facet.param] = option.value
            option.url = "?" + urlencode(params)


def _page_url(request: HttpRequest, page: int) -> str:
    params = {k: v for k, v in request.GET.items() if v and k != "side"}
    params["side"] = str(page)
    return "?" + urlencode(params)


def render_search(
    request: HttpRequest,
    template: str,
    extra: dict | None = None,
    *,
    fixed: dict[str, str] | None = None,
) -> HttpResponse:
    data = request.GET.copy()
    for key, value in (fixed or {}).items():
        data[key] = value
    form = SearchForm(data)
    query, filters, sort, page = form.cleaned()
    results = search(query, filters, sort=sort, page=page)
    _links(request, results)
    context = {
        "form": form,
        "results": results,
        "query": query,
        "sort": sort,
        "sorts": SORTS,
        "messages_list": form.messages,
        "fixed": fixed or {},
        "previous_url": _page_url(request, results.page - 1),
        "next_url": _page_url(request, results.page + 1),
        "active_filters": [
            (facet.label, option.label, option.url)
            for facet in results.facets
            for option in facet.options
            if option.selected and facet.param not in (fixed or {})
        ],
    }
    context.update(extra or {})
    return render(request, template, context)


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    return render_search(request, "search/search_page.html")


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    return render_search(
        request,
        "search/search_page.html",
        {"heading": "Alle projekter"},
        fixed={"type": "projekt"},
    )


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    prefix = request.GET.get("q", "")[:100]
    return JsonResponse({"query": prefix, "suggestions": autocomplete(prefix)})
