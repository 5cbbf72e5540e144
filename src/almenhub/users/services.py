"""Writes for members: joining an organisation, the contact person's role,
invitations, and a member's own data (export and deletion).

Who may decide is checked here, not in the views, so the admin's queue and
the contact person's page obey the same rules.
"""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from almenhub.core import ratelimit
from almenhub.core.links import site_url
from almenhub.core.ratelimit import Rate
from almenhub.organisations.models import Organisation
from almenhub.users.models import MembershipRequest, MembershipStatus, User
from almenhub.worker.mail import mail_send

INVITATION_SALT = "almenhub.users.invitation"
INVITATION_DAYS = 14
# An invitation is a mail to an address the inviter chose: few per contact.
INVITATIONS_PER_DAY = Rate(scope="users:invitation", limit=30, seconds=24 * 3600)


class MembershipError(Exception):
    """A decision the acting user may not take; the message is Danish."""


def _mail(*, to: list[str], template: str, subject: str, context: dict) -> None:
    if not to:
        return
    mail_send(
        message=EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"users/email/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
        )
    )


# -- deciding who belongs -----------------------------------------------------


def can_decide(*, actor: User, organisation: Organisation | None) -> bool:
    """The secretariat decides for every organisation; a contact person for
    their own."""
    if actor.is_superuser or actor.has_perm("users.change_membershiprequest"):
        return True
    return bool(
        organisation is not None
        and actor.is_organisation_contact
        and actor.organisation_id == organisation.pk
    )


def membership_request_create(
    *, user: User, organisation: Organisation, invited: bool = False
) -> MembershipRequest:
    """At sign-up: the organisation asked for, nothing granted until the
    address is verified."""
    return MembershipRequest.objects.update_or_create(
        user=user,
        defaults={
            "organisation": organisation,
            "invited": invited,
            "status": MembershipStatus.UNVERIFIED,
        },
    )[0]


def _join(request: MembershipRequest, *, by: User | None) -> None:
    user = request.user
    user.organisation = request.organisation
    user.save(update_fields=["organisation"])
    request.status = MembershipStatus.APPROVED
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save(update_fields=["status", "decided_at", "decided_by"])


@transaction.atomic
def membership_verified(*, user: User, email: str) -> MembershipRequest | None:
    """The member proved they own `email`: join at once when the domain is the
    organisation's or they were invited, else queue for approval."""
    request = (
        MembershipRequest.objects.select_for_update()
        .select_related("organisation", "user")
        .filter(user=user, status=MembershipStatus.UNVERIFIED)
        .first()
    )
    if request is None:
        return None
    if request.invited or request.organisation.owns_email(email):
        _join(request, by=None)
        return request
    request.status = MembershipStatus.WAITING
    request.save(update_fields=["status"])
    contacts = list(
        User.objects.filter(
            organisation=request.organisation, is_organisation_contact=True
        ).values_list("email", flat=True)
    )
    # Sent by the worker once this transaction commits (mail_send).
    _mail(
        to=contacts,
        template="membership_waiting",
        subject=f"almenhub: {user.display_name} vil være medlem af "
        f"{request.organisation.name}",
        context={
            "request": request,
            "url": site_url(reverse("members:organisation")),
        },
    )
    return request


@transaction.atomic
def membership_decide(
    *, request_id: int, actor: User, approve: bool
) -> MembershipRequest:
    request = (
        MembershipRequest.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=request_id)
    )
    if not can_decide(actor=actor, organisation=request.organisation):
        raise MembershipError("Du kan ikke afgøre medlemskaber for den organisation.")
    if request.status != MembershipStatus.WAITING:
        raise MembershipError("Anmodningen er allerede afgjort.")
    if approve:
        _join(request, by=actor)
    else:
        request.status = MembershipStatus.REFUSED
        request.decided_at = timezone.now()
        request.decided_by = actor
        request.save(update_fields=["status", "decided_at", "decided_by"])
    user, organisation = request.user, request.organisation
    _mail(
        to=[user.email],
        template="membership_decided",
        subject=(
            f"almenhub: du er nu medlem af {organisation.name}"
            if approve
            else f"almenhub: din anmodning om medlemskab af {organisation.name}"
        ),
        context={
            "user": user,
            "organisation": organisation,
            "approved": approve,
            "url": site_url(reverse("members:home")),
        },
    )
    return request


def waiting_requests(*, actor: User) -> list[MembershipRequest]:
    """The requests the actor may decide, oldest first."""
    queryset = MembershipRequest.objects.filter(
        status=MembershipStatus.WAITING
    ).select_related("user", "organisation")
    if not can_decide(actor=actor, organisation=None):
        queryset = queryset.filter(organisation=actor.organisation_id)
        if not actor.is_organisation_contact or actor.organisation_id is None:
            return []
    return list(queryset)


