"""The pre-summed rows per theme (ValueRollup.theme_key): a theme filter's
figures read from them equal those summed from the values directly, by hand
for the `sector` fixture and on a random set, for every filter combination
the dashboard's pre-summed figures serve (theme, bottom line, year,
organisation, each grouping the pages use), also after edits: an example's
themes changed (by an editor, and from the theme's side), a theme moved
under another main theme or deleted, values deleted.

The figures here are summed in Python from the counted values and the
examples' themes as stored, not by the SQL that fills the rows.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from itertools import product
from typing import Any

import pytest

from almenhub.examples.factories import example_create
from almenhub.examples.models import ExamplePage
from almenhub.indicators.models import (
    ALL_THEMES,
    ALL_YEARS,
    COUNTED,
    Indicator,
    IndicatorValue,
    ValueMethod,
    ValueRollup,
)
from almenhub.indicators.selectors import (
    ValueFilters,
    _grouped_totals,
    achieved_values,
    bottom_line_choices,
    summed_totals,
)
from almenhub.organisations.models import Department
from almenhub.taxonomy.models import Theme

from .conftest import ENG, KR, TILFREDS, UNGE

pytestmark = pytest.mark.django_db

D = Decimal
THOUSAND = Decimal(1000)

# The groupings the dashboard, the time series, an organisation's page and
# the figures per home read from the pre-summed rows.
GROUPINGS = [
    ("indicator_id",),
    ("year", "indicator_id"),
    ("organisation_id", "indicator_id"),
    ("department_id", "indicator_id"),
]


def named(name: str) -> Theme:
    return Theme.objects.get(name=name)


def themes_set(page: ExamplePage, names: list[str]) -> None:
    """As an editor does: the themes chosen, the page published."""
    page.themes = [named(name) for name in names]
    page.save_revision().publish()


# -- the figures summed here from the values ----------------------------------


def themes_of_examples() -> dict[int, set[int]]:
    """Per example: the themes it is in, its own and their main themes."""
    through = ExamplePage.themes.through
    keys: dict[int, set[int]] = defaultdict(set)
    for page_id, theme_id, parent_id in through.objects.values_list(
        "examplepage_id", "theme_id", "theme__parent_id"
    ):
        keys[page_id].add(theme_id)
        if parent_id is not None:
            keys[page_id].add(parent_id)
    return keys


def counted_values() -> list[dict[str, Any]]:
    return list(
        IndicatorValue.objects.filter(COUNTED).values(
            "indicator_id",
            "organisation_id",
            "department_id",
            "year",
            "page_id",
            "value",
        )
    )


def figures(values: list[dict[str, Any]]) -> tuple:
    amounts = [v["value"] for v in values]
    return (
        len(values),
        len({v["page_id"] for v in values}),
        sum(amounts, D(0)),
        min(amounts),
        max(amounts),
    )


def rows_from_values() -> dict[tuple, tuple]:
    """Every rollup row there should be: per cell, year (and all years) and
    theme (and every example), in the rows' units."""
    keys = themes_of_examples()
    cells: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for v in counted_values():
        cell = (v["indicator_id"], v["organisation_id"] or 0, v["department_id"] or 0)
        for year, theme in product(
            (v["year"], ALL_YEARS), (ALL_THEMES, *keys[v["page_id"]])
        ):
            cells[(*cell, year, theme)].append(v)
    return {
        cell: (
            n,
            pages,
            int(total * THOUSAND),
            int(low * THOUSAND),
            int(high * THOUSAND),
        )
        for cell, (n, pages, total, low, high) in (
            (cell, figures(values)) for cell, values in cells.items()
        )
    }


def stored_rows() -> dict[tuple, tuple]:
    rows = {}
    for row in ValueRollup.objects.all():
        cell = (
            row.indicator_id,
            row.organisation_key,
            row.department_key,
            row.year,
            row.theme_key,
        )
        assert cell not in rows
        rows[cell] = (
            row.values_count,
            row.examples_count,
            row.value_sum,
            row.value_min,
            row.value_max,
        )
    return rows


def assert_rows_from_values() -> None:
    assert stored_rows() == rows_from_values()


def in_bottom_line(bottom_line: str) -> set[int]:
    indicators = Indicator.objects.all()
    if bottom_line == "biodiversity":
        return {i.pk for i in indicators if i.biodiversity}
    return {i.pk for i in indicators if i.bottom_line == bottom_line}


