"""Meeting series and meetings: dates, places, prices and programmes.

Registrations are personal data and never reach the API; a meeting shows
only how many seats are left.
"""

from __future__ import annotations

from ninja import Router

from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata import selectors
from almenhub.opendata.api_collections import (
    Collection,
    items,
    items_with_parents,
    register,
)

router = Router()

COLLECTIONS = (
    Collection(
        name="meeting_series",
        url_name="meeting_series",
        detail_url_name="meeting_series_detail",
        path="/meeting-series/",
        tag="Møder",
        summary="Mødeserier",
        detail_summary="En mødeserie",
        item=s.MeetingSeriesOut,
        detail=s.MeetingSeriesDetailOut,
        filters=s.MeetingSeriesFilters,
        rows=selectors.meeting_series,
        one=selectors.one_meeting_series,
        represent_rows=items(rep.meeting_series_item),
        represent_one=rep.meeting_series_detail,
        not_found="Mødeserie {key} findes ikke, eller den er ikke offentlig.",
    ),
    Collection(
        name="meeting",
        path="/meetings/",
        tag="Møder",
        summary="Møder",
        detail_summary="Et møde",
        item=s.MeetingOut,
        detail=s.MeetingDetailOut,
        filters=s.MeetingFilters,
        rows=selectors.meetings,
        one=selectors.meeting,
        represent_rows=items_with_parents(rep.meeting_item),
        represent_one=rep.meeting_detail,
        not_found="Møde {key} findes ikke, eller det er ikke offentligt.",
    ),
)
for collection in COLLECTIONS:
    register(router, collection, module=__name__)
