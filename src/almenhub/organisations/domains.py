"""The e-mail domains an organisation owns: membership by a verified
address on one of them (users.services.membership_verified)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# Domains anyone can have an address on: listing one would let any stranger
# join the organisation.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "hotmail.com",
        "hotmail.dk",
        "outlook.com",
        "outlook.dk",
        "live.dk",
        "live.com",
        "yahoo.com",
        "yahoo.dk",
        "icloud.com",
        "me.com",
        "mail.dk",
        "jubii.dk",
        "protonmail.com",
        "proton.me",
        "gmx.com",
        "privat.dk",
    }
)
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)


def email_domains_clean(text: str) -> str:
    """The domains one per line, lower-cased; a clear error for a line that is
    no domain or a public mail service's."""
    domains: list[str] = []
    for line in text.splitlines():
        domain = line.strip().lower().lstrip("@")
        if not domain:
            continue
        if not _DOMAIN.match(domain):
            raise ValidationError(
                {"email_domains": f"“{line.strip()}” er ikke et domæne som fx bosj.dk."}
            )
        if domain in PUBLIC_MAIL_DOMAINS:
            raise ValidationError(
                {
                    "email_domains": (
                        f"“{domain}” er en offentlig mailtjeneste; alle kan få en "
                        "adresse der, så den kan ikke give medlemskab."
                    )
                }
            )
        if domain not in domains:
            domains.append(domain)
    return "\n".join(domains)
