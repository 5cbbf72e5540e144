"""The schemas of publications."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class PublicationFilters(Schema):
    year: s.Year = s.optional("Udgivelsesår.")
    series: s.Slug = s.optional("Seriens kortnavn.")
    project: s.Id = s.optional("Et projekts id.")
    updated_since: s.Moment = s.updated_since_filter()


class SeriesRef(s.Out):
    slug: str
    name: str


class PublicationOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    series: SeriesRef | None
    year: int | None
    document_url: str | None = Field(description="Publikationens fil (PDF).")
    prepared_by: str
    prepared_for: str
    photos: str
    rights: str
    funders: str
    layout: str
    isbn: str
    projects: list[s.PageRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class PublicationDetailOut(PublicationOut):
    body_html: str
