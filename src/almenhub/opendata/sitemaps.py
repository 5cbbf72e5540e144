"""sitemap.xml: an index of sections (pages, themes, listings), each paged by
Django's sitemap framework so that it scales past 50,000 addresses.

Django's sitemaps app is not installed, so the views render this app's
copies of its templates.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap

from almenhub.taxonomy.models import Theme


class Pages(PageSitemap):
    """Every live, public page of the request's site (Wagtail's own rules,
    so a page type can still override `get_sitemap_urls`)."""

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # Wagtail's default reads every page for this; the database can tell.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class Themes(Sitemap):
    def items(self) -> Any:
        return Theme.objects.order_by("pk")

    def location(self, item: Theme) -> str:
        return item.get_absolute_url()


class Listings(Sitemap):
    """Listings that are not pages. The search views (`/soeg/…`, the project
    listing among them) ask not to be indexed, so they are not offered."""

    def items(self) -> list[str]:
        return ["taxonomy:index"]

    def location(self, item: str) -> str:
        return reverse(item)


def _sections(request: HttpRequest) -> dict[str, Sitemap]:
    return {"sider": Pages(request), "temaer": Themes(), "oversigter": Listings()}


def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(
        request,
        _sections(request),
        template_name="opendata/sitemap_index.xml",
        sitemap_url_name="opendata:sitemap-section",
    )


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(
        request,
        _sections(request),
        section=section,
        template_name="opendata/sitemap.xml",
    )
