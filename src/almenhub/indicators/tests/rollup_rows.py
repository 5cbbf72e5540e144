"""Comparing rollup rows (indicators.rollup) in tests: a row as a tuple of
its cell, year and figures, sums in whole thousandths."""

from __future__ import annotations

from decimal import Decimal

from almenhub.indicators.models import ValueRollup


def rollup_row_key(row: ValueRollup) -> tuple:
    return (
        row.indicator_id,
        row.year,
        row.organisation_key,
        row.department_key,
        row.values_count,
        row.examples_count,
        Decimal(row.value_sum).quantize(Decimal("0.001")),
        Decimal(row.value_min).quantize(Decimal("0.001")),
        Decimal(row.value_max).quantize(Decimal("0.001")),
    )