# -- the organisation's contact person -----------------------------------------


def _require_contact(actor: User) -> Organisation:
    if not actor.is_organisation_contact or actor.organisation is None:
        raise MembershipError("Kun organisationens kontaktperson kan gøre det.")
    return actor.organisation


def invitation_token(*, organisation: Organisation, email: str) -> str:
    return signing.dumps(
        {"o": organisation.pk, "e": email.strip().lower()}, salt=INVITATION_SALT
    )


def invitation_read(token: str) -> tuple[Organisation, str] | None:
    """The organisation and address a valid, unexpired invitation names."""
    try:
        data = signing.loads(
            token,
            salt=INVITATION_SALT,
            max_age=datetime.timedelta(days=INVITATION_DAYS),
        )
        organisation = Organisation.objects.get(pk=int(data["o"]))
        return organisation, str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    except Organisation.DoesNotExist:
        return None


def member_invite(*, actor: User, email: str) -> None:
    """Mail a colleague a link to sign up as a member of the actor's
    organisation; the link is the approval, the address still gets verified."""
    organisation = _require_contact(actor)
    email = email.strip().lower()
    with ratelimit.charged(rate=INVITATIONS_PER_DAY, key=str(actor.pk)):
        token = invitation_token(organisation=organisation, email=email)
        _mail(
            to=[email],
            template="invitation",
            subject=f"almenhub: {actor.display_name} inviterer dig til "
            f"{organisation.name}",
            context={
                "actor": actor,
                "organisation": organisation,
                "url": site_url(f"{reverse('account_signup')}?invitation={token}"),
                "days": INVITATION_DAYS,
            },
        )


def organisation_members(*, actor: User) -> list[User]:
    organisation = _require_contact(actor)
    return list(
        User.objects.filter(organisation=organisation, is_active=True).order_by(
            "first_name", "last_name", "email"
        )
    )


@transaction.atomic
def member_remove(*, actor: User, member_id: int) -> User:
    organisation = _require_contact(actor)
    member = (
        User.objects.select_for_update()
        .filter(pk=member_id, organisation=organisation)
        .first()
    )
    if member is None:
        raise MembershipError("Personen er ikke medlem af jeres organisation.")
    if member.pk == actor.pk:
        raise MembershipError(
            "Du kan ikke fjerne dig selv; giv rollen videre først, eller slet "
            "din konto."
        )
    member.organisation = None
    member.is_organisation_contact = False
    member.save(update_fields=["organisation", "is_organisation_contact"])
    MembershipRequest.objects.filter(user=member).delete()
    return member


@transaction.atomic
def contact_role_hand_on(*, actor: User, member_id: int) -> User:
    organisation = _require_contact(actor)
    member = (
        User.objects.select_for_update()
        .filter(pk=member_id, organisation=organisation, is_active=True)
        .first()
    )
    if member is None or member.pk == actor.pk:
        raise MembershipError("Vælg en kollega i jeres organisation.")
    member.is_organisation_contact = True
    member.save(update_fields=["is_organisation_contact"])
    actor.is_organisation_contact = False
    actor.save(update_fields=["is_organisation_contact"])
    return member


# -- the member's own data -------------------------------------------------------


def user_details_update(*, user: User, name: str, job_title: str) -> None:
    first, _, last = " ".join(name.split()).partition(" ")
    user.first_name, user.last_name = first[:150], last[:150]
    user.job_title = job_title.strip()[:200]
    user.save(update_fields=["first_name", "last_name", "job_title"])


def account_export(*, user: User, extra: dict[str, Any] | None = None) -> dict:
    """Everything the hub keeps about the member, as JSON-ready data; apps
    above this one add their part through `extra`."""
    request = MembershipRequest.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "konto": {
            "navn": user.get_full_name(),
            "mail": user.email,
            "stilling": user.job_title,
            "organisation": user.organisation.name if user.organisation else None,
            "organisationens_kontaktperson": user.is_organisation_contact,
            "oprettet": user.date_joined.isoformat(),
            "sidst_logget_ind": user.last_login.isoformat()
            if user.last_login
            else None,
        },
        "mailadresser": [
            {"mail": a.email, "bekræftet": a.verified, "primær": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "medlemsanmodning": (
            {
                "organisation": request.organisation.name,
                "status": request.get_status_display(),
                "oprettet": request.created_at.isoformat(),
            }
            if request
            else None
        ),
    }
    data.update(extra or {})
    return data


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the member. What they wrote for their organisation stays: pages
    and revisions point at the user with SET_NULL and keep their
    organisation, so the examples are credited to it. An organisation left without a
    contact person falls back on the secretariat."""
    user.delete()
