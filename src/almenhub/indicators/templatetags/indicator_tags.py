from __future__ import annotations

from decimal import Decimal

from django import template

from almenhub.indicators.formatting import danish_number

register = template.Library()


@register.filter
def dknum(value: Decimal | int | float | None) -> str:
    """A number as Danish readers write it: 1.234,5."""
    return danish_number(value)
