"""The value bank: the sector's values in kroner, with deadweight, attribution
and one price year, worked out by hand on the `sector` fixture.

Counted sums there: plaene-til-eng 100 + 300 + 200 = 600 m²;
driftsudgifter-sparet 1000 + 3000 = 4000 kr.; unge-i-fritidsjob 16 (no proxy);
tilfredshed-udearealer is a percentage (never monetised).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from almenhub.indicators.models import Indicator, PriceIndex, ValueProxy
from almenhub.indicators.selectors import ValueFilters, indicator_summary
from almenhub.indicators.valuation import example_kroner, valuation

from .conftest import ENG, KR, TILFREDS, UNGE
from .test_dashboard import csv_rows, page, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxies(sector):
    # Price indices as shipped: 2020 = 103.4, 2024 = 118.8 (the latest).
    eng = ValueProxy.objects.create(
        indicator=Indicator.objects.get(slug=ENG),
        low=Decimal(10),
        central=Decimal(20),
        high=Decimal(40),
        price_year=2020,
        source="Testkilde",
        deadweight=Decimal(25),
        attribution=Decimal(20),
    )
    kr = ValueProxy.objects.create(
        indicator=Indicator.objects.get(slug=KR),
        low=Decimal(1),
        central=Decimal(1),
        high=Decimal(1),
        price_year=2024,
        source="Kroner er kroner",
    )
    return eng, kr


# 600 m² × 20 kr. × (1 − 0,25) × (1 − 0,20) × 118,8 / 103,4
#   = 12.000 × 0,6 × 1,1489361702 = 8.272,3404… kr.
ENG_CENTRAL = Decimal("8272.34")
ENG_LOW = Decimal("4136.17")  # 6.000 × 0,6893617021
ENG_HIGH = Decimal("16544.68")  # 24.000 × 0,6893617021


def test_kroner_per_indicator_bottom_line_and_total(proxies):
    result = valuation(indicator_summary(ValueFilters()))
    assert result.price_year == 2024
    by_slug = {row.indicator.slug: row for row in result.rows}
    assert set(by_slug) == {ENG, KR}
    eng = by_slug[ENG].kroner
    assert (eng.low, eng.central, eng.high) == (ENG_LOW, ENG_CENTRAL, ENG_HIGH)
    assert by_slug[KR].kroner.central == Decimal("4000.00")
    lines = dict(result.by_bottom_line)
    assert lines["climate_environment"].central == ENG_CENTRAL
    assert lines["economic"].central == Decimal("4000.00")
    assert "social" not in lines
    assert result.total.central == ENG_CENTRAL + Decimal(4000)
    assert result.total.low == ENG_LOW + Decimal(4000)


def test_indicators_without_a_proxy_and_percentages_add_nothing(proxies):
    result = valuation(indicator_summary(ValueFilters()))
    assert {i.slug for i in result.not_monetised} == {UNGE, TILFREDS}
    unge = ValueProxy(
        indicator=Indicator.objects.get(slug=UNGE),
        low=1,
        central=2,
        high=3,
        price_year=2024,
        source="x",
    )
    unge.save()
    after = valuation(indicator_summary(ValueFilters()))
    # 16 young people × 2 kr.: the new proxy adds exactly its own product.
    assert after.total.central == result.total.central + Decimal(32)
    assert {i.slug for i in after.not_monetised} == {TILFREDS}


def test_a_later_price_year_moves_every_amount(proxies):
    PriceIndex.objects.create(year=2025, index=Decimal("130.68"))  # 118,8 × 1,1
    result = valuation(indicator_summary(ValueFilters()))
    assert result.price_year == 2025
    by_slug = {row.indicator.slug: row for row in result.rows}
    # 4.000 kr. of 2024 in 2025 prices: × 130,68 / 118,8 = × 1,1.
    assert by_slug[KR].kroner.central == Decimal("4400.00")


def test_filters_narrow_the_kroner_as_they_narrow_the_sums(proxies, orgs):
    one, _ = orgs
    result = valuation(indicator_summary(ValueFilters(organisation_id=one.pk)))
    by_slug = {row.indicator.slug: row for row in result.rows}
    # Org 1: eng 100 + 300 = 400 m² (A); kr 3000 (C).
    assert by_slug[ENG].quantity == Decimal("400.000")
    assert by_slug[ENG].kroner.central == Decimal("5514.89")  # 8.000 × 0,68936…
    assert by_slug[KR].kroner.central == Decimal("3000.00")


def test_dashboard_shows_the_range_the_method_and_what_is_not_monetised(
    client, proxies
):
    soup = page(client)
    section = soup.find(id="afsnit-kroner").parent
    text = " ".join(section.get_text(" ").split())
    assert "12.272 kr." in text  # 8.272,34 + 4.000
    assert "8.136 kr. – 20.545 kr." in text  # low and high totals
    assert "2024-priser" in text
    not_monetised = section.find("h3").find_next("p").get_text()
    assert Indicator.objects.get(slug=UNGE).name in not_monetised
    assert Indicator.objects.get(slug=TILFREDS).name in not_monetised
    method = soup.find(id="afsnit-metode").parent.get_text()
    assert "dødvægt" in method and "forbrugerprisindeks (årsgennemsnit" in method


def test_kroner_csv_equals_the_tables(client, proxies):
    soup = page(client)
    lines, indicators = soup.find(id="afsnit-kroner").parent.find_all("table")
    link = soup.find("a", href=lambda h: h and h.startswith("/vaerdi/kroner.csv"))
    # Both tables, each under its caption, an empty line between.
    assert csv_rows(client, link["href"]) == [
        [lines.caption.get_text()],
        *table_rows(lines),
        [],
        [indicators.caption.get_text()],
        *table_rows(indicators),
    ]
    assert table_rows(lines)[-1] == ["I alt", "8.136 kr.", "12.272 kr.", "20.545 kr."]
    assert table_rows(indicators)[1][0] == Indicator.objects.get(slug=ENG).name
    assert table_rows(indicators)[1][-2] == "8.272 kr."


def test_example_page_shows_its_kroner_beside_the_median_of_its_task(
    client, proxies, sector
):
    # Grass cutting: A = 400 m² → 5.514,89 kr.; B = 200 m² → 2.757,45 kr.
    # plus 1.000 kr. saved → 3.757,45 kr. Median of the two: 4.636,17 kr.
    figures = example_kroner(sector["A"])
    assert figures.own == Decimal("5514.89")
    assert figures.sector_examples == 2
    assert figures.sector_median == Decimal("4636.17")
    html = client.get(sector["A"].url).content.decode()
    assert "5.515 kr." in html and "4.636 kr." in html


def test_proxy_validation_names_what_is_wrong(sector):
    percent = ValueProxy(
        indicator=Indicator.objects.get(slug=TILFREDS),
        low=3,
        central=2,
        high=1,
        price_year=1999,
        source="x",
        deadweight=Decimal(120),
    )
    with pytest.raises(ValidationError) as caught:
        percent.full_clean()
    errors = caught.value.message_dict
    assert "procentdel" in errors["indicator"][0]
    assert "lav ≤ central ≤ høj" in errors["central"][0]
    assert "1999 findes ikke i prisindekset" in errors["price_year"][0]
    assert "2015–2024" in errors["price_year"][0]
    assert "mellem 0 og 100" in errors["deadweight"][0]
