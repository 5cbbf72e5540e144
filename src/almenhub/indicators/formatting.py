"""Numbers as Danish readers write them: 1.234.567,5 (point groups, comma decimals)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "–"


def danish_number(value: Decimal | int | float | None, max_decimals: int = 2) -> str:
    """Round to at most `max_decimals`, drop trailing zeros, group thousands."""
    if value is None:
        return DASH
    number = Decimal(str(value)).quantize(
        Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP
    )
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"
