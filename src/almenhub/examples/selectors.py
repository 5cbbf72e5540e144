from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from wagtail.models import WorkflowState, get_default_page_content_type

from almenhub.core.listing import PAGE_PARAM, FilterGroup, filter_group, param_text
from almenhub.examples.models import (
    ExampleImage,
    ExampleIndexPage,
    ExamplePage,
    ExampleStatus,
    OperationsTask,
)
from almenhub.indicators.selectors import (
    BIODIVERSITY,
    ValueFilters,
    achieved_values,
    bottom_line_choices,
)
from almenhub.organisations.models import Organisation
from almenhub.search.facets import facet
from almenhub.taxonomy.models import Theme

# The theme filter is the search's own (same parameter, label, check and
# message); task and bottom line are the dashboard's parameters (?opgave=,
# ?bundlinje=), which the search does not index.
THEME_FACET = facet("tema")
TASK_PARAM, BOTTOM_LINE_PARAM, STATUS_PARAM = "opgave", "bundlinje", "status"
EXAMPLE_FILTER_PARAMS = (
    THEME_FACET.param,
    TASK_PARAM,
    BOTTOM_LINE_PARAM,
    STATUS_PARAM,
    PAGE_PARAM,
)


@dataclass(frozen=True)
class ExampleFilters:
    """What the examples' list and map are narrowed to; "" means all."""

    theme: str = ""  # a theme's slug; a main theme includes its sub-themes
    task: str = ""  # an operations task's slug
    bottom_line: str = ""  # a value of indicators.selectors.bottom_line_choices
    status: str = ""

    def value(self, param: str) -> str:
        return {
            THEME_FACET.param: self.theme,
            TASK_PARAM: self.task,
            BOTTOM_LINE_PARAM: self.bottom_line,
            STATUS_PARAM: self.status,
        }[param]


def example_filters_read(
    params: Mapping[str, object],
) -> tuple[ExampleFilters, list[str]]:
    """The filters of a query string, and a Danish message for each value
    that is none (it is dropped, never an error page)."""
    messages: list[str] = []

    def read(param: str, valid: set[str] | None, message: str) -> str:
        raw = param_text(params, param)
        if not raw:
            return ""
        if valid is None:
            ok = THEME_FACET.read(raw) is not None
        else:
            ok = raw in valid
        if not ok:
            messages.append(message.format(value=raw[:60]))
            return ""
        return raw

    filters = ExampleFilters(
        theme=read(THEME_FACET.param, None, THEME_FACET.invalid),
        task=read(
            TASK_PARAM,
            set(OperationsTask.objects.values_list("slug", flat=True)),
            "Ukendt driftsopgave “{value}” – ignoreret.",
        ),
        bottom_line=read(
            BOTTOM_LINE_PARAM,
            {value for value, _ in bottom_line_choices()},
            "Ukendt bundlinje “{value}” – ignoreret.",
        ),
        status=read(
            STATUS_PARAM,
            set(ExampleStatus.values),
            "Ukendt status “{value}” – ignoreret.",
        ),
    )
    return filters, messages


def _public_examples(index: ExampleIndexPage) -> QuerySet[ExamplePage]:
    return ExamplePage.objects.child_of(index).live().public()


def _narrowed(
    pages: QuerySet[ExamplePage], filters: ExampleFilters, *, skip: str = ""
) -> QuerySet[ExamplePage]:
    """`pages` filtered by every filter but the `skip` parameter's."""
    if filters.theme and skip != THEME_FACET.param:
        theme = Theme.objects.get(slug=filters.theme)
        ids = [theme.pk, *theme.children.values_list("pk", flat=True)]
        tagged = ExamplePage.themes.through.objects.filter(theme_id__in=ids)
        pages = pages.filter(pk__in=tagged.values("examplepage_id"))
    if filters.task and skip != TASK_PARAM:
        pages = pages.filter(task__slug=filters.task)
    if filters.bottom_line and skip != BOTTOM_LINE_PARAM:
        pages = pages.filter(pk__in=_with_bottom_line(filters.bottom_line))
    if filters.status and skip != STATUS_PARAM:
        pages = pages.filter(status=filters.status)
    return pages


def _with_bottom_line(bottom_line: str) -> QuerySet:
    """The examples with a value on the bottom line that counts for the
    sector (as the dashboard counts them: no targets)."""
    return achieved_values(ValueFilters(bottom_line=bottom_line)).values("page_id")


def examples_filtered(
    *, index: ExampleIndexPage, filters: ExampleFilters
) -> QuerySet[ExamplePage]:
    return (
        _narrowed(_public_examples(index), filters)
        .select_related("organisation", "department", "task")
        # The card's picture and its renditions, in two queries for the page.
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ExampleImage.objects.select_related("image").prefetch_related(
                    "image__renditions"
                ),
            )
        )
        .order_by("-first_published_at", "title")
    )


