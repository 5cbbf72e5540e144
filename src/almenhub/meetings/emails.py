"""The e-mails a participant receives, in Danish, as text and HTML.

The confirmation, the promotion from the waitlist and the reminder carry
the calendar invitation; the cancellation of a seat carries its METHOD:CANCEL
counterpart so that the event leaves the participant's calendar again. The
waitlist never had an invitation, so its e-mails carry no calendar file.
"""

from __future__ import annotations

import enum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import timezone

from almenhub.meetings.calendar import registration_ics
from almenhub.meetings.models import Registration
from almenhub.meetings.tokens import registration_token


class EmailKind(enum.StrEnum):
    """Which e-mail a participant gets. The first two are also the statuses
    a sign-up can have (`RegistrationStatus`), so a new sign-up's status names
    its e-mail; the templates read `kind` as the string."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    WAITLIST_CANCELLED = "waitlist_cancelled"
    REMINDER = "reminder"
    HELD_WITHOUT_YOU = "held_without_you"
    ALREADY_REGISTERED = "already_registered"
    ORGANISATION_FULL = "organisation_full"


SUBJECTS = {
    EmailKind.CONFIRMED: "Du er tilmeldt: {title}",
    EmailKind.WAITLISTED: "Du er på venteliste: {title}",
    EmailKind.PROMOTED: "Der er blevet plads – du er tilmeldt: {title}",
    EmailKind.CANCELLED: "Du er afmeldt: {title}",
    EmailKind.WAITLIST_CANCELLED: "Du er taget af ventelisten: {title}",
    EmailKind.REMINDER: "Påmindelse: {title} den {date}",
    EmailKind.HELD_WITHOUT_YOU: "Mødet er holdt uden dig: {title}",
    EmailKind.ALREADY_REGISTERED: "Du er allerede tilmeldt: {title}",
    EmailKind.ORGANISATION_FULL: "Din tilmelding blev ikke gennemført: {title}",
}
WITH_INVITATION = {EmailKind.CONFIRMED, EmailKind.PROMOTED, EmailKind.REMINDER}
# No cancellation link: nothing to cancel, or no sign-up at all.
WITHOUT_CANCEL_LINK = {
    EmailKind.CANCELLED,
    EmailKind.WAITLIST_CANCELLED,
    EmailKind.HELD_WITHOUT_YOU,
    EmailKind.ORGANISATION_FULL,
}


def registration_email(
    *, registration: Registration, kind: str
) -> EmailMultiAlternatives:
    if kind not in SUBJECTS:
        raise ValueError(f"Unknown kind of meeting e-mail: {kind!r}")
    meeting = registration.meeting
    starts_at = timezone.localtime(meeting.starts_at)
    context = {
        "kind": kind,
        "registration": registration,
        # The link's purpose in the recipient's words: a seat to give up, or a
        # place on the waitlist to leave (which frees nobody a seat).
        "on_waitlist": registration.status == "waitlisted",
        "with_invitation": kind in WITH_INVITATION,
        # Price and fee matter to someone who has or may get a seat.
        "with_terms": kind not in WITHOUT_CANCEL_LINK,
        "meeting": meeting,
        "starts_at": starts_at,
        "ends_at": timezone.localtime(meeting.ends_at),
        "deadline": timezone.localtime(meeting.registration_deadline),
        "meeting_url": meeting.full_url or "",
        "cancel_url": (
            meeting.full_subpage_url("cancel", token=registration_token(registration))
            if kind not in WITHOUT_CANCEL_LINK
            else ""
        ),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(
            title=meeting.title, date=date_filter(starts_at, "j. F")
        ),
        body=render_to_string("meetings/email/registration.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(
        render_to_string("meetings/email/registration.html", context), "text/html"
    )
    if kind in WITH_INVITATION:
        message.attach(
            "invitation.ics",
            registration_ics(registration=registration),
            "text/calendar",
        )
    elif kind == EmailKind.CANCELLED:
        # Only a seat had an invitation to withdraw; the waitlist's own
        # cancellation (WAITLIST_CANCELLED) has none.
        message.attach(
            "afmelding.ics",
            registration_ics(registration=registration, cancel=True),
            "text/calendar",
        )
    return message
