"""The schemas of the themes."""

from __future__ import annotations

from ninja import Schema

from almenhub.opendata.schemas import common as s


class ThemeFilters(Schema):
    parent: s.Slug = s.optional("Kun undertemaer til dette hovedtema (kortnavn).")
    top_level: bool = s.optional(
        "Kun hovedtemaer (true) eller kun undertemaer (false)."
    )


class ThemeOut(s.Selectable):
    id: int
    slug: str
    name: str
    full_name: str
    parent: str | None
    description: str
    children: list[str]
    url: str
    api_url: str
    projects_api_url: str
