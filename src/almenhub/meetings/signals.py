from __future__ import annotations

from typing import Any

from almenhub.meetings.models import MeetingPage
from almenhub.meetings.services import meeting_waitlist_fill


def meeting_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An editor who adds seats to a full meeting hands them to the waitlist
    at once, in sign-up order."""
    if isinstance(instance, MeetingPage):
        meeting_waitlist_fill(meeting=instance)
