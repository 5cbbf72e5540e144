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

Each cell has rows per theme too (`theme_key`, see ValueRollup): the values
of the cell's examples in the theme (tagged with it or one of its
sub-themes), each example once per theme it is in, so that a theme filter
reads pre-summed rows. A cell's refresh recomputes its rows of every theme;
a change of an example's themes (indicators.signals) or of a theme's place
in the taxonomy refreshes the cells of the examples' values. Figures
narrowed by operations task are not in the rollup; those are still summed
from the values (indicators.selectors).
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
    ALL_THEMES,
    ALL_YEARS,
    COUNTED,
    ROLLUP_FIGURES,
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


_OWNER = ("indicator_id", "organisation_id", "department_id")


def rollup_computed(
    values: QuerySet, *, rollup_model: type[ValueRollup] = ValueRollup
) -> list[ValueRollup]:
    """The rollup rows of `values` (counted values), computed from scratch:
    per year and over all years, of every example and per theme. `values`'
    model (and `rollup_model`) may be a migration's historical ones."""
    aggregates = {
        "n": Count("*"),
        "pages": Count("page_id", distinct=True),
        "sum": Sum("value"),
        "min": Min("value"),
        "max": Max("value"),
    }
    per_year = values.order_by().values(*_OWNER, "year").annotate(**aggregates)
    all_years = values.order_by().values(*_OWNER).annotate(**aggregates)
    every_example = (
        (
            *(row[name] for name in _OWNER),
            row.get("year", ALL_YEARS),
            ALL_THEMES,
            *(row[name] for name in aggregates),
        )
        for row in chain(per_year, all_years)
    )
    rows = chain(
        every_example,
        _per_theme(values, per_year=True),
        _per_theme(values, per_year=False),
    )
    return [
        rollup_model(
            indicator_id=indicator_id,
            organisation_key=organisation or 0,
            department_key=department or 0,
            year=year,
            theme_key=theme,
            values_count=n,
            examples_count=pages,
            value_sum=to_thousandths(total),
            value_min=to_thousandths(lowest),
            value_max=to_thousandths(highest),
        )
        for (
            indicator_id,
            organisation,
            department,
            year,
            theme,
            n,
            pages,
            total,
            lowest,
            highest,
        ) in rows
    ]


def _per_theme(values: QuerySet, *, per_year: bool) -> list[tuple]:
    """The figures of `values` per owner (and year) and theme, as rows of
    (indicator, organisation, department, year or ALL_YEARS, theme, values,
    examples, sum, smallest, largest). An example is in each theme it is
    tagged with, and in the main theme of each of its sub-themes; once,
    however many of that main theme's sub-themes it has, and also when it
    is tagged with the main theme itself. So a theme's figures are those of
    the values whose example selectors.achieved_values keeps for the theme.

    One statement of two parts: the tagged themes, and the main themes
    reached through a sub-theme the example is not tagged with (counted
    at its first such sub-theme only)."""
    page_field = values.model._meta.get_field("page")
    themes = page_field.related_model._meta.get_field("themes")
    link_model = themes.remote_field.through
    theme_model = themes.related_model
    connection = connections[values.db]
    name = connection.ops.quote_name
    link = name(link_model._meta.db_table)
    theme_table = name(theme_model._meta.db_table)
    page_of = name(link_model._meta.get_field(themes.m2m_field_name()).column)
    theme_of = name(link_model._meta.get_field(themes.m2m_reverse_field_name()).column)
    parent = name(theme_model._meta.get_field("parent").column)
    pk = name(theme_model._meta.pk.column)
    columns = (*_OWNER, "year", "page_id", "value")
    sql, params = values.order_by().values_list(*columns).query.sql_with_params()
    v = {column: f"v.{name(column)}" for column in columns}
    owner = [v[column] for column in _OWNER] + ([v["year"]] if per_year else [])
    figures = (
        f"COUNT(*), COUNT(DISTINCT {v['page_id']}), SUM({v['value']}), "
        f"MIN({v['value']}), MAX({v['value']})"
    )
    tagged_owner = ", ".join([*owner, f"t.{theme_of}"])
    main_owner = ", ".join([*owner, f"th.{parent}"])
    tagged = (
        f"SELECT {tagged_owner}, {figures} FROM ({sql}) v "
        f"JOIN {link} t ON t.{page_of} = {v['page_id']} "
        f"GROUP BY {tagged_owner}"
    )
    main = (
        f"SELECT {main_owner}, {figures} FROM ({sql}) v "
        f"JOIN {link} t ON t.{page_of} = {v['page_id']} "
        f"JOIN {theme_table} th ON th.{pk} = t.{theme_of} "
        f"WHERE th.{parent} IS NOT NULL AND NOT EXISTS ("
        f"SELECT 1 FROM {link} t2 "
        f"JOIN {theme_table} th2 ON th2.{pk} = t2.{theme_of} "
        f"WHERE t2.{page_of} = t.{page_of} AND (t2.{theme_of} = th.{parent} "
        f"OR (th2.{parent} = th.{parent} AND t2.{theme_of} < t.{theme_of}))) "
        f"GROUP BY {main_owner}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{tagged} UNION ALL {main}", [*params, *params])
        rows = cursor.fetchall()
    # A main theme has a row from each part when some of its examples are
    # tagged with it and others only with its sub-themes: two sets of
    # examples apart, so their figures add up.
    width = len(owner) + 1
    merged: dict[tuple, list] = {}
    for row in rows:
        group = row[:width]
        figures = merged.get(group)
        if figures is None:
            merged[group] = list(row[width:])
            continue
        figures[0] += row[width]
        figures[1] += row[width + 1]
        figures[2] += row[width + 2]
        figures[3] = min(figures[3], row[width + 3])
        figures[4] = max(figures[4], row[width + 4])
    if per_year:
        return [(*group, *figures) for group, figures in merged.items()]
    return [
        (*group[:3], ALL_YEARS, *group[3:], *figures)
        for group, figures in merged.items()
    ]


