"""Background work for meetings, run through the tasks framework."""

from __future__ import annotations

from django_tasks import task

from almenhub.meetings.emails import registration_email
from almenhub.meetings.models import Registration


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
    registration_email(registration=registration, kind=kind).send()
    return True
