from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.services import normalise_phone, person_upsert


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("33762071", "33762071"),
        ("33 76 20 71", "33762071"),
        ("+45 33 76 20 71", "33762071"),
        ("+4533762071", "33762071"),
        ("0045 3376 2071", "33762071"),
        ("3376\xa02071 ", "33762071"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_as_eight_digits(raw, expected):
    assert normalise_phone(raw) == expected


def test_phone_number_that_is_not_danish_is_refused():
    with pytest.raises(ValidationError, match="8 cifre"):
        normalise_phone("12 34")


@pytest.mark.django_db
def test_person_matched_by_email_then_by_name_and_organisation():
    org, _ = organisation_get_or_create(name="Boligselskabet Eksempel")
    first, created = person_upsert(
        name="Anne Holm", email="Anne.Holm@Example.DK", organisation=org
    )
    assert created and first.email == "anne.holm@example.dk"
    by_email, created = person_upsert(name="A. Holm", email="anne.holm@example.dk")
    assert by_email.pk == first.pk and not created
    by_name, created = person_upsert(
        name="anne  holm", job_title="Driftschef", organisation=org
    )
    assert by_name.pk == first.pk and not created
    by_name.refresh_from_db()
    assert by_name.job_title == "Driftschef"
    other, created = person_upsert(name="Anne Holm")
    assert created and other.pk != first.pk


@pytest.mark.django_db
def test_a_name_is_matched_among_an_organisations_people_reading_only_the_match():
    # A large organisation's people are matched by their names alone: the
    # whole row is read of the one who matches, not of everybody.
    org, _ = organisation_get_or_create(name="Boligselskabet Eksempel")
    for i in range(5):
        person_upsert(name=f"Person {i}", email=f"p{i}@example.dk", organisation=org)
    holm, _ = person_upsert(name="Anne Holm", job_title="Driftschef", organisation=org)

    with CaptureQueriesContext(connection) as queries:
        found, created = person_upsert(name="ANNE\u00a0 Holm", organisation=org)

    assert found.pk == holm.pk and not created
    assert found.job_title == "Driftschef"
    full_rows = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
        and '"people_person"."job_title"' in q["sql"]
        and '"people_person"."organisation_id" =' in q["sql"]
    ]
    assert full_rows == []
    nobody, created = person_upsert(name="Bo Holm", organisation=org)
    assert created and nobody.pk != holm.pk


@pytest.mark.django_db
def test_organisations_match_regardless_of_case_and_white_space():
    org, created = organisation_get_or_create(name="AlmenNet")
    same, created_again = organisation_get_or_create(name="  almennet\xa0")
    assert created and not created_again and same.pk == org.pk


@pytest.mark.django_db
def test_organisations_match_danish_letters_in_any_case():
    org, _ = organisation_get_or_create(name="Østerbo Bolig")
    for spelling in ("ØSTERBO BOLIG", "østerbo  bolig", "Østerbo\xa0Bolig "):
        same, created = organisation_get_or_create(name=spelling)
        assert same.pk == org.pk and not created, spelling


@pytest.mark.django_db
def test_a_guessed_organisation_is_only_given_to_someone_without_one():
    own, _ = organisation_get_or_create(name="Boligforeningen Nord")
    other, _ = organisation_get_or_create(name="Boligforeningen Syd")
    person, created = person_upsert(
        name="Ida Holm", email="ida@nord.dk", default_organisation=own
    )
    assert created and person.organisation == own
    # Named again on a page that another organisation owns: she stays put …
    again, _ = person_upsert(
        name="Ida Holm", email="ida@nord.dk", default_organisation=other
    )
    again.refresh_from_db()
    assert again.pk == person.pk and again.organisation == own
    # … unless the source says where she works now.
    moved, _ = person_upsert(name="Ida Holm", email="ida@nord.dk", organisation=other)
    moved.refresh_from_db()
    assert moved.organisation == other


@pytest.mark.django_db
def test_known_people_are_found_without_a_query(django_assert_num_queries):
    known: dict = {}
    first, _ = person_upsert(name="Bo Berg", email="Bo@Berg.dk", known=known)
    assert known == {"bo@berg.dk": first}
    with django_assert_num_queries(0):
        same, created = person_upsert(name="Bo Berg", email="bo@berg.dk", known=known)
    assert same is first and not created
