"""Reads for the content pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from almenhub.organisations.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class MemberGroup:
    kind: str
    label: str
    organisations: list[Organisation]


def member_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_member=True).order_by("name", "pk")


def member_organisations_by_kind() -> list[MemberGroup]:
    """The members, grouped by kind in the order the kinds are declared
    (housing organisations first), each group by name."""
    by_kind: dict[str, list[Organisation]] = {}
    for org in member_organisations():
        by_kind.setdefault(org.kind, []).append(org)
    return [
        MemberGroup(kind=value, label=str(label), organisations=by_kind[value])
        for value, label in OrganisationKind.choices
        if value in by_kind
    ]