def _lock_key(cell: Cell) -> int:
    digest = hashlib.blake2b(repr(("rollup", *cell)).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def _hold_table(using: str, mode: str) -> None:
    """PostgreSQL: the rollup's table in `mode` until the transaction ends.
    A refresh holds it ROW EXCLUSIVE before it reads anything, so it waits
    for a rebuild or a theme's change under way (EXCLUSIVE) and then reads
    what they committed; those don't wait for refreshes' cells."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    table = connection.ops.quote_name(ValueRollup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN {mode} MODE")


def rollup_hold_for_themes() -> None:
    """Before a change of themes reads the cells it will refresh (a theme
    moved or deleted, examples linked from the theme's side): no refresh of
    another transaction computes a cell from the themes as they were until
    this one ends, and none started before it is still to write."""
    _hold_table(router.db_for_write(ValueRollup), "EXCLUSIVE")


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
        _hold_table(using, "ROW EXCLUSIVE")
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
        # One DELETE: the ORM's delete would first read every row (a cell
        # has one per year and theme) to send each one's post_delete, which
        # nothing needs of a table of sums (`public_content` is False, and
        # no row points at one).
        ValueRollup.objects.filter(rows)._raw_delete(using)
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


def rollup_refill(apps: Any, schema_editor: Any) -> None:
    """A migration's step that computes every row again with its historical
    models (after a change of what the rows hold)."""
    rollup_rebuild(
        value_model=apps.get_model("indicators", "IndicatorValue"),
        rollup_model=apps.get_model("indicators", "ValueRollup"),
    )


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
    theme_id: int | None,
) -> list[tuple]:
    """The rows of a selection: (indicator, year, organisation key,
    department key, values, examples, sum, min, max), from the block's
    shared reads when there is one."""
    key = (
        None if indicator_ids is None else tuple(sorted(indicator_ids)),
        year,
        per_year,
        organisation_id,
        theme_id,
    )
    shared = _shared.get()
    if shared is not None and key in shared:
        return shared[key]
    rows = ValueRollup.objects.filter(theme_key=theme_id or ALL_THEMES)
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
            *ROLLUP_FIGURES,
        )
    )
    if shared is not None:
        shared[key] = read
    return read


# A group's figures as the rows hold them: the number of values and of
# examples, then the sum, the smallest and the largest value in whole
# thousandths (from_thousandths).
Sums = list[int]


def rollup_sums(
    by: Sequence[str],
    *,
    indicator_ids: Sequence[int] | None = None,
    year: int | None = None,
    organisation_id: int | None = None,
    theme_id: int | None = None,
) -> dict[tuple[int, ...], Sums]:
    """The counted values' figures grouped by `by` (names as the values
    carry them: indicator_id, year, organisation_id, department_id), keyed
    by the tuple of the group's keys as the rows hold them (0 for no
    organisation or department); with no names, one group () of all.
    Without a year, per year when grouped by year, else all years; with a
    theme, of the examples in it. For readers that add the groups up
    further: nothing is converted to a Decimal here."""
    rows = _selection(
        indicator_ids, year, year is None and "year" in by, organisation_id, theme_id
    )
    places = [_PLACES[name] for name in by]
    pick: Any
    if len(places) > 1:
        pick = itemgetter(*places)
    elif places:
        (place,) = places

        def pick(row: tuple) -> tuple[int, ...]:
            return (row[place],)
    else:

        def pick(row: tuple) -> tuple[int, ...]:
            return ()

    # The rows are read as they are and added up here: they are few and
    # already grouped, and a GROUP BY (on SQLite a temporary B-tree) costs
    # more than the read. Sums stay whole thousandths.
    figures: dict[tuple[int, ...], Sums] = {}
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
    return figures


def rollup_totals(
    by: Sequence[str],
    *,
    indicator_ids: Sequence[int] | None = None,
    year: int | None = None,
    organisation_id: int | None = None,
    theme_id: int | None = None,
) -> list[dict[str, Any]]:
    """The figures of `rollup_sums`, one dict per group as selectors'
    grouped reads give them: the names of `by` (None for no organisation or
    department), n_values, n_examples, total, lowest, highest."""
    figures = rollup_sums(
        by,
        indicator_ids=indicator_ids,
        year=year,
        organisation_id=organisation_id,
        theme_id=theme_id,
    )
    # Organisation and department keys are 0 for "none" in the rows.
    keys = [name for name in by if name in ("organisation_id", "department_id")]
    result = []
    for group, (n_values, n_examples, total, lowest, highest) in figures.items():
        named: dict[str, Any] = dict(zip(by, group, strict=True))
        for name in keys:
            named[name] = named[name] or None
        named["n_values"] = n_values
        named["n_examples"] = n_examples
        named["total"] = from_thousandths(total)
        named["lowest"] = from_thousandths(lowest)
        named["highest"] = from_thousandths(highest)
        result.append(named)
    return result
