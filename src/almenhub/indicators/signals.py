"""Keep `IndicatorValue.page_live` (and the example's organisation and
department the values carry) in step with whether its example page is
public: live, and outside every private section (core.pages.visibility).

Wagtail sends `page_published` and `page_unpublished` whatever the route
(editor, workflow approval, scheduled publishing, expiry), and every other
change of `live` goes through a save of the page; each of them re-reads the
flag from the database, so a stale page instance cannot write a wrong one.
A view restriction set or lifted on an example, or on a page above it, decides
for every example below it.

Every change of what counts (a value saved or deleted, an example published,
unpublished, moved to another organisation or department, a section made
private) also refreshes the pre-summed figures of the cells it touches
(indicators.rollup), in the same transaction; so does every change of which
themes an example is in (its themes changed, a theme moved under another
main theme or deleted), for the rows per theme.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from almenhub.indicators.models import (
    COUNTED,
    IndicatorValue,
    ValueMethod,
    ValueRollup,
    example_page_model,
)
from almenhub.indicators.rollup import (
    Cell,
    cell_of,
    rollup_hold_for_themes,
    rollup_refresh,
)

CELL_FIELDS = ("indicator_id", "organisation_id", "department_id")
# What decides a value's part in the rollup.
ROLLUP_FIELDS = (*CELL_FIELDS, "page_id", "year", "value", "method", "page_live")


def _cells(values: Any) -> set[Cell]:
    return {cell_of(*row) for row in values.values_list(*CELL_FIELDS).distinct()}


def values_live_sync(*, page_id: int) -> int:
    public = Page.objects.filter(pk=page_id).live().public().exists()
    values = IndicatorValue.objects.filter(page_id=page_id)
    changed = values.exclude(page_live=public).update(page_live=public)
    if changed:
        rollup_refresh(_cells(values))
    return changed


def values_owner_sync(*, page_id: int) -> int:
    """The values carry their example's organisation and department (see
    IndicatorValue); read from the stored row, not a page instance that may
    hold a draft's."""
    owner = (
        example_page_model()
        ._default_manager.filter(pk=page_id)
        .values("organisation_id", "department_id")
        .first()
    )
    if owner is None:
        return 0
    values = IndicatorValue.objects.filter(page_id=page_id)
    moved = values.exclude(
        organisation_id=owner["organisation_id"],
        department_id=owner["department_id"],
    )
    # The cells they leave, then those they enter.
    cells = _cells(moved)
    changed = moved.update(**owner)
    if changed:
        rollup_refresh(cells | _cells(values))
    return changed


def values_section_sync(*, path: str) -> None:
    """Every example at or below `path`: a restriction there changed."""
    below = Page.objects.filter(path__startswith=path)
    public = below.live().public()
    values = IndicatorValue.objects.filter(page__path__startswith=path)
    changed = (
        values.filter(page__in=public).exclude(page_live=True).update(page_live=True)
    )
    changed += (
        values.exclude(page__in=public).exclude(page_live=False).update(page_live=False)
    )
    if changed:
        rollup_refresh(_cells(values))


def _on_page_moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A page moved, with every page below it: into or out of a private
    section, an example's values count or not (Wagtail saves the moved page
    as a plain Page, so the example's own post_save does not run)."""
    values_section_sync(path=instance.path)


def _counted_cell(row: dict[str, Any] | None) -> set[Cell]:
    if row is None or not row["page_live"] or row["method"] == ValueMethod.TARGET:
        return set()
    return {cell_of(*(row[name] for name in CELL_FIELDS))}


def _as_row(instance: IndicatorValue) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in ROLLUP_FIELDS}


def _on_value_pre_save(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    # The stored row, for the cell the value leaves.
    instance._rollup_before = (
        IndicatorValue.objects.filter(pk=instance.pk).values(*ROLLUP_FIELDS).first()
        if instance.pk
        else None
    )


def _on_value_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_rollup_before", None)
    after = _as_row(instance)
    if before != after:  # republishing saves every value again, unchanged
        rollup_refresh(_counted_cell(before) | _counted_cell(after))


def _on_value_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    rollup_refresh(_counted_cell(_as_row(instance)))


def _on_department_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Its values now carry no department (SET_NULL): out of its cells, into
    # their organisation's cells without one.
    cells = set(
        ValueRollup.objects.filter(department_key=instance.pk)
        .values_list("indicator_id", "organisation_key", "department_key")
        .distinct()
    )
    rollup_refresh(cells | {(i, org, 0) for i, org, _ in cells})


def _on_restriction_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True)
    if path:
        values_section_sync(path=path[0])


