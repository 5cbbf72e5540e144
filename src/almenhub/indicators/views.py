from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from almenhub.core.spreadsheet import CONTENT_TYPE as CSV_CONTENT_TYPE
from almenhub.indicators.charts import Datum, Spread, line_chart_svg, spread_chart_svg
from almenhub.indicators.formatting import danish_number
from almenhub.indicators.forms import DashboardFilterForm, OrganisationFilterForm
from almenhub.indicators.models import BOTTOM_LINE_ORDER, BottomLine, Indicator
from almenhub.indicators.reports import (
    OrganisationReport,
    ReportPdfError,
    organisation_report,
    report_pdf,
)
from almenhub.indicators.selectors import (
    IndicatorSummaryRow,
    ValueFilters,
    indicator_summary,
    indicator_time_series,
)
from almenhub.indicators.tables import (
    Table,
    kroner_tables,
    series_table,
    summary_table,
    tables_to_csv,
)
from almenhub.indicators.valuation import valuation
from almenhub.organisations.models import Organisation

SECTION_HEADINGS = {
    BottomLine.SOCIAL: "Social bundlinje",
    BottomLine.CLIMATE_ENVIRONMENT: "Klima og miljø, inkl. biodiversitet",
    BottomLine.ECONOMIC: "Økonomisk bundlinje",
}


# How a chosen bottom line reads in the sentence “Viser: …”.
BOTTOM_LINE_NAMES = {
    BottomLine.SOCIAL: "Social",
    BottomLine.CLIMATE_ENVIRONMENT: "Klima og miljø, inkl. biodiversitet",
    "biodiversity": "Biodiversitet (under klima og miljø)",
    BottomLine.ECONOMIC: "Økonomi",
}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    chart_title: str  # shown under the chart too: what the chart shows
    chart: SafeString
    table: Table


@dataclass(frozen=True)
class Series:
    indicator: Indicator
    chart_title: str
    chart: SafeString | None
    table: Table


def _spread_note(row: IndicatorSummaryRow) -> str:
    unit = row.indicator.unit
    count = "1 værdi" if row.values == 1 else f"{danish_number(row.values)} værdier"
    return (
        f"median {danish_number(row.median)} {unit} · spænd "
        f"{danish_number(row.lowest)}–{danish_number(row.highest)} · {count}"
    )


def _sections(rows: list[IndicatorSummaryRow], catalogue_url: str) -> list[Section]:
    sections = []
    for key in sorted(SECTION_HEADINGS, key=BOTTOM_LINE_ORDER.__getitem__):
        group = [row for row in rows if row.indicator.bottom_line == key]
        if not group:
            continue
        heading = SECTION_HEADINGS[key]
        chart_title = f"Værdierne pr. indikator – {heading.lower()}"
        chart = spread_chart_svg(
            chart_id=f"diagram-{key}",
            title=chart_title,
            description=(
                f"{len(group)} indikatorer, hver på sin egen skala: en streg fra "
                "den mindste til den største værdi og en prik ved medianen. "
                + " ".join(f"{_spread_note(row)}." for row in group)
            ),
            data=[
                Spread(
                    label=row.indicator.name,
                    lowest=float(row.lowest or 0),
                    median=float(row.median or 0),
                    highest=float(row.highest or 0),
                    note=_spread_note(row),
                )
                for row in group
            ],
        )
        table = summary_table(
            f"Sum og median pr. indikator – {heading.lower()}", group, catalogue_url
        )
        sections.append(
            Section(
                key=key,
                heading=heading,
                chart_title=chart_title,
                chart=chart,
                table=table,
            )
        )
    return sections


def _series(
    indicator: Indicator | None,
    rows: list[IndicatorSummaryRow],
    filters: ValueFilters,
) -> Series | None:
    if indicator is None:
        if not rows:
            return None
        indicator = max(rows, key=lambda row: row.values).indicator
    # The indicator decides the bottom line; the other filters apply.
    points = indicator_time_series(indicator, replace(filters, bottom_line=""))
    # The median, not the sum: a year in which more examples report would
    # otherwise read as a year of more value. The number of examples behind
    # each point is written beneath it; the sums stand in the table.
    caption = f"{indicator.name} pr. år (median og sum, {indicator.unit})"
    table = series_table(caption, indicator, points)
    chart_title = f"Udvikling pr. år: {indicator.name} (median pr. værdi)"
    if not points:
        return Series(
            indicator=indicator, chart_title=chart_title, chart=None, table=table
        )
    data = [
        Datum(
            str(p.year),
            float(p.median or 0),
            position=p.year,
            sublabel=f"{p.examples} eks.",
        )
        for p in points
    ]
    chart = line_chart_svg(
        chart_id="diagram-udvikling",
        title=chart_title,
        description=(
            f"Linjediagram, median pr. år i {indicator.unit}, med antallet af "
            "eksempler bag hvert år: "
            + "; ".join(
                f"{d.label} ({d.sublabel}): {danish_number(d.value)}" for d in data
            )
            + "."
        ),
        data=data,
        unit=indicator.unit,
    )
    return Series(
        indicator=indicator, chart_title=chart_title, chart=chart, table=table
    )


def _active_filters(form: DashboardFilterForm | OrganisationFilterForm) -> list[str]:
    labels = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name == "indikator" or value in (None, ""):
            continue
        if name == "bundlinje":
            value = BOTTOM_LINE_NAMES[value]
        elif name == "tema":
            value = value.full_name
        labels.append(f"{field.label}: {value}")
    return labels