def totals_from_values(filters: ValueFilters, by: tuple[str, ...]) -> dict:
    keys = themes_of_examples()
    line = in_bottom_line(filters.bottom_line) if filters.bottom_line else None
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for v in counted_values():
        if filters.theme_id is not None and filters.theme_id not in keys[v["page_id"]]:
            continue
        if line is not None and v["indicator_id"] not in line:
            continue
        if filters.year is not None and v["year"] != filters.year:
            continue
        if (
            filters.organisation_id is not None
            and v["organisation_id"] != filters.organisation_id
        ):
            continue
        groups[tuple(v[name] for name in by)].append(v)
    return {group: figures(values) for group, values in groups.items()}


def as_figures(rows: list[dict[str, Any]], by: tuple[str, ...]) -> dict:
    return {
        tuple(row[name] for name in by): (
            row["n_values"],
            row["n_examples"],
            row["total"],
            row["lowest"],
            row["highest"],
        )
        for row in rows
    }


def every_filter_combination(themes: list[int], years: list[int], orgs: list[int]):
    bottom_lines = ["", *(key for key, _ in bottom_line_choices())]
    for theme, line, year, org in product(
        [None, *themes], bottom_lines, [None, *years], [None, *orgs]
    ):
        yield ValueFilters(
            theme_id=theme, bottom_line=line, year=year, organisation_id=org
        )


def assert_every_combination_from_values(
    themes: list[int], years: list[int], orgs: list[int]
) -> int:
    """Each combination's figures from the pre-summed rows, grouped every
    way, and the dashboard's summed from the values (selectors' SQL), equal
    those summed here. Returns how many combinations had figures."""
    with_figures = 0
    for filters in every_filter_combination(themes, years, orgs):
        for by in GROUPINGS:
            expected = totals_from_values(filters, by)
            summed = summed_totals(filters, by)
            assert summed is not None
            assert as_figures(summed, by) == expected, (filters, by)
        expected = totals_from_values(filters, ("indicator_id",))
        direct = _grouped_totals(achieved_values(filters), "indicator_id")
        assert as_figures(list(direct.values()), ("indicator_id",)) == expected
        with_figures += bool(expected)
    return with_figures


# -- by hand -------------------------------------------------------------------


def indicator_ids() -> dict[str, int]:
    return dict(Indicator.objects.values_list("slug", "pk"))


def by_indicator(filters: ValueFilters) -> dict[str, tuple]:
    ids = {pk: slug for slug, pk in indicator_ids().items()}
    summed = summed_totals(filters, ("indicator_id",))
    assert summed is not None
    return {
        ids[group[0]]: figures
        for group, figures in as_figures(summed, ("indicator_id",)).items()
    }


def test_a_themes_figures_from_the_rows_by_hand_and_after_edits(sector, orgs):
    one, _ = orgs
    main = named("Energi, klima og miljø")
    nature = named("Natur og biodiversitet")
    energy = named("Energi og ressourcer")
    residents = named("Beboere og fællesskab")
    # A in two sub-themes of one main theme; B in the main theme itself and
    # in one of its sub-themes: each counts once in the main theme.
    themes_set(sector["A"], ["Natur og biodiversitet", "Klimatilpasning"])
    themes_set(sector["B"], ["Energi, klima og miljø", "Energi og ressourcer"])
    assert_rows_from_values()

    # A: eng 100 (2023) 300 (2024), unge 4, tilfreds 60; B: eng 200, unge 2,
    # tilfreds 80, kr 1000.
    assert by_indicator(ValueFilters(theme_id=main.pk)) == {
        ENG: (3, 2, D(600), D(100), D(300)),
        UNGE: (2, 2, D(6), D(2), D(4)),
        TILFREDS: (2, 2, D(140), D(60), D(80)),
        KR: (1, 1, D(1000), D(1000), D(1000)),
    }
    assert by_indicator(ValueFilters(theme_id=nature.pk)) == {
        ENG: (2, 1, D(400), D(100), D(300)),
        UNGE: (1, 1, D(4), D(4), D(4)),
        TILFREDS: (1, 1, D(60), D(60), D(60)),
    }
    assert by_indicator(ValueFilters(theme_id=energy.pk)) == {
        ENG: (1, 1, D(200), D(200), D(200)),
        UNGE: (1, 1, D(2), D(2), D(2)),
        TILFREDS: (1, 1, D(80), D(80), D(80)),
        KR: (1, 1, D(1000), D(1000), D(1000)),
    }
    # C (snow clearing, jobs) is the only example under residents.
    assert by_indicator(ValueFilters(theme_id=residents.pk)) == {
        UNGE: (1, 1, D(10), D(10), D(10)),
        KR: (1, 1, D(3000), D(3000), D(3000)),
    }
    assert by_indicator(
        ValueFilters(theme_id=main.pk, year=2023, organisation_id=one.pk)
    ) == {
        ENG: (1, 1, D(100), D(100), D(100)),
        UNGE: (1, 1, D(4), D(4), D(4)),
        TILFREDS: (1, 1, D(60), D(60), D(60)),
    }

    # A leaves the main theme; B's grass-to-meadow value is deleted.
    themes_set(sector["A"], ["Beboerdemokrati"])
    sector["B"].values.get(value=200).delete()
    assert_rows_from_values()
    assert by_indicator(ValueFilters(theme_id=main.pk)) == {
        UNGE: (1, 1, D(2), D(2), D(2)),
        TILFREDS: (1, 1, D(80), D(80), D(80)),
        KR: (1, 1, D(1000), D(1000), D(1000)),
    }
    assert by_indicator(ValueFilters(theme_id=residents.pk)) == {
        ENG: (2, 1, D(400), D(100), D(300)),
        UNGE: (2, 2, D(14), D(4), D(10)),
        TILFREDS: (1, 1, D(60), D(60), D(60)),
        KR: (1, 1, D(3000), D(3000), D(3000)),
    }
    assert by_indicator(ValueFilters(theme_id=nature.pk)) == {}

    themes = list(Theme.objects.values_list("pk", flat=True))
    orgs_ids = [one.pk, orgs[1].pk]
    assert assert_every_combination_from_values(themes, [2023, 2024], orgs_ids)


