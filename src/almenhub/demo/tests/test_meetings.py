from __future__ import annotations

import pytest

from almenhub.demo.files import data_read
from almenhub.demo.meetings import demo_meetings_load
from almenhub.examples.factories import example_make
from almenhub.meetings.models import (
    Contribution,
    MeetingPage,
    MeetingSeriesPage,
    Registration,
)
from almenhub.publishing.models import PublicationDraft

pytestmark = pytest.mark.django_db


def test_demo_loads_four_meetings_and_a_publication_once(home_page, mailoutbox):
    for n in range(1, 5):
        example_make(n=n)
    assert demo_meetings_load() == 4
    meetings = MeetingPage.objects.filter(path__startswith=_series_path())
    assert {m.city for m in meetings} == {"Aarhus", "Odense", "Aalborg", "København"}
    assert Registration.objects.count() == 33
    assert Registration.objects.filter(status="waitlisted").count() == 6
    # A newcomer finds a meeting ahead with seats open, not only waitlists.
    states = {m.city: m.meeting_status() for m in meetings}
    assert states["København"].state == "open"
    assert states["København"].seats_left == 5
    assert states["Aarhus"].state == states["Odense"].state == "held"
    assert Registration.objects.filter(attended=False).exists()
    assert Contribution.objects.filter(is_highlight=True).exists()
    draft = PublicationDraft.objects.get()
    assert draft.publication.live and draft.document_id and draft.pages
    assert mailoutbox == []
    assert demo_meetings_load() == 0
    assert Registration.objects.count() == 33


def _series_path() -> str:
    slug = data_read("meetings")["series"]["slug"]
    return MeetingSeriesPage.objects.get(slug=slug).path
