"""The search page and every listing built on it (all projects, a theme's
page, a programme's page): one render, with a listing's fixed parameters.

The apps whose pages list content (taxonomy, projects) call this; it sits
below them and imports none of them.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from almenhub.search.counting import mark_counted
from almenhub.search.facets import FACET_PARAMS, SORT_PARAM
from almenhub.search.forms import SearchForm
from almenhub.search.links import SearchLinks
from almenhub.search.selectors import SearchResults, browse_suggestions, search


def _link_options(links: SearchLinks, results: SearchResults) -> None:
    """Each facet option carries the URL that toggles it, keeping the rest."""
    for facet in results.facets:
        for option in facet.options:
            option.url = links.toggle(
                facet.param, option.value, selected=option.selected
            )


def render_search(
    request: HttpRequest,
    template: str,
    extra: dict | None = None,
    *,
    fixed: dict[str, str] | None = None,
) -> HttpResponse:
    fixed = fixed or {}
    data = request.GET.copy()
    for key, value in fixed.items():
        data[key] = value
    form = SearchForm(data)
    query, filters, sort, page = form.cleaned()
    results = search(query, filters, sort=sort, page=page, group=True)
    links = SearchLinks(request.GET, fixed=fixed)
    _link_options(links, results)
    context = {
        "form": form,
        "results": results,
        "query": query,
        "sort": sort,
        "links": links,
        "sort_links": links.sorts(sort),
        "messages_list": form.messages,
        "fixed": fixed,
        "previous_url": links.page(results.page - 1),
        "next_url": links.page(results.page + 1),
        "active_filters": [
            (facet.label, option.label, option.url)
            for facet in results.facets
            for option in facet.options
            if option.selected and facet.param not in fixed
        ],
    }
    if not results.total and not results.notice:
        context["way_on"] = browse_suggestions()
    context.update(extra or {})
    response = render(request, template, context)
    if _is_typed_search(request, query, page) and not results.notice:
        # Counted for the editors' report each time it is answered, from the
        # page cache too (search/counting.py): the answer stays cacheable.
        mark_counted(response, query=query, hits=results.total)
    return response


def _is_typed_search(request: HttpRequest, query: str, page: int) -> bool:
    """A search as typed into the box: its first page, with no filter or
    sort chosen on top of the listing's own (clicking a facet of it, or
    paging on, is the same search looked at further)."""
    chosen = [p for p in (*FACET_PARAMS, SORT_PARAM) if request.GET.get(p)]
    return bool(query.strip()) and page == 1 and not chosen
