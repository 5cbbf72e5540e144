"""Writes for meetings: registering, cancelling, attendance, anonymising,
contributions (the scheduled e-mails are in notices.py).

Every rule a sign-up must pass is checked here, inside one transaction that
holds the meeting's lock, so no path around a form can overbook a meeting:
on PostgreSQL the meeting row is locked with SELECT … FOR UPDATE; on SQLite
the settings open every write transaction with BEGIN IMMEDIATE, which takes
the database's write lock before the first count is read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from almenhub.core import ratelimit
from almenhub.core.db.retry import with_lock_retry
from almenhub.core.ratelimit import Rate
from almenhub.meetings.emails import EmailKind
from almenhub.meetings.models import (
    ACTIVE_STATUSES,
    Contribution,
    MeetingPage,
    Registration,
    RegistrationStatus,
)
from almenhub.meetings.tasks import refusal_email_send, registration_email_send
from almenhub.meetings.tokens import registration_from_token
from almenhub.organisations.models import Organisation
from almenhub.organisations.names import organisation_key
from almenhub.organisations.services import organisation_find
from almenhub.people.services import normalise_email

# However often a form is sent with someone's address, its owner hears of it
# this often at most.
NOTICE_RATE = Rate(scope="meetings:refusal-notice", limit=3, seconds=60 * 60)


class PrivateRefusal(ValidationError):
    """A refusal whose reason is the address owner's business alone: the
    address is already signed up, or the organisation has all its seats.

    The public form answers as if the sign-up went through (`waitlisted`
    says what a new sign-up would have been told) and the owner is told by
    e-mail; the message is for editors and other trusted callers.
    """

    def __init__(
        self,
        message: dict[str, str],
        *,
        kind: str,
        waitlisted: bool,
        registration_id: int | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.waitlisted = waitlisted
        self.registration_id = registration_id


@dataclass(frozen=True)
class RegistrationInput:
    """What a participant types into the public form."""

    name: str
    organisation: str
    email: str
    job_title: str = ""
    dietary_needs: str = ""
    consent: bool = False

    def normalised(self) -> RegistrationInput:
        return replace(
            self,
            name=" ".join(self.name.split()),
            organisation=" ".join(self.organisation.split()),
            email=normalise_email(self.email),
            job_title=" ".join(self.job_title.split()),
            dietary_needs=self.dietary_needs.strip(),
        )


def _input_errors(data: RegistrationInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name:
        errors["name"] = "Navn: skriv dit navn."
    if not data.organisation:
        errors["organisation"] = "Organisation: skriv navnet på din organisation."
    if not data.email:
        errors["email"] = "Arbejdsmail: skriv din mailadresse."
    else:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = (
                "Arbejdsmail: skriv en gyldig mailadresse, fx navn@firma.dk."
            )
    if not data.consent:
        errors["consent"] = "Samtykke: du skal give samtykke for at blive tilmeldt."
    return errors


def _rule_errors(
    meeting: MeetingPage, data: RegistrationInput, now: datetime.datetime
) -> dict[str, str]:
    if now > meeting.registration_deadline:
        deadline = timezone.localtime(meeting.registration_deadline)
        return {
            "__all__": (
                f"Tilmeldingsfristen var {deadline:%d.%m.%Y kl. %H.%M}: "
                "der kan ikke længere tilmeldes."
            )
        }
    return {}


def _same_organisation(
    registration: Registration, *, key: str, chosen: Organisation | None
) -> bool:
    if chosen is not None and registration.organisation_id == chosen.pk:
        return True
    return organisation_key(registration.organisation_name) == key


def _private_refusal(
    meeting: MeetingPage,
    data: RegistrationInput,
    chosen: Organisation | None,
    confirmed: int,
) -> PrivateRefusal | None:
    """A refusal that only the address's owner may hear of, or None."""
    active = list(
        meeting.registrations.filter(status__in=ACTIVE_STATUSES).only(
            "email", "organisation_name", "organisation_id"
        )
    )
    waitlisted = confirmed >= meeting.capacity
    existing = next((r for r in active if r.email == data.email), None)
    if existing is not None:
        return PrivateRefusal(
            {
                "email": (
                    f"Arbejdsmail: {data.email} er allerede tilmeldt dette møde. "
                    "Brug linket i din bekræftelse, hvis du vil melde fra."
                )
            },
            kind=EmailKind.ALREADY_REGISTERED,
            waitlisted=waitlisted,
            registration_id=existing.pk,
        )
    cap = meeting.max_per_organisation
    if cap:
        key = organisation_key(data.organisation)
        same = sum(1 for r in active if _same_organisation(r, key=key, chosen=chosen))
        if same >= cap:
            return PrivateRefusal(
                {
                    "organisation": (
                        f"Organisation: {data.organisation} har allerede {same} "
                        f"tilmeldte, og der er højst {cap} pladser pr. "
                        "organisation."
                    )
                },
                kind=EmailKind.ORGANISATION_FULL,
                waitlisted=waitlisted,
            )
    return None


