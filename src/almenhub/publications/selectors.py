"""The publications' list, filtered by series and year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from almenhub.core.listing import PAGE_PARAM, FilterGroup, filter_group, param_text
from almenhub.core.pages.visibility import public_pages
from almenhub.publications.models import (
    PublicationIndexPage,
    PublicationPage,
    PublicationSeries,
)
from almenhub.search.facets import facet

# The year filter is the search's own (parameter, label, check, message);
# the series is the API's `series` word in Danish, which the search does
# not index.
YEAR_FACET = facet("aar")
SERIES_PARAM = "serie"
PUBLICATION_FILTER_PARAMS = (SERIES_PARAM, YEAR_FACET.param, PAGE_PARAM)


@dataclass(frozen=True)
class PublicationFilters:
    series: str = ""  # a series' slug
    year: int | None = None


def publication_filters_read(
    params: Mapping[str, object],
) -> tuple[PublicationFilters, list[str]]:
    """The filters of a query string, and a Danish message for each value
    that is none (dropped, never an error page)."""
    messages = []
    series = param_text(params, SERIES_PARAM)
    if series and not PublicationSeries.objects.filter(slug=series).exists():
        messages.append(f"Ukendt serie “{series[:60]}” – ignoreret.")
        series = ""
    raw_year = param_text(params, YEAR_FACET.param)
    read = YEAR_FACET.read(raw_year) if raw_year else None
    year = read if isinstance(read, int) else None  # a year facet reads ints
    if raw_year and year is None:
        messages.append(YEAR_FACET.message(raw_year[:60]))
    return PublicationFilters(series=series, year=year), messages


def _narrowed(
    pages: QuerySet[PublicationPage], filters: PublicationFilters, *, skip: str = ""
) -> QuerySet[PublicationPage]:
    if filters.series and skip != SERIES_PARAM:
        pages = pages.filter(series__slug=filters.series)
    if filters.year is not None and skip != YEAR_FACET.param:
        pages = pages.filter(year=filters.year)
    return pages


def _public(index: PublicationIndexPage) -> QuerySet[PublicationPage]:
    return public_pages(PublicationPage.objects.child_of(index))


def publications_filtered(
    *, index: PublicationIndexPage, filters: PublicationFilters
) -> QuerySet[PublicationPage]:
    return (
        _narrowed(_public(index), filters)
        .select_related("series", "cover_image")
        .prefetch_related("cover_image__renditions")
        .order_by("-year", "title")
    )


def publication_filter_groups(
    *, index: PublicationIndexPage, filters: PublicationFilters
) -> list[FilterGroup]:
    """Series and year, each option with how many publications it would
    show with the other filter kept."""
    base = _public(index)
    by_series = dict(
        _narrowed(base, filters, skip=SERIES_PARAM)
        .values_list("series_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_year = dict(
        _narrowed(base, filters, skip=YEAR_FACET.param)
        .filter(year__isnull=False)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if filters.year is not None:
        by_year.setdefault(filters.year, 0)
    return [
        filter_group(
            param=SERIES_PARAM,
            label="Serie",
            rows=[
                (series.slug, series.name, by_series.get(series.pk, 0), "")
                for series in PublicationSeries.objects.order_by("name")
            ],
            chosen=filters.series,
        ),
        filter_group(
            param=YEAR_FACET.param,
            label=YEAR_FACET.label,
            rows=[
                (str(year), str(year), count, "")
                for year, count in sorted(by_year.items(), reverse=True)
            ],
            chosen="" if filters.year is None else str(filters.year),
        ),
    ]
