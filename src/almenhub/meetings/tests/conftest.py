from __future__ import annotations

import pytest

from almenhub.meetings.factories import meeting_create
from almenhub.meetings.models import MeetingPage, MeetingSeriesPage


@pytest.fixture
def series(home_page) -> MeetingSeriesPage:
    page = MeetingSeriesPage(
        title="Værdiskabende drift", slug="vaerdiskabende-drift", teaser="Fire møder."
    )
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def meeting(series) -> MeetingPage:
    return meeting_create(series)
