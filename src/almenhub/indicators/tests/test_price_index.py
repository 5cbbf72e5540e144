"""The shipped consumer price index against Danmarks Statistik's published
monthly figures, and the kroner's price-year change read from the table.

MONTHS: the consumer price index (2015 = 100), January to December, as
Danmarks Statistik's page on it shows them ("Forbrugerprisindeks, hovedtal",
www.dst.dk, Statistikbanken PRIS113). A year's average is the mean of its
twelve months; the published months are rounded to one decimal, so their
mean settles the yearly figure's decimal unless it lies on a boundary
(migration 0007 says which years do).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from almenhub.indicators.models import Indicator, PriceIndex, ValueProxy
from almenhub.indicators.selectors import ValueFilters, indicator_summary
from almenhub.indicators.valuation import valuation

from .conftest import ENG
from .test_dashboard import page
from .test_value_bank import proxies  # noqa: F401 (a fixture, used by name)

pytestmark = pytest.mark.django_db

MONTHS = {
    2015: "98,8 99,8 100,2 100,3 100,4 100,3 100,2 100,0 100,2 100,1 99,9 99,8",
    2016: "99,4 100,1 100,2 100,3 100,5 100,6 100,5 100,2 100,2 100,4 100,3 100,3",
    2017: "100,3 101,1 101,2 101,4 101,3 101,2 102,0 101,7 101,8 101,9 101,6 101,3",
    2018: "101,0 101,7 101,7 102,2 102,4 102,3 103,1 102,7 102,4 102,7 102,4 102,1",
    2019: "102,3 102,8 102,9 103,2 103,1 102,9 103,5 103,1 102,9 103,3 103,1 102,9",
    2020: "103,0 103,6 103,3 103,2 103,1 103,2 104,0 103,6 103,5 103,7 103,6 103,4",
    2021: "103,6 104,2 104,3 104,7 104,9 105,0 105,7 105,5 105,8 106,8 107,1 106,6",
    2022: "108,1 109,2 109,9 111,7 112,7 113,6 114,9 114,9 116,4 117,6 116,6 115,9",
    2023: "116,4 117,5 117,3 117,6 116,0 116,4 118,5 117,7 117,4 117,7 117,3 116,7",
    # From the English page (dst.dk/en, Consumer price index), which shows
    # all of 2024; the Danish one showed January to April only.
    2024: "117,8 118,4 118,4 118,5 118,5 118,5 119,8 119,3 118,9 119,6 119,2 118,9",
}
# Where the months' mean lies within this of a rounding boundary, it cannot
# settle the last decimal (the mean's own rounding error is about ±0,01).
BOUNDARY = Decimal("0.01")


def month_mean(year: int) -> Decimal:
    months = [Decimal(m.replace(",", ".")) for m in MONTHS[year].split()]
    assert len(months) == 12
    return sum(months) / 12


def test_shipped_index_agrees_with_the_published_months():
    shipped = dict(PriceIndex.objects.values_list("year", "index"))
    sources = dict(PriceIndex.objects.values_list("year", "source"))
    assert sorted(shipped) == list(range(2015, 2025))
    for year in MONTHS:
        mean = month_mean(year)
        nearest = mean.quantize(Decimal("0.1"))
        on_boundary = abs(abs(mean - nearest) - Decimal("0.05")) < BOUNDARY
        if on_boundary:
            # Either neighbour is possible; the source says it is open.
            assert abs(shipped[year] - mean) <= Decimal("0.05"), year
            assert "ikke efterprøvet" in sources[year], year
        else:
            assert shipped[year] == nearest, (year, mean)
            assert sources[year].endswith("efterprøvet"), year
            assert "ikke" not in sources[year], year
    # The three whose last decimal the months cannot settle say so.
    assert [y for y, text in sorted(sources.items()) if "ikke" in text] == [
        2016,
        2021,
        2022,
    ]


@pytest.mark.usefixtures("proxies")
def test_the_kroner_say_which_index_years_and_sources_they_used(client):
    # The proxies' price years are 2020 (eng) and 2024 (kr); 2024 is also
    # the price year every amount is brought to.
    used = [(year, PriceIndex.objects.get(year=year)) for year in (2020, 2024)]
    expected = [
        f"{year}: {str(row.index).rstrip('0').rstrip('.').replace('.', ',')}"
        f"{' (prisåret)' if year == 2024 else ''}. Kilde: {row.source}"
        for year, row in used
    ]
    for url in ("/vaerdi/", "/vaerdi/organisation/org-et/"):
        box = page(client, url).find(class_="value-bank__index")
        assert box is not None, url
        items = [" ".join(li.get_text(" ").split()) for li in box.find_all("li")]
        assert items == expected, url
        assert "forbrugerprisindeks, årsgennemsnit (2015 = 100)" in box.get_text()
    kroner = client.get("/api/v1/value/kroner/").json()
    assert kroner["price_indices"] == [
        {"year": year, "index": float(row.index), "source": row.source}
        for year, row in used
    ]


def test_price_year_change_reads_the_table(sector):
    ValueProxy.objects.create(
        indicator=Indicator.objects.get(slug=ENG),
        low=10,
        central=10,
        high=10,
        price_year=2020,
        source="Test",
    )

    def eng_central() -> Decimal:
        rows = valuation(indicator_summary(ValueFilters())).rows
        return next(r for r in rows if r.indicator.slug == ENG).kroner.central

    latest = PriceIndex.objects.order_by("-year").first()
    base = PriceIndex.objects.get(year=2020)
    # 600 m² × 10 kr., from 2020's prices to the latest year's.
    assert eng_central() == (6000 * latest.index / base.index).quantize(Decimal("0.01"))
    # An editor's correction of a year is used at once: 6.000 × 120 / 100.
    base.index, latest.index = Decimal(100), Decimal(120)
    base.save()
    latest.save()
    assert eng_central() == Decimal("7200.00")
