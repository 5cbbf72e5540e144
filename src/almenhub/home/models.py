from __future__ import annotations

from typing import Any

from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from almenhub.news.models import NewsIndexPage, NewsPage
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.search.selectors import theme_counts
from almenhub.taxonomy.selectors import theme_tree

NEWEST_PROJECTS = 6
NEWEST_NEWS = 3


class HomePage(Page):
    intro = RichTextField(
        "introduktion",
        blank=True,
        help_text="Kort tekst under overskriften på forsiden, over søgefeltet.",
    )

    content_panels = [
        TitleFieldPanel("title", help_text="Forsidens overskrift, øverst på forsiden."),
        FieldPanel("intro"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "projects.ProgrammePage",
        "publications.PublicationIndexPage",
        "examples.ExampleIndexPage",
        "meetings.MeetingSeriesPage",
        "news.NewsIndexPage",
        "themepages.ThemeHubIndexPage",
        "contentpages.ContentPage",
        "contentpages.MemberListPage",
    ]
    template = "home/home_page.html"
    max_count = 1
    # Lists the newest pages and counts per theme by its own queries: any
    # page change may show here (core/proxy.py).
    proxy_lists = True

    class Meta:
        verbose_name = "forside"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["newest_projects"] = (
            ProjectPage.objects.live()
            .public()
            .select_related("owner_organisation")
            .prefetch_related("themes__parent")
            .order_by("-first_published_at")[:NEWEST_PROJECTS]
        )
        context["newest_news"] = (
            NewsPage.objects.live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")[:NEWEST_NEWS]
        )
        context["news_index"] = NewsIndexPage.objects.live().public().first()
        context["theme_tree"] = theme_tree(counts=theme_counts())
        context["programmes"] = ProgrammePage.objects.live().public().order_by("path")
        context["newest_publications"] = (
            PublicationPage.objects.live()
            .public()
            .select_related("series")
            .order_by("-year", "-first_published_at")[:4]
        )
        return context
