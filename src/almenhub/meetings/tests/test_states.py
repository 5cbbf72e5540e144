"""A meeting's state for the visitor (open, full, closed, held) on its page
and in its series, and the e-mails each state of a sign-up gets: the waitlist
its own words and no calendar file, a reminder before the meeting, and word
to the waitlist when the meeting was held without them."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from almenhub.meetings.factories import meeting_create, person
from almenhub.meetings.models import Contribution, RegistrationStatus
from almenhub.meetings.notices import meeting_notices_send
from almenhub.meetings.services import registration_cancel, registration_create
from almenhub.meetings.tokens import registration_token
from almenhub.worker.models import JobRun

pytestmark = pytest.mark.django_db


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def past_meeting(series, **fields):
    starts = timezone.now() - datetime.timedelta(days=20)
    return meeting_create(
        series,
        slug="odense",
        title="ERFA-møde i Odense",
        city="Odense",
        starts_at=starts,
        registration_deadline=starts - datetime.timedelta(days=7),
        **fields,
    )


def test_a_held_meeting_is_shown_as_held_with_its_contributions(series, client):
    held = past_meeting(series, capacity=1)
    registration_create(
        meeting=held,
        data=person(1),
        now=held.starts_at - datetime.timedelta(days=10),
        notify=False,
    )
    Contribution.objects.create(
        meeting=held, title="Vild eng i Engparken", is_highlight=True
    )
    soup = soup_of(client, held.url)
    main = soup.find("main")
    text = main.get_text(" ", strip=True)
    assert main.select_one(".meeting-state").get_text(strip=True) == "Afholdt"
    assert "Afholdt – tilmeldingen er lukket" in text
    assert "Fuldt booket" not in text and "venteliste" not in text
    assert not main.find("a", string=lambda s: s and "Føj til kalender" in s)
    assert not main.select(".meeting-actions a")
    assert (
        main.find(id="oplaeg").get_text(strip=True) == "Oplæg og erfaringer fra mødet"
    )
    assert "Delt i plenum" in text and "Vild eng i Engparken" in text

    form = soup_of(client, held.url + "tilmeld/")
    assert form.find("form", method="post") is None
    assert "Mødet er afholdt, og tilmeldingen er lukket." in form.get_text(
        " ", strip=True
    )


def test_the_series_shows_each_meetings_seats_or_state(series, client):
    open_meeting = meeting_create(series, capacity=5)
    registration_create(meeting=open_meeting, data=person(1), notify=False)
    full = meeting_create(
        series, slug="aalborg", title="ERFA-møde i Aalborg", city="Aalborg", capacity=1
    )
    registration_create(meeting=full, data=person(2), notify=False)
    past_meeting(series)
    soup = soup_of(client, series.url)
    states = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(
            ".meeting-card__state"
        ).get_text(strip=True)
        for card in soup.select(".meeting-card")
    }
    assert states == {
        "ERFA-møde i Aarhus": "4 ledige pladser",
        "ERFA-møde i Aalborg": "Fuldt booket – tilmelding til venteliste",
        "ERFA-møde i Odense": "Afholdt",
    }


@pytest.fixture
def full_meeting(meeting):
    meeting.capacity = 1
    meeting.save()
    return meeting


def test_the_waitlist_is_told_it_has_no_seat_and_gets_no_calendar_file(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(meeting=full_meeting, data=person(1))
        waiting = registration_create(meeting=full_meeting, data=person(2, "Org 2"))
    notice = mailoutbox[-1]
    assert notice.subject.startswith("Du er på venteliste")
    assert notice.attachments == []
    assert "Du har ikke en plads endnu" in notice.body
    assert "så din plads kan gå til en på ventelisten" not in notice.body
    assert "Vil du ikke længere stå på ventelisten? Meld fra her:" in notice.body

    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = registration_cancel(token=registration_token(waiting))
    assert promoted == [] and cancelled.cancelled_from_waitlist
    goodbye = mailoutbox[-1]
    assert goodbye.to == ["deltager2@example.dk"]
    assert goodbye.subject.startswith("Du er taget af ventelisten")
    assert goodbye.attachments == [], "no CANCEL .ics for an invitation never sent"
    assert "pladsen går til" not in goodbye.body and "din plads går" not in goodbye.body


def test_cancelling_a_seat_still_withdraws_its_invitation(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seated = registration_create(meeting=full_meeting, data=person(1))
        registration_cancel(token=registration_token(seated))
    goodbye = mailoutbox[-1]
    assert goodbye.subject.startswith("Du er afmeldt")
    assert [a[0] for a in goodbye.attachments] == ["afmelding.ics"]
    assert "METHOD:CANCEL" in goodbye.attachments[0][1]


def test_the_cancel_page_speaks_to_the_waitlist(full_meeting, client):
    registration_create(meeting=full_meeting, data=person(1), notify=False)
    waiting = registration_create(
        meeting=full_meeting, data=person(2, "Org 2"), notify=False
    )
    url = full_meeting.url + f"afmeld/{registration_token(waiting)}/"
    asking = soup_of(client, url)
    assert asking.find("button").get_text(strip=True) == "Ja, tag mig af ventelisten"
    done = BeautifulSoup(client.post(url).content, "html.parser")
    assert done.h1.get_text(strip=True) == "Du er taget af ventelisten"
    assert "ventelisten" in done.select_one(".lead").get_text()
    assert "pladsen går til" not in done.get_text()


def test_a_held_meeting_cannot_be_cancelled(series, client):
    held = past_meeting(series)
    seated = registration_create(
        meeting=held,
        data=person(1),
        now=held.starts_at - datetime.timedelta(days=10),
        notify=False,
    )
    url = held.url + f"afmeld/{registration_token(seated)}/"
    page = BeautifulSoup(client.post(url).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Mødet er afholdt"
    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.CONFIRMED


def test_reminders_go_out_once_days_before_with_invitation_and_cancel_link(
    series, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MEETINGS_REMINDER_DAYS_BEFORE = 3
    soon = meeting_create(
        series,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        registration_deadline=timezone.now() + datetime.timedelta(days=1),
        capacity=1,
    )
    later = meeting_create(
        series, slug="senere", starts_at=timezone.now() + datetime.timedelta(days=10)
    )
    seated = registration_create(meeting=soon, data=person(1), notify=False)
    registration_create(meeting=soon, data=person(2, "Org 2"), notify=False)  # waitlist
    registration_create(meeting=later, data=person(3), notify=False)

    with django_capture_on_commit_callbacks(execute=True):
        counts = meeting_notices_send()
    assert (counts.reminders, counts.held_notices) == (1, 0)
    assert [m.to for m in mailoutbox] == [["deltager1@example.dk"]]
    reminder = mailoutbox[0]
    assert reminder.subject.startswith(f"Påmindelse: {soon.title} den ")
    assert [a[0] for a in reminder.attachments] == ["invitation.ics"]
    assert (
        soon.full_subpage_url("cancel", token=registration_token(seated))
        in reminder.body
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = meeting_notices_send()
    assert again.reminders == 0 and len(mailoutbox) == 1

    settings.MEETINGS_REMINDER_DAYS_BEFORE = 11
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_notices_send().reminders == 1
    assert mailoutbox[-1].to == ["deltager3@example.dk"]


def test_the_waitlist_hears_when_the_meeting_was_held_without_them(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    registration_create(meeting=full_meeting, data=person(1), notify=False)
    registration_create(meeting=full_meeting, data=person(2, "Org 2"), notify=False)
    during = full_meeting.starts_at + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = meeting_notices_send(now=during)
    assert counts.held_notices == 1
    note = mailoutbox[-1]
    assert note.to == ["deltager2@example.dk"]
    assert note.subject.startswith("Mødet er holdt uden dig")
    assert note.attachments == [] and "afmeld" not in note.body
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_notices_send(now=during).held_notices == 0


def test_the_command_sends_the_notices(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.MEETINGS_REMINDER_DAYS_BEFORE = 40
    registration_create(meeting=full_meeting, data=person(1), notify=False)
    from io import StringIO

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_notices", stdout=out)
    assert "Sendte 1 påmindelser (40 dage før)" in out.getvalue()
    assert len(mailoutbox) == 1


def test_the_scheduler_sends_the_reminders(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.MEETINGS_REMINDER_DAYS_BEFORE = 40
    registration_create(meeting=full_meeting, data=person(1), notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", once=True)
    reminders = [m for m in mailoutbox if m.subject.startswith("Påmindelse: ")]
    assert [m.to for m in reminders] == [["deltager1@example.dk"]]
    run = JobRun.objects.get(name="meetings.reminders_send")
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert run.message.startswith("1 påmindelser")
