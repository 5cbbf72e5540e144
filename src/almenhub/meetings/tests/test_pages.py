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

    response = client.post(meeting.url + "tilmeld/", form_data(2, email="ikke-en"))
    html = response.content.decode()
    assert 'href="#id_email"' in html
    assert "skriv en gyldig mailadresse" in html
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


def test_a_rate_limited_sign_up_says_when_to_try_again(meeting, client):
    for n in range(10):
        client.post(meeting.url + "tilmeld/", form_data(n, organisation=f"Org {n}"))
    response = client.post(meeting.url + "tilmeld/", form_data(99))
    assert response.status_code == 429
    assert 590 <= int(response["Retry-After"]) <= 600


def test_behind_a_trusted_proxy_each_visitor_has_an_allowance(
    meeting, client, settings
):
    """Every request reaches the hub from the proxy: counted by the proxy's
    address, the 11th sign-up in ten minutes, site-wide, would be refused."""
    settings.TRUSTED_PROXIES = "10.0.0.2"
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(12):
        response = client.post(
            meeting.url + "tilmeld/",
            form_data(n, organisation=f"Org {n}"),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
            **via_proxy,
        )
        assert response.status_code == 302
    assert Registration.objects.count() == 12
    # One visitor is still limited, whatever it writes into the header.
    for n in range(10):
        client.post(
            meeting.url + "tilmeld/",
            form_data(100 + n, organisation=f"Org {100 + n}"),
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.50",
            **via_proxy,
        )
    response = client.post(
        meeting.url + "tilmeld/",
        form_data(200),
        HTTP_X_FORWARDED_FOR="203.0.113.50",
        **via_proxy,
    )
    assert response.status_code == 429


def _sign_up(client, meeting, capture, **fields):
    with capture(execute=True):
        response = client.post(meeting.url + "tilmeld/", form_data(**fields))
    return response


def test_an_address_already_signed_up_is_answered_like_a_new_sign_up(
    meeting, client, mailoutbox, django_capture_on_commit_callbacks
):
    """A stranger who types someone's address learns nothing from the answer;
    the address's owner is told by mail."""
    capture = django_capture_on_commit_callbacks
    first = _sign_up(client, meeting, capture, n=1)
    fresh = _sign_up(client, meeting, capture, n=2, organisation="Lyngbo")
    again = _sign_up(
        client, meeting, capture, n=3, email="DELTAGER1@example.dk", name="Fremmed"
    )
    assert again.status_code == fresh.status_code == first.status_code == 302
    assert again["Location"] == fresh["Location"]
    assert (
        client.get(again["Location"]).content == client.get(fresh["Location"]).content
    )
    assert Registration.objects.filter(email="deltager1@example.dk").count() == 1
    notice = mailoutbox[-1]
    assert notice.to == ["deltager1@example.dk"]
    assert notice.subject == f"Du er allerede tilmeldt: {meeting.title}"
    assert "tilmeldingen er uændret" in notice.body
    assert "/afmeld/" in notice.body
    assert "Fremmed" not in notice.body


def test_a_full_organisation_is_answered_like_a_new_sign_up(
    meeting, client, mailoutbox, django_capture_on_commit_callbacks
):
    meeting.max_per_organisation = 1
    meeting.save()
    capture = django_capture_on_commit_callbacks
    _sign_up(client, meeting, capture, n=1, organisation="Fjordbo")
    fresh = _sign_up(client, meeting, capture, n=2, organisation="Lyngbo")
    refused = _sign_up(client, meeting, capture, n=3, organisation="FJORDBO")
    assert refused.status_code == 302
    assert refused["Location"] == fresh["Location"]
    html = client.get(refused["Location"]).content.decode()
    assert "FJORDBO" not in html and "tilmeldte" not in html
    assert not Registration.objects.filter(email="deltager3@example.dk").exists()
    notice = mailoutbox[-1]
    assert notice.to == ["deltager3@example.dk"]
    assert notice.subject.startswith("Din tilmelding blev ikke gennemført")
    assert "højst 1 pladser pr. organisation" in notice.body
    assert "/afmeld/" not in notice.body


def test_a_refusal_is_answered_like_the_waitlist_when_the_meeting_is_full(
    meeting, client, django_capture_on_commit_callbacks
):
    meeting.capacity = 1
    meeting.save()
    capture = django_capture_on_commit_callbacks
    _sign_up(client, meeting, capture, n=1)
    waitlisted = _sign_up(client, meeting, capture, n=2, organisation="Lyngbo")
    again = _sign_up(client, meeting, capture, n=1)
    assert waitlisted["Location"].endswith("?venteliste=1")
    assert again["Location"] == waitlisted["Location"]


def test_the_owner_of_an_address_is_not_flooded_with_notices(
    meeting, client, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _sign_up(client, meeting, capture, n=1)
    for _ in range(6):
        _sign_up(client, meeting, capture, n=1)
    assert [m.subject.startswith("Du er allerede") for m in mailoutbox] == [
        False,
        True,
        True,
        True,
    ]
