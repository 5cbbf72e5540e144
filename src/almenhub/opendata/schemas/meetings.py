"""The schemas of meeting series and meetings."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class MeetingSeriesFilters(Schema):
    theme: s.Slug = s.theme_filter()


class MeetingFilters(Schema):
    theme: s.Slug = s.optional(
        "Mødeseriens tema (kortnavn); et hovedtema tager sine undertemaer med."
    )
    series: s.Id = s.optional("Mødeseriens id.")
    city: s.Text = s.optional("By, fx Odense.")
    starts_after: s.Moment = s.optional(
        "Kun møder, der starter på eller efter dette tidspunkt (ISO 8601)."
    )
    starts_before: s.Moment = s.optional(
        "Kun møder, der starter før dette tidspunkt (ISO 8601)."
    )
    updated_since: s.Moment = s.updated_since_filter()


class MeetingSeriesOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    meetings_api_url: str
    teaser: str
    themes: list[s.ThemeRef]
    co_organisers: list[s.OrganisationRef]
    project: s.PageRef | None
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class MeetingSeriesDetailOut(MeetingSeriesOut):
    description_html: str


class MeetingOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    series: s.PageRef | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    city: str
    venue: str
    address: str
    capacity: int
    seats_left: int = Field(description="Ledige pladser; 0 betyder venteliste.")
    price: float
    no_show_fee: float
    currency: Literal["DKK"]
    registration_deadline: datetime.datetime
    registration_open: bool
    max_per_organisation: int | None
    register_url: str
    calendar_url: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ContributionOut(s.Out):
    title: str
    organisation: s.OrganisationRef | None
    summary: str
    slides_url: str | None
    is_highlight: bool
    examples: list[s.PageRef]


class MeetingDetailOut(MeetingOut):
    agenda_html: str
    contact: s.Contact | None
    contributions: list[ContributionOut]
