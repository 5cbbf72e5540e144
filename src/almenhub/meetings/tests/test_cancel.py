"""Cancelling by the signed link, and the waitlist moving up."""

from __future__ import annotations

import pytest

from almenhub.meetings.factories import meeting_create, person
from almenhub.meetings.models import RegistrationStatus
from almenhub.meetings.services import (
    registration_cancel,
    registration_create,
)
from almenhub.meetings.tokens import (
    InvalidToken,
    registration_from_token,
    registration_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_meeting(meeting):
    meeting.capacity = 2
    meeting.save()
    return meeting


def sign_up(meeting, *numbers):
    return [
        registration_create(meeting=meeting, data=person(n, f"Org {n}"))
        for n in numbers
    ]


def test_cancelling_promotes_the_first_on_the_waitlist_and_tells_them(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second, third, fourth = sign_up(full_meeting, 1, 2, 3, 4)
    assert third.status == fourth.status == RegistrationStatus.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = registration_cancel(token=registration_token(first))

    assert cancelled.status == RegistrationStatus.CANCELLED
    assert cancelled.cancelled_at is not None
    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    assert third.promoted_at is not None
    assert fourth.status == RegistrationStatus.WAITLISTED

    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert by_recipient["deltager1@example.dk"].subject.startswith("Du er afmeldt")
    promoted_mail = by_recipient["deltager3@example.dk"]
    assert promoted_mail.subject.startswith("Der er blevet plads")
    assert [a[0] for a in promoted_mail.attachments] == ["invitation.ics"]
    assert "deltager4@example.dk" not in by_recipient


def test_cancelling_twice_changes_nothing(full_meeting):
    first, *_ = sign_up(full_meeting, 1, 2, 3)
    token = registration_token(first)
    registration_cancel(token=token)
    again, promoted = registration_cancel(token=token)
    assert again.status == RegistrationStatus.CANCELLED
    assert promoted == []
    assert full_meeting.registrations.filter(status="confirmed").count() == 2


def test_a_waitlisted_person_who_cancels_frees_no_seat(full_meeting):
    _first, _second, third, fourth = sign_up(full_meeting, 1, 2, 3, 4)
    _, promoted = registration_cancel(token=registration_token(third))
    assert promoted == []
    fourth.refresh_from_db()
    assert fourth.status == RegistrationStatus.WAITLISTED


def test_a_cancelled_email_can_sign_up_again(full_meeting):
    (first,) = sign_up(full_meeting, 1)
    registration_cancel(token=registration_token(first))
    assert registration_create(meeting=full_meeting, data=person(1)).pk


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "x" + t,
        lambda t: t[: len(t) // 2],
        lambda t: t + "!",
        lambda t: "",
    ],
)
def test_a_tampered_token_is_refused(full_meeting, tamper):
    (first,) = sign_up(full_meeting, 1)
    with pytest.raises(InvalidToken):
        registration_from_token(tamper(registration_token(first)))
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED


def test_the_cancel_link_asks_before_it_cancels(full_meeting, client):
    first, _, third = sign_up(full_meeting, 1, 2, 3)
    url = full_meeting.url + full_meeting.reverse_subpage(
        "cancel", kwargs={"token": registration_token(first)}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Ja, meld mig fra" in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED

    response = client.post(url)
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()
    first.refresh_from_db()
    third.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert third.status == RegistrationStatus.CONFIRMED


def test_a_tampered_link_gives_a_danish_400_page(full_meeting, client):
    (first,) = sign_up(full_meeting, 1)
    token = registration_token(first)
    bad = token[:-2] + ("xy" if not token.endswith("xy") else "zz")
    url = full_meeting.url + full_meeting.reverse_subpage(
        "cancel", kwargs={"token": bad}
    )
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 400
        assert "Linket virker ikke" in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED


def test_a_link_for_another_meeting_is_refused(series, full_meeting, client):
    other = meeting_create(series, slug="odense", city="Odense")
    (first,) = sign_up(full_meeting, 1)
    url = other.url + other.reverse_subpage(
        "cancel", kwargs={"token": registration_token(first)}
    )
    assert client.post(url).status_code == 400
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED


def test_raising_the_capacity_hands_seats_to_the_waitlist(full_meeting):
    *_, third, fourth = sign_up(full_meeting, 1, 2, 3, 4)
    full_meeting.capacity = 3
    full_meeting.save_revision().publish()
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    assert fourth.status == RegistrationStatus.WAITLISTED
