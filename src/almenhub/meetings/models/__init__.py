"""The meetings' models, one module per layer; imported from here."""

from almenhub.meetings.models.contributions import (
    Contribution,
    contribution_upload_to,
)
from almenhub.meetings.models.pages import (
    DEFAULT_CONSENT_TEXT,
    AgendaBlock,
    AgendaItemBlock,
    MeetingPage,
    MeetingSeriesPage,
    MeetingState,
    MeetingStatus,
    consent_text_default,
)
from almenhub.meetings.models.registrations import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationStatus,
)

__all__ = [
    "DEFAULT_CONSENT_TEXT",
    "consent_text_default",
    "MeetingSeriesPage",
    "AgendaItemBlock",
    "AgendaBlock",
    "MeetingPage",
    "MeetingState",
    "MeetingStatus",
    "RegistrationStatus",
    "ACTIVE_STATUSES",
    "Registration",
    "contribution_upload_to",
    "Contribution",
]
