"""Sector figures against numbers worked out by hand (see conftest.sector)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from almenhub.examples.factories import task, theme
from almenhub.indicators import selectors
from almenhub.indicators.selectors import (
    ValueFilters,
    indicator_summary,
    indicator_time_series,
    medians_by,
)

from .conftest import ENG, KR, TILFREDS, UNGE

pytestmark = pytest.mark.django_db


def by_slug(filters: ValueFilters) -> dict[str, tuple]:
    return {
        row.indicator.slug: (row.values, row.total, row.median)
        for row in indicator_summary(filters)
    }


def D(value) -> Decimal:
    return Decimal(str(value))


def test_totals_and_medians_unfiltered(sector):
    assert by_slug(ValueFilters()) == {
        # eng: 100, 200, 300 – the target (999) and the draft (5000) never count
        ENG: (3, D(600), D(200)),
        # unge: 2, 4, 10 – the draft's 50 does not count
        UNGE: (3, D(16), D(4)),
        # percentages have no sum; median of 60 and 80
        TILFREDS: (2, None, D(70)),
        KR: (2, D(4000), D(2000)),
    }


def test_rows_come_in_bottom_line_order(sector):
    order = [row.indicator.slug for row in indicator_summary(ValueFilters())]
    # social (catalogue order), climate & environment, economic
    assert order == [UNGE, TILFREDS, ENG, KR]


def test_year_is_the_year_the_period_ends(sector):
    assert by_slug(ValueFilters(year=2023)) == {
        ENG: (2, D(300), D(150)),
        UNGE: (1, D(4), D(4)),
        TILFREDS: (1, None, D(60)),
        KR: (1, D(3000), D(3000)),
    }


def test_filter_by_organisation(sector, orgs):
    assert by_slug(ValueFilters(organisation_id=orgs[0].pk)) == {
        ENG: (2, D(400), D(200)),
        UNGE: (2, D(14), D(7)),
        TILFREDS: (1, None, D(60)),
        KR: (1, D(3000), D(3000)),
    }


def test_filter_by_task(sector):
    assert by_slug(ValueFilters(task_id=task("graesslaaning").pk)) == {
        ENG: (3, D(600), D(200)),
        UNGE: (2, D(6), D(3)),
        TILFREDS: (2, None, D(70)),
        KR: (1, D(1000), D(1000)),
    }


def test_filter_by_theme_and_main_theme(sector):
    nature = theme("Natur og biodiversitet")
    only_a = {
        ENG: (2, D(400), D(200)),
        UNGE: (1, D(4), D(4)),
        TILFREDS: (1, None, D(60)),
    }
    assert by_slug(ValueFilters(theme_id=nature.pk)) == only_a
    # A main theme includes its sub-themes.
    assert by_slug(ValueFilters(theme_id=nature.parent_id)) == only_a


def test_bottom_line_climate_includes_biodiversity(sector):
    assert set(by_slug(ValueFilters(bottom_line="climate_environment"))) == {ENG}
    assert set(by_slug(ValueFilters(bottom_line="biodiversity"))) == {ENG}
    assert set(by_slug(ValueFilters(bottom_line="social"))) == {UNGE, TILFREDS}
    assert set(by_slug(ValueFilters(bottom_line="economic"))) == {KR}


def test_filters_combine(sector, orgs):
    filters = ValueFilters(organisation_id=orgs[0].pk, year=2024, bottom_line="social")
    assert by_slug(filters) == {UNGE: (1, D(10), D(10))}


def test_no_values_no_rows(sector):
    assert indicator_summary(ValueFilters(year=2030)) == []


def test_time_series(sector):
    points = indicator_time_series(
        selectors.Indicator.objects.get(slug=ENG), ValueFilters()
    )
    assert [(p.year, p.examples, p.values, p.total, p.median) for p in points] == [
        (2023, 2, 2, D(300), D(150)),
        (2024, 1, 1, D(300), D(300)),
    ]


def test_percent_time_series_has_medians_only(sector):
    points = indicator_time_series(
        selectors.Indicator.objects.get(slug=TILFREDS), ValueFilters()
    )
    assert [(p.year, p.total, p.median) for p in points] == [
        (2023, None, D(60)),
        (2024, None, D(80)),
    ]


def test_both_median_strategies_agree(sector, monkeypatch):
    qs = selectors.achieved_values(ValueFilters())
    sizes = {
        k: row["n_values"]
        for k, row in selectors._grouped_totals(qs, "indicator_id").items()
    }
    single = medians_by(qs, "indicator_id", sizes, single_read=True)
    monkeypatch.setattr(selectors, "MEDIAN_SINGLE_READ_LIMIT", 0)
    by_offset = medians_by(qs, "indicator_id", sizes)
    assert single == by_offset
    assert sorted(single.values()) == [D(4), D(70), D(200), D(2000)]


def test_unpublishing_removes_values_and_republishing_restores_them(sector):
    sector["B"].unpublish()
    assert by_slug(ValueFilters())[ENG] == (2, D(400), D(200))
    sector["B"].save_revision().publish()
    assert by_slug(ValueFilters())[ENG] == (3, D(600), D(200))


def test_a_private_example_or_section_counts_nothing_until_it_is_public_again(
    sector, example_index
):
    from wagtail.models import PageViewRestriction

    own = PageViewRestriction.objects.create(
        page=sector["B"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert by_slug(ValueFilters())[ENG] == (2, D(400), D(200))
    own.delete()
    assert by_slug(ValueFilters())[ENG] == (3, D(600), D(200))
    # A restriction on the examples' index hides every example below it.
    section = PageViewRestriction.objects.create(
        page=example_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert ENG not in by_slug(ValueFilters())
    section.delete()
    assert by_slug(ValueFilters())[ENG] == (3, D(600), D(200))


def test_publishing_a_draft_counts_its_values(sector):
    sector["D"].save_revision().publish()
    assert by_slug(ValueFilters())[UNGE] == (4, D(66), D(7))


def test_example_values_with_sector_median_for_same_task(sector):
    rows = selectors.example_values_with_sector(sector["A"])
    found = {
        (r.value.indicator.slug, r.value.value): (r.sector_median, r.sector_examples)
        for r in rows
    }
    # Same task (grass cutting): A and B only; C (snow clearing) is not compared.
    assert found[(UNGE, D(4))] == (D(3), 2)
    assert found[(ENG, D(100))] == (D(200), 2)
    assert found[(TILFREDS, D(60))] == (D(70), 2)
    # A's own target still sits beside the sector's achievements.
    assert found[(ENG, D(999))] == (D(200), 2)
