"""The one client address and the one limiter (core.ratelimit)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory

from almenhub.core import ratelimit
from almenhub.core.ratelimit import Rate, client_address

SRC = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    now = [1_900_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


# -- client address -------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_never_read(settings):
    settings.TRUSTED_PROXIES = ""
    assert client_address(request("203.0.113.5", "198.51.100.77")) == "203.0.113.5"


def test_a_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = "10.0.0.1"
    assert client_address(request("203.0.113.5", "198.51.100.77")) == "203.0.113.5"


def test_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = "10.0.0.0/24, 192.0.2.10"
    # The client wrote "1.1.1.1, 198.51.100.77"; the CDN (192.0.2.10) and our
    # proxy (10.0.0.1, the socket's peer) appended what they saw.
    forwarded = "1.1.1.1, 198.51.100.77, 203.0.113.9, 192.0.2.10"
    assert client_address(request("10.0.0.1", forwarded)) == "203.0.113.9"


def test_trusted_proxies_can_be_a_list_and_ipv6(settings):
    settings.TRUSTED_PROXIES = ["::1", "fd00::/8"]
    assert client_address(request("::1", "2001:db8::7, fd00::3")) == "2001:db8::7"
    assert client_address(request("::ffff:10.9.9.9", "2001:db8::7")) == (
        "::ffff:10.9.9.9"
    )


def test_ports_and_mapped_addresses_are_understood(settings):
    settings.TRUSTED_PROXIES = "127.0.0.1"
    assert client_address(request("127.0.0.1", "203.0.113.9:5123")) == "203.0.113.9"
    assert client_address(request("127.0.0.1", "[2001:db8::9]:443")) == "2001:db8::9"
    assert client_address(request("::ffff:127.0.0.1", "::ffff:203.0.113.4")) == (
        "203.0.113.4"
    )


def test_garbage_behind_a_trusted_proxy_counts_as_that_proxy(settings):
    settings.TRUSTED_PROXIES = "127.0.0.1"
    assert client_address(request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_address(request("127.0.0.1", "")) == "127.0.0.1"
    assert client_address(request("127.0.0.1")) == "127.0.0.1"


def test_a_mistyped_proxy_fails_the_system_check(settings):
    settings.TRUSTED_PROXIES = "10.0.0.1, proxy.lan"
    with pytest.raises(SystemCheckError, match="proxy.lan"):
        call_command("check")


def test_production_settings_trust_no_forwarded_header_by_default(tmp_path):
    """The production settings, with nothing configured: a client that sends
    X-Forwarded-For is counted under its own address, so it can neither
    escape the login lock by changing the header nor lock a victim out by
    sending the victim's address."""
    script = """
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from almenhub.users.middleware import LoginThrottleMiddleware
from almenhub.users.signals import on_login_failed

url = reverse("wagtailadmin_login")
def attempt(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(url, {"username": "admin"}, **extra)

for n in range(6):
    request = attempt("203.0.113.5", f"198.51.100.{n}, 198.51.100.77")
    on_login_failed(None, {"username": "admin"}, request=request)
middleware = LoginThrottleMiddleware(lambda r: HttpResponse(status=200))
attacker = middleware(attempt("203.0.113.5", "192.0.2.200")).status_code
victim = middleware(attempt("198.51.100.77")).status_code
print(attacker, victim)
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "almenhub.settings.production",
        "SECRET_KEY": "only-for-this-test",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "ALMENHUB_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(SRC),
    }
    env.pop("TRUSTED_PROXIES", None)
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["429", "200"]


# -- the limiter ----------------------------------------------------------------

RATE = Rate(scope="test", limit=3, seconds=60)


def test_hits_past_the_limit_are_refused_with_an_exact_retry_after(clock):
    decisions = [ratelimit.hit(rate=RATE, key="k") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    clock[0] += 25
    late = ratelimit.hit(rate=RATE, key="k")
    assert not late.allowed
    assert late.retry_after == 35
    # Another key has its own allowance.
    assert ratelimit.hit(rate=RATE, key="other").allowed


def test_the_window_opens_at_the_first_hit_and_closes_after_its_length(clock):
    for _ in range(3):
        ratelimit.hit(rate=RATE, key="k")
    clock[0] += 59
    assert not ratelimit.hit(rate=RATE, key="k").allowed
    clock[0] += 1
    fresh = ratelimit.hit(rate=RATE, key="k")
    assert fresh.allowed and fresh.used == 1 and fresh.retry_after == 60


def test_peek_counts_nothing_refund_and_reset_give_back(clock):
    assert ratelimit.peek(rate=RATE, key="k").used == 0
    ratelimit.hit(rate=RATE, key="k")
    ratelimit.hit(rate=RATE, key="k")
    assert ratelimit.peek(rate=RATE, key="k").used == 2
    assert ratelimit.peek(rate=RATE, key="k").used == 2
    ratelimit.refund(rate=RATE, key="k")
    assert ratelimit.peek(rate=RATE, key="k").used == 1
    assert ratelimit.is_over(rate=RATE, key="k") is None
    ratelimit.hit(rate=RATE, key="k")
    ratelimit.hit(rate=RATE, key="k")
    assert ratelimit.is_over(rate=RATE, key="k") is not None
    ratelimit.reset(rate=RATE, key="k")
    assert ratelimit.peek(rate=RATE, key="k").used == 0


def test_charged_spends_before_the_block_and_gives_back_when_it_fails():
    with pytest.raises(RuntimeError):
        with ratelimit.charged(rate=RATE, key="k"):
            raise RuntimeError("the work failed")
    assert ratelimit.peek(rate=RATE, key="k").used == 0
    for _ in range(3):
        with ratelimit.charged(rate=RATE, key="k"):
            pass
    with pytest.raises(ratelimit.RateLimited) as refused:
        with ratelimit.charged(rate=RATE, key="k"):
            raise AssertionError("must not run")
    assert refused.value.decision.retry_after > 0


def test_parallel_hits_let_exactly_the_limit_through():
    rate = Rate(scope="parallel", limit=10, seconds=60)
    barrier = threading.Barrier(30)
    allowed: list[bool] = []

    def one() -> None:
        barrier.wait(timeout=10)
        allowed.append(ratelimit.hit(rate=rate, key="k").allowed)

    threads = [threading.Thread(target=one) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert allowed.count(True) == 10
    assert len(allowed) == 30


def test_keys_are_hashed_so_the_cache_holds_no_personal_data():
    ratelimit.hit(rate=RATE, key="karen@example.dk")
    stored = " ".join(str(k) for k in cache._cache)  # type: ignore[attr-defined]
    assert "karen" not in stored
