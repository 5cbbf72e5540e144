"""RSS 2.0 and Atom feeds of what is new: projects, publications, meetings
and news, for the whole site and per theme; and the news on their own.

A publication has no themes of its own; it belongs to a theme through the
projects it came out of.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Page

from almenhub.news.models import NewsIndexPage, NewsPage
from almenhub.opendata import selectors
from almenhub.projects.models import ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.taxonomy.models import Theme

FEED_SIZE = 30


@dataclass(frozen=True)
class Subject:
    request: HttpRequest
    theme: Theme | None


@dataclass
class Entry:
    kind: str
    page: Page
    description: str
    categories: list[str] = field(default_factory=list)
    # When the entry says it was published, if not when its page went live:
    # a news article's own date (an imported one went live on import day).
    published_at: datetime.datetime | None = None

    @property
    def published(self) -> datetime.datetime:
        return self.published_at or self.page.first_published_at or timezone.now()


def _news_published(page: NewsPage) -> datetime.datetime:
    """The article's date, at the time of day it went live when that was on
    the same day (so the day's order holds), else at midnight."""
    went_live = page.first_published_at
    if went_live is not None and timezone.localdate(went_live) == page.date:
        return went_live
    return timezone.make_aware(datetime.datetime.combine(page.date, datetime.time()))


def news_entries(theme: Theme | None) -> list[Entry]:
    news = NewsPage.objects.live().public().prefetch_related("themes")
    if theme is not None:
        news = news.filter(themes__in=selectors.theme_ids(theme.slug)).distinct()
    return [
        Entry("Nyhed", page, page.teaser, _theme_names(page), _news_published(page))
        for page in news.order_by("-date", "-first_published_at", "-pk")[:FEED_SIZE]
    ]


def _theme_names(page: Any) -> list[str]:
    return [t.name for t in page.themes.all()]


def latest_entries(theme: Theme | None) -> list[Entry]:
    slug = theme.slug if theme else None
    entries: list[Entry] = []
    projects = selectors.projects(theme=slug).order_by("-first_published_at", "-pk")
    for page in projects[:FEED_SIZE]:
        entries.append(Entry("Projekt", page, page.teaser, _theme_names(page)))
    publications = PublicationPage.objects.live().public().select_related("series")
    if theme is not None:
        publications = publications.filter(
            projects__in=ProjectPage.objects.filter(
                themes__in=selectors.theme_ids(slug)
            )
        ).distinct()
    for page in publications.order_by("-first_published_at", "-pk")[:FEED_SIZE]:
        categories = [page.series.name] if page.series_id else []
        entries.append(Entry("Publikation", page, page.teaser, categories))
    if selectors.optional_model("meetings", "MeetingPage"):
        meetings = selectors.meetings(theme=slug).order_by("-first_published_at", "-pk")
        for page in meetings[:FEED_SIZE]:
            entries.append(Entry("Møde", page, _meeting_text(page)))
    entries += news_entries(theme)
    entries.sort(key=lambda e: (e.published, e.page.pk), reverse=True)
    return entries[:FEED_SIZE]


def _meeting_text(page: Any) -> str:
    starts = timezone.localtime(page.starts_at)
    when = f"{starts:%d.%m.%Y} kl. {starts:%H.%M}"
    place = ", ".join(p for p in (page.venue, page.city) if p)
    text = f"{when}, {place}."
    return f"{text} {page.teaser}".strip()


class LatestRss(Feed):
    feed_type = Rss201rev2Feed
    language = "da"

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Subject:
        theme = Theme.objects.get(slug=slug) if slug else None
        return Subject(request=request, theme=theme)

    def title(self, obj: Subject) -> str:
        if obj.theme is not None:
            return f"almenhub: nyt om {obj.theme.name}"
        return "almenhub: nye projekter, publikationer, møder og nyheder"

    def description(self, obj: Subject) -> str:
        where = f" om {obj.theme.full_name}" if obj.theme else ""
        return f"Nye projekter, publikationer, møder og nyheder{where} på almenhub."

    subtitle = description

    def link(self, obj: Subject) -> str:
        return obj.theme.get_absolute_url() if obj.theme else "/"

    def feed_url(self, obj: Subject) -> str:
        return obj.request.path

    # RFC 4287 §4.1.1: an Atom feed names an author, or each entry does. The
    # hub is the feed's; an entry names its own where the page says who.
    def author_name(self) -> str:
        return settings.WAGTAIL_SITE_NAME

    def author_link(self, obj: Subject) -> str:
        return obj.request.build_absolute_uri("/")

    def item_author_name(self, item: Entry) -> str | None:
        page = item.page
        if isinstance(page, ProjectPage) and page.owner_organisation_id:
            return page.owner_organisation.name
        if isinstance(page, PublicationPage) and page.prepared_by:
            return page.prepared_by
        if isinstance(page, NewsPage) and page.byline:
            return page.byline
        return None

    def items(self, obj: Subject) -> list[Entry]:
        return latest_entries(obj.theme)

    def item_title(self, item: Entry) -> str:
        return f"{item.kind}: {item.page.title}"

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.page.get_url() or item.page.url_path

    def item_guid(self, item: Entry) -> str:
        return f"almenhub:page:{item.page.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.page.last_published_at or item.published

    def item_categories(self, item: Entry) -> list[str]:
        return [item.kind, *item.categories]


class LatestAtom(LatestRss):
    feed_type = Atom1Feed


class NewsRss(LatestRss):
    """The news alone, newest first, by their own dates."""

    def get_object(self, request: HttpRequest) -> Subject:
        return Subject(request=request, theme=None)

    def title(self, obj: Subject) -> str:
        return "almenhub: nyheder"

    def description(self, obj: Subject) -> str:
        return "Nyheder fra almenhub."

    subtitle = description

    def link(self, obj: Subject) -> str:
        index = NewsIndexPage.objects.live().first()
        return (index.url if index else None) or "/"

    def items(self, obj: Subject) -> list[Entry]:
        return news_entries(None)

    def item_title(self, item: Entry) -> str:
        return item.page.title


class NewsAtom(NewsRss):
    feed_type = Atom1Feed


def feed_links(theme: Theme | None = None) -> dict[str, str]:
    if theme is None:
        return {
            "rss": reverse("opendata:feed-rss"),
            "atom": reverse("opendata:feed-atom"),
        }
    return {
        "rss": reverse("opendata:theme-feed-rss", kwargs={"slug": theme.slug}),
        "atom": reverse("opendata:theme-feed-atom", kwargs={"slug": theme.slug}),
    }
