from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def attempt(client, username: str, password: str, address: str):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_repeated_failures_lock_the_pair_with_429(client, editor):
    for _ in range(5):
        assert attempt(client, "redaktoer", "forkert", "10.0.0.9").status_code == 200
    locked = attempt(client, "redaktoer", "hemmelig-kode-42", "10.0.0.9")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert "For mange" in locked.content.decode()


def test_attacker_cannot_lock_out_the_real_user(client, editor):
    for _ in range(10):
        attempt(client, "redaktoer", "forkert", "203.0.113.66")
    real = attempt(client, "redaktoer", "hemmelig-kode-42", "192.0.2.10")
    assert real.status_code == 302


def test_one_address_guessing_many_accounts_is_slowed_down(client, editor):
    for n in range(30):
        attempt(client, f"bruger{n}", "forkert", "198.51.100.7")
    assert (
        attempt(client, "redaktoer", "hemmelig-kode-42", "198.51.100.7").status_code
        == 429
    )


def test_success_clears_the_pair(client, editor):
    for _ in range(4):
        attempt(client, "redaktoer", "forkert", "10.0.0.8")
    assert (
        attempt(client, "redaktoer", "hemmelig-kode-42", "10.0.0.8").status_code == 302
    )
    client.logout()
    for _ in range(4):
        attempt(client, "redaktoer", "forkert", "10.0.0.8")
    assert (
        attempt(client, "redaktoer", "hemmelig-kode-42", "10.0.0.8").status_code == 302
    )


def test_behind_a_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for _ in range(5):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": "redaktoer", "password": "forkert"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
        )
    other_client = client.post(
        reverse("wagtailadmin_login"),
        {"username": "redaktoer", "password": "hemmelig-kode-42"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert other_client.status_code == 302
