"""The value register's figures, /api/v1/value/…: what the dashboard at
/vaerdi/ and an organisation's page at /vaerdi/organisation/<slug>/ show,
as numbers, with the same filters.

The filters are read by the dashboard's own form (indicators.forms), so a
value the page refuses is refused here too, with the same Danish message.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from almenhub.indicators.comparison import Normalised
from almenhub.indicators.forms import DashboardFilterForm, OrganisationFilterForm
from almenhub.indicators.models import Indicator
from almenhub.indicators.reports import organisation_report
from almenhub.indicators.selectors import (
    ValueFilters,
    indicator_summary,
    indicator_time_series,
)
from almenhub.indicators.valuation import KronerRange, Valuation, valuation
from almenhub.opendata import schemas as s
from almenhub.opendata.listing import render_json
from almenhub.organisations.models import Organisation

ERRORS = {400: s.ErrorOut, 404: s.ErrorOut, 429: s.ErrorOut}
TAGS = ["Værdi"]

router = Router()


# -- parameters ---------------------------------------------------------------


class ValueQuery(Schema):
    theme: s.Slug = s.optional(
        "Temaets kortnavn; et hovedtema tager sine undertemaer med."
    )
    bottom_line: Literal[
        "social", "climate_environment", "biodiversity", "economic"
    ] = s.optional("Bundlinje; climate_environment tager biodiversitet med.")
    year: s.Year = s.optional("Året, en værdis periode slutter.")
    task: s.Slug = s.optional("Driftsopgavens kortnavn.")


class SectorQuery(ValueQuery):
    organisation: s.Id = s.optional("Kun denne organisations eksempler (id).")


# The form's field for each API parameter it reads. A year or an
# organisation is taken as given: one without values is an empty answer here
# (the page's form offers only years and organisations that have values).
FORM_NAMES = {"theme": "tema", "bottom_line": "bundlinje", "task": "opgave"}


def _filters(form_class: type[DashboardFilterForm], query: ValueQuery) -> ValueFilters:
    data = {
        FORM_NAMES[name]: str(value)
        for name, value in query.dict().items()
        if name in FORM_NAMES and value is not None
    }
    form = form_class(data)
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_messages_flat()))
    return replace(
        form.value_filters(),
        year=query.year,
        organisation_id=getattr(query, "organisation", None),
    )


# -- answers ------------------------------------------------------------------


def _number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


class IndicatorRef(s.Out):
    slug: str
    name: str
    bottom_line: str
    biodiversity: bool
    unit: str


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "bottom_line": indicator.bottom_line,
        "biodiversity": indicator.biodiversity,
        "unit": indicator.unit,
    }


class IndicatorFigures(s.Out):
    indicator: IndicatorRef
    values: int = Field(description="Antal værdier bag tallene.")
    total: float | None = Field(description="Summen; tom for procenter.")
    median: float | None
    lowest: float | None
    highest: float | None


class SummaryOut(s.Out):
    indicators: list[IndicatorFigures]


class YearFigures(s.Out):
    year: int
    examples: int
    values: int
    total: float | None = Field(description="Summen; tom for procenter.")
    median: float | None


class SeriesOut(s.Out):
    indicator: IndicatorRef
    years: list[YearFigures]


class Kroner(s.Out):
    low: float
    central: float
    high: float


def _kroner(value: KronerRange) -> dict[str, float]:
    return {
        "low": float(value.low),
        "central": float(value.central),
        "high": float(value.high),
    }


class BottomLineKroner(Kroner):
    bottom_line: str


class IndicatorKroner(Kroner):
    indicator: IndicatorRef
    quantity: float = Field(description="Summen af værdierne i indikatorens enhed.")
    per_unit: Kroner = Field(description="Kroner pr. enhed i kildens prisår.")
    price_year: int = Field(description="Kildens prisår.")
    deadweight: float = Field(description="Dødvægt i procent.")
    attribution: float = Field(description="Andres andel i procent.")
    source: str


class PriceIndexUsed(s.Out):
    year: int
    index: float = Field(
        description="Forbrugerprisindeksets årsgennemsnit (2015 = 100)."
    )
    source: str = Field(description="Kilden, og om tallet er efterprøvet.")


class KronerOut(s.Out):
    price_year: int | None = Field(description="Året, alle beløb er i priser fra.")
    price_indices: list[PriceIndexUsed] = Field(
        description=(
            "Prisindeksets tal for prisåret og for hver kroneværdis prisår, "
            "som beløbene er ført med."
        )
    )
    total: Kroner
    bottom_lines: list[BottomLineKroner]
    indicators: list[IndicatorKroner]
    not_monetised: list[IndicatorRef] = Field(
        description="Indikatorer uden værdi i kroner; de tæller ikke med."
    )


def _valuation(result: Valuation) -> dict[str, Any]:
    return {
        "price_year": result.price_year,
        "price_indices": [
            {"year": i.year, "index": float(i.index), "source": i.source}
            for i in result.indices
        ],
        "total": _kroner(result.total),
        "bottom_lines": [
            {"bottom_line": key, **_kroner(value)}
            for key, value in result.by_bottom_line
        ],
        "indicators": [
            {
                "indicator": _indicator(row.indicator),
                "quantity": float(row.quantity),
                "per_unit": {
                    "low": float(row.proxy.low),
                    "central": float(row.proxy.central),
                    "high": float(row.proxy.high),
                },
                "price_year": row.proxy.price_year,
                "deadweight": float(row.proxy.deadweight),
                "attribution": float(row.proxy.attribution),
                "source": row.proxy.source,
                **_kroner(row.kroner),
            }
            for row in result.rows
        ],
        "not_monetised": [_indicator(i) for i in result.not_monetised],
    }


class StandingOut(s.Out):
    indicator: IndicatorRef
    values: int
    examples: int
    total: float | None = Field(description="Summen; tom for procenter.")
    median: float | None
    average: float = Field(
        description="Gennemsnit pr. værdi; placeringen bygger på det."
    )
    sector_median: float | None
    sector_values: int
    organisations: int = Field(
        description="Organisationer med værdier for indikatoren."
    )
    rank: int = Field(description="1 er bedst i indikatorens retning; lige gode deler.")
    better_than_percent: float | None = Field(
        description="Andel af de øvrige organisationer, der ligger under; ellers tom."
    )


class NormalisedOut(s.Out):
    indicator: IndicatorRef
    examples: int = Field(description="Eksempler knyttet til en afdeling.")
    departments: int
    per_department: float | None
    homes: int = Field(
        description="Boliger i de afdelinger, der kender deres boligtal."
    )
    home_examples: int = Field(description="Eksempler bag tallet pr. bolig.")
    per_home: float | None


def _normalised(figures: Normalised) -> dict[str, Any]:
    return {
        "indicator": _indicator(figures.indicator),
        "examples": figures.examples,
        "departments": figures.departments,
        "per_department": _number(figures.per_department),
        "homes": figures.homes,
        "home_examples": figures.home_examples,
        "per_home": _number(figures.per_home),
    }


class OrganisationExample(s.Out):
    id: int
    title: str
    url: str
    values: int = Field(description="Værdier, der tæller med under filtrene.")


class ValueOrganisation(s.Out):
    id: int
    slug: str
    name: str
    url: str = Field(description="Organisationens side med værdi.")


class OrganisationValueOut(s.Out):
    organisation: ValueOrganisation
    standings: list[StandingOut]
    per_home: list[NormalisedOut]
    sector_per_home: list[NormalisedOut]
    kroner: KronerOut
    examples: list[OrganisationExample] = Field(
        description="De nyeste eksempler (højst 30), som siden viser dem."
    )
    examples_total: int = Field(description="Eksempler med værdier i alt.")


def _answer(schema: type[s.Out], data: dict[str, Any]) -> HttpResponse:
    return render_json(schema.model_validate(data).model_dump(mode="json"))


# -- endpoints ----------------------------------------------------------------


@router.get(
    "/value/indicators/",
    response={200: SummaryOut, **ERRORS},
    url_name="value_indicators",
    summary="Sektorens tal pr. indikator",
    description=(
        "Antal værdier, sum, median, mindste og største værdi pr. indikator, "
        "som tabellerne på /vaerdi/. Kun offentliggjorte eksempler; mål tæller ikke."
    ),
    tags=TAGS,
)
def value_indicators(request: HttpRequest, query: Query[SectorQuery]) -> HttpResponse:
    rows = indicator_summary(_filters(DashboardFilterForm, query))
    return _answer(
        SummaryOut,
        {
            "indicators": [
                {
                    "indicator": _indicator(row.indicator),
                    "values": row.values,
                    "total": _number(row.total),
                    "median": _number(row.median),
                    "lowest": _number(row.lowest),
                    "highest": _number(row.highest),
                }
                for row in rows
            ]
        },
    )


@router.get(
    "/value/indicators/{slug}/years/",
    response={200: SeriesOut, **ERRORS},
    url_name="value_indicator_years",
    summary="En indikator pr. år",
    description="Median og sum pr. år med antallet af eksempler bag hvert år.",
    tags=TAGS,
)
def value_indicator_years(
    request: HttpRequest, slug: Path[s.Slug], query: Query[SectorQuery]
) -> HttpResponse:
    indicator = Indicator.objects.filter(slug=slug).first()
    if indicator is None:
        raise HttpError(404, f"Indikatoren “{slug}” findes ikke.")
    filters = _filters(DashboardFilterForm, query)
    points = indicator_time_series(indicator, filters)
    return _answer(
        SeriesOut,
        {
            "indicator": _indicator(indicator),
            "years": [
                {
                    "year": p.year,
                    "examples": p.examples,
                    "values": p.values,
                    "total": _number(p.total),
                    "median": _number(p.median),
                }
                for p in points
            ],
        },
    )


@router.get(
    "/value/kroner/",
    response={200: KronerOut, **ERRORS},
    url_name="value_kroner",
    summary="Værdi i kroner",
    description=(
        "Værdibanken: pr. indikator, bundlinje og i alt, lavt, centralt og højt "
        "skøn efter dødvægt og andres andel, i ét prisår."
    ),
    tags=TAGS,
)
def value_kroner(request: HttpRequest, query: Query[SectorQuery]) -> HttpResponse:
    rows = indicator_summary(_filters(DashboardFilterForm, query))
    return _answer(KronerOut, _valuation(valuation(rows)))


@router.get(
    "/value/organisations/{slug}/",
    response={200: OrganisationValueOut, **ERRORS},
    url_name="value_organisation",
    summary="En organisation mod sektoren",
    description=(
        "Som /vaerdi/organisation/{slug}/: organisationens tal pr. indikator "
        "mod sektorens, pr. afdeling og pr. bolig, i kroner, og eksemplerne bag."
    ),
    tags=TAGS,
)
def value_organisation(
    request: HttpRequest, slug: Path[s.Slug], query: Query[ValueQuery]
) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    filters = _filters(OrganisationFilterForm, query)
    report = organisation_report(
        organisation=organisation, filters=filters, headings={}
    )
    return _answer(
        OrganisationValueOut,
        {
            "organisation": {
                "id": organisation.pk,
                "slug": organisation.slug,
                "name": organisation.name,
                "url": request.build_absolute_uri(
                    reverse("indicators:organisation", kwargs={"slug": slug})
                ),
            },
            "standings": [
                {
                    "indicator": _indicator(st.indicator),
                    "values": st.values,
                    "examples": st.examples,
                    "total": _number(st.total),
                    "median": _number(st.median),
                    "average": float(st.average),
                    "sector_median": _number(st.sector_median),
                    "sector_values": st.sector_values,
                    "organisations": st.organisations,
                    "rank": st.rank,
                    "better_than_percent": _number(st.better_than),
                }
                for st in report.standings
            ],
            "per_home": [_normalised(f) for f in report.own_per_home],
            "sector_per_home": [_normalised(f) for f in report.sector_per_home],
            "kroner": _valuation(report.value_bank),
            "examples": [
                {
                    "id": page.pk,
                    "title": page.title,
                    "url": page.get_full_url(request) or "",
                    "values": count,
                }
                for page, count in report.examples
            ],
            "examples_total": report.examples_total,
        },
    )
