"""One organisation against the sector: the reads behind its page of value
(/vaerdi/organisation/<slug>/), and the figures per home and per department.

Each organisation is placed per indicator by its average per value: an
average is one grouped query over every value (SUM and COUNT along the
`indval_counted_by_org` index), where each organisation's median would mean
reading every value. Its own median stands beside it, and the sector's.
A total would rank the largest organisations first whatever they achieved;
the figures per home are there for comparing totals.

Only values that count for the sector (`models.COUNTED`: public examples, no
targets) are read, so nothing here shows an unpublished example.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Sum, Window

from almenhub.indicators.caching import figures_cached
from almenhub.indicators.models import Indicator, example_page_model
from almenhub.indicators.rollup import as_decimal, from_thousandths, to_thousandths
from almenhub.indicators.selectors import (
    ValueFilters,
    _grouped_figures,
    _indicators_in_order,
    achieved_values,
    in_theme,
    indicator_summary,
    summed_sums,
)
from almenhub.organisations.models import Department

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Standing:
    """One indicator: the organisation's figures, the sector's, and where the
    organisation stands among the organisations reporting it."""

    indicator: Indicator
    values: int
    examples: int
    total: Decimal | None
    median: Decimal | None
    average: Decimal
    sector_median: Decimal | None
    sector_values: int
    organisations: int  # reporting the indicator, this one included
    rank: int  # 1 = best, in the indicator's direction; ties share a rank
    # Share of the other reporting organisations whose average is worse, in
    # per cent; None when no other organisation reports the indicator.
    better_than: Decimal | None


def _organisation_averages(filters: ValueFilters) -> dict[int, dict[int, Decimal]]:
    """Per indicator: each reporting organisation's average per value, from
    one grouped read of the sector under `filters` (shared by every
    organisation's page, so kept: see caching)."""
    averages: dict[int, dict[int, Decimal]] = defaultdict(dict)
    sums = summed_sums(filters, ("organisation_id", "indicator_id"))
    if sums is not None:
        for (organisation_id, indicator_id), figures in sums.items():
            if organisation_id:  # 0: values of examples of no organisation
                averages[indicator_id][organisation_id] = (
                    from_thousandths(figures[2]) / figures[0]
                )
        return dict(averages)
    rows = (
        achieved_values(filters)
        .order_by()
        # In the order of the index the organisation leads (indval_counted_by_org).
        .values("organisation_id", "indicator_id")
        .annotate(n_values=Count("*"), total=Sum("value"))
    )
    for row in rows:
        if row["organisation_id"] is None:
            continue
        total = as_decimal(row["total"])
        averages[row["indicator_id"]][row["organisation_id"]] = total / row["n_values"]
    return dict(averages)


def organisation_averages(filters: ValueFilters) -> dict[int, dict[int, Decimal]]:
    return figures_cached("averages", filters, lambda: _organisation_averages(filters))


def standing_among(
    own: Decimal, others: list[Decimal], *, higher_is_better: bool
) -> tuple[int, Decimal | None]:
    """Rank (1 = best, ties share) and the per cent of `others` it beats."""
    if higher_is_better:
        better = sum(1 for v in others if v > own)
        worse = sum(1 for v in others if v < own)
    else:
        better = sum(1 for v in others if v < own)
        worse = sum(1 for v in others if v > own)
    share = None if not others else (HUNDRED * worse / len(others)).quantize(1)
    return 1 + better, share


def organisation_standings(
    organisation_id: int, filters: ValueFilters
) -> list[Standing]:
    """Every indicator the organisation reports under `filters`, against the
    sector under the same filters."""
    sector_filters = replace(filters, organisation_id=None)
    own_filters = replace(filters, organisation_id=organisation_id)
    own, own_medians = figures_cached(
        "own",
        own_filters,
        lambda: _grouped_figures(
            achieved_values(own_filters),
            "indicator_id",
            # With the group sizes from the pre-summed rows, each median is
            # read by offset along `indval_counted_by_org` (the organisation
            # leads): a large organisation's thousands of values stay in
            # the database. Narrowed by theme or task, one ordered read.
            single_read=not own_filters.summed,
            filters=own_filters,
        ),
    )
    if not own:
        return []
    # The sector's sizes and medians are the dashboard's, under the same
    # filters; both they and the averages are kept for every organisation.
    sector = {row.indicator.pk: row for row in indicator_summary(sector_filters)}
    averages = organisation_averages(sector_filters)
    standings = []
    for indicator in _indicators_in_order(own):
        figures = own[indicator.pk]
        by_org = averages.get(indicator.pk, {})
        average = by_org.get(organisation_id, Decimal(0))
        others = [v for org, v in by_org.items() if org != organisation_id]
        rank, better_than = standing_among(
            average, others, higher_is_better=indicator.higher_is_better
        )
        standings.append(
            Standing(
                indicator=indicator,
                values=figures["n_values"],
                examples=figures["n_examples"],
                total=figures["total"] if indicator.is_summable else None,
                median=own_medians.get(indicator.pk),
                average=average,
                sector_median=sector[indicator.pk].median,
                sector_values=sector[indicator.pk].values,
                organisations=len(by_org),
                rank=rank,
                better_than=better_than,
            )
        )
    return standings


@dataclass(frozen=True)
class Normalised:
    """An indicator's sum per department and per home, with what is behind
    it: only values of examples placed in a department count, and per home
    only those whose department states its number of homes."""

    indicator: Indicator
    examples: int
    departments: int
    per_department: Decimal | None
    homes: int
    home_examples: int
    per_home: Decimal | None


def _normalise(
    indicator: Indicator, groups: list[tuple[int, int, int]], homes: dict[int, int]
) -> Normalised:
    """`groups`: per department of the indicator's values, (department id,
    examples, sum in whole thousandths)."""
    total = sum(g[2] for g in groups)
    with_homes = [g for g in groups if homes.get(g[0])]
    home_total = sum(g[2] for g in with_homes)
    n_homes = sum(homes[g[0]] for g in with_homes)
    return Normalised(
        indicator=indicator,
        examples=sum(g[1] for g in groups),
        departments=len(groups),
        per_department=from_thousandths(total) / len(groups) if groups else None,
        homes=n_homes,
        home_examples=sum(g[1] for g in with_homes),
        per_home=from_thousandths(home_total) / n_homes if n_homes else None,
    )


def normalised_figures(
    filters: ValueFilters, *, organisation_id: int | None = None
) -> list[Normalised]:
    """Per summable indicator: its sum per department and per home, for the
    sector, or for one organisation's departments."""
    return figures_cached(
        "per-home",
        (filters, organisation_id),
        lambda: _normalised_figures(filters, organisation_id=organisation_id),
    )


def _normalised_figures(
    filters: ValueFilters, *, organisation_id: int | None
) -> list[Normalised]:
    if organisation_id is not None:
        filters = replace(filters, organisation_id=organisation_id)
    # Per indicator: (department, examples, sum in thousandths) per department.
    by_indicator: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    sums = summed_sums(filters, ("department_id", "indicator_id"))
    if sums is not None:
        # Added up as whole numbers: the sector's rows are thousands of
        # departments × indicators.
        for (department_id, indicator_id), figures in sums.items():
            if department_id:  # 0: values of examples in no department
                by_indicator[indicator_id].append(
                    (department_id, figures[1], figures[2])
                )
    else:
        qs = achieved_values(filters)
        if organisation_id is None:
            # Led by the organisation's index where there is one; the values
            # outside a department are dropped below (asking the database for
            # "department is not null" with an organisation makes SQLite walk
            # the department index from its start).
            qs = qs.filter(department_id__isnull=False)
        rows = (
            qs.order_by()
            # In the order of the index the department leads (indval_counted_by_dept).
            .values("department_id", "indicator_id")
            .annotate(n_examples=Count("page_id", distinct=True), total=Sum("value"))
        )
        for row in rows:
            if row["department_id"] is not None:
                by_indicator[row["indicator_id"]].append(
                    (
                        row["department_id"],
                        row["n_examples"],
                        to_thousandths(row["total"]),
                    )
                )
    departments = {g[0] for groups in by_indicator.values() for g in groups}
    homes = dict(
        Department.objects.filter(pk__in=departments, homes__gt=0)
        .order_by()
        .values_list("pk", "homes")
    )
    return [
        _normalise(indicator, by_indicator[indicator.pk], homes)
        for indicator in _indicators_in_order(by_indicator)
        if indicator.is_summable
    ]


# An organisation's page lists this many of its examples, newest first; a
# large organisation has hundreds, and the figures stand in the tables.
EXAMPLES_LISTED = 30


def organisation_examples(
    organisation_id: int, filters: ValueFilters, *, limit: int | None = None
) -> tuple[list[tuple[Any, int]], int]:
    """The organisation's newest public examples that have values under
    `filters`, each with how many of its values count, and how many such
    examples there are in all."""
    own_filters = replace(filters, organisation_id=organisation_id)
    return figures_cached(
        "examples",
        (own_filters, limit),
        lambda: _organisation_examples(own_filters, limit or EXAMPLES_LISTED),
    )


def _organisation_examples(
    own_filters: ValueFilters, limit: int
) -> tuple[list[tuple[Any, int]], int]:
    """The organisation's pages that have counted values under the filters,
    found from its own pages (each probed along the values' page index),
    newest first: the ids of the `limit` newest, then those pages and the
    count of their values alone. A large organisation has over a thousand
    examples; counting every one's values (and sending every id back) to
    list thirty was most of its page's first request after an edit."""
    # Theme, task and organisation are the page's: asked of the page, once,
    # not of each of its values (a value carries its page's organisation,
    # IndicatorValue), so each page's values are asked for along
    # `indval_counted_of_page` alone, which covers them.
    values = achieved_values(
        replace(own_filters, theme_id=None, task_id=None, organisation_id=None)
    )
    # Only pages with counted values are listed, and a value counts only
    # while its page is public (`page_live`: live and in no private
    # section, kept in step by indicators.signals); the figures beside the
    # list rest on the same flag. Wagtail's `public()` is not asked again:
    # it reads every view restriction with its page, which on SQLite walks
    # every page when there are none (7 ms on bench/dashboard.py's data).
    with_values = (
        example_page_model()
        ._default_manager.live()
        .filter(organisation_id=own_filters.organisation_id)
    )
    if own_filters.theme_id is not None:
        with_values = with_values.filter(in_theme(own_filters.theme_id, "pk"))
    if own_filters.task_id is not None:
        with_values = with_values.filter(task_id=own_filters.task_id)
    with_values = with_values.filter(
        Exists(values.order_by().filter(page_id=OuterRef("pk")))
    )
    # The newest and how many there are in all, in one pass over the pages:
    # every row carries the count of the whole (a window over no partition).
    found = list(
        with_values.order_by("-first_published_at", "title")
        .annotate(in_all=Window(Count("*")))
        .values_list("pk", "in_all")[:limit]
    )
    if not found:
        return [], 0
    newest = [pk for pk, _ in found]
    pages = (
        example_page_model()
        ._default_manager.filter(pk__in=newest)
        .select_related("task", "department")
        .order_by("-first_published_at", "title")
    )
    counts = dict(
        values.order_by()
        .filter(page_id__in=newest)
        .values("page_id")
        .annotate(n=Count("*"))
        .values_list("page_id", "n")
    )
    return [(page, counts[page.pk]) for page in pages], found[0][1]
