"""The schemas of the indicator catalogue."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from almenhub.opendata.schemas import common as s


class IndicatorFilters(Schema):
    bottom_line: Literal["social", "climate_environment", "economic"] = s.optional(
        "Bundlinje."
    )
    biodiversity: bool = s.optional(
        "Kun indikatorer for biodiversitet (true) eller uden (false)."
    )


class SectorFigures(s.Out):
    examples: int
    values: int
    total: float | None = Field(
        description="Tom for procenter, der ikke kan lægges sammen."
    )


class IndicatorOut(s.Selectable):
    id: int
    slug: str
    name: str
    api_url: str
    bottom_line: str
    bottom_line_label: str
    biodiversity: bool
    unit: str
    unit_kind: str
    higher_is_better: bool
    allow_negative: bool
    definition: str
    how_to_measure: str
    sector: SectorFigures = Field(
        description="Opnåede værdier fra offentliggjorte eksempler (mål tælles ikke)."
    )
