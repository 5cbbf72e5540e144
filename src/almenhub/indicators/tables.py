"""The dashboard's tables, as text, shared by the page and its CSV files.

Both render from the same `Table`, so that a CSV download holds exactly the
rows and the formatted numbers that the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from html import escape

from django.utils.safestring import SafeString, mark_safe

from almenhub.core.spreadsheet import csv_text
from almenhub.indicators.comparison import Normalised, Standing
from almenhub.indicators.formatting import DASH, danish_number
from almenhub.indicators.models import Indicator
from almenhub.indicators.selectors import IndicatorSummaryRow, YearPoint
from almenhub.indicators.valuation import KronerRange, Valuation

SUMMARY_HEADERS = [
    "Indikator",
    "Bundlinje",
    "Enhed",
    "Værdier",
    "Sum",
    "Median",
]


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False
    link: str = ""


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # Too many columns for a phone: there each row stacks, every cell led by
    # its column's name.
    stacked: bool = False

    @cached_property
    def html(self) -> SafeString:
        """The table as HTML, built here rather than in a template, as plain
        strings with every text escaped once (html.escape, which is what
        Django's escape does): a table of a few hundred cells renders many
        times faster this way than through templates or format_html, and
        the pages render several on every request."""
        head = "".join(
            (NUMERIC_HEADER if c.numeric else HEADER).format(escape(c.text))
            for c in self.header_cells
        )
        labels = self.headers if self.stacked else None
        body = "".join(f"<tr>{_row_html(row, labels)}</tr>\n" for row in self.rows)
        stacked = " data-table--stacked" if self.stacked else ""
        # Every text above went through escape().
        return mark_safe(
            f'<div class="data-table-wrap"><table class="data-table{stacked}">'
            f"<caption>{escape(self.caption)}</caption><thead><tr>{head}</tr>"
            f"</thead><tbody>\n{body}</tbody></table></div>"
        )

    @property
    def header_cells(self) -> list[Cell]:
        numeric = [c.numeric for c in self.rows[0]] if self.rows else []
        numeric += [False] * (len(self.headers) - len(numeric))
        return [Cell(h, numeric=n) for h, n in zip(self.headers, numeric, strict=True)]


HEADER = '<th scope="col">{}</th>'
NUMERIC_HEADER = '<th scope="col" class="num">{}</th>'


CELL = "<td{}>{}</td>"
NUMERIC_CELL = '<td class="num"{}>{}</td>'


def _label(name: str) -> str:
    return f' data-label="{escape(name)}"'


def _cell_html(cell: Cell) -> str:
    if cell.link:
        return f'<a href="{escape(cell.link)}">{escape(cell.text)}</a>'
    return escape(cell.text)


def _row_html(row: list[Cell], labels: list[str] | None = None) -> str:
    """The first cell is the row's header: the indicator, or the year. With
    `labels`, every other cell carries its column's name for a stacked row."""
    first, *rest = row
    names = labels[1:] if labels else [""] * len(rest)
    cells = "".join(
        (NUMERIC_CELL if c.numeric else CELL).format(
            _label(name) if name else "", _cell_html(c)
        )
        for c, name in zip(rest, names, strict=True)
    )
    return f'<th scope="row">{_cell_html(first)}</th>{cells}'


def summary_cells(row: IndicatorSummaryRow, link: str = "") -> list[Cell]:
    indicator = row.indicator
    return [
        Cell(indicator.name, link=link),
        Cell(indicator.bottom_line_label),
        Cell(indicator.unit),
        Cell(danish_number(row.values), numeric=True),
        Cell(danish_number(row.total) if row.total is not None else DASH, numeric=True),
        Cell(danish_number(row.median), numeric=True),
    ]


def summary_table(
    caption: str, rows: Iterable[IndicatorSummaryRow], link_base: str = ""
) -> Table:
    return Table(
        caption=caption,
        headers=SUMMARY_HEADERS,
        rows=[
            summary_cells(row, f"{link_base}#{row.indicator.slug}" if link_base else "")
            for row in rows
        ],
        stacked=True,
    )


def series_table(caption: str, indicator: Indicator, points: list[YearPoint]) -> Table:
    unit = indicator.unit
    return Table(
        caption=caption,
        headers=[
            "År",
            "Eksempler",
            "Værdier",
            f"Sum ({unit})",
            f"Median ({unit})",
        ],
        rows=[
            [
                Cell(str(point.year)),
                Cell(danish_number(point.examples), numeric=True),
                Cell(danish_number(point.values), numeric=True),
                Cell(
                    danish_number(point.total) if point.total is not None else DASH,
                    numeric=True,
                ),
                Cell(danish_number(point.median), numeric=True),
            ]
            for point in points
        ],
        stacked=True,
    )


def tables_to_csv(tables: list[Table]) -> str:
    """The tables as shown, in the exports' one dialect (`core.spreadsheet`).
    Tables of one shape (the dashboard's sums per bottom line) share one
    header line; tables of different shapes follow each other, each as its
    caption, its header and its rows, an empty line between them."""
    if len({tuple(t.headers) for t in tables}) <= 1:
        headers = tables[0].headers if tables else []
        return csv_text(
            headers, ([cell.text for cell in row] for t in tables for row in t.rows)
        )
    first, *rest = tables
    lines: list[list[str]] = [first.headers, *_texts(first)]
    for table in rest:
        lines += [[], [table.caption], table.headers, *_texts(table)]
    return csv_text([first.caption], lines)


def _texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def kroner(value: Decimal) -> str:
    return f"{danish_number(value, max_decimals=0)} kr."


def kroner_tables(result: Valuation, headings: dict[str, str]) -> list[Table]:
    """The value bank's figures: per bottom line and in all, then per indicator
    with its quantity, proxy and adjustments, so the method can be followed."""
    year = result.price_year
    lines = Table(
        caption=f"Værdi i kroner pr. bundlinje ({year}-priser)",
        headers=["Bundlinje", "Lav", "Central", "Høj"],
        rows=[
            [
                Cell(headings.get(key, key)),
                *(Cell(kroner(v), numeric=True) for v in _range(value)),
            ]
            for key, value in result.by_bottom_line
        ],
    )
    if result.by_bottom_line:
        lines.rows.append(
            [
                Cell("I alt"),
                *(Cell(kroner(v), numeric=True) for v in _range(result.total)),
            ]
        )
    indicators = Table(
        caption=f"Værdi i kroner pr. indikator ({year}-priser)",
        headers=[
            "Indikator",
            "Sum af værdier",
            "Kr. pr. enhed (central)",
            "Prisår",
            "Dødvægt",
            "Andres andel",
            "Lav",
            "Central",
            "Høj",
        ],
        rows=[
            [
                Cell(row.indicator.name),
                Cell(
                    f"{danish_number(row.quantity)} {row.indicator.unit}", numeric=True
                ),
                Cell(danish_number(row.proxy.central), numeric=True),
                Cell(str(row.proxy.price_year), numeric=True),
                Cell(f"{danish_number(row.proxy.deadweight)} %", numeric=True),
                Cell(f"{danish_number(row.proxy.attribution)} %", numeric=True),
                *(Cell(kroner(v), numeric=True) for v in _range(row.kroner)),
            ]
            for row in result.rows
        ],
        stacked=True,
    )
    return [lines, indicators]


def _range(value: KronerRange) -> tuple[Decimal, Decimal, Decimal]:
    return value.low, value.central, value.high


STANDING_HEADERS = [
    "Indikator",
    "Enhed",
    "Jeres værdier",
    "Jeres eksempler",
    "Jeres sum",
    "Jeres median",
    "Jeres gennemsnit",
    "Sektorens median",
    "Organisationer",
    "Placering",
    "Bedre end",
]


def _number_or_dash(value: Decimal | int | None) -> str:
    return DASH if value is None else danish_number(value)


def standings_table(
    caption: str, standings: Iterable[Standing], link_base: str = ""
) -> Table:
    """The organisation against the sector, one row per indicator."""
    rows = []
    for s in standings:
        rank = f"{s.rank} af {s.organisations}"
        better = DASH if s.better_than is None else f"{danish_number(s.better_than)} %"
        link = f"{link_base}#{s.indicator.slug}" if link_base else ""
        rows.append(
            [
                Cell(s.indicator.name, link=link),
                Cell(s.indicator.unit),
                Cell(danish_number(s.values), numeric=True),
                Cell(danish_number(s.examples), numeric=True),
                Cell(_number_or_dash(s.total), numeric=True),
                Cell(_number_or_dash(s.median), numeric=True),
                Cell(danish_number(s.average), numeric=True),
                Cell(_number_or_dash(s.sector_median), numeric=True),
                Cell(danish_number(s.organisations), numeric=True),
                Cell(rank, numeric=True),
                Cell(better, numeric=True),
            ]
        )
    return Table(caption=caption, headers=STANDING_HEADERS, rows=rows, stacked=True)


NORMALISED_HEADERS = [
    "Indikator",
    "Enhed",
    "Pr. afdeling",
    "Afdelinger",
    "Pr. bolig",
    "Boliger",
    "Eksempler i en afdeling",
    "Heraf med boligtal",
]


def normalised_table(caption: str, figures: Iterable[Normalised]) -> Table:
    """Sums per department and per home, with the departments, homes and
    examples behind each."""
    return Table(
        caption=caption,
        headers=NORMALISED_HEADERS,
        rows=[
            [
                Cell(f.indicator.name),
                Cell(f.indicator.unit),
                Cell(_number_or_dash(f.per_department), numeric=True),
                Cell(danish_number(f.departments), numeric=True),
                Cell(_number_or_dash(f.per_home), numeric=True),
                Cell(danish_number(f.homes), numeric=True),
                Cell(danish_number(f.examples), numeric=True),
                Cell(danish_number(f.home_examples), numeric=True),
            ]
            for f in figures
        ],
        stacked=True,
    )
