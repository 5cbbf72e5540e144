"""Demo content for the ERFA cycle: a series of four meetings in four cities,
registrations, contributions presenting the demo examples, and the
publication compiled from them.

Every person is fictional, with an address under example.dk. No e-mail is
sent. A second load finds the series in place and writes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from almenhub.examples.models import ExamplePage
from almenhub.home.models import HomePage
from almenhub.meetings.models import (
    AgendaBlock,
    Contribution,
    MeetingPage,
    MeetingSeriesPage,
    RegistrationStatus,
)
from almenhub.meetings.services import (
    RegistrationInput,
    registration_attendance_set,
    registration_create,
)
from almenhub.organisations.models import OrganisationKind
from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.services import person_upsert
from almenhub.projects.models import ProjectPage
from almenhub.taxonomy.models import Theme

SERIES_SLUG = "erfa-vaerdiskabende-drift"
SERIES_TITLE = "ERFA: Værdiskabende drift"
DRAFT_TITLE = "Værdiskabende drift – erfaringer fra fire ERFA-møder"
DOCUMENT_DATE = datetime.date(2025, 6, 2)


@dataclass(frozen=True)
class MeetingSpec:
    city: str
    slug: str
    venue: str
    address: str
    days_from_now: int


MEETINGS = [
    MeetingSpec(
        "Aarhus", "aarhus", "Fjordbo Beboerhus", "Havnegade 12, 8000 Aarhus C", -120
    ),
    MeetingSpec(
        "Odense", "odense", "Engparkens Fælleshus", "Engvej 4, 5000 Odense C", -90
    ),
    MeetingSpec(
        "Aalborg", "aalborg", "Lyngbo Kulturhus", "Lyngbovej 20, 9000 Aalborg", 30
    ),
    MeetingSpec(
        "København",
        "koebenhavn",
        "Åbrinkens Medborgerhus",
        "Åbrinken 3, 2300 København S",
        60,
    ),
]

PARTICIPANTS = [
    ("Anne Kjær", "Boligselskabet Fjordbo", "Driftschef"),
    ("Bo Ravn", "Boligselskabet Fjordbo", "Ejendomsfunktionær"),
    ("Cecilie Holm", "Engparken Boligforening", "Projektleder"),
    ("Dennis Lund", "Engparken Boligforening", "Gårdmand"),
    ("Emma Vestergaard", "Vestkysten Bolig", "Boligsocial medarbejder"),
    ("Frederik Bach", "Lyngbo", "Driftsleder"),
    ("Gitte Mørk", "Åbrinken", "Varmemester"),
    ("Hassan Ali", "Lyngbo", "Ejendomsfunktionær"),
    ("Ida Sørensen", "Fjordby Kommune", "Naturmedarbejder"),
    ("Jonas Friis", "Vestkysten Bolig", "Driftschef"),
]

AGENDA = [
    ("item", {"time": "9.30", "title": "Ankomst og kaffe", "description": ""}),
    (
        "item",
        {
            "time": "10.00",
            "title": "Velkomst og runde",
            "description": "Hvad har I prøvet siden sidst?",
        },
    ),
    (
        "item",
        {
            "time": "10.30",
            "title": "Oplæg fra deltagerne",
            "description": "Tre organisationer viser, hvad de har gjort.",
        },
    ),
    ("item", {"time": "12.00", "title": "Frokost", "description": ""}),
    (
        "item",
        {
            "time": "12.45",
            "title": "De bedste erfaringer i plenum",
            "description": "Vi samler op og udvælger eksempler til rapporten.",
        },
    ),
    ("item", {"time": "14.30", "title": "Tak for i dag", "description": ""}),
]


def _email(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return name.lower().translate(table).replace(" ", ".") + "@example.dk"


def _series_create(home: HomePage) -> MeetingSeriesPage:
    project = (
        ProjectPage.objects.filter(title="Gentagelsens værdi").first()
        or ProjectPage.objects.live().order_by("path").first()
    )
    series = MeetingSeriesPage(
        title=SERIES_TITLE,
        slug=SERIES_SLUG,
        teaser=(
            "Fire ERFA-møder om driftens værdi for beboere, natur og økonomi – "
            "i Aarhus, Odense, Aalborg og København."
        ),
        description=(
            "<p>Driftsfolk fra hele landet viser, hvad de har gjort med de faste "
            "opgaver: græsslåning, affald, renhold og legepladser. De bedste "
            "erfaringer deles i plenum og samles bagefter i en rapport.</p>"
        ),
        project=project,
        show_in_menus=True,
    )
    home.add_child(instance=series)
    series.themes.set(
        Theme.objects.filter(
            name__in=["Natur og biodiversitet", "Drift og vedligehold"]
        )
    )
    partner, _ = organisation_get_or_create(
        name="Driftsnetværket", kind=OrganisationKind.NETWORK
    )
    series.co_organisers.set([partner])
    series.save_revision().publish()
    return MeetingSeriesPage.objects.get(pk=series.pk)


def _meeting_create(
    series: MeetingSeriesPage, spec: MeetingSpec, contact, today: datetime.datetime
) -> MeetingPage:
    day = (today + datetime.timedelta(days=spec.days_from_now)).date()
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    meeting = MeetingPage(
        title=f"ERFA-møde i {spec.city}",
        slug=spec.slug,
        teaser=f"Værdiskabende drift: erfaringer fra driften i og omkring {spec.city}.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=5),
        city=spec.city,
        venue=spec.venue,
        address=spec.address,
        capacity=8,
        price=Decimal("450.00"),
        no_show_fee=Decimal("300.00"),
        registration_deadline=starts - datetime.timedelta(days=7),
        max_per_organisation=3,
        agenda=AgendaBlock().to_python(
            [{"type": kind, "value": value} for kind, value in AGENDA]
        ),
        contact=contact,
    )
    series.add_child(instance=meeting)
    meeting.save_revision().publish()
    return MeetingPage.objects.get(pk=meeting.pk)


def _registrations_load(meeting: MeetingPage, offset: int) -> None:
    sign_up_time = meeting.registration_deadline - datetime.timedelta(days=10)
    people = PARTICIPANTS[offset:] + PARTICIPANTS[:offset]
    for n, (name, organisation, job_title) in enumerate(people):
        registration = registration_create(
            meeting=meeting,
            data=RegistrationInput(
                name=name,
                organisation=organisation,
                email=_email(name),
                job_title=job_title,
                dietary_needs="Vegetar" if n % 4 == 0 else "",
                consent=True,
            ),
            now=sign_up_time + datetime.timedelta(hours=n),
            notify=False,
        )
        if meeting.ends_at < timezone.now() and (
            registration.status == RegistrationStatus.CONFIRMED
        ):
            registration_attendance_set(registration=registration, attended=n != 3)


def _contributions_load(meetings: list[MeetingPage], examples: list[ExamplePage]):
    for i, meeting in enumerate(meetings):
        chosen = examples[i * 2 : i * 2 + 2] or examples[:1]
        for j, example in enumerate(chosen):
            contribution = Contribution.objects.create(
                meeting=meeting,
                title=example.title,
                presenters=", ".join(
                    c.person.name for c in example.contacts.select_related("person")
                ),
                organisation=example.organisation,
                summary=example.teaser,
                is_highlight=j == 0,
                sort_order=j,
            )
            contribution.examples.set([example])


def _publication_compile(series: MeetingSeriesPage) -> None:
    from almenhub.publications.services import series_find
    from almenhub.publishing.models import PublicationDraft
    from almenhub.publishing.services import publication_compile

    draft, _ = PublicationDraft.objects.get_or_create(
        title=DRAFT_TITLE,
        defaults={
            "subtitle": "Eksempler fra driften, delt i plenum",
            "teaser": (
                "Rapporten samler de bedste erfaringer fra ERFA-møderne om "
                "værdiskabende drift."
            ),
            "intro": (
                "I løbet af året mødtes driftsfolk fra hele landet fire gange for "
                "at dele erfaringer med de faste driftsopgaver.\n\n"
                "Her er de eksempler, der blev delt i plenum: hvad de gjorde, "
                "byggestenene, som andre kan genbruge, og den værdi, det gav."
            ),
            "series": series_find(name="AlmenRapport"),
            "meeting_series": series,
            "year": DOCUMENT_DATE.year,
            "document_date": DOCUMENT_DATE,
            "prepared_by": "almenhub på grundlag af deltagernes oplæg",
        },
    )
    publication_compile(draft=draft)


@transaction.atomic
def demo_meetings_load() -> int:
    """Create the demo series; returns how many meetings were created."""
    home = HomePage.objects.first()
    if home is None or MeetingSeriesPage.objects.filter(slug=SERIES_SLUG).exists():
        return 0
    series = _series_create(home)
    partner = series.co_organisers.first()
    contact, _ = person_upsert(
        name="Mette Dalgaard",
        job_title="Netværkskoordinator",
        email="mette.dalgaard@example.dk",
        organisation=partner,
        show_contact_details=True,
    )
    today = timezone.now()
    meetings = [_meeting_create(series, spec, contact, today) for spec in MEETINGS]
    for i, meeting in enumerate(meetings):
        _registrations_load(meeting, offset=i * 2)
    examples = list(
        ExamplePage.objects.live().public().order_by("first_published_at", "pk")[:8]
    )
    if examples:
        _contributions_load(meetings, examples)
        _publication_compile(series)
    return len(meetings)
