"""The .ics files, read back by a real iCalendar parser."""

from __future__ import annotations

import datetime

import pytest
from icalendar import Calendar

from almenhub.meetings.calendar import registration_uid
from almenhub.meetings.factories import person
from almenhub.meetings.services import registration_create
from almenhub.people.models import Person

pytestmark = pytest.mark.django_db


def only_event(data: bytes):
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_the_meeting_page_offers_its_ics(meeting, client):
    response = client.get(meeting.url + "kalender/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="aarhus.ics"'
    calendar, event = only_event(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["SUMMARY"]) == meeting.title
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert str(event["LOCATION"]) == "Fjordbo Beboerhus, Havnegade 12, 8000 Aarhus C"
    # The page links to it.
    page = client.get(meeting.url).content.decode()
    assert 'href="/vaerdiskabende-drift/aarhus/kalender/"' in page


def test_the_confirmation_carries_an_invitation(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    contact = Person.objects.create(
        name="Mette Holm", email="mh@example.dk", show_contact_details=True
    )
    meeting.contact = contact
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(meeting=meeting, data=person(1))
    (mail,) = mailoutbox
    (name, content, mimetype) = mail.attachments[0]
    assert (name, mimetype) == ("invitation.ics", "text/calendar")
    data = content.encode() if isinstance(content, str) else content
    calendar, event = only_event(data)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == registration_uid(registration)
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event["ORGANIZER"]) == "mailto:mh@example.dk"
    assert event["ORGANIZER"].params["CN"] == "Mette Holm"
    assert str(event["ATTENDEE"]) == "mailto:deltager1@example.dk"
    assert "Havnegade 12" in str(event["LOCATION"])


def test_the_uid_is_stable_and_the_cancellation_reuses_it(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    from almenhub.meetings.services import registration_cancel
    from almenhub.meetings.tokens import registration_token

    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(meeting=meeting, data=person(1))
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(token=registration_token(registration))
    invitation, cancellation = (m.attachments[0][1] for m in mailoutbox)
    as_bytes = [
        c.encode() if isinstance(c, str) else c for c in (invitation, cancellation)
    ]
    (_, first), (calendar, second) = (only_event(b) for b in as_bytes)
    assert str(first["UID"]) == str(second["UID"]) == registration_uid(registration)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


def test_a_hidden_contact_is_not_the_organizer(meeting):
    from almenhub.meetings.calendar import meeting_ics

    meeting.contact = Person.objects.create(
        name="Skjult", email="skjult@example.dk", show_contact_details=False
    )
    _, event = only_event(meeting_ics(meeting=meeting))
    assert "skjult@example.dk" not in str(event["ORGANIZER"])
