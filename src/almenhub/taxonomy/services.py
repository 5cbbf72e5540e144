from __future__ import annotations

from django.db import transaction

from almenhub.core.text import normalise_name
from almenhub.taxonomy.models import Theme, unique_theme_slug


class UnknownThemeError(ValueError):
    pass


def theme_find_parent(*, name: str) -> Theme | None:
    key = normalise_name(name)
    return next(
        (
            t
            for t in Theme.objects.filter(parent__isnull=True)
            if normalise_name(t.name) == key
        ),
        None,
    )


@transaction.atomic
def theme_get_or_create_child(
    *, parent_name: str, child_name: str
) -> tuple[Theme, bool]:
    """The child theme under a known parent; an unknown child is created there.

    An unknown parent is refused: the top level is the association's editorial
    structure and is not extended by imports.
    """
    parent = theme_find_parent(name=parent_name)
    if parent is None:
        raise UnknownThemeError(f"Ukendt hovedtema: “{parent_name}”.")
    key = normalise_name(child_name)
    for child in parent.children.all():
        if normalise_name(child.name) == key:
            return child, False
    clean = " ".join(child_name.split())
    child = Theme(
        name=clean,
        parent=parent,
        slug=unique_theme_slug(clean, parent),
        sort_order=parent.children.count(),
    )
    child.full_clean()
    child.save()
    return child, True
