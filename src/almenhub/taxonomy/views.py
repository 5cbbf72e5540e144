from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from almenhub.search.listing import render_search
from almenhub.search.selectors import theme_counts
from almenhub.taxonomy.models import Theme
from almenhub.taxonomy.selectors import theme_tree


def theme_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "taxonomy/theme_index.html",
        {"theme_tree": theme_tree(counts=theme_counts())},
    )


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A theme's projects, with the same facets as the search page."""
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    return render_search(
        request,
        "taxonomy/theme_detail.html",
        {
            "theme": theme,
            "heading": theme.name,
            "subthemes": theme.children.all() if theme.is_parent else [],
        },
        fixed={"tema": theme.slug},
    )
