"""The schemas of the content pages (about, membership, contact, tools)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema

from almenhub.opendata.schemas import common as s


class ContentPageFilters(Schema):
    kind: Literal["about", "membership", "contact", "tool", "other"] = s.optional(
        "Sidetype."
    )


class ContentPageOut(s.Selectable):
    id: int
    title: str
    url: str
    api_url: str
    kind: Literal["about", "membership", "contact", "tool", "other"]
    kind_label: str
    teaser: str
    themes: list[s.ThemeRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ContentPageDetailOut(ContentPageOut):
    body_html: str
    subpages: list[s.PageRef]
