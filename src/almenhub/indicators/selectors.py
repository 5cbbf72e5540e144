"""Reads for the value register: what the sector has achieved, per indicator.

Only values of live examples count, and never a value whose method is
"target": a target is an intention, not an achievement (`models.COUNTED`).
Counts and sums are computed by the database in one grouped query. Medians
are too: each group's size is known from that query, so its middle value is
read by offset in value order, along a partial index, and only the one or
two middle values travel to Python. Small filtered sets are cheaper to read
once, in order, than to visit group by group, so they are.

Counts, sums, the smallest and the largest value come from the pre-summed
rows (indicators.rollup) wherever the filters allow (all but operations
task), so the first request after an edit adds up a few thousand rows, not
every value; the medians still read the values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db import connections, models
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)

from almenhub.indicators.caching import figures_cached, kept_in_process
from almenhub.indicators.models import (
    COUNTED,
    BottomLine,
    Indicator,
    IndicatorValue,
    example_page_model,
)
from almenhub.indicators.rollup import Sums, as_decimal, rollup_sums, rollup_totals

if TYPE_CHECKING:
    from almenhub.examples.models import ExamplePage

# Up to this many values, medians are picked from one ordered read.
MEDIAN_SINGLE_READ_LIMIT = 2_000

BIODIVERSITY = "biodiversity"


@dataclass(frozen=True)
class ValueFilters:
    """What the dashboard is narrowed to; empty fields mean "all"."""

    # A theme: its examples are those tagged with it or one of its sub-themes.
    theme_id: int | None = None
    bottom_line: str = ""
    year: int | None = None
    organisation_id: int | None = None
    task_id: int | None = None

    @property
    def summed(self) -> bool:
        """True when the pre-summed rows hold these figures: they are not
        kept per operations task (see indicators.rollup)."""
        return self.task_id is None

    @property
    def narrows_examples(self) -> bool:
        """True when the filters pick examples, not just values: such sets
        are read through the examples, so a single ordered read is cheaper
        than an index walk per group."""
        return (
            self.theme_id is not None
            or self.organisation_id is not None
            or self.task_id is not None
        )


@dataclass(frozen=True)
class IndicatorSummaryRow:
    """One indicator across the sector. It carries the number of values, the
    base of its sum and median, but not the number of distinct examples:
    counting those over every value roughly doubles the dashboard's main
    query at the sector's scale (see bench/dashboard.py)."""

    indicator: Indicator
    values: int
    total: Decimal | None
    median: Decimal | None
    # The spread: the smallest and the largest value behind the median.
    lowest: Decimal | None = None
    highest: Decimal | None = None


@dataclass(frozen=True)
class YearPoint:
    year: int
    examples: int
    values: int
    total: Decimal | None
    median: Decimal | None


@dataclass(frozen=True)
class ExampleValueRow:
    value: IndicatorValue
    sector_median: Decimal | None
    sector_examples: int


def _theme_links(theme_id: int) -> QuerySet:
    themes = example_page_model()._meta.get_field("themes")
    field = cast("models.ManyToManyField[Any, Any]", themes)
    through = cast("type[models.Model]", field.remote_field.through)
    return through._default_manager.filter(
        Q(theme_id=theme_id) | Q(theme__parent_id=theme_id)
    )


def example_ids_in_theme(theme_id: int) -> QuerySet:
    """The examples in a theme: tagged with it or one of its sub-themes (the
    rule the pre-summed rows per theme follow, indicators.rollup)."""
    return _theme_links(theme_id).values("examplepage_id")


def in_theme(theme_id: int, example: str) -> Exists:
    """The condition that the example whose id is in the column `example` of
    the outer query is in the theme (the rule of `example_ids_in_theme`),
    asked of that one example along the links' index.

    For a set already narrowed to one organisation: an IN list of a
    theme's examples (thousands) is built first and then probed, per
    indicator, for every one of them; SQLite's planner takes that for the
    cheaper way (44 ms for an organisation's 22 values in a theme and year
    on bench/dashboard.py's data), where asking each of the organisation's
    few hundred values takes 2 ms."""
    return Exists(_theme_links(theme_id).filter(examplepage_id=OuterRef(example)))


