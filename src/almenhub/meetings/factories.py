"""Builders for meetings, shared by the tests, the benchmarks and the demo."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from almenhub.meetings.models import MeetingPage, MeetingSeriesPage
from almenhub.meetings.services import RegistrationInput


def meeting_create(series: MeetingSeriesPage, **fields: Any) -> MeetingPage:
    """A published meeting in `series`: a month from now, unless told."""
    default_start = (timezone.now() + datetime.timedelta(days=30)).replace(
        minute=0, second=0, microsecond=0
    )
    starts = fields.pop("starts_at", default_start)
    defaults = {
        "title": "ERFA-møde i Aarhus",
        "slug": "aarhus",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=5),
        "registration_deadline": starts - datetime.timedelta(days=7),
        "city": "Aarhus",
        "venue": "Fjordbo Beboerhus",
        "address": "Havnegade 12, 8000 Aarhus C",
        "capacity": 5,
        "price": Decimal("450.00"),
        "no_show_fee": Decimal("300.00"),
    }
    defaults.update(fields)
    meeting = MeetingPage(**defaults)
    series.add_child(instance=meeting)
    meeting.save_revision().publish()
    return MeetingPage.objects.get(pk=meeting.pk)


def person(n: int, organisation: str = "Boligselskabet Fjordbo") -> RegistrationInput:
    """A registration's details for participant number `n`."""
    return RegistrationInput(
        name=f"Deltager {n}",
        organisation=organisation,
        email=f"deltager{n}@example.dk",
        job_title="Driftschef",
        consent=True,
    )
