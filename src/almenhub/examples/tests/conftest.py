from __future__ import annotations

import pytest
from django.core.cache import cache

from almenhub.examples.services import example_index_get_or_create
from almenhub.organisations.models import Department, Organisation, OrganisationKind


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def example_index(home_page):
    return example_index_get_or_create()


@pytest.fixture
def organisation(db) -> Organisation:
    org = Organisation.objects.create(
        name="Boligselskabet Test", kind=OrganisationKind.HOUSING
    )
    Department.objects.create(organisation=org, name="Engen", number="1")
    return org


@pytest.fixture
def other_organisation(db) -> Organisation:
    org = Organisation.objects.create(
        name="Anden Boligforening", kind=OrganisationKind.HOUSING
    )
    Department.objects.create(organisation=org, name="Skoven", number="2")
    return org


@pytest.fixture
def member(django_user_model, organisation):
    return django_user_model.objects.create_user(
        username="driftsleder",
        password="hemmelig-kode-42",
        email="driftsleder@example.dk",
        organisation=organisation,
    )
