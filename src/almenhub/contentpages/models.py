from __future__ import annotations

from typing import Any

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from almenhub.contentpages.selectors import member_organisations_by_kind
from almenhub.core.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from almenhub.core.pages.imported import ImportedPageMixin
from almenhub.search.registry import SearchKind
from almenhub.taxonomy.widgets import GroupedThemeCheckboxes


class ContentKind(models.TextChoices):
    ABOUT = "about", "Om foreningen"
    MEMBERSHIP = "membership", "Medlemskab"
    CONTACT = "contact", "Kontakt"
    TOOL = "tool", "Værktøj"
    OTHER = "other", "Anden side"


class ContentPage(ImportedPageMixin, Page):
    """A plain page of text: about the association, membership, contact, a
    tool (the old site's tool platform), with sub-pages of its own."""

    kind = models.CharField(
        "sidetype",
        max_length=20,
        choices=ContentKind.choices,
        default=ContentKind.OTHER,
        help_text=(
            "Hvad siden er. En værktøjsside med et tema vises under "
            "“Værktøjer” på temaets temaside; en om- eller kontaktside "
            "beskrives sådan for søgemaskiner."
        ),
    )
    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om siden. Vises under overskriften, i lister og i "
            "søgeresultater."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name="brødtekst",
        blank=True,
        help_text="Sidens tekst med mellemrubrikker og citater.",
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name="temaer",
        blank=True,
        related_name="content_pages",
        help_text=(
            "Frivilligt. En værktøjsside med et tema vises på temaets "
            "temaside, og søgningens temafilter finder siden."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Sidens overskrift. Vises øverst, i brødkrummen og i søgeresultater."
            ),
        ),
        FieldPanel("kind"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("themes", widget=GroupedThemeCheckboxes),
    ]
    search_kind = SearchKind(
        kind="page",
        label="Side",
        label_plural="Sider",
        slug="side",
        position=8,
        themes="themes",
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = [
        "home.HomePage",
        "contentpages.ContentPage",
        "themepages.ThemeHubPage",
    ]
    subpage_types = ["contentpages.ContentPage", "contentpages.MemberListPage"]
    template = "contentpages/content_page.html"

    class Meta:
        verbose_name = "indholdsside"
        verbose_name_plural = "indholdssider"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context


class MemberListPage(Page):
    """The association's member organisations: every organisation marked as
    a member (`Organisation.is_member`), so the list follows the register
    and nobody keeps a second one by hand."""

    intro = RichTextField(
        "introduktion",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst under overskriften, over listen af medlemmer.",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Sidens overskrift, fx “Medlemmer”. Vises øverst og i brødkrummen."
            ),
        ),
        FieldPanel("intro"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "contentpages.ContentPage"]
    subpage_types: list[str] = []
    template = "contentpages/member_list_page.html"
    max_count = 1

    class Meta:
        verbose_name = "medlemsoversigt"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["member_groups"] = member_organisations_by_kind()
        return context
