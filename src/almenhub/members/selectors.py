"""What My page shows: one member's examples, meetings and organisation,
read from the apps that hold them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from almenhub.examples.selectors import MemberExampleRow, member_examples_with_status
from almenhub.indicators.selectors import (
    IndicatorSummaryRow,
    ValueFilters,
    indicator_summary,
)
from almenhub.meetings.models import ACTIVE_STATUSES, Registration
from almenhub.meetings.tokens import registration_token
from almenhub.users.models import MembershipRequest, User


@dataclass(frozen=True)
class RegistrationRow:
    registration: Registration
    cancel_url: str


@dataclass(frozen=True)
class MyPage:
    my_examples: list[MemberExampleRow]
    organisation_examples: list[MemberExampleRow]
    organisation_values: list[IndicatorSummaryRow]
    registrations: list[RegistrationRow]
    membership_request: MembershipRequest | None


def my_registrations(*, user: User) -> list[RegistrationRow]:
    """Active sign-ups for meetings to come, made with the member's address
    (the meeting form asks for no login, so the address is the link)."""
    if not user.email:
        return []
    registrations = (
        Registration.objects.filter(
            email=user.email.lower(),
            status__in=ACTIVE_STATUSES,
            meeting__starts_at__gte=timezone.now(),
            anonymised_at__isnull=True,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    return [
        RegistrationRow(
            registration=r,
            cancel_url=r.meeting.subpage_url("cancel", token=registration_token(r)),
        )
        for r in registrations
    ]


def my_page(*, user: User) -> MyPage:
    rows: list[MemberExampleRow] = []
    values: list[IndicatorSummaryRow] = []
    organisation = user.organisation
    if organisation is not None:
        rows = member_examples_with_status(organisation=organisation)
        values = indicator_summary(ValueFilters(organisation_id=organisation.pk))
    return MyPage(
        my_examples=[r for r in rows if r.page.owner_id == user.pk],
        organisation_examples=[r for r in rows if r.page.owner_id != user.pk],
        organisation_values=values,
        registrations=my_registrations(user=user),
        membership_request=MembershipRequest.objects.filter(user=user)
        .select_related("organisation")
        .first(),
    )


def member_data_export(*, user: User) -> dict:
    """The member's part of other apps' data, for the download of their data."""
    return {
        "eksempler_oprettet_af_mig": [
            {"titel": r.page.draft_title, "status": r.status}
            for r in my_page(user=user).my_examples
        ],
        "mødetilmeldinger": [
            {
                "møde": row.registration.meeting.title,
                "tidspunkt": row.registration.meeting.starts_at.isoformat(),
                "status": row.registration.get_status_display(),
                "stilling": row.registration.job_title,
                "hensyn_til_kost": row.registration.dietary_needs,
            }
            for row in my_registrations(user=user)
        ],
        "følger": [
            {
                "følger": f.label,
                "hyppighed": f.get_frequency_display(),
                "oprettet": f.created_at.isoformat(),
            }
            for f in user.follows.all()
        ],
    }
