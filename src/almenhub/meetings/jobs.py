"""The meetings' periodic jobs (see almenhub.worker.scheduling)."""

from __future__ import annotations

from datetime import timedelta

from almenhub.meetings.notices import meeting_notices_send
from almenhub.meetings.services import anonymise_after_months, registrations_anonymise
from almenhub.worker.scheduling import periodic


@periodic(every=timedelta(days=1), name="meetings.anonymise_registrations")
def meetings_anonymise_registrations() -> str:
    months = anonymise_after_months()
    count = registrations_anonymise(months=months)
    return f"{count} tilmeldinger anonymiseret (møder slut for over {months} mdr.)"


# Hourly: a reminder is due MEETINGS_REMINDER_DAYS_BEFORE days ahead, to the
# hour the meeting starts; each registration is told once (its stamp).
@periodic(every=timedelta(hours=1), name="meetings.reminders_send")
def meetings_reminders_send() -> str:
    counts = meeting_notices_send()
    return (
        f"{counts.reminders} påmindelser og "
        f"{counts.held_notices} beskeder til ventelister sendt"
    )
