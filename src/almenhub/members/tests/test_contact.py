"""The contact form behind a page: it reaches the person without showing an
address, falls back when they have left, and keeps robots out."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings

from almenhub.examples.factories import example_create
from almenhub.examples.models import ExampleContact
from almenhub.members.contact import form_stamp
from almenhub.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(organisation) -> Person:
    return Person.objects.create(
        name="Mette Jensen",
        job_title="Driftschef",
        email="mette.hemmelig@engen.dk",
        organisation=organisation,
    )


@pytest.fixture
def example(example_index, organisation, person):
    page = example_create(example_index, title="Vild eng", organisation=organisation)
    ExampleContact.objects.create(page=page, person=person)
    return page


def stamp_from_the_past() -> str:
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 60):
        with mock.patch(
            "almenhub.members.contact.time.time", return_value=time.time() - 60
        ):
            return form_stamp()


def send(client, page, person, **extra):
    return client.post(
        f"/kontakt/{page.pk}/",
        {
            "person": str(person.pk),
            "name": "Ole Hansen",
            "email": "ole@kommune.dk",
            "message": "Hvordan fik I beboerne med?",
            "stamp": stamp_from_the_past(),
            **extra,
        },
    )


def test_page_links_to_the_form_that_hides_the_address(client, example):
    page = client.get(example.url).content.decode()
    assert f"/kontakt/{example.pk}/" in page
    form = client.get(f"/kontakt/{example.pk}/")
    assert form.status_code == 200
    text = form.content.decode()
    assert "Mette Jensen" in text and "mette.hemmelig" not in text


def test_message_reaches_the_person_with_reply_to_the_sender(client, example, person):
    response = send(client, example, person)
    assert response.status_code == 200
    assert "mette.hemmelig" not in response.content.decode()
    assert "Mette Jensen" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["mette.hemmelig@engen.dk"]
    assert message.reply_to == ["ole@kommune.dk"]
    assert "Hvordan fik I beboerne med?" in message.body
    assert "Vild eng" in message.subject


def test_person_who_left_reaches_the_organisation_contact(
    client, example, person, contact_person
):
    person.has_left = True
    person.save()
    response = send(client, example, person)
    assert "kontaktpersonen hos Boligselskabet Engen" in response.content.decode()
    assert "kontakt@engen.dk" not in response.content.decode()
    assert mail.outbox[0].to == ["kontakt@engen.dk"]
    assert "ikke længere kan nås" in mail.outbox[0].body


@override_settings(ALMENHUB_SECRETARIAT_EMAIL="sekretariat@example.dk")
def test_no_address_and_no_organisation_contact_reaches_the_secretariat(
    client, example, person
):
    person.email = ""
    person.save()
    response = send(client, example, person)
    assert "sekretariatet" in response.content.decode()
    assert mail.outbox[0].to == ["sekretariat@example.dk"]


def test_robots_are_answered_alike_and_nothing_is_sent(client, example, person):
    honeypot = send(client, example, person, website="http://spam.example")
    too_fast = send(client, example, person, stamp=form_stamp())
    forged = send(client, example, person, stamp="1:forfalsket")
    for response in (honeypot, too_fast, forged):
        assert response.status_code == 200
        assert "Beskeden er sendt" in response.content.decode()
    assert mail.outbox == []


def test_bad_input_is_a_clear_danish_error(client, example, person):
    response = send(client, example, person, email="ikke-en-mail", message="")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Din mail: skriv en gyldig mailadresse" in text
    assert "Besked: skriv din besked." in text
    assert mail.outbox == []


def test_rate_limited(client, example, person):
    statuses = [send(client, example, person).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert len(mail.outbox) == 5


def test_unknown_or_contactless_page_is_404(client, example_index, organisation):
    bare = example_create(
        example_index, title="Uden kontakt", organisation=organisation
    )
    assert client.get(f"/kontakt/{bare.pk}/").status_code == 404
    assert client.get("/kontakt/999999/").status_code == 404
    assert client.get("/kontakt/99999999999999999999/").status_code == 404
