"""The schemas of projects and programmes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s
from almenhub.projects.models import ProjectStatus

# A project's status, as the model declares them (ProjectStatus); mypy cannot
# read a Literal built from the model's choices, so it sees the values' type.
if TYPE_CHECKING:
    ProjectStatusValue = str
else:
    ProjectStatusValue = Literal[tuple(ProjectStatus.values)]


class ProjectFilters(Schema):
    theme: s.Slug = s.theme_filter()
    status: ProjectStatusValue = s.optional("Projektets status.")
    year: s.Year = s.optional("Udgivelsesår.")
    owner: s.Id = s.optional("Projektejerens organisations-id.")
    participant: s.Id = s.optional("En deltagende organisations id.")
    programme: s.Id = s.optional("Programmets id.")
    updated_since: s.Moment = s.updated_since_filter()


class ProgrammeFilters(Schema):
    owner: s.Id = s.optional("Ejerens organisations-id.")


class ProjectOut(s.Selectable):
    id: int
    title: str
    url: str = Field(description="Projektsiden på almenhub.")
    api_url: str
    teaser: str
    status: ProjectStatusValue | None = Field(
        description="Projektets status; null, når siden ikke oplyser den."
    )
    status_label: str
    year: int | None = Field(description="Udgivelsesår.")
    owner: s.OrganisationRef | None
    programme: s.PageRef | None
    themes: list[s.ThemeRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class Deliverable(s.Out):
    title: str
    kind: str
    kind_label: str
    description: str
    url: str
    publication_id: int | None


class Quote(s.Out):
    text: str
    author: str
    role: str


class Fact(s.Out):
    heading: str
    text: str


class ProjectDetailOut(ProjectOut):
    participants: list[s.OrganisationRef]
    participants_text: str
    contacts: list[s.Contact]
    body_html: str
    deliverables: list[Deliverable]
    quotes: list[Quote]
    facts: list[Fact]
    related_projects: list[s.PageRef]
    publications: list[s.PageRef]


class ProgrammeOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    projects_api_url: str
    teaser: str
    owner: s.OrganisationRef | None
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ProgrammeDetailOut(ProgrammeOut):
    intro_html: str
