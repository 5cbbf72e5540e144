"""The schemas of organisations."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class OrganisationFilters(Schema):
    kind: Literal[
        "housing",
        "association",
        "municipality",
        "company",
        "education",
        "network",
        "other",
    ] = s.optional("Organisationstype.")
    municipality: s.Text = s.optional("Kommune, fx Aarhus.")
    member: bool = s.optional(
        "Kun foreningens medlemmer (true) eller kun ikke-medlemmer (false)."
    )


class Department(s.Out):
    name: str
    number: str
    address: str
    postcode: str
    city: str
    homes: int | None


class OrganisationOut(s.Selectable):
    id: int
    name: str
    api_url: str
    kind: str
    kind_label: str
    website: str
    municipality: str
    is_member: bool = Field(description="Organisationen er medlem af foreningen.")
    description: str
    projects_api_url: str


class OrganisationDetailOut(OrganisationOut):
    departments: list[Department]
