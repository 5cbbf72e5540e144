"""The client's address and the one limiter every rate limit of the hub uses.

Client address: the socket's peer (REMOTE_ADDR), unless that peer is one of
the proxies named in TRUSTED_PROXIES. Only then is X-Forwarded-For read, from
the right, skipping our own proxies: the first hop that is not one of them is
the client. Anything left of it was written by the client and is ignored. With
TRUSTED_PROXIES empty (the default) the header is never read, so no client can
pick the address it is counted under.

Limiter: a window opens at a key's first hit and lasts `rate.seconds`; hits
are counted with cache.add + cache.incr, which the cache performs atomically,
so N parallel hits against a limit of L let exactly L through (per cache: the
embedded default's local-memory cache counts per process). The window's start
is part of the counter's key, so Retry-After is exact and counts of two
windows never mix.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# A counter outlives its window by this much, so that a hit that read the
# window's start just before it expired still finds its counter.
_EXPIRY_FUDGE_SECONDS = 5


# -- the client's address -----------------------------------------------------


def parse_trusted_proxies(value: str | list[str] | tuple[str, ...]) -> list[Network]:
    """Addresses or networks (CIDR), comma-separated or as a list."""
    items = value.split(",") if isinstance(value, str) else list(value)
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {item!r} is not an IP address or network."
            ) from error
    return networks


def check_trusted_proxies(**kwargs: object) -> list[checks.CheckMessage]:
    """A system check: a mistyped proxy address must stop the start, not
    quietly leave the header untrusted (or the first request failing)."""
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="almenhub.E010")]
    return []


@lru_cache(maxsize=8)
def _trusted(value: str | tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(parse_trusted_proxies(value))


def trusted_proxies() -> tuple[Network, ...]:
    value = settings.TRUSTED_PROXIES
    return _trusted(value if isinstance(value, str) else tuple(value))


def _parse_address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(request: HttpRequest) -> str:
    """The address of the client, as far as our own proxies can vouch for it."""
    remote = str(request.META.get("REMOTE_ADDR", ""))[:64]
    proxies = trusted_proxies()
    peer = _parse_address(remote)
    if not proxies or peer is None or not any(peer in net for net in proxies):
        return remote or "unknown"
    client = peer
    hops = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    for hop in reversed(hops):
        address = _parse_address(hop)
        if address is None:
            # A trusted proxy passed on something that is no address: the
            # proxy's own address is the best that can be vouched for.
            break
        client = address
        if not any(address in net for net in proxies):
            break
    return str(client)


# -- the limiter ----------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """At most `limit` hits per `seconds`, counted under `scope` + a key."""

    scope: str
    limit: int
    seconds: int


@dataclass(frozen=True)
class Decision:
    limit: int
    used: int
    retry_after: int

    @property
    def allowed(self) -> bool:
        return self.used <= self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


class RateLimited(Exception):
    """Raised by `charged` when the allowance is spent; carries the decision."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(f"rate limited, retry after {decision.retry_after} s")
        self.decision = decision


def clock() -> float:
    return time.time()


def _base_key(rate: Rate, key: str) -> str:
    # Hashed: keys carry user input (user names, e-mail addresses) that the
    # cache must neither store readably nor choke on.
    digest = hashlib.sha256(f"{rate.scope}\x00{key}".encode()).hexdigest()[:32]
    return f"almenhub:limit:{digest}"


def _current_start(rate: Rate, base: str, now: float) -> float | None:
    """When the key's open window started, or None if none is open."""
    start_key = f"{base}:start"
    start = cache.get(start_key)
    if start is not None and now >= start + rate.seconds:
        # The clock is past the window even if the cache has not let go yet.
        cache.delete(start_key)
        return None
    return start


def _open_window(rate: Rate, base: str, now: float) -> float:
    start_key = f"{base}:start"
    cache.add(start_key, now, timeout=rate.seconds)
    # Whoever added first set the start; a lost race reads theirs.
    return float(cache.get(start_key, now))


def _retry_after(rate: Rate, start: float, now: float) -> int:
    return max(1, math.ceil(start + rate.seconds - now))


def _counter(base: str, start: float) -> str:
    return f"{base}:{int(start * 1000)}"


def _count(base: str, start: float, count: int, timeout: int) -> int:
    counter = _counter(base, start)
    if cache.add(counter, count, timeout=timeout):
        return count
    try:
        return cache.incr(counter, count)
    except ValueError:  # expired between add and incr
        cache.set(counter, count, timeout=timeout)
        return count


def hit(*, rate: Rate, key: str, count: int = 1) -> Decision:
    """Count `count` hits for `key` and say whether they fit the allowance."""
    now = clock()
    base = _base_key(rate, key)
    timeout = rate.seconds + _EXPIRY_FUDGE_SECONDS
    start = _current_start(rate, base, now)
    if start is None:
        start = _open_window(rate, base, now)
        used = _count(base, start, count, timeout)
    else:
        # The usual case, two round trips: the window and its counter exist.
        try:
            used = cache.incr(_counter(base, start), count)
        except ValueError:
            used = _count(base, start, count, timeout)
    return Decision(
        limit=rate.limit, used=used, retry_after=_retry_after(rate, start, now)
    )


def peek(*, rate: Rate, key: str) -> Decision:
    """The hits counted so far, counting none."""
    now = clock()
    base = _base_key(rate, key)
    start = _current_start(rate, base, now)
    if start is None:
        return Decision(limit=rate.limit, used=0, retry_after=0)
    used = int(cache.get(_counter(base, start), 0))
    return Decision(
        limit=rate.limit, used=used, retry_after=_retry_after(rate, start, now)
    )


def refund(*, rate: Rate, key: str, count: int = 1) -> None:
    """Give back hits whose work did not happen."""
    base = _base_key(rate, key)
    start = _current_start(rate, base, clock())
    if start is None:
        return
    try:
        cache.decr(_counter(base, start), count)
    except ValueError:
        pass


def reset(*, rate: Rate, key: str) -> None:
    base = _base_key(rate, key)
    cache.delete(f"{base}:start")


def is_over(*, rate: Rate, key: str) -> Decision | None:
    """The decision if `key` has already spent its allowance, else None."""
    decision = peek(rate=rate, key=key)
    return decision if decision.used >= rate.limit else None


@contextmanager
def charged(*, rate: Rate, key: str) -> Iterator[Decision]:
    """Spend one hit on the block, before it runs; RateLimited when none is
    left, and the hit is given back when the block fails."""
    decision = hit(rate=rate, key=key)
    if not decision.allowed:
        raise RateLimited(decision)
    try:
        yield decision
    except BaseException:
        refund(rate=rate, key=key)
        raise
