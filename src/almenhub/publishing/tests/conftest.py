from __future__ import annotations

import datetime

import pytest

from almenhub.examples.factories import example_make
from almenhub.projects.factories import project_create
from almenhub.publications.models import PublicationSeries
from almenhub.publishing.models import (
    DraftExample,
    DraftFact,
    DraftQuote,
    PublicationDraft,
)
from almenhub.taxonomy.models import Theme


@pytest.fixture
def themes(db) -> dict[str, Theme]:
    biodiversity = Theme.objects.get(name="Natur og biodiversitet")
    operations = Theme.objects.get(name="Drift og vedligehold")
    return {"bio": biodiversity, "ops": operations}


@pytest.fixture
def examples(home_page, themes):
    return [
        example_make(
            n=1, title="Vild eng i stedet for græsplæne", themes=[themes["bio"]]
        ),
        example_make(
            n=2, title="Fælles affaldsøer med sortering", themes=[themes["ops"]]
        ),
        example_make(
            n=3,
            title="Insekthoteller bygget af beboerne",
            themes=[themes["bio"]],
            contact_public=False,
        ),
    ]


@pytest.fixture
def draft(examples) -> PublicationDraft:
    series, _ = PublicationSeries.objects.get_or_create(name="AlmenRapport")
    draft = PublicationDraft.objects.create(
        title="Værdiskabende gentagelser",
        subtitle="Erfaringer fra fire ERFA-møder",
        teaser="Eksempler fra driften.",
        intro=(
            "Driften skaber værdi.\n\nHer er eksemplerne #1 [fra] *møderne* $5 <tag>."
        ),
        series=series,
        year=2024,
        document_date=datetime.date(2024, 5, 1),
        prepared_by="almenhub",
    )
    for i, example in enumerate(examples):
        DraftExample.objects.create(draft=draft, example=example, sort_order=i)
    DraftQuote.objects.create(
        draft=draft,
        text="Driften er en værdiskaber.",
        author="Nina Smith",
        role="formand",
        sort_order=0,
    )
    DraftFact.objects.create(
        draft=draft,
        heading="Vidste du ...",
        text="At engen rummer 40 arter.",
        example=examples[0],
        sort_order=0,
    )
    return draft


@pytest.fixture
def series_with_project(programme, home_page):
    from almenhub.meetings.models import MeetingSeriesPage

    project = project_create(
        programme=programme, title="Gentagelsens værdi", slug="gentagelsens-vaerdi"
    )
    series = MeetingSeriesPage(
        title="ERFA: Værdiskabende drift",
        slug="erfa-vaerdiskabende-drift",
        project=project,
    )
    home_page.add_child(instance=series)
    return series
