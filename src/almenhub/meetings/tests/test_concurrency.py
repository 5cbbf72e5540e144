"""Many people sign up at the same moment: nobody gets a seat that is not there.

Real threads, each with its own database connection, committing real
transactions (hence transaction=True). On SQLite the test database is a
shared-cache in-memory database that every thread's connection opens, and
each sign-up's BEGIN IMMEDIATE takes the write lock before counting; on
PostgreSQL the meeting row is locked FOR UPDATE. A barrier releases all
threads at once so that the sign-ups really overlap.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from almenhub.meetings.factories import person
from almenhub.meetings.models import Registration, RegistrationStatus
from almenhub.meetings.services import registration_create

SIGN_UPS = 20
CAPACITY = 5


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_overbook(meeting):
    meeting.capacity = CAPACITY
    meeting.save()
    barrier = threading.Barrier(SIGN_UPS)
    errors: list[BaseException] = []

    def sign_up(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            registration_create(meeting=meeting, data=person(n, f"Organisation {n}"))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(SIGN_UPS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert len(statuses) == SIGN_UPS
    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITLISTED) == SIGN_UPS - CAPACITY
    # The waitlist is in sign-up order: every confirmed one came first.
    ordered = list(
        Registration.objects.filter(meeting=meeting)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )
    assert ordered[:CAPACITY] == [RegistrationStatus.CONFIRMED] * CAPACITY
    assert connection.vendor in {"sqlite", "postgresql"}
