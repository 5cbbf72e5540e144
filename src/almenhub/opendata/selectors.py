"""Reads for the open data: one queryset per resource, public rows only, in a
stable order (primary key) so that paging through never skips or repeats.

Filters arrive validated for shape by the API's schemas; a value that names
something unknown in a closed vocabulary (a theme, a series, a task, an
indicator) raises `UnknownValue`, which the API answers with 400.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Model, Prefetch, Q, QuerySet, Sum
from wagtail.models import Page

from almenhub.contentpages.models import ContentPage
from almenhub.indicators.models import COUNTED, Indicator, IndicatorValue
from almenhub.news.models import NewsPage
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.publications.models import PublicationPage, PublicationSeries
from almenhub.taxonomy.models import Theme
from almenhub.themepages.models import ThemeHubPage


class UnknownValue(ValueError):
    """A filter value that names nothing: the message says which and why."""


def optional_model(app_label: str, model_name: str) -> type[Model] | None:
    """A model of an app that may not be built yet; the API offers its
    endpoints only when it is."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def themes_prefetch() -> Prefetch:
    return Prefetch("themes", queryset=Theme.objects.select_related("parent"))


def theme_ids(slug: str) -> list[int]:
    """The theme and, for a parent theme, its children."""
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        raise UnknownValue(f"Ukendt tema “{slug}”. Se /api/v1/themes/ for temaerne.")
    ids = [theme.pk]
    if theme.parent_id is None:
        ids += list(theme.children.values_list("pk", flat=True))
    return ids


def parents_by_path(pages: list[Page]) -> dict[str, Page]:
    """The parent of each page, in one query (a page's parent path is its own
    path less one step)."""
    paths = {p.path[: -Page.steplen] for p in pages if p.depth > 1}
    return {p.path: p for p in Page.objects.filter(path__in=paths)}


# -- projects and programmes ---------------------------------------------------


def projects(
    *,
    theme: str | None = None,
    status: str | None = None,
    year: int | None = None,
    owner: int | None = None,
    participant: int | None = None,
    programme: int | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[ProjectPage]:
    qs = (
        ProjectPage.objects.live()
        .public()
        .select_related("owner_organisation")
        .prefetch_related(themes_prefetch())
    )
    if theme:
        qs = qs.filter(themes__in=theme_ids(theme)).distinct()
    if status:
        qs = qs.filter(status=status)
    if year is not None:
        qs = qs.filter(publication_year=year)
    if owner is not None:
        qs = qs.filter(owner_organisation_id=owner)
    if participant is not None:
        qs = qs.filter(participants=participant).distinct()
    if programme is not None:
        parent = ProgrammePage.objects.filter(pk=programme).first()
        if parent is None:
            return qs.none()
        qs = qs.child_of(parent)
    if updated_since is not None:
        qs = qs.filter(last_published_at__gte=updated_since)
    return qs.order_by("pk")


def project(pk: int) -> ProjectPage | None:
    return projects().filter(pk=pk).first()


def programmes(*, owner: int | None = None) -> QuerySet[ProgrammePage]:
    qs = ProgrammePage.objects.live().public().select_related("owner_organisation")
    if owner is not None:
        qs = qs.filter(owner_organisation_id=owner)
    return qs.order_by("pk")


def programme(pk: int) -> ProgrammePage | None:
    return programmes().filter(pk=pk).first()


# -- publications ---------------------------------------------------------------


def publications(
    *,
    year: int | None = None,
    series: str | None = None,
    project: int | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[PublicationPage]:
    qs = (
        PublicationPage.objects.live()
        .public()
        .select_related("series", "document")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=ProjectPage.objects.live().public().order_by("pk"),
            )
        )
    )
    if year is not None:
        qs = qs.filter(year=year)
    if series:
        found = PublicationSeries.objects.filter(slug=series).first()
        if found is None:
            raise UnknownValue(f"Ukendt serie “{series}”.")
        qs = qs.filter(series=found)
    if project is not None:
        qs = qs.filter(projects=project).distinct()
    if updated_since is not None:
        qs = qs.filter(last_published_at__gte=updated_since)
    return qs.order_by("pk")


