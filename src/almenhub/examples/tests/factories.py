"""Builders shared by the examples' and the indicators' tests."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from almenhub.examples.models import ExampleIndexPage, ExamplePage, OperationsTask
from almenhub.examples.services import unique_example_slug
from almenhub.indicators.models import Indicator, IndicatorValue, ValueMethod
from almenhub.organisations.models import Organisation
from almenhub.taxonomy.models import Theme

# (indicator slug, value, year[, method])
ValueRow = tuple


def theme(child: str) -> Theme:
    return Theme.objects.get(name=child, parent__isnull=False)


def task(slug: str) -> OperationsTask:
    return OperationsTask.objects.get(slug=slug)


def indicator(slug: str) -> Indicator:
    return Indicator.objects.get(slug=slug)


def value(slug: str, amount, year: int, method: str = ValueMethod.MEASURED):
    return IndicatorValue(
        indicator=indicator(slug),
        value=Decimal(str(amount)),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        method=method,
    )


def example_create(
    index: ExampleIndexPage,
    *,
    title: str,
    organisation: Organisation,
    task_slug: str = "graesslaaning",
    themes: Iterable[str] = ("Natur og biodiversitet",),
    values: Iterable[ValueRow] = (),
    live: bool = True,
    **fields,
) -> ExamplePage:
    page = ExamplePage(
        title=title,
        slug=unique_example_slug(index, title),
        organisation=organisation,
        task=task(task_slug),
        live=live,
        **fields,
    )
    page.themes = [theme(name) for name in themes]
    rows = [value(*row) for row in values]
    for position, row in enumerate(rows):
        row.sort_order = position
    page.values = rows
    index.add_child(instance=page)
    return page
