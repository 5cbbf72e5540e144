"""The schemas of news."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class NewsFilters(Schema):
    theme: s.Slug = s.theme_filter()
    year: s.Year = s.optional("Nyhedens år.")
    month: Annotated[int, Field(ge=1, le=12)] = s.optional(
        "Nyhedens måned (1–12). Med `year` den måned det år; alene den "
        "måned i alle år (fx month=12: alle decembernyheder)."
    )
    project: s.Id = s.optional("Et relateret projekts id.")
    updated_since: s.Moment = s.updated_since_filter()


class NewsOut(s.Selectable):
    id: int
    title: str
    url: str = Field(description="Nyheden på almenhub: /nyheder/år/måned/kortnavn/.")
    api_url: str
    date: datetime.date = Field(description="Nyhedens dato.")
    byline: str = Field(description="Skribent, fx “Mette Jensen for …”.")
    teaser: str = Field(description="Manchetten.")
    image_url: str | None
    image_credit: str
    themes: list[s.ThemeRef]
    related_projects: list[s.PageRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class NewsDetailOut(NewsOut):
    body_html: str
