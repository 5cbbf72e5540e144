"""The pre-summed figures (indicators.rollup) follow every change of the
values: edits, deletes, moves to another year, indicator, organisation or
department, publishing and unpublishing. After each change the stored rows
equal rows computed from scratch, and what the value API and the pages show
equals a sum over the counted values done here in Python.

Starts from the `sector` fixture (see conftest.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.examples.factories import example_create
from almenhub.indicators.models import (
    COUNTED,
    Indicator,
    IndicatorValue,
    UnitKind,
    ValueRollup,
)
from almenhub.indicators.rollup import (
    rollup_computed,
    rollup_deferred,
    rollup_reads_shared,
    rollup_rebuild,
    rollup_totals,
)
from almenhub.organisations.models import Department

from .conftest import ENG, KR, UNGE
from .rollup_rows import rollup_row_key

pytestmark = pytest.mark.django_db

VALUES_TABLE = '"indicators_indicatorvalue"'
ROLLUP_TABLE = '"indicators_valuerollup"'


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def by_slug(rows: list[dict]) -> dict[str, dict]:
    return {row["indicator"]["slug"]: row for row in rows}


def counted() -> list[dict]:
    return list(
        IndicatorValue.objects.filter(COUNTED).values(
            "indicator__slug",
            "indicator__unit_kind",
            "organisation__slug",
            "page_id",
            "year",
            "value",
        )
    )


def assert_as_from_scratch(client) -> None:
    stored = sorted(rollup_row_key(row) for row in ValueRollup.objects.all())
    fresh = rollup_computed(IndicatorValue.objects.filter(COUNTED))
    assert stored == sorted(rollup_row_key(row) for row in fresh)

    values = counted()
    by_indicator: dict[str, list[dict]] = defaultdict(list)
    for v in values:
        by_indicator[v["indicator__slug"]].append(v)

    # The sector's figures per indicator, as the API gives them.
    api = by_slug(get(client, "/api/v1/value/indicators/")["indicators"])
    assert set(api) == set(by_indicator)
    for slug, rows in by_indicator.items():
        amounts = [v["value"] for v in rows]
        summable = rows[0]["indicator__unit_kind"] != UnitKind.PERCENT
        assert api[slug]["values"] == len(rows), slug
        assert api[slug]["total"] == (float(sum(amounts)) if summable else None)
        assert api[slug]["lowest"] == float(min(amounts))
        assert api[slug]["highest"] == float(max(amounts))

    # Per year, with the examples behind each year.
    for slug, rows in by_indicator.items():
        years: dict[int, list[dict]] = defaultdict(list)
        for v in rows:
            years[v["year"]].append(v)
        series = get(client, f"/api/v1/value/indicators/{slug}/years/")["years"]
        assert {p["year"]: (p["examples"], p["values"]) for p in series} == {
            year: (len({v["page_id"] for v in vs}), len(vs))
            for year, vs in years.items()
        }, slug

    # Each organisation's own figures and how many organisations report.
    for org_slug in ("org-et", "org-to"):
        own = [v for v in values if v["organisation__slug"] == org_slug]
        standings = by_slug(
            get(client, f"/api/v1/value/organisations/{org_slug}/")["standings"]
        )
        assert set(standings) == {v["indicator__slug"] for v in own}
        for slug, row in standings.items():
            mine = [v for v in own if v["indicator__slug"] == slug]
            assert row["values"] == len(mine)
            assert row["examples"] == len({v["page_id"] for v in mine})
            assert row["average"] == pytest.approx(
                float(sum(v["value"] for v in mine) / len(mine))
            )
            assert row["organisations"] == len(
                {v["organisation__slug"] for v in by_indicator[slug]}
            )


def test_rollup_follows_edits_deletes_and_moves(client, sector, orgs, example_index):
    one, two = orgs
    assert ValueRollup.objects.exists()
    assert_as_from_scratch(client)

    # An edit.
    value = sector["A"].values.get(value=100)
    value.value = Decimal(150)
    value.save()
    assert_as_from_scratch(client)

    # Moved to another year, then to another indicator.
    value.period_start = datetime.date(2021, 1, 1)
    value.period_end = datetime.date(2021, 12, 31)
    value.save()
    assert_as_from_scratch(client)
    value.indicator = Indicator.objects.get(slug=KR)
    value.save()
    assert_as_from_scratch(client)

    # Deleted: the largest value of its cell goes with it.
    sector["C"].values.get(value=10).delete()
    assert_as_from_scratch(client)
    # Becomes a target (no longer counted), then is deleted.
    b_eng = sector["B"].values.get(value=200)
    b_eng.method = "target"
    b_eng.save()
    assert_as_from_scratch(client)
    b_eng.delete()
    assert_as_from_scratch(client)

    # The example moves to the other organisation and one of its departments,
    # published as an editor does.
    department = Department.objects.create(organisation=two, name="Vest", homes=120)
    a = sector["A"]
    a.organisation = two
    a.department = department
    a.save_revision().publish()
    assert_as_from_scratch(client)

    # Unpublished, published, a new example, a deleted example.
    sector["C"].unpublish()
    assert_as_from_scratch(client)
    sector["D"].save_revision().publish()
    assert_as_from_scratch(client)
    example_create(example_index, title="E", organisation=one, values=[(UNGE, 7, 2022)])
    assert_as_from_scratch(client)
    sector["B"].delete()
    assert_as_from_scratch(client)

    # The department is deleted: its values keep counting, without it.
    department.delete()
    assert_as_from_scratch(client)


def test_rebuild_equals_the_kept_rows(sector):
    kept = sorted(rollup_row_key(row) for row in ValueRollup.objects.all())
    assert kept
    rollup_rebuild()
    assert sorted(rollup_row_key(row) for row in ValueRollup.objects.all()) == kept


def _eng_all_years(org_key: int) -> tuple[int, int, int, int, int]:
    row = ValueRollup.objects.get(
        indicator__slug=ENG,
        year=0,
        theme_key=0,
        organisation_key=org_key,
        department_key=0,
    )
    return (
        row.values_count,
        row.examples_count,
        row.value_sum,
        row.value_min,
        row.value_max,
    )


def test_a_deferred_block_refreshes_each_cell_once_at_its_end(sector, orgs):
    one = orgs[0]
    before = _eng_all_years(one.pk)
    # A's two counted grass-to-meadow values: 100 (2023) and 300 (2024).
    assert before == (2, 1, 400_000, 100_000, 300_000)
    first, second = sector["A"].values.filter(value__in=[100, 300]).order_by("value")
    with CaptureQueriesContext(connection) as queries:
        with rollup_deferred():
            with rollup_deferred():  # nested: the outer block refreshes
                first.value = Decimal(150)
                first.save()
            second.value = Decimal("400.5")
            second.save()
            # Inside the block the rows lag the values.
            assert _eng_all_years(one.pk) == before
    computed = [q["sql"] for q in queries if 'COUNT(DISTINCT "indicators' in q["sql"]]
    assert len(computed) == 2  # one refresh: per year and all years
    assert _eng_all_years(one.pk) == (2, 1, 550_500, 150_000, 400_500)
    assert sorted(rollup_row_key(r) for r in ValueRollup.objects.all()) == sorted(
        rollup_row_key(r)
        for r in rollup_computed(IndicatorValue.objects.filter(COUNTED))
    )

    # An exception inside: nothing is refreshed (the caller rolls back).
    with pytest.raises(RuntimeError), rollup_deferred():
        first.value = Decimal(1)
        first.save()
        raise RuntimeError
    assert _eng_all_years(one.pk) == (2, 1, 550_500, 150_000, 400_500)


@pytest.mark.parametrize(
    "url",
    [
        "/vaerdi/",
        "/vaerdi/?aar=2024&bundlinje=climate_environment",
        "/vaerdi/organisation/org-et/",
        # A theme's figures too (the rows per theme).
        "/vaerdi/?tema=natur-og-biodiversitet&aar=2023",
        "/vaerdi/organisation/org-et/?tema=energi-klima-og-miljoe",
        "/api/v1/value/indicators/",
        f"/api/v1/value/indicators/{ENG}/years/",
    ],
)
def test_a_request_after_an_edit_sums_no_value(client, sector, url):
    value = sector["A"].values.get(value=100)
    value.value = Decimal(150)
    value.save()  # a change: no figure kept from before
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    sums = [
        q["sql"]
        for q in captured
        if VALUES_TABLE in q["sql"] and "SUM(" in q["sql"].upper()
    ]
    assert sums == []


GROUPINGS = [
    ("indicator_id",),
    ("organisation_id", "indicator_id"),
    ("department_id", "indicator_id"),
    ("year", "indicator_id"),
]


def _totals_every_way(eng_id: int, org_id: int) -> list[list[dict]]:
    selections = [{}, {"indicator_ids": [eng_id]}, {"year": 2023}]
    selections.append({"organisation_id": org_id})
    return [
        sorted(rollup_totals(by, **selection), key=repr)
        for selection in selections
        for by in GROUPINGS
    ]


def test_shared_reads_give_the_figures_of_separate_reads(sector, orgs):
    one, two = orgs
    eng = Indicator.objects.get(slug=ENG)
    separate = _totals_every_way(eng.pk, one.pk)
    with CaptureQueriesContext(connection) as queries, rollup_reads_shared():
        shared = _totals_every_way(eng.pk, one.pk)
        again = _totals_every_way(eng.pk, one.pk)
        # Grass to meadow by organisation, by hand: Org Et A's 100 + 300,
        # Org To B's 200.
        by_org = {
            row["organisation_id"]: (row["n_values"], row["total"], row["highest"])
            for row in rollup_totals(("organisation_id",), indicator_ids=[eng.pk])
        }
        assert by_org == {one.pk: (2, 400, 300), two.pk: (1, 200, 200)}
        reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
        # Once per selection: all years, per year, 2023, one indicator (all
        # years, per year), one organisation (all years, per year).
        assert len(reads) == 7, reads
        # A value saved inside the block is in the next figures.
        value = sector["A"].values.get(value=100)
        value.value = Decimal("150.5")
        value.save()
        by_org = {
            row["organisation_id"]: (row["n_values"], row["total"], row["lowest"])
            for row in rollup_totals(("organisation_id",), indicator_ids=[eng.pk])
        }
        assert by_org == {one.pk: (2, Decimal("450.5"), Decimal("150.5"))} | {
            two.pk: (1, 200, 200)
        }
    assert shared == separate
    assert again == separate
    assert separate != _totals_every_way(eng.pk, one.pk)  # the edit


def test_an_organisations_page_reads_each_selection_of_rows_once(
    client, sector, settings
):
    settings.VALUE_FIGURES_CACHE_SECONDS = 0  # computed here, not kept
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/vaerdi/organisation/org-et/")
    assert response.status_code == 200
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if ROLLUP_TABLE in q["sql"] and q["sql"].startswith("SELECT")
    ]
    # The sector's rows (by indicator, organisation, department) and the
    # organisation's own (by indicator, department): was one read each.
    assert len(reads) == 2, reads
