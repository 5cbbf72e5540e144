"""The signed links a participant gets by e-mail (cancelling a sign-up)."""

from __future__ import annotations

import base64

from django.core import signing

from almenhub.meetings.models import Registration

CANCEL_SALT = "almenhub.meetings.registration.cancel"


class InvalidToken(Exception):
    """A cancellation link that was not made by this hub, or was altered."""


def registration_token(registration: Registration) -> str:
    """The signed part of the cancellation link in the confirmation e-mail.

    The signed value is base64-encoded once more, because page routes only
    take letters, digits, "-" and "_" and the signature contains ":".
    """
    signed = signing.dumps(str(registration.public_id), salt=CANCEL_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def registration_from_token(token: str) -> Registration:
    """The registration a cancellation link was made for.

    Raises InvalidToken for any link this hub did not sign, and for links to
    registrations that no longer exist or are anonymised.
    """
    try:
        padded = token + "=" * (-len(token) % 4)
        raw = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)
        signed = raw.decode()
        public_id = signing.loads(signed, salt=CANCEL_SALT)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken("Linket er ugyldigt.") from error
    registration = (
        Registration.objects.select_related("meeting")
        .filter(public_id=public_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        raise InvalidToken("Tilmeldingen findes ikke længere.")
    return registration
