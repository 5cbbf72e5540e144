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


def attempt(client, username: str, password: str, address: str, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
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
    settings.TRUSTED_PROXIES = "10.0.0.0/8"
    for _ in range(5):
        attempt(client, "redaktoer", "forkert", "10.0.0.1", "198.51.100.1, 203.0.113.9")
    other_client = attempt(
        client, "redaktoer", "hemmelig-kode-42", "10.0.0.1", "192.0.2.44"
    )
    assert other_client.status_code == 302


def test_a_forged_forwarded_header_gives_no_fresh_tries(client, editor, settings):
    """No proxy configured: a new X-Forwarded-For per attempt is still the same
    client, and sending a victim's address does not lock the victim out."""
    settings.TRUSTED_PROXIES = ""
    for n in range(5):
        attempt(client, "redaktoer", "forkert", "203.0.113.5", f"198.51.100.{n}")
    forged = attempt(
        client, "redaktoer", "hemmelig-kode-42", "203.0.113.5", "192.0.2.10"
    )
    assert forged.status_code == 429
    victim = attempt(client, "redaktoer", "hemmelig-kode-42", "198.51.100.1")
    assert victim.status_code == 302


@pytest.mark.parametrize("spelling", [" redaktoer", "redaktoer ", "\tredaktoer"])
def test_the_lock_holds_for_every_spelling_of_the_name(client, editor, spelling):
    for _ in range(5):
        attempt(client, "redaktoer", "forkert", "10.0.0.9")
    locked = attempt(client, spelling, "hemmelig-kode-42", "10.0.0.9")
    assert locked.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_failures_under_any_spelling_count_for_one_name(client, editor):
    for spelling in (
        " redaktoer",
        "redaktoer ",
        "\tredaktoer",
        "REDAKTOER",
        "redaktoer",
    ):
        assert attempt(client, spelling, "forkert", "10.0.0.7").status_code == 200
    assert attempt(client, "redaktoer", "hemmelig-kode-42", "10.0.0.7").status_code == (
        429
    )


def reset_request(client, email: str, address: str = "10.0.0.5"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_password_reset_mails_are_throttled_per_address(client, editor, mailoutbox):
    statuses = [
        reset_request(client, "redaktoer@example.dk").status_code for _ in range(20)
    ]
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert len(mailoutbox) == 3
    refused = reset_request(client, " REDAKTOER@example.dk")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 3000
    assert "For mange anmodninger om ny adgangskode" in refused.content.decode()
    # From elsewhere the address is still limited: it is its owner's inbox
    # that is protected.
    assert reset_request(client, "redaktoer@example.dk", "10.0.0.6").status_code == 429
    assert len(mailoutbox) == 3


def test_password_reset_is_throttled_per_client(client, editor, mailoutbox):
    statuses = [
        reset_request(client, f"person{n}@example.dk", "10.0.0.4").status_code
        for n in range(12)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    assert reset_request(client, "redaktoer@example.dk", "10.0.0.4").status_code == 429
    assert mailoutbox == []
    assert reset_request(client, "redaktoer@example.dk", "10.0.0.3").status_code == 302
    assert len(mailoutbox) == 1