def registration_email_enqueue(*, registration: Registration, kind: str) -> None:
    transaction.on_commit(
        partial(
            registration_email_send.enqueue,
            registration_id=registration.pk,
            kind=kind,
        )
    )


def registration_create(
    *,
    meeting: MeetingPage,
    data: RegistrationInput,
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> Registration:
    """Register for a meeting, or put on its waitlist when it is full.

    Raises ValidationError (Danish, keyed by form field) when a rule is broken.
    The confirmation (with the calendar invitation) or the waitlist notice is
    e-mailed once the transaction has committed, unless `notify` is False
    (demo content and imports, whose addresses nobody reads).
    """
    data = data.normalised()
    errors = _input_errors(data)
    if errors:
        raise ValidationError(errors)
    try:
        return with_lock_retry(partial(_registration_write, meeting, data, now, notify))
    except PrivateRefusal as refusal:
        if notify:
            _refusal_notice_enqueue(meeting, data, refusal)
        raise


def _refusal_notice_enqueue(
    meeting: MeetingPage, data: RegistrationInput, refusal: PrivateRefusal
) -> None:
    decision = ratelimit.hit(rate=NOTICE_RATE, key=f"{meeting.pk}:{data.email}")
    if not decision.allowed:
        return
    transaction.on_commit(
        partial(
            refusal_email_send.enqueue,
            meeting_id=meeting.pk,
            kind=refusal.kind,
            registration_id=refusal.registration_id,
            name=data.name,
            email=data.email,
            organisation=data.organisation,
        )
    )


def _registration_write(
    meeting: MeetingPage,
    data: RegistrationInput,
    now: datetime.datetime | None,
    notify: bool,
) -> Registration:
    # The transaction opens before anything is read: counts read outside it
    # could be stale by the time the row is written.
    with transaction.atomic():
        locked = (
            MeetingPage.objects.select_for_update(of=("self",))
            .select_related("contact")
            .get(pk=meeting.pk)
        )
        now = now or timezone.now()
        errors = _rule_errors(locked, data, now)
        if errors:
            raise ValidationError(errors)
        confirmed = locked.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).count()
        chosen = organisation_find(name=data.organisation)
        refusal = _private_refusal(locked, data, chosen, confirmed)
        if refusal is not None:
            raise refusal
        status = (
            RegistrationStatus.CONFIRMED
            if confirmed < locked.capacity
            else RegistrationStatus.WAITLISTED
        )
        series = locked.series
        consent_text = series.effective_consent_text if series else ""
        registration = Registration.objects.create(
            meeting=locked,
            name=data.name,
            organisation_name=data.organisation,
            organisation=chosen,
            email=data.email,
            job_title=data.job_title,
            dietary_needs=data.dietary_needs,
            consent=True,
            consent_text=consent_text,
            status=status,
            created_at=now,
        )
        if notify:
            registration_email_enqueue(registration=registration, kind=status)
    return registration


