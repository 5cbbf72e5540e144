"""Examples with their indicator values, and the indicator catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ninja import Router

from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata import selectors
from almenhub.opendata.api_collections import (
    Collection,
    items,
    register,
)

router = Router()


def _indicator_items(rows: Sequence[Any], urls: rep.Urls) -> list[dict]:
    figures = selectors.sector_figures([i.pk for i in rows])
    empty = selectors.SectorFigures()
    return [rep.indicator_item(i, figures.get(i.pk, empty), urls) for i in rows]


def _indicator(indicator: Any, urls: rep.Urls) -> dict:
    return _indicator_items([indicator], urls)[0]


COLLECTIONS = (
    Collection(
        name="example",
        path="/examples/",
        tag="Eksempler",
        summary="Eksempler",
        description="Eksempler fra boligorganisationer med deres indikatorværdier.",
        detail_summary="Et eksempel",
        item=s.ExampleOut,
        detail=s.ExampleDetailOut,
        filters=s.ExampleFilters,
        rows=selectors.examples,
        one=selectors.example,
        represent_rows=items(rep.example_item),
        represent_one=rep.example_detail,
        not_found="Eksempel {key} findes ikke, eller det er ikke offentligt.",
    ),
    Collection(
        name="indicator",
        path="/indicators/",
        key="slug",
        tag="Indikatorer",
        summary="Indikatorer",
        description=(
            "Indikatorkataloget med sektorens tal: antal eksempler og værdier, sum "
            "og median af opnåede værdier fra offentliggjorte eksempler."
        ),
        detail_summary="En indikator",
        item=s.IndicatorOut,
        detail=s.IndicatorOut,
        filters=s.IndicatorFilters,
        rows=selectors.indicators,
        one=selectors.indicator_by_slug,
        represent_rows=_indicator_items,
        represent_one=_indicator,
        not_found="Indikatoren “{key}” findes ikke.",
    ),
)
for collection in COLLECTIONS:
    register(router, collection, module=__name__)
