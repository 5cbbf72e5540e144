from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.demo.examples import demo_examples_load
from almenhub.examples.models import ExamplePage
from almenhub.indicators.models import (
    COUNTED,
    BottomLine,
    IndicatorValue,
    ValueRollup,
)
from almenhub.indicators.rollup import rollup_computed, rollup_totals
from almenhub.indicators.tests.rollup_rows import rollup_row_key

pytestmark = pytest.mark.django_db

ROLLUP_COMPUTE = 'COUNT(DISTINCT "indicators_indicatorvalue"."page_id")'


def test_demo_examples_cover_every_bottom_line_and_several_years(home_page):
    with CaptureQueriesContext(connection) as queries:
        created = demo_examples_load()
    assert created >= 20
    pages = ExamplePage.objects.live()
    assert pages.count() == created
    assert all(p.has_location for p in pages)
    assert pages.values("organisation").distinct().count() >= 8
    assert pages.values("task").distinct().count() >= 10
    values = IndicatorValue.objects.select_related("indicator")
    lines = {v.indicator.bottom_line for v in values}
    assert lines == set(BottomLine.values)
    assert any(v.indicator.biodiversity for v in values)
    assert {v.year for v in values} >= set(range(2021, 2027))
    for page in pages:
        assert 3 <= page.values.count() <= 8, page.title
        assert page.contacts.exists() and page.building_blocks.exists()
        assert page.values.filter(page_live=True).count() == page.values.count()
    assert_rollup_refreshed_once_and_exact(queries)
    # A second load changes nothing.
    assert demo_examples_load() == 0
    assert ExamplePage.objects.count() == created


def assert_rollup_refreshed_once_and_exact(queries: CaptureQueriesContext) -> None:
    """Every value's save used to recompute its cell of the pre-summed
    figures (202 refreshes per demo load); the load now refreshes the cells
    it touched once, at its end, and the rows are still exact. (Part of the
    test above: one demo load costs a minute of test time.)"""
    # A refresh computes its cells in two grouped reads (per year, all years).
    computed = [q["sql"] for q in queries if ROLLUP_COMPUTE in q["sql"]]
    assert len(computed) == 2

    counted = IndicatorValue.objects.filter(COUNTED)
    assert sorted(rollup_row_key(row) for row in ValueRollup.objects.all()) == sorted(
        rollup_row_key(row) for row in rollup_computed(counted)
    )
    # And against a sum done here: each indicator's counted values over all
    # years, in whole thousandths.
    sums: dict[int, int] = defaultdict(int)
    for indicator_id, value in counted.values_list("indicator_id", "value"):
        sums[indicator_id] += int(Decimal(str(value)) * 1000)
    assert len(sums) > 5
    assert {
        row["indicator_id"]: int(row["total"] * 1000)
        for row in rollup_totals(["indicator_id"])
    } == dict(sums)
