from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from almenhub.core.text import danish_slugify
from almenhub.organisations.services import normalise_name
from almenhub.publications.models import (
    PublicationIndexPage,
    PublicationPage,
    PublicationSeries,
)


def publication_index_get_or_create() -> PublicationIndexPage:
    index = PublicationIndexPage.objects.first()
    if index is not None:
        return index
    from almenhub.home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Sitet har ingen forside at lægge publikationer under.")
    index = PublicationIndexPage(
        title="Publikationer", slug="publikationer", show_in_menus=True
    )
    home.add_child(instance=index)
    return index


def series_find(*, name: str) -> PublicationSeries | None:
    key = normalise_name(name)
    return next(
        (s for s in PublicationSeries.objects.all() if normalise_name(s.name) == key),
        None,
    )


def unique_child_slug(parent: Page, title: str) -> str:
    base = danish_slugify(title)
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def publication_get_or_create(
    *,
    title: str,
    series: PublicationSeries | None = None,
    year: int | None = None,
    teaser: str = "",
) -> tuple[PublicationPage, bool]:
    """A publication page found by title within its series, or a new, live one."""
    key = normalise_name(title)
    # Compared in Python: SQLite's case folding stops at ASCII (Æ/æ differ).
    candidates = PublicationPage.objects.filter(series=series).only("pk", "title")
    for candidate in candidates:
        if normalise_name(candidate.title) == key:
            return PublicationPage.objects.get(pk=candidate.pk), False
    index = publication_index_get_or_create()
    page = PublicationPage(
        title=" ".join(title.split()),
        slug=unique_child_slug(index, title),
        series=series,
        year=year,
        teaser=teaser,
    )
    index.add_child(instance=page)
    return page, True
