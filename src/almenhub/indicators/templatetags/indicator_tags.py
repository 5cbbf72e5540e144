from __future__ import annotations

from decimal import Decimal

from django import template

from almenhub.indicators.formatting import danish_number

register = template.Library()


@register.filter
def dknum(value: Decimal | int | float | None) -> str:
    """A number as Danish readers write it: 1.234,5."""
    return danish_number(value)


@register.filter
def kroner(value: Decimal | None) -> str:
    """An amount in whole kroner: 1.234.568 kr."""
    return "–" if value is None else f"{danish_number(value, max_decimals=0)} kr."
