"""The scheduled meeting e-mails (the periodic job `meetings.reminders_send`
in jobs.py): reminders before a meeting and, for the waitlist, word that it
was held without them. Each registration is stamped, so each is told once,
whoever runs the job and however often."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from almenhub.meetings.emails import EmailKind
from almenhub.meetings.models import Registration, RegistrationStatus
from almenhub.meetings.services import registration_email_enqueue

# Meetings that started longer ago than this get no "held without you"
# notice: the job must not write to a waitlist of an old, imported meeting.
HELD_NOTICE_WINDOW = datetime.timedelta(days=7)


@dataclass(frozen=True)
class NoticeCounts:
    reminders: int
    held_notices: int


def _notify_once(
    *, kind: EmailKind, stamp: str, now: datetime.datetime, **conditions: Any
) -> int:
    """E-mail `kind` to every registration matching `conditions` whose `stamp`
    field is empty, and stamp them: each is told once, whoever runs the job."""
    due = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(
            anonymised_at__isnull=True,
            meeting__live=True,
            **{f"{stamp}__isnull": True},
            **conditions,
        )
        .exclude(email="")
    )
    for registration in due:
        registration_email_enqueue(registration=registration, kind=kind)
    Registration.objects.filter(pk__in=[r.pk for r in due]).update(**{stamp: now})
    return len(due)


def meeting_notices_send(*, now: datetime.datetime | None = None) -> NoticeCounts:
    """The scheduled meeting e-mails, each sent once per registration:
    a reminder (with the invitation again and the cancel link) to everyone
    with a seat, `MEETINGS_REMINDER_DAYS_BEFORE` days before the meeting; and
    to those still on the waitlist when a meeting has started, word that it
    was held without them."""
    now = now or timezone.now()
    ahead = datetime.timedelta(days=settings.MEETINGS_REMINDER_DAYS_BEFORE)
    with transaction.atomic():
        reminders = _notify_once(
            kind=EmailKind.REMINDER,
            stamp="reminder_sent_at",
            now=now,
            status=RegistrationStatus.CONFIRMED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + ahead,
        )
        held_notices = _notify_once(
            kind=EmailKind.HELD_WITHOUT_YOU,
            stamp="held_notice_sent_at",
            now=now,
            status=RegistrationStatus.WAITLISTED,
            meeting__starts_at__lte=now,
            meeting__starts_at__gt=now - HELD_NOTICE_WINDOW,
        )
    return NoticeCounts(reminders=reminders, held_notices=held_notices)
