"""The value bank's demo proxies (content/value_bank.toml)."""

from __future__ import annotations

from decimal import Decimal

from almenhub.indicators.models import Indicator, ValueProxy

from .files import data_read


def demo_value_bank_load() -> int:
    """Proxies for the indicators that have none yet; returns how many were new."""
    created = 0
    for row in data_read("value_bank")["proxy"]:
        indicator = Indicator.objects.filter(slug=row["indicator"]).first()
        if indicator is None or ValueProxy.objects.filter(indicator=indicator).exists():
            continue
        proxy = ValueProxy(
            indicator=indicator,
            low=Decimal(str(row["low"])),
            central=Decimal(str(row["central"])),
            high=Decimal(str(row["high"])),
            price_year=row["price_year"],
            source=row["source"],
            deadweight=Decimal(str(row.get("deadweight", 0))),
            attribution=Decimal(str(row.get("attribution", 0))),
        )
        proxy.full_clean()
        proxy.save()
        created += 1
    return created
