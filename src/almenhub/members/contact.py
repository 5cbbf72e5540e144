"""Reaching the people behind a project or an example page.

The sender never sees the address the message goes to: the contact
person's when they are still there and have one, else the organisation's
contact person (a member with the role), else the secretariat. The
sender's own address is the Reply-To, so the answer goes straight back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string
from wagtail.models import Page

from almenhub.core import ratelimit
from almenhub.core.ratelimit import Rate
from almenhub.people.models import Person
from almenhub.users.models import User
from almenhub.worker.mail import mail_send

FORM_SALT = "almenhub.members.contact-form"
# A person types a message in more than a few seconds; a form older than a
# day was not filled in by the person who opened it.
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
PER_CLIENT = Rate(scope="contact:client", limit=5, seconds=3600)
PER_RECIPIENT = Rate(scope="contact:recipient", limit=20, seconds=24 * 3600)


@dataclass(frozen=True)
class Recipient:
    email: str
    # How the sender is told where the message went, without the address.
    description: str


def contact_page(*, page_id: int) -> Page | None:
    """The live, public page with contact people, as its specific type."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    return page if hasattr(page, "contacts") else None


def page_contacts(page: Page) -> list[Person]:
    return [
        link.person
        for link in page.contacts.select_related("person__organisation")
        if link.person
    ]


def _valid(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def contact_recipient(*, person: Person) -> Recipient:
    if not person.has_left and person.email and _valid(person.email):
        return Recipient(person.email, person.name)
    if person.organisation_id is not None:
        contact = (
            User.objects.filter(
                organisation=person.organisation_id,
                is_organisation_contact=True,
                is_active=True,
            )
            .exclude(email="")
            .order_by("pk")
            .first()
        )
        if contact is not None:
            return Recipient(
                contact.email, f"kontaktpersonen hos {person.organisation.name}"
            )
    return Recipient(settings.ALMENHUB_SECRETARIAT_EMAIL, "sekretariatet")


def form_stamp() -> str:
    """The signed moment the form was shown, for the time check."""
    return signing.dumps(time.time(), salt=FORM_SALT)


def stamp_age_ok(stamp: str) -> bool:
    """Whether the form was shown between MIN_SECONDS and MAX_SECONDS ago
    (and by us)."""
    try:
        shown = float(signing.loads(stamp, salt=FORM_SALT, max_age=MAX_SECONDS))
    except (signing.BadSignature, TypeError, ValueError):
        return False
    return time.time() - shown >= MIN_SECONDS


def contact_send(
    *,
    page: Page,
    person: Person,
    name: str,
    email: str,
    message: str,
    client: str,
) -> Recipient:
    """Send the message; RateLimited when the sender or recipient has had
    enough for now."""
    recipient = contact_recipient(person=person)
    with ratelimit.charged(rate=PER_CLIENT, key=client):
        with ratelimit.charged(rate=PER_RECIPIENT, key=recipient.email):
            body = render_to_string(
                "members/email/contact.txt",
                {
                    "page": page,
                    "page_url": page.full_url or "",
                    "person": person,
                    "forwarded": recipient.email != person.email,
                    "name": name,
                    "email": email,
                    "message": message,
                },
            )
            mail_send(
                message=EmailMessage(
                    subject=f"almenhub: besked om “{page.title}” fra {name}",
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[recipient.email],
                    reply_to=[email],
                )
            )
    return recipient
