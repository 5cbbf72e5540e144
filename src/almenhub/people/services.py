from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from almenhub.core.text import normalise_name
from almenhub.organisations.models import Organisation
from almenhub.people.models import Person

_NON_DIGIT = re.compile(r"\D")


def normalise_phone(raw: str) -> str:
    """Danish numbers are stored as their 8 digits: "+45 33 76 20 71" → "33762071".

    Anything that is not a Danish number after removing the prefix is refused
    rather than stored half-right.
    """
    digits = _NON_DIGIT.sub("", raw or "")
    if not digits:
        return ""
    if raw.strip().startswith("+45") or (len(digits) == 10 and digits.startswith("45")):
        digits = digits[2:]
    elif digits.startswith("0045") and len(digits) == 12:
        digits = digits[4:]
    if len(digits) != 8:
        raise ValidationError(
            f"Telefonnummeret “{raw.strip()}” er ikke et dansk nummer på 8 cifre."
        )
    return digits


def normalise_email(raw: str) -> str:
    return (raw or "").strip().lower()


@dataclass
class PersonWrite:
    person: Person
    created: bool
    changed: bool  # saved: created, or its details brought up to date


def person_upsert(**details: Any) -> tuple[Person, bool]:
    """`person_write`, answering (the person, whether they were created)."""
    written = person_write(**details)
    return written.person, written.created


@transaction.atomic(savepoint=False)
def person_write(
    *,
    name: str,
    job_title: str = "",
    email: str = "",
    phone: str = "",
    organisation: Organisation | None = None,
    default_organisation: Organisation | None = None,
    show_contact_details: bool | None = None,
    known: dict[str, Person] | None = None,
    emails: Container[str] | None = None,
) -> PersonWrite:
    """Find a person by e-mail, else by name within the organisation, and bring
    the stored details up to date; create them when nobody matches.

    `organisation` is where the source says the person works and replaces the
    stored one; `default_organisation` is a guess (the page's owner, say) used
    only for a person who has none yet, so that a person named on the pages
    of several owners keeps one organisation. `known` maps e-mail addresses
    to people already looked up in this transaction (an import passes one per
    batch); found and created people are added to it. `emails` are the
    lower-cased e-mail addresses people had when the caller read them (an
    import, once a batch): an address in neither is nobody's, and is not
    looked up.
    """
    email = normalise_email(email)
    phone = normalise_phone(phone)
    person: Person | None = None
    if email:
        if known is not None and email in known:
            person = known[email]
        elif emails is None or email in emails:
            person = Person.objects.filter(email__iexact=email).first()
    if person is None:
        key = normalise_name(name)
        candidates = Person.objects.filter(
            organisation=organisation or default_organisation
        )
        # The names alone, to match: making a person of every row of a large
        # organisation cost an import more than the one read of the match.
        match = next(
            (
                pk
                for pk, other in candidates.values_list("pk", "name")
                if normalise_name(other) == key
            ),
            None,
        )
        person = Person.objects.get(pk=match) if match is not None else None
    created = person is None
    if person is None:
        person = Person(name=" ".join(name.split()))
    if organisation is None and person.organisation_id is None:
        organisation = default_organisation
    changed = created
    for field, value in (
        ("job_title", job_title),
        ("email", email),
        ("phone", phone),
    ):
        if value and getattr(person, field) != value:
            setattr(person, field, value)
            changed = True
    if organisation is not None and person.organisation_id != organisation.pk:
        person.organisation = organisation
        changed = True
    if (
        show_contact_details is not None
        and person.show_contact_details != show_contact_details
    ):
        person.show_contact_details = show_contact_details
        changed = True
    if changed:
        # The organisation was handed over as a saved row: checking that it
        # exists would cost a query and tell nothing.
        person.full_clean(exclude=["organisation"] if organisation else None)
        person.save()
    if known is not None and person.email:
        known[person.email] = person
    return PersonWrite(person=person, created=created, changed=changed)
