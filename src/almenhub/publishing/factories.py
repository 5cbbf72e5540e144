"""Examples made up for the builder's tests and benchmark.

Fictional but shaped like the real thing: a teaser, three rich-text
sections, building blocks, indicator values and a contact, spread over the
themes and operations tasks the migrations seed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from almenhub.examples.models import (
    ExampleBuildingBlock,
    ExampleContact,
    ExampleIndexPage,
    ExamplePage,
    OperationsTask,
)
from almenhub.examples.services import example_index_get_or_create
from almenhub.indicators.models import Indicator, IndicatorValue, ValueMethod
from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.people.models import Person
from almenhub.taxonomy.models import Theme

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


def example_index() -> ExampleIndexPage:
    return example_index_get_or_create()


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
    """One live example with building blocks, two values and a contact."""
    index = index or example_index()
    tasks = list(OperationsTask.objects.order_by("sort_order", "pk"))
    task = tasks[n % len(tasks)]
    if themes is None:
        children = list(Theme.objects.children().order_by("parent__sort_order", "pk"))
        themes = [children[n % len(children)]]
    organisation = _organisation(n)
    page = ExamplePage(
        title=title or f"Eksempel {n}: Ny praksis for {task.name.lower()}",
        slug=f"eksempel-{n}",
        teaser=(
            f"Afdeling {n} ændrede {task.name.lower()} og skabte værdi for beboere, "
            "natur og økonomi."
        ),
        organisation=organisation,
        municipality="Aarhus",
        task=task,
        status="implemented",
        what_was_done=WHAT.format(n=n, task=task.name.lower())
        + EXTRA * extra_paragraphs,
        results=RESULTS,
        lessons=LESSONS,
    )
    index.add_child(instance=page)
    page.themes.set(themes)
    for i, (block_title, description) in enumerate(BLOCKS):
        ExampleBuildingBlock.objects.create(
            page=page, title=block_title, description=description, sort_order=i
        )
    indicators = list(Indicator.objects.order_by("sort_order", "pk")[:2])
    for i, indicator in enumerate(indicators):
        IndicatorValue.objects.create(
            page=page,
            indicator=indicator,
            value=Decimal(100 + n * 7 + i),
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            method=ValueMethod.MEASURED if i == 0 else ValueMethod.ESTIMATED,
            sort_order=i,
        )
    person = Person.objects.create(
        name=f"Kontakt Person {n}",
        job_title="Driftschef",
        organisation=organisation,
        email=f"kontakt{n}@example.dk",
        phone="33762071",
        show_contact_details=contact_public,
    )
    ExampleContact.objects.create(page=page, person=person, sort_order=0)
    page.save_revision().publish()
    return ExamplePage.objects.get(pk=page.pk)
