"""A small published catalogue for the open-data tests: projects in two
programmes, a publication, organisations, themes, contact persons who did
and did not agree to be shown, and (when their apps exist) examples with
indicator values and meetings with registrations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from almenhub.contentpages.factories import content_page_create
from almenhub.home.models import HomePage
from almenhub.news.factories import news_create
from almenhub.opendata.selectors import optional_model
from almenhub.people.models import Person
from almenhub.projects.models import ProgrammePage, ProjectContact, ProjectPage
from almenhub.projects.records import (
    BodyPart,
    ProjectRecord,
)
from almenhub.projects.services import project_upsert
from almenhub.projects.tests.records import seed_record_build
from almenhub.publications.models import PublicationPage
from almenhub.search.services import search_rebuild
from almenhub.taxonomy.models import Theme
from almenhub.themepages.factories import section, theme_hub_create

SECRET_EMAIL = "hemmelig.person@boligforening.dk"
SECRET_PHONE = "44556677"
SECRET_NAME = "Hemmelig Hansen"
REGISTRANT_EMAIL = "tilmeldt.deltager@example.dk"
REGISTRANT_NAME = "Tilmeldt Deltagersen"

HAS_EXAMPLES = bool(
    optional_model("examples", "ExamplePage")
    and optional_model("indicators", "IndicatorValue")
)
HAS_MEETINGS = bool(optional_model("meetings", "MeetingPage"))

PROJECTS = [
    # title, teaser, themes, status, year, owner
    (
        "Vild eng i stedet for græsslåning",
        "En afdeling lod plænen gro til eng.",
        [("Energi, klima og miljø", "Natur og biodiversitet")],
        "finished",
        2024,
        "Solstrand Boligforening",
    ),
    (
        "Trappevask med grønne midler",
        "Miljøvenlig rengøring af opgange.",
        [("Drift og administration", "Drift og vedligehold")],
        "planned",
        2025,
        "AlmenNet",
    ),
    (
        "Elektrisk snerydning",
        "Batteridrevne maskiner til vintertjenesten.",
        [("Energi, klima og miljø", "Energi og ressourcer")],
        "finished",
        2023,
        "Solstrand Boligforening",
    ),
    (
        "Grønne områder i byen",
        "Plejeplaner for de store friarealer.",
        [("Energi, klima og miljø", "Natur og biodiversitet")],
        "ongoing",
        2021,
        "",
    ),
]


@pytest.fixture(autouse=True)
def _open_data_state(settings):
    """Each test starts with an empty cache (responses, rate counters) and a
    rate limit high enough not to get in the way unless a test lowers it."""
    cache.clear()
    settings.OPENDATA_RATE_LIMIT = 100_000
    yield
    cache.clear()


def publish(page: Any) -> Any:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_project(programme: ProgrammePage, spec: tuple, key: str) -> ProjectPage:
    title, teaser, themes, status, year, owner = spec
    record = ProjectRecord(
        title=title,
        teaser=teaser,
        themes=themes,
        status=status,
        publication_year=year,
        owner=owner,
        body=[BodyPart("paragraph", f"{teaser} Mere om {title.lower()}.")],
    )
    return publish(
        project_upsert(programme=programme, record=record, source_key=key).page
    )


@dataclass
class Catalogue:
    seed: ProjectPage
    projects: list[ProjectPage]
    programme: ProgrammePage
    other_programme: ProgrammePage
    secret_project: ProjectPage
    publication: PublicationPage
    secret_person: Person
    public_person: Person
    extra: dict[str, Any] = field(default_factory=dict)


def build_catalogue(seed_record: ProjectRecord) -> Catalogue:
    home_page = HomePage.objects.get()
    programme = ProgrammePage(title="Udviklingsprojekter", slug="udviklingsprojekter")
    home_page.add_child(instance=programme)
    seed = publish(
        project_upsert(programme=programme, record=seed_record, source_key="seed").page
    )
    projects = [
        add_project(programme, spec, f"p{i}") for i, spec in enumerate(PROJECTS)
    ]
    other = ProgrammePage(title="Eksperimenterende byggeri", slug="forsoeg")
    home_page.add_child(instance=other)
    publish(other)
    secret_project = add_project(
        other,
        (
            "Beboerdemokrati i praksis",
            "Hvordan afdelingsbestyrelser arbejder.",
            [("Drift og administration", "Drift og vedligehold")],
            "ongoing",
            2022,
            "AlmenNet",
        ),
        "secret",
    )
    secret_person = Person.objects.create(
        name=SECRET_NAME,
        job_title="Driftschef",
        email=SECRET_EMAIL,
        phone=SECRET_PHONE,
        show_contact_details=False,
    )
    secret_project.contacts = [ProjectContact(person=secret_person)]
    publish(secret_project)
    public_person = Person.objects.get(email="nja@almennet.dk")
    publication = PublicationPage.objects.get()
    publish(publication)

    catalogue = Catalogue(
        seed=seed,
        projects=[seed, *projects, secret_project],
        programme=programme,
        other_programme=other,
        secret_project=secret_project,
        publication=publication,
        secret_person=secret_person,
        public_person=public_person,
    )
    if HAS_EXAMPLES:
        catalogue.extra["example"] = add_example(
            home_page, secret_person, public_person
        )
    if HAS_MEETINGS:
        catalogue.extra.update(add_meetings(home_page, secret_person, public_person))
    catalogue.extra.update(add_pages(seed))
    search_rebuild()
    return catalogue


@pytest.fixture(scope="module")
def shared_catalogue(django_db_setup, django_db_blocker, tmp_path_factory):
    """One catalogue for a whole module of read-only tests: built once inside
    a transaction that is rolled back at the end of the module. Each test
    runs in a savepoint within it, so a test's own writes are undone too.

    The embedded search index is not transactional: a test that changes what
    is published must use `fresh_catalogue`, in a module of its own."""
    from django.conf import settings as django_settings

    index_dir = tmp_path_factory.mktemp("search-index")
    previous = django_settings.ALMENHUB_SEARCH_INDEX_DIR
    django_settings.ALMENHUB_SEARCH_INDEX_DIR = index_dir
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue = build_catalogue(seed_record_build())
        catalogue.extra["index_dir"] = index_dir
        yield catalogue
        transaction.set_rollback(True)
    django_settings.ALMENHUB_SEARCH_INDEX_DIR = previous


@pytest.fixture
def catalogue(shared_catalogue, db, settings) -> Catalogue:
    settings.ALMENHUB_SEARCH_INDEX_DIR = shared_catalogue.extra["index_dir"]
    cache.clear()
    return shared_catalogue


@pytest.fixture
def fresh_catalogue(db) -> Catalogue:
    catalogue = build_catalogue(seed_record_build())
    cache.clear()
    return catalogue


def add_example(home_page, secret_person: Person, public_person: Person) -> Any:
    from almenhub.examples.models import (
        ExampleContact,
        ExampleIndexPage,
        ExamplePage,
        OperationsTask,
    )
    from almenhub.indicators.models import Indicator, IndicatorValue
    from almenhub.organisations.models import Organisation
    from almenhub.taxonomy.models import Theme

    index = ExampleIndexPage(title="Eksempler", slug="eksempler")
    home_page.add_child(instance=index)
    publish(index)
    org = Organisation.objects.create(name="Boligselskabet Nord", kind="housing")
    example = ExamplePage(
        title="Slåning to gange om året",
        slug="slaaning",
        teaser="Plænen blev til eng, og udgifterne faldt.",
        organisation=org,
        municipality="Aarhus",
        latitude=Decimal("56.15674"),
        longitude=Decimal("10.21076"),
        task=OperationsTask.objects.get(slug="graesslaaning"),
        status="implemented",
        what_was_done="<p>Vi slog kun to gange.</p>",
    )
    index.add_child(instance=example)
    example.themes = [Theme.objects.get(slug="natur-og-biodiversitet")]
    example.contacts = [
        ExampleContact(person=secret_person),
        ExampleContact(person=public_person),
    ]
    example.save()
    publish(example)
    indicator = Indicator.objects.get(slug="co2e-undgaaet")
    IndicatorValue.objects.create(
        page=example,
        indicator=indicator,
        value=Decimal("12.5"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        method="measured",
        source="Driftsregnskab 2024",
    )
    return example


def add_meetings(home_page, secret_person: Person, public_person: Person) -> dict:
    from almenhub.meetings.factories import meeting_create
    from almenhub.meetings.models import (
        Contribution,
        MeetingSeriesPage,
        Registration,
    )
    from almenhub.organisations.models import Organisation
    from almenhub.taxonomy.models import Theme

    series = MeetingSeriesPage(
        title="ERFA: Biodiversitet i driften",
        slug="erfa-biodiversitet",
        teaser="Fire møder om vilde arealer.",
    )
    home_page.add_child(instance=series)
    series.themes = [Theme.objects.get(slug="natur-og-biodiversitet")]
    series.save()
    publish(series)
    meeting = meeting_create(
        series,
        teaser="Erfaringer fra Østjylland.",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        venue="Godsbanen",
        address="Skovgaardsgade 3, 8000 Aarhus C",
        capacity=40,
        contact=secret_person,
    )
    org = Organisation.objects.create(name="Fællesbo", kind="housing")
    Registration.objects.create(
        meeting=meeting,
        name=REGISTRANT_NAME,
        organisation_name="Fællesbo",
        organisation=org,
        email=REGISTRANT_EMAIL,
        job_title="Gartner",
        dietary_needs="Vegetar",
        consent=True,
    )
    contribution = Contribution.objects.create(
        meeting=meeting,
        title="Sådan fik vi beboerne med",
        presenters="Oplægs Holdersen",
        organisation=org,
        summary="Om beboerinddragelse i plejen.",
        is_highlight=True,
    )
    contribution.presenter_people.add(secret_person)
    return {"series": series, "meeting": meeting}


def add_pages(project: ProjectPage) -> dict[str, Any]:
    """A news article, a theme page and a content page (issue 15's types)."""
    nature = Theme.objects.get(slug="natur-og-biodiversitet")
    news = news_create(
        title="Engen blomstrer",
        date=datetime.date(2024, 6, 3),
        teaser="Første sommer med vild eng.",
        byline="Mette Jensen",
        themes=[nature],
        related_projects=[project],
    )
    hub = theme_hub_create(
        title="Biodiversitet",
        themes=[nature],
        sections=[section("Projekter", "projects")],
    )
    about = content_page_create(title="Om foreningen", kind="about")
    return {"news": news, "theme_page": hub, "content_page": about}


API = "/api/v1"

# The API tests' client helpers: the answer must be JSON; `ok` must be 200.


def get(client, path: str, **params):
    response = client.get(f"{API}{path}", params)
    assert response["Content-Type"].startswith("application/json")
    return response, response.json()


def ok(client, path: str, **params) -> dict:
    response, data = get(client, path, **params)
    assert response.status_code == 200, data
    return data


def titles(data: dict) -> list[str]:
    return [row["title"] for row in data["results"]]


def get_json(client, url: str, params: dict | None = None, **headers) -> tuple:
    response = client.get(url, params or {}, headers=headers)
    return response, response.json() if response.content else None


HOSTILE_TITLE = '</script><script>alert("x")</script> & <!-- Øl'


def hostile_project(programme: ProgrammePage) -> ProjectPage:
    """A project whose text tries to end the JSON-LD script element."""
    return add_project(
        programme,
        (
            HOSTILE_TITLE,
            'Tekst med "citat" & <b>fed</b> </SCRIPT> \u2028 slut.',
            [("Drift og administration", "Drift og vedligehold")],
            "ongoing",
            2024,
            "",
        ),
        "hostile",
    )
