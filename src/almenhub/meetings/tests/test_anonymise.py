"""Personal data goes after the set number of months; the statistics stay."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from almenhub.meetings.factories import meeting_create, person
from almenhub.meetings.models import Registration
from almenhub.meetings.selectors import registration_statistics
from almenhub.meetings.services import (
    months_before,
    registration_attendance_set,
    registration_cancel,
    registration_create,
)
from almenhub.meetings.tokens import registration_token

pytestmark = pytest.mark.django_db


def as_tuples(rows):
    return [
        (
            r.organisation,
            r.registered,
            r.confirmed,
            r.waitlisted,
            r.cancelled,
            r.attended,
            r.no_shows,
        )
        for r in rows
    ]


@pytest.fixture
def past_meeting(series):
    starts = timezone.now() + datetime.timedelta(days=10)
    meeting = meeting_create(
        series, slug="kolding", city="Kolding", capacity=3, starts_at=starts
    )
    registrations = [
        registration_create(meeting=meeting, data=person(1, "Fjordbo")),
        registration_create(meeting=meeting, data=person(2, "fjordbo ")),
        registration_create(meeting=meeting, data=person(3, "Lyngbo")),
        registration_create(meeting=meeting, data=person(4, "Lyngbo")),
    ]
    registration_cancel(token=registration_token(registrations[2]))
    registrations[0].refresh_from_db()
    registration_attendance_set(registration=registrations[0], attended=True)
    registration_attendance_set(registration=registrations[1], attended=False)
    # The meeting is then moved seven months into the past.
    past = timezone.now() - datetime.timedelta(days=7 * 31)
    MeetingPageModel = type(meeting)
    MeetingPageModel.objects.filter(pk=meeting.pk).update(
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=4),
        registration_deadline=past - datetime.timedelta(days=7),
    )
    return meeting


def test_months_before_clamps_to_the_end_of_the_month():
    moment = datetime.datetime(2025, 8, 31, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 6) == datetime.datetime(
        2025, 2, 28, 12, tzinfo=datetime.UTC
    )
    assert months_before(moment, 12).year == 2024


def test_the_command_anonymises_old_registrations_and_keeps_the_numbers(
    past_meeting, meeting, series
):
    recent = registration_create(meeting=meeting, data=person(9, "Fjordbo"))
    before_meeting = as_tuples(registration_statistics(meeting=past_meeting))
    before_series = as_tuples(registration_statistics(series=series))
    assert before_meeting == [
        ("Fjordbo", 2, 2, 0, 0, 1, 1),
        ("Lyngbo", 2, 1, 0, 1, 0, 0),
    ]

    out = StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert "Anonymiserede 4 tilmeldinger" in out.getvalue()

    for r in Registration.objects.filter(meeting=past_meeting):
        assert r.anonymised_at is not None
        assert (r.name, r.email, r.job_title, r.dietary_needs) == ("", "", "", "")
        assert r.organisation_name in {"Fjordbo", "fjordbo", "Lyngbo"}
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.email == "deltager9@example.dk"

    assert as_tuples(registration_statistics(meeting=past_meeting)) == before_meeting
    assert as_tuples(registration_statistics(series=series)) == before_series

    out = StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert "Anonymiserede 0 tilmeldinger" in out.getvalue()


def test_the_setting_decides_how_long_data_is_kept(past_meeting, settings):
    settings.MEETINGS_ANONYMISE_AFTER_MONTHS = 12
    call_command("anonymise_registrations", stdout=StringIO())
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()


def test_an_anonymised_registration_cannot_be_cancelled(past_meeting):
    from almenhub.meetings.tokens import InvalidToken, registration_from_token

    registration = Registration.objects.filter(meeting=past_meeting).first()
    token = registration_token(registration)
    call_command("anonymise_registrations", stdout=StringIO())
    with pytest.raises(InvalidToken):
        registration_from_token(token)
