"""Meeting series and meetings as the API shows them.

Who registered, and who presents, is personal data and stays out; a meeting
shows only how many seats are left.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from almenhub.core.pages.visibility import is_public
from almenhub.opendata.representations import common as rep


def meeting_series_item(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **rep.page_head(page, urls, "meeting_series"),
        "meetings_api_url": urls.api_list("meetings", series=page.pk),
        "teaser": page.teaser,
        "themes": rep.theme_refs(page.themes),
        "co_organisers": [
            rep.organisation_ref(org, urls)
            for org in sorted(page.co_organisers.all(), key=lambda o: o.name)
        ],
        "project": rep.page_ref(page.project, urls)
        if page.project_id and is_public(page.project)
        else None,
        **rep.published(page),
    }


def meeting_series_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **meeting_series_item(page, urls),
        "description_html": rep.richtext_html(page.description),
    }


def meeting_item(
    page: Any, urls: rep.Urls, parents: dict[str, Page] | None = None
) -> dict[str, Any]:
    parents = parents or {}
    parent = parents.get(page.path[: -Page.steplen]) or page.get_parent()
    confirmed = getattr(page, "confirmed_seats", None)
    if confirmed is None:
        confirmed = page.confirmed_count()
    return {
        **rep.page_head(page, urls, "meetings"),
        "teaser": page.teaser,
        "series": rep.page_ref(parent, urls)
        if parent is not None and parent.specific_class.__name__ == "MeetingSeriesPage"
        else None,
        "starts_at": page.starts_at,
        "ends_at": page.ends_at,
        "city": page.city,
        "venue": page.venue,
        "address": page.address,
        "capacity": page.capacity,
        "seats_left": max(0, page.capacity - confirmed),
        "price": float(page.price),
        "no_show_fee": float(page.no_show_fee),
        "currency": "DKK",
        "registration_deadline": page.registration_deadline,
        "registration_open": page.registration_open,
        "max_per_organisation": page.max_per_organisation,
        "register_url": urls.absolute(page.subpage_url("register")),
        "calendar_url": urls.absolute(page.subpage_url("calendar")),
        **rep.published(page),
    }


def meeting_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    """A meeting's public programme; presentations keep their organisation."""
    contributions = (
        page.contributions.select_related("organisation")
        .prefetch_related(page.public_examples())
        .order_by("-is_highlight", "sort_order", "pk")
    )
    return {
        **meeting_item(page, urls),
        "agenda_html": rep.streamfield_html(page.agenda),
        "contact": rep.contact(page.contact, urls),
        "contributions": [
            {
                "title": c.title,
                "organisation": rep.organisation_ref(c.organisation, urls),
                "summary": c.summary,
                "slides_url": urls.absolute(c.slides.url) if c.slides else None,
                "is_highlight": c.is_highlight,
                "examples": [rep.page_ref(e, urls) for e in c.examples.all()],
            }
            for c in contributions
        ],
    }
