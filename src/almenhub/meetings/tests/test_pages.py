"""The public meeting pages and the sign-up form."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from almenhub.meetings.models import Registration, RegistrationStatus
from almenhub.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


def form_data(n: int = 1, **overrides):
    data = {
        "name": f"Deltager {n}",
        "organisation": "Fjordbo",
        "email": f"deltager{n}@example.dk",
        "job_title": "Driftschef",
        "dietary_needs": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_meeting_page_shows_the_practical_details(meeting, client):
    meeting.contact = Person.objects.create(
        name="Mette Holm",
        email="mh@example.dk",
        phone="33762071",
        show_contact_details=False,
    )
    meeting.save_revision().publish()
    html = client.get(meeting.url).content.decode()
    for text in (
        "Fjordbo Beboerhus",
        "Havnegade 12",
        "450 kr.",
        "300 kr.",
        "Tilmeldingsfrist",
        "5 af 5",
        "Mette Holm",
        "Tilmeld dig",
    ):
        assert text in html
    assert "mh@example.dk" not in html


def test_a_full_meeting_says_venteliste(meeting, client):
    meeting.capacity = 1
    meeting.save()
    client.post(meeting.url + "tilmeld/", form_data(1))
    html = client.get(meeting.url).content.decode()
    assert "venteliste" in html.lower()


def test_the_series_lists_its_meetings(series, meeting, client):
    html = client.get(series.url).content.decode()
    assert meeting.title in html


def test_signing_up_through_the_form(meeting, client):
    response = client.post(meeting.url + "tilmeld/", form_data(1))
    assert response.status_code == 302
    assert response["Location"].endswith("/tilmeld/tak/")
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert client.get(response["Location"]).status_code == 200


def test_errors_are_summarised_with_links_and_values_kept(meeting, client):
    client.post(meeting.url + "tilmeld/", form_data(1))
    response = client.post(
        meeting.url + "tilmeld/",
        form_data(2, email="DELTAGER1@example.dk", name="Karen Holm", consent=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tilmeldingen har 1 fejl" in html
    assert 'href="#id_consent"' in html
    assert 'value="Karen Holm"' in html

    response = client.post(
        meeting.url + "tilmeld/", form_data(2, email="DELTAGER1@example.dk")
    )
    html = response.content.decode()
    assert 'href="#id_email"' in html
    assert "er allerede tilmeldt" in html
    assert Registration.objects.count() == 1


def test_the_honeypot_catches_bots_silently(meeting, client):
    response = client.post(
        meeting.url + "tilmeld/", form_data(1, website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_sign_ups_are_rate_limited_per_address(meeting, client):
    for n in range(10):
        client.post(meeting.url + "tilmeld/", form_data(n, organisation=f"Org {n}"))
    response = client.post(meeting.url + "tilmeld/", form_data(99))
    assert response.status_code == 429
    assert "Vent 10 minutter" in response.content.decode()
    assert not Registration.objects.filter(email="deltager99@example.dk").exists()
    other = client.post(meeting.url + "tilmeld/", form_data(98), REMOTE_ADDR="10.0.0.8")
    assert other.status_code == 302


def test_the_form_needs_csrf(meeting):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(meeting.url + "tilmeld/", form_data(1)).status_code == 403
    assert not Registration.objects.exists()


def test_meetings_are_searchable_as_meetings(meeting):
    from almenhub.search.registry import kinds

    assert "meeting" in {k.kind for k in kinds()}
