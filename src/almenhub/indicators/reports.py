"""An organisation's report of value ("jeres bidrag"): the figures its page,
its CSV and its PDF all show, built once from the same tables."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst

from almenhub.indicators.comparison import (
    Normalised,
    Standing,
    normalised_figures,
    organisation_examples,
    organisation_standings,
)
from almenhub.indicators.formatting import danish_number
from almenhub.indicators.rollup import rollup_reads_shared
from almenhub.indicators.selectors import ValueFilters
from almenhub.indicators.tables import (
    Table,
    kroner,
    kroner_tables,
    normalised_table,
    standings_table,
)
from almenhub.indicators.valuation import Valuation, valuation
from almenhub.organisations.models import Organisation

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
TEMPLATE = TEMPLATE_DIR / "organisation.typ"


@dataclass(frozen=True)
class OrganisationReport:
    organisation: Organisation
    filters: ValueFilters
    standings: list[Standing]
    standings_table: Table
    own_per_home: list[Normalised]
    sector_per_home: list[Normalised]
    per_home_table: Table
    sector_per_home_table: Table
    value_bank: Valuation
    kroner_tables: list[Table]
    examples: list[tuple[Any, int]]
    examples_total: int


def organisation_report(
    *,
    organisation: Organisation,
    filters: ValueFilters,
    headings: dict[str, str],
    catalogue_url: str = "",
) -> OrganisationReport:
    own_filters = ValueFilters(
        theme_id=filters.theme_id,
        bottom_line=filters.bottom_line,
        year=filters.year,
        organisation_id=organisation.pk,
        task_id=filters.task_id,
    )
    # The sector's pre-summed rows, grouped by indicator, organisation and
    # department here, are read once (and the organisation's own once).
    with rollup_reads_shared():
        standings = organisation_standings(organisation.pk, filters)
        own_per_home = normalised_figures(own_filters, organisation_id=organisation.pk)
        own_ids = {f.indicator.pk for f in own_per_home}
        sector_per_home = [
            f for f in normalised_figures(filters) if f.indicator.pk in own_ids
        ]
        # Its own sums are the standings' (the same values): no read of its own.
        value_bank = valuation(standings)
        examples, examples_total = organisation_examples(organisation.pk, filters)
    name = organisation.name
    return OrganisationReport(
        organisation=organisation,
        filters=filters,
        standings=standings,
        standings_table=standings_table(
            f"{name} mod sektoren, pr. indikator", standings, catalogue_url
        ),
        own_per_home=own_per_home,
        sector_per_home=sector_per_home,
        per_home_table=normalised_table(
            f"{name}: sum pr. afdeling og pr. bolig", own_per_home
        ),
        sector_per_home_table=normalised_table(
            "Sektoren: sum pr. afdeling og pr. bolig", sector_per_home
        ),
        value_bank=value_bank,
        kroner_tables=kroner_tables(value_bank, headings),
        examples=examples,
        examples_total=examples_total,
    )


class ReportPdfError(Exception):
    """Typst refused the report; the message says why, in Typst's words."""


def _table_dict(table: Table) -> dict[str, Any]:
    return {
        "caption": table.caption,
        "headers": table.headers,
        "numeric": [c.numeric for c in table.header_cells],
        "rows": [[cell.text for cell in row] for row in table.rows],
    }


def report_typst_data(
    *, report: OrganisationReport, scope: str, today: datetime.date
) -> str:
    """What the Typst template places, as JSON: every value a string."""
    bank = report.value_bank
    data = {
        "title": f"Jeres bidrag: {report.organisation.name}",
        "organisation": report.organisation.name,
        "scope": scope,
        "date": today.isoformat(),
        "date_text": f"{today.day}.{today.month}.{today.year}",
        "kroner": (
            f"Centralt skøn: {kroner(bank.total.central)} (spænd "
            f"{kroner(bank.total.low)} – {kroner(bank.total.high)}), i "
            f"{bank.price_year}-priser. Prisindeks (Danmarks Statistiks "
            "forbrugerprisindeks, årsgennemsnit, 2015 = 100): "
            + "; ".join(
                f"{i.year}: {danish_number(i.index)} ({i.source})" for i in bank.indices
            )
            + "."
            if bank.rows
            else ""
        ),
        "examples": [
            f"{page.title} ({page.task.name}, {danish_number(n)} værdier)"
            for page, n in report.examples
        ],
        "tables": [
            _table_dict(t)
            for t in (
                report.standings_table,
                report.per_home_table,
                report.sector_per_home_table,
                *report.kroner_tables,
            )
            if t.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def report_pdf(
    *, report: OrganisationReport, scope: str, today: datetime.date
) -> bytes:
    """The report typeset by Typst as a tagged PDF (PDF/UA-1), like the
    publications. The content goes in as JSON and is placed as strings, so
    no organisation's text is read as Typst markup."""
    data = report_typst_data(report=report, scope=scope, today=today)
    try:
        pdf = typst.compile(
            TEMPLATE,
            root=TEMPLATE_DIR,
            sys_inputs={"data": data},
            pdf_standards=["ua-1"],
            ignore_system_fonts=True,
            timestamp=datetime.datetime(
                today.year, today.month, today.day, 12, tzinfo=datetime.UTC
            ),
        )
    except RuntimeError as error:  # typst.TypstError
        raise ReportPdfError(str(error)) from error
    assert isinstance(pdf, bytes)
    return pdf
