"""Rows as the API shows them: plain dicts in the shape of `schemas`.

Every URL is absolute, built from the request, so that a harvested record
still points home. Contact persons appear only when they have agreed to
show their details (`Person.show_contact_details`); otherwise they are left
out altogether, name included, since open data is copied in bulk.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from almenhub.core.pages.visibility import is_public, only_public, public_pages
from almenhub.organisations.models import Organisation
from almenhub.people.models import Person
from almenhub.taxonomy.models import Theme

API_NAMESPACE = "opendata:api-v1"


class Urls:
    """Absolute URLs for one request."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._lists: dict[str, str] = {}

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path) if path else ""

    def page(self, page: Page) -> str:
        return self.absolute(page.get_url(self.request) or "")

    def api(self, name: str, /, **kwargs: Any) -> str:
        return self.absolute(reverse(f"{API_NAMESPACE}:{name}", kwargs=kwargs or None))

    def api_list(self, name: str, /, **params: Any) -> str:
        return f"{self.list_url(name)}?{urlencode(params)}"

    def list_url(self, name: str) -> str:
        if name not in self._lists:
            self._lists[name] = self.api(name)
        return self._lists[name]

    def detail(self, list_name: str, key: int | str) -> str:
        """An item's API address: its list's address and its key (every
        detail route is `<list>/<key>/`), without a reverse per row."""
        return f"{self.list_url(list_name)}{key}/"


def theme_ref(theme: Theme) -> dict[str, Any]:
    return {
        "slug": theme.slug,
        "name": theme.name,
        "parent": theme.parent.slug if theme.parent_id else None,
    }


def theme_refs(themes: Any) -> list[dict[str, Any]]:
    ordered = sorted(
        themes.all(),
        key=lambda t: (
            t.parent.sort_order if t.parent_id else t.sort_order,
            t.parent_id is not None,
            t.sort_order,
            t.name,
        ),
    )
    return [theme_ref(t) for t in ordered]


def organisation_ref(org: Organisation | None, urls: Urls) -> dict[str, Any] | None:
    if org is None:
        return None
    return {
        "id": org.pk,
        "name": org.name,
        "api_url": urls.detail("organisations", org.pk),
    }


def contact(person: Person | None, urls: Urls) -> dict[str, Any] | None:
    if person is None or not person.show_contact_details:
        return None
    return {
        "name": person.name,
        "job_title": person.job_title,
        "organisation": organisation_ref(person.organisation, urls),
        "email": person.public_email,
        "phone": person.public_phone,
    }


def contacts(links: Any, urls: Urls) -> list[dict[str, Any]]:
    rows = (contact(link.person, urls) for link in links)
    return [row for row in rows if row is not None]


def page_ref(page: Page, urls: Urls) -> dict[str, Any]:
    return {"id": page.pk, "title": page.title, "url": urls.page(page)}


def richtext_html(value: str) -> str:
    return expand_db_html(value) if value else ""


def _published(page: Page) -> dict[str, Any]:
    return {
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


# -- projects and programmes ---------------------------------------------------


def project_item(
    page: Any, urls: Urls, parents: dict[str, Page] | None = None
) -> dict[str, Any]:
    parents = parents or {}
    parent = parents.get(page.path[: -Page.steplen])
    if parent is None and not parents:
        parent = page.get_parent()
    programme = None
    if parent is not None and parent.specific_class.__name__ == "ProgrammePage":
        programme = page_ref(parent, urls)
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("projects", page.pk),
        "teaser": page.teaser,
        # A status the page does not state is no status (not "").
        "status": page.status or None,
        "status_label": page.get_status_display(),
        "year": page.publication_year,
        "owner": organisation_ref(page.owner_organisation, urls),
        "programme": programme,
        "themes": theme_refs(page.themes),
        **_published(page),
    }


def project_detail(page: Any, urls: Urls) -> dict[str, Any]:
    deliverables = page.deliverables.select_related("publication", "document")
    related = only_public(
        link.related for link in page.related_links.select_related("related")
    )
    return {
        **project_item(page, urls),
        "participants": [
            organisation_ref(org, urls) for org in page.participants.order_by("name")
        ],
        "participants_text": page.participants_text,
        "contacts": contacts(
            page.contacts.select_related("person__organisation"), urls
        ),
        "body_html": str(page.body) if page.body else "",
        "deliverables": [
            {
                "title": d.title,
                "kind": d.kind,
                "kind_label": d.get_kind_display(),
                "description": d.description,
                "url": urls.absolute(d.link_url),
                "publication_id": d.publication_id
                if d.publication_id and is_public(d.publication)
                else None,
            }
            for d in deliverables
        ],
        "quotes": [
            {"text": q.text, "author": q.author, "role": q.role}
            for q in page.quotes.all()
        ],
        "facts": [{"heading": f.heading, "text": f.text} for f in page.facts.all()],
        "related_projects": [page_ref(p, urls) for p in related],
        "publications": [
            page_ref(p, urls)
            for p in public_pages(page.publications.all()).order_by("pk")
        ],
    }


