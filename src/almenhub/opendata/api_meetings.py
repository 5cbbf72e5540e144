"""Meeting series and meetings: dates, places, prices and programmes.

Registrations are personal data and never reach the API; a meeting shows
only how many seats are left.
"""

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
    "/meeting-series/",
    response={200: s.page_of(s.MeetingSeriesOut), **ERRORS},
    url_name="meeting_series",
    summary="Mødeserier",
    tags=["Møder"],
)
def meeting_series_list(
    request: HttpRequest,
    filters: Query[s.MeetingSeriesFilters],
    paging: Query[s.Paging],
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.meeting_series(**filters.dict()),
        schema=s.MeetingSeriesOut,
        paging=paging,
        represent=lambda rows: [rep.meeting_series_item(p, urls) for p in rows],
    )


@router.get(
    "/meeting-series/{int:id}/",
    response={200: s.MeetingSeriesDetailOut, **ERRORS},
    url_name="meeting_series_detail",
    summary="En mødeserie",
    tags=["Møder"],
)
def meeting_series_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.one_meeting_series(id),
        schema=s.MeetingSeriesDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.meeting_series_detail(page, urls),
        not_found=f"Mødeserie {id} findes ikke, eller den er ikke offentlig.",
    )


@router.get(
    "/meetings/",
    response={200: s.page_of(s.MeetingOut), **ERRORS},
    url_name="meetings",
    summary="Møder",
    tags=["Møder"],
)
def meeting_list(
    request: HttpRequest, filters: Query[s.MeetingFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)

    def represent(rows: list) -> list[dict]:
        parents = selectors.parents_by_path(rows)
        return [rep.meeting_item(p, urls, parents) for p in rows]

    return list_response(
        request,
        selectors.meetings(**filters.dict()),
        schema=s.MeetingOut,
        paging=paging,
        represent=represent,
    )


@router.get(
    "/meetings/{int:id}/",
    response={200: s.MeetingDetailOut, **ERRORS},
    url_name="meeting",
    summary="Et møde",
    tags=["Møder"],
)
def meeting_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.meeting(id),
        schema=s.MeetingDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.meeting_detail(page, urls),
        not_found=f"Møde {id} findes ikke, eller det er ikke offentligt.",
    )
