"""Writes for examples: the index, the moderation workflow, member submissions.

A member never publishes. A submission creates a draft page (or a new
revision of an existing one) and starts the moderation workflow; the page
goes live only when an editor approves the workflow's task in Wagtail.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from almenhub.core import ratelimit
from almenhub.core.db.retry import with_lock_retry
from almenhub.core.pages.tree import section_get_or_create, unique_child_slug
from almenhub.core.ratelimit import Rate
from almenhub.examples.models import (
    RESERVED_SLUGS,
    ExampleBuildingBlock,
    ExampleContact,
    ExampleImage,
    ExampleIndexPage,
    ExamplePage,
    OperationsTask,
)
from almenhub.indicators.models import Indicator, IndicatorValue
from almenhub.organisations.models import Department, Organisation
from almenhub.people.models import Person
from almenhub.taxonomy.models import Theme

if TYPE_CHECKING:
    from almenhub.users.models import User

WORKFLOW_NAME = "Moderering af eksempler"
TASK_NAME = "Redaktionen godkender eksemplet"
MODERATOR_GROUPS = ("Moderators", "Editors")

SUBMISSIONS_PER_HOUR = 10


def example_workflow_get_or_create() -> Workflow:
    """The workflow that every example, submitted or edited, passes through."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set(Group.objects.filter(name__in=MODERATOR_GROUPS))
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def example_index_workflow_ensure(*, index: ExampleIndexPage) -> None:
    """Give the index the examples' workflow unless an editor chose another."""
    if not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(
            page=index, workflow=example_workflow_get_or_create()
        )


@transaction.atomic
def example_index_get_or_create() -> ExampleIndexPage:
    index = section_get_or_create(ExampleIndexPage, title="Eksempler", slug="eksempler")
    example_index_workflow_ensure(index=index)
    return index


def unique_example_slug(
    index: ExampleIndexPage, title: str, exclude_pk: int | None = None
) -> str:
    return unique_child_slug(
        index, title, exclude_pk=exclude_pk, reserved=RESERVED_SLUGS
    )


# -- member submissions ------------------------------------------------------


@dataclass(frozen=True)
class ValueInput:
    indicator: Indicator
    value: Decimal
    period_start: datetime.date
    period_end: datetime.date
    method: str
    source: str = ""


@dataclass(frozen=True)
class BuildingBlockInput:
    title: str
    description: str


@dataclass(frozen=True)
class ExampleInput:
    """What a member types into the public form; the three texts as rich text."""

    title: str
    teaser: str
    task: OperationsTask
    status: str
    themes: list[Theme]
    department: Department | None = None
    municipality: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    what_was_done: str = ""
    results: str = ""
    lessons: str = ""
    building_blocks: list[BuildingBlockInput] = field(default_factory=list)
    values: list[ValueInput] = field(default_factory=list)


def _submission_rate() -> Rate:
    return Rate(scope="examples:submission", limit=SUBMISSIONS_PER_HOUR, seconds=3600)


def _apply(page: ExamplePage, data: ExampleInput, organisation: Organisation) -> None:
    _apply_fields(page, data, organisation)
    _apply_children(page, data)


def _apply_fields(
    page: ExamplePage, data: ExampleInput, organisation: Organisation
) -> None:
    if data.department is not None and data.department.organisation_id != (
        organisation.pk
    ):
        raise ValidationError(
            {"department": "Afdelingen hører ikke til din boligorganisation."}
        )
    page.title = data.title
    page.draft_title = data.title
    page.teaser = data.teaser
    page.organisation = organisation
    page.department = data.department
    page.municipality = data.municipality
    page.latitude = data.latitude
    page.longitude = data.longitude
    page.task = data.task
    page.status = data.status
    page.what_was_done = data.what_was_done
    page.results = data.results
    page.lessons = data.lessons
    page.themes = list(data.themes)


