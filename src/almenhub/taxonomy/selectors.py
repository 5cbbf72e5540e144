from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from almenhub.taxonomy.models import Theme


@dataclass
class ThemeNode:
    theme: Theme
    project_count: int
    children: list[ThemeNode] = field(default_factory=list)


def _live_project_filter(prefix: str) -> Q:
    return Q(**{f"{prefix}__live": True})


def themes_with_project_counts() -> list[ThemeNode]:
    """The two-level taxonomy with the number of live projects under each theme."""
    themes = Theme.objects.select_related("parent").annotate(
        n=Count("projects", filter=_live_project_filter("projects"), distinct=True)
    )
    parents: dict[int, ThemeNode] = {}
    children: list[Theme] = []
    for theme in themes:
        if theme.parent_id is None:
            parents[theme.pk] = ThemeNode(theme=theme, project_count=theme.n)
        else:
            children.append(theme)
    for child in children:
        node = parents.get(child.parent_id)
        if node is not None:
            node.children.append(ThemeNode(theme=child, project_count=child.n))
    for node in parents.values():
        node.project_count = projects_for_theme(node.theme).count()
    return list(parents.values())


def projects_for_theme(theme: Theme) -> QuerySet:
    """Live projects tagged with the theme or, for a parent, any of its children."""
    from almenhub.projects.models import ProjectPage

    theme_ids = [theme.pk]
    if theme.parent_id is None:
        theme_ids += list(theme.children.values_list("pk", flat=True))
    return (
        ProjectPage.objects.live()
        .public()
        .filter(themes__in=theme_ids)
        .distinct()
        .select_related("owner_organisation")
        .prefetch_related("themes__parent")
        .order_by("-publication_year", "title")
    )
