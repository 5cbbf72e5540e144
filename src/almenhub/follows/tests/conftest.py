from __future__ import annotations

import pytest

# The examples' own fixtures: an empty cache around each test, the index.
from almenhub.examples.tests.conftest import _empty_cache, example_index  # noqa: F401
from almenhub.members.tests.conftest import _mail_at_once  # noqa: F401
from almenhub.organisations.models import Organisation, OrganisationKind


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(
        name="Boligselskabet Engen", kind=OrganisationKind.HOUSING
    )


@pytest.fixture
def member(django_user_model, organisation):
    return django_user_model.objects.create_user(
        username="mette",
        email="mette@engen.dk",
        password="Sommerfugl-eng-2027",
        organisation=organisation,
    )
