"""What every collection's representation is built from: absolute URLs, the
shared references (theme, organisation, page, contact) and the page fields
every item has.

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
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from almenhub.core.pages.visibility import public_pages
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
        "parent": theme.parent.slug if theme.parent is not None else None,
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


def streamfield_html(value: Any) -> str:
    return str(value) if value else ""


def page_head(page: Page, urls: Urls, collection: str) -> dict[str, Any]:
    """The keys every page item starts with; `collection` is its list's URL name."""
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "api_url": urls.detail(collection, page.pk),
    }


def published(page: Page) -> dict[str, Any]:
    return {
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def public_children(page: Page, urls: Urls) -> list[dict[str, Any]]:
    return [
        page_ref(p, urls) for p in public_pages(page.get_children()).order_by("path")
    ]