def _on_page_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or not isinstance(instance, example_page_model()):
        return
    values_live_sync(page_id=instance.pk)
    values_owner_sync(page_id=instance.pk)


def _examples_cells(page_ids: Any) -> set[Cell]:
    """The cells of the counted values of these examples (ids or a query)."""
    return _cells(IndicatorValue.objects.filter(COUNTED, page_id__in=page_ids))


def _on_themes_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An example's themes (or a theme's examples) changed: modelcluster's
    commit of a page's themes and Django's add, remove, set and clear all
    come here, before (pre_clear) and after."""
    action = kwargs["action"]
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if not kwargs["reverse"]:  # from the example
        if action != "pre_clear":
            rollup_refresh(_examples_cells([instance.pk]))
        return
    # From the theme: the examples named, or (cleared) those it had.
    rollup_hold_for_themes()
    if action == "pre_clear":
        instance._rollup_cleared = _examples_cells(
            sender.objects.filter(theme_id=instance.pk).values("examplepage_id")
        )
    elif action == "post_clear":
        rollup_refresh(getattr(instance, "_rollup_cleared", set()))
    else:
        rollup_refresh(_examples_cells(list(kwargs["pk_set"] or ())))


def _theme_examples_cells(theme: Any) -> set[Cell]:
    through = example_page_model()._meta.get_field("themes").remote_field.through
    return _examples_cells(
        through.objects.filter(theme_id=theme.pk).values("examplepage_id")
    )


def _on_theme_pre_save(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    rollup_hold_for_themes()
    instance._rollup_parent_before = (
        sender.objects.filter(pk=instance.pk)
        .values_list("parent_id", flat=True)
        .first()
    )


def _on_theme_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Moved under another main theme (or made one): its examples leave the
    # old main theme's rows and enter the new one's.
    if kwargs.get("raw") or kwargs.get("created"):
        return
    if getattr(instance, "_rollup_parent_before", None) != instance.parent_id:
        rollup_refresh(_theme_examples_cells(instance))


def _on_theme_pre_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Its links to examples go with it (without m2m_changed).
    rollup_hold_for_themes()
    instance._rollup_cells = _theme_examples_cells(instance)


def _on_theme_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    rollup_refresh(getattr(instance, "_rollup_cells", set()))


def connect() -> None:
    themes = example_page_model()._meta.get_field("themes")
    m2m_changed.connect(
        _on_themes_changed,
        sender=themes.remote_field.through,
        dispatch_uid="indicators_rollup_themes",
    )
    for signal, receiver in (
        (pre_save, _on_theme_pre_save),
        (post_save, _on_theme_saved),
        (pre_delete, _on_theme_pre_delete),
        (post_delete, _on_theme_deleted),
    ):
        signal.connect(
            receiver,
            sender=themes.related_model,
            dispatch_uid=f"indicators{receiver.__name__}",
        )
    post_page_move.connect(_on_page_moved, dispatch_uid="indicators_live_moved")
    page_published.connect(_on_page_change, dispatch_uid="indicators_live_published")
    page_unpublished.connect(
        _on_page_change, dispatch_uid="indicators_live_unpublished"
    )
    post_save.connect(
        _on_page_change,
        sender=example_page_model(),
        dispatch_uid="indicators_live_saved",
    )
    pre_save.connect(
        _on_value_pre_save, sender=IndicatorValue, dispatch_uid="indicators_rollup_pre"
    )
    post_save.connect(
        _on_value_saved, sender=IndicatorValue, dispatch_uid="indicators_rollup_saved"
    )
    post_delete.connect(
        _on_value_deleted,
        sender=IndicatorValue,
        dispatch_uid="indicators_rollup_deleted",
    )
    post_delete.connect(
        _on_department_deleted,
        sender="organisations.Department",
        dispatch_uid="indicators_rollup_department",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"indicators_restriction_{signal is post_save}",
        )
