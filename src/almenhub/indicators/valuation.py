"""The value bank: the sector's achievements in kroner.

For each indicator with a proxy (`ValueProxy`), the sum of its counted values
times the proxy's kroner per unit, less deadweight and attribution, brought
from the proxy's price year to one price year (the latest in `PriceIndex`):

    kroner = sum × proxy × (1 − deadweight) × (1 − attribution)
             × index(price year) / index(proxy's year)

Three proxies (low, central, high) give a range. Indicators without a proxy,
and percentages (which do not add up), are listed as not monetised and add
nothing. Every figure is computed from the dashboard's own per-indicator sums,
so the kroner agree with the tables beside them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median
from typing import TYPE_CHECKING, Protocol

from django.db.models import Sum

from almenhub.indicators.models import (
    BOTTOM_LINE_ORDER,
    Indicator,
    PriceIndex,
    ValueProxy,
)
from almenhub.indicators.selectors import (
    ValueFilters,
    achieved_values,
)

if TYPE_CHECKING:
    from almenhub.examples.models import ExamplePage

KRONER_QUANTUM = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class KronerRange:
    low: Decimal
    central: Decimal
    high: Decimal

    def __add__(self, other: KronerRange) -> KronerRange:
        return KronerRange(
            self.low + other.low, self.central + other.central, self.high + other.high
        )

    @classmethod
    def zero(cls) -> KronerRange:
        return cls(Decimal(0), Decimal(0), Decimal(0))


@dataclass(frozen=True)
class MonetisedIndicator:
    indicator: Indicator
    quantity: Decimal
    proxy: ValueProxy
    factor: Decimal  # the adjustments and the price-year change, multiplied
    kroner: KronerRange


@dataclass(frozen=True)
class IndexUsed:
    """A year's consumer price index as the kroner used it, with its source
    (which says whether the figure is checked: see PriceIndex)."""

    year: int
    index: Decimal
    source: str


@dataclass(frozen=True)
class Valuation:
    price_year: int | None
    rows: list[MonetisedIndicator]
    by_bottom_line: list[tuple[str, KronerRange]]
    total: KronerRange
    not_monetised: list[Indicator]
    # The price year's index and every proxy's price year's, by year: what
    # the page, the CSV's method and the API say was used.
    indices: list[IndexUsed] = field(default_factory=list)


def price_indices() -> dict[int, Decimal]:
    return dict(PriceIndex.objects.values_list("year", "index"))


def proxy_factor(
    proxy: ValueProxy, indices: dict[int, Decimal], price_year: int
) -> Decimal | None:
    """What one unit's proxy is multiplied by; None when a year lacks an index."""
    if proxy.price_year not in indices or price_year not in indices:
        return None
    kept = (1 - proxy.deadweight / HUNDRED) * (1 - proxy.attribution / HUNDRED)
    return kept * indices[price_year] / indices[proxy.price_year]


def _kroner(quantity: Decimal, proxy: ValueProxy, factor: Decimal) -> KronerRange:
    def one(per_unit: Decimal) -> Decimal:
        return (quantity * per_unit * factor).quantize(KRONER_QUANTUM)

    return KronerRange(one(proxy.low), one(proxy.central), one(proxy.high))


def _proxies(indicator_ids: list[int]) -> dict[int, ValueProxy]:
    return {
        proxy.indicator_id: proxy
        for proxy in ValueProxy.objects.filter(indicator_id__in=indicator_ids)
    }


class Summed(Protocol):
    """A row with an indicator's sum (None where it does not add up): the
    dashboard's `IndicatorSummaryRow`, an organisation's `Standing`."""

    @property
    def indicator(self) -> Indicator: ...

    @property
    def total(self) -> Decimal | None: ...


def valuation(rows: Sequence[Summed]) -> Valuation:
    """The kroner of the dashboard's rows, per indicator, bottom line and all."""
    table = {
        year: (index, source)
        for year, index, source in PriceIndex.objects.values_list(
            "year", "index", "source"
        )
    }
    indices = {year: index for year, (index, _) in table.items()}
    price_year = max(indices, default=None)
    proxies = _proxies([row.indicator.pk for row in rows])
    monetised: list[MonetisedIndicator] = []
    not_monetised: list[Indicator] = []
    for row in rows:
        proxy = proxies.get(row.indicator.pk)
        factor = (
            proxy_factor(proxy, indices, price_year)
            if proxy is not None and price_year is not None
            else None
        )
        if proxy is None or factor is None or row.total is None:
            not_monetised.append(row.indicator)
            continue
        monetised.append(
            MonetisedIndicator(
                indicator=row.indicator,
                quantity=row.total,
                proxy=proxy,
                factor=factor,
                kroner=_kroner(row.total, proxy, factor),
            )
        )
    lines: dict[str, KronerRange] = {}
    for item in monetised:
        key = item.indicator.bottom_line
        lines[key] = lines.get(key, KronerRange.zero()) + item.kroner
    ordered = sorted(lines.items(), key=lambda kv: BOTTOM_LINE_ORDER.get(kv[0], 9))
    total = KronerRange.zero()
    for _, kroner in ordered:
        total = total + kroner
    used = {item.proxy.price_year for item in monetised}
    if monetised and price_year is not None:
        used.add(price_year)
    return Valuation(
        price_year=price_year,
        rows=monetised,
        by_bottom_line=ordered,
        total=total,
        not_monetised=not_monetised,
        indices=[IndexUsed(year, *table[year]) for year in sorted(used)],
    )


@dataclass(frozen=True)
class ExampleKroner:
    own: Decimal | None  # central kroner of the example's own values
    sector_median: Decimal | None  # among live examples of the same task
    sector_examples: int
    price_year: int | None


def example_kroner(page: ExamplePage) -> ExampleKroner:
    """The example's value in kroner (central proxy) beside the median of the
    live examples that changed the same operations task."""
    indices = price_indices()
    price_year = max(indices, default=None)
    values = [v for v in page.values.all() if v.method != "target"]
    # Every proxy, not just those of the example's own indicators: the
    # sector's examples are valued in full, as the example itself is.
    proxies = {p.indicator_id: p for p in ValueProxy.objects.all()}
    if price_year is None or not proxies:
        return ExampleKroner(None, None, 0, price_year)
    factors = {
        pk: f
        for pk, proxy in proxies.items()
        if (f := proxy_factor(proxy, indices, price_year)) is not None
    }
    own_sums: dict[int, Decimal] = defaultdict(Decimal)
    for v in values:
        if v.indicator_id in factors:
            own_sums[v.indicator_id] += Decimal(v.value)
    own = sum(
        (
            _kroner(total, proxies[pk], factors[pk]).central
            for pk, total in own_sums.items()
        ),
        Decimal(0),
    )
    sector = (
        achieved_values(ValueFilters(task_id=page.task_id))
        .filter(indicator_id__in=list(factors))
        .order_by()
        .values("page_id", "indicator_id")
        .annotate(total=Sum("value"))
    )
    per_page: dict[int, Decimal] = defaultdict(Decimal)
    for row in sector:
        pk = row["indicator_id"]
        total = Decimal(str(row["total"])).quantize(Decimal("0.001"))
        per_page[row["page_id"]] += _kroner(total, proxies[pk], factors[pk]).central
    return ExampleKroner(
        own=own if own_sums else None,
        sector_median=Decimal(median(per_page.values())) if per_page else None,
        sector_examples=len(per_page),
        price_year=price_year,
    )
