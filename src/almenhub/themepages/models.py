from __future__ import annotations

from typing import Any

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from almenhub.core.blocks import RICH_TEXT_FEATURES
from almenhub.core.pages.imported import ImportedPageMixin
from almenhub.search.registry import SearchKind
from almenhub.taxonomy.widgets import GroupedThemeCheckboxes
from almenhub.themepages.blocks import HubSectionsBlock
from almenhub.themepages.selectors import hub_sections


class ThemeHubIndexPage(Page):
    """/temasider/: the theme pages, each gathering one subject."""

    intro = RichTextField(
        "introduktion",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst under overskriften, over listen af temasider.",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Oversigtens overskrift, fx “Temasider”; også navnet i "
                "hovedmenuen, når “vis i menuer” er markeret."
            ),
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["themepages.ThemeHubPage"]
    template = "themepages/theme_hub_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = "temasideoversigt"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["hubs"] = (
            ThemeHubPage.objects.child_of(self).live().public().order_by("path")
        )
        return context


class ThemeHubPage(ImportedPageMixin, Page):
    """A theme page (temaside): an introduction and sections that list the
    projects, publications, tools and examples of one subject.

    A section shows the pages the editor chose, then (when asked) the newest
    pages of its kind with the page's themes, so the page stays current
    without an editor. Sub-pages go below it (/temasider/<tema>/<afsnit>/).
    """

    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om temaet. Vises under overskriften, i oversigten "
            "over temasider og i søgeresultater."
        ),
    )
    intro = RichTextField(
        "introduktion",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Temaets præsentation. Vises under manchetten, over afsnittene.",
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name="temaer",
        blank=True,
        related_name="theme_hubs",
        help_text=(
            "Temaerne, siden samler. Afsnit, der fyldes op, tager de nyeste "
            "sider med disse temaer; et hovedtema tager sine undertemaer med."
        ),
    )
    sections = StreamField(
        HubSectionsBlock(),
        verbose_name="afsnit",
        blank=True,
        help_text=(
            "Afsnit som “Projekter”, “Vejledning”, “Viden” og “Værktøjer”, "
            "hver med sine sider, i denne rækkefølge."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Temasidens overskrift, fx “Biodiversitet”. Vises øverst, i "
                "oversigten og i søgeresultater."
            ),
        ),
        FieldPanel("teaser"),
        FieldPanel("intro"),
        FieldPanel("themes", widget=GroupedThemeCheckboxes),
        FieldPanel("sections"),
    ]
    search_kind = SearchKind(
        kind="themehub",
        label="Temaside",
        label_plural="Temasider",
        slug="temaside",
        position=7,
        themes="themes",
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("intro"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["themepages.ThemeHubIndexPage", "themepages.ThemeHubPage"]
    subpage_types = ["themepages.ThemeHubPage", "contentpages.ContentPage"]
    template = "themepages/theme_hub_page.html"
    # Its sections list the theme's newest pages by a query: a new page
    # of the theme may show here (core/proxy.py).
    proxy_lists = True

    class Meta:
        verbose_name = "temaside"
        verbose_name_plural = "temasider"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = self.themes.select_related("parent").order_by(
            "parent__sort_order", "sort_order"
        )
        context["hub_sections"] = hub_sections(self)
        context["subpages"] = self.get_children().live().public().specific()
        return context