def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    context = {"form": form, "catalogue_url": reverse("indicators:catalogue")}
    if not form.is_valid():
        return render(request, "indicators/dashboard.html", context, status=400)
    filters = form.value_filters()
    rows = indicator_summary(filters)
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    value_bank = valuation(rows)
    context.update(
        value_bank=value_bank,
        kroner_tables=kroner_tables(value_bank, SECTION_HEADINGS),
        kroner_csv_url=reverse("indicators:kroner_csv") + suffix,
        sections=_sections(rows, context["catalogue_url"]),
        series=_series(form.cleaned_data.get("indikator"), rows, filters),
        active_filters=_active_filters(form),
        organisation_links=[
            (org.name, _organisation_url(org, query=""))
            for org in form.fields["organisation"].queryset.exclude(slug=None)
        ],
        organisation_url=(
            _organisation_url(form.cleaned_data["organisation"], query="")
            if form.cleaned_data.get("organisation")
            else ""
        ),
        summary_csv_url=reverse("indicators:summary_csv") + suffix,
        series_csv_url=reverse("indicators:series_csv") + suffix,
    )
    return render(request, "indicators/dashboard.html", context)


def _csv_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _invalid(form: DashboardFilterForm | OrganisationFilterForm) -> HttpResponse:
    return HttpResponse(
        "\n".join(form.error_messages_flat()),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def summary_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's sum-and-median tables, as shown, in one file."""
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(form)
    rows = indicator_summary(form.value_filters())
    tables = [section.table for section in _sections(rows, "")]
    return _csv_response(tables_to_csv(tables), "vaerdi-oversigt.csv")


def kroner_csv(request: HttpRequest) -> HttpResponse:
    """The value bank's tables, per bottom line and per indicator, as shown."""
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(form)
    result = valuation(indicator_summary(form.value_filters()))
    tables = kroner_tables(result, SECTION_HEADINGS)
    return _csv_response(tables_to_csv(tables), "vaerdi-i-kroner.csv")


def series_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's table of the chosen indicator per year, as shown."""
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(form)
    filters = form.value_filters()
    indicator = form.cleaned_data.get("indikator")
    rows = [] if indicator is not None else indicator_summary(filters)
    series = _series(indicator, rows, filters)
    tables = [series.table] if series else []
    slug = series.indicator.slug if series else "ingen"
    return _csv_response(tables_to_csv(tables), f"vaerdi-udvikling-{slug}.csv")


def _organisation_url(organisation: Organisation, *, query: str, name: str = "") -> str:
    url = reverse(
        f"indicators:organisation{name}", kwargs={"slug": organisation.slug or ""}
    )
    return f"{url}?{query}" if query else url


def _report(
    request: HttpRequest, slug: str
) -> tuple[Organisation, OrganisationFilterForm, OrganisationReport | None]:
    organisation = get_object_or_404(Organisation, slug=slug)
    form = OrganisationFilterForm(request.GET)
    if not form.is_valid():
        return organisation, form, None
    report = organisation_report(
        organisation=organisation,
        filters=form.value_filters(),
        headings=SECTION_HEADINGS,
        catalogue_url=reverse("indicators:catalogue"),
    )
    return organisation, form, report


def _scope(form: OrganisationFilterForm) -> str:
    active = _active_filters(form)
    if active:
        return f"Viser: {' · '.join(active)}."
    return "Viser alle offentliggjorte eksempler."


def organisation_value(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's examples and values against the sector."""
    organisation, form, report = _report(request, slug)
    query = request.GET.urlencode()
    context = {
        "organisation": organisation,
        "form": form,
        "report": report,
        "catalogue_url": reverse("indicators:catalogue"),
        "dashboard_url": reverse("indicators:dashboard")
        + f"?organisation={organisation.pk}",
    }
    if report is None:
        return render(request, "indicators/organisation.html", context, status=400)
    context.update(
        scope=_scope(form),
        csv_url=_organisation_url(organisation, query=query, name="_csv"),
        pdf_url=_organisation_url(organisation, query=query, name="_pdf"),
        reset_url=_organisation_url(organisation, query=""),
    )
    return render(request, "indicators/organisation.html", context)


def organisation_value_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's comparison table, as shown."""
    organisation, form, report = _report(request, slug)
    if report is None:
        return _invalid(form)
    return _csv_response(
        tables_to_csv([report.standings_table]),
        f"vaerdi-{organisation.slug}.csv",
    )


def organisation_value_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's page as a typeset PDF, for the board meeting."""
    organisation, form, report = _report(request, slug)
    if report is None:
        return _invalid(form)
    try:
        pdf = report_pdf(report=report, scope=_scope(form), today=timezone.localdate())
    except ReportPdfError:
        return HttpResponse(
            "PDF'en kunne ikke dannes. Hent tallene som CSV i stedet.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="vaerdi-{organisation.slug}.pdf"'
    )
    return response


def catalogue(request: HttpRequest) -> HttpResponse:
    """Every indicator with its definition and how to measure it."""
    indicators = sorted(Indicator.objects.all(), key=lambda i: i.sort_key)
    groups = [
        (heading, [i for i in indicators if i.bottom_line == key])
        for key, heading in SECTION_HEADINGS.items()
    ]
    return render(
        request,
        "indicators/catalogue.html",
        {"groups": [(heading, items) for heading, items in groups if items]},
    )
