"""The demo's examples (content/examples.toml), written through the examples'
own service, as a member's submission is, and published as an editor would.

Loading is idempotent: when any example exists, nothing is written.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from almenhub.examples.models import ExampleIndexPage, ExamplePage, OperationsTask
from almenhub.examples.services import (
    BuildingBlockInput,
    ExampleInput,
    ValueInput,
    example_index_get_or_create,
    example_publish,
)
from almenhub.examples.text import text_to_richtext
from almenhub.indicators.models import Indicator
from almenhub.indicators.rollup import rollup_deferred
from almenhub.organisations.models import Organisation
from almenhub.people.services import person_upsert
from almenhub.taxonomy.models import Theme

from .files import data_read
from .images import example_images
from .organisations import organisations_load


def _value(row: dict, indicators: dict[str, Indicator]) -> ValueInput:
    """A whole calendar year unless the row gives its start."""
    year = row["year"]
    return ValueInput(
        indicator=indicators[row["indicator"]],
        value=Decimal(str(row["value"])),
        period_start=row.get("start", datetime.date(year, 1, 1)),
        period_end=datetime.date(year, 12, 31),
        method=row.get("method", "measured"),
        source=row.get("source", ""),
    )


@transaction.atomic
def demo_examples_load() -> int:
    """Create the demo examples under the examples' index; returns how many."""
    if ExamplePage.objects.exists():
        return 0
    index = example_index_get_or_create()
    tasks = {task.slug: task for task in OperationsTask.objects.all()}
    indicators = {i.slug: i for i in Indicator.objects.all()}
    themes = {t.full_name: t for t in Theme.objects.children().select_related("parent")}
    organisations = organisations_load()
    with rollup_deferred():  # one refresh of the touched cells, not one per value
        return _examples_write(index, tasks, indicators, themes, organisations)


def _examples_write(
    index: ExampleIndexPage,
    tasks: dict[str, OperationsTask],
    indicators: dict[str, Indicator],
    themes: dict[str, Theme],
    organisations: dict[str, Organisation],
) -> int:
    created = 0
    for row in data_read("examples")["example"]:
        organisation = organisations[row["organisation"]]
        contact = row["contact"]
        person, _ = person_upsert(
            name=contact["name"],
            job_title=contact["job_title"],
            email=contact["email"],
            phone=contact.get("phone", ""),
            organisation=organisation,
            show_contact_details=contact.get("public", True),
        )
        data = ExampleInput(
            title=row["title"],
            teaser=row["teaser"],
            task=tasks[row["task"]],
            status=row["status"],
            themes=[themes[theme] for theme in row["themes"]],
            department=organisation.departments.get(name=row["department"]),
            municipality=row["municipality"],
            latitude=Decimal(row["latitude"]),
            longitude=Decimal(row["longitude"]),
            what_was_done=text_to_richtext(row["what_was_done"]),
            results=text_to_richtext(row["results"]),
            lessons=text_to_richtext(row["lessons"]),
            building_blocks=[BuildingBlockInput(**b) for b in row["blocks"]],
            values=[_value(v, indicators) for v in row["values"]],
        )
        example_publish(
            index=index,
            organisation=organisation,
            data=data,
            contacts=[person],
            images=example_images(row["title"]),
        )
        created += 1
    return created