def _apply_children(page: ExamplePage, data: ExampleInput) -> None:
    page.building_blocks = [
        ExampleBuildingBlock(title=b.title, description=b.description, sort_order=i)
        for i, b in enumerate(data.building_blocks)
    ]
    values = [
        IndicatorValue(
            indicator=v.indicator,
            value=v.value,
            period_start=v.period_start,
            period_end=v.period_end,
            year=v.period_end.year,
            method=v.method,
            source=v.source,
            sort_order=i,
        )
        for i, v in enumerate(data.values)
    ]
    for value in values:
        value.full_clean(exclude=["page", "sort_order"])
    page.values = values


@transaction.atomic
def example_publish(
    *,
    index: ExampleIndexPage,
    organisation: Organisation,
    data: ExampleInput,
    contacts: Sequence[Person] = (),
    images: Sequence[ExampleImage] = (),
) -> ExamplePage:
    """Create an example and publish it, as an editor does: no moderation.
    For content the editors bring in themselves (the demo, tests)."""
    page = ExamplePage(slug=unique_example_slug(index, data.title))
    _apply_fields(page, data, organisation)
    index.add_child(instance=page)
    # Children go in after the page exists, so that publishing writes them
    # once rather than add_child and publish writing them twice.
    _apply_children(page, data)
    page.contacts = [
        ExampleContact(person=person, sort_order=i) for i, person in enumerate(contacts)
    ]
    if images:
        page.images = list(images)
    page.save_revision().publish()
    return page


def _moderation_start(page: ExamplePage, user: User) -> WorkflowState:
    state = page.current_workflow_state
    if state is not None:
        # A fresh submission replaces the one the editors have not finished.
        state.cancel(user=user)
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(
            "Examples cannot be submitted: the examples workflow is missing."
        )
    return workflow.start(page, user)


def example_submit(
    *, index: ExampleIndexPage, user: User, data: ExampleInput
) -> ExamplePage:
    """Create the example as a draft of the member's organisation and send it
    to the editors' moderation queue.

    Counts against the member's hourly allowance before anything is written
    (RateLimited when it is spent); a submission that fails is given back.
    """
    with ratelimit.charged(rate=_submission_rate(), key=str(user.pk)):
        return _example_create(index=index, user=user, data=data)


@transaction.atomic
def _example_create(
    *, index: ExampleIndexPage, user: User, data: ExampleInput
) -> ExamplePage:
    organisation = user.organisation
    if organisation is None:
        raise PermissionError("Brugeren er ikke knyttet til en boligorganisation.")
    example_index_workflow_ensure(index=index)
    page = ExamplePage(
        slug=unique_example_slug(index, data.title), live=False, owner=user
    )
    _apply(page, data, organisation)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    _moderation_start(page, user)
    return page


def member_example_get(*, user: User, pk: int) -> ExamplePage | None:
    """The member's organisation's example, as its latest draft, or None."""
    if user.organisation_id is None:
        return None
    page = ExamplePage.objects.filter(pk=pk, organisation=user.organisation_id).first()
    if page is None:
        return None
    return page.get_latest_revision_as_object()


def example_resubmit(
    *, page: ExamplePage, user: User, data: ExampleInput
) -> ExamplePage:
    """Save the member's changes as a new revision and send it to moderation.

    The live version, if any, stays as it is until an editor approves. Counts
    against the same allowance as example_submit.
    """
    with ratelimit.charged(rate=_submission_rate(), key=str(user.pk)):
        return with_lock_retry(
            partial(_example_revise, page=page, user=user, data=data)
        )


@transaction.atomic
def _example_revise(
    *, page: ExamplePage, user: User, data: ExampleInput
) -> ExamplePage:
    organisation = user.organisation
    if organisation is None or page.organisation_id != organisation.pk:
        raise PermissionError("Eksemplet tilhører en anden organisation.")
    _apply(page, data, organisation)
    page.save_revision(user=user, log_action=True)
    _moderation_start(page, user)
    return page
