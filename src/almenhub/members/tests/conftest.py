from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.core import mail

# The examples' own fixtures: an empty cache around each test, the index.
from almenhub.examples.tests.conftest import (  # noqa: F401
    _empty_cache,
    example_index,
    other_organisation,
)
from almenhub.organisations.models import Department, Organisation, OrganisationKind

PASSWORD = "Sommerfugl-eng-2027"


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    """The worker's mail waits for the commit, which a test's transaction
    never reaches; the test's requests stand for committed work."""
    monkeypatch.setattr(
        "almenhub.worker.mail.transaction",
        SimpleNamespace(on_commit=lambda callback, **kwargs: callback()),
    )


LINK = re.compile(r"https?://[^\s/]+(/\S+)")


@pytest.fixture
def organisation(db) -> Organisation:
    org = Organisation.objects.create(
        name="Boligselskabet Engen",
        kind=OrganisationKind.HOUSING,
        is_member=True,
        email_domains="engen.dk\nbs-engen.dk",
    )
    Department.objects.create(organisation=org, name="Engen", number="1")
    return org


def links_in(message, prefix: str) -> list[str]:
    """The site paths in a mail that start with `prefix`."""
    return [p for p in LINK.findall(message.body) if p.startswith(prefix)]


def last_link(prefix: str) -> str:
    found = links_in(mail.outbox[-1], prefix)
    assert found, mail.outbox[-1].body
    return found[0]


def sign_up(client, organisation, email: str, **extra) -> object:
    return client.post(
        "/konto/opret/",
        {
            "name": "Mette Jensen",
            "email": email,
            "job_title": "Driftschef",
            "organisation": str(organisation.pk),
            "password1": PASSWORD,
            **extra,
        },
    )


def verify_last_mail(client) -> object:
    link = last_link("/konto/bekraeft/")
    assert client.get(link).status_code == 200
    return client.post(link)


@pytest.fixture
def contact_person(django_user_model, organisation):
    return django_user_model.objects.create_user(
        username="kontakt",
        email="kontakt@engen.dk",
        password=PASSWORD,
        first_name="Karin",
        last_name="Kontakt",
        organisation=organisation,
        is_organisation_contact=True,
    )
