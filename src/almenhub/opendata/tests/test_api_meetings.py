"""The REST API's meeting series and meetings, without personal data."""

from __future__ import annotations

import pytest

from almenhub.opendata.tests.conftest import (
    API,
    REGISTRANT_EMAIL,
    REGISTRANT_NAME,
    ok,
    titles,
)

pytestmark = pytest.mark.django_db


def test_meetings_without_personal_data(client, catalogue):
    meeting = catalogue.extra["meeting"]
    series = catalogue.extra["series"]
    data = ok(client, "/meetings/")
    assert titles(data) == ["ERFA-møde i Aarhus"]
    row = data["results"][0]
    assert row["series"]["id"] == series.pk
    assert row["city"] == "Aarhus" and row["venue"] == "Godsbanen"
    assert row["price"] == 450.0 and row["currency"] == "DKK"
    assert row["capacity"] == 40 and row["seats_left"] == 39
    assert row["registration_open"] is True
    detail = ok(client, f"/meetings/{meeting.pk}/")
    contribution = detail["contributions"][0]
    assert contribution["title"] == "Sådan fik vi beboerne med"
    assert contribution["organisation"]["name"] == "Fællesbo"
    assert "presenters" not in contribution
    raw = client.get(f"{API}/meetings/{meeting.pk}/").content.decode()
    raw += client.get(f"{API}/meetings/").content.decode()
    raw += client.get(f"{API}/meeting-series/{series.pk}/").content.decode()
    for personal in (REGISTRANT_EMAIL, REGISTRANT_NAME, "Vegetar", "Oplægs Holdersen"):
        assert personal not in raw
    for params, count in (
        ({"theme": "natur-og-biodiversitet"}, 1),
        ({"theme": "drift-og-vedligehold"}, 0),
        ({"series": series.pk}, 1),
        ({"city": "aarhus"}, 1),
        ({"city": "Odense"}, 0),
        ({"starts_after": "2000-01-01T00:00:00Z"}, 1),
        ({"starts_before": "2000-01-01T00:00:00Z"}, 0),
    ):
        assert ok(client, "/meetings/", **params)["count"] == count, params


def test_meeting_series(client, catalogue):
    series = catalogue.extra["series"]
    data = ok(client, "/meeting-series/", theme="energi-klima-og-miljoe")
    assert titles(data) == ["ERFA: Biodiversitet i driften"]
    detail = ok(client, f"/meeting-series/{series.pk}/")
    assert detail["themes"][0]["slug"] == "natur-og-biodiversitet"
    meetings = client.get(detail["meetings_api_url"]).json()
    assert meetings["count"] == 1
