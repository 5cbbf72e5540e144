"""Login throttling that an attacker cannot turn against a real user.

Failures are counted per (client address, user name) and per client address.
A pair is locked for a while after a few failures, so guessing one account
from one place stops quickly; an address that fails across many accounts is
slowed down as a whole. The account itself is never locked for everyone, so
an attacker elsewhere cannot keep its owner out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

PAIR_LIMIT = getattr(settings, "LOGIN_FAILURES_PER_ACCOUNT", 5)
ADDRESS_LIMIT = getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 30)
LOCK_SECONDS = getattr(settings, "LOGIN_LOCK_SECONDS", 15 * 60)


def client_address(request: HttpRequest) -> str:
    """Behind our own proxy (CLIENT_IP_HEADER, e.g. "HTTP_X_FORWARDED_FOR") the
    last address in the header is the one the proxy saw, which a client
    cannot forge; otherwise the socket's address."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).casefold().encode()).hexdigest()[:32]
    return f"almenhub:login:{digest}"


@dataclass
class Verdict:
    allowed: bool
    retry_after: int = 0


def login_check(*, address: str, username: str) -> Verdict:
    for key, limit in (
        (_key("pair", address, username), PAIR_LIMIT),
        (_key("addr", address), ADDRESS_LIMIT),
    ):
        if cache.get(key, 0) >= limit:
            return Verdict(allowed=False, retry_after=LOCK_SECONDS)
    return Verdict(allowed=True)


def login_failed(*, address: str, username: str) -> None:
    for key in (_key("pair", address, username), _key("addr", address)):
        if cache.add(key, 1, LOCK_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, LOCK_SECONDS)


def login_succeeded(*, address: str, username: str) -> None:
    cache.delete(_key("pair", address, username))
