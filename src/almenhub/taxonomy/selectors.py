from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from almenhub.core.text import normalise_name
from almenhub.taxonomy.models import Theme


@dataclass
class ThemeNode:
    theme: Theme
    count: int
    children: list[ThemeNode] = field(default_factory=list)


def theme_tree(*, counts: Mapping[str, int]) -> list[ThemeNode]:
    """The two-level taxonomy, each theme with its count from `counts` (by
    slug). The caller passes the search's counts, so that the number beside a
    theme is the number of pages its theme page lists."""
    parents: dict[int, ThemeNode] = {}
    children: list[tuple[int, Theme]] = []
    for theme in Theme.objects.select_related("parent"):
        if theme.parent_id is None:
            parents[theme.pk] = ThemeNode(theme=theme, count=counts.get(theme.slug, 0))
        else:
            children.append((theme.parent_id, theme))
    for parent_id, child in children:
        node = parents.get(parent_id)
        if node is not None:
            node.children.append(
                ThemeNode(theme=child, count=counts.get(child.slug, 0))
            )
    return list(parents.values())


def theme_children_by_names() -> dict[tuple[str, str], Theme]:
    """Every child theme by its parent's and its own normalised names, as
    `theme_get_or_create_child` finds them (the first theme of a name, in
    the taxonomy's order): one query for a batch of lookups, where the
    service reads the parents and their children for each."""
    parents: dict[str, int] = {}
    children: list[Theme] = []
    for theme in Theme.objects.select_related("parent"):
        if theme.parent_id is None:
            parents.setdefault(normalise_name(theme.name), theme.pk)
        else:
            children.append(theme)
    first = set(parents.values())
    found: dict[tuple[str, str], Theme] = {}
    for child in children:
        if child.parent_id in first:
            parent = cast(Theme, child.parent)
            key = (normalise_name(parent.name), normalise_name(child.name))
            found.setdefault(key, child)
    return found
