"""An organisation as the public sees it: its public pages and the people
whose details may be shown. Reverse relations name the pages, so that this
app, which the page apps build on, imports none of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Page

from almenhub.core.pages.visibility import public_pages
from almenhub.organisations.models import Organisation


def public_organisations() -> QuerySet[Organisation]:
    """The organisations with a public page: every one that has an address
    (rows inserted in bulk have none until saved)."""
    return Organisation.objects.exclude(slug__isnull=True).exclude(slug="")


@dataclass(frozen=True)
class OrganisationPages:
    owned_projects: list[Page]
    other_projects: list[Page]  # as participant, partner or funder
    examples: list[Page]
    meetings: list[Page]  # series it co-organises, meetings it spoke at
    people: list  # people.Person with a public page

    def __bool__(self) -> bool:
        return bool(
            self.owned_projects or self.other_projects or self.examples or self.meetings
        )


def _pages(*ids: QuerySet, exclude: Sequence[Page] = ()) -> list[Page]:
    queryset = Page.objects.none()
    for some in ids:
        queryset = queryset | Page.objects.filter(pk__in=some)
    return list(
        public_pages(queryset.exclude(pk__in=[p.pk for p in exclude]))
        .specific()
        .order_by("-first_published_at", "title")
    )


def organisation_pages(org: Organisation) -> OrganisationPages:
    owned = _pages(org.owned_projects.values("pk"))
    return OrganisationPages(
        owned_projects=owned,
        other_projects=_pages(
            org.participating_projects.values("pk"),
            org.partner_projects.values("pk"),
            org.funded_projects.values("pk"),
            exclude=owned,
        ),
        examples=_pages(org.examples.values("pk")),
        meetings=_pages(
            org.co_organised_meeting_series.values("pk"),
            org.meeting_contributions.values("meeting_id"),
        ),
        people=list(org.people.filter(show_contact_details=True, has_left=False)),
    )