# -- a random set ----------------------------------------------------------------


def random_sector(rng: random.Random, example_index, orgs) -> list[ExamplePage]:
    departments = {
        org.pk: [
            Department.objects.create(organisation=org, name=f"Afd {n}", homes=50)
            for n in range(2)
        ]
        for org in orgs
    }
    indicators = list(Indicator.objects.values_list("slug", flat=True))
    themes = list(Theme.objects.all())
    methods = [ValueMethod.MEASURED, ValueMethod.ESTIMATED, ValueMethod.TARGET]
    pages = []
    for n in range(24):
        org = rng.choice(orgs)
        page = example_create(
            example_index,
            title=f"Tilfældigt {n}",
            organisation=org,
            department=rng.choice([None, *departments[org.pk]]),
            themes=[],
            values=[
                (
                    rng.choice(indicators),
                    D(rng.randint(0, 500_000)) / 1000,
                    rng.choice((2022, 2023, 2024)),
                    rng.choice(methods),
                )
                for _ in range(rng.randint(1, 5))
            ],
            live=rng.random() < 0.85,
        )
        page.themes = rng.sample(themes, rng.randint(0, 3))
        page.save()
        pages.append(page)
    return pages


def test_a_random_sets_rows_per_theme_equal_the_values_after_edits(example_index, orgs):
    rng = random.Random(18)
    pages = random_sector(rng, example_index, orgs)
    themes = list(Theme.objects.all())
    theme_ids = [t.pk for t in themes]
    org_ids = [org.pk for org in orgs]
    assert_rows_from_values()
    assert assert_every_combination_from_values(theme_ids, [2023], org_ids) > 100

    # Editors change examples' themes.
    for page in rng.sample(pages, 6):
        page = ExamplePage.objects.get(pk=page.pk)
        page.themes = rng.sample(themes, rng.randint(0, 3))
        page.save_revision().publish()
        assert_rows_from_values()
    # From the theme's side: added, removed, cleared.
    some = rng.choice([t for t in themes if t.parent_id])
    some.examples.add(*rng.sample(pages, 4))
    assert_rows_from_values()
    some.examples.remove(*list(some.examples.all()[:2]))
    assert_rows_from_values()
    rng.choice(themes).examples.clear()
    assert_rows_from_values()
    # Values deleted.
    counted = list(IndicatorValue.objects.filter(COUNTED))
    for value in rng.sample(counted, 5):
        value.delete()
        assert_rows_from_values()
    # A sub-theme moves under another main theme, another is deleted.
    moved = next(t for t in themes if t.parent_id and t.examples.exists())
    moved.parent = Theme.objects.filter(parent=None).exclude(pk=moved.parent_id)[0]
    moved.save()
    assert_rows_from_values()
    gone = next(
        t for t in themes if t.parent_id and t.pk != moved.pk and t.examples.exists()
    )
    gone.delete()
    assert_rows_from_values()
    # A value edited to three decimals, then moved to another year.
    value = IndicatorValue.objects.filter(COUNTED).first()
    value.value = D("12.345")
    value.period_start = datetime.date(2022, 1, 1)
    value.period_end = datetime.date(2022, 12, 31)
    value.save()
    assert_rows_from_values()

    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    assert assert_every_combination_from_values(theme_ids, [2022, 2024], org_ids) > 100
