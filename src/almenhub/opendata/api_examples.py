"""Examples with their indicator values, and the indicator catalogue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata import selectors
from almenhub.opendata.listing import detail_response, list_response

ERRORS = {400: s.ErrorOut, 404: s.ErrorOut, 429: s.ErrorOut}

router = Router()


@router.get(
    "/examples/",
    response={200: s.page_of(s.ExampleOut), **ERRORS},
    url_name="examples",
    summary="Eksempler",
    description="Eksempler fra boligorganisationer med deres indikatorværdier.",
    tags=["Eksempler"],
)
def example_list(
    request: HttpRequest, filters: Query[s.ExampleFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.examples(**filters.dict()),
        schema=s.ExampleOut,
        paging=paging,
        represent=lambda rows: [rep.example_item(p, urls) for p in rows],
    )


@router.get(
    "/examples/{int:id}/",
    response={200: s.ExampleDetailOut, **ERRORS},
    url_name="example",
    summary="Et eksempel",
    tags=["Eksempler"],
)
def example_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.example(id),
        schema=s.ExampleDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.example_detail(page, urls),
        not_found=f"Eksempel {id} findes ikke, eller det er ikke offentligt.",
    )


@router.get(
    "/indicators/",
    response={200: s.page_of(s.IndicatorOut), **ERRORS},
    url_name="indicators",
    summary="Indikatorer",
    description=(
        "Indikatorkataloget med sektorens tal: antal eksempler og værdier, sum "
        "og median af opnåede værdier fra offentliggjorte eksempler."
    ),
    tags=["Indikatorer"],
)
def indicator_list(
    request: HttpRequest, filters: Query[s.IndicatorFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)

    def represent(rows: list) -> list[dict]:
        figures = selectors.sector_figures([i.pk for i in rows])
        empty = selectors.SectorFigures()
        return [rep.indicator_item(i, figures.get(i.pk, empty), urls) for i in rows]

    return list_response(
        request,
        selectors.indicators(**filters.dict()),
        schema=s.IndicatorOut,
        paging=paging,
        represent=represent,
    )


@router.get(
    "/indicators/{slug}/",
    response={200: s.IndicatorOut, **ERRORS},
    url_name="indicator",
    summary="En indikator",
    tags=["Indikatorer"],
)
def indicator_detail(
    request: HttpRequest, slug: Path[s.Slug], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)

    def represent(indicator) -> dict:
        figures = selectors.sector_figures([indicator.pk]).get(
            indicator.pk, selectors.SectorFigures()
        )
        return rep.indicator_item(indicator, figures, urls)

    return detail_response(
        selectors.indicator_by_slug(slug),
        schema=s.IndicatorOut,
        fields=fields.fields,
        represent=represent,
        not_found=f"Indikatoren “{slug}” findes ikke.",
    )
