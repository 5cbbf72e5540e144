"""What a page is filed under and who it names are searched, on every
engine: theme labels (both levels), an example's operations task, the
programme's and the series' names, participant organisations, contacts'
job titles; and an organisation's own project ranks first for its name."""

from __future__ import annotations

import pytest

from almenhub.examples.factories import example_create, example_index
from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.projects.records import ContactRecord
from almenhub.publications.models import PublicationSeries
from almenhub.publications.services import publication_get_or_create
from almenhub.search.selectors import search
from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import project

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    return [hit.document.title for hit in search(query).hits]


@pytest.fixture
def filed(programme, engine_name):
    project(
        programme,
        "eng",
        title="Slåning to gange om året",
        themes=[("Energi, klima og miljø", "Natur og biodiversitet")],
        participants=["Grøn Hverdag ApS"],
        contacts=[ContactRecord(name="Mette Skov", job_title="Driftschef")],
    )
    project(
        programme,
        "andet",
        title="Nye trapper i opgangene",
        themes=[("Drift og administration", "Drift og vedligehold")],
    )
    owner = Organisation.objects.create(
        name="Hækkebo Boligselskab", kind=OrganisationKind.HOUSING
    )
    example_create(
        example_index(),
        title="Maskiner deles mellem afdelingerne",
        organisation=owner,
        task_slug="graesslaaning",
        themes=("Drift og vedligehold",),
    )
    series, _ = PublicationSeries.objects.get_or_create(name="AlmenRapport")
    publication_get_or_create(title="Tal fra driften", series=series, year=2024)
    search_rebuild(engine_name=engine_name)


def test_theme_labels_of_both_levels_are_searched(filed):
    assert titles("biodiversitet") == ["Slåning to gange om året"]
    assert titles("energi klima miljø") == ["Slåning to gange om året"]


def test_the_operations_task_programme_and_series_are_searched(filed):
    assert titles("græsslåning") == ["Maskiner deles mellem afdelingerne"]
    assert titles("almenrapport") == ["Tal fra driften"]
    assert set(titles("udviklingsprojekter")) >= {
        "Udviklingsprojekter",
        "Slåning to gange om året",
        "Nye trapper i opgangene",
    }


def test_participants_contacts_and_their_job_titles_are_searched(filed):
    assert titles("grøn hverdag") == ["Grøn Hverdag ApS", "Slåning to gange om året"]
    assert titles("driftschef") == ["Slåning to gange om året"]
    assert titles("mette skov") == ["Slåning to gange om året"]


def test_an_organisations_own_project_ranks_first_for_its_name(programme, engine_name):
    project(
        programme,
        "omtaler",
        title="Erfaringer fra nabolaget",
        teaser="Fjordlys besøgte Fjordlys' afdelinger.",
        body="Fjordlys og Fjordlys igen: Fjordlys viste vej, og Fjordlys lærte.",
    )
    project(
        programme,
        "egen",
        title="Regnvand i gårdene",
        owner="Boligselskabet Fjordlys",
        body="Afdelingerne leder regnvandet til bede.",
    )
    search_rebuild(engine_name=engine_name)
    assert titles("Fjordlys") == [
        "Boligselskabet Fjordlys",
        "Regnvand i gårdene",
        "Erfaringer fra nabolaget",
    ]
