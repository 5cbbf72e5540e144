"""Login and password-reset throttling that an attacker cannot turn against a
real user.

Failures are counted per (client address, user name) and per client address.
A pair is locked for a while after a few failures, so guessing one account
from one place stops quickly; an address that fails across many accounts is
slowed down as a whole. The account itself is never locked for everyone, so
an attacker elsewhere cannot keep its owner out.

The user name is counted and checked as the login form reads it (white space
stripped, NFKC, and case folded on top), so " admin" and "admin" are one name.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings

from almenhub.core import ratelimit
from almenhub.core.ratelimit import Decision, Rate

LOCK_SECONDS = settings.LOGIN_LOCK_SECONDS
PAIR_RATE = Rate(
    scope="login:pair",
    limit=settings.LOGIN_FAILURES_PER_ACCOUNT,
    seconds=LOCK_SECONDS,
)
ADDRESS_RATE = Rate(
    scope="login:address",
    limit=settings.LOGIN_FAILURES_PER_ADDRESS,
    seconds=LOCK_SECONDS,
)
# Each reset request sends a mail: few per address an hour (its owner needs
# one), and a few more per client, who may have forgotten which address.
RESET_PER_EMAIL = Rate(scope="password-reset:email", limit=3, seconds=60 * 60)
RESET_PER_CLIENT = Rate(scope="password-reset:client", limit=10, seconds=60 * 60)

# Each sign-up sends a mail (a confirmation, or "you already have an
# account"), counted alike for known and unknown addresses.
SIGNUP_PER_EMAIL = Rate(scope="signup:email", limit=3, seconds=60 * 60)
SIGNUP_PER_CLIENT = Rate(scope="signup:client", limit=10, seconds=60 * 60)


def normalise_username(username: str) -> str:
    """The name as Django's login form authenticates it (UsernameField strips
    and applies NFKC), case folded so that case gives no fresh tries either."""
    return unicodedata.normalize("NFKC", str(username)).strip().casefold()[:150]


def _pair(address: str, username: str) -> str:
    return f"{address}\x00{normalise_username(username)}"


def login_check(*, address: str, username: str) -> Decision | None:
    """The decision that locks this attempt out, or None to let it through."""
    return ratelimit.is_over(
        rate=PAIR_RATE, key=_pair(address, username)
    ) or ratelimit.is_over(rate=ADDRESS_RATE, key=address)


def login_failed(*, address: str, username: str) -> None:
    ratelimit.hit(rate=PAIR_RATE, key=_pair(address, username))
    ratelimit.hit(rate=ADDRESS_RATE, key=address)


def login_succeeded(*, address: str, username: str) -> None:
    ratelimit.reset(rate=PAIR_RATE, key=_pair(address, username))


def _mail_hit(
    per_client: Rate, per_email: Rate, *, address: str, email: str
) -> Decision | None:
    for rate, key in (
        (per_client, address),
        (per_email, unicodedata.normalize("NFKC", email).strip().casefold()),
    ):
        decision = ratelimit.hit(rate=rate, key=key)
        if not decision.allowed:
            return decision
    return None


def password_reset_hit(*, address: str, email: str) -> Decision | None:
    """Count a reset request; the decision that refuses it, or None."""
    return _mail_hit(RESET_PER_CLIENT, RESET_PER_EMAIL, address=address, email=email)


def signup_hit(*, address: str, email: str) -> Decision | None:
    """Count a sign-up; the decision that refuses it, or None."""
    return _mail_hit(SIGNUP_PER_CLIENT, SIGNUP_PER_EMAIL, address=address, email=email)
