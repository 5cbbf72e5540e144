"""The public site speaks Danish whatever language the browser asks for."""

from __future__ import annotations

import pytest
from django.utils import formats, translation

ENGLISH_DATE_WORDS = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


@pytest.mark.parametrize("accept_language", ["en-US", "en-US,en;q=0.9", "de-DE"])
@pytest.mark.django_db
def test_the_registration_form_dates_stay_danish(client, meeting, accept_language):
    with translation.override("da"):
        danish_date = formats.date_format(
            meeting.starts_at.astimezone(), "l j. F Y"
        ).lower()
    for url in (meeting.url, meeting.url + "tilmeld/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept_language)
        html = response.content.decode()
        assert response.status_code == 200
        assert response["Content-Language"] == "da"
        assert danish_date in html.lower(), url
        assert not [word for word in ENGLISH_DATE_WORDS if word in html], url


@pytest.mark.django_db
def test_a_form_error_on_the_registration_is_danish_for_an_english_browser(
    client, meeting
):
    response = client.post(
        meeting.url + "tilmeld/", {"name": ""}, HTTP_ACCEPT_LANGUAGE="en-US"
    )
    html = response.content.decode()
    assert "Navn: skriv dit navn." in html
    assert "This field is required" not in html
