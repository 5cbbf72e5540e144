"""Organisations are matched by one key, however their names are typed."""

from __future__ import annotations

import pytest

from almenhub.core.text import normalise_name
from almenhub.organisations.models import Organisation
from almenhub.organisations.names import organisation_key
from almenhub.organisations.services import (
    organisation_find,
    organisation_get_or_create,
)


@pytest.mark.parametrize(
    "spelling",
    [
        "Boligforeningen Engparken.",
        "  boligforeningen   ENGPARKEN ",
        "Boligforeningen Eng\u200bparken",
        "Boligforeningen Eng\u00adparken",
        "Boligforeningen\u00a0Engparken",
        "Boligforeningen Engparken A/S",
        "Boligforeningen Engparken ApS.",
        "Boligforeningen Engparken a.m.b.a.",
    ],
)
def test_spellings_of_one_organisation_share_its_key(spelling):
    assert organisation_key(spelling) == "boligforeningen engparken"


def test_the_key_keeps_what_tells_organisations_apart():
    assert organisation_key("Lejerbo-afdeling 7") != organisation_key("Lejerbo")
    assert organisation_key("Domea.dk") == "domea dk"
    # A name that is nothing but a company form keeps it.
    assert organisation_key("A/S") == "a s"


def test_names_of_other_things_keep_their_punctuation():
    assert normalise_name("AlmenRapport 2.0") == "almenrapport 2.0"
    assert normalise_name("Natur og\u200b biodiversitet") == "natur og biodiversitet"


@pytest.mark.django_db
def test_find_and_get_or_create_use_the_key():
    engparken = Organisation.objects.create(name="Boligforeningen Engparken")
    assert engparken.name_key == "boligforeningen engparken"
    assert organisation_find(name="Boligforeningen Engparken A/S.") == engparken
    found, created = organisation_get_or_create(name="boligforeningen eng\u00adparken")
    assert (found, created) == (engparken, False)