def indicators_by_id() -> dict[int, Indicator]:
    """Every indicator, in bottom-line order (`Indicator.sort_key`), by id:
    a few dozen rows that a page of figures looks up many times, so read
    once per content version in each process (caching.kept_in_process).
    Shared: not to be changed."""
    return kept_in_process(
        "indicators",
        lambda: {
            i.pk: i for i in sorted(Indicator.objects.all(), key=lambda i: i.sort_key)
        },
    )


def _bottom_line_indicator_ids(bottom_line: str) -> list[int]:
    """Looked up first so that the values query needs no join: the few ids
    go into an IN list that the partial indexes can serve."""
    indicators = indicators_by_id().values()
    if bottom_line == BIODIVERSITY:
        return [i.pk for i in indicators if i.biodiversity]
    # Biodiversity is a sub-group of climate & environment: included.
    return [i.pk for i in indicators if i.bottom_line == bottom_line]


def achieved_values(filters: ValueFilters) -> QuerySet[IndicatorValue]:
    """Values that count for the sector: live examples, no targets, filtered."""
    qs = IndicatorValue.objects.filter(COUNTED)
    page_led = False
    if filters.theme_id is not None and filters.organisation_id is not None:
        qs = qs.filter(in_theme(filters.theme_id, "page_id"))
    elif filters.theme_id is not None:
        qs = qs.filter(page_id__in=example_ids_in_theme(filters.theme_id))
        page_led = True
    if filters.bottom_line:
        ids = _bottom_line_indicator_ids(filters.bottom_line)
        if page_led and connections[qs.db].vendor == "sqlite":
            # The sector's values in a theme are found per example, along
            # `indval_counted_of_page` (one seek per example). Asked of the
            # indicator column as it is, SQLite's planner seeks per example
            # and indicator along `indval_counted_by_page` instead: 13 times
            # as many seeks for a bottom line (44 against 25 ms for a theme's
            # 5,600 examples on bench/dashboard.py's data). Compared as an
            # expression (`+indicator_id`, the same number), the column
            # leads no index. PostgreSQL joins the examples as a set.
            qs = qs.alias(
                indicator_unindexed=Func(
                    F("indicator_id"),
                    template="+%(expressions)s",
                    output_field=models.IntegerField(),
                )
            ).filter(indicator_unindexed__in=ids)
        else:
            qs = qs.filter(indicator_id__in=ids)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.organisation_id is not None:
        # The value carries its example's organisation (see IndicatorValue).
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.task_id is not None:
        pages = example_page_model()._default_manager.filter(task_id=filters.task_id)
        qs = qs.filter(page_id__in=pages.values("page_ptr_id"))
    return qs


def _median(middle: list[Decimal]) -> Decimal:
    return sum(middle, Decimal(0)) / len(middle)


