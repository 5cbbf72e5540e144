"""The pre-summed values (`ValueRollup`): kept here, read here.

A cell is one indicator × organisation × department; its rows are one per
year and one for all years. Every write of a counted value (models.COUNTED)
refreshes the cells it leaves and enters, in the same transaction: the
cells' rows are computed again from their values (a cell holds a few
hundred values at the sector's scale, read along `indval_counted_by_dept`)
and replace the old rows. Recomputing rather than adding deltas keeps the
smallest and largest value right when one is deleted, and makes a refresh
idempotent. The callers are indicators.signals: the saves and deletes of
values, and the bulk updates that publish, unpublish or move an example's
values.

On PostgreSQL a refresh first takes a transaction-level advisory lock per
cell, so that two editors changing values of the same cell at once are
serialised: the second recomputes after the first has committed (READ
COMMITTED reads each statement afresh) instead of writing figures that
miss the first one's change. SQLite has one writer at a time.

Figures narrowed by theme or operations task are not in the rollup (an
example has several themes, so their sums would count it more than once);
those are still summed from the values (indicators.selectors).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from itertools import chain
from operator import itemgetter
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from almenhub.indicators.models import (
    ALL_YEARS,
    COUNTED,
    IndicatorValue,
    ValueRollup,
)

VALUE_QUANTUM = Decimal("0.001")

# (indicator id, organisation id or 0, department id or 0)
Cell = tuple[int, int, int]

# Above this many cells, one rebuild of every row is cheaper than a
# selection of cells (a view restriction over a whole section of examples).
REBUILD_ABOVE = 200


def as_decimal(value: Any) -> Decimal:
    # SQLite hands raw decimals back as int or float; PostgreSQL as Decimal.
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(VALUE_QUANTUM)


def to_thousandths(value: Any) -> int:
    return int(as_decimal(value).scaleb(3))


def from_thousandths(value: int) -> Decimal:
    return Decimal(value).scaleb(-3)


def cell_of(
    indicator_id: int, organisation_id: int | None, department_id: int | None
) -> Cell:
    return (indicator_id, organisation_id or 0, department_id or 0)


def _by_owner(cells: Iterable[Cell]) -> dict[tuple[int, int], set[int]]:
    owners: dict[tuple[int, int], set[int]] = defaultdict(set)
    for indicator_id, organisation, department in cells:
        owners[(organisation, department)].add(indicator_id)
    return owners


def rollup_computed(
    values: QuerySet, *, rollup_model: type[ValueRollup] = ValueRollup
) -> list[ValueRollup]:
    """The rollup rows of `values` (counted values), computed from scratch:
    two grouped reads, per year and over all years. `rollup_model` lets the
    migration that fills the table pass its historical model."""
    owner = ("indicator_id", "organisation_id", "department_id")
    aggregates = {
        "n": Count("*"),
        "pages": Count("page_id", distinct=True),
        "sum": Sum("value"),
        "min": Min("value"),
        "max": Max("value"),
    }
    per_year = values.order_by().values(*owner, "year").annotate(**aggregates)
    all_years = values.order_by().values(*owner).annotate(**aggregates)
    return [
        rollup_model(
            indicator_id=row["indicator_id"],
            year=row.get("year", ALL_YEARS),
            organisation_key=row["organisation_id"] or 0,
            department_key=row["department_id"] or 0,
            values_count=row["n"],
            examples_count=row["pages"],
            value_sum=to_thousandths(row["sum"]),
            value_min=to_thousandths(row["min"]),
            value_max=to_thousandths(row["max"]),
        )
        for row in chain(per_year, all_years)
    ]


def _lock_key(cell: Cell) -> int:
    digest = hashlib.blake2b(repr(("rollup", *cell)).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def _lock(cells: Iterable[Cell], using: str) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # In one order, so that two refreshes never wait on each other.
        for key in sorted({_lock_key(cell) for cell in cells}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


# The cells a bulk load has touched so far (see rollup_deferred), or None.
_deferred: ContextVar[set[Cell] | None] = ContextVar("rollup_deferred", default=None)


@contextmanager
def rollup_deferred() -> Iterator[None]:
    """Collect the refreshes asked for inside, and refresh every cell they
    touched once on the way out. For loads that write many values in one go
    (the demo): each value's save would otherwise recompute its cell again.
    The figures are exact after the block, since a refresh recomputes a cell
    from its values; inside it, the rollup lags the values. On an exception
    nothing is refreshed (the caller's transaction is rolled back)."""
    if _deferred.get() is not None:  # nested: the outer block refreshes
        yield
        return
    cells: set[Cell] = set()
    token = _deferred.set(cells)
    try:
        yield
    finally:
        _deferred.reset(token)
    rollup_refresh(cells)


def rollup_refresh(cells: Iterable[Cell]) -> None:
    """Compute the rows of `cells` again from their values, in the caller's
    transaction (or at the end of the enclosing rollup_deferred block)."""
    cells = set(cells)
    if not cells:
        return
    deferred = _deferred.get()
    if deferred is not None:
        deferred |= cells
        return
    if len(cells) > REBUILD_ABOVE:
        rollup_rebuild()
        return
    _forget_shared_reads()
    using = router.db_for_write(ValueRollup)
    owners = _by_owner(cells)
    with transaction.atomic(using=using):
        _lock(cells, using)
        values = Q()
        rows = Q()
        for (organisation, department), indicator_ids in owners.items():
            values |= Q(
                organisation_id=organisation or None,
                department_id=department or None,
                indicator_id__in=indicator_ids,
            )
            rows |= Q(
                organisation_key=organisation,
                department_key=department,
                indicator_id__in=indicator_ids,
            )
        computed = rollup_computed(
            IndicatorValue.objects.filter(COUNTED).filter(values)
        )
        ValueRollup.objects.filter(rows).delete()
        ValueRollup.objects.bulk_create(computed)


def rollup_rebuild(
    *,
    value_model: type[IndicatorValue] = IndicatorValue,
    rollup_model: type[ValueRollup] = ValueRollup,
) -> int:
    """Every row again from every counted value (the migration that adds the
    table, bulk loads that bypass the values' saves, a change over a whole
    section). Returns the number of rows."""
    _forget_shared_reads()
    using = router.db_for_write(rollup_model)
    with transaction.atomic(using=using):
        connection = connections[using]
        table = connection.ops.quote_name(rollup_model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Refreshes under way finish first; new ones wait for this.
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            # One statement: the ORM's delete would first read every row to
            # send each one's post_delete (core.signals listens to all).
            cursor.execute(f"DELETE FROM {table}")
        computed = rollup_computed(
            value_model.objects.filter(COUNTED), rollup_model=rollup_model
        )
        rollup_model.objects.bulk_create(computed, batch_size=2000)
    return len(computed)


# The rows read so far inside rollup_reads_shared(), by selection, or None.
_shared: ContextVar[dict[tuple, list[tuple]] | None] = ContextVar(
    "rollup_reads_shared", default=None
)

# The grouping names' places in a row as _selection reads it.
_PLACES = {"indicator_id": 0, "year": 1, "organisation_id": 2, "department_id": 3}


@contextmanager
def rollup_reads_shared() -> Iterator[None]:
    """Inside, each selection of rows is read from the database once and
    every rollup_totals over it groups that one read. For a page that shows
    the same rows grouped several ways: an organisation's page adds up the
    sector's rows by indicator, by organisation and by department, and its
    own by indicator and by department (five reads of the same few thousand
    rows). A refresh or rebuild inside the block forgets what was read, so
    the figures stay those of the rows as they are."""
    if _shared.get() is not None:  # nested: the outer block shares
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def _forget_shared_reads() -> None:
    shared = _shared.get()
    if shared:
        shared.clear()


def _selection(
    indicator_ids: Sequence[int] | None,
    year: int | None,
    per_year: bool,
    organisation_id: int | None,
) -> list[tuple]:
    """The rows of a selection: (indicator, year, organisation key,
    department key, values, examples, sum, min, max), from the block's
    shared reads when there is one."""
    key = (
        None if indicator_ids is None else tuple(sorted(indicator_ids)),
        year,
        per_year,
        organisation_id,
    )
    shared = _shared.get()
    if shared is not None and key in shared:
        return shared[key]
    rows = ValueRollup.objects.all()
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=list(indicator_ids))
    if year is not None:
        rows = rows.filter(year=year)
    elif per_year:
        rows = rows.filter(year__gt=ALL_YEARS)
    else:
        rows = rows.filter(year=ALL_YEARS)
    if organisation_id is not None:
        rows = rows.filter(organisation_key=organisation_id)
    read = list(
        rows.values_list(
            "indicator_id",
            "year",
            "organisation_key",
            "department_key",
            "values_count",
            "examples_count",
            "value_sum",
            "value_min",
            "value_max",
        )
    )
    if shared is not None:
        shared[key] = read
    return read


def rollup_totals(
    by: Sequence[str],
    *,
    indicator_ids: Sequence[int] | None = None,
    year: int | None = None,
    organisation_id: int | None = None,
) -> list[dict[str, Any]]:
    """The counted values' figures grouped by `by` (names as the values
    carry them: indicator_id, year, organisation_id, department_id), as
    selectors' grouped reads give them: n_values, n_examples, total, lowest,
    highest. Without a year, per year when grouped by year, else all years."""
    rows = _selection(
        indicator_ids, year, year is None and "year" in by, organisation_id
    )
    pick = itemgetter(*(_PLACES[name] for name in by))
    single = len(by) == 1
    # The rows are read as they are and added up here: they are few and
    # already grouped, and a GROUP BY (on SQLite a temporary B-tree) costs
    # more than the read. Sums stay whole thousandths until the end.
    figures: dict[Any, list[int]] = {}
    for row in rows:
        group = pick(row)
        sums = figures.get(group)
        if sums is None:
            figures[group] = list(row[4:])
            continue
        sums[0] += row[4]
        sums[1] += row[5]
        sums[2] += row[6]
        if row[7] < sums[3]:
            sums[3] = row[7]
        if row[8] > sums[4]:
            sums[4] = row[8]
    # Organisation and department keys are 0 for "none" in the rows.
    keys = [name for name in by if name in ("organisation_id", "department_id")]
    result = []
    for group, (n_values, n_examples, total, lowest, highest) in figures.items():
        named: dict[str, Any] = dict(
            zip(by, (group,) if single else group, strict=True)
        )
        for name in keys:
            named[name] = named[name] or None
        named["n_values"] = n_values
        named["n_examples"] = n_examples
        named["total"] = from_thousandths(total)
        named["lowest"] = from_thousandths(lowest)
        named["highest"] = from_thousandths(highest)
        result.append(named)
    return result
