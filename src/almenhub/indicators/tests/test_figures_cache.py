"""The value register's figures are kept until the content changes
(indicators.caching): a second request reads no value, every organisation's
page shares the sector's figures, and a change is seen on the next request.

Figures as in the `sector` fixture (see test_selectors and test_value_bank).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.examples.factories import example_create
from almenhub.indicators.models import Indicator, PriceIndex, ValueProxy

from .conftest import ENG, KR
from .test_dashboard import page, table_rows

pytestmark = pytest.mark.django_db

VALUES_TABLE = '"indicators_indicatorvalue"'


def value_reads(client, url: str) -> list[str]:
    """The queries `url` sends to the table of values."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return [q["sql"] for q in captured if VALUES_TABLE in q["sql"]]


def eng_sum(client, url: str = "/vaerdi/") -> str:
    table = page(client, url).find(id="afsnit-climate_environment").parent
    rows = {row[0]: row for row in table_rows(table.find("table"))}
    return rows[Indicator.objects.get(slug=ENG).name][4]


@pytest.mark.parametrize(
    "url",
    [
        "/vaerdi/",
        "/vaerdi/?aar=2024&bundlinje=climate_environment",
        "/vaerdi/organisation/org-et/",
        "/vaerdi/oversigt.csv",
        "/api/v1/value/indicators/",
    ],
)
def test_a_second_request_reads_no_value(client, sector, url):
    assert value_reads(client, url)
    assert value_reads(client, url) == []


def test_organisations_share_the_sector_figures(client, sector):
    first = value_reads(client, "/vaerdi/organisation/org-et/")
    second = value_reads(client, "/vaerdi/organisation/org-to/")
    # Org To's own figures are read; the sector's (every organisation's
    # averages, the sector per home) come from Org Et's request.
    assert second and len(second) < len(first)
    # Its own reads name the organisation, or its listed examples' ids.
    grouped_by_organisation = [q for q in second if "GROUP BY" in q and (
        '"organisation_id" = ' not in q and not re.search(r'"page_id" IN \(\d', q)
    )]  # fmt: skip
    assert grouped_by_organisation == []


def test_a_published_example_counts_at_once(client, sector, example_index, orgs):
    assert eng_sum(client) == "600"  # 100 + 300 + 200
    example = example_create(
        example_index, title="Ny", organisation=orgs[0], values=[(ENG, 50, 2024)]
    )
    assert eng_sum(client) == "650"
    example.unpublish()
    assert eng_sum(client) == "600"


def test_a_changed_value_counts_at_once(client, sector):
    assert eng_sum(client) == "600"
    value = sector["A"].values.get(value=100)
    value.value = Decimal(150)
    value.save()
    assert eng_sum(client) == "650"


def test_a_changed_proxy_or_price_index_counts_at_once(client, sector):
    def central() -> str:
        section = page(client).find(id="afsnit-kroner").parent
        return section.find(class_="value-bank__total").strong.get_text()

    proxy = ValueProxy.objects.create(
        indicator=Indicator.objects.get(slug=KR),
        low=1,
        central=1,
        high=1,
        price_year=2020,
        source="Test",
    )
    latest = PriceIndex.objects.order_by("-year").first()
    # 4.000 kr. of 2020 in the latest year's prices.
    expected = Decimal(4000) * latest.index / PriceIndex.objects.get(year=2020).index
    assert central() == f"{expected:,.0f} kr.".replace(",", ".")
    proxy.central = 2
    proxy.save()
    assert central() == f"{2 * expected:,.0f} kr.".replace(",", ".")
    latest.index = PriceIndex.objects.get(year=2020).index
    latest.save()
    assert central() == "8.000 kr."
