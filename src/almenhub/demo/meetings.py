"""The demo's ERFA cycle (content/meetings.toml): the series, four meetings,
registrations through the meetings' service (no e-mail is sent),
contributions presenting the demo examples, and the compiled publication.

A second load finds the series in place and writes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from almenhub.examples.models import ExamplePage
from almenhub.home.models import HomePage
from almenhub.meetings.factories import meeting_create
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
from almenhub.publications.services import series_find
from almenhub.publishing.models import PublicationDraft
from almenhub.publishing.services import publication_compile
from almenhub.taxonomy.models import Theme

from .files import data_read


def _email(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return name.lower().translate(table).replace(" ", ".") + "@example.dk"


def _series_create(home: HomePage, spec: dict[str, Any]) -> MeetingSeriesPage:
    project = (
        ProjectPage.objects.filter(title=spec["project"]).first()
        or ProjectPage.objects.live().order_by("path").first()
    )
    series = MeetingSeriesPage(
        title=spec["title"],
        slug=spec["slug"],
        teaser=spec["teaser"],
        description=spec["description"],
        project=project,
        show_in_menus=True,
    )
    home.add_child(instance=series)
    series.themes.set(Theme.objects.filter(name__in=spec["themes"]))
    partner, _ = organisation_get_or_create(
        name=spec["co_organiser"], kind=OrganisationKind.NETWORK
    )
    series.co_organisers.set([partner])
    series.save_revision().publish()
    return MeetingSeriesPage.objects.get(pk=series.pk)


def _meeting_fields(data: dict[str, Any], spec: dict[str, Any], now) -> dict:
    defaults = data["meeting_defaults"]
    day = (now + datetime.timedelta(days=spec["days_from_now"])).date()
    hour, minute = map(int, defaults["start"].split("."))
    starts = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )
    city = spec["city"]
    return {
        "title": f"ERFA-møde i {city}",
        "slug": spec["slug"],
        "teaser": f"Værdiskabende drift: erfaringer fra driften i og omkring {city}.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=defaults["hours"]),
        "registration_deadline": starts
        - datetime.timedelta(days=defaults["deadline_days_before"]),
        "city": city,
        "venue": spec["venue"],
        "address": spec["address"],
        "capacity": defaults["capacity"],
        "price": Decimal(defaults["price"]),
        "no_show_fee": Decimal(defaults["no_show_fee"]),
        "max_per_organisation": defaults["max_per_organisation"],
        "agenda": AgendaBlock().to_python(
            [{"type": "item", "value": item} for item in data["agenda"]]
        ),
    }


def _registrations_load(
    meeting: MeetingPage, people: list[dict], offset: int, count: int | None
) -> None:
    sign_up_time = meeting.registration_deadline - datetime.timedelta(days=10)
    for n, row in enumerate((people[offset:] + people[:offset])[:count]):
        registration = registration_create(
            meeting=meeting,
            data=RegistrationInput(
                name=row["name"],
                organisation=row["organisation"],
                email=_email(row["name"]),
                job_title=row["job_title"],
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


def _publication_compile(series: MeetingSeriesPage, spec: dict[str, Any]) -> None:
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in spec.items()}
    fields["series"] = series_find(name=fields["series"])
    fields["year"] = fields["document_date"].year
    draft, _ = PublicationDraft.objects.get_or_create(
        title=fields.pop("title"), defaults={**fields, "meeting_series": series}
    )
    publication_compile(draft=draft)


@transaction.atomic
def demo_meetings_load() -> int:
    """Create the demo series; returns how many meetings were created."""
    data = data_read("meetings")
    home = HomePage.objects.first()
    slug = data["series"]["slug"]
    if home is None or MeetingSeriesPage.objects.filter(slug=slug).exists():
        return 0
    series = _series_create(home, data["series"])
    contact, _ = person_upsert(
        **data["contact"],
        organisation=series.co_organisers.first(),
        show_contact_details=True,
    )
    now = timezone.now()
    meetings = [
        meeting_create(series, **_meeting_fields(data, spec, now), contact=contact)
        for spec in data["meeting"]
    ]
    for i, (meeting, spec) in enumerate(zip(meetings, data["meeting"], strict=True)):
        _registrations_load(
            meeting, data["participant"], offset=i * 2, count=spec.get("sign_ups")
        )
    examples = list(
        ExamplePage.objects.live().public().order_by("first_published_at", "pk")[:8]
    )
    if examples:
        _contributions_load(meetings, examples)
        _publication_compile(series, data["publication"])
    return len(meetings)
