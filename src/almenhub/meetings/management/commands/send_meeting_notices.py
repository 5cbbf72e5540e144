from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from almenhub.meetings.notices import meeting_notices_send


class Command(BaseCommand):
    help = (
        "Send påmindelser til tilmeldte MEETINGS_REMINDER_DAYS_BEFORE dage før "
        "deres møde og besked til ventelisten, når et møde er holdt uden dem. "
        "Hver mail sendes én gang; kør den fx hver time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = meeting_notices_send()
        self.stdout.write(
            f"Sendte {counts.reminders} påmindelser "
            f"({settings.MEETINGS_REMINDER_DAYS_BEFORE} dage før) og "
            f"{counts.held_notices} beskeder til ventelister."
        )
