"""The meetings' periodic jobs (see almenhub.worker.scheduling)."""

from __future__ import annotations

from datetime import timedelta

from almenhub.meetings.services import anonymise_after_months, registrations_anonymise
from almenhub.worker.scheduling import periodic


@periodic(every=timedelta(days=1), name="meetings.anonymise_registrations")
def meetings_anonymise_registrations() -> str:
    months = anonymise_after_months()
    count = registrations_anonymise(months=months)
    return f"{count} tilmeldinger anonymiseret (møder slut for over {months} mdr.)"
