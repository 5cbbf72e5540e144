"""A person as the public sees them: only a person whose details may be
shown has a page, and it lists only public pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Page

from almenhub.core.pages.visibility import public_pages
from almenhub.people.models import Person


def public_people() -> QuerySet[Person]:
    """The people with a public page: they agreed to be shown (or it is their
    public role) and are still there."""
    return Person.objects.filter(show_contact_details=True, has_left=False)


@dataclass(frozen=True)
class PersonPages:
    projects: list[Page]
    examples: list[Page]
    meetings: list[Page]  # where they gave a talk

    def __bool__(self) -> bool:
        return bool(self.projects or self.examples or self.meetings)


def _pages(ids: QuerySet) -> list[Page]:
    return list(
        public_pages(Page.objects.filter(pk__in=ids))
        .specific()
        .order_by("-first_published_at", "title")
    )


def person_pages(person: Person) -> PersonPages:
    """The public pages that name `person`: as a project's or an example's
    contact, or as a speaker at a meeting. Reverse relations keep this app
    free of the page apps' imports."""
    return PersonPages(
        projects=_pages(person.project_contacts.values("page_id")),
        examples=_pages(person.example_contacts.values("page_id")),
        meetings=_pages(person.meeting_contributions.values("meeting_id")),
    )
