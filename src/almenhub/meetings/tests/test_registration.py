"""Every sign-up rule, enforced by the one service all paths go through."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from almenhub.meetings.factories import meeting_create, person
from almenhub.meetings.models import Registration, RegistrationStatus
from almenhub.meetings.services import (
    PrivateRefusal,
    RegistrationInput,
    registration_create,
)
from almenhub.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_a_sign_up_is_confirmed_with_a_snapshot_of_the_consent_text(meeting):
    registration = registration_create(meeting=meeting, data=person(1))
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.consent is True
    assert "anonymiseres automatisk senest 6 måneder" in registration.consent_text
    assert registration.email == "deltager1@example.dk"


def test_required_fields_and_consent_are_named_in_danish(meeting):
    data = RegistrationInput(name=" ", organisation="", email="ikke-en-mail")
    with pytest.raises(ValidationError) as excinfo:
        registration_create(meeting=meeting, data=data)
    errors = errors_of(excinfo)
    assert errors["name"] == ["Navn: skriv dit navn."]
    assert errors["organisation"][0].startswith("Organisation:")
    assert errors["email"][0].startswith("Arbejdsmail: skriv en gyldig")
    assert errors["consent"][0].startswith("Samtykke:")
    assert not Registration.objects.exists()


def test_deadline_passed_is_refused(series):
    starts = timezone.now() + datetime.timedelta(days=3)
    meeting = meeting_create(
        series,
        starts_at=starts,
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    with pytest.raises(ValidationError) as excinfo:
        registration_create(meeting=meeting, data=person(1))
    assert "Tilmeldingsfristen var" in errors_of(excinfo)["__all__"][0]


def test_deadline_is_checked_at_the_moment_given(meeting):
    late = meeting.registration_deadline + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError):
        registration_create(meeting=meeting, data=person(1), now=late)
    on_time = meeting.registration_deadline
    assert registration_create(meeting=meeting, data=person(1), now=on_time).pk


def test_duplicate_email_is_refused_whatever_its_case(meeting):
    registration_create(meeting=meeting, data=person(1))
    again = RegistrationInput(
        name="Deltager 1 igen",
        organisation="Andet sted",
        email="  DELTAGER1@Example.DK ",
        consent=True,
    )
    with pytest.raises(ValidationError) as excinfo:
        registration_create(meeting=meeting, data=again)
    assert "er allerede tilmeldt" in errors_of(excinfo)["email"][0]
    assert meeting.registrations.count() == 1


def test_the_same_email_may_sign_up_for_another_meeting(series, meeting):
    other = meeting_create(series, slug="odense", city="Odense")
    registration_create(meeting=meeting, data=person(1))
    assert registration_create(meeting=other, data=person(1)).pk


def test_per_organisation_cap_counts_names_as_typed(meeting):
    meeting.max_per_organisation = 2
    meeting.save()
    registration_create(meeting=meeting, data=person(1, "Boligselskabet Fjordbo"))
    registration_create(meeting=meeting, data=person(2, "boligselskabet  FJORDBO"))
    with pytest.raises(ValidationError) as excinfo:
        registration_create(meeting=meeting, data=person(3, " Boligselskabet Fjordbo"))
    message = errors_of(excinfo)["organisation"][0]
    assert message.startswith("Organisation:")
    assert "højst 2 pladser pr. organisation" in message
    # Another organisation still gets in.
    assert registration_create(meeting=meeting, data=person(4, "Lyngbo")).pk


def test_a_full_meeting_puts_people_on_the_waitlist(meeting):
    meeting.capacity = 2
    meeting.save()
    statuses = [
        registration_create(meeting=meeting, data=person(n, f"Org {n}")).status
        for n in range(4)
    ]
    assert statuses == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.WAITLISTED,
    ]
    assert meeting.seats_left() == 0


def test_confirmation_and_waitlist_emails_are_sent(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting.capacity = 1
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(meeting=meeting, data=person(1))
        registration_create(meeting=meeting, data=person(2, "Lyngbo"))
    assert [m.to for m in mailoutbox] == [
        ["deltager1@example.dk"],
        ["deltager2@example.dk"],
    ]
    confirmed, waitlisted = mailoutbox
    assert confirmed.subject == f"Du er tilmeldt: {meeting.title}"
    assert [a[0] for a in confirmed.attachments] == ["invitation.ics"]
    assert "/afmeld/" in confirmed.body
    assert confirmed.alternatives[0][1] == "text/html"
    assert waitlisted.subject.startswith("Du er på venteliste")
    assert waitlisted.attachments == []


def test_no_email_when_the_transaction_rolls_back(meeting, mailoutbox):
    registration_create(meeting=meeting, data=person(1))
    # The test's own transaction never commits: nothing was sent.
    assert mailoutbox == []


@pytest.mark.parametrize(
    "spelling",
    [
        "Boligforeningen Engparken.",
        "Boligforeningen Eng\u200bparken",
        "Boligforeningen Eng\u00adparken",
        "Boligforeningen Engparken A/S",
        "boligforeningen  engparken a.m.b.a.",
        "Boligforeningen\u00a0Engparken",
    ],
)
def test_the_organisation_cap_sees_through_spellings(meeting, spelling):
    meeting.max_per_organisation = 2
    meeting.save()
    registration_create(meeting=meeting, data=person(1, "Boligforeningen Engparken"))
    registration_create(meeting=meeting, data=person(2, "Boligforeningen Engparken"))
    with pytest.raises(PrivateRefusal) as excinfo:
        registration_create(meeting=meeting, data=person(3, spelling))
    assert excinfo.value.kind == "organisation_full"
    assert "højst 2 pladser pr. organisation" in errors_of(excinfo)["organisation"][0]
    assert meeting.registrations.count() == 2


def test_the_organisation_cap_counts_the_chosen_organisation(meeting):
    """Sign-ups linked to an organisation count for it even when it has been
    renamed since they were typed."""
    organisation = Organisation.objects.create(name="Fjordbo")
    meeting.max_per_organisation = 2
    meeting.save()
    for n in (1, 2):
        registration = registration_create(meeting=meeting, data=person(n, "Fjordbo"))
        assert registration.organisation == organisation
    organisation.name = "Boligselskabet Fjordbo"
    organisation.save()
    with pytest.raises(PrivateRefusal):
        registration_create(meeting=meeting, data=person(3, "Boligselskabet Fjordbo"))


def test_an_address_already_signed_up_is_a_private_refusal(meeting):
    first = registration_create(meeting=meeting, data=person(1))
    with pytest.raises(PrivateRefusal) as excinfo:
        registration_create(meeting=meeting, data=person(1, "Andet sted"))
    assert excinfo.value.kind == "already_registered"
    assert excinfo.value.registration_id == first.pk


def test_the_consent_box_is_described_by_the_consent_text(client, meeting):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(meeting.url + "tilmeld/").content, "html.parser")
    box = soup.select_one("input[name=consent]")
    described = soup.find(id=box["aria-describedby"])
    assert described is not None, box["aria-describedby"]
    series = meeting.get_parent().specific
    assert described.get_text(strip=True) == series.effective_consent_text