def _waitlist_fill(meeting: MeetingPage, now: datetime.datetime) -> list[Registration]:
    """Promote waitlisted participants, first come first served, while seats
    are free. Must run inside the transaction that holds the meeting's lock."""
    confirmed = meeting.registrations.filter(
        status=RegistrationStatus.CONFIRMED
    ).count()
    free = meeting.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        meeting.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
            "created_at", "pk"
        )[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration_email_enqueue(registration=registration, kind=EmailKind.PROMOTED)
    return promoted


def registration_cancel(
    *, token: str, now: datetime.datetime | None = None
) -> tuple[Registration, list[Registration]]:
    """Cancel the registration a signed link names, and give the freed seat
    to the first on the waitlist. Returns the cancelled registration and those
    promoted (who are e-mailed). Cancelling twice changes nothing."""
    registration = registration_from_token(token)
    return with_lock_retry(partial(_cancel_write, registration, now))


def _cancel_write(
    registration: Registration, now: datetime.datetime | None
) -> tuple[Registration, list[Registration]]:
    with transaction.atomic():
        meeting = MeetingPage.objects.select_for_update(of=("self",)).get(
            pk=registration.meeting_id
        )
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration, []
        now = now or timezone.now()
        from_waitlist = registration.status == RegistrationStatus.WAITLISTED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_from_waitlist = from_waitlist
        registration.save(
            update_fields=["status", "cancelled_at", "cancelled_from_waitlist"]
        )
        if from_waitlist:
            # No seat was freed and no invitation was ever sent.
            registration_email_enqueue(
                registration=registration, kind=EmailKind.WAITLIST_CANCELLED
            )
            return registration, []
        registration_email_enqueue(registration=registration, kind=EmailKind.CANCELLED)
        promoted = _waitlist_fill(meeting, now)
    return registration, promoted


def meeting_waitlist_fill(*, meeting: MeetingPage) -> list[Registration]:
    """Offer seats to the waitlist after an editor raised the capacity."""
    with transaction.atomic():
        locked = MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
        return _waitlist_fill(locked, timezone.now())


def registration_attendance_set(
    *, registration: Registration, attended: bool | None
) -> Registration:
    """Mark a participant as present (True), absent without notice (False,
    a no-show, who may be charged the fee) or not yet registered (None)."""
    if registration.status != RegistrationStatus.CONFIRMED and attended is not None:
        raise ValidationError(
            {"attended": "Fremmøde: kun tilmeldte deltagere kan markeres."}
        )
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


def anonymise_after_months() -> int:
    return int(settings.MEETINGS_ANONYMISE_AFTER_MONTHS)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` calendar months earlier (clamped to month end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def registrations_anonymise(
    *, now: datetime.datetime | None = None, months: int | None = None
) -> int:
    """Blank the personal data of registrations for meetings that ended more
    than `months` months ago. Keeps the organisation, status and attendance
    for the statistics. Returns how many were anonymised; a second run finds
    none."""
    now = now or timezone.now()
    months = anonymise_after_months() if months is None else months
    cutoff = months_before(now, months)
    return Registration.objects.filter(
        meeting__ends_at__lt=cutoff, anonymised_at__isnull=True
    ).update(
        name="",
        email="",
        job_title="",
        dietary_needs="",
        anonymised_at=now,
    )


@dataclass(frozen=True)
class ContributionInput:
    title: str
    presenters: str = ""
    organisation: Organisation | None = None
    summary: str = ""
    examples: tuple = ()
    is_highlight: bool = False


@transaction.atomic
def contribution_create(
    *, meeting: MeetingPage, data: ContributionInput, slides: File | None = None
) -> Contribution:
    """Add a presentation to a meeting; the slides are checked by content."""
    contribution = Contribution(
        meeting=meeting,
        title=" ".join(data.title.split()),
        presenters=data.presenters.strip(),
        organisation=data.organisation,
        summary=data.summary.strip(),
        is_highlight=data.is_highlight,
        sort_order=meeting.contributions.count(),
    )
    if slides is not None:
        contribution.slides = slides
    contribution.full_clean()
    contribution.save()
    if data.examples:
        contribution.examples.set(data.examples)
    return contribution


def contribution_highlight_set(
    *, contribution: Contribution, is_highlight: bool
) -> Contribution:
    contribution.is_highlight = is_highlight
    contribution.save(update_fields=["is_highlight"])
    return contribution