def programme_item(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("programmes", page.pk),
        "projects_api_url": urls.api_list("projects", programme=page.pk),
        "teaser": page.teaser,
        "owner": organisation_ref(page.owner_organisation, urls),
        **_published(page),
    }


def programme_detail(page: Any, urls: Urls) -> dict[str, Any]:
    return {**programme_item(page, urls), "intro_html": richtext_html(page.intro)}


# -- publications ---------------------------------------------------------------


def publication_item(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("publications", page.pk),
        "teaser": page.teaser,
        "series": {"slug": page.series.slug, "name": page.series.name}
        if page.series_id
        else None,
        "year": page.year,
        "document_url": urls.absolute(page.document_url) if page.document_id else None,
        "prepared_by": page.prepared_by,
        "prepared_for": page.prepared_for,
        "photos": page.photos,
        "rights": page.rights,
        "funders": page.funders,
        "layout": page.layout,
        "isbn": page.isbn,
        "projects": [page_ref(p, urls) for p in page.projects.all()],
        **_published(page),
    }


def publication_detail(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        **publication_item(page, urls),
        "body_html": str(page.body) if page.body else "",
    }


# -- organisations and themes ---------------------------------------------------


def organisation_item(org: Organisation, urls: Urls) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "api_url": urls.detail("organisations", org.pk),
        "kind": org.kind,
        "kind_label": org.get_kind_display(),
        "website": org.website,
        "municipality": org.municipality,
        "is_member": org.is_member,
        "description": org.description,
        "projects_api_url": urls.api_list("projects", owner=org.pk),
    }


def organisation_detail(org: Organisation, urls: Urls) -> dict[str, Any]:
    return {
        **organisation_item(org, urls),
        "departments": [
            {
                "name": d.name,
                "number": d.number,
                "address": d.address,
                "postcode": d.postcode,
                "city": d.city,
                "homes": d.homes,
            }
            for d in org.departments.all()
        ],
    }


def theme_item(theme: Theme, urls: Urls) -> dict[str, Any]:
    return {
        "id": theme.pk,
        "slug": theme.slug,
        "name": theme.name,
        "full_name": theme.full_name,
        "parent": theme.parent.slug if theme.parent_id else None,
        "description": theme.description,
        "children": [c.slug for c in theme.children.all()],
        "url": urls.absolute(theme.get_absolute_url()),
        "api_url": urls.detail("themes", theme.slug),
        "projects_api_url": urls.api_list("projects", theme=theme.slug),
    }


# -- examples and indicators ----------------------------------------------------


def indicator_value(value: Any) -> dict[str, Any]:
    indicator = value.indicator
    return {
        "indicator": indicator.slug,
        "indicator_name": indicator.name,
        "bottom_line": indicator.bottom_line,
        "unit": indicator.unit,
        "value": float(value.value),
        "period_start": value.period_start,
        "period_end": value.period_end,
        "year": value.year,
        "method": value.method,
        "method_label": value.get_method_display(),
        "source": value.source,
    }


def example_item(page: Any, urls: Urls) -> dict[str, Any]:
    department = page.department
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("examples", page.pk),
        "teaser": page.teaser,
        "organisation": organisation_ref(page.organisation, urls),
        "department": department.name if department is not None else "",
        "municipality": page.municipality,
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
        "task": {"slug": page.task.slug, "name": page.task.name},
        "status": page.status,
        "status_label": page.get_status_display(),
        "themes": theme_refs(page.themes),
        "values": [indicator_value(v) for v in page.values.all()],
        **_published(page),
    }


def example_detail(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        **example_item(page, urls),
        "what_was_done_html": richtext_html(page.what_was_done),
        "results_html": richtext_html(page.results),
        "lessons_html": richtext_html(page.lessons),
        "building_blocks": [
            {"title": b.title, "description": b.description}
            for b in page.building_blocks.all()
        ],
        "contacts": contacts(
            page.contacts.select_related("person__organisation"), urls
        ),
    }


def indicator_item(indicator: Any, figures: Any, urls: Urls) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "slug": indicator.slug,
        "name": indicator.name,
        "api_url": urls.detail("indicators", indicator.slug),
        "bottom_line": indicator.bottom_line,
        "bottom_line_label": indicator.bottom_line_label,
        "biodiversity": indicator.biodiversity,
        "unit": indicator.unit,
        "unit_kind": indicator.unit_kind,
        "higher_is_better": indicator.higher_is_better,
        "allow_negative": indicator.allow_negative,
        "definition": indicator.definition,
        "how_to_measure": indicator.how_to_measure,
        "sector": {
            "examples": figures.examples,
            "values": figures.values,
            "total": figures.total,
        },
    }