def _middle_positions(size: int) -> slice:
    """Zero-based positions of the middle value (odd size) or values (even)."""
    return slice((size - 1) // 2, size // 2 + 1)


def medians_by(
    qs: QuerySet[IndicatorValue],
    key: str,
    sizes: dict[Any, int],
    *,
    single_read: bool = False,
) -> dict[Any, Decimal]:
    """The median value per group of `key`, given each group's size."""
    if single_read or sum(sizes.values()) <= MEDIAN_SINGLE_READ_LIMIT:
        ordered: dict[Any, list[Decimal]] = defaultdict(list)
        for group, value in qs.order_by(key, "value").values_list(key, "value"):
            ordered[group].append(value)
        return {
            group: _median(values[_middle_positions(len(values))])
            for group, values in ordered.items()
        }
    return _medians_by_offset(qs, key, sizes)


def _medians_by_offset(
    qs: QuerySet[IndicatorValue], key: str, sizes: dict[Any, int]
) -> dict[Any, Decimal]:
    """One query: per group, the middle rows read by LIMIT/OFFSET in value
    order, the groups joined with UNION ALL, so the database walks its index
    once per group without a round trip each.

    The filtered query is compiled once and wrapped per group; both SQLite
    and PostgreSQL flatten the wrapper, so each group still reads its index.
    """
    groups = [group for group, size in sizes.items() if size]
    if not groups:
        return {}
    base = qs.order_by().annotate(grp_key=F(key), grp_value=F("value"))
    sql, base_params = base.values_list("grp_key", "grp_value").query.sql_with_params()
    parts: list[str] = []
    params: list[Any] = []
    for number, group in enumerate(groups):
        middle = _middle_positions(sizes[group])
        parts.append(
            f"SELECT {number} AS grp, grp_value FROM ("
            f"SELECT grp_value FROM ({sql}) base{number} WHERE grp_key = %s "
            f"ORDER BY grp_value LIMIT %s OFFSET %s) middle{number}"
        )
        params += [*base_params, group, middle.stop - middle.start, middle.start]
    middles: dict[Any, list[Decimal]] = defaultdict(list)
    with connections[qs.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, value in cursor.fetchall():
            middles[groups[number]].append(as_decimal(value))
    return {group: _median(values) for group, values in middles.items()}


def _indicators_in_order(ids: Iterable[int]) -> list[Indicator]:
    wanted = set(ids)
    return [i for pk, i in indicators_by_id().items() if pk in wanted]


def _grouped_totals(
    qs: QuerySet[IndicatorValue], key: str, *, count_examples: bool = True
) -> dict[Any, dict]:
    # COUNT(*) rather than COUNT(id): SQLite need not read the key to count.
    aggregates: dict[str, Any] = {
        "n_values": Count("*"),
        "total": Sum("value"),
        "lowest": Min("value"),
        "highest": Max("value"),
    }
    if count_examples:
        aggregates["n_examples"] = Count("page_id", distinct=True)
    rows = qs.order_by(key).values(key).annotate(**aggregates)
    for row in rows:
        # SQLite adds decimals up as floats; the stored precision is exact.
        for name in ("total", "lowest", "highest"):
            row[name] = as_decimal(row[name])
    return {row[key]: row for row in rows}


def _rollup_selection(
    filters: ValueFilters, indicator_id: int | None
) -> dict[str, Any]:
    """The pre-summed rows' selection of `filters` (and of one indicator)."""
    indicator_ids: list[int] | None = None
    if filters.bottom_line:
        indicator_ids = _bottom_line_indicator_ids(filters.bottom_line)
    if indicator_id is not None:
        in_line = indicator_ids is None or indicator_id in indicator_ids
        indicator_ids = [indicator_id] if in_line else []
    return {
        "indicator_ids": indicator_ids,
        "year": filters.year,
        "organisation_id": filters.organisation_id,
        "theme_id": filters.theme_id,
    }


def summed_totals(
    filters: ValueFilters,
    by: tuple[str, ...],
    *,
    indicator_id: int | None = None,
) -> list[dict[str, Any]] | None:
    """The figures of `_grouped_totals` from the pre-summed rows, grouped by
    `by`; None when the filters narrow by what the rows do not hold (an
    operations task)."""
    if not filters.summed:
        return None
    return rollup_totals(by, **_rollup_selection(filters, indicator_id))


def summed_sums(
    filters: ValueFilters, by: tuple[str, ...]
) -> dict[tuple[int, ...], Sums] | None:
    """As `summed_totals`, as the rows hold the figures (rollup.rollup_sums:
    whole thousandths, 0 for no organisation or department), for readers
    that add many groups up further; None as there."""
    if not filters.summed:
        return None
    return rollup_sums(by, **_rollup_selection(filters, None))


def _grouped_figures(
    qs: QuerySet[IndicatorValue],
    key: str,
    *,
    single_read: bool,
    count_examples: bool = True,
    filters: ValueFilters | None = None,
    indicator_id: int | None = None,
) -> tuple[dict[Any, dict], dict[Any, Decimal]]:
    """Per group: the counts and sum, and the median, read with the group
    sizes the totals found. Given the `filters` that `qs` holds (and the one
    indicator it is narrowed to), the totals come from the pre-summed rows
    where those serve."""
    summed = (
        None
        if filters is None
        else summed_totals(filters, (key,), indicator_id=indicator_id)
    )
    if summed is not None:
        totals = {row[key]: row for row in summed}
    else:
        totals = _grouped_totals(qs, key, count_examples=count_examples)
    sizes = {k: row["n_values"] for k, row in totals.items()}
    return totals, medians_by(qs, key, sizes, single_read=single_read)


def indicator_summary(filters: ValueFilters) -> list[IndicatorSummaryRow]:
    """Totals, medians and counts per indicator, in bottom-line order."""
    return figures_cached("summary", filters, lambda: _indicator_summary(filters))


def _indicator_summary(filters: ValueFilters) -> list[IndicatorSummaryRow]:
    qs = achieved_values(filters)
    totals, medians = _grouped_figures(
        qs,
        "indicator_id",
        count_examples=False,
        single_read=filters.narrows_examples,
        filters=filters,
    )
    return [
        IndicatorSummaryRow(
            indicator=indicator,
            values=totals[indicator.pk]["n_values"],
            total=totals[indicator.pk]["total"] if indicator.is_summable else None,
            median=medians.get(indicator.pk),
            lowest=totals[indicator.pk]["lowest"],
            highest=totals[indicator.pk]["highest"],
        )
        for indicator in _indicators_in_order(totals)
    ]


def indicator_time_series(
    indicator: Indicator, filters: ValueFilters
) -> list[YearPoint]:
    """The indicator's totals and medians per year (the year a period ends)."""
    return figures_cached(
        "series",
        (indicator.pk, filters),
        lambda: _indicator_time_series(indicator, filters),
    )


def _indicator_time_series(
    indicator: Indicator, filters: ValueFilters
) -> list[YearPoint]:
    qs = achieved_values(filters).filter(indicator=indicator)
    totals, medians = _grouped_figures(
        qs,
        "year",
        single_read=filters.narrows_examples,
        filters=filters,
        indicator_id=indicator.pk,
    )
    return [
        YearPoint(
            year=year,
            examples=row["n_examples"],
            values=row["n_values"],
            total=row["total"] if indicator.is_summable else None,
            median=medians.get(year),
        )
        for year, row in totals.items()
    ]


def value_years() -> tuple[int, int] | None:
    """The first and last year any value covers, for the year filter."""
    return figures_cached("years", (), _value_years)


def _value_years() -> tuple[int, int] | None:
    # Two queries, because SQLite reads MIN or MAX from an index only when it
    # is the query's one aggregate.
    first = IndicatorValue.objects.aggregate(first=Min("year"))["first"]
    if first is None:
        return None
    return first, IndicatorValue.objects.aggregate(last=Max("year"))["last"]


def example_values_with_sector(page: ExamplePage) -> list[ExampleValueRow]:
    """The example's values, each beside the sector's median for the same
    indicator among live examples that changed the same operations task.

    Reads the page's own values through its relation, not the database, so
    that a preview shows the draft's values.
    """
    values = sorted(page.values.all(), key=lambda v: (v.sort_order or 0, v.pk or 0))
    if not values:
        return []
    indicators = Indicator.objects.in_bulk({v.indicator_id for v in values})
    for v in values:
        v.indicator = indicators[v.indicator_id]
    totals, medians = figures_cached(
        "task",
        (page.task_id, sorted(indicators)),
        lambda: _task_figures(page.task_id, list(indicators)),
    )
    return [
        ExampleValueRow(
            value=v,
            sector_median=medians.get(v.indicator_id),
            sector_examples=totals.get(v.indicator_id, {}).get("n_examples", 0),
        )
        for v in values
    ]


def _task_figures(
    task_id: int | None, indicator_ids: list[int]
) -> tuple[dict[Any, dict], dict[Any, Decimal]]:
    """The sector's figures per indicator among live examples of one task."""
    sector = achieved_values(ValueFilters(task_id=task_id)).filter(
        indicator_id__in=indicator_ids
    )
    return _grouped_figures(sector, "indicator_id", single_read=True)


def bottom_line_choices() -> list[tuple[str, str]]:
    """The bottom lines as the dashboard offers them, biodiversity beneath
    climate & environment."""
    return [
        (BottomLine.SOCIAL, BottomLine.SOCIAL.label),
        (BottomLine.CLIMATE_ENVIRONMENT, "Klima og miljø (inkl. biodiversitet)"),
        (BIODIVERSITY, "– heraf biodiversitet"),
        (BottomLine.ECONOMIC, BottomLine.ECONOMIC.label),
    ]
