"""The schemas of examples with their indicator values."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class ExampleFilters(Schema):
    theme: s.Slug = s.theme_filter()
    status: Literal["idea", "in_progress", "implemented"] = s.optional(
        "Eksemplets status."
    )
    task: s.Slug = s.optional("Driftsopgavens kortnavn.")
    organisation: s.Id = s.optional("Boligorganisationens organisations-id.")
    municipality: s.Text = s.optional("Kommune, fx Aarhus.")
    indicator: s.Slug = s.optional(
        "Kun eksempler med værdier for denne indikator (kortnavn)."
    )
    updated_since: s.Moment = s.updated_since_filter()


class IndicatorValueOut(s.Out):
    indicator: str = Field(description="Indikatorens kortnavn.")
    indicator_name: str
    bottom_line: str
    unit: str
    value: float
    period_start: datetime.date
    period_end: datetime.date
    year: int
    method: str
    method_label: str
    source: str


class TaskRef(s.Out):
    slug: str
    name: str


class ExampleOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    organisation: s.OrganisationRef
    department: str
    municipality: str
    latitude: float | None
    longitude: float | None
    task: TaskRef
    status: str
    status_label: str
    themes: list[s.ThemeRef]
    values: list[IndicatorValueOut]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class BuildingBlock(s.Out):
    title: str
    description: str


class ExampleDetailOut(ExampleOut):
    what_was_done_html: str
    results_html: str
    lessons_html: str
    building_blocks: list[BuildingBlock]
    contacts: list[s.Contact]