# -- meetings ---------------------------------------------------------------------


def meeting_series_item(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("meeting_series", page.pk),
        "meetings_api_url": urls.api_list("meetings", series=page.pk),
        "teaser": page.teaser,
        "themes": theme_refs(page.themes),
        "co_organisers": [
            organisation_ref(org, urls)
            for org in sorted(page.co_organisers.all(), key=lambda o: o.name)
        ],
        "project": page_ref(page.project, urls)
        if page.project_id and is_public(page.project)
        else None,
        **_published(page),
    }


def meeting_series_detail(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        **meeting_series_item(page, urls),
        "description_html": richtext_html(page.description),
    }


def meeting_item(
    page: Any, urls: Urls, parents: dict[str, Page] | None = None
) -> dict[str, Any]:
    parents = parents or {}
    parent = parents.get(page.path[: -Page.steplen]) or page.get_parent()
    confirmed = getattr(page, "confirmed_seats", None)
    if confirmed is None:
        confirmed = page.confirmed_count()
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("meetings", page.pk),
        "teaser": page.teaser,
        "series": page_ref(parent, urls)
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
        **_published(page),
    }


def meeting_detail(page: Any, urls: Urls) -> dict[str, Any]:
    """A meeting's public programme. Who registered, and who presents, is
    personal data and stays out; presentations keep their organisation."""
    contributions = (
        page.contributions.select_related("organisation")
        .prefetch_related(page.public_examples())
        .order_by("-is_highlight", "sort_order", "pk")
    )
    return {
        **meeting_item(page, urls),
        "agenda_html": str(page.agenda) if page.agenda else "",
        "contact": contact(page.contact, urls),
        "contributions": [
            {
                "title": c.title,
                "organisation": organisation_ref(c.organisation, urls),
                "summary": c.summary,
                "slides_url": urls.absolute(c.slides.url) if c.slides else None,
                "is_highlight": c.is_highlight,
                "examples": [page_ref(e, urls) for e in c.examples.all()],
            }
            for c in contributions
        ],
    }


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html).split())


# -- news, theme pages and content pages -------------------------------------------

IMAGE_RENDITION = "max-1200x1200"


def news_item(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("news", page.pk),
        "date": page.date,
        "byline": page.byline,
        "teaser": page.teaser,
        "image_url": urls.absolute(page.image.get_rendition(IMAGE_RENDITION).url)
        if page.image_id
        else None,
        "image_credit": page.image_credit,
        "themes": theme_refs(page.themes),
        "related_projects": [page_ref(p, urls) for p in page.related_projects.all()],
        **_published(page),
    }


def news_detail(page: Any, urls: Urls) -> dict[str, Any]:
    return {**news_item(page, urls), "body_html": str(page.body) if page.body else ""}


def _public_children(page: Page, urls: Urls) -> list[dict[str, Any]]:
    return [
        page_ref(p, urls) for p in public_pages(page.get_children()).order_by("path")
    ]


def theme_page_item(
    page: Any, urls: Urls, parents: dict[str, Page] | None = None
) -> dict[str, Any]:
    parents = parents if parents is not None else {}
    parent = parents.get(page.path[: -Page.steplen]) if parents else page.get_parent()
    is_hub = parent is not None and parent.specific_class is type(page)
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("theme_pages", page.pk),
        "teaser": page.teaser,
        "themes": theme_refs(page.themes),
        "parent": page_ref(parent, urls) if is_hub and is_public(parent) else None,
        **_published(page),
    }


def theme_page_detail(page: Any, urls: Urls, sections: list[Any]) -> dict[str, Any]:
    return {
        **theme_page_item(page, urls),
        "intro_html": richtext_html(page.intro),
        "sections": [
            {
                "heading": section.heading,
                "kind": section.kind,
                "items": [
                    {
                        "title": item.title,
                        "url": urls.absolute(item.url),
                        "label": item.label,
                        "teaser": item.teaser,
                        "page_id": item.page_id,
                    }
                    for item in section.items
                ],
            }
            for section in sections
        ],
        "subpages": _public_children(page, urls),
    }


def content_page_item(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail("content_pages", page.pk),
        "kind": page.kind,
        "kind_label": page.get_kind_display(),
        "teaser": page.teaser,
        "themes": theme_refs(page.themes),
        **_published(page),
    }


def content_page_detail(page: Any, urls: Urls) -> dict[str, Any]:
    return {
        **content_page_item(page, urls),
        "body_html": str(page.body) if page.body else "",
        "subpages": _public_children(page, urls),
    }
