"""Background work for meetings, run through the tasks framework: the
e-mails are rendered here and sent by the worker with retries (worker.mail)."""

from __future__ import annotations

from django_tasks import task

from almenhub.meetings.emails import registration_email
from almenhub.meetings.models import MeetingPage, Registration
from almenhub.worker.mail import mail_send


@task()
def registration_email_send(*, registration_id: int, kind: str) -> bool:
    """Send one participant e-mail; False when the registration is gone or
    anonymised in the meantime."""
    registration = (
        Registration.objects.select_related("meeting", "meeting__contact")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None or not registration.email:
        return False
    mail_send(message=registration_email(registration=registration, kind=kind))
    return True


@task()
def refusal_email_send(
    *,
    meeting_id: int,
    kind: str,
    registration_id: int | None,
    name: str,
    email: str,
    organisation: str,
) -> bool:
    """Tell the owner of an address why the form's sign-up did not happen:
    the address was already signed up (with that sign-up's own links), or its
    organisation had all its seats."""
    existing = (
        Registration.objects.select_related("meeting", "meeting__contact")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
        if registration_id is not None
        else None
    )
    if existing is not None:
        mail_send(message=registration_email(registration=existing, kind=kind))
        return True
    meeting = MeetingPage.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return False
    # Never saved: it only carries the name and address into the e-mail.
    unsaved = Registration(
        meeting=meeting, name=name, email=email, organisation_name=organisation
    )
    mail_send(message=registration_email(registration=unsaved, kind=kind))
    return True
