from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import WorkflowState, get_default_page_content_type

from almenhub.examples.models import ExampleIndexPage, ExamplePage
from almenhub.organisations.models import Organisation


def examples_for_map(*, index: ExampleIndexPage) -> QuerySet[ExamplePage]:
    return (
        ExamplePage.objects.child_of(index)
        .live()
        .public()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("organisation")
        .order_by("title")
    )


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
