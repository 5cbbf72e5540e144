"""Builders for examples, shared by the tests (examples, indicators,
publishing, opendata, the demo's), the benchmarks and anyone who needs an
example page without the member form: `example_create` for one page exactly
as asked, `example_make` for a numbered, fully filled-in and published one.

Fictional but shaped like the real thing, spread over the themes, operations
tasks and indicators the migrations seed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from almenhub.examples.models import (
    ExampleBuildingBlock,
    ExampleContact,
    ExampleIndexPage,
    ExamplePage,
    OperationsTask,
)
from almenhub.examples.services import example_index_get_or_create, unique_example_slug
from almenhub.indicators.models import Indicator, IndicatorValue, ValueMethod
from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.people.models import Person
from almenhub.taxonomy.models import Theme

# (indicator slug, value, year[, method])
ValueRow = tuple


def theme(child: str) -> Theme:
    return Theme.objects.get(name=child, parent__isnull=False)


def task(slug: str) -> OperationsTask:
    return OperationsTask.objects.get(slug=slug)


def indicator(slug: str) -> Indicator:
    return Indicator.objects.get(slug=slug)


def value(
    slug: str, amount: Any, year: int, method: str = ValueMethod.MEASURED
) -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator(slug),
        value=Decimal(str(amount)),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        method=method,
    )


def example_index() -> ExampleIndexPage:
    return example_index_get_or_create()


def example_create(
    index: ExampleIndexPage,
    *,
    title: str,
    organisation: Organisation,
    task_slug: str = "graesslaaning",
    themes: Iterable[str] = ("Natur og biodiversitet",),
    values: Iterable[ValueRow] = (),
    live: bool = True,
    **fields: Any,
) -> ExamplePage:
    """One example page under `index`, not published (no revision): `live`
    sets the flag alone."""
    page = ExamplePage(
        title=title,
        slug=unique_example_slug(index, title),
        organisation=organisation,
        task=task(task_slug),
        live=live,
        **fields,
    )
    page.themes = [theme(name) for name in themes]
    rows = [value(*row) for row in values]
    for position, row in enumerate(rows):
        row.sort_order = position
    page.values = rows
    index.add_child(instance=page)
    return page


WHAT = (
    "<p>Driften i afdeling {n} ændrede {task} i samarbejde med beboerne. "
    "Først kortlagde driftsmedarbejderne arealerne og de faste opgaver; derefter "
    "blev arbejdsgangene lagt om, så tiden bruges, hvor den gør mest gavn.</p>"
    "<ul><li>Beboerne blev inddraget fra starten</li>"
    "<li>Driftsmedarbejderne fik ny efteruddannelse</li></ul>"
)
RESULTS = (
    "<p>Efter det første år var der færre maskintimer, flere arter på arealerne "
    "og mere tilfredse beboere. Medarbejderne oplever, at arbejdet giver mening.</p>"
)
LESSONS = (
    "<p>Forankring i bestyrelsen er afgørende. Start i det små, mål før og "
    "efter, og fortæl om resultaterne – både til beboere og kolleger.</p>"
)
EXTRA = (
    "<p>Arbejdet blev planlagt sammen med afdelingsbestyrelsen, og planen blev "
    "justeret efter hver sæson. Driftsmedarbejderne førte logbog over tidsforbrug, "
    "maskintimer og beboernes henvendelser, så virkningen kunne dokumenteres, og så "
    "andre afdelinger kunne bruge erfaringerne, når de selv går i gang.</p>"
)
BLOCKS = [
    ("Kortlæg arealerne", "Lav et enkelt kort over arealer, brug og plejeniveau."),
    ("Inddrag beboerne", "Hold et møde på stedet, før noget ændres, og lyt."),
    ("Mål før og efter", "Tæl arter, timer og klager i et år før og efter."),
]


def _organisation(n: int) -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name=f"Boligselskabet Testbo {n % 7 + 1}",
        defaults={"kind": OrganisationKind.HOUSING},
    )
    return org


def example_make(
    *,
    n: int,
    index: ExampleIndexPage | None = None,
    title: str | None = None,
    themes: list[Theme] | None = None,
    contact_public: bool = True,
    extra_paragraphs: int = 0,
) -> ExamplePage:
    """Example number `n`, published: building blocks, two values (measured
    and estimated) and a contact; task and theme follow `n`."""
    index = index or example_index()
    tasks = list(OperationsTask.objects.order_by("sort_order", "pk"))
    chosen_task = tasks[n % len(tasks)]
    if themes is None:
        children = list(Theme.objects.children().order_by("parent__sort_order", "pk"))
        themes = [children[n % len(children)]]
    organisation = _organisation(n)
    indicators = list(Indicator.objects.order_by("sort_order", "pk")[:2])
    methods = [ValueMethod.MEASURED, ValueMethod.ESTIMATED]
    page = example_create(
        index,
        title=title or f"Eksempel {n}: Ny praksis for {chosen_task.name.lower()}",
        organisation=organisation,
        task_slug=chosen_task.slug,
        themes=[t.name for t in themes],
        values=[
            (ind.slug, 100 + n * 7 + i, 2024, methods[i])
            for i, ind in enumerate(indicators)
        ],
        live=False,
        teaser=(
            f"Afdeling {n} ændrede {chosen_task.name.lower()} og skabte værdi for "
            "beboere, natur og økonomi."
        ),
        municipality="Aarhus",
        status="implemented",
        what_was_done=WHAT.format(n=n, task=chosen_task.name.lower())
        + EXTRA * extra_paragraphs,
        results=RESULTS,
        lessons=LESSONS,
    )
    page.building_blocks = [
        ExampleBuildingBlock(title=block_title, description=description, sort_order=i)
        for i, (block_title, description) in enumerate(BLOCKS)
    ]
    person = Person.objects.create(
        name=f"Kontakt Person {n}",
        job_title="Driftschef",
        organisation=organisation,
        email=f"kontakt{n}@example.dk",
        phone="33762071",
        show_contact_details=contact_public,
    )
    page.contacts = [ExampleContact(person=person, sort_order=0)]
    page.save_revision().publish()
    return ExamplePage.objects.get(pk=page.pk)
