"""The schemas of theme pages and their sections."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class ThemePageFilters(Schema):
    theme: s.Slug = s.theme_filter()


class ThemePageOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    themes: list[s.ThemeRef]
    parent: s.PageRef | None = Field(
        description="Den overordnede temaside, hvis nogen."
    )
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class SectionItemOut(s.Out):
    title: str
    url: str
    label: str
    teaser: str
    page_id: int | None


class SectionOut(s.Out):
    heading: str
    kind: Literal["projects", "publications", "tools", "examples"]
    items: list[SectionItemOut]


class ThemePageDetailOut(ThemePageOut):
    intro_html: str
    sections: list[SectionOut]
    subpages: list[s.PageRef]