def publication(pk: int) -> PublicationPage | None:
    return publications().filter(pk=pk).first()


# -- organisations and themes ---------------------------------------------------


def organisations(
    *,
    kind: str | None = None,
    municipality: str | None = None,
    member: bool | None = None,
) -> QuerySet[Organisation]:
    qs = Organisation.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if member is not None:
        qs = qs.filter(is_member=member)
    if municipality:
        qs = qs.filter(municipality__iexact=municipality)
    return qs.order_by("pk")


def organisation(pk: int) -> Organisation | None:
    return organisations().prefetch_related("departments").filter(pk=pk).first()


def themes(
    *, parent: str | None = None, top_level: bool | None = None
) -> QuerySet[Theme]:
    qs = Theme.objects.select_related("parent").prefetch_related("children")
    if parent:
        found = Theme.objects.filter(slug=parent, parent__isnull=True).first()
        if found is None:
            raise UnknownValue(f"Ukendt hovedtema “{parent}”.")
        qs = qs.filter(parent=found)
    if top_level is not None:
        qs = qs.filter(parent__isnull=top_level)
    return qs.order_by("pk")


def theme(slug: str) -> Theme | None:
    return themes().filter(slug=slug).first()


# -- examples and indicators ----------------------------------------------------


def examples(
    *,
    theme: str | None = None,
    status: str | None = None,
    task: str | None = None,
    organisation: int | None = None,
    municipality: str | None = None,
    indicator: str | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet:
    example_model = apps.get_model("examples", "ExamplePage")
    value_model = apps.get_model("indicators", "IndicatorValue")
    qs = (
        example_model.objects.live()
        .public()
        .select_related("organisation", "department", "task")
        .prefetch_related(
            themes_prefetch(),
            Prefetch(
                "values",
                queryset=value_model.objects.select_related("indicator").order_by(
                    "sort_order", "pk"
                ),
            ),
        )
    )
    if theme:
        qs = qs.filter(themes__in=theme_ids(theme)).distinct()
    if status:
        qs = qs.filter(status=status)
    if task:
        task_model = apps.get_model("examples", "OperationsTask")
        found = task_model.objects.filter(slug=task).first()
        if found is None:
            raise UnknownValue(f"Ukendt driftsopgave “{task}”.")
        qs = qs.filter(task=found)
    if organisation is not None:
        qs = qs.filter(organisation_id=organisation)
    if municipality:
        qs = qs.filter(municipality__iexact=municipality)
    if indicator:
        found_indicator = indicator_by_slug(indicator)
        if found_indicator is None:
            raise UnknownValue(f"Ukendt indikator “{indicator}”.")
        qs = qs.filter(values__indicator=found_indicator).distinct()
    if updated_since is not None:
        qs = qs.filter(last_published_at__gte=updated_since)
    return qs.order_by("pk")


def example(pk: int) -> Any:
    return examples().filter(pk=pk).first()


def indicators(
    *, bottom_line: str | None = None, biodiversity: bool | None = None
) -> QuerySet:
    qs = apps.get_model("indicators", "Indicator").objects.all()
    if bottom_line:
        qs = qs.filter(bottom_line=bottom_line)
    if biodiversity is not None:
        qs = qs.filter(biodiversity=biodiversity)
    return qs.order_by("pk")


def indicator_by_slug(slug: str) -> Any:
    return indicators().filter(slug=slug).first()


@dataclass(frozen=True)
class SectorFigures:
    examples: int = 0
    values: int = 0
    total: float | None = None


def sector_figures(indicator_ids: list[int]) -> dict[int, SectorFigures]:
    """What live examples have achieved per indicator, counted as the value
    register counts it (`COUNTED`: live examples, targets left out). A total
    of percentages means nothing, so theirs is empty."""
    summable = {
        i.pk: i.is_summable for i in Indicator.objects.filter(pk__in=indicator_ids)
    }
    rows = (
        IndicatorValue.objects.filter(COUNTED, indicator_id__in=indicator_ids)
        .order_by("indicator_id")
        .values("indicator_id")
        .annotate(
            n_values=Count("pk"),
            n_examples=Count("page_id", distinct=True),
            total=Sum("value"),
        )
    )
    return {
        row["indicator_id"]: SectorFigures(
            examples=row["n_examples"],
            values=row["n_values"],
            total=round(float(row["total"]), 3)
            if summable.get(row["indicator_id"]) and row["total"] is not None
            else None,
        )
        for row in rows
    }


# -- meetings ---------------------------------------------------------------------


def meeting_series(*, theme: str | None = None) -> QuerySet:
    model = apps.get_model("meetings", "MeetingSeriesPage")
    qs = (
        model.objects.live()
        .public()
        .select_related("project")
        .prefetch_related(themes_prefetch(), "co_organisers")
    )
    if theme:
        qs = qs.filter(themes__in=theme_ids(theme)).distinct()
    return qs.order_by("pk")


def one_meeting_series(pk: int) -> Any:
    return meeting_series().filter(pk=pk).first()


def meetings(
    *,
    theme: str | None = None,
    series: int | None = None,
    city: str | None = None,
    starts_after: datetime.datetime | None = None,
    starts_before: datetime.datetime | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet:
    """Meetings with their public facts. Registrations are personal data and
    are never read here, only counted for the seats left."""
    model = apps.get_model("meetings", "MeetingPage")
    qs = (
        model.objects.live()
        .public()
        .select_related("contact__organisation")
        .annotate(
            confirmed_seats=Count(
                "registrations", filter=Q(registrations__status="confirmed")
            )
        )
    )
    if theme:
        series_model = apps.get_model("meetings", "MeetingSeriesPage")
        in_series = Q(pk__in=[])
        for path, depth in series_model.objects.filter(
            themes__in=theme_ids(theme)
        ).values_list("path", "depth"):
            in_series |= Q(path__startswith=path, depth=depth + 1)
        qs = qs.filter(in_series)
    if series is not None:
        series_model = apps.get_model("meetings", "MeetingSeriesPage")
        found = series_model.objects.filter(pk=series).first()
        if found is None:
            return qs.none()
        qs = qs.child_of(found)
    if city:
        qs = qs.filter(city__iexact=city)
    if starts_after is not None:
        qs = qs.filter(starts_at__gte=starts_after)
    if starts_before is not None:
        qs = qs.filter(starts_at__lt=starts_before)
    if updated_since is not None:
        qs = qs.filter(last_published_at__gte=updated_since)
    return qs.order_by("pk")


def meeting(pk: int) -> Any:
    return meetings().filter(pk=pk).first()


# -- news, theme pages and content pages -------------------------------------------


def news(
    *,
    theme: str | None = None,
    year: int | None = None,
    month: int | None = None,
    project: int | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[NewsPage]:
    qs = (
        NewsPage.objects.live()
        .public()
        .select_related("image")
        .prefetch_related(
            themes_prefetch(),
            Prefetch(
                "related_projects",
                queryset=ProjectPage.objects.live().public().order_by("pk"),
            ),
        )
    )
    if theme:
        qs = qs.filter(themes__in=theme_ids(theme)).distinct()
    if year is not None:
        qs = qs.filter(date__year=year)
    if month is not None:
        qs = qs.filter(date__month=month)
    if project is not None:
        qs = qs.filter(related_projects=project).distinct()
    if updated_since is not None:
        qs = qs.filter(last_published_at__gte=updated_since)
    return qs.order_by("pk")


def one_news(pk: int) -> NewsPage | None:
    return news().filter(pk=pk).first()


def theme_pages(*, theme: str | None = None) -> QuerySet[ThemeHubPage]:
    qs = ThemeHubPage.objects.live().public().prefetch_related(themes_prefetch())
    if theme:
        qs = qs.filter(themes__in=theme_ids(theme)).distinct()
    return qs.order_by("pk")


def theme_page(pk: int) -> ThemeHubPage | None:
    return theme_pages().filter(pk=pk).first()


def content_pages(*, kind: str | None = None) -> QuerySet[ContentPage]:
    qs = ContentPage.objects.live().public().prefetch_related(themes_prefetch())
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("pk")


def content_page(pk: int) -> ContentPage | None:
    return content_pages().filter(pk=pk).first()
