from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from almenhub.taxonomy.models import Theme
from almenhub.taxonomy.selectors import projects_for_theme, themes_with_project_counts

PROJECTS_PER_PAGE = 20


def theme_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "taxonomy/theme_index.html",
        {"theme_tree": themes_with_project_counts()},
    )


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    paginator = Paginator(projects_for_theme(theme), PROJECTS_PER_PAGE)
    return render(
        request,
        "taxonomy/theme_detail.html",
        {
            "theme": theme,
            "subthemes": theme.children.all() if theme.is_parent else [],
            "projects": paginator.get_page(request.GET.get("side")),
        },
    )
