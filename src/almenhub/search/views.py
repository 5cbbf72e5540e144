from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from almenhub.search.listing import render_search
from almenhub.search.selectors import autocomplete


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