def examples_for_map(
    *, index: ExampleIndexPage, filters: ExampleFilters | None = None
) -> QuerySet[ExamplePage]:
    return (
        _narrowed(_public_examples(index), filters or ExampleFilters())
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("organisation")
        .order_by("title")
    )


def _theme_rows(pages: QuerySet[ExamplePage]) -> list[tuple[str, str, int, str]]:
    """Each theme with the number of examples under it (a main theme counts
    the examples of its sub-themes once each), main themes first, each
    followed by its sub-themes, in the taxonomy's order."""
    links = ExamplePage.themes.through.objects.filter(
        examplepage_id__in=pages.values("pk")
    ).values_list("examplepage_id", "theme_id", "theme__parent_id")
    members: dict[int, set[int]] = {}
    for page_id, theme_id, parent_id in links:
        members.setdefault(theme_id, set()).add(page_id)
        if parent_id is not None:
            members.setdefault(parent_id, set()).add(page_id)
    rows = []
    for main in Theme.objects.filter(parent=None).prefetch_related("children"):
        rows.append((main.slug, main.name, len(members.get(main.pk, ())), ""))
        rows += [
            (child.slug, child.name, len(members.get(child.pk, ())), main.name)
            for child in main.children.all()
        ]
    return rows


def example_filter_groups(
    *, index: ExampleIndexPage, filters: ExampleFilters, located: bool = False
) -> list[FilterGroup]:
    """The list's filters, each option with how many examples it would show
    with the other filters kept (so a chosen value's siblings stay offered).
    `located`: count only the examples the map can place."""
    base = _public_examples(index)
    if located:
        base = base.filter(latitude__isnull=False, longitude__isnull=False)
    theme_pages = _narrowed(base, filters, skip=THEME_FACET.param)
    task_pages = _narrowed(base, filters, skip=TASK_PARAM)
    task_counts = dict(
        task_pages.values_list("task_id").annotate(n=Count("pk")).order_by()
    )
    line_pages = _narrowed(base, filters, skip=BOTTOM_LINE_PARAM)
    status_pages = _narrowed(base, filters, skip=STATUS_PARAM)
    status_counts = dict(
        status_pages.values_list("status").annotate(n=Count("pk")).order_by()
    )
    chosen = filters.value
    return [
        filter_group(
            param=THEME_FACET.param,
            label=THEME_FACET.label,
            rows=_theme_rows(theme_pages),
            chosen=chosen(THEME_FACET.param),
        ),
        filter_group(
            param=TASK_PARAM,
            label="Driftsopgave",
            rows=[
                (task.slug, task.name, task_counts.get(task.pk, 0), "")
                for task in OperationsTask.objects.all()
            ],
            chosen=chosen(TASK_PARAM),
        ),
        filter_group(
            param=BOTTOM_LINE_PARAM,
            label="Værdi på bundlinjen",
            rows=[
                (
                    value,
                    label.removeprefix("– "),
                    line_pages.filter(pk__in=_with_bottom_line(value)).count(),
                    "Klima og miljø" if value == BIODIVERSITY else "",
                )
                for value, label in bottom_line_choices()
            ],
            chosen=chosen(BOTTOM_LINE_PARAM),
        ),
        filter_group(
            param=STATUS_PARAM,
            label="Status",
            rows=[
                (value, label, status_counts.get(value, 0), "")
                for value, label in ExampleStatus.choices
            ],
            chosen=chosen(STATUS_PARAM),
        ),
    ]


@dataclass(frozen=True)
class MemberExampleRow:
    page: ExamplePage
    status: str
    awaiting_editor: bool


def member_examples_with_status(
    *, organisation: Organisation
) -> list[MemberExampleRow]:
    """The organisation's examples, drafts included, with where each one is
    in its life: draft, with the editors, sent back, or published."""
    pages = list(
        ExamplePage.objects.filter(organisation=organisation).order_by(
            "-latest_revision_created_at", "draft_title"
        )
    )
    states = dict(
        WorkflowState.objects.active()
        .filter(
            base_content_type=get_default_page_content_type(),
            object_id__in=[str(p.pk) for p in pages],
        )
        .values_list("object_id", "status")
    )
    rows = []
    for page in pages:
        state = states.get(str(page.pk))
        if state == WorkflowState.STATUS_IN_PROGRESS:
            status = "Afventer godkendelse hos redaktionen"
        elif state == WorkflowState.STATUS_NEEDS_CHANGES:
            status = "Redaktionen har bedt om ændringer"
        elif page.live and page.has_unpublished_changes:
            status = "Offentliggjort – senere ændringer er ikke godkendt"
        elif page.live:
            status = "Offentliggjort"
        else:
            status = "Kladde"
        rows.append(
            MemberExampleRow(
                page=page,
                status=status,
                awaiting_editor=state == WorkflowState.STATUS_IN_PROGRESS,
            )
        )
    return rows
