"""Reads for meetings: participant lists and statistics."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from almenhub.meetings.models import (
    MeetingPage,
    MeetingSeriesPage,
    Registration,
    RegistrationStatus,
)
from almenhub.organisations.names import organisation_key


def meeting_registrations(*, meeting: MeetingPage) -> QuerySet[Registration]:
    return meeting.registrations.select_related("organisation").order_by(
        "status", "created_at", "pk"
    )


@dataclass
class OrganisationCount:
    """How one organisation took part. Built from the fields anonymisation
    keeps, so the numbers are the same before and after."""

    organisation: str
    registered: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    attended: int = 0
    no_shows: int = 0


def registration_statistics(
    *, meeting: MeetingPage | None = None, series: MeetingSeriesPage | None = None
) -> list[OrganisationCount]:
    """Counts per organisation for one meeting or a whole series, most
    registrations first. Organisation names are matched case- and
    space-insensitively, as participants type them."""
    if (meeting is None) == (series is None):
        raise ValueError("Give either a meeting or a meeting series.")
    if meeting is not None:
        registrations = Registration.objects.filter(meeting=meeting)
    else:
        meetings = MeetingPage.objects.child_of(series)
        registrations = Registration.objects.filter(meeting__in=meetings)
    counts: dict[str, OrganisationCount] = {}
    rows = registrations.order_by("created_at", "pk").values_list(
        "organisation_name", "status", "attended"
    )
    for organisation, status, attended in rows:
        key = organisation_key(organisation)
        row = counts.setdefault(key, OrganisationCount(organisation=organisation))
        row.registered += 1
        if status == RegistrationStatus.CONFIRMED:
            row.confirmed += 1
        elif status == RegistrationStatus.WAITLISTED:
            row.waitlisted += 1
        else:
            row.cancelled += 1
        if attended is True:
            row.attended += 1
        elif attended is False:
            row.no_shows += 1
    return sorted(counts.values(), key=lambda r: (-r.registered, r.organisation))
